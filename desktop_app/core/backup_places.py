"""Where the automatic backups go besides the user's data folder: a second folder the
user chose (a USB stick, a network drive), so that a dead disk does not take the
backups with it.

The choice belongs to this computer and this user, not to a workspace: the first-run
wizard must find it before any workspace is unlocked.  It is kept in a small JSON file
in the user's data folder, read and written here for the window and the CLI alike (no
Qt, so ``tiendo auto-backup`` and the settings dialog share one rule).
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.core.errors import InputError, Location
from desktop_app.core.fsutil import atomic_write_bytes, write_failure
from desktop_app.core.logs import log
from desktop_app.core.resources import backups_dir, user_data_dir
from desktop_app.core.text import clean

SETTINGS_NAME = "backup-places.json"
MAX_PATH_CHARS = 1024


def settings_path() -> Path:
    return user_data_dir() / SETTINGS_NAME


def second_folder() -> Path | None:
    """The folder chosen for a second copy of every automatic backup, or None.  A file
    that does not read (edited by hand, half-written) counts as no choice: the backups
    in the data folder go on."""
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        log.warning("backup places setting unreadable (%s): no second copy", error)
        return None
    value = data.get("also_to") if isinstance(data, dict) else None
    if not isinstance(value, str) or not clean(value) or len(value) > MAX_PATH_CHARS:
        return None
    return Path(clean(value))


def set_second_folder(folder: str | Path | None) -> Path | None:
    """Choose (or, given None or an empty text, stop using) the second folder.  It must
    exist now (a drive plugged in, a share reachable); later, while it is absent, the
    backups are made in the data folder only and the window says so."""
    text = clean(str(folder)) if folder is not None else ""
    chosen: Path | None = None
    if text:
        if len(text) > MAX_PATH_CHARS:
            raise InputError("This folder name is too long.", where=Location(file=text[:80] + "…"))
        chosen = Path(text).expanduser().absolute()
        if not chosen.is_dir():
            raise InputError("The folder {folder} is not there: plug in the drive, or choose another folder.",
                             folder=str(chosen))
        data_folder = backups_dir().absolute()
        if chosen == data_folder or chosen.is_relative_to(data_folder):
            raise InputError("Choose a folder outside the data folder, better on another drive: the backups are "
                             "kept there already.")
    payload = json.dumps({"also_to": str(chosen) if chosen else None}, ensure_ascii=False, indent=1)
    target = settings_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, payload.encode("utf-8"))
    except OSError as error:
        raise write_failure(error, target) from None
    log.info("second backup folder: %s", chosen or "none")
    return chosen
