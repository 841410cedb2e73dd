"""Back to the offices: the lead office signs a plan update (amended targets, new
offices, a new plan) that reporting offices import with the lead's key they loaded."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from desktop_app.core import clock
from desktop_app import __version__
from desktop_app.core.errors import InputError, PackageError
from desktop_app.core.exchange.keys import signing_key, trusted_lead
from desktop_app.core.exchange.offices import ensure_office
from desktop_app.core.exchange.package import open_plan_update, read_header, sign_only
from desktop_app.core.fsutil import atomic_write_bytes
from desktop_app.core.model import Plan
from desktop_app.core.plans import plan_from_dict, plan_to_dict
from desktop_app.core.clock import now_utc
from desktop_app.core.workspace import Workspace


def export_plan_update(ws: Workspace, plan: Plan, path: Path) -> Path:
    if ws.role != "lead":
        raise InputError("Only the lead office sends plan updates.")
    payload = {
        "format": "tiendo-plan-update", "version": 1, "package_id": uuid.uuid4().hex, "from_office": ws.office_id,
        "created_at": clock.now().isoformat(timespec="seconds"), "app_version": __version__,
        "catalog": plan_to_dict(plan),
    }
    atomic_write_bytes(Path(path), sign_only(payload, signing_key(ws)))
    return Path(path)


def import_plan_update(ws: Workspace, path: Path) -> Plan:
    """Verify the lead office's signature, then install the catalog (one transaction)."""
    lead = trusted_lead(ws)
    if lead is None:
        raise InputError("Load the lead office's key file first (Trao đổi dữ liệu > Nạp khóa của cơ quan chủ trì).")
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise PackageError("unreadable", "The file cannot be read.") from None
    opened = open_plan_update(read_header(data))
    if opened.signer_key != lead[1]:
        raise PackageError("different_key", "The plan update is not signed by the lead office whose key was loaded.")
    try:
        catalog = opened.payload["catalog"]
    except (KeyError, TypeError):
        raise PackageError("malformed", "The package's contents cannot be read.") from None
    plan = plan_from_dict(catalog, source=Path(path).name)
    current = ws.query("SELECT catalog_version, catalog_json FROM plans WHERE code = ?", (plan.code,))
    if current and plan.catalog_version <= current[0][0]:
        raise PackageError("stale", "This workspace already has version {version} of the plan.", version=current[0][0])
    with ws.transaction() as tx:
        if current:
            tx.execute("INSERT OR REPLACE INTO plan_versions (code, catalog_version, catalog_json, replaced_at)"
                       " VALUES (?, ?, ?, ?)", (plan.code, current[0][0], current[0][1], now_utc()))
            tx.execute("UPDATE plans SET catalog_version = ?, catalog_json = ?, installed_at = ? WHERE code = ?",
                       (plan.catalog_version, json.dumps(catalog, ensure_ascii=False), now_utc(), plan.code))
        else:
            tx.execute("INSERT INTO plans (code, catalog_version, catalog_json, installed_at) VALUES (?, ?, ?, ?)",
                       (plan.code, plan.catalog_version, json.dumps(catalog, ensure_ascii=False), now_utc()))
        for office in plan.offices.values():
            ensure_office(ws, tx, office.id, office.name, office.kind)
        if plan.code == ws.plan_code:
            from desktop_app.core.forms import apply_catalog_form

            apply_catalog_form(ws, tx, plan)  # the lead office may have changed this office's form
        ws.audit(tx, "plan_update", "plan", plan.code, old_value=current[0][0] if current else None,
                 new_value=plan.catalog_version, reason=Path(path).name)
    ws.reload_plan()
    return plan
