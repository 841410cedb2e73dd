"""Writing files so that a crash or a lying USB stick never leaves half a file."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from desktop_app.core.errors import Location, WorkspaceError


def fsync_dir(folder: Path) -> None:
    # Windows cannot open a directory for fsync; NTFS journals the rename itself.
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, flush, fsync, then rename over it."""
    path = Path(path)
    # mkstemp creates the file 0600: a package, a backup or a key file is never
    # readable by other users, even for the instant before the rename.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(path.parent)


def write_file(path: Path, data: bytes) -> None:
    """A file the user asked for (a report, a spreadsheet, an export) written whole, or
    one sentence saying why it could not be (a write-protected stick, a folder typed wrong)."""
    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        raise write_failure(error, Path(path)) from None


def write_private(path: Path, data: bytes) -> None:
    """A new file only its owner can read (0600 on POSIX), written whole or not at all."""
    atomic_write_bytes(path, data)


def private_file(path: Path) -> None:
    """Make an existing file owner-only (a copy made by a library with the default mode)."""
    if os.name != "nt":
        os.chmod(path, 0o600)


def create_private(path: Path) -> int:
    """A new, empty file only its owner can read; returns its descriptor (fails if it exists)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)


def write_failure(error: OSError, path: Path) -> WorkspaceError:
    """What went wrong writing a file, in one sentence a clerk can act on."""
    where = Location(file=str(path))
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return WorkspaceError("The drive is full: nothing was written. Free some space or use another drive.", where=where)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return WorkspaceError("This drive or folder cannot be written (write-protected or read-only): "
                              "nothing was written. Choose another place.", where=where)
    if error.errno in (errno.ENOENT, errno.ENODEV, errno.EIO, errno.ENXIO):
        return WorkspaceError("The drive could not be written (was it removed?): nothing was written. "
                              "Plug it in again and retry.", where=where)
    return WorkspaceError("The file could not be written: {detail}.", where=where, detail=error.strerror or str(error))
