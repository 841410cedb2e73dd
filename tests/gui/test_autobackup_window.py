"""Closing the window after a morning's work leaves an encrypted backup in the user's
data folder, ready for the wizard's restore."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication

from desktop_app.core import autobackup, entries


def test_closing_the_window_makes_a_backup_of_the_mornings_work(qtbot, make_workspace):
    from desktop_app.gui.app import Controller

    workspace = make_workspace()[0]
    controller = Controller(QApplication.instance(), today=dt.date(2026, 6, 15))
    controller.show(workspace)
    qtbot.addWidget(controller.window)
    entries.set_value(workspace, 2026, "I.3", "4321")
    assert autobackup.list_backups() == []
    controller.close()
    backups = autobackup.list_backups()
    assert len(backups) == 1 and backups[0].workspace_name == workspace.path.stem
    assert workspace.conn is None  # closed after the backup, not before
