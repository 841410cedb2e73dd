"""Automatic backups: the app's own encrypted backup (``core.backup.write_backup``), made when
the window closes and once a day, kept in the user's data folder, the newest 7 per
workspace, and copied to a second folder when the user chose one (``backup_places``: a
USB stick, a network drive), rotated there the same way.  A dead disk or a deleted file
then costs at most a day's work, and the first-run wizard can restore any of them
(``list_everywhere``).

The second folder comes and goes (a stick pulled out, a share offline, a full drive): its
failure never stops the backup in the data folder; it is returned as a sentence for the
window's message bar and the command's output."""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.core import backup_places, clock
from desktop_app.core.backup import BACKUP_SUFFIX, write_backup
from desktop_app.core.errors import Message, WorkspaceError
from desktop_app.core.fsutil import fsync_dir
from desktop_app.core.i18n import N_
from desktop_app.core.logs import log
from desktop_app.core.resources import backups_dir
from desktop_app.core.workspace import Workspace

KEEP = 7
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?" + re.escape(BACKUP_SUFFIX) + "$")


@dataclass(frozen=True)
class AutoBackup:
    path: Path
    workspace_name: str   # the workspace file's name without .tiendo
    made_at: datetime     # local wall-clock time
    size: int
    root: Path | None = None  # the folder listed: the data folder's backups/ or the second folder
    same_second: int = 1      # the second backup made within one second is named "…-2"

    @property
    def in_second_folder(self) -> bool:
        return self.root is not None and self.root != backups_dir()


@dataclass(frozen=True)
class Made:
    """One automatic backup: the file in the data folder, and its copy in the second
    folder, or why there is none although a second folder is chosen."""

    path: Path
    copy: Path | None = None
    copy_failed: WorkspaceError | None = None


def folder_for(workspace: Workspace, root: Path | None = None) -> Path:
    """One folder per workspace (its name and id), so two offices' backups never rotate each other out."""
    return (root or backups_dir()) / f"{workspace.path.stem}-{workspace.workspace_id[:8]}"


def list_backups(root: Path | None = None) -> list[AutoBackup]:
    """Every automatic backup in the user's data folder (or in ``root``), newest first."""
    found = []
    root = root or backups_dir()
    for path in root.glob(f"*/*{BACKUP_SUFFIX}"):
        match = _NAME.match(path.name)
        if not match:
            continue
        try:
            made_at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
            size = path.stat().st_size
        except (ValueError, OSError):  # a name that is no date, a file gone as the stick was pulled
            continue
        found.append(AutoBackup(path, match["stem"], made_at, size, root, int(match["n"] or 1)))
    return sorted(found, key=lambda b: (b.made_at, b.same_second, b.path.name), reverse=True)


def list_everywhere() -> list[AutoBackup]:
    """The automatic backups of the data folder and of the second folder, newest first
    (at the same moment, the data folder's first).  An absent or unreadable second
    folder lists nothing and hides nothing else."""
    found = list_backups()
    second = backup_places.second_folder()
    if second is not None:
        try:
            found += list_backups(second)
        except OSError as error:
            log.warning("second backup folder %s not listed: %s", second, error)
    return sorted(found, key=lambda b: (b.made_at, b.same_second, not b.in_second_folder, b.path.name), reverse=True)


def _in_folder(folder: Path) -> list[AutoBackup]:
    return [b for b in list_backups(folder.parent) if b.path.parent == folder]


