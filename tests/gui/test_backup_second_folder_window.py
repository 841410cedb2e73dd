"""A clerk keeps the automatic backups also on a USB stick: chosen in Settings, copied
there while the window is open, one sentence in the message bar when the stick is out;
and on a new computer the wizard finds the backups on the stick and restores one where
the clerk says, asking before it replaces a workspace."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox, QPushButton, QWizard

from conftest import PASSPHRASE
from desktop_app.core import autobackup, backup_places, entries
from desktop_app.core.plans import load_bundled_plan
from desktop_app.core.storage.files import default_workspace_dir
from desktop_app.core.workspace import Workspace
from desktop_app.gui.app import Controller
from desktop_app.gui.wizard import PAGE_RESTORE, RESTORE

TODAY = dt.date(2026, 6, 15)


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, Qt.LeftButton, pos=QPoint(8, widget.height() // 2) if widget.inherits("QRadioButton")
                     else QPoint())


def button_named(parent, text: str) -> QPushButton:
    return next(b for b in parent.findChildren(QPushButton) if b.isVisible() and text in b.text().replace("&", ""))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def stick(tmp_path):
    folder = tmp_path / "USB (E:)"
    folder.mkdir()
    return folder


def test_the_clerk_chooses_the_stick_in_settings_and_can_turn_it_off(qtbot, stick, tmp_path, monkeypatch):
    from desktop_app.gui.settings import SettingsDialog

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(stick)))
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.second_folder.text() == ""
    click(qtbot, button_named(dialog, "Chọn…"))
    assert dialog.second_folder.text() == str(stick)
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok))
    assert not dialog.isVisible() and dialog.second_folder_changed
    assert backup_places.second_folder() == stick

    again = SettingsDialog()
    qtbot.addWidget(again)
    again.show()
    assert again.second_folder.text() == str(stick)
    again.second_folder.setText(str(tmp_path / "khong-co"))  # typed wrong, or the stick is out
    click(qtbot, again.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok))
    assert again.isVisible() and "khong-co" in again.error.text()
    assert backup_places.second_folder() == stick  # nothing changed by a refusal
    click(qtbot, button_named(again, "Tắt"))
    click(qtbot, again.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok))
    assert not again.isVisible() and backup_places.second_folder() is None


def test_with_the_stick_pulled_out_the_message_bar_says_so_and_the_work_goes_on(qtbot, make_workspace, stick):
    workspace = make_workspace()[0]
    controller = Controller(QApplication.instance(), today=TODAY)
    controller.show(workspace)
    window = controller.window
    qtbot.addWidget(window)
    backup_places.set_second_folder(stick)
    entries.set_value(workspace, 2026, "I.3", "4321")
    controller.backups.make_daily()
    qtbot.waitUntil(lambda: len(autobackup.list_backups(stick)) == 1, timeout=30000)
    assert window.message_bar.text() == "" and window.message_bar.level == ""  # a copy made says nothing

    stick.rename(stick.with_name("rut-ra"))  # the stick is pulled out
    from desktop_app.core import clock

    clock.set_now("2026-06-16T09:00:00+07:00")  # the next day's backup is due
    controller.backups.make_daily()
    qtbot.waitUntil(lambda: window.message_bar.level == "error", timeout=30000)
    sentence = window.message_bar.text()
    assert str(stick) in sentence and "USB" in sentence and "\n" not in sentence
    assert window.message_bar.level == "error"
    assert QApplication.activeModalWidget() is None  # no dialog
    assert len(autobackup.list_backups()) == 2  # the day's backup is in the data folder
    # The hourly check finds the stick still out: the same sentence is not said again.
    window.message_bar.clear()
    controller.backups.make_daily()
    _wait_for_backup_threads(qtbot)
    assert window.message_bar.text() == ""
    # Plugged in again: the hourly check puts the day's backup onto it, quietly.
    stick.with_name("rut-ra").rename(stick)
    controller.backups.make_daily()
    qtbot.waitUntil(lambda: len(autobackup.list_backups(stick)) == 2, timeout=30000)
    assert window.message_bar.text() == ""
    # The window still takes work, and closing still backs it up.
    entries.set_value(workspace, 2026, "I.3", "4322")
    assert window.isVisible()
    controller.close()
    assert len(autobackup.list_backups()) == 3 and workspace.conn is None


def _wait_for_backup_threads(qtbot):
    import threading

    for thread in threading.enumerate():
        if thread.name == "tiendo-autobackup":
            thread.join(30)
    qtbot.wait(50)  # a queued signal from the thread reaches the window


@pytest.fixture
def wizard(start_first_run):
    return start_first_run(TODAY)


def to_restore_page(qtbot, controller):
    wizard = controller.wizard
    button = next(b for b in wizard.start.group.buttons() if b.property("choice") == RESTORE)
    click(qtbot, button)
    click(qtbot, wizard.button(QWizard.NextButton))
    assert wizard.currentId() == PAGE_RESTORE
    return wizard, wizard.page(PAGE_RESTORE)


def office_with_backups(tmp_path, clock, stick) -> list[autobackup.Made]:
    """Two days of automatic backups, each copied to the stick."""
    workspace, _code = Workspace.create(tmp_path / "so-ldtbxh.tiendo", PASSPHRASE,
                                        plan=load_bundled_plan("khanhhoa-2024"), office_id="so-ldtbxh")
    made = []
    try:
        for day, value in ((15, "3,1"), (16, "3,5")):
            clock.set_now(f"2026-06-{day}T17:30:00+07:00")
            entries.set_value(workspace, 2026, "II.2", value)
            made.append(autobackup.make_backup(workspace, also_to=stick))
    finally:
        workspace.close()
    return made


def test_the_wizard_lists_both_places_and_restores_the_sticks_copy_where_the_clerk_says(
        qtbot, wizard, tmp_path, clock, stick, monkeypatch):
    made = office_with_backups(tmp_path, clock, stick)
    backup_places.set_second_folder(stick)
    controller = wizard
    wizard, page = to_restore_page(qtbot, controller)
    texts = [page.automatic.item(i).text() for i in range(page.automatic.count())]
    assert len(texts) == 4
    assert "trên máy này" in texts[0] and f"tại {stick}" in texts[1]  # the newest, here then on the stick
    assert "16/06/2026" in texts[0] and "16/06/2026" in texts[1] and "15/06/2026" in texts[3]
    page.automatic.setCurrentRow(1)  # the stick's copy of the newest
    assert page.path.text() == str(made[1].copy)
    assert page.destination.text() == str(default_workspace_dir() / "so-ldtbxh.tiendo")  # proposed
    chosen = tmp_path / "may moi" / "so-ldtbxh-2026.tiendo"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), "")))
    click(qtbot, page.findChild(QPushButton, "destination"))
    assert page.destination.text() == str(chosen)
    page.automatic.setCurrentRow(3)
    page.automatic.setCurrentRow(1)
    assert page.destination.text() == str(chosen)  # a place the clerk chose stays chosen
    page.passphrase.setFocus()
    page.passphrase.insert(PASSPHRASE)
    click(qtbot, wizard.button(QWizard.FinishButton))
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=60000)
    assert controller.workspace.path == chosen
    assert entries.value(controller.workspace, 2026, "II.2").number == Decimal("3.5")


def test_the_restore_page_looks_for_backups_off_the_ui_thread(qtbot, wizard, tmp_path, clock, stick, monkeypatch):
    """A second folder on a network drive may take seconds to answer: the wizard keeps
    painting while the backups are listed."""
    import threading

    office_with_backups(tmp_path, clock, stick)
    backup_places.set_second_folder(stick)
    listed_on = []
    real = autobackup.list_everywhere

    def slow_drive():
        listed_on.append(threading.current_thread())
        return real()

    monkeypatch.setattr(autobackup, "list_everywhere", slow_drive)
    _wizard, page = to_restore_page(qtbot, wizard)
    assert listed_on and listed_on[0] is not threading.main_thread()
    assert page.automatic.count() == 4


def test_a_browsed_backup_restored_over_a_workspace_asks_first_and_no_is_the_default(
        qtbot, wizard, tmp_path, clock, stick, monkeypatch):
    made = office_with_backups(tmp_path, clock, stick)  # the stick from another computer: not configured here
    existing = tmp_path / "so-ldtbxh.tiendo"  # the office's own workspace, changed since
    before = digest(existing)
    controller = wizard
    wizard, page = to_restore_page(qtbot, controller)
    assert page.automatic.count() == 2  # this computer's; the stick is not listed
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(made[0].copy), "")))
    click(qtbot, page.findChild(QPushButton, "browse"))
    assert page.path.text() == str(made[0].copy) and page.automatic.currentRow() == -1
    page.destination.setText(str(existing))
    page.destination_chosen = True
    page.passphrase.setFocus()
    page.passphrase.insert(PASSPHRASE)

    asked = []

    def answer(press):
        def act():
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            asked.append((box.text(), box.defaultButton().text()))
            press(box)
        return act

    from PySide6.QtCore import QTimer

    QTimer.singleShot(200, answer(lambda box: qtbot.keyClick(box, Qt.Key_Return)))  # Enter: the default
    click(qtbot, wizard.button(QWizard.FinishButton))
    assert str(existing) in asked[0][0] and "Không" in asked[0][1]
    assert wizard.currentId() == PAGE_RESTORE and "nơi khác" in page.error.text()
    assert digest(existing) == before and not list(tmp_path.glob("*.before-restore-*"))

    QTimer.singleShot(200, answer(lambda box: click(qtbot, button_named(box, "Thay thế"))))
    click(qtbot, wizard.button(QWizard.FinishButton))
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=60000)
    assert len(asked) == 2 and controller.workspace.path == existing
    assert entries.value(controller.workspace, 2026, "II.2").number == Decimal("3.1")
    assert len([p for p in tmp_path.glob("so-ldtbxh.tiendo.before-restore-*") if not p.name.endswith(".keys")]) == 1
