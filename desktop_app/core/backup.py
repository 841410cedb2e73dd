"""Backups: one file (``*.tiendo-backup``) holding a consistent copy of the database and
the key slots, still encrypted; and putting one back.

Format: a stored (uncompressed) zip with ``FORMAT`` (``tiendo-backup 1``),
``workspace.db`` and ``workspace.keys``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from desktop_app.core import clock, keyslots
from desktop_app.core.errors import CorruptWorkspaceError, Location, WorkspaceError
from desktop_app.core.filelock import FileLock
from desktop_app.core.fsutil import atomic_write_bytes, create_private, fsync_dir, private_file, write_failure
from desktop_app.core.storage.files import lock_path, sqlite_sidecars
from desktop_app.core.storage.integrity import integrity_problems
from desktop_app.core.storage.sqlcipher import DatabaseError, connect, storage_error
from desktop_app.core.workspace import Workspace

BACKUP_SUFFIX = ".tiendo-backup"
SCRATCH_PREFIX = ".tiendo-backup-scratch-"


def backup_target(workspace_path: Path, destination: str | Path) -> Path:
    """The file a backup to ``destination`` is written to: a folder (existing, or written
    with a trailing slash) gets a dated file inside it; a file name gets the suffix when
    it lacks it."""
    text = str(destination)
    path = Path(destination)
    if path.is_dir() or text.endswith(("/", "\\")):
        path.mkdir(parents=True, exist_ok=True)
        stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
        return path / f"{Path(workspace_path).stem}-{stamp}{BACKUP_SUFFIX}"
    if path.suffix != BACKUP_SUFFIX:
        path = path.with_name(path.name + BACKUP_SUFFIX)
    return path


def write_backup(workspace: Workspace, destination: str | Path) -> Path:
    """A consistent, still-encrypted copy of the live workspace in one file (in a folder,
    a dated file); returns the file written."""
    destination = backup_target(workspace.path, destination)
    # A damaged workspace must not make a backup that looks good (and, rotated, push
    # out the last good one).
    if not workspace.check().ok:
        raise CorruptWorkspaceError(
            "The workspace file is damaged. Restore it from a backup (Tệp > Khôi phục từ bản sao lưu).",
            where=Location(file=str(workspace.path)),
        )
    sweep_stale_scratch(destination.parent)
    try:
        _write_archive(workspace, destination)
    except OSError as error:
        raise write_failure(error, destination) from None
    with workspace.transaction() as tx:
        workspace.audit(tx, "backup", "workspace", workspace.workspace_id, new_value=destination.name)
    return destination


def _write_archive(workspace: Workspace, destination: Path) -> None:
    # The scratch folder is hidden and named, so a backup killed half-way is swept
    # away by the next one; on any error it is removed at once.
    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=destination.parent) as scratch:
        copy = Path(scratch) / "workspace.db"
        try:
            workspace.copy_database(copy)
        except DatabaseError as error:
            raise storage_error(error, destination) from None
        staged = Path(scratch) / "backup.zip"
        # Owner-only: a backup holds the key slots.
        with os.fdopen(create_private(staged), "wb") as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
                archive.writestr("FORMAT", "tiendo-backup 1\n")
                archive.write(copy, "workspace.db")
                archive.writestr("workspace.keys", workspace.key_slots_bytes())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(staged, destination)
        fsync_dir(destination.parent)


def restore_backup(
    backup: Path, destination: Path, *, passphrase: str | None = None, recovery_code: str | None = None,
    replace: bool = False,
) -> Path:
    """Put a backup in place at ``destination`` after proving it opens and is intact.

    A workspace already at ``destination`` is refused unless ``replace`` says the user
    agreed (the window asked, the command was given ``--replace``); even then it is kept
    beside the restored one (``….before-restore-…``), never overwritten.
    """
    backup, destination = Path(backup), Path(destination)
    if destination.exists() and not replace:
        raise WorkspaceError("A workspace already exists at {path}: choose another place, or agree to replace it "
                             "(it is then kept beside the restored one).", path=str(destination))
    try:
        archive = zipfile.ZipFile(backup)
        with archive:
            if archive.read("FORMAT").decode().split()[0] != "tiendo-backup":
                raise ValueError
            db_bytes = archive.read("workspace.db")
            slots_bytes = archive.read("workspace.keys")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, UnicodeDecodeError):
        raise CorruptWorkspaceError("This is not a TienDo backup, or it is damaged.", where=Location(file=str(backup))) from None
    slots = keyslots.KeySlots.from_bytes(slots_bytes, source=str(backup))
    data_key = keyslots.unlock(slots, passphrase=passphrase, recovery_code=recovery_code, source=str(backup))
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=destination.parent) as scratch:
        candidate = Path(scratch) / "restored.tiendo"
        candidate.write_bytes(db_bytes)
        private_file(candidate)
        conn = connect(candidate, data_key)
        try:
            problems = integrity_problems(conn)
        except DatabaseError:
            problems = ["unreadable"]
        finally:
            conn.close()
        if problems:
            raise CorruptWorkspaceError("The backup is damaged and cannot be restored.", where=Location(file=str(backup)))
        if destination.exists():
            lock = FileLock(lock_path(destination))
            lock.acquire(destination)  # refuses while the workspace is open elsewhere
            lock.release()
            stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
            kept = destination.with_name(f"{destination.name}.before-restore-{stamp}")
            shutil.move(destination, kept)
            if keyslots.slots_path(destination).exists():
                shutil.move(keyslots.slots_path(destination), keyslots.slots_path(kept))
            for leftover, moved in zip(sqlite_sidecars(destination), sqlite_sidecars(kept)):
                if leftover.exists():
                    shutil.move(leftover, moved)
        atomic_write_bytes(keyslots.slots_path(destination), slots_bytes)
        os.replace(candidate, destination)
        fsync_dir(destination.parent)
    return destination


def sweep_stale_scratch(folder: Path) -> None:
    """Remove what a backup killed half-way left (its hidden scratch folder), once it is
    old enough not to be another backup running right now."""
    cutoff = time.time() - 600
    try:
        stale = [p for p in folder.glob(SCRATCH_PREFIX + "*") if p.is_dir() and p.stat().st_mtime < cutoff]
    except OSError:
        return
    for leftover in stale:
        shutil.rmtree(leftover, ignore_errors=True)
