"""The lead office takes an accepted package back: it stays in the history with the
reason and who withdrew it, and leaves the consolidation.  When an earlier revision of
the same office and year was accepted, that one counts again."""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop_app.core import entries, validation
from desktop_app.core.errors import InputError, Location, PackageError
from desktop_app.core.exchange.importer import FUTURE_TOLERANCE, apply_payload
from desktop_app.core.exchange.payload import validate
from desktop_app.core.text import clean
from desktop_app.core.clock import now_utc
from desktop_app.core.workspace import Workspace


@dataclass(frozen=True)
class Withdrawal:
    office_id: str
    year: int
    revision: int
    restored_revision: int | None  # the earlier revision that counts again, if any


def withdraw_package(ws: Workspace, office_id: str, year: int, reason: str, *, revision: int | None = None) -> Withdrawal:
    """Withdraw the office's accepted package for ``year`` (the latest one, or ``revision``)."""
    if ws.role != "lead":
        raise InputError("Only the lead office's workspace imports offices' packages.")
    reason = clean(reason)
    if not reason:
        raise InputError("Say why the package is withdrawn.", where=Location(field="reason"))
    validation.check_text(reason, field="reason", limit=validation.LONG_TEXT)
    accepted = ws.query(
        "SELECT revision, package_id FROM received_packages WHERE plan_code = ? AND office_id = ? AND year = ?"
        " AND applied = 1 ORDER BY revision DESC",
        (ws.plan_code, office_id, year),
    )
    chosen = [row for row in accepted if revision is None or row[0] == revision]
    if not chosen:
        raise InputError("No accepted package of {office} for {year} to withdraw.", office=office_id, year=year)
    withdrawn_revision, package_id = chosen[0]
    remaining = [row for row in accepted if row[1] != package_id]
    with ws.transaction() as tx:
        tx.execute(
            "UPDATE received_packages SET applied = 0, withdrawn_at = ?, withdrawn_reason = ?, withdrawn_by = ?"
            " WHERE package_id = ?",
            (now_utc(), reason, ws.actor, package_id),
        )
        restored = None
        if not remaining or remaining[0][0] < withdrawn_revision:
            restored = _restore_earlier(ws, tx, office_id, year, [row[1] for row in remaining])
        ws.audit(tx, "withdraw", "package", f"{ws.plan_code}/{office_id}/{year}", old_value=f"r{withdrawn_revision}",
                 new_value=f"r{restored}" if restored else None, reason=reason)
    return Withdrawal(office_id, year, withdrawn_revision, restored)


def _restore_earlier(ws: Workspace, tx, office_id: str, year: int, package_ids: list[str]) -> int | None:
    """Put back the newest earlier accepted revision that still passes today's checks;
    with none, the office's year leaves the consolidation altogether."""
    for package_id in package_ids:
        row = tx.execute("SELECT payload_json FROM received_packages WHERE package_id = ?", (package_id,)).fetchone()
        try:
            payload = validate(ws, json.loads(row[0]), None, future_tolerance=FUTURE_TOLERANCE)
        except (PackageError, ValueError):
            continue
        apply_payload(ws, tx, payload)  # replaces the year, audited
        return payload.revision
    key = (ws.plan_code, office_id, year)
    before = entries.year_records(tx, *key)
    for table in ("indicator_values", "task_progress", "reports"):
        tx.execute(f"DELETE FROM {table} WHERE plan_code = ? AND office_id = ? AND year = ?", key)
    entries.audit_year_replacement(ws, tx, office_id, year, before)
    return None
