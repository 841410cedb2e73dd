"""Where the program's bundled files are: in the source tree, or in a PyInstaller bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def app_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return app_root() / "resources"


def plans_dir() -> Path:
    return resources_dir() / "plans"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def translations_dir() -> Path:
    return app_root() / "translations"


def user_data_dir() -> Path:
    """The user's own TienDo folder (``%APPDATA%\\TienDo`` on Windows); ``TIENDO_HOME`` overrides it."""
    override = os.environ.get("TIENDO_HOME")
    if override:
        return Path(override)
    if os.name == "nt":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "TienDo"


def installed_plans_dir() -> Path:
    """Plans a user imported (from an .xlsx or a plan-update package)."""
    return user_data_dir() / "plans"