def rotate(folder: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups in ``folder``; returns what was deleted."""
    removed = []
    for old in _in_folder(folder)[keep:]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


_CHOSEN = object()


def make_backup(workspace: Workspace, root: Path | None = None, keep: int = KEEP,
                also_to: Path | None | object = _CHOSEN) -> Made:
    """Back up now (the full integrity check runs first: a damaged workspace makes no
    backup and pushes none of the good ones out), rotate, then copy it to the second
    folder (``also_to``; by default the one the user chose) and rotate there."""
    made = _make_in(workspace, root, keep)
    second = backup_places.second_folder() if also_to is _CHOSEN else also_to
    if second is None:
        return Made(made)
    try:
        copy = copy_to(made, folder_for(workspace, Path(second)), keep)
    except WorkspaceError as error:
        log.warning("%s (backup %s)", error.en, made)
        return Made(made, copy_failed=error)
    return Made(made, copy=copy)


def _make_in(workspace: Workspace, root: Path | None, keep: int) -> Path:
    folder = folder_for(workspace, root)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{workspace.path.stem}-{stamp}{BACKUP_SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{workspace.path.stem}-{stamp}-{n}{BACKUP_SUFFIX}"
    made = write_backup(workspace, target)
    rotate(folder, keep)
    return made


_WHY = {
    errno.ENOSPC: N_("the drive is full"),
    errno.EROFS: N_("the drive or folder is read-only (write-protected)"),
    errno.EACCES: N_("the drive or folder is read-only (write-protected)"),
    errno.EPERM: N_("the drive or folder is read-only (write-protected)"),
}


def _not_copied(folder: Path, reason) -> WorkspaceError:
    return WorkspaceError("The automatic backup was made in the data folder, but not copied to {folder}: {reason}.",
                          folder=str(folder), reason=reason)


def copy_to(made: Path, folder: Path, keep: int = KEEP) -> Path:
    """A copy of the backup ``made`` in ``folder`` (inside the chosen second folder, which
    must be there: an unplugged drive's empty mount point is not written to), written
    whole or not at all, then the newest ``keep`` kept."""
    if not folder.parent.is_dir():
        raise _not_copied(folder.parent, Message(N_("the folder is not there (is the USB stick plugged in?)")))
    scratch = None
    try:
        folder.mkdir(exist_ok=True)
        fd, scratch = tempfile.mkstemp(prefix=f".{made.name}.", suffix=".tmp", dir=folder)  # owner-only
        with os.fdopen(fd, "wb") as out, made.open("rb") as source:
            shutil.copyfileobj(source, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        target = folder / made.name
        os.replace(scratch, target)
        scratch = None
        fsync_dir(folder)
        rotate(folder, keep)
    except OSError as error:
        if scratch is not None:
            Path(scratch).unlink(missing_ok=True)
        why = _WHY.get(error.errno)
        raise _not_copied(folder.parent, Message(why) if why else (error.strerror or str(error))) from None
    return target


def is_due(workspace: Workspace, root: Path | None = None) -> bool:
    """No automatic backup of this workspace yet today."""
    today = clock.local_now().date()
    return not any(b.made_at.date() == today for b in _in_folder(folder_for(workspace, root)))


def backup_if_due(workspace: Workspace, root: Path | None = None) -> Made | None:
    """The day's backup when there is none yet; otherwise the newest one copied to the
    second folder if it is missing there (``catch_up_copy``)."""
    return make_backup(workspace, root) if is_due(workspace, root) else catch_up_copy(workspace, root)


def catch_up_copy(workspace: Workspace, root: Path | None = None) -> Made | None:
    """A copy that could not be made (the stick was out when the window closed
    yesterday) is made as soon as the second folder is back: the newest backup in the
    data folder is copied there if that folder does not hold it.  None when there is
    nothing to do; otherwise what was copied, or why it still could not be."""
    second = backup_places.second_folder()
    newest = _in_folder(folder_for(workspace, root))[:1]
    if second is None or not newest:
        return None
    target = folder_for(workspace, second)
    if (target / newest[0].path.name).exists():
        return None
    try:
        return Made(newest[0].path, copy=copy_to(newest[0].path, target))
    except WorkspaceError as error:
        return Made(newest[0].path, copy_failed=error)


def changed_since_backup(workspace: Workspace) -> bool:
    """Something was recorded after the last backup (every backup ends the audit trail
    with its own line), so closing after only looking makes no backup that would push
    an older day's one out."""
    rows = workspace.query("SELECT action FROM audit ORDER BY id DESC LIMIT 1")
    return not rows or rows[0][0] != "backup"


def backup_at_close(workspace: Workspace, root: Path | None = None) -> Made | None:
    if changed_since_backup(workspace) or is_due(workspace, root):
        return make_backup(workspace, root)
    return None
