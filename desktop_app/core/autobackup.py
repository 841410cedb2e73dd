"""Automatic backups: the app's own encrypted backup (``core.backup.write_backup``), made when
the window closes and once a day, kept in the user's data folder, the newest 7 per
workspace.  A dead disk or a deleted file then costs at most a day's work, and the
first-run wizard can restore any of them (``list_backups``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.core import clock
from desktop_app.core.resources import backups_dir
from desktop_app.core.backup import BACKUP_SUFFIX, write_backup
from desktop_app.core.workspace import Workspace

KEEP = 7
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?" + re.escape(BACKUP_SUFFIX) + "$")


@dataclass(frozen=True)
class AutoBackup:
    path: Path
    workspace_name: str   # the workspace file's name without .tiendo
    made_at: datetime     # local wall-clock time
    size: int


def folder_for(workspace: Workspace, root: Path | None = None) -> Path:
    """One folder per workspace (its name and id), so two offices' backups never rotate each other out."""
    return (root or backups_dir()) / f"{workspace.path.stem}-{workspace.workspace_id[:8]}"


def list_backups(root: Path | None = None) -> list[AutoBackup]:
    """Every automatic backup in the user's data folder, newest first."""
    found = []
    root = root or backups_dir()
    for path in root.glob(f"*/*{BACKUP_SUFFIX}"):
        match = _NAME.match(path.name)
        if not match:
            continue
        made_at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
        found.append(AutoBackup(path, match["stem"], made_at, path.stat().st_size))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def _in_folder(folder: Path) -> list[AutoBackup]:
    return [b for b in list_backups(folder.parent) if b.path.parent == folder]


def rotate(folder: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups in ``folder``; returns what was deleted."""
    removed = []
    for old in _in_folder(folder)[keep:]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def make_backup(workspace: Workspace, root: Path | None = None, keep: int = KEEP) -> Path:
    """Back up now (the full integrity check runs first: a damaged workspace makes no
    backup and pushes none of the good ones out), then rotate."""
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


def is_due(workspace: Workspace, root: Path | None = None) -> bool:
    """No automatic backup of this workspace yet today."""
    today = clock.local_now().date()
    return not any(b.made_at.date() == today for b in _in_folder(folder_for(workspace, root)))


def backup_if_due(workspace: Workspace, root: Path | None = None) -> Path | None:
    return make_backup(workspace, root) if is_due(workspace, root) else None


def changed_since_backup(workspace: Workspace) -> bool:
    """Something was recorded after the last backup (every backup ends the audit trail
    with its own line), so closing after only looking makes no backup that would push
    an older day's one out."""
    rows = workspace.query("SELECT action FROM audit ORDER BY id DESC LIMIT 1")
    return not rows or rows[0][0] != "backup"


def backup_at_close(workspace: Workspace, root: Path | None = None) -> Path | None:
    if changed_since_backup(workspace) or is_due(workspace, root):
        return make_backup(workspace, root)
    return None
