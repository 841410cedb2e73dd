"""Printing rows as aligned text or as JSON."""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(headers: list[str], rows: list[list[str]], *, max_width: int = 60, full_last: bool = False) -> None:
    """``full_last``: the last column (a reason, a message) is printed whole; nothing
    follows it on the line, so its length pushes no other column."""
    cells = [[str(c) if c is not None else "" for c in row] for row in rows]
    last = len(headers) - 1 if full_last else None
    cells = [[c if len(c) <= max_width or i == last else c[: max_width - 1] + "…" for i, c in enumerate(row)]
             for row in cells]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    for row in [headers] + cells:
        print("  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)).rstrip())


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=_default))


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(type(value).__name__)
