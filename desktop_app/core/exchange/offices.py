"""Offices and units as data the lead office edits: add communes, rename, merge.

History stays attached to the office id it was reported under; a rename keeps the id
and records the dates of each name; a merge closes the old office and names its
successor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from desktop_app.core.errors import InputError
from desktop_app.core.text import clean, fold
from desktop_app.core.workspace import Workspace

UNIT_KINDS = ("local", "department", "agency", "other")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class OfficeRow:
    id: str
    name: str
    kind: str
    parent_id: str | None
    valid_to: str | None
    successor_id: str | None


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def offices(ws: Workspace) -> list[OfficeRow]:
    rows = ws.query("SELECT id, name, kind, parent_id, valid_to, successor_id FROM offices ORDER BY name")
    return [OfficeRow(*row) for row in rows]


def ensure_office(ws: Workspace, tx, office_id: str, name: str, kind: str) -> None:
    """Insert the office when this workspace does not know it yet (inside ``tx``)."""
    if tx.execute("SELECT 1 FROM offices WHERE id = ?", (office_id,)).fetchone():
        return
    tx.execute("INSERT INTO offices (id, name, short, kind, origin) VALUES (?, ?, '', ?, 'package')", (office_id, name, kind))
    tx.execute("INSERT INTO office_names (office_id, name) VALUES (?, ?)", (office_id, name))
    ws.audit(tx, "add", "office", office_id, new_value=name)


def add_office(ws: Workspace, name: str, kind: str = "local", *, office_id: str | None = None,
               parent_id: str | None = None) -> str:
    name = clean(name)
    if not name:
        raise InputError("The name is empty.")
    if kind not in UNIT_KINDS:
        raise InputError("Unknown office kind “{kind}”.", kind=kind)
    office_id = office_id or slug(name)
    if not _ID.match(office_id):
        raise InputError("An id may only hold letters, digits, “.”, “_” and “-”.")
    with ws.transaction() as tx:
        if tx.execute("SELECT 1 FROM offices WHERE id = ?", (office_id,)).fetchone():
            raise InputError("An office with the id “{id}” already exists.", id=office_id)
        tx.execute("INSERT INTO offices (id, name, short, kind, parent_id, origin) VALUES (?, ?, '', ?, ?, 'user')",
                   (office_id, name, kind, parent_id))
        tx.execute("INSERT INTO office_names (office_id, name) VALUES (?, ?)", (office_id, name))
        ws.audit(tx, "add", "office", office_id, new_value=name)
    return office_id


def rename_office(ws: Workspace, office_id: str, new_name: str, on: dt.date) -> None:
    new_name = clean(new_name)
    if not new_name:
        raise InputError("The name is empty.")
    with ws.transaction() as tx:
        old = tx.execute("SELECT name FROM offices WHERE id = ?", (office_id,)).fetchone()
        if old is None:
            raise InputError("Unknown office “{office}”.", office=office_id)
        tx.execute("UPDATE office_names SET valid_to = ? WHERE office_id = ? AND valid_to IS NULL", (on.isoformat(), office_id))
        tx.execute("INSERT INTO office_names (office_id, name, valid_from) VALUES (?, ?, ?)", (office_id, new_name, on.isoformat()))
        tx.execute("UPDATE offices SET name = ? WHERE id = ?", (new_name, office_id))
        ws.audit(tx, "rename", "office", office_id, old_value=old[0], new_value=new_name, reason=on.isoformat())


def merge_office(ws: Workspace, office_id: str, into: str, on: dt.date) -> None:
    """``office_id`` stops on ``on``; its reports stay under its id; ``into`` carries on."""
    with ws.transaction() as tx:
        for oid in (office_id, into):
            if tx.execute("SELECT 1 FROM offices WHERE id = ?", (oid,)).fetchone() is None:
                raise InputError("Unknown office “{office}”.", office=oid)
        tx.execute("UPDATE offices SET valid_to = ?, successor_id = ? WHERE id = ?", (on.isoformat(), into, office_id))
        ws.audit(tx, "merge", "office", office_id, new_value=into, reason=on.isoformat())


def name_on(ws: Workspace, office_id: str, day: dt.date) -> str:
    """The name the office had on ``day`` (what a report of that time prints)."""
    rows = ws.query(
        "SELECT name FROM office_names WHERE office_id = ? AND (valid_from IS NULL OR valid_from <= ?)"
        " AND (valid_to IS NULL OR valid_to > ?) ORDER BY valid_from DESC",
        (office_id, day.isoformat(), day.isoformat()),
    )
    if rows:
        return rows[0][0]
    current = ws.query("SELECT name FROM offices WHERE id = ?", (office_id,))
    return current[0][0] if current else office_id
