"""What a clerk records for a year: indicator values, task progress and the report's
narrative.  Each call is one user action: one transaction, with its audit rows.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.core import validation
from desktop_app.core.errors import InputError, Location, LockedYearError
from desktop_app.core.i18n import N_, translate
from desktop_app.core.model import Indicator
from desktop_app.core.text import clean, format_number, nfc, parse_date, parse_number
from desktop_app.core.clock import now_utc
from desktop_app.core.workspace import Workspace

DEFAULT_MAX_CHANGE = Decimal("0.30")
TASK_STATUSES = ("not_started", "in_progress", "done", "behind")
TASK_STATUS_LABELS = {
    "not_started": N_("not started"),
    "in_progress": N_("in progress"),
    "done": N_("done"),
    "behind": N_("behind schedule"),
}
NARRATIVE_SECTIONS = ("results", "difficulties", "proposals")
_RATE_PLACES = Decimal("0.01")


class NoteRequiredError(InputError):
    """The value moved more than the allowed share from last year's; a note must say why."""


@dataclass(frozen=True)
class ValueRecord:
    indicator_id: str
    year: int
    number: Decimal | None = None
    text: str | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    no_data_reason: str | None = None
    judgement: bool | None = None
    source: str = ""
    note: str = ""
    updated_by: str = ""
    updated_at: str = ""

    @property
    def actual(self) -> Decimal | str | None:
        return self.number if self.number is not None else self.text

    @property
    def is_filled(self) -> bool:
        return self.number is not None or bool(self.text) or bool(self.no_data_reason)

    def display(self) -> str:
        if self.number is not None:
            return format_number(self.number)
        return self.text or ""


@dataclass(frozen=True)
class TaskProgress:
    task_id: str
    year: int
    status: str
    result: str = ""
    evidence_number: str = ""
    evidence_date: dt.date | None = None
    updated_by: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class AuditEntry:
    at: str
    actor: str
    action: str
    field: str
    old_value: str | None
    new_value: str | None
    reason: str


def task_status_label(status: str, language: str | None = None) -> str:
    return translate(TASK_STATUS_LABELS[status], language)


# -- reading ---------------------------------------------------------------------------------


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


VALUE_COLUMNS = (
    "indicator_id, year, value_number, value_text, numerator, denominator, no_data_reason, judgement,"
    " source, note, updated_by, updated_at"
)


def record_from_row(row: tuple) -> ValueRecord:
    return ValueRecord(
        row[0], row[1], _dec(row[2]), row[3], _dec(row[4]), _dec(row[5]), row[6],
        None if row[7] is None else bool(row[7]), row[8], row[9], row[10], row[11],
    )


def values(ws: Workspace, year: int, office_id: str | None = None) -> dict[str, ValueRecord]:
    rows = ws.query(
        f"SELECT {VALUE_COLUMNS} FROM indicator_values WHERE plan_code = ? AND office_id = ? AND year = ?",
        (ws.plan_code, office_id or ws.office_id, year),
    )
    return {row[0]: record_from_row(row) for row in rows}


def value(ws: Workspace, year: int, indicator_id: str, office_id: str | None = None) -> ValueRecord | None:
    rows = ws.query(
        f"SELECT {VALUE_COLUMNS} FROM indicator_values"
        " WHERE plan_code = ? AND office_id = ? AND year = ? AND indicator_id = ?",
        (ws.plan_code, office_id or ws.office_id, year, indicator_id),
    )
    return record_from_row(rows[0]) if rows else None


def _values_in_years(ws: Workspace, office_id: str, indicator_id: str, years: tuple[int, ...]) -> dict[int, ValueRecord]:
    marks = ", ".join("?" * len(years))
    rows = ws.query(
        f"SELECT {VALUE_COLUMNS} FROM indicator_values WHERE plan_code = ? AND office_id = ? AND indicator_id = ?"
        f" AND year IN ({marks})",
        (ws.plan_code, office_id, indicator_id, *years),
    )
    return {row[1]: record_from_row(row) for row in rows}


def values_by_year(ws: Workspace, indicator_id: str, office_id: str | None = None) -> dict[int, ValueRecord]:
    rows = ws.query(
        f"SELECT {VALUE_COLUMNS} FROM indicator_values WHERE plan_code = ? AND office_id = ? AND indicator_id = ?"
        " ORDER BY year",
        (ws.plan_code, office_id or ws.office_id, indicator_id),
    )
    return {row[1]: record_from_row(row) for row in rows}


def all_values(ws: Workspace, office_id: str | None = None) -> dict[str, dict[int, ValueRecord]]:
    """Every recorded value of the office: indicator id -> year -> record."""
    rows = ws.query(
        f"SELECT {VALUE_COLUMNS} FROM indicator_values WHERE plan_code = ? AND office_id = ?",
        (ws.plan_code, office_id or ws.office_id),
    )
    result: dict[str, dict[int, ValueRecord]] = {}
    for row in rows:
        record = record_from_row(row)
        result.setdefault(record.indicator_id, {})[record.year] = record
    return result


