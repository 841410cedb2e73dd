"""Every window and dialog on a 1366×768 laptop (work area 1366×728, 100 % scaling):
its frame and its buttons are on the screen; no two controls answer the same Alt key."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabWidget, QWidget

from desktop_app.core import entries
from desktop_app.core.i18n import set_language
from desktop_app.core.plans import load_bundled_plan
from desktop_app.gui.main_window import MainWindow

WORK_AREA = QRect(0, 0, 1366, 728)
TODAY = dt.date(2026, 11, 13)


def test_the_tests_run_on_a_1366_by_768_screen(qapp):
    assert QGuiApplication.primaryScreen().geometry() == QRect(0, 0, 1366, 768)


def assert_on_screen(widget: QWidget) -> None:
    QApplication.processEvents()
    frame = widget.frameGeometry()
    assert WORK_AREA.contains(frame), f"{widget.windowTitle()}: {frame} is not inside {WORK_AREA}"
    for button in widget.findChildren(QAbstractButton):
        if button.isVisible() and button.window() is widget:
            place = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
            assert WORK_AREA.contains(place), f"{widget.windowTitle()}: button {button.text()!r} at {place}"


def mnemonics(widget: QWidget) -> list[str]:
    """The Alt letters of what is visible together in one window (menus excepted: each
    menu has its own letters, checked by ``menu_mnemonics``)."""
    texts = [b.text() for b in widget.findChildren(QAbstractButton) if b.isVisible() and b.window() is widget]
    texts += [label.text() for label in widget.findChildren(QLabel)
              if label.isVisible() and label.buddy() is not None and label.window() is widget]
    for tabs in widget.findChildren(QTabWidget):
        if tabs.isVisible():
            texts += [tabs.tabText(i) for i in range(tabs.count())]
    if hasattr(widget, "menuBar"):
        texts += [a.text() for a in widget.menuBar().actions()]
    return [m.group(1).lower() for t in texts for m in [re.search(r"&([^&\s])", t.replace("&&", ""))] if m]


def assert_unique_mnemonics(widget: QWidget) -> None:
    letters = mnemonics(widget)
    doubled = sorted({letter for letter in letters if letters.count(letter) > 1})
    assert not doubled, f"{widget.windowTitle()}: Alt+{doubled} bound twice in {letters}"


def menu_mnemonics_unique(window) -> None:
    for action in window.menuBar().actions():
        letters = [m.group(1).lower() for a in action.menu().actions()
                   for m in [re.search(r"&([^&\s])", a.text())] if m]
        doubled = {letter for letter in letters if letters.count(letter) > 1}
        assert not doubled, f"menu {action.text()}: {doubled}"


@pytest.fixture(params=["vi", "en"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("vi")


@pytest.fixture
def window(qtbot, make_workspace, language):
    workspace, _ = make_workspace("so-ldtbxh", plan=load_bundled_plan("khanhhoa-2024"), name="kh", role="lead")
    window = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_main_window_fits_with_its_message_bar_and_has_one_key_per_letter(qtbot, window):
    window.warn("Không lưu — II.3: giá trị phải từ 0 đến 100")
    assert_on_screen(window)
    assert window.message_bar.isVisible()
    bar = window.message_bar
    assert WORK_AREA.contains(QRect(bar.mapToGlobal(bar.rect().topLeft()), bar.size()))
    assert_unique_mnemonics(window)
    menu_mnemonics_unique(window)


def test_every_wizard_page_fits(qtbot, language, tmp_path):
    from desktop_app.gui.wizard import PAGE_OPEN, PAGE_PLAN, PAGE_RESTORE, SetupWizard

    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    assert_on_screen(wizard)
    assert_unique_mnemonics(wizard)
    for page in (PAGE_PLAN, PAGE_OPEN, PAGE_RESTORE):
        wizard.restart()
        button = {PAGE_PLAN: 0, PAGE_OPEN: 3, PAGE_RESTORE: 4}[page]
        wizard.start.group.button(button).setChecked(True)
        wizard.next()
        assert wizard.currentId() == page
        assert_on_screen(wizard)
        assert_unique_mnemonics(wizard)


def dialogs(window, tmp_path):
    from desktop_app.gui.indicators.history import HistoryDialog
    from desktop_app.gui.lock_dialog import LockDialog
    from desktop_app.gui.report_preview import ReportPreview
    from desktop_app.gui.settings import SettingsDialog
    from desktop_app.gui.unlock import UnlockDialog

    ws = window.workspace
    entries.set_value(ws, 2026, "II.2", "2,8")
    entries.set_value(ws, 2026, "II.2", "2,9")
    from desktop_app.core.reports.build import write_year_pdf

    pdf = tmp_path / "bao-cao.pdf"
    write_year_pdf(ws, 2026, pdf)
    yield ReportPreview(pdf, window)
    yield HistoryDialog(ws, 2026, "II.2", window)
    yield SettingsDialog(window)
    yield LockDialog(ws.path, window)
    yield UnlockDialog(ws.path)
    unlock = UnlockDialog(ws.path)
    unlock.pages.setCurrentIndex(1)
    yield unlock
    # The lead office's views, with a province's worth of communes on the roster.
    from desktop_app.core.exchange import roster
    from desktop_app.gui.lead import IndicatorAcrossDialog, RosterDialog, SubmissionsDialog

    for n in range(60):
        roster.add(ws, f"UBND xã Thử Nghiệm Số {n}", valid_from=dt.date(2025, 7, 1))
    yield SubmissionsDialog(ws, 2026, window)
    yield RosterDialog(ws, window, year=2026)
    yield IndicatorAcrossDialog(ws, 2026, window)


def test_every_dialog_fits_with_its_buttons_on_screen(qtbot, window, tmp_path):
    for dialog in dialogs(window, tmp_path):
        qtbot.addWidget(dialog)
        dialog.show()
        assert_on_screen(dialog)
        assert_unique_mnemonics(dialog)
        dialog.close()


def test_the_english_switch_covers_the_window(qtbot, window):
    set_language("en")
    window.retranslate()
    QApplication.processEvents()  # a new central widget shows on the next turn of the loop
    texts = [w.text() for w in window.findChildren(QLabel) if w.isVisible()]
    texts += [window.filter.placeholderText(), window.only_missing.text(), window.only_mine.text()]
    texts += [window.tabs.tabText(i) for i in range(window.tabs.count())]
    texts += [a.text() for a in window.menuBar().actions()]
    vietnamese = [t for t in texts if re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", t.lower())
                  and "Khánh Hòa" not in t and "KH-UBND" not in t and "Sở" not in t]
    assert not vietnamese, vietnamese
    assert "Year" in " ".join(texts)


def test_sixty_new_offices_scroll_in_a_dialog_that_fits_and_enter_trusts_none(qtbot, language):
    from PySide6.QtCore import Qt

    from desktop_app.gui.confirm_list import ConfirmListDialog

    offices = [f"UBND xã số {n}: dấu vân tay 1A2B 3C4D 5E6F {n:04d} — gói bao-cao-2026-xa-{n}.tdpkg" for n in range(60)]
    dialog = ConfirmListDialog(None, "Cơ quan mới", "Các gói này đến từ cơ quan lần đầu gửi:", offices,
                               "Dấu vân tay có khớp không?", "&Tin cậy các cơ quan này", "&Không tin cậy")
    qtbot.addWidget(dialog)
    dialog.show()
    assert_on_screen(dialog)
    assert_unique_mnemonics(dialog)
    assert dialog.items.count() == 60 and dialog.items.verticalScrollBar().maximum() > 0
    qtbot.keyClick(dialog, Qt.Key_Return)
    assert dialog.result() == dialog.DialogCode.Rejected


def test_the_backup_places_fit_settings_restore_page_and_replace_question(qtbot, language, tmp_path, make_workspace):
    """A long folder on a network drive in Settings, both places listed on the restore
    page, and the question before a workspace is replaced."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.core import autobackup, backup_places
    from desktop_app.gui.settings import SettingsDialog
    from desktop_app.gui.wizard import PAGE_RESTORE, SetupWizard

    stick = tmp_path / "Ổ mạng phòng Kế hoạch - Tài chính" / "Sao lưu dữ liệu TienDo của Sở Lao động" / "năm 2026"
    stick.mkdir(parents=True)
    backup_places.set_second_folder(stick)
    workspace = make_workspace("so-ldtbxh", name="so-lao-dong-thuong-binh-va-xa-hoi")[0]
    autobackup.make_backup(workspace)
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert_on_screen(dialog)
    assert_unique_mnemonics(dialog)

    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.start.group.button(4).setChecked(True)
    wizard.next()
    page = wizard.page(PAGE_RESTORE)
    assert wizard.currentId() == PAGE_RESTORE and page.automatic.count() == 2
    assert_on_screen(wizard)
    assert_unique_mnemonics(wizard)
    shown = []

    def look_and_say_no():
        box = QApplication.activeModalWidget()
        shown.append(box)
        assert_on_screen(box)
        assert_unique_mnemonics(box)
        box.done(QMessageBox.No)

    QTimer.singleShot(100, look_and_say_no)
    assert not page.replace_agreed(workspace.path)
    assert isinstance(shown[0], QMessageBox)


