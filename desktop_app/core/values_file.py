"""A year's values from a spreadsheet saved as CSV (``id,value,source,note``).

Excel writes CSV as the computer's locale says: a comma between fields in English, a
semicolon where the comma is the decimal mark (Vietnamese); "CSV UTF-8" with a BOM, plain
"CSV" in the Windows code page (cp1258 for Vietnamese).  All of these are read.  Rows are
numbered as the spreadsheet shows them: the header is line 1.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop_app.core.entries import ValueRow
from desktop_app.core.errors import InputError, Location
from desktop_app.core.text import clean, fold, nfc

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_CELL = 4000
COLUMNS = {
    "id": ("id", "ma", "ma chi tieu", "chi tieu"),
    "value": ("value", "gia tri", "so lieu", "thuc hien"),
    "source": ("source", "nguon", "nguon so lieu"),
    "note": ("note", "ghi chu"),
}


def read_values_csv(path: Path) -> list[ValueRow]:
    path = Path(path)
    where = Location(file=str(path))
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError("The file is too large for a values file.", where=where)
        data = path.read_bytes()
    except OSError as error:
        raise InputError("Cannot read the file: {detail}.", where=where, detail=error.strerror) from None
    return read_values_text(_decode(data), source=str(path))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV" on a Vietnamese Windows: the ANSI code page, with tones as
        # combining marks that NFC puts back together.
        return nfc(data.decode("cp1258", errors="replace"))


def read_values_text(text: str, *, source: str = "") -> list[ValueRow]:
    text = nfc(text).lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    # The header has no decimals, so the mark that separates its names is the delimiter.
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[ValueRow] = []
    columns: dict[str, int] | None = None
    for number, cells in enumerate(reader, start=1):
        where = Location(file=source or None, row=str(number))
        if any(len(cell) > MAX_CELL for cell in cells):
            raise InputError("A cell is too long.", where=where)
        if not any(cell.strip() for cell in cells):
            continue
        if columns is None:
            columns = _header(cells, where)
            continue
        if len(rows) >= MAX_ROWS:
            raise InputError("The file has more than {count} rows.", where=where, count=MAX_ROWS)
        cell = lambda name: cells[columns[name]] if name in columns and columns[name] < len(cells) else None  # noqa: E731
        source_text, note_text = cell("source"), cell("note")
        rows.append(ValueRow(
            indicator_id=clean(cell("id")), value=cell("value"),
            source=source_text if source_text is not None and source_text.strip() else None,
            note=note_text if note_text is not None and note_text.strip() else None,
            line=number,
        ))
    if columns is None:
        raise InputError("The file is empty.", where=Location(file=source or None))
    return rows


def _header(cells: list[str], where: Location) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = " ".join(fold(cell).split())
        for column, spellings in COLUMNS.items():
            if name in spellings and column not in found:
                found[column] = index
    if "id" not in found or "value" not in found:
        raise InputError("The first line must name the columns: id,value,source,note (the last two may be left out).",
                         where=where)
    return found