def assigned_ids(ws: Workspace, item_kind: str, office_id: str | None = None) -> set[str]:
    rows = ws.query(
        "SELECT item_id FROM assignments WHERE plan_code = ? AND office_id = ? AND item_kind = ?",
        (ws.plan_code, office_id or ws.office_id, item_kind),
    )
    return {row[0] for row in rows}


def history(ws: Workspace, year: int, indicator_id: str, office_id: str | None = None) -> list[AuditEntry]:
    """Every change to one value, oldest first: saved alone or as part of a bulk action."""
    return _trail(ws, "value", _year_key(ws, office_id or ws.office_id, year), indicator_id)


def task_history(ws: Workspace, year: int, task_id: str, office_id: str | None = None) -> list[AuditEntry]:
    """Every change to one task's progress, oldest first."""
    return _trail(ws, "task", _year_key(ws, office_id or ws.office_id, year), task_id)


def _trail(ws: Workspace, entity: str, scope: str, item: str) -> list[AuditEntry]:
    rows = ws.query(
        "SELECT id, at, actor, action, field, old_value, new_value, reason, changes FROM audit"
        " WHERE entity = ? AND entity_key = ?"
        " UNION ALL SELECT id, at, actor, action, field, old_value, new_value, reason, changes FROM audit"
        " WHERE entity = ? AND entity_key = ? AND action = 'batch'"
        " ORDER BY id",
        (entity, f"{scope}/{item}", entity, scope),
    )
    trail = []
    for _id, at, actor, action, field, old_value, new_value, reason, changes in rows:
        if action != "batch":
            trail.append(AuditEntry(at, actor, action, field, old_value, new_value, reason))
            continue
        trail.extend(AuditEntry(at, actor, change_action, change_field, before, after, reason)
                     for changed, change_action, change_field, before, after in json.loads(changes)
                     if changed == item)
    return trail


def task_progress(ws: Workspace, year: int, office_id: str | None = None) -> dict[str, TaskProgress]:
    rows = ws.query(
        "SELECT task_id, year, status, result, evidence_number, evidence_date, updated_by, updated_at"
        " FROM task_progress WHERE plan_code = ? AND office_id = ? AND year = ?",
        (ws.plan_code, office_id or ws.office_id, year),
    )
    return {
        row[0]: TaskProgress(row[0], row[1], row[2], row[3], row[4], dt.date.fromisoformat(row[5]) if row[5] else None, row[6], row[7])
        for row in rows
    }


@dataclass(frozen=True)
class ReportState:
    year: int
    status: str = "draft"
    revision: int = 0
    results_text: str = ""
    difficulties_text: str = ""
    proposals_text: str = ""
    report_number: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    signed_at: str | None = None
    fingerprint: str | None = None

    @property
    def locked(self) -> bool:
        return self.status in ("signed", "exported")

    def narrative(self, section: str) -> str:
        return getattr(self, f"{section}_text")


def report_state(ws: Workspace, year: int, office_id: str | None = None) -> ReportState:
    rows = ws.query(
        "SELECT year, status, revision, results_text, difficulties_text, proposals_text, report_number,"
        " signer_authority, signer_title, signer_name, signed_at, fingerprint"
        " FROM reports WHERE plan_code = ? AND office_id = ? AND year = ?",
        (ws.plan_code, office_id or ws.office_id, year),
    )
    return ReportState(*rows[0]) if rows else ReportState(year)


# -- writing ---------------------------------------------------------------------------------


def _value_key(ws: Workspace, office_id: str, year: int, indicator_id: str) -> str:
    return f"{ws.plan_code}/{office_id}/{year}/{indicator_id}"


def _year_key(ws: Workspace, office_id: str, year: int) -> str:
    """The audit key of a bulk action on one office's year (a cell's key less its item)."""
    return f"{ws.plan_code}/{office_id}/{year}"


def ensure_unlocked(ws: Workspace, year: int) -> None:
    if report_state(ws, year).locked:
        raise LockedYearError(
            "The report for {year} has been signed; reopen the year (with a reason) before changing it.", year=year
        )


def interpret(indicator: Indicator, raw: str | Decimal | None) -> Decimal | str | None:
    """The typed text as this indicator's value: a Decimal, a word (for word and level
    targets), or None for an empty cell.  Refuses what cannot be right."""
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        validation.check_number(indicator, raw)
        return raw
    text = clean(raw)
    return _interpret_text(indicator, text) if text else None


def _interpret_text(indicator: Indicator, text: str) -> Decimal | str:
    """:func:`interpret` of text already cleaned (not empty)."""
    try:
        number = _clerk_number(text, indicator.id)
    except InputError:
        if _accepts_words(indicator):
            return text
        raise
    validation.check_number(indicator, number)
    return number


def _accepts_words(indicator: Indicator) -> bool:
    if indicator.kind in ("level", "other"):
        return True
    return any(t.parsed.needs_judgement for t in indicator.targets.values())


def _entered(text: str | None, indicator_id: str, field: str, kept: str) -> str:
    return kept if text is None else validation.entered_text(text, field=f"{indicator_id}/{field}")


