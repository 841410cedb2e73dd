"""The history a clerk opens on a cell lists the changes made by a paste and by its undo,
as it lists a value typed in (a paste is stored as one audit row since schema 0006)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableWidget

from desktop_app.core import entries
from desktop_app.gui.indicators.history import HistoryDialog
from desktop_app.gui.indicators.model import COL_VALUE


def history_rows(qtbot, window, indicator_id):
    dialog = HistoryDialog(window.workspace, 2026, indicator_id, window)
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableWidget)
    return [tuple(table.item(r, c).text() for c in (2, 3, 4)) for r in range(table.rowCount())]


def test_the_history_of_a_cell_shows_the_value_typed_the_paste_over_it_and_its_undo(qtbot, window):
    view = window.indicators
    start = view.proxy.mapFromSource(view.source.index(view.source.row_of("II.2"), COL_VALUE))
    ids = view.editable_rows_from(start.row())[:2]
    entries.set_value(window.workspace, 2026, ids[0], "1,5")
    window.load_year(2026)
    view = window.indicators
    view.setCurrentIndex(view.proxy.mapFromSource(view.source.index(view.source.row_of(ids[0]), COL_VALUE)))
    QGuiApplication.clipboard().setText("2,8\tCục Thống kê\r\n3,5\t\r\n")
    qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    assert entries.value(window.workspace, 2026, ids[1]) is not None
    window.undo_action.trigger()

    first = history_rows(qtbot, window, ids[0])
    assert [r for r in first if r[0] == "value"] == [("value", "", "1.5"), ("value", "1.5", "2.8"), ("value", "2.8", "1.5")]
    assert ("source", "", "Cục Thống kê") in first
    assert history_rows(qtbot, window, ids[1]) == [("value", "", "3.5"), ("value", "3.5", "")]
