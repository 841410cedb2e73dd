"""The encrypted SQLite connection (SQLCipher, AES-256 with a per-page HMAC) and what its
errors mean to a clerk."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from desktop_app.core.errors import CorruptWorkspaceError, Location, TienDoError, WorkspaceError

DatabaseError = sqlcipher3.dbapi2.DatabaseError


def _keep_singletons_alive() -> None:
    """sqlcipher3 (0.5.x and 0.6.x wheels) drops one reference to None each time it binds
    None as a parameter (and PySide6 does the like with True/False in some error paths);
    after a few thousand saves CPython would free None and the program would die.
    Python 3.12 made these immortal; on 3.11 give them enough references to never run
    out.  Remove once the wheels are fixed (tests/core/test_workspace.py checks it)."""
    import ctypes
    import sys

    if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_keep_singletons_alive()


def connect(path: Path, data_key: bytes):
    """A connection opened with the raw 32-byte data key; nothing is read yet."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5.0)
    conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher's own log lines never reach the user
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    return conn


def configure(conn) -> None:
    """Durability and integrity settings for a workspace that will be written."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA foreign_keys = ON")


def export_copy(conn, data_key: bytes, target: Path) -> None:
    """A consistent copy of the open database at ``target``, encrypted with the same key."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{data_key.hex()}'\"", (str(target),))
    conn.execute("SELECT sqlcipher_export('backup')")
    conn.execute(f"PRAGMA backup.user_version = {version}")
    conn.execute("DETACH DATABASE backup")


def split_sql(script: str) -> list[str]:
    # executescript() would commit on its own; a migration must stay one transaction.
    statements, buffer = [], []
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        buffer.append(line)
        candidate = "\n".join(buffer).strip()
        if candidate.endswith(";") and sqlcipher3.complete_statement(candidate):
            statements.append(candidate)
            buffer = []
    if "\n".join(buffer).strip():
        statements.append("\n".join(buffer).strip())
    return statements


def rollback(conn) -> None:
    try:
        conn.execute("ROLLBACK")
    except DatabaseError:
        pass


def storage_error(error: Exception, path: Path) -> TienDoError:
    """A database error as one sentence a clerk can act on."""
    text = str(error).lower()
    if "full" in text:
        return WorkspaceError(
            "The disk is full: the change was not saved. Free some space and try again; "
            "everything saved before is safe.",
            where=Location(file=str(path)),
        )
    if "not a database" in text or "malformed" in text or "hmac" in text:
        return CorruptWorkspaceError(
            "The workspace file is damaged. Restore it from a backup (Tệp > Khôi phục từ bản sao lưu).",
            where=Location(file=str(path)),
        )
    if "readonly" in text or "read-only" in text:
        return WorkspaceError("The workspace file cannot be written (read-only).", where=Location(file=str(path)))
    if "disk i/o" in text:
        return WorkspaceError(
            "The workspace could not be written: the disk may be full or the drive was removed. "
            "The last change was not saved; everything saved before is safe.",
            where=Location(file=str(path)),
        )
    return WorkspaceError("The workspace could not be read or written: {detail}.", where=Location(file=str(path)), detail=str(error))
