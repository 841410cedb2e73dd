"""The province's figure per indicator from the offices' values.

Counts are summed; shares with numerators and denominators are recomputed from the
sums (never averaged); anything else takes the lead office's own entry, with the
offices' values as a breakdown (minimum, median, maximum, outliers flagged).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.core import entries
from desktop_app.core.model import Indicator
from desktop_app.core.workspace import Workspace

METHODS = ("sum", "ratio_of_sums", "lead_entry")


@dataclass(frozen=True)
class OfficeValue:
    office_id: str
    office_name: str
    value: Decimal | str | None
    numerator: Decimal | None
    denominator: Decimal | None
    outlier: bool = False


@dataclass(frozen=True)
class ConsolidatedRow:
    indicator: Indicator
    value: Decimal | str | None
    method: str
    offices: int
    minimum: Decimal | None
    median: Decimal | None
    maximum: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    breakdown: tuple[OfficeValue, ...]

    @property
    def outliers(self) -> tuple[OfficeValue, ...]:
        return tuple(b for b in self.breakdown if b.outlier)


def _method(indicator: Indicator, values: list[entries.ValueRecord]) -> str:
    if indicator.kind == "count":
        return "sum"
    if indicator.kind == "percent" and values and all(v.numerator is not None and v.denominator for v in values):
        return "ratio_of_sums"
    return "lead_entry"


def _outliers(numbers: list[Decimal]) -> tuple[Decimal, Decimal] | None:
    """Tukey's fences (1.5 × IQR); None when there are too few values to judge."""
    if len(numbers) < 4:
        return None
    q1, _q2, q3 = statistics.quantiles(numbers, n=4, method="inclusive")
    spread = (q3 - q1) * Decimal("1.5")
    return q1 - spread, q3 + spread


def consolidate(ws: Workspace, year: int) -> list[ConsolidatedRow]:
    names = dict(ws.query("SELECT id, name FROM offices"))
    by_office: dict[str, dict[str, entries.ValueRecord]] = {}
    for office_id, _ in ws.query(
        "SELECT DISTINCT office_id, 1 FROM indicator_values WHERE plan_code = ? AND year = ? AND office_id != ?",
        (ws.plan_code, year, ws.office_id),
    ):
        by_office[office_id] = entries.values(ws, year, office_id)
    own = entries.values(ws, year)
    rows = []
    for indicator in ws.plan.indicators:
        records = [(o, vals[indicator.id]) for o, vals in sorted(by_office.items()) if indicator.id in vals]
        present = [r for _, r in records if r.number is not None]
        method = _method(indicator, present)
        numbers = [r.number for r in present]
        fences = _outliers(numbers)
        breakdown = tuple(
            OfficeValue(o, names.get(o, o), r.actual, r.numerator, r.denominator,
                        bool(fences and r.number is not None and not fences[0] <= r.number <= fences[1]))
            for o, r in records
        )
        numerator = denominator = None
        if method == "sum":
            value = sum(numbers, Decimal(0)) if numbers else None
        elif method == "ratio_of_sums":
            numerator = sum((r.numerator for r in present), Decimal(0))
            denominator = sum((r.denominator for r in present), Decimal(0))
            value = (numerator * 100 / denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        else:
            mine = own.get(indicator.id)
            value = mine.actual if mine else None
        rows.append(ConsolidatedRow(
            indicator, value, method, len(records),
            min(numbers) if numbers else None, statistics.median(numbers) if numbers else None,
            max(numbers) if numbers else None, numerator, denominator, breakdown,
        ))
    return rows