def rate_from_parts(indicator: Indicator, numerator: Decimal, denominator: Decimal) -> Decimal:
    where = Location(field=indicator.id)
    validation.check_part(indicator, numerator)
    validation.check_part(indicator, denominator)
    if denominator <= 0:
        raise InputError("The denominator must be greater than zero.", where=where)
    if numerator < 0:
        raise InputError("The numerator cannot be negative.", where=where)
    if indicator.kind == "percent" and numerator > denominator:
        raise InputError("The numerator cannot be larger than the denominator.", where=where)
    factor = Decimal(100) if indicator.kind == "percent" else Decimal(1)
    return (numerator * factor / denominator).quantize(_RATE_PLACES, rounding=ROUND_HALF_UP)


def _require_note_for_large_change(indicator: Indicator, previous: Decimal | None, number: Decimal | None,
                                   note_text: str, old: ValueRecord | None, limit: Decimal) -> None:
    """A year's value far from last year's needs a note that says why (an unchanged
    value that already had its say does not ask again)."""
    if (indicator.measure == "value" and is_large_change(previous, number, limit) and not note_text
            and not (old and old.number == number)):
        raise NoteRequiredError(
            "The value moves more than {share}% from last year's ({previous}); add a note that says why.",
            where=Location(field=indicator.id), share=format_number(limit * 100), previous=format_number(previous),
        )


def is_large_change(previous: Decimal | None, new: Decimal | None, max_change: Decimal) -> bool:
    if previous is None or new is None or previous == 0:
        return False
    return abs(new - previous) / abs(previous) > max_change


def max_change_setting(ws: Workspace) -> Decimal:
    return Decimal(ws.setting("max_change", str(DEFAULT_MAX_CHANGE)))


def set_value(
    ws: Workspace,
    year: int,
    indicator_id: str,
    raw: str | Decimal | None,
    *,
    numerator: str | Decimal | None = None,
    denominator: str | Decimal | None = None,
    source: str | None = None,
    note: str | None = None,
    max_change: Decimal | None = None,
    office_id: str | None = None,
) -> ValueRecord:
    """Record this year's value of an indicator (one transaction, audited).

    With a numerator and a denominator the value is computed from them.  A value that
    moves more than ``max_change`` (a share, default the workspace setting) from last
    year's needs a note.
    """
    indicator = ws.plan.indicator(indicator_id)
    validation.check_year(ws.plan, year, history=validation.ENTRY_YEARS_AROUND)
    office_id = office_id or ws.office_id
    ensure_unlocked(ws, year)
    num = _as_decimal(numerator, indicator.id) if numerator not in (None, "") else None
    den = _as_decimal(denominator, indicator.id) if denominator not in (None, "") else None
    if (num is None) != (den is None):
        raise InputError("Give both the numerator and the denominator, or neither.", where=Location(field=indicator.id))
    actual = rate_from_parts(indicator, num, den) if num is not None else interpret(indicator, raw)
    number = actual if isinstance(actual, Decimal) else None
    text = actual if isinstance(actual, str) else None
    nearby = _values_in_years(ws, office_id, indicator_id, (year, year - 1))
    old, previous = nearby.get(year), nearby.get(year - 1)
    note_text = _entered(note, indicator.id, "note", old.note if old else "")
    source_text = _entered(source, indicator.id, "source", old.source if old else "")
    limit = max_change if max_change is not None else max_change_setting(ws)
    _require_note_for_large_change(indicator, previous.number if previous else None, number, note_text, old, limit)
    record = ValueRecord(
        indicator_id=indicator_id, year=year, number=number, text=text, numerator=num, denominator=den,
        no_data_reason=None, judgement=old.judgement if old else None, source=source_text, note=note_text,
        updated_by=ws.actor, updated_at=now_utc(),
    )
    _write_value(ws, office_id, old, record)
    return record


def mark_no_data(ws: Workspace, year: int, indicator_id: str, reason: str, office_id: str | None = None) -> ValueRecord:
    """An explicit "no data this year", with the reason the report will print."""
    ws.plan.indicator(indicator_id)
    reason = clean(reason)
    if not reason:
        raise InputError("Say why there is no data.", where=Location(field=indicator_id))
    office_id = office_id or ws.office_id
    ensure_unlocked(ws, year)
    old = value(ws, year, indicator_id, office_id)
    record = ValueRecord(
        indicator_id=indicator_id, year=year, no_data_reason=reason, source=old.source if old else "",
        note=old.note if old else "", updated_by=ws.actor, updated_at=now_utc(),
    )
    _write_value(ws, office_id, old, record)
    return record


def set_judgement(ws: Workspace, year: int, indicator_id: str, achieved: bool | None, office_id: str | None = None) -> None:
    """A person's decision for a word target ("Bảo đảm": achieved or not)."""
    ws.plan.indicator(indicator_id)
    office_id = office_id or ws.office_id
    ensure_unlocked(ws, year)
    old = value(ws, year, indicator_id, office_id)
    base = old or ValueRecord(indicator_id=indicator_id, year=year)
    record = ValueRecord(**{**base.__dict__, "judgement": achieved, "updated_by": ws.actor, "updated_at": now_utc()})
    _write_value(ws, office_id, old, record)


