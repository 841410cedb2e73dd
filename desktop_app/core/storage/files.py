"""The files that make up a workspace called ``X.tiendo``:

  ``X.tiendo``        the encrypted database (AES-256, per-page HMAC);
  ``X.tiendo.keys``   the key slots (core/keyslots.py);
  ``X.tiendo-wal``    ``X.tiendo-shm``  SQLite's write-ahead log while open (encrypted too);
  ``X.tiendo.lock``   the lock that keeps a second instance out.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.core.errors import CorruptWorkspaceError, Location, WorkspaceError
from desktop_app.core.resources import user_data_dir

SUFFIX = ".tiendo"


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def sqlite_sidecars(path: Path) -> tuple[Path, Path]:
    """The write-ahead log and its index beside the database."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def refuse_what_is_not_a_workspace(path: Path) -> None:
    """Checks that only read: a file that cannot be a workspace is left exactly as it is,
    and a workspace on read-only media is refused before anything tries to write."""
    where = Location(file=str(path))
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        raise WorkspaceError("The workspace file cannot be read.", where=where) from None
    if size == 0:
        raise CorruptWorkspaceError("This file is empty, not a TienDo workspace (an incomplete copy?); it was left as it is.",
                                    where=where)
    if head.startswith(b"SQLite format 3\0"):
        raise CorruptWorkspaceError("This file is not a TienDo workspace; it was left as it is.", where=where)
    if size % 512:  # a database is whole pages: this one was cut short
        raise CorruptWorkspaceError(
            "The workspace file is damaged. Restore it from a backup (Tệp > Khôi phục từ bản sao lưu).", where=where,
        )
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise WorkspaceError(
            "The workspace is on a drive or in a folder that cannot be written (a write-protected stick, a CD, "
            "a read-only file): copy it to this computer, or restore its backup, and open it there.",
            where=where,
        )


def default_workspace_dir() -> Path:
    """Where workspaces live when the user does not choose (the GUI asks QStandardPaths instead)."""
    return user_data_dir() / "workspaces"
