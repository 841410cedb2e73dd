"""One program instance per workspace: an OS lock on a file beside it.

The OS drops the lock when the process dies, so a crash never leaves a workspace that
claims to be open.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.core.errors import Location, WorkspaceBusyError, WorkspaceError


class FileLock:
    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self, workspace: Path) -> None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            raise WorkspaceError(
                "The workspace is on a drive or in a folder that cannot be written (a write-protected stick, a CD, "
                "a read-only file): copy it to this computer, or restore its backup, and open it there.",
                where=Location(file=str(workspace)),
            ) from None
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise WorkspaceBusyError(
                "The workspace is already open in another TienDo window or program; close it there first.",
                where=Location(file=str(workspace)),
            ) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            _unlock(self._fd)
        finally:
            # The file stays: unlinking it would let two processes lock two different files.
            os.close(self._fd)
            self._fd = None


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
