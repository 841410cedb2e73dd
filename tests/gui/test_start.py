"""First run and later starts: the wizard creates a workspace; the unlock dialog refuses
a wrong passphrase and lets the recovery code in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard

from conftest import PASSPHRASE
from desktop_app.core.workspace import Workspace
from desktop_app.gui.unlock import UnlockDialog
from desktop_app.gui.wizard import PAGE_PASSPHRASE, PAGE_PLAN, PAGE_RECOVERY, SetupWizard


def test_the_wizard_creates_a_workspace_for_a_new_commune(qtbot, tmp_path):
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    plan_page = wizard.page(PAGE_PLAN)
    plan_page.plan.setCurrentIndex(plan_page.plan.findData("khanhhoa-2024"))
    # QTest types ASCII only; Vietnamese arrives from the input method as committed text.
    plan_page.new_office.insert("UBND xã Suối Tiên")
    plan_page.path.setText(str(tmp_path / "xa.tiendo"))
    wizard.next()
    assert wizard.currentId() == PAGE_PASSPHRASE
    page = wizard.page(PAGE_PASSPHRASE)
    qtbot.keyClicks(page.first, "short")
    qtbot.keyClicks(page.second, "short")
    wizard.next()
    assert wizard.currentId() == PAGE_PASSPHRASE and "8" in page.error.text()
    page.first.setText(PASSPHRASE)
    page.second.setText(PASSPHRASE)
    wizard.next()
    assert wizard.currentId() == PAGE_RECOVERY
    recovery = wizard.page(PAGE_RECOVERY)
    assert len(recovery.code.text()) == 35
    assert not wizard.button(QWizard.FinishButton).isEnabled()
    recovery.kept.setChecked(True)
    assert wizard.button(QWizard.FinishButton).isEnabled()
    workspace = wizard.workspace
    assert workspace.office_id == "ubnd-xa-suoi-tien" and workspace.plan.code == "khanhhoa-2024"
    code = recovery.code.text()
    workspace.close()
    Workspace.open(tmp_path / "xa.tiendo", recovery_code=code).close()


def test_unlock_refuses_a_wrong_passphrase_and_accepts_the_recovery_code(qtbot, make_workspace):
    workspace, code = make_workspace()
    path = Path(workspace.path)
    workspace.close()
    dialog = UnlockDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, "wrong passphrase")
    dialog.try_open()
    qtbot.waitUntil(lambda: dialog.isEnabled() and bool(dialog.error.text()), timeout=5000)
    assert "Mật khẩu không đúng" in dialog.error.text()
    assert dialog.workspace is None
    dialog.pages.setCurrentIndex(1)
    dialog.code.setText(code)
    dialog.new_passphrase.setText("mật khẩu mới 2027")
    dialog.confirmation.setText("mật khẩu mới 2027")
    dialog.try_open()
    qtbot.waitUntil(lambda: dialog.workspace is not None, timeout=5000)
    dialog.workspace.close()
    Workspace.open(path, passphrase="mật khẩu mới 2027").close()
