"""Enter on a value repaints that row alone: the table announces the one changed row (no
reset, no layout change); an edit starts from what is stored (empty for "no data"), not
from what the cell shows.  (The time it takes is measured in bench/bench_gui.py.)"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit

from desktop_app.core import entries
from desktop_app.core.i18n import translate
from desktop_app.core.plans import load_bundled_plan
from desktop_app.gui.indicators.model import COL_EVAL, COL_VALUE
from desktop_app.gui.main_window import MainWindow

from test_clerk_window import cell, type_value

TODAY = dt.date(2026, 11, 13)


def test_enter_announces_only_the_changed_row(qtbot, make_workspace):
    workspace, _ = make_workspace("so-ldtbxh", plan=load_bundled_plan("bacgiang-2024"), name="bg")
    window = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    model = window.indicator_model
    indicator_id = window.indicators.editable_rows_from(0)[2]
    row = model.row_of(indicator_id)
    announced = {"changed": [], "reset": 0, "layout": 0}
    model.dataChanged.connect(lambda top, bottom, roles=(): announced["changed"].append((top.row(), bottom.row(),
                                                                                           top.column(), bottom.column())))
    model.modelReset.connect(lambda: announced.__setitem__("reset", announced["reset"] + 1))
    window.indicators.proxy.layoutChanged.connect(lambda *a: announced.__setitem__("layout", announced["layout"] + 1))
    kind = workspace.plan.indicator(indicator_id).kind
    type_value(qtbot, window, indicator_id, "12" if kind == "count" else "2,8")
    assert entries.value(workspace, 2026, indicator_id) is not None
    assert announced["changed"] == [(row, row, 0, model.columnCount() - 1)]
    assert announced["reset"] == 0 and announced["layout"] == 0
    assert cell(window, indicator_id, COL_EVAL).data()  # the verdict beside it was refilled


def test_no_data_shows_in_words_but_an_edit_starts_empty(qtbot, make_workspace):
    workspace, _ = make_workspace("so-ldtbxh", plan=load_bundled_plan("khanhhoa-2024"), name="kh")
    entries.mark_no_data(workspace, 2026, "II.2", "Cục Thống kê chưa công bố")
    window = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    assert cell(window, "II.2", COL_VALUE).data() == translate("no data")
    view = window.indicators
    view.setCurrentIndex(cell(window, "II.2"))
    view.edit(view.currentIndex())
    editor = next(e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
    assert editor.text() == ""