def test_an_import_summary_of_150_packages_fits_and_wraps_its_long_reasons(qtbot, language):
    from pathlib import Path

    from desktop_app.core.exchange.importer import ImportOutcome
    from desktop_app.gui.exchange import ImportSummary

    reason = ("Gói được ký bằng một khóa khác với khóa đã đăng ký cho UBND xã Thử Nghiệm; đối chiếu dấu vân tay "
              "trên báo cáo đã ký của đơn vị trước khi nhận. ") * 2
    kinds = ["imported"] * 120 + ["rejected"] * 20 + ["duplicate"] * 8 + ["withdrawn"] * 2
    outcomes = [ImportOutcome(Path(f"khanhhoa-2024_ubnd-xa-thu-nghiem-so-{n:03d}_2026_r1.tdpkg"), kind,
                              message=reason if kind in ("rejected", "withdrawn") else "",
                              office_name=f"Ủy ban nhân dân xã Thử Nghiệm Số {n}", year=2026, revision=1)
                for n, kind in enumerate(kinds)]
    dialog = ImportSummary(outcomes)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_on_screen(dialog)
    assert_unique_mnemonics(dialog)
    table = dialog.table
    assert table.rowCount() == 150 and table.verticalScrollBar().maximum() > 0
    assert table.horizontalScrollBar().maximum() == 0  # the reason wraps; nothing hides to the right
    assert table.sizeHintForRow(0) > 2 * table.fontMetrics().height()  # a rejected row first, on several lines
    assert dialog.summary.isVisible() and "120" in dialog.summary.text() and "20" in dialog.summary.text()
