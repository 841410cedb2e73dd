"""The message strip above the indicators keeps its place: a refused paste, a saved value
or a dismissed message never moves the rows the clerk is looking at; a refusal goes when
the next edit goes through or when it is dismissed."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.core import entries
from desktop_app.gui.indicators.model import COL_VALUE


def cell(window, indicator_id, column=COL_VALUE):
    view = window.indicators
    return view.proxy.mapFromSource(view.source.index(view.source.row_of(indicator_id), column))


def where_the_rows_are(window) -> tuple:
    """Where the eye finds the rows: the viewport's place on the screen, the first row
    shown and where on the screen that row begins (a pasted row may grow taller to show
    its reason; rows do not move because a message came or went)."""
    QApplication.processEvents()
    view = window.indicators
    first = view.rowAt(0)
    return (view.viewport().mapToGlobal(QPoint(0, 0)), first,
            view.viewport().mapToGlobal(view.visualRect(view.proxy.index(first, COL_VALUE)).topLeft()))


def test_a_refused_paste_a_confirmation_and_a_dismissal_leave_the_rows_where_they_were(qtbot, window):
    view = window.indicators
    view.scrollTo(cell(window, "II.2"), view.ScrollHint.PositionAtTop)
    before = where_the_rows_are(window)
    assert window.message_bar.text() == ""

    view.setCurrentIndex(cell(window, "II.2"))
    view.paste_text("2,8\n101\n3,5\n")  # the second row is refused
    assert window.message_bar.level == "error" and "Chưa lưu" in window.message_bar.text()
    assert where_the_rows_are(window) == before

    long = "Không lưu — " + "giá trị phải từ 0 đến 100; " * 30  # longer than the strip: cut, whole in the tooltip
    window.warn(long)
    assert where_the_rows_are(window) == before
    assert window.message_bar.text() == long and window.message_bar.label.text().endswith("…")
    assert window.message_bar.label.toolTip() == long

    qtbot.mouseClick(window.message_bar.close_button, Qt.LeftButton)  # dismissed
    assert window.message_bar.text() == "" and window.message_bar.level == ""
    assert where_the_rows_are(window) == before

    window.say("Đã lưu II.2.")
    assert where_the_rows_are(window) == before
    window.message_bar.timer.timeout.emit()  # the confirmation fades
    assert window.message_bar.text() == ""
    assert where_the_rows_are(window) == before


def test_a_refused_paste_goes_when_the_next_edit_goes_through(qtbot, window):
    view = window.indicators
    view.setCurrentIndex(cell(window, "II.2"))
    view.paste_text("101\n")
    assert window.message_bar.level == "error"
    # The clerk corrects another value: the edit is saved and the old refusal is no longer shown.
    view.setCurrentIndex(cell(window, "II.3"))
    view.paste_text("3,5\n")
    assert entries.value(window.workspace, window.year, view.editable_rows_from(view.currentIndex().row())[0]).number \
        == Decimal("3.5")
    assert window.message_bar.level != "error"
    assert "101" not in window.message_bar.text()


def test_undoing_the_paste_takes_its_refusal_away_too(qtbot, window):
    view = window.indicators
    view.setCurrentIndex(cell(window, "II.2"))
    view.paste_text("2,8\n101\n")
    assert window.message_bar.level == "error"
    window.undo_action.trigger()
    assert window.message_bar.level != "error"
