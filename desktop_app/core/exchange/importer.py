"""Import (lead office): each package applied exactly once, in one transaction or not at
all; a lower revision never overwrites a higher one; rejects are kept aside with why."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from desktop_app.core import clock
from desktop_app.core import entries
from desktop_app.core.errors import InputError, PackageError, TienDoError
from desktop_app.core.exchange import PACKAGE_SUFFIX
from desktop_app.core.exchange.keys import (
    box_key, fingerprint_of, office_of_key, recipient_tag, register_office_key_in, trusted_office_key,
)
from desktop_app.core.exchange.offices import ensure_office
from desktop_app.core.exchange.package import MAX_PACKAGE_BYTES, content_hash, open_year_package, read_header
from desktop_app.core.exchange.payload import Problems, YearPayload, validate
from desktop_app.core.fsutil import write_private
from desktop_app.core.i18n import N_, translate
from desktop_app.core.text import clean, fold, format_date
from desktop_app.core.clock import now_utc
from desktop_app.core.workspace import Workspace

log = logging.getLogger(__name__)
FUTURE_TOLERANCE = dt.timedelta(days=2)
OUTCOMES = {
    "imported": N_("imported"),
    "superseded": N_("imported, replacing an earlier revision"),
    "duplicate": N_("already had it"),
    "stale": N_("older than what we have: kept in history, not applied"),
    "withdrawn": N_("withdrawn earlier"),
    "rejected": N_("rejected"),
}
RECEIVED = ("imported", "superseded")


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
            inside = []
            # A folder that cannot be read (a damaged stick) is passed over, not fatal.
            for folder, _dirs, names in os.walk(path, onerror=lambda _error: None):
                inside += [Path(folder) / name for name in names if name.endswith(PACKAGE_SUFFIX)]
            found += sorted(p for p in inside if p.is_file())
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
    """Every file read on its own: one bad file never stops the others, and every file
    ends with an outcome in the summary."""
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
            outcome = ImportOutcome(path, "rejected", error.reason, error.message(), details=_details(error))
            known = getattr(error, "about", None)
            if known is not None:  # the package was read: the summary says whose it was
                outcome.office_id, outcome.office_name = known.office_id, known.office_name
                outcome.year, outcome.revision = known.year, known.revision
            if not dry_run:
                _quarantine(path, quarantine, error)
        except TienDoError as error:  # the workspace could not be written (disk full, read-only): nothing applied
            outcome = ImportOutcome(path, "rejected", "not_saved", error.message())
        except Exception as error:  # noqa: BLE001 - the last door: the import goes on and says which file
            log.exception("import of %s", path)
            outcome = ImportOutcome(path, "rejected", "unexpected",
                                    translate("An unexpected problem ({detail}); nothing of it was applied.", None,
                                              detail=type(error).__name__))
        outcomes.append(outcome)
        if progress:
            progress(index, len(files))
    return outcomes


@dataclass(frozen=True)
class ImportCounts:
    received: int = 0
    rejected: int = 0
    already_had: int = 0
    stale: int = 0
    withdrawn: int = 0


def count_outcomes(outcomes: list[ImportOutcome]) -> ImportCounts:
    return ImportCounts(
        received=sum(o.outcome in RECEIVED for o in outcomes),
        rejected=sum(o.outcome == "rejected" for o in outcomes),
        already_had=sum(o.outcome == "duplicate" for o in outcomes),
        stale=sum(o.outcome == "stale" for o in outcomes),
        withdrawn=sum(o.outcome == "withdrawn" for o in outcomes),
    )


def summary_line(outcomes: list[ImportOutcome], language: str | None = None) -> str:
    """One line a person reads first: "Received 12, rejected 3, skipped 1 (already had)";
    the rarer outcomes are named only when they happened."""
    counts = count_outcomes(outcomes)
    parts = [translate("Received {count} package(s)", language, count=counts.received),
             translate("rejected {count}", language, count=counts.rejected)]
    if counts.already_had:
        parts.append(translate("skipped {count} (already had)", language, count=counts.already_had))
    if counts.stale:
        parts.append(translate("{count} older than what we have", language, count=counts.stale))
    if counts.withdrawn:
        parts.append(translate("{count} withdrawn earlier, not taken back", language, count=counts.withdrawn))
    return ", ".join(parts) + "."


def all_accepted(outcomes: list[ImportOutcome]) -> bool:
    """True when every file was imported or was already held (the exit status of a run)."""
    return all(o.outcome != "rejected" for o in outcomes)


def _details(error: PackageError) -> dict:
    problems = error.params.get("problems")
    return {"problems": [p.message() for p in problems.problems]} if isinstance(problems, Problems) else {}


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_PACKAGE_BYTES:
            raise PackageError("too_large", "The file is larger than any package could be.")
        return path.read_bytes()
    except OSError:
        raise PackageError("unreadable", "The file cannot be read.") from None


def _import_one(ws: Workspace, path: Path, key, tag: bytes, *, dry_run: bool, trust_new: bool, now: dt.datetime) -> ImportOutcome:
    opened = open_year_package(read_header(_read(path)), key, tag)
    payload = validate(ws, opened.payload, now, future_tolerance=FUTURE_TOLERANCE)
    known_name = ws.query("SELECT name FROM offices WHERE id = ?", (payload.office_id,))
    result = ImportOutcome(path, "imported", office_id=payload.office_id,
                           office_name=known_name[0][0] if known_name else payload.office_name,
                           year=payload.year, revision=payload.revision)
    try:
        _check_signer(ws, payload, opened.signer_key, trust_new, result)
    except PackageError as error:
        error.about = result
        raise
    digest = content_hash(opened.payload_bytes)
    # A copy still held wins over a withdrawn one: only a package held solely as withdrawn is "withdrawn".
    seen = ws.query("SELECT withdrawn_at, withdrawn_reason FROM received_packages WHERE package_id = ? OR content_hash = ?"
                    " ORDER BY withdrawn_at IS NOT NULL", (payload.package_id, digest))
    if seen:
        withdrawn_at, reason = seen[0]
        if withdrawn_at is None:
            result.outcome = "duplicate"
        else:
            result.outcome, result.reason = "withdrawn", "withdrawn"
            result.message = _withdrawn_message(withdrawn_at, reason, result.office_name)
        return result
    current = _applied_revision(ws, payload.office_id, payload.year)
    if current is not None and payload.revision <= current:
        result.outcome = "stale"
        result.message = translate("revision {revision}; we have revision {current}", None, revision=payload.revision, current=current)
        apply = False
    else:
        result.outcome = "superseded" if current is not None else "imported"
        apply = True
    if dry_run:
        return result
    report = payload.report
    with ws.transaction() as tx:
        if result.new_key_fingerprint:
            register_office_key_in(ws, tx, payload.office_id, opened.signer_key, office_name=payload.office_name)
        tx.execute(
            "INSERT INTO received_packages (package_id, plan_code, office_id, year, revision, content_hash, created_at,"
            " received_at, signer_key, report_status, report_fingerprint, signer_name, applied, payload_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (payload.package_id, ws.plan_code, payload.office_id, payload.year, payload.revision, digest, payload.created_at,
             now_utc(), fingerprint_of(opened.signer_key), report.status, report.fingerprint, report.signer_name,
             int(apply), opened.payload_bytes.decode("utf-8")),
        )
        if apply:
            ensure_office(ws, tx, payload.office_id, payload.office_name, payload.office_kind)
            apply_payload(ws, tx, payload)
        ws.audit(tx, "import", "package", f"{ws.plan_code}/{payload.office_id}/{payload.year}",
                 new_value=f"r{payload.revision} {result.outcome}", reason=path.name)
    return result


def _withdrawn_message(withdrawn_at: str, reason: str | None, office_name: str) -> str:
    """Re-importing never undoes a withdrawal (the same data makes the same package, which
    is recognised); only a new revision from the office comes in again."""
    try:
        day = format_date(dt.datetime.fromisoformat(withdrawn_at).astimezone().date())
    except ValueError:
        day = withdrawn_at
    return translate("this package was withdrawn on {date} because: {reason}. A withdrawn package is not taken back "
                     "in; if the data is still needed, {office} corrects it and exports again (a new revision).",
                     None, date=day, reason=reason or "—", office=office_name)


def _applied_revision(ws: Workspace, office_id: str, year: int) -> int | None:
    return ws.query(
        "SELECT max(revision) FROM received_packages WHERE plan_code = ? AND office_id = ? AND year = ? AND applied = 1",
        (ws.plan_code, office_id, year),
    )[0][0]


def _check_signer(ws: Workspace, payload: YearPayload, signer_key: bytes, trust_new: bool, result: ImportOutcome) -> None:
    """One signing key belongs to one office: the payload's office is the key's office."""
    registered = trusted_office_key(ws, payload.office_id)
    if registered is not None:
        if registered != signer_key:
            raise PackageError("different_key", "The package is signed with a different key than the one registered for {office}.",
                               office=result.office_name)
        return
    owner = office_of_key(ws, signer_key)
    if owner is not None:
        raise PackageError("key_of_other_office",
                           "The package claims to come from {office} but is signed with the key of {owner}; "
                           "one signing key belongs to one office.", office=payload.office_name, owner=owner)
    if not trust_new:
        raise PackageError(
            "unregistered_signer",
            "The package is signed by {office} with a key not yet registered (fingerprint {fingerprint}); "
            "compare it with the one on the office's signed report, then accept it.",
            office=payload.office_name, fingerprint=fingerprint_of(signer_key),
        )
    twin = _office_named(ws, payload.office_name, payload.office_id)
    if twin is not None:
        raise PackageError("duplicate_name",
                           "A new office calls itself {office}, the name of an office already known ({other}); "
                           "its key is not accepted without checking.", office=payload.office_name, other=twin)
    result.new_key_fingerprint = fingerprint_of(signer_key)


def _office_named(ws: Workspace, name: str, office_id: str) -> str | None:
    wanted = _folded(name)
    for other_id, other_name, short in ws.query("SELECT id, name, short FROM offices WHERE id != ?", (office_id,)):
        if wanted == _folded(other_name) or wanted == _folded(short):
            return other_id
    return None


@lru_cache(maxsize=1 << 16)
def _folded(name: str | None) -> str:
    """A name without accents or case, each name folded once: a province's first folder
    of 3,000 new communes compares each one with every office already known."""
    return fold(clean(name or ""))


def apply_payload(ws: Workspace, tx, payload: YearPayload) -> None:
    """Replace the office's year with the package's (inside ``tx``): checked records only."""
    key = (ws.plan_code, payload.office_id, payload.year)
    before = entries.year_records(tx, *key)
    for table in ("indicator_values", "task_progress", "reports"):
        tx.execute(f"DELETE FROM {table} WHERE plan_code = ? AND office_id = ? AND year = ?", key)
    entries.write_value_rows(tx, ws.plan_code, payload.office_id, list(payload.values))
    entries.write_task_rows(tx, ws.plan_code, payload.office_id, payload.tasks)
    report, narrative = payload.report, payload.narrative
    tx.execute(
        "INSERT INTO reports (plan_code, office_id, year, status, revision, results_text, difficulties_text,"
        " proposals_text, report_number, signer_authority, signer_title, signer_name, signed_at, fingerprint)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*key, report.status, report.revision, narrative["results"], narrative["difficulties"], narrative["proposals"],
         report.report_number, report.signer_authority, report.signer_title, report.signer_name, report.signed_at,
         report.fingerprint),
    )
    entries.audit_year_replacement(ws, tx, payload.office_id, payload.year, before)


def _quarantine(path: Path, folder: Path, error: PackageError) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"{stamp}_{path.name}"
        number = 1
        while target.exists() or target.with_name(target.name + ".reason.txt").exists():
            number += 1  # the same file rejected twice in a second: keep both
            target = folder / f"{stamp}-{number}_{path.name}"
        if path.is_file() and path.stat().st_size <= MAX_PACKAGE_BYTES:
            write_private(target, path.read_bytes())
        write_private(target.with_name(target.name + ".reason.txt"),
                      f"{error.reason}\n{error.message('vi')}\n{error.message('en')}\n".encode("utf-8"))
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
