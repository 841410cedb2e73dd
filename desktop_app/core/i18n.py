"""Translations for user-facing text, shared by the core, the CLI and the GUI.

Message ids are English; the Vietnamese text lives in ``translations/vi/LC_MESSAGES/*.po``
(an installed program carries them compiled, ``desktop_app/_bundled/translations``).
Several .po files (one per area of the program) make up one catalogue so that each
area's strings can be edited without touching the others'.  A compiled ``.mo`` next to
a ``.po`` is preferred when it is at least as new; otherwise the ``.po`` is read with
Babel, so a fresh checkout works without a compile step.
"""

from __future__ import annotations

import gettext
import os
import threading
from pathlib import Path

from desktop_app.core.resources import translations_dir

SUPPORTED_LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_lock = threading.Lock()
_catalogs: dict[str, dict[str, str]] = {}
_current = os.environ.get("TIENDO_LANG", DEFAULT_LANGUAGE)


def _load_catalog(language: str) -> dict[str, str]:
    if language == "en":
        return {}
    folder = translations_dir() / language / "LC_MESSAGES"
    # An installed program carries only the compiled .mo files; a checkout has the .po.
    domains = sorted({path.stem for path in folder.glob("*.po")} | {path.stem for path in folder.glob("*.mo")})
    merged: dict[str, str] = {}
    for domain in domains:
        merged.update(_read_one(folder / f"{domain}.po"))
    return merged


def _read_one(po_path: Path) -> dict[str, str]:
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and (not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime):
        with mo_path.open("rb") as handle:
            translation = gettext.GNUTranslations(handle)
        return {k: v for k, v in translation._catalog.items() if isinstance(k, str) and k and v}
    from babel.messages.pofile import read_po

    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    return {
        message.id: message.string
        for message in catalog
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }


def catalog(language: str) -> dict[str, str]:
    with _lock:
        if language not in _catalogs:
            _catalogs[language] = _load_catalog(language)
        return _catalogs[language]


def set_language(language: str) -> None:
    global _current
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _current = language


def current_language() -> str:
    return _current


def translate(message_id: str, language: str | None = None, **params: object) -> str:
    """The message in ``language`` (default: the current one), with ``{name}`` fields filled."""
    text = catalog(language or _current).get(message_id, message_id)
    return text.format(**params) if params else text


def _(message_id: str, **params: object) -> str:
    return translate(message_id, None, **params)


def N_(message_id: str) -> str:
    """Marks a message for extraction where it is translated later."""
    return message_id


def reload() -> None:
    with _lock:
        _catalogs.clear()
