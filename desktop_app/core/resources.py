"""Where the program's bundled files are: inside the installed package, in a PyInstaller
bundle, or in the source tree of a checkout.

A wheel carries plans, fonts, icons and compiled translations in ``desktop_app/_bundled``
(setup.py copies them there at build time); a checkout keeps them at the top level in
``resources/`` and ``translations/``.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path


def app_root() -> Path:
    """The checkout's root (or the bundle's folder): where the source tree's files are."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def data_root() -> Path:
    """The folder holding ``resources/`` and ``translations/``: the bundle's, the installed
    package's ``_bundled`` (found beside this module, as ``importlib.resources`` would for a
    package on disk, without its ~30 ms import on every start), or the checkout's."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    package = Path(__file__).resolve().parents[1]
    if (package / "_bundled").is_dir():
        return package / "_bundled"
    checkout = package.parent
    if (checkout / "resources").is_dir():
        return checkout
    from importlib import resources as importlib_resources  # a package not on disk (zip import)

    return Path(str(importlib_resources.files("desktop_app") / "_bundled"))


def resources_dir() -> Path:
    return data_root() / "resources"


def plans_dir() -> Path:
    return resources_dir() / "plans"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def translations_dir() -> Path:
    return data_root() / "translations"


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


def logs_dir() -> Path:
    return user_data_dir() / "logs"


def backups_dir() -> Path:
    """Where the automatic backups are kept (rotated)."""
    return user_data_dir() / "backups"
