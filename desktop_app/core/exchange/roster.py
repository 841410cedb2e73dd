"""The roster: the offices a lead office expects a report from, per plan and year.

Seeded from the plan (every department or agency the plan gives an indicator or a task,
every local authority it names), then edited by the lead office: communes added, offices
renamed, merged or retired, each change holding from a date.  Which offices are expected
for a year is decided on that year's reporting deadline: a district merged on 1 July 2025
is not expected for 2025, its successor commune is, and the district's package (if it
sent one) counts for the commune (``lineage``).

An office's dates belong to the office (it exists or not, whatever the plan); membership
belongs to the plan (a commune of former Kiên Giang reports on Kiên Giang's plan).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.errors import InputError, Location
from desktop_app.core.exchange.offices import UNIT_KINDS, slug
from desktop_app.core.text import clean
from desktop_app.core.clock import now_utc
from desktop_app.core.workspace import Workspace

SEEDED_KINDS = ("department", "agency", "local")
MAX_NAME = 200
MAX_LIST = 10_000
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")


@dataclass(frozen=True)
class RosterEntry:
    office_id: str
    name: str
    kind: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_id: str | None
    origin: str
    former_names: tuple[str, ...] = ()

    def holds_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)

    @property
    def level(self) -> str:
        """"local" for a territory (district, commune), "province" for a sector office."""
        return "local" if self.kind == "local" else "province"


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def deciding_day(ws: Workspace, year: int, plan_code: str | None = None) -> dt.date:
    """The day that decides who is expected for ``year``: the plan's reporting deadline."""
    plan = ws.plan if plan_code in (None, ws.plan_code) else ws.load_plan(plan_code)
    return plan.deadline(year)


def seed(ws: Workspace, plan_code: str | None = None) -> int:
    """Fill an empty roster from the plan; returns how many offices were put on it."""
    code = plan_code or ws.plan_code
    if ws.query("SELECT 1 FROM roster WHERE plan_code = ? LIMIT 1", (code,)):
        return 0
    plan = ws.plan if code == ws.plan_code else ws.load_plan(code)
    responsible = {o for item in (*plan.indicators, *plan.tasks) for o in (*item.lead, *item.coordinators)}
    chosen = [o.id for o in plan.offices.values()
              if o.id not in (plan.lead_office_id, ws.office_id) and o.kind in SEEDED_KINDS
              and (o.kind == "local" or o.id in responsible)]
    # Local units the lead office added before the roster existed (add-office) stay
    # expected; with several plans nobody can tell which plan they were for.
    if len(ws.query("SELECT code FROM plans")) == 1:
        chosen += [r[0] for r in ws.query("SELECT id FROM offices WHERE kind = 'local' AND origin = 'user' AND id != ?",
                                          (ws.office_id,)) if r[0] not in chosen]
    with ws.transaction() as tx:
        tx.executemany("INSERT OR IGNORE INTO roster (plan_code, office_id, origin, added_at) VALUES (?, ?, 'plan', ?)",
                       [(code, office_id, now_utc()) for office_id in chosen])
        ws.audit(tx, "seed", "roster", code, new_value=str(len(chosen)))
    return len(chosen)


def entries(ws: Workspace, plan_code: str | None = None) -> list[RosterEntry]:
    """Everyone on the plan's roster, present and former, by name."""
    code = plan_code or ws.plan_code
    seed(ws, code)
    names: dict[str, list[str]] = {}
    for office_id, name in ws.query(
            "SELECT n.office_id, n.name FROM office_names n JOIN roster r ON r.office_id = n.office_id"
            " WHERE r.plan_code = ? AND n.valid_to IS NOT NULL ORDER BY n.valid_from", (code,)):
        names.setdefault(office_id, []).append(name)
    rows = ws.query(
        "SELECT o.id, o.name, o.kind, o.valid_from, o.valid_to, o.successor_id, r.origin FROM roster r"
        " JOIN offices o ON o.id = r.office_id WHERE r.plan_code = ? ORDER BY o.name, o.id", (code,))
    return [RosterEntry(r[0], r[1], r[2], _date(r[3]), _date(r[4]), r[5], r[6], tuple(names.get(r[0], ())))
            for r in rows]


