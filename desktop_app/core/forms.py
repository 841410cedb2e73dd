"""Each office's own form: which indicators and tasks it reports (DHIS2's data set
assigned to the org units that report it).

The plan says who reports what: a department reports the indicators and tasks the plan
makes it lead or coordinate; a local authority ("UBND cấp huyện/xã", "các địa phương")
the indicators the plan gives local authorities and the tasks it has them take part in.
In these plans local authorities coordinate nearly every task, so a local authority
reports per section of the plan, one progress entry for the section's tasks, not one per
task.  The lead office may replace any office's form (``forms`` in the catalog, sent in
a plan update); a clerk may add an indicator the office wants to report as well.

The form is stored as the workspace's ``assignments`` rows (origin ``plan`` or
``office``); progress on a section is written to each of its tasks, so a package carries
the same per-task data whatever the form.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass

from desktop_app.core import entries
from desktop_app.core.errors import InputError, Location
from desktop_app.core.model import FormSpec, Office, Plan, Task
from desktop_app.core.text import clean, fold, nfc
from desktop_app.core.clock import now_utc
from desktop_app.core.workspace import Workspace

SECTION_PREFIX = "S:"
# Indicator kinds a commune or district can measure and the lead office can add up
# (SCHEMA.md: counts are summed, percentages consolidated as the ratio of sums).
_LOCAL_MEASURABLE = ("percent", "count")
_DEPARTMENT_WORDS = re.compile(r"\b(so|nganh|ban nganh)\b")


# -- who an office is -----------------------------------------------------------------------


def _folded_names(office: Office) -> list[str]:
    return [" ".join(fold(name).replace(",", " , ").split()) for name in office.spellings() if name]


def names_local_authorities(office: Office) -> bool:
    """The office is a local authority, or a phrase that includes them ("Các địa
    phương", "UBND các huyện, thị xã, thành phố", "Các sở, ngành, địa phương")."""
    if office.kind == "local":
        return True
    for name in _folded_names(office):
        if "dia phuong" in name:
            return True
        if ("uy ban nhan dan" in name or "ubnd" in name) and re.search(r"\b(huyen|xa|phuong)\b", name):
            return True
    return False


def names_only_local_authorities(office: Office) -> bool:
    """A phrase for local authorities alone, not "các sở, ngành, địa phương" (everyone)."""
    return names_local_authorities(office) and not any(_DEPARTMENT_WORDS.search(n) for n in _folded_names(office))


def names_all_departments(office: Office) -> bool:
    """A phrase for the departments together ("Các sở, ban, ngành, địa phương"), not one office."""
    return office.kind == "collective" and any(_DEPARTMENT_WORDS.search(n) for n in _folded_names(office))


def _text_names_local_authorities(text: str) -> bool:
    folded = fold(text)
    return "dia phuong" in folded or bool(re.search(r"\b(ubnd|uy ban nhan dan) (cap |cac )?(huyen|xa)\b", folded))


def is_local_authority(office: Office) -> bool:
    return office.kind == "local" or (office.kind == "collective" and names_only_local_authorities(office))


# -- the form the plan gives ----------------------------------------------------------------


def derived_form(plan: Plan, office: Office, *, lead: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(indicator ids, task ids) the plan's own assignments give ``office``."""
    if lead:
        return tuple(i.id for i in plan.indicators), tuple(t.id for t in plan.tasks)
    offices = plan.offices
    named = lambda ids, test: any(test(offices[o]) for o in ids if o in offices)  # noqa: E731
    own = lambda item: office.id in item.lead or office.id in item.coordinators  # noqa: E731
    if not is_local_authority(office):
        indicators = {i.id for i in plan.indicators if own(i)}
        # A task the plan has "các sở, ban, ngành" lead together is every department's too
        # (as coordinators they stand behind nearly every task: that stays with the leads).
        all_departments = lambda item: office.kind in ("department", "agency") and named(  # noqa: E731
            item.lead, names_all_departments)
        tasks = [t.id for t in plan.tasks if own(t) or all_departments(t)]
        return _with_family(plan, indicators), tuple(tasks)
    everyone = lambda item: (*item.lead, *item.coordinators)  # noqa: E731
    only_local = {i.id for i in plan.indicators if own(i) or named(everyone(i), names_only_local_authorities)}
    if only_local - {i.id for i in plan.indicators if own(i)}:
        indicators = only_local
    else:
        # The plan names local authorities on no indicator of their own: they report the
        # counts and shares the plan gives "sở, ngành, địa phương" together.
        indicators = {
            i.id for i in plan.indicators
            if own(i) or (named(everyone(i), names_local_authorities) and i.kind in _LOCAL_MEASURABLE)
        }
    tasks = [
        t.id for t in plan.tasks
        if own(t) or named(everyone(t), names_local_authorities) or _text_names_local_authorities(t.coordinators_text)
    ]
    return _with_family(plan, indicators), tuple(tasks)


def _with_family(plan: Plan, chosen: set[str]) -> tuple[str, ...]:
    """A sub-indicator brings its heading row; a heading brings its sub-indicators."""
    result = set(chosen)
    for indicator in plan.indicators:
        if indicator.parent_id and (indicator.id in chosen) and plan.is_heading(indicator.parent_id):
            result.add(indicator.parent_id)
        if indicator.parent_id in chosen and plan.is_heading(indicator.parent_id):
            result.add(indicator.id)
    return tuple(i.id for i in plan.indicators if i.id in result)


def catalog_form(plan: Plan, office: Office, *, lead: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The lead office's form for the office (by id, then by kind), else the derived one."""
    by_key = {form.office: form for form in plan.forms}
    spec = by_key.get(office.id) or by_key.get(f"kind:{office.kind}")
    if spec is not None and not lead:
        return _with_family(plan, set(spec.indicators)), tuple(t.id for t in plan.tasks if t.id in set(spec.tasks))
    return derived_form(plan, office, lead=lead)


# -- the office's form in the workspace -----------------------------------------------------


@dataclass(frozen=True)
class FormTask:
    """One line of the office's task form: a task, or a section of tasks reported as one."""

    id: str
    section: str
    number: str
    name: str
    task_ids: tuple[str, ...]
    lead: tuple[str, ...] = ()

    @property
    def grouped(self) -> bool:
        return self.id.startswith(SECTION_PREFIX)


@dataclass(frozen=True)
class OfficeForm:
    office_id: str
    local: bool
    indicators: tuple[str, ...]
    tasks: tuple[FormTask, ...]
    added: frozenset[str] = frozenset()

    def has_indicator(self, indicator_id: str) -> bool:
        return indicator_id in self.indicators

    @property
    def task_ids(self) -> tuple[str, ...]:
        return tuple(t for item in self.tasks for t in item.task_ids)

    def item(self, item_id: str) -> FormTask:
        for item in self.tasks:
            if item.id == item_id or (not item.grouped and item_id in item.task_ids):
                return item
        raise InputError("The office's form has no task “{task}”.", where=Location(field=item_id), task=item_id)


def workspace_office(ws: Workspace, office_id: str | None = None, *, tx=None, plan: Plan | None = None) -> Office:
    """The office as the workspace knows it (a commune the plan does not name included)."""
    office_id = office_id or ws.office_id
    sql = "SELECT id, name, short, kind FROM offices WHERE id = ?"
    rows = tx.execute(sql, (office_id,)).fetchall() if tx is not None else ws.query(sql, (office_id,))
    known = (plan or ws.plan).offices.get(office_id)
    if not rows:
        if known is not None:
            return known
        raise InputError("Unknown office “{office}”.", office=office_id)
    office_id, name, short, kind = rows[0]
    return Office(office_id, name, short, known.aliases if known else (), kind)


def section_items(plan: Plan, task_ids: tuple[str, ...] | list[str], *, grouped: bool) -> tuple[FormTask, ...]:
    """The form's task lines: each task, or (``grouped``) one line per section of the plan
    that has more than one of the tasks."""
    chosen = [t for t in plan.tasks if t.id in set(task_ids)]
    sections = {t.section for t in plan.tasks}
    if not grouped or len(sections) < 2:
        return tuple(_single(t) for t in chosen)
    by_section: dict[str, list[Task]] = {}
    for task in chosen:
        by_section.setdefault(task.section, []).append(task)
    items = []
    for section, tasks in by_section.items():
        if len(tasks) == 1:
            items.append(_single(tasks[0]))
            continue
        number = section.split(".")[-1] if section else ""
        name = _section_name(section, tasks)
        leads = tuple(dict.fromkeys(o for t in tasks for o in t.lead))
        items.append(FormTask(f"{SECTION_PREFIX}{section}", section, number, name, tuple(t.id for t in tasks), leads))
    return tuple(items)


def _section_name(section: str, tasks: list[Task]) -> str:
    """A section's line as the report prints it: short enough for one table row."""
    shown = "; ".join(_shortened(t.name, 90) for t in tasks[:3])
    more = f"; và {len(tasks) - 3} nhiệm vụ khác" if len(tasks) > 3 else ""
    return f"Mục {section} ({len(tasks)} nhiệm vụ): {shown}{more}"


def _shortened(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut between words (a reader of the paper must never
    meet half a word), with "…" where it was cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def _single(task: Task) -> FormTask:
    return FormTask(task.id, task.section, task.number, task.name, (task.id,), task.lead)


def _assignment_rows(ws: Workspace, office_id: str) -> list[tuple[str, str, str]]:
    return ws.query(
        "SELECT item_kind, item_id, origin FROM assignments WHERE plan_code = ? AND office_id = ?",
        (ws.plan_code, office_id),
    )


def office_form(ws: Workspace, office_id: str | None = None) -> OfficeForm:
    """The office's own form: what it reports, in the plan's order."""
    plan = ws.plan
    office_id = office_id or ws.office_id
    office = workspace_office(ws, office_id)
    rows = _assignment_rows(ws, office_id)
    indicators = {item for kind, item, _ in rows if kind == "indicator"}
    added = frozenset(item for kind, item, origin in rows if kind == "indicator" and origin == "office")
    tasks = [item for kind, item, _ in rows if kind == "task"]
    local = is_local_authority(office) and ws.role != "lead"
    return OfficeForm(
        office_id=office_id, local=local,
        indicators=tuple(i.id for i in plan.indicators if i.id in indicators),
        tasks=section_items(plan, tasks, grouped=local), added=added,
    )


def apply_catalog_form(ws: Workspace, tx, plan: Plan, *, office_id: str | None = None, role: str | None = None) -> None:
    """Write the form the catalog gives the office, keeping what the clerk added."""
    office_id = office_id or ws.office_id
    role = role or ws.role
    office = workspace_office(ws, office_id, tx=tx, plan=plan)
    indicators, tasks = catalog_form(plan, office, lead=role == "lead")
    rows = [(plan.code, office_id, "indicator", i) for i in indicators] + [(plan.code, office_id, "task", t) for t in tasks]
    if not any(column[1] == "origin" for column in tx.execute("PRAGMA table_info(assignments)")):
        # a workspace made at an older schema (tests do this); the migration adds the column
        tx.execute("DELETE FROM assignments WHERE plan_code = ? AND office_id = ?", (plan.code, office_id))
        tx.executemany("INSERT INTO assignments (plan_code, office_id, item_kind, item_id) VALUES (?, ?, ?, ?)", rows)
        return
    tx.execute("DELETE FROM assignments WHERE plan_code = ? AND office_id = ? AND origin = 'plan'", (plan.code, office_id))
    tx.executemany(
        "INSERT INTO assignments (plan_code, office_id, item_kind, item_id, origin) VALUES (?, ?, ?, ?, 'plan')"
        " ON CONFLICT DO NOTHING",
        rows,
    )


def add_indicator(ws: Workspace, indicator_id: str, office_id: str | None = None) -> OfficeForm:
    """The clerk adds an indicator the office wants to report too (kept across plan updates)."""
    indicator = ws.plan.indicator(clean(indicator_id))
    office_id = office_id or ws.office_id
    ids = set(_with_family(ws.plan, {indicator.id}))
    with ws.transaction() as tx:
        for item in sorted(ids):
            added = tx.execute(
                "INSERT INTO assignments (plan_code, office_id, item_kind, item_id, origin) VALUES (?, ?, 'indicator', ?, 'office')"
                " ON CONFLICT DO NOTHING", (ws.plan_code, office_id, item),
            ).rowcount
            if added:
                ws.audit(tx, "add", "form", f"{ws.plan_code}/{office_id}", field="indicator", new_value=item)
    return office_form(ws, office_id)


def remove_indicator(ws: Workspace, indicator_id: str, office_id: str | None = None) -> OfficeForm:
    """Take back an indicator the clerk added; what the plan gives stays on the form."""
    office_id = office_id or ws.office_id
    indicator_id = clean(indicator_id)
    with ws.transaction() as tx:
        origin = tx.execute(
            "SELECT origin FROM assignments WHERE plan_code = ? AND office_id = ? AND item_kind = 'indicator' AND item_id = ?",
            (ws.plan_code, office_id, indicator_id),
        ).fetchone()
        if origin is None:
            raise InputError("The office's form has no indicator “{indicator}”.", where=Location(field=indicator_id),
                             indicator=indicator_id)
        if origin[0] != "office":
            raise InputError("The plan gives this indicator to the office; only the lead office can take it off the form.",
                             where=Location(field=indicator_id))
        tx.execute("DELETE FROM assignments WHERE plan_code = ? AND office_id = ? AND item_kind = 'indicator' AND item_id = ?",
                   (ws.plan_code, office_id, indicator_id))
        ws.audit(tx, "remove", "form", f"{ws.plan_code}/{office_id}", field="indicator", old_value=indicator_id)
    return office_form(ws, office_id)


# -- the lead office changes a form ---------------------------------------------------------


def set_office_form(ws: Workspace, office: str, *, indicators: list[str] | tuple[str, ...],
                    tasks: list[str] | tuple[str, ...]) -> Plan:
    """The lead office sets what ``office`` (an office id or ``kind:local``…) reports.

    The plan's catalog gets the form and a new version, installed in the lead office's
    workspace; send it with ``exchange.plan_update.export_plan_update``.
    """
    if ws.role != "lead":
        raise InputError("Only the lead office sends plan updates.")
    plan = ws.plan
    office = clean(office)
    indicators = [clean(i) for i in indicators]
    tasks = [clean(t) for t in tasks]
    for indicator_id in indicators:
        plan.indicator(indicator_id)
    for task_id in tasks:
        plan.task(task_id)
    if not office.startswith("kind:") and not ws.query("SELECT 1 FROM offices WHERE id = ?", (office,)) \
            and office not in plan.offices:
        raise InputError("Unknown office “{office}”.", office=office)
    forms = [f for f in plan.forms if f.office != office]
    forms.append(FormSpec(office, tuple(dict.fromkeys(indicators)), tuple(dict.fromkeys(tasks))))
    updated = dataclasses.replace(plan, catalog_version=plan.catalog_version + 1, forms=tuple(forms))
    install_catalog(ws, updated, reason=f"form {office}")
    return ws.plan


def install_catalog(ws: Workspace, plan: Plan, *, reason: str = "") -> None:
    """Replace the workspace's catalog of the plan, keeping the old one in ``plan_versions``."""
    from desktop_app.core.plans import plan_from_dict, plan_to_dict

    catalog = plan_to_dict(plan)
    plan_from_dict(json.loads(json.dumps(catalog)))  # what goes out must read back
    current = ws.query("SELECT catalog_version, catalog_json FROM plans WHERE code = ?", (plan.code,))
    with ws.transaction() as tx:
        tx.execute("INSERT OR REPLACE INTO plan_versions (code, catalog_version, catalog_json, replaced_at)"
                   " VALUES (?, ?, ?, ?)", (plan.code, current[0][0], current[0][1], now_utc()))
        tx.execute("UPDATE plans SET catalog_version = ?, catalog_json = ?, installed_at = ? WHERE code = ?",
                   (plan.catalog_version, json.dumps(catalog, ensure_ascii=False), now_utc(), plan.code))
        ws.audit(tx, "plan_update", "plan", plan.code, old_value=current[0][0], new_value=plan.catalog_version,
                 reason=reason)
    ws.reload_plan()


# -- progress on the form's lines -----------------------------------------------------------


def item_progress(ws: Workspace, year: int, office_id: str | None = None) -> dict[str, entries.TaskProgress | None]:
    """Each form line's progress (a section's: that of its first task that has any)."""
    form = office_form(ws, office_id)
    recorded = entries.task_progress(ws, year, office_id)
    result = {}
    for item in form.tasks:
        found = [recorded[t] for t in item.task_ids if t in recorded]
        result[item.id] = found[0] if found else None
    return result


def set_item_progress(ws: Workspace, year: int, item_id: str, *, status: str, result: str = "",
                      evidence_number: str = "", evidence_date=None,
                      office_id: str | None = None) -> entries.TaskProgress:
    """Record a form line's progress: for a section, every task of it, in one transaction."""
    item = office_form(ws, office_id).item(nfc(item_id).strip())
    records = entries.set_tasks_progress(
        ws, year, item.task_ids, status=status, result=result, evidence_number=evidence_number,
        evidence_date=evidence_date, office_id=office_id,
    )
    return records[0]


__all__ = [
    "FormTask", "OfficeForm", "SECTION_PREFIX", "add_indicator", "apply_catalog_form", "catalog_form",
    "derived_form", "install_catalog", "is_local_authority", "item_progress", "names_local_authorities",
    "names_only_local_authorities", "office_form", "remove_indicator", "section_items", "set_item_progress",
    "set_office_form", "workspace_office",
]
