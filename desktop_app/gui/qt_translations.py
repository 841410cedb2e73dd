"""Qt's own texts (standard buttons, the file dialog, context menus) in Vietnamese.

Qt ships no Vietnamese catalogue (there is no qtbase_vi.qm in PySide6's translations
folder), so the texts the program's windows meet are kept as a gettext file,
``translations/vi/qt/qtbase.po``, with Qt's class as the message context, and handed to
Qt by a translator that answers from it while the program speaks Vietnamese."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop_app.core.i18n import current_language
from desktop_app.core.resources import translations_dir


@lru_cache(maxsize=None)
def qt_catalog(language: str) -> dict[tuple[str, str], str]:
    """{(Qt class, source text): translation}, from the .po in a checkout or the .mo an
    installed program carries (gettext keys a context as "context\x04text")."""
    folder = translations_dir() / language / "qt"
    po_path, mo_path = folder / "qtbase.po", folder / "qtbase.mo"
    # The compiled catalogue when it is up to date (``i18n compile`` makes it in a
    # checkout): parsing the .po with Babel costs the first window ~40 ms.
    mo_current = mo_path.exists() and (not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime)
    if po_path.exists() and not mo_current:
        from babel.messages.pofile import read_po

        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        return {(message.context or "", message.id): message.string
                for message in catalog if message.id and isinstance(message.id, str) and message.string}
    if mo_path.exists():
        import gettext

        with mo_path.open("rb") as handle:
            entries = gettext.GNUTranslations(handle)._catalog
        return {tuple(key.split("\x04", 1)) if "\x04" in key else ("", key): text
                for key, text in entries.items() if isinstance(key, str) and key and text}
    return {}


class GettextQtTranslator(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 (Qt's name)
        # None (a null QString) lets Qt fall back to its source text; an empty string
        # would replace every text this catalogue lacks by nothing.
        language = current_language()
        if language == "en" or not source_text:
            return None
        context = context.decode() if isinstance(context, (bytes, bytearray)) else str(context or "")
        return qt_catalog(language).get((context, source_text)) or None

    def isEmpty(self) -> bool:  # noqa: N802
        return False


_installed: list[QTranslator] = []


def install_qt_translator(app: QCoreApplication) -> None:
    """Ours for Vietnamese, and Qt's own .qm where one exists for another language."""
    if _installed:
        return
    translator = GettextQtTranslator(app)
    app.installTranslator(translator)
    _installed.append(translator)
    shipped = QTranslator(app)
    if shipped.load(QLocale(current_language()), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(shipped)
        _installed.append(shipped)
