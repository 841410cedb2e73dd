"""Import (lead office): each package applied exactly once, in one transaction or not at
all; a lower revision never overwrites a higher one; rejects are kept aside with why."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable

from desktop_app.core import clock
from desktop_app.core import entries
from desktop_app.core.entries import TASK_STATUSES, TaskProgress, ValueRecord
from desktop_app.core.errors import InputError, PackageError
from desktop_app.core.exchange import PACKAGE_SUFFIX
from desktop_app.core.exchange.keys import box_key, fingerprint_of, recipient_tag, register_office_key_in, trusted_office_key
from desktop_app.core.exchange.offices import ensure_office
from desktop_app.core.exchange.package import MAX_PACKAGE_BYTES, content_hash, open_year_package, read_header
from desktop_app.core.i18n import N_, translate
from desktop_app.core.workspace import Workspace, now_utc

FUTURE_TOLERANCE = dt.timedelta(days=2)
OUTCOMES = {
    "imported": N_("imported"),
    "superseded": N_("imported, replacing an earlier revision"),
    "duplicate": N_("already had it"),
    "stale": N_("older than what we have: kept in history, not applied"),
    "rejected": N_("rejected"),
}


@dataclass
class ImportOutcome:
    path: Path
    outcome: str
    reason: str = ""
    message: str = ""
    office_id: str = ""
    office_name: str = ""
    year: int | None = None
    revision: int | None = None
    new_key_fingerprint: str | None = None
    details: dict = field(default_factory=dict)

    def describe(self, language: str | None = None) -> str:
        text = translate(OUTCOMES[self.outcome], language)
        return f"{text}: {self.message}" if self.message else text


def package_files(paths: list[Path]) -> list[Path]:
    """The files to import: each file given, and every package inside each folder given."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob(f"*{PACKAGE_SUFFIX}") if p.is_file())
        else:
            found.append(path)
    return found


def import_packages(
    ws: Workspace,
    paths: list[Path],
    *,
    dry_run: bool = False,
    trust_new: bool = False,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    quarantine: Path | None = None,
) -> list[ImportOutcome]:
    if ws.role != "lead":
        raise InputError("Only the lead office's workspace imports offices' packages.")
    files = package_files(paths)
    now = now or clock.now()
    quarantine = quarantine or ws.path.with_name(ws.path.name + ".quarantine")
    key = box_key(ws)
    tag = recipient_tag(bytes(key.public_key))
    outcomes = []
    for index, path in enumerate(files, start=1):
        try:
            outcome = _import_one(ws, path, key, tag, dry_run=dry_run, trust_new=trust_new, now=now)
        except PackageError as error:
            outcome = ImportOutcome(path, "rejected", error.reason, error.message())
            if not dry_run:
                _quarantine(path, quarantine, error)
        outcomes.append(outcome)
        if progress:
            progress(index, len(files))
    return outcomes


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_PACKAGE_BYTES:
            raise PackageError("too_large", "The file is larger than any package could be.")
        return path.read_bytes()
    except OSError:
        raise PackageError("unreadable", "The file cannot be read.") from None


