"""Each first-run choice, walked through the real wizard as a new user clicks it, ends
in a usable main window: a new office, the lead office, the sample data, an existing
workspace, a backup."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog, QPushButton, QRadioButton, QWizard

from conftest import PASSPHRASE
from desktop_app.core import entries, forms
from desktop_app.core.plans import load_bundled_plan
from desktop_app.core.backup import write_backup
from desktop_app.core.storage.files import default_workspace_dir
from desktop_app.core.workspace import Workspace
from desktop_app.gui.app import Controller
from desktop_app.gui.wizard import (
    CREATE, DEMO, LEAD, OPEN, PAGE_OPEN, PAGE_PASSPHRASE, PAGE_PLAN, PAGE_RECOVERY, PAGE_RESTORE, PAGE_START, RESTORE,
)

TODAY = dt.date(2026, 11, 13)


@pytest.fixture
def controller(qtbot):
    controller = Controller(QApplication.instance(), today=TODAY)
    assert controller.start(None)  # nothing remembered: the wizard
    assert controller.wizard is not None and controller.wizard.isVisible()
    yield controller
    if controller.window is not None:
        controller.window.close()
    if controller.workspace is not None:
        controller.workspace.close()
    if controller.wizard is not None:
        controller.wizard.done(0)


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


def test_the_lead_office_is_set_up_through_the_wizard(qtbot, controller):
    wizard = controller.wizard
    choose(qtbot, wizard, LEAD)
    click(qtbot, wizard.button(QWizard.NextButton))
    plan_page = wizard.page(PAGE_PLAN)
    assert plan_page.lead.isChecked()
    assert plan_page.office.currentData() == plan_page.selected_plan.lead_office_id
    click(qtbot, wizard.button(QWizard.NextButton))
    walk_to_recovery_and_finish(qtbot, wizard)
    window = usable_window(qtbot, controller)
    assert window.workspace.role == "lead"
    actions = [a.text() for menu in window.menuBar().actions() for a in menu.menu().actions()]
    assert any("Nhập gói" in text or "Import" in text for text in actions), actions


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
