"""Many values at once (a pasted block, "no data" on selected rows) as one action, over
the core's batch calls: ``entries.set_values`` and ``entries.mark_no_data_many`` write in
one transaction and say what was there before, for one undo step."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core import entries
from desktop_app.core.entries import BulkResult, RowsRefusedError, ValueRow
from desktop_app.core.errors import InputError
from desktop_app.core.text import format_number


@dataclass
class PastedRow:
    indicator_id: str
    value: str | None = None    # None: the value column was not in the pasted block
    source: str | None = None
    note: str | None = None


def save_rows(ws, year: int, rows: list[PastedRow]) -> tuple[BulkResult | None, dict[str, str]]:
    """Save the acceptable rows in one transaction; return the result and
    {indicator id: reason} for each refused row (those stay in their cells)."""
    refused: dict[str, str] = {}
    current = entries.values(ws, year)
    wanted: list[ValueRow] = []
    for number, row in enumerate(rows, start=1):
        value = row.value
        if value is None:  # only the source or the note was pasted: the value stays
            record = current.get(row.indicator_id)
            if record is None or record.actual is None:
                refused[row.indicator_id] = InputError("Enter the value first, then its source and note.").message()
                continue
            value = record.actual if isinstance(record.actual, str) else format_number(record.actual)
        elif not value.strip() and not (row.source or row.note):
            continue  # an empty cell in the block leaves that row as it is
        wanted.append(ValueRow(row.indicator_id, value, row.source, row.note, number))
    if not wanted:
        return None, refused
    try:
        return entries.set_values(ws, year, wanted), refused
    except RowsRefusedError as error:
        for refusal in error.refusals:
            refused[refusal.indicator_id] = refusal.message()
    accepted = [row for row in wanted if row.indicator_id not in refused]
    return (entries.set_values(ws, year, accepted) if accepted else None), refused


def mark_no_data(ws, year: int, indicator_ids: list[str], reason: str) -> BulkResult:
    return entries.mark_no_data_many(ws, year, indicator_ids, reason)