def _import_one(ws: Workspace, path: Path, key, tag: bytes, *, dry_run: bool, trust_new: bool, now: dt.datetime) -> ImportOutcome:
    opened = open_year_package(read_header(_read(path)), key, tag)
    payload = _checked(ws, opened.payload, now)
    office, year, revision = payload["office"], payload["year"], payload["revision"]
    result = ImportOutcome(path, "imported", office_id=office["id"], office_name=office["name"], year=year, revision=revision)
    registered = trusted_office_key(ws, office["id"])
    if registered is None:
        if not trust_new:
            raise PackageError(
                "unregistered_signer",
                "The package is signed by {office} with a key not yet registered (fingerprint {fingerprint}); "
                "compare it with the one on the office's signed report, then accept it.",
                office=office["name"], fingerprint=fingerprint_of(opened.signer_key),
            )
        result.new_key_fingerprint = fingerprint_of(opened.signer_key)
    elif registered != opened.signer_key:
        raise PackageError("different_key", "The package is signed with a different key than the one registered for {office}.",
                           office=office["name"])
    digest = content_hash(opened.payload_bytes)
    seen = ws.query("SELECT 1 FROM received_packages WHERE package_id = ? OR content_hash = ?", (payload["package_id"], digest))
    if seen:
        result.outcome = "duplicate"
        return result
    current = ws.query(
        "SELECT max(revision) FROM received_packages WHERE plan_code = ? AND office_id = ? AND year = ? AND applied = 1",
        (ws.plan_code, office["id"], year),
    )[0][0]
    if current is not None and revision <= current:
        result.outcome = "stale"
        result.message = translate("revision {revision}; we have revision {current}", None, revision=revision, current=current)
        apply = False
    else:
        result.outcome = "superseded" if current is not None else "imported"
        apply = True
    if dry_run:
        return result
    with ws.transaction() as tx:
        if result.new_key_fingerprint:
            register_office_key_in(ws, tx, office["id"], opened.signer_key, office_name=office["name"])
        tx.execute(
            "INSERT INTO received_packages (package_id, plan_code, office_id, year, revision, content_hash, created_at,"
            " received_at, signer_key, report_status, report_fingerprint, signer_name, applied, payload_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (payload["package_id"], ws.plan_code, office["id"], year, revision, digest, payload["created_at"], now_utc(),
             fingerprint_of(opened.signer_key), payload["report"]["status"], payload["report"].get("fingerprint"),
             payload["report"].get("signer_name") or "", int(apply), opened.payload_bytes.decode("utf-8")),
        )
        if apply:
            ensure_office(ws, tx, office["id"], office["name"], office.get("kind") or "local")
            _apply(ws, tx, payload)
        ws.audit(tx, "import", "package", f"{ws.plan_code}/{office['id']}/{year}",
                 new_value=f"r{revision} {result.outcome}", reason=path.name)
    return result


def _checked(ws: Workspace, payload: dict, now: dt.datetime) -> dict:
    """The payload with every field the import relies on checked."""
    try:
        if payload["format"] != "tiendo-year" or payload["version"] != 1:
            raise ValueError
        plan, office, data, report = payload["plan"], payload["office"], payload["data"], payload["report"]
        year, revision = int(payload["year"]), int(payload["revision"])
        created = dt.datetime.fromisoformat(payload["created_at"])
        if created.tzinfo is None:
            created = created.replace(tzinfo=dt.timezone.utc)
        office_id, office_name = str(office["id"]), str(office["name"])
        values, tasks, narrative = data["values"], data["tasks"], data["narrative"]
        if not isinstance(values, dict) or not isinstance(tasks, dict) or not isinstance(narrative, dict):
            raise ValueError
        for item in values.values():
            for key in ("number", "numerator", "denominator"):
                if item.get(key) is not None:
                    Decimal(item[key])
        str(payload["package_id"])
        report["status"]
    except (KeyError, TypeError, ValueError, InvalidOperation):
        raise PackageError("malformed", "The package's contents cannot be read.") from None
    if revision < 1 or not office_id:
        raise PackageError("malformed", "The package's contents cannot be read.")
    if plan.get("code") != ws.plan_code:
        raise PackageError("wrong_plan", "The package is for plan {other}, not {plan}.", other=plan.get("code"), plan=ws.plan_code)
    unknown = [i for i in values if not ws.plan.has_indicator(i)] + [t for t in tasks if t not in {x.id for x in ws.plan.tasks}]
    if unknown:
        raise PackageError("catalog_mismatch",
                           "The package was made with a version of the plan this workspace cannot map ({items}).",
                           items=", ".join(unknown[:5]))
    if any(t.get("status") not in TASK_STATUSES for t in tasks.values()):
        raise PackageError("malformed", "The package's contents cannot be read.")
    if office_id == ws.office_id:
        raise PackageError("own_package", "The package comes from this lead office itself.")
    if created > now + FUTURE_TOLERANCE:
        raise PackageError("future", "The package is dated {date}, in the future: check the office computer's clock.",
                           date=created.date().isoformat())
    payload["year"], payload["revision"] = year, revision
    payload["office"] = {"id": office_id, "name": office_name, "kind": office.get("kind")}
    return payload


