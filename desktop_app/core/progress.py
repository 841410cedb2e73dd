"""How far the year has got: each indicator's value set against the target that applies."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop_app.core import entries
from desktop_app.core.entries import ValueRecord
from desktop_app.core.i18n import N_, translate
from desktop_app.core.model import Indicator, Plan, Target
from desktop_app.core.workspace import Workspace


STATUS_LABELS = {
    "achieved": N_("achieved"),
    "not_achieved": N_("not achieved"),
    "cannot_evaluate": N_("cannot evaluate"),
}


def status_label(status: str, language: str | None = None) -> str:
    return translate(STATUS_LABELS[status], language)


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    current: ValueRecord | None
    previous: ValueRecord | None
    target: Target | None
    evaluation: object  # desktop_app.core.targets.Evaluation
    assigned: bool

    @property
    def status(self) -> str:
        return self.evaluation.status


def applicable_target(indicator: Indicator, year: int) -> Target | None:
    """The target of the first target year not before ``year`` (2024 and 2025 work toward
    2025; 2026-2030 toward 2030), or the last one after all have passed."""
    if not indicator.targets:
        return None
    years = sorted(indicator.targets)
    chosen = next((y for y in years if y >= year), years[-1])
    target = indicator.targets[chosen]
    if target.parsed.form == "none":
        others = [indicator.targets[y] for y in years if indicator.targets[y].parsed.form != "none" and y >= year]
        return others[0] if others else target
    return target


def cumulative_total(plan: Plan, indicator: Indicator, by_year: dict[int, ValueRecord], year: int) -> Decimal | None:
    start = indicator.cumulative_from or plan.reporting.first_year
    numbers = [r.number for y, r in by_year.items() if start <= y <= year and r.number is not None]
    return sum(numbers, Decimal(0)) if numbers else None


def evaluate_row(plan: Plan, indicator: Indicator, year: int, by_year: dict[int, ValueRecord]):
    from desktop_app.core.targets import evaluate

    current = by_year.get(year)
    previous = by_year.get(year - 1)
    target = applicable_target(indicator, year)
    if target is None:
        from desktop_app.core.targets import parse_target

        parsed = parse_target("-")
    else:
        parsed = target.parsed
    if indicator.measure == "cumulative":
        actual = cumulative_total(plan, indicator, by_year, year) if current and current.number is not None else None
    else:
        actual = current.actual if current else None
    return evaluate(
        parsed,
        actual,
        previous=previous.number if previous else None,
        measure=indicator.measure,
        direction=indicator.direction,
        judgement=current.judgement if current else None,
    )


def indicator_row(ws: Workspace, year: int, indicator: Indicator, *, assigned: bool,
                  office_id: str | None = None) -> IndicatorRow:
    """One indicator's row, reading only its own values (a save refreshes just this)."""
    by_year = entries.values_by_year(ws, indicator.id, office_id)
    return IndicatorRow(
        indicator=indicator, current=by_year.get(year), previous=by_year.get(year - 1),
        target=applicable_target(indicator, year), evaluation=evaluate_row(ws.plan, indicator, year, by_year),
        assigned=assigned,
    )


def indicator_rows(ws: Workspace, year: int, office_id: str | None = None) -> list[IndicatorRow]:
    plan = ws.plan
    office_id = office_id or ws.office_id
    assigned = entries.assigned_ids(ws, "indicator", office_id)
    all_values = entries.all_values(ws, office_id)
    rows = []
    for indicator in plan.indicators:
        by_year = all_values.get(indicator.id, {})
        rows.append(
            IndicatorRow(
                indicator=indicator,
                current=by_year.get(year),
                previous=by_year.get(year - 1),
                target=applicable_target(indicator, year),
                evaluation=evaluate_row(plan, indicator, year, by_year),
                assigned=indicator.id in assigned,
            )
        )
    return rows