def clear_value(ws: Workspace, year: int, indicator_id: str, office_id: str | None = None) -> None:
    office_id = office_id or ws.office_id
    ensure_unlocked(ws, year)
    old = value(ws, year, indicator_id, office_id)
    if old is None:
        return
    with ws.transaction() as tx:
        tx.execute(
            "DELETE FROM indicator_values WHERE plan_code = ? AND office_id = ? AND year = ? AND indicator_id = ?",
            (ws.plan_code, office_id, year, indicator_id),
        )
        ws.audit(tx, "clear", "value", _value_key(ws, office_id, year, indicator_id), field="value",
                 old_value=_describe(old), new_value=None)


def restore_value(ws: Workspace, office_id: str, year: int, indicator_id: str, record: ValueRecord | None) -> None:
    """Put a value back exactly as it was (undo), or remove it when it did not exist."""
    if record is None:
        clear_value(ws, year, indicator_id, office_id)
        return
    ensure_unlocked(ws, year)
    _write_value(ws, office_id, value(ws, year, indicator_id, office_id), record)


def _write_value(ws: Workspace, office_id: str, old: ValueRecord | None, record: ValueRecord, *, action: str = "set") -> None:
    with ws.transaction() as tx:
        write_value_row(tx, ws.plan_code, office_id, record)
        key = _value_key(ws, office_id, record.year, record.indicator_id)
        for field, before, after in _changes(old, record):
            ws.audit(tx, action, "value", key, field=field, old_value=before, new_value=after)


_VALUE_CONFLICT = (
    " ON CONFLICT (plan_code, office_id, year, indicator_id) DO UPDATE SET"
    " value_number = excluded.value_number, value_text = excluded.value_text, numerator = excluded.numerator,"
    " denominator = excluded.denominator, no_data_reason = excluded.no_data_reason,"
    " judgement = excluded.judgement, source = excluded.source, note = excluded.note,"
    " updated_by = excluded.updated_by, updated_at = excluded.updated_at"
)
_VALUE_COLUMNS_WRITTEN = (
    "plan_code, office_id, year, indicator_id, value_number, value_text, numerator, denominator, no_data_reason,"
    " judgement, source, note, updated_by, updated_at"
)
_UPSERT_VALUE = (
    f"INSERT INTO indicator_values ({_VALUE_COLUMNS_WRITTEN}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    + _VALUE_CONFLICT
)
# Many rows in one statement from one JSON array: SQLite unpacks it in C, where binding
# fourteen parameters a row from Python cost as much as writing the rows (a paste's
# largest part).  Every element is a JSON string, integer or null, stored as the
# one-row statement stores it.  ("WHERE true" lets SQLite read ON CONFLICT after a SELECT.)
_UPSERT_VALUES_JSON = (
    f"INSERT INTO indicator_values ({_VALUE_COLUMNS_WRITTEN}) SELECT ?1, ?2, value ->> 0, value ->> 1, value ->> 2,"
    " value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10,"
    " value ->> 11 FROM json_each(?3) WHERE true" + _VALUE_CONFLICT
)


def _value_params(plan_code: str, office_id: str, record: ValueRecord) -> tuple:
    return (plan_code, office_id, *_value_fields(record))


def _value_fields(record: ValueRecord) -> tuple:
    return (
        record.year, record.indicator_id, _s(record.number), record.text, _s(record.numerator),
        _s(record.denominator), record.no_data_reason, None if record.judgement is None else int(record.judgement),
        record.source, record.note, record.updated_by, record.updated_at,
    )


def write_value_row(tx, plan_code: str, office_id: str, record: ValueRecord) -> None:
    """The one INSERT-or-UPDATE of a value row, shared by entry and package import."""
    tx.execute(_UPSERT_VALUE, _value_params(plan_code, office_id, record))


def write_value_rows(tx, plan_code: str, office_id: str, records: list[ValueRecord]) -> None:
    """Many value rows in one statement (a paste, a values file, a package)."""
    if records:
        rows = json.dumps([_value_fields(r) for r in records], ensure_ascii=False, separators=(",", ":"))
        tx.execute(_UPSERT_VALUES_JSON, (plan_code, office_id, rows))


_AUDITED_FIELDS = ("value", "numerator", "denominator", "no_data_reason", "judgement", "source", "note")
_NOTHING = (None,) * len(_AUDITED_FIELDS)


def _changes(old: ValueRecord | None, new: ValueRecord) -> list[tuple[str, str | None, str | None]]:
    before = _fields(old) if old else _NOTHING
    return [(f, b, a) for f, b, a in zip(_AUDITED_FIELDS, before, _fields(new)) if b != a]


def _fields(record: ValueRecord) -> tuple[str | None, ...]:
    """The audited fields as text, in the order of ``_AUDITED_FIELDS``."""
    return (
        _describe(record),
        _s(record.numerator),
        _s(record.denominator),
        record.no_data_reason,
        None if record.judgement is None else str(record.judgement).lower(),
        record.source or None,
        record.note or None,
    )


def _describe(record: ValueRecord) -> str | None:
    if record.number is not None:
        return str(record.number)
    return record.text


def _s(number: Decimal | None) -> str | None:
    return None if number is None else str(number)


def _as_decimal(raw: str | Decimal, field: str) -> Decimal:
    return raw if isinstance(raw, Decimal) else parse_number(raw, field=field)


