"""The window's side of the automatic backups: one when the window closes, and a check
every hour that makes the day's backup off the UI thread.  A failed backup is logged
and shown by the error handler; it never stops the clerk's work.  A copy that could not
be made in the second folder (a stick pulled out, a full drive) is one sentence in the
message bar (``copy_failed``), not a dialog: the backup in the data folder was made."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.core import autobackup
from desktop_app.core.logs import log
from desktop_app.core.workspace import Workspace

CHECK_EVERY_MS = 60 * 60 * 1000


class AutoBackups(QObject):
    # Emitted from the backup thread; queued to the UI thread, where the window shows it.
    copy_failed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.make_daily)
        self.timer.start(CHECK_EVERY_MS)
        self._last_told = ""  # the hourly check repeats a missing stick's sentence only when it changes
        QTimer.singleShot(30_000, self.make_daily)  # after the clerk has started working

    def make_daily(self) -> None:
        if self.workspace.conn is None:
            return
        threading.Thread(target=self._daily, name="tiendo-autobackup", daemon=True).start()

    def _daily(self) -> None:
        made = autobackup.backup_if_due(self.workspace)  # raises into threading.excepthook: logged, shown
        self._report(made)

    def _report(self, made: autobackup.Made | None) -> None:
        if made is None:
            return
        log.info("automatic backup %s%s", made.path, f" (copy {made.copy})" if made.copy else "")
        if made.copy_failed is None:
            self._last_told = ""
        elif made.copy_failed.message() != self._last_told:
            self._last_told = made.copy_failed.message()
            self.copy_failed.emit(self._last_told)

    def at_close(self) -> None:
        self.timer.stop()
        if self.workspace.conn is None:
            return
        try:
            made = autobackup.backup_at_close(self.workspace)
        except Exception:  # closing must finish; the log says why there is no backup
            log.exception("automatic backup at close failed")
            return
        self._report(made)  # the window is gone: the log keeps why the copy is missing
