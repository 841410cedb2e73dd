"""The log a clerk can send to whoever supports the office: one rotating file in the
user's data folder, and a second file where the interpreter writes its own traceback
if it dies in C code (faulthandler), since such a death leaves no Python traceback."""

from __future__ import annotations

import faulthandler
import logging
from pathlib import Path

from desktop_app.core.resources import user_data_dir

LOG_NAME = "tiendo.log"
CRASH_NAME = "tiendo-crash.log"
MAX_BYTES = 1_000_000
KEEP = 5

log = logging.getLogger("tiendo")
_crash_file = None  # kept open for faulthandler while the program runs


def log_path() -> Path:
    return user_data_dir() / LOG_NAME


def crash_log_path() -> Path:
    return user_data_dir() / CRASH_NAME


class RotatingLog(logging.Handler):
    """The rotating file (``MAX_BYTES``, ``KEEP`` old ones), opened at the first record:
    ``logging.handlers`` costs the first window ~18 ms, and most runs log nothing."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers

            self._file = logging.handlers.RotatingFileHandler(self.path, maxBytes=MAX_BYTES, backupCount=KEEP,
                                                              encoding="utf-8")
            self._file.setFormatter(self.formatter)
        self._file.handle(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging() -> Path:
    """Send the program's log to the rotating file (once per process, per folder)."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for handler in log.handlers:
        if isinstance(handler, RotatingLog) and handler.path == path:
            return path
    handler = RotatingLog(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def enable_faulthandler() -> Path:
    global _crash_file
    path = crash_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if _crash_file is None or _crash_file.name != str(path):
        _crash_file = path.open("a", encoding="utf-8")
        faulthandler.enable(_crash_file, all_threads=True)
    return path