def set_task_progress(
    ws: Workspace,
    year: int,
    task_id: str,
    *,
    status: str,
    result: str = "",
    evidence_number: str = "",
    evidence_date: str | dt.date | None = None,
    office_id: str | None = None,
) -> TaskProgress:
    ws.plan.task(task_id)
    if status not in TASK_STATUSES:
        raise InputError("Unknown task status “{status}”.", where=Location(field=task_id), status=status)
    office_id = office_id or ws.office_id
    ensure_unlocked(ws, year)
    if isinstance(evidence_date, str):
        evidence_date = parse_date(evidence_date, field=task_id) if evidence_date.strip() else None
    record = TaskProgress(task_id, year, status, nfc(result).strip(), clean(evidence_number), evidence_date, ws.actor, now_utc())
    old = task_progress(ws, year, office_id).get(task_id)
    with ws.transaction() as tx:
        write_task_row(tx, ws.plan_code, office_id, record)
        key = f"{ws.plan_code}/{office_id}/{year}/{task_id}"
        for field in ("status", "result", "evidence_number", "evidence_date"):
            before = getattr(old, field) if old else None
            after = getattr(record, field)
            if before != after:
                ws.audit(tx, "set", "task", key, field=field, old_value=before, new_value=after)
    return record


_UPSERT_TASK = (
    "INSERT INTO task_progress (plan_code, office_id, year, task_id, status, result, evidence_number,"
    " evidence_date, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (plan_code, office_id, year, task_id) DO UPDATE SET status = excluded.status,"
    " result = excluded.result, evidence_number = excluded.evidence_number,"
    " evidence_date = excluded.evidence_date, updated_by = excluded.updated_by, updated_at = excluded.updated_at"
)
_TASK_FIELDS = ("status", "result", "evidence_number", "evidence_date")


def _task_params(plan_code: str, office_id: str, record: TaskProgress) -> tuple:
    return (plan_code, office_id, record.year, record.task_id, record.status, record.result, record.evidence_number,
            record.evidence_date.isoformat() if record.evidence_date else None, record.updated_by, record.updated_at)


def write_task_row(tx, plan_code: str, office_id: str, record: TaskProgress) -> None:
    """The one INSERT-or-UPDATE of a task's progress, shared by entry and package import."""
    tx.execute(_UPSERT_TASK, _task_params(plan_code, office_id, record))


def write_task_rows(tx, plan_code: str, office_id: str, records) -> None:
    tx.executemany(_UPSERT_TASK, [_task_params(plan_code, office_id, r) for r in records])


def _text(value: object) -> str | None:
    """An audited value as ``Workspace.audit`` stores it."""
    return None if value is None else str(value)


def _ensure_report_row(tx, ws: Workspace, office_id: str, year: int) -> None:
    tx.execute(
        "INSERT INTO reports (plan_code, office_id, year) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (ws.plan_code, office_id, year),
    )


def set_narrative(ws: Workspace, year: int, section: str, text: str, office_id: str | None = None) -> None:
    if section not in NARRATIVE_SECTIONS:
        raise InputError("Unknown report section “{section}”.", section=section)
    office_id = office_id or ws.office_id
    ensure_unlocked(ws, year)
    text = nfc(text).replace("\r\n", "\n").strip()
    old = report_state(ws, year, office_id).narrative(section)
    if old == text:
        return
    with ws.transaction() as tx:
        _ensure_report_row(tx, ws, office_id, year)
        tx.execute(
            f"UPDATE reports SET {section}_text = ? WHERE plan_code = ? AND office_id = ? AND year = ?",
            (text, ws.plan_code, office_id, year),
        )
        ws.audit(tx, "set", "report", f"{ws.plan_code}/{office_id}/{year}", field=section, old_value=old, new_value=text)


def set_report_number(ws: Workspace, year: int, number: str, office_id: str | None = None) -> None:
    office_id = office_id or ws.office_id
    ensure_unlocked(ws, year)
    number = clean(number)
    with ws.transaction() as tx:
        _ensure_report_row(tx, ws, office_id, year)
        old = tx.execute(
            "SELECT report_number FROM reports WHERE plan_code = ? AND office_id = ? AND year = ?",
            (ws.plan_code, office_id, year),
        ).fetchone()[0]
        tx.execute(
            "UPDATE reports SET report_number = ? WHERE plan_code = ? AND office_id = ? AND year = ?",
            (number, ws.plan_code, office_id, year),
        )
        ws.audit(tx, "set", "report", f"{ws.plan_code}/{office_id}/{year}", field="report_number", old_value=old, new_value=number)


def year_snapshot(ws: Workspace, year: int, office_id: str | None = None) -> dict:
    """The year's recorded data as plain, canonical data: what the report's fingerprint and
    an exchange package are computed from."""
    office_id = office_id or ws.office_id
    state = report_state(ws, year, office_id)
    return {
        "plan": ws.plan_code,
        "office": office_id,
        "year": year,
        "values": {
            k: {
                "number": _s(v.number), "text": v.text, "numerator": _s(v.numerator), "denominator": _s(v.denominator),
                "no_data_reason": v.no_data_reason, "judgement": v.judgement, "source": v.source, "note": v.note,
            }
            for k, v in sorted(values(ws, year, office_id).items())
        },
        "tasks": {
            k: {"status": t.status, "result": t.result, "evidence_number": t.evidence_number,
                "evidence_date": t.evidence_date.isoformat() if t.evidence_date else None}
            for k, t in sorted(task_progress(ws, year, office_id).items())
        },
        "narrative": {section: state.narrative(section) for section in NARRATIVE_SECTIONS},
    }


