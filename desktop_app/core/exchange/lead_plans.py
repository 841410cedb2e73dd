"""A lead workspace that consolidates several plans: the two legacy plans of a merged
province (An Giang + Kiên Giang since 1 July 2025) until the new province issues one.

Why one workspace holding several plans rather than linked workspaces: the communes of
both former provinces send to the same office, sealed to the same key, and are edited
in one roster (a commune may be renamed once, not once per file); every table is
already keyed by plan, so each plan keeps its own catalog, deadline, roster, packages
and report.  The plan "in view" (``meta.plan_code``) is what the window and the
commands show; ``use_plan`` switches it.  A package is applied under the plan it was
made for (``import_for_all_plans``).
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.errors import InputError
from desktop_app.core.model import Plan
from desktop_app.core.text import fold
from desktop_app.core.workspace import Workspace

MAX_WORDS_APART = 2   # one word swapped (2) or added (1): a slip of the pen, the same indicator


@dataclass(frozen=True)
class HeldPlan:
    code: str
    title: str
    province: str
    deadline: str
    in_view: bool


def plan_codes(ws: Workspace) -> list[str]:
    return [row[0] for row in ws.query("SELECT code FROM plans ORDER BY installed_at, code")]


def held_plans(ws: Workspace) -> list[HeldPlan]:
    found = []
    for code in plan_codes(ws):
        plan = ws.load_plan(code)
        found.append(HeldPlan(code, plan.title_line, plan.province, str(plan.reporting.deadline), code == ws.plan_code))
    return found


def add_plan(ws: Workspace, plan: Plan) -> None:
    """Take on another plan's consolidation: its catalog, its offices, the lead office's
    assignment to all of it, and its roster seeded from it."""
    from desktop_app.core.exchange import roster

    if ws.role != "lead":
        raise InputError("Only the lead office's workspace consolidates several plans.")
    if plan.code in plan_codes(ws):
        raise InputError("The workspace already holds plan {code}.", code=plan.code)
    with ws.transaction() as tx:
        ws._install_plan(tx, plan)
        tx.executemany("INSERT INTO assignments (plan_code, office_id, item_kind, item_id) VALUES (?, ?, ?, ?)",
                       [(plan.code, ws.office_id, "indicator", i.id) for i in plan.indicators]
                       + [(plan.code, ws.office_id, "task", t.id) for t in plan.tasks])
        ws.audit(tx, "add", "plan", plan.code)
    roster.seed(ws, plan.code)


def use_plan(ws: Workspace, code: str) -> None:
    """Show and work on ``code`` from now on (kept when the workspace is opened again)."""
    if code not in plan_codes(ws):
        raise InputError("The workspace has no plan “{code}”.", code=code)
    with ws.transaction() as tx:
        ws.set_meta(tx, "plan_code", code)
        ws.audit(tx, "use", "plan", code)
    ws.reload_plan()


def import_for_all_plans(ws: Workspace, paths: list[Path], **options):
    """Import packages of any plan the workspace holds.  The importer applies packages of
    the plan in view; those it turns away as made for another plan are tried under each
    other plan in turn (their quarantine is a scratch folder until the last try)."""
    from desktop_app.core.exchange.importer import import_packages

    codes = plan_codes(ws)
    original = ws.plan_code
    if len(codes) < 2:
        return import_packages(ws, paths, **options)
    order = [original] + [c for c in codes if c != original]
    pending, done = list(paths), {}
    try:
        with tempfile.TemporaryDirectory() as scratch:
            for index, code in enumerate(order):
                if code != ws.plan_code:
                    use_plan(ws, code)
                last = index == len(order) - 1
                extra = {} if last else {"quarantine": Path(scratch)}
                outcomes = import_packages(ws, pending, **options, **extra)
                pending = []
                for outcome in outcomes:
                    if outcome.reason == "wrong_plan" and not last:
                        pending.append(outcome.path)
                    else:
                        done[outcome.path] = outcome
                if not pending:
                    break
    finally:
        if ws.plan_code != original:
            use_plan(ws, original)
    return list(done.values())


def _words(name: str) -> Counter:
    # "tỷ"/"tỉ", "sĩ"/"sỹ": the same word in two spellings.
    return Counter(word.replace("y", "i") for word in re.findall(r"\w+", fold(name)))


def matched_indicators(ws: Workspace, codes: list[str] | None = None) -> list[tuple[str, str, dict[str, str]]]:
    """Indicators the plans share: the same unit and names that differ by at most one
    word swapped or added (Kiên Giang prints "công nghiệp khu công nghiệp" where An Giang
    has "công nhân khu công nghiệp"; "đúng độ tuổi" / "đúng tuổi"), letter case, marks
    and i/y spellings aside.  "Trường học" and "trạm y tế" differ by more: not matched.
    (name, unit, {plan code: indicator id}); the first plan's wording names the row."""
    codes = codes or plan_codes(ws)
    found: list[tuple[str, str, dict[str, str]]] = []
    anchors: dict[str, list[tuple[Counter, int]]] = {}   # folded unit -> (words, index in found)
    for code in codes:
        plan = ws.load_plan(code)
        for indicator in plan.indicators:
            if plan.is_heading(indicator.id):
                continue
            # A sub-row ("Thành thị") is known by its parent too.
            parent = plan.indicator(indicator.parent_id).name + " " if indicator.parent_id else ""
            words, unit = _words(parent + indicator.name), fold(indicator.unit)
            best, fewest = None, MAX_WORDS_APART + 1
            for other, index in anchors.get(unit, ()):
                apart = sum(((other - words) + (words - other)).values())
                if apart < fewest and code not in found[index][2]:
                    best, fewest = index, apart
            if best is None:
                anchors.setdefault(unit, []).append((words, len(found)))
                found.append((indicator.name, indicator.unit, {code: indicator.id}))
            else:
                found[best][2][code] = indicator.id
    return [entry for entry in found if len(entry[2]) > 1]


def combined_figures(ws: Workspace, year: int) -> list[tuple[str, str, dict[str, tuple[str, object, str]]]]:
    """The province's figure under each plan for the indicators the plans share:
    (name, unit, {plan code: (indicator id, value, method)}).  Side by side, not added:
    the plans' offices and methods differ until one plan replaces them."""
    from desktop_app.core.exchange.consolidate import consolidate

    figures = {code: {r.indicator.id: r for r in consolidate(ws, year, plan_code=code)} for code in plan_codes(ws)}
    return [(name, unit, {code: (indicator_id, figures[code][indicator_id].value, figures[code][indicator_id].method)
                          for code, indicator_id in ids.items()})
            for name, unit, ids in matched_indicators(ws)]
