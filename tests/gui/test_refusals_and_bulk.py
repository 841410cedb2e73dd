"""A clerk's refused value stays where it was typed; a block pasted from Excel is one
action; "no data" goes to many selected rows with one reason; switching years leaves
nothing behind."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop_app.core import entries
from desktop_app.gui.indicators.model import COL_EVAL, COL_VALUE


def cell(window, indicator_id, column=COL_VALUE):
    view = window.indicators
    return view.proxy.mapFromSource(view.source.index(view.source.row_of(indicator_id), column))


def type_value(qtbot, window, indicator_id, text):
    view = window.indicators
    view.setCurrentIndex(cell(window, indicator_id))
    view.edit(view.currentIndex())
    editor = next(e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2000)


def test_a_refused_percentage_stays_in_its_cell_with_the_reason_beside_it_until_esc(qtbot, window):
    type_value(qtbot, window, "II.3", "101")
    assert entries.value(window.workspace, 2026, "II.3") is None  # nothing saved
    assert cell(window, "II.3").data() == "101"  # still there, where it was typed
    reason = cell(window, "II.3", COL_EVAL).data()
    assert "100" in reason
    assert cell(window, "II.3").data(Qt.BackgroundRole) is not None  # marked
    assert "101" in window.message_bar.text() or "100" in window.message_bar.text()
    assert window.message_bar.isVisible() and window.message_bar.level == "error"
    # Esc on the cell drops the refused text; the saved state (nothing) shows again.
    window.indicators.setCurrentIndex(cell(window, "II.3"))
    qtbot.keyClick(window.indicators, Qt.Key_Escape)
    assert cell(window, "II.3").data() == ""
    assert "100" not in (cell(window, "II.3", COL_EVAL).data() or "")


def test_correcting_a_refused_value_saves_it_and_clears_the_mark(qtbot, window):
    type_value(qtbot, window, "II.3", "101")
    type_value(qtbot, window, "II.3", "2,8")
    assert entries.value(window.workspace, 2026, "II.3").number == Decimal("2.8")
    assert cell(window, "II.3").data() == "2,8"
    assert cell(window, "II.3").data(Qt.BackgroundRole) is None


def test_a_block_pasted_from_excel_is_one_action_with_reasons_for_each_refusal(qtbot, window):
    view = window.indicators
    view.setCurrentIndex(cell(window, "II.2"))
    # Three rows copied from Excel: value, source, note; the second row is refused.
    QGuiApplication.clipboard().setText("2,8\tCục Thống kê\tƯớc tính\r\n101\tCục Thống kê\t\r\n3,5\t\t\r\n")
    qtbot.keyClick(view, Qt.Key_V, Qt.ControlModifier)
    ids = view.editable_rows_from(cell(window, "II.2").row())[:3]
    assert ids[0] == "II.2"
    first, refused, third = (entries.value(window.workspace, 2026, i) for i in ids)
    assert first.number == Decimal("2.8") and first.source == "Cục Thống kê" and first.note == "Ước tính"
    assert refused is None and cell(window, ids[1]).data() == "101"
    assert third.number == Decimal("3.5")
    assert "2 / 3" in window.message_bar.text() or ("2" in window.message_bar.text() and ids[1].split(".")[-1] in window.message_bar.text())
    # One undo step takes the whole paste back.
    window.undo_action.trigger()
    assert entries.value(window.workspace, 2026, ids[0]) is None
    assert entries.value(window.workspace, 2026, ids[2]) is None
    window.redo_action.trigger()
    assert entries.value(window.workspace, 2026, ids[2]).number == Decimal("3.5")


def test_pasting_more_rows_than_follow_changes_nothing(qtbot, window):
    view = window.indicators
    last = view.editable_rows_from(0)[-1]
    view.setCurrentIndex(cell(window, last))
    view.paste_text("1\n2\n3\n")
    assert entries.value(window.workspace, 2026, last) is None
    assert window.message_bar.level == "error"


def test_no_data_for_selected_rows_takes_one_reason(qtbot, window, monkeypatch):
    view = window.indicators
    ids = view.editable_rows_from(cell(window, "II.2").row())[:4]
    view.setCurrentIndex(cell(window, ids[0]))
    for indicator_id in ids[1:]:
        view.selectionModel().select(cell(window, indicator_id), QItemSelectionModel.Select)
    asked = []
    monkeypatch.setattr("desktop_app.gui.indicators.view.QInputDialog.getText",
                        lambda *args, **kwargs: (asked.append(args[2]) or "Cục Thống kê chưa công bố", True))
    view.no_data_for_selection()
    assert len(asked) == 1 and "4" in asked[0]
    for indicator_id in ids:
        assert entries.value(window.workspace, 2026, indicator_id).no_data_reason == "Cục Thống kê chưa công bố"
    window.undo_action.trigger()
    assert all(entries.value(window.workspace, 2026, i) is None for i in ids)


def test_switching_years_twenty_times_leaves_no_widget_model_or_connection_behind(qtbot, window):
    def census():
        QGuiApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        return (len(window.findChildren(QWidget)), len(window.findChildren(QAbstractItemModel)),
                window.tabs.count(), window.filter.receivers("2textChanged(QString)"),
                window.indicator_model.receivers("2saved(QString)"))

    window.load_year(2025)
    window.load_year(2026)
    before = census()
    for turn in range(20):
        window.year_box.setCurrentIndex(turn % window.year_box.count())
    window.load_year(2026)
    assert census() == before
    assert window.tabs.count() == 4
