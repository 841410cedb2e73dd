"""Run core work off the UI thread, with a progress dialog when it takes a while, and
show failures one way (in the spirit of Anki's CollectionOp / QueryOp).

    run_op(parent, lambda progress: core_call(..., progress=progress), on_done=refresh,
           title=_("Đang nhập…"))

A TienDoError is shown with its Vietnamese (or English) message; anything else is logged
with its traceback to the user's log file and shown as a plain apology, never a traceback.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop_app.core.errors import TienDoError
from desktop_app.core.i18n import _
from desktop_app.core.resources import user_data_dir

log = logging.getLogger("tiendo")
SHOW_PROGRESS_AFTER_MS = 300
_running: set = set()


def setup_logging() -> None:
    from desktop_app.core.logs import setup_logging as rotating_log

    rotating_log()


def show_error(parent: QWidget | None, error: BaseException) -> None:
    if isinstance(error, TienDoError):
        QMessageBox.warning(parent, _("TienDo"), error.message())
        return
    log.error("unexpected error\n%s", "".join(traceback.format_exception(error)))
    QMessageBox.critical(
        parent, _("TienDo"),
        _("Something went wrong and the action was not completed. Nothing already saved was lost. "
          "The details are in the log file {path}.", path=str(user_data_dir() / "tiendo.log")),
    )


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int], None]], Any]):
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work(lambda done, total: self.signals.progress.emit(done, total))
        except BaseException as error:  # delivered to the UI thread, shown there
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


def run_op(
    parent: QWidget | None,
    work: Callable[[Callable[[int, int], None]], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_failed: Callable[[BaseException], None] | None = None,
    title: str | None = None,
) -> None:
    """Run ``work(progress)`` on a worker thread; then ``on_done(result)`` on the UI thread."""
    from PySide6.QtCore import Qt  # not at import: the first window does without Qt's namespace

    job = _Job(work)
    dialog = QProgressDialog(title or _("Working…"), None, 0, 0, parent)
    dialog.setWindowTitle(_("TienDo"))
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setCancelButton(None)
    timer = QTimer(dialog)
    timer.setSingleShot(True)
    timer.timeout.connect(dialog.show)
    timer.start(SHOW_PROGRESS_AFTER_MS)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finish() -> None:
        timer.stop()
        dialog.close()
        dialog.deleteLater()
        _running.discard(job)

    def finished(result: Any) -> None:
        finish()
        if on_done:
            on_done(result)

    def failed(error: BaseException) -> None:
        finish()
        (on_failed or (lambda e: show_error(parent, e)))(error)

    job.signals.progress.connect(progress)
    job.signals.finished.connect(finished)
    job.signals.failed.connect(failed)
    _running.add(job)  # keep the job and its signals alive until it reports back
    QThreadPool.globalInstance().start(job)


def run_and_wait(
    parent: QWidget | None, work: Callable[[Callable[[int, int], None]], Any], *, title: str | None = None
) -> Any:
    """``run_op`` for a step that must answer before the caller goes on (a wizard page's
    validation, a dialog's OK): the work runs off the UI thread while a local event loop
    keeps the window painting and the progress showing; its error is raised here."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome["error"] = error
        loop.quit()

    run_op(parent, work, on_done=done, on_failed=failed, title=title)
    if not outcome:  # the work may have finished before the loop starts
        loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
