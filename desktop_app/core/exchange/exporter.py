"""Export (reporting office): the year in one signed package sealed to the lead office,
written safely to the stick and read back, because sticks lie."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core import clock
from desktop_app import __version__
from desktop_app.core import entries
from desktop_app.core.errors import InputError, Location, WorkspaceError
from desktop_app.core.exchange import PACKAGE_SUFFIX
from desktop_app.core.exchange.keys import recipient_tag, signing_key, signing_key_fingerprint, trusted_lead
from desktop_app.core.exchange.package import read_header, seal
from desktop_app.core.fsutil import create_private, fsync_dir, write_failure
from desktop_app.core.clock import now_utc
from desktop_app.core.workspace import Workspace


SUBMISSIONS = ("final", "draft")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    revision: int
    size: int
    verified: bool
    submission: str = "final"   # "final": the signed year; "draft": shared before sign-off
    repeated: bool = False      # the same data as the last export: the same revision again


def catalog_identity(ws: Workspace) -> dict:
    rows = ws.query("SELECT catalog_version, catalog_json FROM plans WHERE code = ?", (ws.plan_code,))
    version, catalog_json = rows[0]
    return {"code": ws.plan_code, "catalog_version": version,
            "catalog_hash": hashlib.sha256(catalog_json.encode("utf-8")).hexdigest()}


def next_revision(ws: Workspace, year: int) -> int:
    rows = ws.query("SELECT max(revision) FROM exports WHERE plan_code = ? AND office_id = ? AND year = ?",
                    (ws.plan_code, ws.office_id, year))
    return (rows[0][0] or 0) + 1


def package_file_name(plan_code: str, office_id: str, year: int, revision: int) -> str:
    """ASCII only: FAT32 sticks and old Windows tools mangle Vietnamese file names."""
    safe = lambda text: re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-") or "x"  # noqa: E731
    return f"{safe(plan_code)}_{safe(office_id)}_{year}_r{revision}{PACKAGE_SUFFIX}"


def build_payload(ws: Workspace, year: int, revision: int, created_at: str, *, package_id: str | None = None,
                  submission: str | None = None) -> dict:
    """The package's content.  ``submission`` is "final" only for a signed year; a draft
    says so, and the lead office shows it as a draft, never as on time."""
    state = entries.report_state(ws, year)
    office = ws.query("SELECT name, kind FROM offices WHERE id = ?", (ws.office_id,))[0]
    return {
        "format": "tiendo-year",
        "version": 1,
        "package_id": package_id or uuid.uuid4().hex,
        "submission": submission or ("final" if state.locked else "draft"),
        "plan": catalog_identity(ws),
        "office": {"id": ws.office_id, "name": office[0], "kind": office[1]},
        "year": year,
        "revision": revision,
        "created_at": created_at,
        "app_version": __version__,
        "data": entries.year_snapshot(ws, year),
        "report": {
            "status": state.status, "revision": state.revision, "signer_name": state.signer_name,
            "signer_title": state.signer_title, "signer_authority": state.signer_authority,
            "signed_at": state.signed_at, "fingerprint": state.fingerprint, "report_number": state.report_number,
        },
        "signing_key_fingerprint": signing_key_fingerprint(ws),
    }


def content_fingerprint(ws: Workspace, year: int, submission: str) -> str:
    """What an export carries, without its date and package id: equal for the same data."""
    payload = build_payload(ws, year, 0, "", package_id="-", submission=submission)
    for volatile in ("package_id", "revision", "created_at", "app_version"):
        payload.pop(volatile)
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def _last_export(ws: Workspace, year: int):
    rows = ws.query(
        "SELECT revision, package_id, content_fingerprint, created_at, submission FROM exports"
        " WHERE plan_code = ? AND office_id = ? AND year = ? ORDER BY revision DESC LIMIT 1",
        (ws.plan_code, ws.office_id, year),
    )
    return rows[0] if rows else None


def export_year(ws: Workspace, year: int, destination: Path, *, now: dt.datetime | None = None,
                draft: bool | None = None) -> ExportResult:
    """Write the year's package to ``destination``.

    Only a signed year goes out as a submission; an unsigned one goes out marked as a
    draft (``draft=None``: whichever the year is; ``draft=False`` refuses an unsigned
    year; ``draft=True`` shares even a signed year's data as a draft).  Exporting the
    same data again gives the same revision and the same package, which the lead office
    recognises as one it already has.
    """
    lead = trusted_lead(ws)
    if lead is None:
        raise InputError("Load the lead office's key file first (Trao đổi dữ liệu > Nạp khóa của cơ quan chủ trì).")
    _lead_id, _verify, lead_box = lead
    destination = Path(destination)
    if not destination.is_dir():
        raise InputError("The folder does not exist.", where=Location(file=str(destination)))
    signed = entries.report_state(ws, year).locked
    if draft is False and not signed:
        raise InputError(
            "The year {year} has not been signed off: sign it off to send it as the office's report, "
            "or share it marked as a draft.", year=year)
    submission = "draft" if draft or not signed else "final"
    content = content_fingerprint(ws, year, submission)
    last = _last_export(ws, year)
    repeated = last is not None and last[2] == content and last[3] is not None
    if repeated:
        revision, package_id, created_at = last[0], last[1], last[3]
    else:
        revision, package_id = next_revision(ws, year), None
        created_at = (now or clock.now()).isoformat(timespec="seconds")
    payload = build_payload(ws, year, revision, created_at, package_id=package_id, submission=submission)
    data = seal(payload, signing_key(ws), lead_box, recipient_tag(lead_box))
    # The same data again is the same package (same id): it may take its own name back.
    path = _write_and_verify(destination, package_file_name(ws.plan_code, ws.office_id, year, revision), data,
                             same_package=repeated)
    try:
        with ws.transaction() as tx:
            if not repeated:
                tx.execute(
                    "INSERT INTO exports (plan_code, office_id, year, revision, package_id, file_name, fingerprint,"
                    " exported_at, content_fingerprint, created_at, submission) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (ws.plan_code, ws.office_id, year, revision, payload["package_id"], path.name,
                     payload["report"]["fingerprint"], now_utc(), content, created_at, submission),
                )
            ws.audit(tx, "export", "package", f"{ws.plan_code}/{ws.office_id}/{year}",
                     new_value=f"r{revision} {submission} {path.name}", reason="same data again" if repeated else "")
    except BaseException:
        if not repeated:
            path.unlink(missing_ok=True)  # not recorded, so not sent: the next export makes it again
        raise
    return ExportResult(path, revision, len(data), True, submission, repeated)


def _free_name(folder: Path, name: str) -> Path:
    """``name``, or ``name`` with ``-2``, ``-3``… when an earlier file has it: a second
    export (after a restore, on another computer) never overwrites the first."""
    path = folder / name
    stem, suffix = name[: -len(PACKAGE_SUFFIX)], PACKAGE_SUFFIX
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}{suffix}"
    return path


def _write_and_verify(folder: Path, name: str, data: bytes, *, same_package: bool = False) -> Path:
    """Write beside the target, fsync, rename; read back.  Owner-only (0600); nothing
    half-written is left behind, whatever fails; another package's file is never replaced."""
    path = folder / name if same_package else _free_name(folder, name)
    temporary = folder / f".{path.name}.partial"
    try:
        temporary.unlink(missing_ok=True)  # a leftover of an export killed before
        with os.fdopen(create_private(temporary), "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        fsync_dir(path.parent)
    except OSError as error:
        _forget(temporary)
        raise write_failure(error, path) from None
    except BaseException:
        _forget(temporary)
        raise
    try:
        written = path.read_bytes()
        read_header(written)
    except Exception:  # noqa: BLE001 - anything read back that is not the package is a faulty drive
        written = b""
    if written != data:
        _forget(path)
        raise WorkspaceError(
            "The package read back from the drive is not what was written: the drive may be faulty. Try another one.",
            where=Location(file=str(path)),
        )
    return path


def _forget(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # the drive is gone; there is nothing left to clean
