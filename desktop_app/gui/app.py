"""Starting the program: the wizard on a first run, the unlock dialog afterwards, then
the main window; the idle lock while it runs."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import __version__
from desktop_app.core.i18n import _, set_language
from desktop_app.gui import settings
from desktop_app.gui.icons import app_icon
from desktop_app.gui.errors import install_error_handling
from desktop_app.gui.ops import run_op

if TYPE_CHECKING:  # the workspace (SQLCipher, libsodium) is imported once one is opened
    from desktop_app.core.workspace import Workspace


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv)
    app.setApplicationName("TienDo")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("TienDo")
    app.setWindowIcon(app_icon())
    font = QFont()
    font.setFamilies(["Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans"])
    font.setPointSize(10)
    app.setFont(font)
    set_language(settings.language())
    from desktop_app.gui.qt_translations import install_qt_translator

    install_qt_translator(app)
    return app


class Controller:
    """Holds the open workspace and the window; handles locking and switching."""

    def __init__(self, app: QApplication, today: dt.date | None = None):
        self.app = app
        self.today = today
        self.workspace: Workspace | None = None
        self.window = None
        self.wizard = None
        self.idle = None  # watching for idleness starts with an open workspace (lock_when_idle)

    def lock_when_idle(self) -> None:
        from desktop_app.gui.idle_lock import IdleWatcher

        if self.idle is None:
            self.idle = IdleWatcher(settings.idle_minutes())
            self.idle.idle.connect(self.lock)
            self.app.installEventFilter(self.idle)

    def start(self, open_path: str | None = None) -> bool:
        path = open_path or settings.last_workspace()
        if path and Path(path).exists():
            return self.unlock(Path(path))
        return self.first_run()

    def first_run(self) -> bool:
        """The wizard, shown without blocking: each of its choices ends with an open
        workspace, and the main window follows; cancelled, the program ends."""
        from desktop_app.gui.wizard import SetupWizard

        self.wizard = SetupWizard()
        self.wizard.finished.connect(self._wizard_done)
        self.wizard.show()
        return True

    def _wizard_done(self, result: int) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is None:
            return
        wizard.deleteLater()
        if result and wizard.workspace is not None:
            self.show(wizard.workspace)

    def unlock(self, path: Path) -> bool:
        from desktop_app.gui.unlock import UnlockDialog

        dialog = UnlockDialog(path)
        if dialog.exec() and dialog.workspace is not None:
            self.show(dialog.workspace)
            return True
        return self.first_run() if not self.window else False

    def show(self, workspace: Workspace) -> None:
        from desktop_app.gui.main_window import MainWindow

        self.workspace = workspace
        settings.remember_workspace(str(workspace.path))
        self.window = MainWindow(workspace, today=self.today)
        self.window.lock_requested.connect(self.lock)
        self.window.show()
        self.lock_when_idle()
        from desktop_app.gui.autobackup import AutoBackups

        self.backups = AutoBackups(workspace, self.window)
        self.backups.copy_failed.connect(self.window.warn)
        warning = storage_warning(workspace.path)
        if warning:
            self.window.warn(warning)

    def import_file(self, path: Path) -> None:
        """A package double-clicked in the file manager: the lead office imports it."""
        # The same import as the Exchange menu's: a merged province's package goes under its plan.
        from desktop_app.core.exchange.lead_plans import import_for_all_plans
        from desktop_app.gui.exchange import ImportSummary

        if self.workspace.role != "lead":
            QMessageBox.information(self.window, _("TienDo"), _("Only the lead office's workspace imports offices' packages."))
            return
        run_op(self.window, lambda progress: import_for_all_plans(self.workspace, [path], progress=progress),
               on_done=lambda outcomes: (ImportSummary(outcomes, self.window).exec(),
                                         self.window.load_year(self.window.year)),
               title=_("Importing…"))

    def lock(self) -> None:
        """Hide the window until the passphrase is typed again; the open workspace and any
        unsaved typing stay as they are."""
        from desktop_app.gui.lock_dialog import LockDialog

        if self.window is None or not self.window.isVisible():
            return
        self.window.hide()
        if LockDialog(self.workspace.path).exec():
            self.window.show()
            self.idle.poke()
        else:
            self.window.close()

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
        if self.workspace is not None:
            if getattr(self, "backups", None) is not None:
                self.backups.at_close()
            self.workspace.close()


def storage_warning(path: Path) -> str | None:
    """Network drives and USB sticks work, but deserve a warning."""
    from PySide6.QtCore import QStorageInfo

    volume = QStorageInfo(str(path.parent))
    fs = bytes(volume.fileSystemType()).decode(errors="replace").lower()
    if fs in ("nfs", "nfs4", "cifs", "smbfs", "smb2", "fuse.sshfs") or str(path).startswith("\\\\"):
        return _("The workspace is on a network drive: keep a backup, and do not open it from two computers at once.")
    if fs in ("vfat", "exfat", "msdos"):
        return _("The workspace is on a removable drive: do not pull it out while TienDo is open.")
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    app = make_application(argv)
    install_error_handling(app)
    def argument(flag: str) -> str | None:
        return argv[argv.index(flag) + 1] if flag in argv and argv.index(flag) + 1 < len(argv) else None

    # The installer associates .tiendo files with --open and .tdpkg packages with --import.
    open_path, import_path = argument("--open"), argument("--import")
    controller = Controller(app)
    if os.environ.get("TIENDO_STARTUP_PROBE"):
        # Measuring time to first window (bench and the bundle test): report once the
        # first window is on screen, then leave.
        from PySide6.QtCore import QTimer

        def report_first_window() -> None:
            print("first-window", flush=True)
            os._exit(0)

        QTimer.singleShot(0, report_first_window)
    if not controller.start(open_path):
        controller.close()
        return 0
    if import_path and controller.window is not None:
        controller.import_file(Path(import_path))
    app.setQuitOnLastWindowClosed(True)
    status = app.exec()
    controller.close()
    return status