def expected(ws: Workspace, year: int, plan_code: str | None = None) -> list[RosterEntry]:
    day = deciding_day(ws, year, plan_code)
    return [e for e in entries(ws, plan_code) if e.holds_on(day)]


def predecessors(ws: Workspace) -> dict[str, list[str]]:
    """successor id -> the offices merged into it (directly)."""
    found: dict[str, list[str]] = {}
    for office_id, successor in ws.query("SELECT id, successor_id FROM offices WHERE successor_id IS NOT NULL ORDER BY id"):
        found.setdefault(successor, []).append(office_id)
    return found


def lineage(office_id: str, before: dict[str, list[str]]) -> list[str]:
    """Every office whose reports now count for ``office_id`` (merged into it, or into one
    merged into it), nearest first; a cycle typed by mistake stops the walk."""
    found, queue, seen = [], list(before.get(office_id, ())), {office_id}
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        found.append(current)
        queue += before.get(current, ())
    return found


# -- editing ----------------------------------------------------------------------------------

def _name(text: str) -> str:
    name = clean(text)
    if not name:
        raise InputError("The name is empty.")
    if len(name) > MAX_NAME:
        raise InputError("The name is longer than {limit} characters.", limit=MAX_NAME)
    return name


def _exists(tx, office_id: str) -> bool:
    return tx.execute("SELECT 1 FROM offices WHERE id = ?", (office_id,)).fetchone() is not None


def _require(tx, office_id: str) -> None:
    if not _exists(tx, office_id):
        raise InputError("Unknown office “{office}”.", office=office_id)


def _new_office(ws: Workspace, tx, name: str, kind: str, office_id: str | None, valid_from: dt.date | None) -> str:
    if kind not in UNIT_KINDS:
        raise InputError("Unknown office kind “{kind}”.", kind=kind)
    office_id = office_id or slug(name)
    if not _ID.match(office_id):
        raise InputError("An id may only hold letters, digits, “.”, “_” and “-”.")
    if _exists(tx, office_id):
        raise InputError("An office with the id “{id}” already exists.", id=office_id)
    since = valid_from.isoformat() if valid_from else None
    tx.execute("INSERT INTO offices (id, name, short, kind, valid_from, origin) VALUES (?, ?, '', ?, ?, 'user')",
               (office_id, name, kind, since))
    tx.execute("INSERT INTO office_names (office_id, name, valid_from) VALUES (?, ?, ?)", (office_id, name, since))
    ws.audit(tx, "add", "office", office_id, new_value=name, reason=since or "")
    return office_id


def _enrol(ws: Workspace, tx, code: str, office_id: str) -> None:
    tx.execute("INSERT OR IGNORE INTO roster (plan_code, office_id, origin, added_at) VALUES (?, ?, 'user', ?)",
               (code, office_id, now_utc()))
    ws.audit(tx, "enrol", "roster", f"{code}/{office_id}")


def add(ws: Workspace, name_or_id: str, kind: str = "local", *, office_id: str | None = None,
        valid_from: dt.date | None = None, plan_code: str | None = None) -> str:
    """Put an office on the roster: an office the workspace knows (by id), or a new one
    (by name) that exists from ``valid_from`` (a commune formed on 1 July 2025)."""
    code = plan_code or ws.plan_code
    seed(ws, code)
    text = clean(name_or_id)
    with ws.transaction() as tx:
        if office_id is None and _exists(tx, text):
            office_id = text
            if valid_from:
                tx.execute("UPDATE offices SET valid_from = ? WHERE id = ?", (valid_from.isoformat(), office_id))
        else:
            office_id = _new_office(ws, tx, _name(text), kind, office_id, valid_from)
        _enrol(ws, tx, code, office_id)
    return office_id


