"""The serif family reports are set in: Times New Roman when the machine has it (Windows
does), otherwise the bundled Liberation Serif (SIL Open Font License 1.1, licence beside the
files), which is metric-compatible with Times New Roman: the same advance width for every
character, so a report breaks its lines and pages exactly as in Times New Roman."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.core.resources import fonts_dir

FAMILY = "ReportSerif"
STYLES = ("regular", "bold", "italic", "bolditalic")
_TIMES = {"regular": "times.ttf", "bold": "timesbd.ttf", "italic": "timesi.ttf", "bolditalic": "timesbi.ttf"}
# Linux's ttf-mscorefonts-installer names the same files differently.
_TIMES_CORE = {"regular": "Times_New_Roman.ttf", "bold": "Times_New_Roman_Bold.ttf",
               "italic": "Times_New_Roman_Italic.ttf", "bolditalic": "Times_New_Roman_Bold_Italic.ttf"}
_LIBERATION = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
               "italic": "LiberationSerif-Italic.ttf", "bolditalic": "LiberationSerif-BoldItalic.ttf"}


def _times_files() -> dict[str, Path] | None:
    candidates = [(Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts", _TIMES),
                  (Path("/usr/share/fonts/truetype/msttcorefonts"), _TIMES),
                  (Path("/usr/share/fonts/truetype/msttcorefonts"), _TIMES_CORE)]
    for folder, names in candidates:
        files = {style: folder / name for style, name in names.items()}
        if all(path.exists() for path in files.values()):
            return files
    return None


@lru_cache(maxsize=1)
def register() -> str:
    """Register the family once; returns which font it is ("Times New Roman" or "Liberation Serif")."""
    files = _times_files()
    source = "Times New Roman"
    if files is None or os.environ.get("TIENDO_REPORT_FONT") == "bundled":
        files = {style: fonts_dir() / name for style, name in _LIBERATION.items()}
        source = "Liberation Serif"
    names = {style: f"{FAMILY}-{style}" for style in STYLES}
    for style, path in files.items():
        pdfmetrics.registerFont(TTFont(names[style], str(path)))
    addMapping(FAMILY, 0, 0, names["regular"])
    addMapping(FAMILY, 1, 0, names["bold"])
    addMapping(FAMILY, 0, 1, names["italic"])
    addMapping(FAMILY, 1, 1, names["bolditalic"])
    return source


def font(style: str = "regular") -> str:
    register()
    return f"{FAMILY}-{style}"
