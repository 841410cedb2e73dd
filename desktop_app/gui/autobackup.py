"""The window's side of the automatic backups: one when the window closes, and a check
every hour that makes the day's backup off the UI thread.  A failed backup is logged
and shown by the error handler; it never stops the clerk's work."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer

from desktop_app.core import autobackup
from desktop_app.core.logs import log
from desktop_app.core.workspace import Workspace

CHECK_EVERY_MS = 60 * 60 * 1000


class AutoBackups(QObject):
    def __init__(self, workspace: Workspace, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.make_daily)
        self.timer.start(CHECK_EVERY_MS)
        QTimer.singleShot(30_000, self.make_daily)  # after the clerk has started working

    def make_daily(self) -> None:
        if self.workspace.conn is None:
            return
        threading.Thread(target=self._daily, name="tiendo-autobackup", daemon=True).start()

    def _daily(self) -> None:
        made = autobackup.backup_if_due(self.workspace)  # raises into threading.excepthook: logged, shown
        if made is not None:
            log.info("automatic backup %s", made)

    def at_close(self) -> None:
        self.timer.stop()
        if self.workspace.conn is None:
            return
        try:
            made = autobackup.backup_at_close(self.workspace)
        except Exception:  # closing must finish; the log says why there is no backup
            log.exception("automatic backup at close failed")
            return
        if made is not None:
            log.info("automatic backup %s", made)
