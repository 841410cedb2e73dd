"""Each first-run choice, walked through the real wizard as a new user clicks it, ends
in a usable main window: a new office, the lead office, the sample data, an existing
workspace, a backup."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QDialogButtonBox, QFileDialog, QMessageBox, QPushButton, QRadioButton, QWizard,
)

from conftest import PASSPHRASE
from desktop_app.core import entries, forms
from desktop_app.core.i18n import translate
from desktop_app.core.plans import load_bundled_plan
from desktop_app.core.backup import write_backup
from desktop_app.core.storage.files import default_workspace_dir
from desktop_app.core.workspace import Workspace
from desktop_app.gui.wizard import (
    CREATE, DEMO, LEAD, OPEN, PAGE_OPEN, PAGE_PASSPHRASE, PAGE_PLAN, PAGE_RECOVERY, PAGE_RESTORE, PAGE_START, RESTORE,
)

TODAY = dt.date(2026, 11, 13)


@pytest.fixture
def controller(start_first_run):
    controller = start_first_run(TODAY)
    assert controller.wizard is not None and controller.wizard.isVisible()  # nothing remembered: the wizard
    return controller


def click(qtbot, widget) -> None:
    """A click where a user clicks: a push button's middle, a check box's box."""
    assert widget.isVisible() and widget.isEnabled(), widget.text()
    box = isinstance(widget, (QCheckBox, QRadioButton))
    qtbot.mouseClick(widget, Qt.LeftButton, pos=QPoint(8, widget.height() // 2) if box else QPoint())


def choose(qtbot, wizard, choice: str) -> None:
    assert wizard.currentId() == PAGE_START
    button = next(b for b in wizard.start.group.buttons() if b.property("choice") == choice)
    click(qtbot, button)
    assert button.isChecked()


def usable_window(qtbot, controller):
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=60000)
    window = controller.window
    assert controller.wizard is None
    # The office's own form is there to type into: its indicators, no more.
    form = forms.office_form(window.workspace)
    plan = window.workspace.plan
    shown = window.indicators.editable_rows_from(0)
    assert shown and set(shown) == {i for i in form.indicators if not plan.is_heading(i)}
    assert window.task_model.rowCount() == len(form.tasks) > 0
    assert window.year_box.currentData() == window.year
    return window


def type_passphrase(field, text=PASSPHRASE) -> None:
    field.setFocus()
    field.insert(text)  # QTest types ASCII only; the input method commits Vietnamese


def walk_to_recovery_and_finish(qtbot, wizard) -> str:
    page = wizard.page(PAGE_PASSPHRASE)
    type_passphrase(page.first)
    type_passphrase(page.second)
    click(qtbot, wizard.button(QWizard.NextButton))
    assert wizard.currentId() == PAGE_RECOVERY, wizard.page(PAGE_PASSPHRASE).error.text()
    recovery = wizard.page(PAGE_RECOVERY)
    code = recovery.code.text()
    assert not wizard.button(QWizard.FinishButton).isEnabled()
    click(qtbot, recovery.kept)
    click(qtbot, wizard.button(QWizard.FinishButton))
    return code


def test_a_new_office_walks_the_wizard_to_its_window(qtbot, controller, tmp_path):
    wizard = controller.wizard
    choose(qtbot, wizard, CREATE)
    click(qtbot, wizard.button(QWizard.NextButton))
    assert wizard.currentId() == PAGE_PLAN
    plan_page = wizard.page(PAGE_PLAN)
    assert plan_page.plan.count() >= 4  # the bundled plans
    plan_page.plan.setCurrentIndex(plan_page.plan.findData("khanhhoa-2024"))
    assert not plan_page.lead.isChecked()
    plan_page.new_office.insert("UBND xã Suối Tiên")
    assert Path(plan_page.path.text()).parent == default_workspace_dir()
    click(qtbot, wizard.button(QWizard.NextButton))
    code = walk_to_recovery_and_finish(qtbot, wizard)
    window = usable_window(qtbot, controller)
    assert window.workspace.office_id == "ubnd-xa-suoi-tien" and window.workspace.role == "reporting"
    # A commune reports a short form, its tasks a line per section of the plan.
    assert len(window.indicators.editable_rows_from(0)) < 20
    assert window.task_model.rowCount() < len(window.workspace.plan.tasks) // 4
    path = window.workspace.path
    controller.workspace.close()
    controller.workspace = None
    Workspace.open(path, recovery_code=code).close()


def answer_modals(qtbot, *steps):
    """Answer the modal windows a click opens, in the order they appear: each step is
    (kind of window, what the user does in it).  Returns the steps still unanswered
    and the polling timer."""
    pending = list(steps)
    timer = QTimer()

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if pending and isinstance(widget, pending[0][0]) and widget.isVisible():
            _kind, act = pending.pop(0)
            # Later: an answer that opens another modal window must not block this timer.
            QTimer.singleShot(0, lambda: act(widget))
        if not pending:
            timer.stop()

    timer.timeout.connect(poll)
    timer.start(50)
    return pending, timer  # the caller keeps the timer alive while the click runs


def message_button(box: QMessageBox, text: str):
    return next(b for b in box.buttons() if text in b.text().replace("&", ""))


def fill_key_copy(path: Path, passphrase: str = "giữ trong két sắt"):
    def act(dialog) -> None:
        dialog.path.setText(str(path))
        dialog.passphrase.setText(passphrase)
        dialog.again.setText(passphrase)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save).click()
    return act


def cancel(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Cancel).click()


def walk_lead_set_up(qtbot, wizard) -> None:
    choose(qtbot, wizard, LEAD)
    click(qtbot, wizard.button(QWizard.NextButton))
    plan_page = wizard.page(PAGE_PLAN)
    assert plan_page.lead.isChecked()
    assert plan_page.office.currentData() == plan_page.selected_plan.lead_office_id
    click(qtbot, wizard.button(QWizard.NextButton))


def test_the_lead_office_is_set_up_through_the_wizard_with_a_second_copy_of_its_key(qtbot, controller, tmp_path):
    from desktop_app.core.exchange import keys
    from desktop_app.core.exchange.lead_key import read_lead_key
    from desktop_app.gui.lead_key import LeadKeyCopyDialog

    wizard = controller.wizard
    walk_lead_set_up(qtbot, wizard)
    key_file = tmp_path / "usb" / "khoa-chu-tri.tdleadkey"
    key_file.parent.mkdir()
    seen = []

    def warned(box) -> None:
        seen.append(box.text())
        click(qtbot, message_button(box, translate("&Save a copy now").replace("&", "")))

    def saved(box) -> None:
        seen.append(box.text())
        box.button(QMessageBox.Ok).click()

    # Finish on the recovery page asks for the copy; the clerk first cancels, is warned,
    # and goes back to save it.
    pending, timer = answer_modals(qtbot, (LeadKeyCopyDialog, cancel), (QMessageBox, warned),
                                   (LeadKeyCopyDialog, fill_key_copy(key_file)), (QMessageBox, saved))
    walk_to_recovery_and_finish(qtbot, wizard)
    window = usable_window(qtbot, controller)
    assert not pending, pending
    assert window.workspace.role == "lead"
    assert "bản sao" in seen[0] and "không" in seen[0].lower()
    info = read_lead_key(key_file, "giữ trong két sắt")[0]
    assert info.fingerprint == keys.lead_fingerprint(window.workspace) and info.fingerprint in seen[1]
    actions = [a.text() for menu in window.menuBar().actions() for a in menu.menu().actions()]
    assert any("Nhập gói" in text for text in actions), actions


def test_the_lead_office_may_go_on_without_a_copy_after_a_warning_enter_does_not_skip(qtbot, controller, tmp_path):
    from desktop_app.gui.lead_key import LeadKeyCopyDialog

    wizard = controller.wizard
    walk_lead_set_up(qtbot, wizard)
    dialogs = []

    def press_enter(box) -> None:
        qtbot.keyClick(box, Qt.Key_Return)  # Enter is not the way to skip: the copy is asked again

    def skip(box) -> None:
        click(qtbot, message_button(box, translate("&Go on without a copy").replace("&", "")))

    def cancel_and_count(dialog) -> None:
        dialogs.append(dialog)
        cancel(dialog)

    pending, timer = answer_modals(qtbot, (LeadKeyCopyDialog, cancel_and_count), (QMessageBox, press_enter),
                                   (LeadKeyCopyDialog, cancel_and_count), (QMessageBox, skip))
    walk_to_recovery_and_finish(qtbot, wizard)
    window = usable_window(qtbot, controller)
    assert not pending and len(dialogs) == 2
    assert window.workspace.role == "lead"
    assert not list(tmp_path.rglob("*.tdleadkey"))


def test_trying_the_sample_data_opens_a_filled_in_window(qtbot, controller):
    wizard = controller.wizard
    choose(qtbot, wizard, DEMO)
    # The sample needs nothing more: Finish replaces Next on the first page.
    assert not wizard.button(QWizard.NextButton).isVisible()
    click(qtbot, wizard.button(QWizard.FinishButton))
    window = usable_window(qtbot, controller)
    assert window.workspace.plan.code == "khanhhoa-2024"
    assert len(entries.values(window.workspace, 2025)) > 20
    assert entries.report_state(window.workspace, 2025).locked  # the sample has a signed year


def test_an_existing_workspace_is_opened_through_the_wizard(qtbot, controller, tmp_path, monkeypatch):
    path = tmp_path / "so-yte.tiendo"
    workspace, _code = Workspace.create(path, PASSPHRASE, plan=load_bundled_plan("khanhhoa-2024"), office_id="so-yte")
    entries.set_value(workspace, 2026, "II.2", "2,8")
    workspace.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    wizard = controller.wizard
    choose(qtbot, wizard, OPEN)
    click(qtbot, wizard.button(QWizard.NextButton))
    assert wizard.currentId() == PAGE_OPEN
    page = wizard.page(PAGE_OPEN)
    click(qtbot, page.findChild(QPushButton, "browse"))
    assert page.path.currentText() == str(path)
    type_passphrase(page.passphrase, "wrong passphrase")
    click(qtbot, wizard.button(QWizard.FinishButton))
    assert wizard.currentId() == PAGE_OPEN and "Mật khẩu không đúng" in page.error.text()
    page.passphrase.clear()
    type_passphrase(page.passphrase)
    click(qtbot, wizard.button(QWizard.FinishButton))
    window = usable_window(qtbot, controller)
    assert window.workspace.office_id == "so-yte"
    assert entries.value(window.workspace, 2026, "II.2").number == Decimal("2.8")


def test_a_backup_is_restored_through_the_wizard(qtbot, controller, tmp_path, monkeypatch):
    workspace, _code = Workspace.create(tmp_path / "so-ldtbxh.tiendo", PASSPHRASE,
                                        plan=load_bundled_plan("khanhhoa-2024"), office_id="so-ldtbxh")
    entries.set_value(workspace, 2026, "II.2", "3,1")
    backup = write_backup(workspace, tmp_path / "sao-luu.tiendo-backup")
    workspace.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(backup), "")))
    wizard = controller.wizard
    choose(qtbot, wizard, RESTORE)
    click(qtbot, wizard.button(QWizard.NextButton))
    assert wizard.currentId() == PAGE_RESTORE
    page = wizard.page(PAGE_RESTORE)
    click(qtbot, page.findChild(QPushButton, "browse"))
    type_passphrase(page.passphrase)
    click(qtbot, wizard.button(QWizard.FinishButton))
    window = usable_window(qtbot, controller)
    assert window.workspace.path.parent == default_workspace_dir()
    assert entries.value(window.workspace, 2026, "II.2").number == Decimal("3.1")


def test_the_newest_automatic_backup_is_offered_first_and_restored(qtbot, controller, tmp_path, clock):
    from desktop_app.core import autobackup

    workspace, _code = Workspace.create(tmp_path / "so-ldtbxh.tiendo", PASSPHRASE,
                                        plan=load_bundled_plan("khanhhoa-2024"), office_id="so-ldtbxh")
    entries.set_value(workspace, 2026, "II.2", "3,1")
    autobackup.make_backup(workspace)
    clock.set_now("2026-06-16T17:30:00+07:00")
    shown_as = f"{clock.local_now():%d/%m/%Y}", f"{clock.local_now():%H:%M}"  # the computer's own time zone
    entries.set_value(workspace, 2026, "II.2", "3,5")
    autobackup.make_backup(workspace)
    workspace.close()
    wizard = controller.wizard
    choose(qtbot, wizard, RESTORE)
    click(qtbot, wizard.button(QWizard.NextButton))
    page = wizard.page(PAGE_RESTORE)
    assert page.automatic.isVisible() and page.automatic.count() == 2
    assert page.automatic.currentRow() == 0
    assert all(part in page.automatic.currentItem().text() for part in shown_as), shown_as
    assert page.path.text() == str(autobackup.list_backups()[0].path)
    type_passphrase(page.passphrase)
    click(qtbot, wizard.button(QWizard.FinishButton))
    window = usable_window(qtbot, controller)
    # Restored under the workspace's own name, with the later day's value.
    assert window.workspace.path == default_workspace_dir() / "so-ldtbxh.tiendo"
    assert entries.value(window.workspace, 2026, "II.2").number == Decimal("3.5")


def test_with_no_automatic_backup_the_restore_page_asks_for_a_file(qtbot, controller):
    wizard = controller.wizard
    choose(qtbot, wizard, RESTORE)
    click(qtbot, wizard.button(QWizard.NextButton))
    page = wizard.page(PAGE_RESTORE)
    assert not page.automatic.isVisible() and not page.automatic_label.isVisible() and page.none_found.isVisible()
    type_passphrase(page.passphrase)
    click(qtbot, wizard.button(QWizard.FinishButton))
    assert wizard.currentId() == PAGE_RESTORE and page.error.text()
