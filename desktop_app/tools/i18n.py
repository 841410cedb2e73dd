"""Extract, check and compile the gettext catalogs in ``translations/``.

    python -m desktop_app.tools.i18n extract   # translations/messages.pot from the source
    python -m desktop_app.tools.i18n check     # msgids in the source with no Vietnamese text
    python -m desktop_app.tools.i18n compile   # every .po -> .mo
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from desktop_app.core.i18n import catalog as translation_catalog
from desktop_app.core.i18n import reload
from desktop_app.core.resources import app_root, translations_dir

# Errors carry their message id as the first argument (PackageError: the second, after
# its reason code); Babel reads those calls as it reads _().
_ERRORS = (
    "TienDoError", "InputError", "WorkspaceError", "WrongSecretError", "WorkspaceBusyError",
    "CorruptWorkspaceError", "CatalogError", "LockedYearError", "NoteRequiredError",
    "TargetSyntaxError", "SigningError", "ReportError", "ExchangeError", "ReadinessError",
)
KEYWORDS = {
    "_": None, "N_": None, "translate": (1,), "tr": None, "problem": (3,), "add": (4,), "PackageError": (2,),
    "reject": (2,), **{name: (1,) for name in _ERRORS},
}


def source_messages() -> dict[str, list[tuple[str, int]]]:
    """Every message id in the program, with where it is used."""
    found: dict[str, list[tuple[str, int]]] = {}
    root = app_root() / "desktop_app"
    method_map = [("tools/**.py", "ignore"), ("**.py", "python")]
    for filename, lineno, message, _comments, _context in extract_from_dir(
        root, method_map=method_map, keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True
    ):
        if isinstance(message, tuple):
            message = message[0]
        if message:
            found.setdefault(message, []).append((f"desktop_app/{filename}", lineno))
    return found


def extract() -> Path:
    pot = Catalog(project="TienDo", charset="utf-8")
    for message, places in sorted(source_messages().items()):
        pot.add(message, locations=places)
    path = translations_dir() / "messages.pot"
    with path.open("wb") as handle:
        write_po(handle, pot, width=100, omit_header=False)
    return path


def missing(language: str = "vi") -> dict[str, list[tuple[str, int]]]:
    reload()
    translated = translation_catalog(language)
    return {m: places for m, places in source_messages().items() if m not in translated}


def compile_all() -> list[Path]:
    written = []
    # */qt/: Qt's own texts, read by gui/qt_translations.py (as setup.py compiles them for a wheel)
    folder = translations_dir()
    for po_path in sorted([*folder.glob("*/LC_MESSAGES/*.po"), *folder.glob("*/qt/*.po")]):
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        mo_path = po_path.with_suffix(".mo")
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "extract":
        print(extract())
    elif command == "compile":
        print(f"compiled {len(compile_all())} catalog(s)")
    elif command == "check":
        gaps = missing()
        for message, places in sorted(gaps.items()):
            print(f"{places[0][0]}:{places[0][1]}: {message!r}")
        print(f"{len(gaps)} message(s) without a Vietnamese translation")
        return 1 if gaps else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