def snapshot_json(snapshot: dict) -> str:
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# -- numbers as clerks type them -------------------------------------------------------------

_PLAIN = re.compile(r"^-?\d{1,15}(,\d{1,15})?$")
_DOT_DECIMAL = re.compile(r"^[+-]?\d+\.\d+$")
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")


def clerk_number(text: str, *, field: str | None = None) -> Decimal:
    """A number as a clerk types or pastes it: Vietnamese notation first (``2,8``,
    ``1.234,5``, ``2.800`` = two thousand eight hundred), then a dot for decimals where
    it cannot be a thousands separator (``2.8``, ``99.5``, ``2.85``); a trailing ``%``
    is ignored.  Anything else is refused as :func:`text.parse_number` refuses it."""
    return _clerk_number(clean(text), field)


def _clerk_number(text: str, field: str | None) -> Decimal:
    """:func:`clerk_number` of text already cleaned."""
    raw = text.replace("\u00a0", "").replace(" ", "")
    if raw.endswith("%"):
        raw = raw[:-1]
    if _PLAIN.match(raw):  # "12", "2,8": one reading only, no need for Babel (a paste of 100 rows)
        return Decimal(raw.replace(",", "."))
    try:
        return parse_number(raw, field=field)
    except InputError:
        if _DOT_DECIMAL.match(raw) and not _DOT_THOUSANDS.match(raw):
            return Decimal(raw)
        raise


# -- many values at once ---------------------------------------------------------------------


@dataclass(frozen=True)
class ValueRow:
    """One row of a paste or a values file: ``line`` is where it came from (the line
    number a spreadsheet shows), used in refusals."""

    indicator_id: str
    value: str | Decimal | None
    source: str | None = None
    note: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class RowRefusal:
    index: int
    line: int | None
    indicator_id: str
    error: InputError

    def message(self, language: str | None = None) -> str:
        return self.error.message(language)


ROWS_REFUSED = N_("{count} row(s) refused, nothing was saved; line {line}: {detail}")


class RowsRefusedError(InputError):
    """Some rows of a bulk entry cannot be saved; nothing was.  ``refusals`` has each one."""

    refusals: list[RowRefusal]


@dataclass(frozen=True)
class BulkResult:
    """What a bulk entry saved, what was there before (for one undo step), and the audit
    batch that groups its rows."""

    records: tuple[ValueRecord, ...]
    previous: dict[str, ValueRecord | None]
    batch: str


def _as_row(row: ValueRow | tuple | dict, index: int) -> ValueRow:
    if isinstance(row, ValueRow):
        return row
    if isinstance(row, dict):
        return ValueRow(str(row.get("id") or row.get("indicator_id") or ""), row.get("value"), row.get("source"),
                        row.get("note"), row.get("line"))
    return ValueRow(*row)


def prepare_value(
    ws: Workspace, year: int, indicator_id: str, raw: str | Decimal | None, *, old: ValueRecord | None,
    previous: ValueRecord | None, source: str | None = None, note: str | None = None, limit: Decimal,
) -> ValueRecord:
    """The record a value would be saved as, checked as ``set_value`` checks it; raises
    InputError (NoteRequiredError for a large move without a note)."""
    return _checked_record(
        ws.plan.indicator(clean(indicator_id)), year, raw, old=old, previous=previous.number if previous else None,
        source=source, note=note, limit=limit, actor=ws.actor, stamp=now_utc(),
    )


def _checked_record(
    indicator: Indicator, year: int, raw: str | Decimal | None, *, old: ValueRecord | None, previous: Decimal | None,
    source: str | None, note: str | None, limit: Decimal, actor: str, stamp: str,
) -> ValueRecord:
    """One row of a bulk entry, checked as ``set_value`` checks a value: everything that
    does not depend on the row (the plan, the actor, the time) is looked up once by the caller."""
    text = clean(raw) if isinstance(raw, str) else raw
    if text is None or text == "":
        raise InputError("A number is required.", where=Location(field=indicator.id))
    actual = _interpret_text(indicator, text) if isinstance(text, str) else interpret(indicator, text)
    number = actual if isinstance(actual, Decimal) else None
    note_text = _entered(note, indicator.id, "note", old.note if old else "")
    source_text = _entered(source, indicator.id, "source", old.source if old else "")
    _require_note_for_large_change(indicator, previous, number, note_text, old, limit)
    return ValueRecord(
        indicator.id, year, number, None if number is not None else actual, None, None, None,
        old.judgement if old else None, source_text, note_text, actor, stamp,
    )


def _this_and_last_year(ws: Workspace, office_id: str, year: int) -> tuple[dict[str, ValueRecord], dict[str, Decimal | None]]:
    """This year's records and last year's numbers: all a bulk entry compares with, one read
    for each year (last year's only the number: a row of twelve columns costs its fetch)."""
    current = values(ws, year, office_id)
    rows = ws.query(
        "SELECT indicator_id, value_number FROM indicator_values WHERE plan_code = ? AND office_id = ? AND year = ?",
        (ws.plan_code, office_id, year - 1),
    )
    return current, {indicator_id: _dec(number) for indicator_id, number in rows}


