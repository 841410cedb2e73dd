"""Writing files so that a crash or a lying USB stick never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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


def write_private(path: Path, data: bytes) -> None:
    """A new file only its owner can read (0600 on POSIX), written whole or not at all."""
    atomic_write_bytes(path, data)


def private_file(path: Path) -> None:
    """Make an existing file owner-only (a copy made by a library with the default mode)."""
    if os.name != "nt":
        os.chmod(path, 0o600)