def add_list(ws: Workspace, path: Path, kind: str = "local", *, valid_from: dt.date | None = None,
             plan_code: str | None = None) -> list[str]:
    """Add every name of a text file (one a line, UTF-8): the communes of a province at
    once.  Names already on the roster are skipped; nothing is added if a line is bad."""
    code = plan_code or ws.plan_code
    seed(ws, code)
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        raise InputError("The file cannot be read as UTF-8 text.", where=Location(file=str(path))) from None
    if len(lines) > MAX_LIST:
        raise InputError("The list has more than {limit} lines.", limit=MAX_LIST, where=Location(file=str(path)))
    added = []
    with ws.transaction() as tx:
        known = {row[0] for row in tx.execute("SELECT id FROM offices")}
        for number, line in enumerate(lines, start=1):
            if not clean(line):
                continue
            try:
                name = _name(line)
            except InputError as error:
                raise InputError(error.message_id, where=Location(file=str(path), row=number), **error.params) from None
            office_id = slug(name)
            if office_id not in known:
                _new_office(ws, tx, name, kind, office_id, valid_from)
                known.add(office_id)
            _enrol(ws, tx, code, office_id)
            added.append(office_id)
    return added


def rename(ws: Workspace, office_id: str, new_name: str, on: dt.date) -> None:
    """A new name from ``on``; reports of before keep the old one (``offices.name_on``)."""
    new_name = _name(new_name)
    with ws.transaction() as tx:
        _require(tx, office_id)
        old = tx.execute("SELECT name FROM offices WHERE id = ?", (office_id,)).fetchone()[0]
        tx.execute("UPDATE office_names SET valid_to = ? WHERE office_id = ? AND valid_to IS NULL",
                   (on.isoformat(), office_id))
        tx.execute("INSERT INTO office_names (office_id, name, valid_from) VALUES (?, ?, ?)",
                   (office_id, new_name, on.isoformat()))
        tx.execute("UPDATE offices SET name = ? WHERE id = ?", (new_name, office_id))
        ws.audit(tx, "rename", "office", office_id, old_value=old, new_value=new_name, reason=on.isoformat())


def merge(ws: Workspace, office_ids: list[str], into: str, on: dt.date, *, kind: str = "local",
          plan_code: str | None = None) -> str:
    """``office_ids`` stop on ``on`` and ``into`` carries on for them: an office the
    workspace knows (by id), or a new one (by name) that exists from ``on``.  Their
    reports stay under their own ids; packages they send for later years count for
    ``into``.  Returns ``into``'s id."""
    code = plan_code or ws.plan_code
    seed(ws, code)
    if not office_ids:
        raise InputError("Name at least one office to merge.")
    text = clean(into)
    with ws.transaction() as tx:
        successor = text if _exists(tx, text) else _new_office(ws, tx, _name(text), kind, None, on)
        for office_id in office_ids:
            _require(tx, office_id)
            if office_id == successor:
                raise InputError("An office cannot be merged into itself.")
            tx.execute("UPDATE offices SET valid_to = ?, successor_id = ? WHERE id = ?",
                       (on.isoformat(), successor, office_id))
            ws.audit(tx, "merge", "office", office_id, new_value=successor, reason=on.isoformat())
        _enrol(ws, tx, code, successor)
    return successor


def retire(ws: Workspace, office_id: str, on: dt.date) -> None:
    """The office stops on ``on`` with no successor (it is no longer expected)."""
    with ws.transaction() as tx:
        _require(tx, office_id)
        tx.execute("UPDATE offices SET valid_to = ?, successor_id = NULL WHERE id = ?", (on.isoformat(), office_id))
        ws.audit(tx, "retire", "office", office_id, reason=on.isoformat())
