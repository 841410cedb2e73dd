"""Which plans there are, and what a list of them shows (code, province, the plan's
number and date), read from the catalogs' first fields without building the plans:
parsing every target of four plans costs a window's start a seventh of a second, and
only the plan the user chooses is ever needed (``plans.load_bundled_plan``)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.resources import installed_plans_dir, plans_dir

_CODE = re.compile(r"^[a-z0-9-]{1,64}$")
MAX_HEADER_TEXT = 200


@dataclass(frozen=True)
class PlanHeader:
    code: str
    province: str
    title_line: str


def title_line(number: str, date_printed: str) -> str:
    """``Kế hoạch số 8839/KH-UBND ngày 09/8/2024`` as reports cite the plan."""
    return f"Kế hoạch số {number} ngày {date_printed}"


def plan_files() -> dict[str, Path]:
    """Plan code -> catalog file: the bundled plans, then those the user installed."""
    files: dict[str, Path] = {}
    for folder in (plans_dir(), installed_plans_dir()):
        for path in sorted(folder.glob("*.json")):
            files.setdefault(path.stem, path)
    return files


def _text(value) -> str:
    if not isinstance(value, str) or len(value) > MAX_HEADER_TEXT:
        raise ValueError
    return unicodedata.normalize("NFC", value).strip()


def read_header(path: Path) -> PlanHeader | None:
    """The header of one catalog; None for a file that is not a readable plan (it is
    checked field by field when chosen, and its problems shown then)."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        code, document = _text(raw["code"]), raw["document"]
        if not _CODE.match(code) or code != path.stem:
            return None
        return PlanHeader(code, _text(raw["province"]),
                          title_line(_text(document["number"]), _text(document["date_printed"])))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None


def plan_headers() -> list[PlanHeader]:
    """Every plan on this computer that can be offered, in code order."""
    return [header for code, path in sorted(plan_files().items()) if (header := read_header(path)) is not None]
