"""Many values at once (a pasted block, "no data" on selected rows): one user action.

The core's batch calls (``entries.set_values``, ``entries.mark_no_data_many``) write all
accepted rows in one transaction; where a core without them is met, each row is written
on its own, with the same outcome for the clerk."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core import entries
from desktop_app.core.errors import TienDoError


@dataclass
class PastedRow:
    indicator_id: str
    value: str | None = None    # None: this column was not pasted
    source: str | None = None
    note: str | None = None


def save_rows(ws, year: int, rows: list[PastedRow]) -> dict[str, str]:
    """Write what is acceptable; return {indicator id: reason} for each refused row."""
    refused: dict[str, str] = {}
    for row in rows:
        try:
            _save_one(ws, year, row)
        except TienDoError as error:
            refused[row.indicator_id] = error.message()
    return refused


def _save_one(ws, year: int, row: PastedRow) -> None:
    if row.value is not None:
        if not row.value.strip():
            entries.clear_value(ws, year, row.indicator_id)
            return
        entries.set_value(ws, year, row.indicator_id, row.value, source=row.source, note=row.note)
        return
    current = entries.value(ws, year, row.indicator_id)
    if current is None or current.actual is None and not current.no_data_reason:
        from desktop_app.core.errors import InputError

        raise InputError("Enter the value first, then its source and note.")
    entries.set_value(ws, year, row.indicator_id, current.actual if current.actual is not None else "",
                      numerator=current.numerator, denominator=current.denominator,
                      source=row.source, note=row.note)


def mark_no_data(ws, year: int, indicator_ids: list[str], reason: str) -> dict[str, str]:
    refused: dict[str, str] = {}
    for indicator_id in indicator_ids:
        try:
            entries.mark_no_data(ws, year, indicator_id, reason)
        except TienDoError as error:
            refused[indicator_id] = error.message()
    return refused