def set_values(
    ws: Workspace, year: int, rows, *, office_id: str | None = None, max_change: Decimal | None = None,
) -> BulkResult:
    """Save many values (a paste from Excel, a values file) as one action: one
    transaction, all rows or none, one audit batch.  When any row is refused nothing is
    saved and RowsRefusedError lists every refused row with its reason."""
    validation.check_year(ws.plan, year, history=validation.ENTRY_YEARS_AROUND)
    office_id = office_id or ws.office_id
    ensure_unlocked(ws, year)
    rows = [_as_row(row, index) for index, row in enumerate(rows)]
    current, before = _this_and_last_year(ws, office_id, year)
    limit = max_change if max_change is not None else max_change_setting(ws)
    plan, actor, stamp = ws.plan, ws.actor, now_utc()  # one action: one author, one time
    refusals: list[RowRefusal] = []
    records: list[ValueRecord] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        indicator_id = clean(row.indicator_id)
        try:
            if indicator_id in seen:
                raise InputError("The indicator “{indicator}” is given twice (line {line}).", where=Location(field=indicator_id),
                                 indicator=indicator_id, line=rows[seen[indicator_id]].line or seen[indicator_id] + 1)
            if not indicator_id:
                raise InputError("The field is empty.", where=Location(field="id"))
            seen[indicator_id] = index
            records.append(_checked_record(
                plan.indicator(indicator_id), year, row.value, old=current.get(indicator_id),
                previous=before.get(indicator_id), source=row.source, note=row.note, limit=limit, actor=actor,
                stamp=stamp,
            ))
        except InputError as error:
            refusals.append(RowRefusal(index, row.line, indicator_id, error))
    if refusals:
        first = refusals[0]
        error = RowsRefusedError(
            ROWS_REFUSED,
            count=len(refusals), line=first.line if first.line is not None else first.index + 1, detail=first.error,
        )
        error.refusals = refusals
        raise error
    batch = uuid.uuid4().hex[:12]
    previous = {r.indicator_id: current.get(r.indicator_id) for r in records}
    with ws.transaction() as tx:
        write_value_rows(tx, ws.plan_code, office_id, records)
        _audit_batch(ws, tx, office_id, year, records, previous, batch)
    return BulkResult(tuple(records), previous, batch)


def _audit_batch(ws: Workspace, tx, office_id: str, year: int, records, previous, batch: str) -> None:
    """The audit row of a bulk entry of values: every changed field of every record."""
    audit_batch(ws, tx, "value", _year_key(ws, office_id, year), [
        (record.indicator_id, "set", field, old_text, new_text)
        for record in records
        for field, old_text, new_text in _changes(previous[record.indicator_id], record)
    ], batch)


_AUDIT_BATCH = (
    "INSERT INTO audit (at, actor, action, entity, entity_key, reason, changes) VALUES (?, ?, 'batch', ?, ?, ?, ?)"
)


def audit_batch(ws: Workspace, tx, entity: str, scope: str, changes, batch: str | None = None) -> str | None:
    """One audit row for a bulk action (inside ``tx``): ``changes`` are (item, action, field,
    old, new), kept in order as compact JSON; ``history`` gives each cell its own.  One row,
    not one per change: the index then grows by one entry at the end of the year's, where
    rows per change, keyed by cell, land between the entries of earlier pastes and dirty a
    page every few cells.  Returns the batch id, or None when nothing changed."""
    if not changes:
        return None
    batch = batch or uuid.uuid4().hex[:12]
    tx.execute(_AUDIT_BATCH, (
        now_utc(), ws.actor, entity, scope, f"batch {batch}",
        json.dumps(changes, ensure_ascii=False, separators=(",", ":")),
    ))
    return batch


def year_records(tx, plan_code: str, office_id: str, year: int) -> tuple[dict[str, ValueRecord], dict[str, TaskProgress]]:
    """An office's values and task progress for a year, read inside ``tx`` (before a
    package replaces them, for :func:`audit_year_replacement`)."""
    key = (plan_code, office_id, year)
    values_now = {row[0]: record_from_row(row) for row in tx.execute(
        f"SELECT {VALUE_COLUMNS} FROM indicator_values WHERE plan_code = ? AND office_id = ? AND year = ?", key)}
    tasks_now = {row[0]: TaskProgress(row[0], row[1], row[2], row[3], row[4],
                                      dt.date.fromisoformat(row[5]) if row[5] else None, row[6], row[7])
                 for row in tx.execute(
        "SELECT task_id, year, status, result, evidence_number, evidence_date, updated_by, updated_at"
        " FROM task_progress WHERE plan_code = ? AND office_id = ? AND year = ?", key)}
    return values_now, tasks_now


