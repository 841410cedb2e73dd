"""A clerk at the main window: types values with the keyboard, sees bad ones refused,
undoes, filters without accents, watches the deadline banner, meets a locked year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop_app.core import entries, signoff
from desktop_app.core.plans import load_bundled_plan
from desktop_app.gui.indicators.model import COL_NAME, COL_VALUE
from desktop_app.gui.main_window import MainWindow


def cell(window, indicator_id, column=COL_VALUE):
    view = window.indicators
    source = view.source.index(view.source.row_of(indicator_id), column)
    return view.proxy.mapFromSource(source)


def type_value(qtbot, window, indicator_id, text):
    view = window.indicators
    view.setCurrentIndex(cell(window, indicator_id))
    view.edit(view.currentIndex())
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "no editor opened"
    editor = editors[0]
    editor.selectAll()  # typing replaces what was there, as when a clerk starts typing on a cell
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2000)  # Qt commits on a queued call


def test_typing_a_value_and_enter_saves_it_formats_it_and_moves_down(qtbot, window):
    type_value(qtbot, window, "II.2", "2,8")
    assert entries.value(window.workspace, 2026, "II.2").number == Decimal("2.8")
    assert cell(window, "II.2").data() == "2,8"
    assert window.indicators.indicator_at(window.indicators.currentIndex()) == "II.3"
    assert cell(window, "II.2", 7).data() == "đã đạt"  # evaluation column, in words: before 2030, "already achieved"


def test_a_value_with_a_dot_is_refused_the_reason_shown_and_the_old_value_kept(qtbot, window):
    type_value(qtbot, window, "II.2", "2,8")
    type_value(qtbot, window, "II.2", "1,234.5")  # "99.5" is read as 99,5 now; both marks cannot be
    assert entries.value(window.workspace, 2026, "II.2").number == Decimal("2.8")
    assert "dấu phẩy" in window.message_bar.text()
    type_value(qtbot, window, "II.3", "120")
    assert "100" in window.message_bar.text()
    assert entries.value(window.workspace, 2026, "II.3") is None


def test_undo_and_redo_put_values_back_exactly(qtbot, window):
    type_value(qtbot, window, "II.2", "2,8")
    type_value(qtbot, window, "II.2", "2,6")
    window.undo_action.trigger()
    assert entries.value(window.workspace, 2026, "II.2").number == Decimal("2.8")
    window.undo_action.trigger()
    assert entries.value(window.workspace, 2026, "II.2") is None
    window.redo_action.trigger()
    assert entries.value(window.workspace, 2026, "II.2").number == Decimal("2.8")
    assert cell(window, "II.2").data() == "2,8"


def test_a_big_jump_from_last_year_asks_for_a_note(qtbot, window, monkeypatch):
    entries.set_value(window.workspace, 2025, "II.2", "2,0")
    window.load_year(2026)
    asked = []
    monkeypatch.setattr("desktop_app.gui.indicators.view.QInputDialog.getMultiLineText",
                        lambda *args, **kwargs: (asked.append(args[2]) or "Điều tra mới của Cục Thống kê", True))
    type_value(qtbot, window, "II.2", "2,9")
    assert asked and "30" in asked[0]
    record = entries.value(window.workspace, 2026, "II.2")
    assert record.number == Decimal("2.9") and record.note == "Điều tra mới của Cục Thống kê"


def test_the_filter_ignores_accents_and_case(qtbot, window):
    qtbot.keyClicks(window.filter, "THAT nghiep")
    proxy = window.indicators.proxy
    names = [proxy.index(row, COL_NAME).data().strip() for row in range(proxy.rowCount())]
    indicators = [n for n in names if n.startswith("T")]
    assert indicators == ["Tỉ lệ thất nghiệp chung", "Tỷ lệ thất nghiệp khu vực thành thị"]
    window.filter.clear()
    window.only_missing.setChecked(True)
    type_value(qtbot, window, "II.2", "2,8")
    names = [proxy.index(row, COL_NAME).data().strip() for row in range(proxy.rowCount())]
    assert "Tỉ lệ thất nghiệp chung" not in names


@pytest.mark.parametrize("today, level, words", [
    (dt.date(2026, 11, 13), "ok", "Còn 12 ngày"),
    (dt.date(2026, 11, 22), "soon", "Còn 3 ngày"),
    (dt.date(2026, 11, 28), "overdue", "Quá hạn 3 ngày"),
])
def test_the_deadline_banner_follows_the_calendar(window, today, level, words):
    window.today = today
    window.refresh_banner()
    assert window.banner.level == level
    assert words in window.banner.text() and "25/11/2026" in window.banner.text()


def test_a_signed_year_refuses_edits_with_a_banner_saying_why(qtbot, window):
    ws = window.workspace
    for gap in signoff.readiness(ws, 2026):
        entries.mark_no_data(ws, 2026, gap.indicator_id, "Chưa có số liệu")
    signoff.sign_year(ws, 2026, signer_name="Nguyễn Văn An", signer_title="PHÓ GIÁM ĐỐC")
    window.load_year(2026)
    assert window.banner.level == "signed" and "khóa" in window.banner.text()
    index = cell(window, "II.2")
    assert not (window.indicators.proxy.flags(index) & Qt.ItemIsEditable)
    window.indicators.setCurrentIndex(index)
    qtbot.keyClicks(window.indicators, "5")
    assert entries.value(ws, 2026, "II.2").no_data_reason == "Chưa có số liệu"


def test_every_control_has_an_accessible_name(window):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QTableView

    controls = [w for kind in (QLineEdit, QComboBox, QTableView) for w in window.findChildren(kind)]
    unnamed = [w for w in controls
               if not w.accessibleName() and w.isVisible() and not isinstance(w.parent(), QComboBox)]
    assert not unnamed, [type(w).__name__ for w in unnamed]
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible() and not (b.text() or b.accessibleName())]
    assert not [b for b in buttons if b.metaObject().className() not in ("QToolButton", "QTabBar")], buttons


def test_the_lead_office_counts_down_to_its_own_deadline_not_the_offices_one(qtbot, make_workspace):
    # Khánh Hòa: offices report by 25/11, the lead office to the ministry by 05/12.
    workspace, _ = make_workspace("so-ldtbxh", plan=load_bundled_plan("khanhhoa-2024"), role="lead", name="lead")
    window = MainWindow(workspace, today=dt.date(2026, 11, 28))
    qtbot.addWidget(window)
    window.refresh_banner()
    assert window.banner.level == "soon"
    assert "Còn 7 ngày" in window.banner.text() and "05/12/2026" in window.banner.text()
