"""Finishing a year: check it is ready, record the signer, lock it; reopen with a reason.

A signed year refuses edits (see ``entries.ensure_unlocked``).  Reopening is audited and
the next signature is a new revision, so the paper that was signed and the data that
was sent can always be told apart by their fingerprints.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core import entries
from desktop_app.core.errors import InputError, Location
from desktop_app.core.i18n import N_, translate
from desktop_app.core.text import clean
from desktop_app.core.workspace import Workspace, now_utc


class ReadinessError(InputError):
    """The year cannot be signed yet; ``problems`` says what is missing."""


@dataclass(frozen=True)
class Gap:
    indicator_id: str
    message_id: str

    def message(self, language: str | None = None) -> str:
        return translate(self.message_id, language)


def year_fingerprint(ws: Workspace, year: int, office_id: str | None = None) -> str:
    from desktop_app.core.reports.fingerprint import fingerprint

    return fingerprint(entries.year_snapshot(ws, year, office_id))


def readiness(ws: Workspace, year: int, office_id: str | None = None) -> list[Gap]:
    """What stops the year from being signed: values missing without a reason, word
    targets without a person's judgement."""
    from desktop_app.core.progress import applicable_target

    office_id = office_id or ws.office_id
    assigned = entries.assigned_ids(ws, "indicator", office_id)
    recorded = entries.values(ws, year, office_id)
    gaps = []
    for indicator in ws.plan.indicators:
        if indicator.id not in assigned or ws.plan.is_heading(indicator.id):
            continue
        record = recorded.get(indicator.id)
        if record is None or not record.is_filled:
            gaps.append(Gap(indicator.id, N_("No value, and no reason given for the missing data.")))
            continue
        target = applicable_target(indicator, year)
        if (
            target is not None
            and target.parsed.needs_judgement
            and record.no_data_reason is None
            and record.judgement is None
        ):
            gaps.append(Gap(indicator.id, N_("The target is in words: record whether it was achieved.")))
    return gaps


def sign_year(
    ws: Workspace,
    year: int,
    *,
    signer_name: str,
    signer_title: str,
    signer_authority: str = "",
    report_number: str | None = None,
    office_id: str | None = None,
) -> entries.ReportState:
    """Lock the year under the signer's name; returns the new report state."""
    office_id = office_id or ws.office_id
    signer_name, signer_title, signer_authority = clean(signer_name), clean(signer_title), clean(signer_authority)
    if not signer_name:
        raise InputError("Give the name of the person who signs.", where=Location(field="signer_name"))
    if not signer_title:
        raise InputError("Give the title of the person who signs.", where=Location(field="signer_title"))
    entries.ensure_unlocked(ws, year)
    gaps = readiness(ws, year, office_id)
    if gaps:
        error = ReadinessError(
            "The year is not ready to sign: {count} indicator(s) need attention, first {indicator}: {detail}",
            count=len(gaps), indicator=gaps[0].indicator_id, detail=translate(gaps[0].message_id, "en"),
        )
        error.gaps = gaps  # type: ignore[attr-defined]
        raise error
    fingerprint = year_fingerprint(ws, year, office_id)
    key = f"{ws.plan_code}/{office_id}/{year}"
    with ws.transaction() as tx:
        tx.execute(
            "INSERT INTO reports (plan_code, office_id, year) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (ws.plan_code, office_id, year),
        )
        before = tx.execute(
            "SELECT revision, report_number FROM reports WHERE plan_code = ? AND office_id = ? AND year = ?",
            (ws.plan_code, office_id, year),
        ).fetchone()
        tx.execute(
            "UPDATE reports SET status = 'signed', revision = ?, signer_name = ?, signer_title = ?,"
            " signer_authority = ?, signed_at = ?, fingerprint = ?, report_number = ?"
            " WHERE plan_code = ? AND office_id = ? AND year = ?",
            (before[0] + 1, signer_name, signer_title, signer_authority, now_utc(), fingerprint,
             clean(report_number) if report_number is not None else before[1], ws.plan_code, office_id, year),
        )
        ws.audit(tx, "sign", "report", key, field="status", old_value="draft", new_value="signed",
                 reason=f"{signer_name}, {signer_title}; revision {before[0] + 1}; {fingerprint}")
    return entries.report_state(ws, year, office_id)


def reopen_year(ws: Workspace, year: int, reason: str, office_id: str | None = None) -> entries.ReportState:
    """Unlock a signed year; the reason goes into the audit trail."""
    office_id = office_id or ws.office_id
    reason = clean(reason)
    if not reason:
        raise InputError("Say why the signed year is being reopened.", where=Location(field="reason"))
    state = entries.report_state(ws, year, office_id)
    if not state.locked:
        return state
    with ws.transaction() as tx:
        tx.execute(
            "UPDATE reports SET status = 'draft' WHERE plan_code = ? AND office_id = ? AND year = ?",
            (ws.plan_code, office_id, year),
        )
        ws.audit(tx, "reopen", "report", f"{ws.plan_code}/{office_id}/{year}", field="status",
                 old_value=state.status, new_value="draft", reason=reason)
    return entries.report_state(ws, year, office_id)
