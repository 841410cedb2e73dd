"""Export (reporting office): the year in one signed package sealed to the lead office,
written safely to the stick and read back, because sticks lie."""

from __future__ import annotations

import datetime as dt
import hashlib
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
from desktop_app.core.workspace import Workspace, now_utc


@dataclass(frozen=True)
class ExportResult:
    path: Path
    revision: int
    size: int
    verified: bool


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


def build_payload(ws: Workspace, year: int, revision: int, created_at: str) -> dict:
    state = entries.report_state(ws, year)
    office = ws.query("SELECT name, kind FROM offices WHERE id = ?", (ws.office_id,))[0]
    return {
        "format": "tiendo-year",
        "version": 1,
        "package_id": uuid.uuid4().hex,
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


def export_year(ws: Workspace, year: int, destination: Path, *, now: dt.datetime | None = None) -> ExportResult:
    lead = trusted_lead(ws)
    if lead is None:
        raise InputError("Load the lead office's key file first (Trao đổi dữ liệu > Nạp khóa của cơ quan chủ trì).")
    _lead_id, _verify, lead_box = lead
    destination = Path(destination)
    if not destination.is_dir():
        raise InputError("The folder does not exist.", where=Location(file=str(destination)))
    revision = next_revision(ws, year)
    created_at = (now or clock.now()).isoformat(timespec="seconds")
    payload = build_payload(ws, year, revision, created_at)
    data = seal(payload, signing_key(ws), lead_box, recipient_tag(lead_box))
    path = _write_and_verify(destination, package_file_name(ws.plan_code, ws.office_id, year, revision), data)
    try:
        with ws.transaction() as tx:
            tx.execute(
                "INSERT INTO exports (plan_code, office_id, year, revision, package_id, file_name, fingerprint, exported_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (ws.plan_code, ws.office_id, year, revision, payload["package_id"], path.name,
                 payload["report"]["fingerprint"], now_utc()),
            )
            ws.audit(tx, "export", "package", f"{ws.plan_code}/{ws.office_id}/{year}", new_value=f"r{revision} {path.name}")
    except BaseException:
        path.unlink(missing_ok=True)  # not recorded, so not sent: the next export makes it again
        raise
    return ExportResult(path, revision, len(data), True)


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


def _write_and_verify(folder: Path, name: str, data: bytes) -> Path:
    """Write beside the target, fsync, rename; read back.  Owner-only (0600); nothing
    half-written is left behind, whatever fails."""
    path = _free_name(folder, name)
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
