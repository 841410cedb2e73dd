"""Text written to spreadsheets (.xlsx) and CSV files as data, never as formulas.

An office name such as ``=HYPERLINK("http://…","Bấm vào đây")`` arrives in a package;
written as it is, Excel runs it in the lead office's own copy (CSV/Excel injection, see
OWASP's "CSV Injection").  So:

- in .xlsx every text is a text cell (never a formula), kept exactly as it was (a plan
  template must read back the same), and a text that *looks* like a formula carries
  Excel's quote prefix, so editing the cell keeps it text;
- in CSV, where there are no cell types, a field that begins with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return is prefixed with ``'``, as OWASP recommends;
- ids (``4.10``) are text cells with the Text number format, so they never turn into
  the number 4.1.

Characters that the .xlsx format cannot hold (control characters) are dropped rather
than making the whole export fail.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from desktop_app.core.fsutil import write_file
from desktop_app.core.text import nfc

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_FORMAT = "@"


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def xlsx_text(text: object) -> str:
    """Any value as text an .xlsx cell can hold: NFC, no control characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", nfc(str(text)))


def put_text(cell, text: object) -> None:
    """A text cell, never a formula, whatever the text begins with."""
    value = xlsx_text(text)
    cell.value = value
    cell.data_type = "s"  # openpyxl made "=…" a formula; it is data
    if looks_like_formula(value):
        cell.quotePrefix = True


def put_id(cell, text: object) -> None:
    """An id or a number-like label (``4.10``, ``II.2.1``, ``01``) kept as text."""
    put_text(cell, text)
    cell.number_format = TEXT_FORMAT


def put_value(cell, value: object) -> None:
    """A number as a number cell; a date as a date; anything else as text."""
    if value is None:
        cell.value = None
    elif isinstance(value, bool):
        put_text(cell, "x" if value else "")
    elif isinstance(value, Decimal):
        if value.is_finite():
            cell.value = value
        else:
            put_text(cell, value)
    elif isinstance(value, (int, float, dt.date, dt.datetime)):
        cell.value = value
    else:
        put_text(cell, value)


def append_row(sheet, values: list[object], *, id_columns: tuple[int, ...] = ()) -> None:
    """``sheet.append`` with every value through :func:`put_value` (ids as text)."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column)
        if column in id_columns and value not in (None, ""):
            put_id(cell, value)
        else:
            put_value(cell, value)


def save_workbook(book, path: Path) -> Path:
    """The workbook written whole (to a temporary file, then renamed) and owner-only."""
    buffer = io.BytesIO()
    book.save(buffer)
    write_file(Path(path), buffer.getvalue())
    return Path(path)


def csv_field(value: object) -> str:
    """A CSV field that a spreadsheet will never evaluate (OWASP: prefix ``'``); a figure
    (``-3``) stays a figure."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else nfc(str(value))
    return "'" + text if looks_like_formula(text) else text


def csv_row(values: list[object]) -> list[str]:
    return [csv_field(v) for v in values]
