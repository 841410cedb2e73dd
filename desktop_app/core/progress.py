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
    "reached": N_("already achieved"),
    "on_track": N_("on track"),
    "behind": N_("behind schedule"),
    "cannot_evaluate": N_("cannot evaluate"),
}
# Which way each verdict leans, for an icon or a colour: good, bad or unknown.
VERDICT_TONE = {"achieved": "achieved", "reached": "achieved", "on_track": "achieved",
                "not_achieved": "not_achieved", "behind": "not_achieved", "cannot_evaluate": "cannot_evaluate"}


def verdict_tone(status: str) -> str:
    """``achieved`` / ``not_achieved`` / ``cannot_evaluate``: the icon a verdict wears."""
    return VERDICT_TONE.get(status, "cannot_evaluate")


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


def target_year(indicator: Indicator, year: int) -> int | None:
    """The year of the target that applies in ``year`` (see :func:`applicable_target`)."""
    target = applicable_target(indicator, year)
    if target is None:
        return None
    return target.year


def evaluate_row(plan: Plan, indicator: Indicator, year: int, by_year: dict[int, ValueRecord]):
    """The year's verdict: in (or after) the target year achieved or not; before it,
    whether the office is on the path to the target (see :func:`verdict_rule`)."""
    final = evaluate_against_target(plan, indicator, year, by_year)
    due = target_year(indicator, year)
    if due is None or year >= due or final.status == "cannot_evaluate" and final.reason_id != _WORD_REASON:
        return final
    return _on_track(plan, indicator, year, due, by_year, final)


def evaluate_against_target(plan: Plan, indicator: Indicator, year: int, by_year: dict[int, ValueRecord]):
    """Achieved or not against the target that applies, whatever the year."""
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


_WORD_REASON = "the target is in words: a person records whether it was achieved"


def _on_track(plan: Plan, indicator: Indicator, year: int, due: int, by_year: dict[int, ValueRecord], final):
    from desktop_app.core.targets import Evaluation

    target = indicator.targets[due].parsed if due in indicator.targets else None
    current = by_year.get(year)
    if final.reason_id in (N_("judged achieved"), N_("judged not achieved")) or target is None or target.form == "word":
        if current is not None and current.judgement:
            return Evaluation("reached", N_("judged achieved"))
        return Evaluation("cannot_evaluate", N_("the target ({target}) is in words; the year it is due is {year}"),
                          {"target": target, "year": due} if target else {"year": due})
    if final.status == "achieved":
        if indicator.measure in ("yearly_reduction", "yearly_increase"):
            return Evaluation("on_track", final.reason_id, final.reason_params)
        return Evaluation("reached", final.reason_id, final.reason_params)
    if indicator.measure in ("yearly_reduction", "yearly_increase"):
        return Evaluation("behind", final.reason_id, final.reason_params)
    goal = _target_point(target, indicator.direction)
    direction = _direction(indicator, target)
    if goal is None or direction is None:
        return Evaluation("cannot_evaluate", N_("the target has no figure to draw a path to"))
    if indicator.measure == "cumulative":
        start_year = (indicator.cumulative_from or plan.reporting.first_year) - 1
        start, start_value = start_year, Decimal(0)
        quantity = cumulative_total(plan, indicator, by_year, year)
    else:
        found = _starting_point(indicator, year, due, by_year)
        if found is None:
            return Evaluation("cannot_evaluate", N_("no starting value to draw the path to the target from"))
        start, start_value = found
        quantity = current.number if current else None
    if quantity is None:
        return Evaluation("cannot_evaluate", N_("no value yet"))
    expected = start_value + (goal - start_value) * Decimal(year - start) / Decimal(due - start)
    expected = expected.quantize(Decimal("0.01")) if expected != expected.to_integral_value() else expected
    ok = quantity >= expected if direction == "higher" else quantity <= expected
    return Evaluation("on_track" if ok else "behind",
                      N_("{quantity} against {expected} expected in {year} on the path to {target} in {due}"),
                      {"quantity": quantity, "expected": expected, "year": str(year), "target": target, "due": str(due)})


def _target_point(target, direction: str | None) -> Decimal | None:
    if target.form == "range":
        return target.high if direction == "lower" else target.low
    if target.form in ("exact", "compare", "reduce_to"):
        return target.low
    return None


def _direction(indicator: Indicator, target) -> str | None:
    if indicator.direction:
        return indicator.direction
    if target.form == "reduce_to" or target.op in ("<", "<="):
        return "lower"
    if target.op in (">", ">=") or target.form in ("exact", "range"):
        return "higher"
    return None


def _starting_point(indicator: Indicator, year: int, due: int, by_year: dict[int, ValueRecord]) -> tuple[int, Decimal] | None:
    """Where the path to the target starts: the office's value in the year the period
    opens (the previous target year), else the plan's own figure for that year, else the
    office's earliest value before ``year``."""
    earlier = [y for y in indicator.targets if y < due]
    if earlier:
        opens = max(earlier)
        if opens < year:
            record = by_year.get(opens)
            if record is not None and record.number is not None:
                return opens, record.number
            point = _target_point(indicator.targets[opens].parsed, indicator.direction)
            if point is not None:
                return opens, point
    own = sorted(y for y, r in by_year.items() if y < year and r.number is not None)
    if own:
        return own[0], by_year[own[0]].number
    return None


def verdict_rule(language: str | None = None) -> str:
    """The rule behind the verdicts, as one sentence for the report's notes."""
    return translate(N_(
        "Before the target year an indicator is “on track” when its value is on or better than the straight line "
        "from its starting value (the value recorded for the year the period opens, or the plan's figure for that "
        "year) to the target, “behind schedule” when it is short of that line, and “already achieved” when it "
        "already meets the target; in the target year it is “achieved” or “not achieved”."
    ), language)


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
