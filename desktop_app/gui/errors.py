"""One place where an unexpected exception ends up, whichever thread raised it: it is
written with its traceback to the rotating log, the clerk sees a Vietnamese message
(never a traceback), and the program keeps running (in the spirit of Anki's
ErrorHandler).  A TienDoError that escaped a slot shows its own message."""

from __future__ import annotations

import sys
import threading
import traceback

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import _
from desktop_app.core.logs import enable_faulthandler, log, log_path, setup_logging


class ErrorHandler(QObject):
    """Installed once per application; ``dialog`` is the message on screen, if any."""

    _report = Signal(str)

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.dialog: QMessageBox | None = None
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        # A worker thread must not touch widgets: emitted from one, the signal is queued to
        # the UI thread this handler lives in (Qt's automatic connection), shown there.
        self._report.connect(self._show)
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous_hooks

    def handle(self, kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hooks[0](kind, error, trace)
            return
        try:
            log.error("unexpected error in %s\n%s", threading.current_thread().name,
                      "".join(traceback.format_exception(kind, error, trace)))
            if isinstance(error, TienDoError):
                text = error.message()
            else:
                text = _("Something went wrong and the action was not completed. Nothing already saved was lost. "
                         "The details are in the log file {path}.", path=str(log_path()))
            if threading.current_thread() is threading.main_thread():
                self._show(text)
            else:
                self._report.emit(text)
        except Exception:  # the handler itself must never take the program down
            traceback.print_exc()

    def _show(self, text: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return  # one message at a time: a failing repaint must not stack hundreds
        self.dialog = QMessageBox(QMessageBox.Critical, _("TienDo"), text, QMessageBox.Ok,
                                  QApplication.activeWindow())
        from PySide6.QtCore import Qt  # not at import: the first window does without Qt's namespace

        self.dialog.setAttribute(Qt.WA_DeleteOnClose, False)
        self.dialog.open()


_handler: ErrorHandler | None = None


def install_error_handling(app: QApplication) -> ErrorHandler:
    """The log file, faulthandler and the exception hooks; once per process."""
    global _handler
    setup_logging()
    enable_faulthandler()
    if _handler is None:
        _handler = ErrorHandler(app)
    return _handler