def _apply(ws: Workspace, tx, payload: dict) -> None:
    office_id, year, data = payload["office"]["id"], payload["year"], payload["data"]
    key = (ws.plan_code, office_id, year)
    for table in ("indicator_values", "task_progress", "reports"):
        tx.execute(f"DELETE FROM {table} WHERE plan_code = ? AND office_id = ? AND year = ?", key)
    author, when = payload["report"].get("signer_name") or payload["office"]["name"], payload["created_at"]
    dec = lambda text: None if text is None else Decimal(text)  # noqa: E731
    entries.write_value_rows(tx, ws.plan_code, office_id, [
        ValueRecord(
            indicator_id=indicator_id, year=year, number=dec(item.get("number")), text=item.get("text"),
            numerator=dec(item.get("numerator")), denominator=dec(item.get("denominator")),
            no_data_reason=item.get("no_data_reason"), judgement=item.get("judgement"),
            source=item.get("source") or "", note=item.get("note") or "", updated_by=author, updated_at=when,
        )
        for indicator_id, item in data["values"].items()
    ])
    for task_id, item in data["tasks"].items():
        date = dt.date.fromisoformat(item["evidence_date"]) if item.get("evidence_date") else None
        entries.write_task_row(tx, ws.plan_code, office_id, TaskProgress(
            task_id, year, item["status"], item.get("result") or "", item.get("evidence_number") or "", date, author, when,
        ))
    report, narrative = payload["report"], data["narrative"]
    tx.execute(
        "INSERT INTO reports (plan_code, office_id, year, status, revision, results_text, difficulties_text,"
        " proposals_text, report_number, signer_authority, signer_title, signer_name, signed_at, fingerprint)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*key, report["status"] if report["status"] in ("draft", "signed", "exported") else "draft",
         int(report.get("revision") or 0), narrative.get("results", ""), narrative.get("difficulties", ""),
         narrative.get("proposals", ""), report.get("report_number") or "", report.get("signer_authority") or "",
         report.get("signer_title") or "", report.get("signer_name") or "", report.get("signed_at"),
         report.get("fingerprint")),
    )


def _quarantine(path: Path, folder: Path, error: PackageError) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"{stamp}_{path.name}"
        if path.is_file():
            shutil.copy2(path, target)
        target.with_name(target.name + ".reason.txt").write_text(
            f"{error.reason}\n{error.message('vi')}\n{error.message('en')}\n", encoding="utf-8"
        )
    except OSError:
        pass  # the summary still says why; a read-only stick must not stop the import


def diff_revisions(ws: Workspace, office_id: str, year: int, old: int, new: int) -> list[tuple[str, object, object]]:
    """What changed between two received revisions: (item, old, new) for every difference."""
    def load(revision: int) -> dict:
        rows = ws.query(
            "SELECT payload_json FROM received_packages WHERE plan_code = ? AND office_id = ? AND year = ? AND revision = ?"
            " ORDER BY received_at DESC LIMIT 1",
            (ws.plan_code, office_id, year, revision),
        )
        if not rows:
            raise InputError("No revision {revision} was received from {office} for {year}.", revision=revision,
                             office=office_id, year=year)
        return json.loads(rows[0][0])["data"]

    before, after = load(old), load(new)
    changes = []
    for section in ("values", "tasks", "narrative"):
        keys = sorted(set(before[section]) | set(after[section]))
        for key in keys:
            a, b = before[section].get(key), after[section].get(key)
            if a != b:
                changes.append((f"{section}/{key}", a, b))
    return changes
