"""One indicator across the offices (ActivityInfo's partner-by-indicator table): every
office's value this year, its earlier years, whether it stands out, whether it came on
time, and the package (revision and file) it came from."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from desktop_app.core.exchange.consolidate import ConsolidatedRow, consolidate
from desktop_app.core.exchange.submissions import submissions
from desktop_app.core.model import Indicator
from desktop_app.core.workspace import Workspace


@dataclass(frozen=True)
class OfficeLine:
    office_id: str
    office: str
    level: str
    value: Decimal | str | None
    numerator: Decimal | None
    denominator: Decimal | None
    timeliness: str
    days_late: int
    outlier: bool
    trend: tuple[tuple[int, Decimal | str | None], ...]
    revision: int | None
    package_id: str
    file_name: str


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    year: int
    figure: ConsolidatedRow
    lines: tuple[OfficeLine, ...]


def indicator_view(ws: Workspace, indicator_id: str, year: int, *, plan_code: str | None = None) -> IndicatorView:
    code = plan_code or ws.plan_code
    plan = ws.plan if code == ws.plan_code else ws.load_plan(code)
    indicator = plan.indicator(indicator_id)
    rows = submissions(ws, year, code)
    figure = next(r for r in consolidate(ws, year, plan_code=code, rows=rows) if r.indicator.id == indicator.id)
    history: dict[str, list[tuple[int, Decimal | str | None]]] = {}
    for office_id, when, number, text in ws.query(
            "SELECT office_id, year, value_number, value_text FROM indicator_values"
            " WHERE plan_code = ? AND indicator_id = ? AND year <= ? ORDER BY year", (code, indicator.id, year)):
        history.setdefault(office_id, []).append((when, Decimal(number) if number is not None else text))
    files = {}
    for key, new_value, reason in ws.query(
            "SELECT entity_key, new_value, reason FROM audit WHERE entity = 'package' AND action = 'import'"
            " AND entity_key LIKE ?", (f"{code}/%/{year}",)):
        files[(key.split("/")[1], (new_value or "").split(" ")[0])] = reason
    lines = tuple(
        OfficeLine(b.office_id, b.label, b.level, b.value, b.numerator, b.denominator, b.timeliness, b.days_late,
                   b.outlier, tuple(history.get(b.office_id, ())), b.revision, b.package_id,
                   files.get((b.office_id, f"r{b.revision}"), ""))
        for b in figure.breakdown
    )
    return IndicatorView(indicator, year, figure, lines)