def audit_year_replacement(ws: Workspace, tx, office_id: str, year: int, before) -> None:
    """The audit of a year replaced as a whole (a package applied or withdrawn on the lead
    office's side): what changed from ``before`` (:func:`year_records`), one batch row
    for the values and one for the tasks."""
    old_values, old_tasks = before
    new_values, new_tasks = year_records(tx, ws.plan_code, office_id, year)
    value_changes = []
    for indicator_id in sorted(old_values.keys() | new_values.keys()):
        old, new = old_values.get(indicator_id), new_values.get(indicator_id)
        if new is None:
            value_changes.append((indicator_id, "clear", "value", _describe(old), None))
        else:
            value_changes.extend((indicator_id, "set", f, b, a) for f, b, a in _changes(old, new))
    task_changes = []
    for task_id in sorted(old_tasks.keys() | new_tasks.keys()):
        old, new = old_tasks.get(task_id), new_tasks.get(task_id)
        if new is None:
            task_changes.append((task_id, "clear", "status", old.status, None))
            continue
        for field in _TASK_FIELDS:
            b, a = (_text(getattr(old, field)) if old else None), _text(getattr(new, field))
            if b != a:
                task_changes.append((task_id, "set", field, b, a))
    scope = _year_key(ws, office_id, year)
    audit_batch(ws, tx, "value", scope, value_changes)
    audit_batch(ws, tx, "task", scope, task_changes)


def mark_no_data_many(ws: Workspace, year: int, indicator_ids, reason: str, *, office_id: str | None = None) -> BulkResult:
    """"No data" with one reason for many indicators: one transaction, one audit batch."""
    reason = clean(reason)
    ids = list(dict.fromkeys(clean(i) for i in indicator_ids))
    if not ids:
        raise InputError("Choose at least one indicator.")
    for indicator_id in ids:
        ws.plan.indicator(indicator_id)
    if not reason:
        raise InputError("Say why there is no data.", where=Location(field=ids[0]))
    office_id = office_id or ws.office_id
    ensure_unlocked(ws, year)
    current = values(ws, year, office_id)
    actor, stamp = ws.actor, now_utc()
    records = [
        ValueRecord(indicator_id=i, year=year, no_data_reason=reason, source=current[i].source if i in current else "",
                    note=current[i].note if i in current else "", updated_by=actor, updated_at=stamp)
        for i in ids
    ]
    batch = uuid.uuid4().hex[:12]
    previous = {i: current.get(i) for i in ids}
    with ws.transaction() as tx:
        write_value_rows(tx, ws.plan_code, office_id, records)
        _audit_batch(ws, tx, office_id, year, records, previous, batch)
    return BulkResult(tuple(records), previous, batch)


def restore_values(ws: Workspace, year: int, records: dict[str, ValueRecord | None], *, office_id: str | None = None) -> None:
    """Put many values back as they were (the undo of a paste): one transaction."""
    office_id = office_id or ws.office_id
    ensure_unlocked(ws, year)
    current = values(ws, year, office_id)
    plan_code = ws.plan_code
    gone, kept, changes = [], [], []
    for indicator_id, record in records.items():
        old = current.get(indicator_id)
        if record is None:
            if old is not None:
                gone.append((plan_code, office_id, year, indicator_id))
                changes.append((indicator_id, "clear", "value", _describe(old), None))
            continue
        kept.append(record)
        changes.extend((indicator_id, "set", field, old_text, new_text) for field, old_text, new_text in _changes(old, record))
    with ws.transaction() as tx:
        tx.executemany("DELETE FROM indicator_values WHERE plan_code = ? AND office_id = ? AND year = ?"
                       " AND indicator_id = ?", gone)
        write_value_rows(tx, plan_code, office_id, kept)
        audit_batch(ws, tx, "value", _year_key(ws, office_id, year), changes)


def set_tasks_progress(
    ws: Workspace, year: int, task_ids, *, status: str, result: str = "", evidence_number: str = "",
    evidence_date: str | dt.date | None = None, office_id: str | None = None,
) -> list[TaskProgress]:
    """The same progress for several tasks (a section of the plan reported as one): one transaction."""
    task_ids = list(dict.fromkeys(task_ids))
    for task_id in task_ids:
        ws.plan.task(task_id)
    if status not in TASK_STATUSES:
        raise InputError("Unknown task status “{status}”.", where=Location(field=task_ids[0] if task_ids else None),
                         status=status)
    office_id = office_id or ws.office_id
    ensure_unlocked(ws, year)
    if isinstance(evidence_date, str):
        evidence_date = parse_date(evidence_date, field=task_ids[0] if task_ids else None) if evidence_date.strip() else None
    existing = task_progress(ws, year, office_id)
    plan_code, actor, stamp = ws.plan_code, ws.actor, now_utc()
    result, evidence_number = nfc(result).strip(), clean(evidence_number)
    records = [TaskProgress(task_id, year, status, result, evidence_number, evidence_date, actor, stamp)
               for task_id in task_ids]
    changes = []
    for record in records:
        old = existing.get(record.task_id)
        for field in _TASK_FIELDS:
            before, after = (getattr(old, field) if old else None), getattr(record, field)
            if before != after:
                changes.append((record.task_id, "set", field, _text(before), _text(after)))
    with ws.transaction() as tx:
        write_task_rows(tx, plan_code, office_id, records)
        audit_batch(ws, tx, "task", _year_key(ws, office_id, year), changes)
    return records
