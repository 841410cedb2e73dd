"""The province's figure per indicator from the offices' values.

Two levels report: local authorities (districts, since 1 July 2025 communes) give their
territory's share; departments and agencies (and the lead office itself) give figures
for the whole province.  The two are never added together.  Per indicator kind:

- ``count``: the sum over the local authorities; without them, the responsible
  department's figure; without that, the lead office's own entry.
- ``percent``: recomputed from the local authorities' summed numerators and
  denominators (never an average of rates) when all of them sent both; otherwise the
  responsible department's figure; otherwise recomputed from those that sent both, the
  others named ("partial"); otherwise, rates only: the median of the offices' rates with
  their range ("median": there are no populations to weight by, the note says so).
- anything else (per 10,000 people, levels, HDI): the responsible department's figure,
  else the lead office's own entry, else the median of the offices' figures.

Every row says how its figure was made (``method``) and what it left out (``note``):
never a silent blank.  Values are read in one query and indexed in dictionaries.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from desktop_app.core.exchange.submissions import SubmissionRow, submissions
from desktop_app.core.model import Indicator
from desktop_app.core.text import format_number
from desktop_app.core.workspace import Workspace

METHODS = ("sum", "ratio_of_sums", "department", "partial_ratio", "median", "lead_entry", "conflict", "none")
METHOD_WORDS = {
    "sum": "Tổng số liệu của {n} đơn vị cấp xã/huyện",
    "ratio_of_sums": "Tính lại từ tổng tử số và tổng mẫu số của {n} đơn vị",
    "department": "Số liệu của {office}",
    "partial_ratio": "Tính lại từ tử số, mẫu số của {n} đơn vị",
    "median": "Trung vị tỷ lệ của {n} đơn vị",
    "lead_entry": "Số liệu của cơ quan chủ trì tổng hợp",
    "conflict": "Các sở, ngành báo cáo số liệu khác nhau",
    "none": "Chưa có số liệu",
}
MAX_NAMED = 10   # offices named in a note before "và n đơn vị khác"


@dataclass(frozen=True)
class Contributor:
    """An office whose values enter the consolidation: an expected office, or a former
    office whose package counts for its successor (``via`` its successor's name)."""
    office_id: str
    office_name: str
    level: str                 # local | province | lead
    timeliness: str            # on_time | late | draft | own
    days_late: int = 0
    successor: str = ""        # the name of the office it now counts for
    revision: int | None = None
    package_id: str = ""
    counts_for: str = ""       # the id of the expected office it stands for

    @property
    def label(self) -> str:
        return f"{self.office_name} (nay là {self.successor})" if self.successor else self.office_name


@dataclass(frozen=True)
class OfficeValue:
    office_id: str
    office_name: str
    value: Decimal | str | None
    numerator: Decimal | None
    denominator: Decimal | None
    outlier: bool = False
    level: str = "local"
    timeliness: str = ""
    days_late: int = 0
    successor: str = ""
    revision: int | None = None
    package_id: str = ""

    @property
    def label(self) -> str:
        return f"{self.office_name} (nay là {self.successor})" if self.successor else self.office_name


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
    note: str = ""
    left_out: tuple[str, ...] = ()

    @property
    def outliers(self) -> tuple[OfficeValue, ...]:
        return tuple(b for b in self.breakdown if b.outlier)


def _outliers(numbers: list[Decimal]) -> tuple[Decimal, Decimal] | None:
    """Tukey's fences (1.5 × IQR); None when there are too few values to judge."""
    if len(numbers) < 4:
        return None
    q1, _q2, q3 = statistics.quantiles(numbers, n=4, method="inclusive")
    spread = (q3 - q1) * Decimal("1.5")
    return q1 - spread, q3 + spread


def contributors(ws: Workspace, rows: list[SubmissionRow]) -> list[Contributor]:
    """Whose values count: every office that sent (or its predecessors), and the lead office."""
    found = [Contributor(ws.office_id, _own_name(ws), "lead", "own")]
    for row in rows:
        if row.status == "missing":
            continue
        level = row.level
        latest: dict[str, object] = {}
        for package in row.packages:
            latest[package.office_id] = package
        for office_id, package in latest.items():
            former = office_id != row.office_id
            found.append(Contributor(office_id, package.office_name, level, row.status, row.days_late,
                                     row.office_name if former else "", package.revision, package.package_id,
                                     row.office_id))
    return found


def _own_name(ws: Workspace) -> str:
    rows = ws.query("SELECT name FROM offices WHERE id = ?", (ws.office_id,))
    return rows[0][0] if rows else ws.office_id


class SentFigure:
    """What consolidation reads of one office's value: the figure and its parts, nothing
    of who typed it or why (a province of 3,000 communes has 40,000 of them a year)."""

    __slots__ = ("number", "text", "numerator", "denominator")

    def __init__(self, number: Decimal | None, text: str | None, numerator: Decimal | None,
                 denominator: Decimal | None):
        self.number, self.text, self.numerator, self.denominator = number, text, numerator, denominator

    @property
    def actual(self) -> Decimal | str | None:
        return self.number if self.number is not None else self.text


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def load_values(ws: Workspace, year: int, plan_code: str | None = None) -> dict[str, dict[str, SentFigure]]:
    """office id -> indicator id -> figure, for every office, in one query."""
    found: dict[str, dict[str, SentFigure]] = {}
    for office_id, indicator_id, number, text, numerator, denominator in ws.query(
            "SELECT office_id, indicator_id, value_number, value_text, numerator, denominator FROM indicator_values"
            " WHERE plan_code = ? AND year = ? AND (value_number IS NOT NULL OR value_text IS NOT NULL)",
            (plan_code or ws.plan_code, year)):
        found.setdefault(office_id, {})[indicator_id] = SentFigure(
            _decimal(number), text, _decimal(numerator), _decimal(denominator))
    return found


_NONE: dict[str, SentFigure] = {}


def _names(labels: list[str]) -> str:
    shown = ", ".join(labels[:MAX_NAMED])
    return shown + (f" và {len(labels) - MAX_NAMED} đơn vị khác" if len(labels) > MAX_NAMED else "")


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    return (numerator * 100 / denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def by_indicator(people: list[Contributor], values: dict[str, dict[str, SentFigure]]
                 ) -> dict[str, list[tuple[Contributor, SentFigure]]]:
    """indicator id -> (contributor, figure), in the contributors' order: one pass over the
    offices for the whole plan, not one per indicator."""
    found: dict[str, list[tuple[Contributor, SentFigure]]] = {}
    for person in people:
        for indicator_id, figure in values.get(person.office_id, _NONE).items():
            found.setdefault(indicator_id, []).append((person, figure))
    return found


def consolidate_row(indicator: Indicator, records: list[tuple[Contributor, SentFigure]],
                    expected_local: dict[str, str]) -> ConsolidatedRow:
    """One indicator's province figure from the contributors' figures for it (see the module text)."""
    local = [(p, r) for p, r in records if p.level == "local"]
    local_numbers = [r.number for _, r in local if r.number is not None]
    fences = _outliers(local_numbers)
    breakdown = tuple(
        OfficeValue(p.office_id, p.office_name, r.actual, r.numerator, r.denominator,
                    bool(fences and r.number is not None and not fences[0] <= r.number <= fences[1]),
                    p.level, p.timeliness, p.days_late, p.successor, p.revision, p.package_id)
        for p, r in records
    )
    numbers = [r.number for _, r in records if r.number is not None]
    sent_local = {p.counts_for for p, _ in local}
    left_out = [name for office_id, name in expected_local.items() if office_id not in sent_local]
    responsible = [(p, r) for p, r in records if p.level != "local" and p.office_id in indicator.lead]
    province = [(p, r) for p, r in records if p.level != "local"]
    own = [(p, r) for p, r in records if p.level == "lead"]

    value: Decimal | str | None = None
    numerator = denominator = None
    notes: list[str] = []
    method = "none"

    def department() -> bool:
        nonlocal value, method
        chosen = responsible or (province if len({r.actual for _, r in province}) == 1 else [])
        if chosen:
            person, record = chosen[0]
            value, method = record.actual, "department"
            notes.append(METHOD_WORDS["department"].format(office=person.office_name))
            return True
        if len(province) > 1:
            method = "conflict"
            notes.append(METHOD_WORDS["conflict"] + ": " + "; ".join(
                f"{p.office_name}: {_shown(r.actual)}" for p, r in province))
            return True
        return False

    def median_of(pairs) -> bool:
        nonlocal value, method
        figures = [r.number for _, r in pairs if r.number is not None]
        if not figures:
            return False
        value, method = statistics.median(figures), "median"
        notes.append(f"{METHOD_WORDS['median'].format(n=len(figures))} (thấp nhất {format_number(min(figures))}, "
                     f"cao nhất {format_number(max(figures))}); không có tử số, mẫu số hay dân số để tính số chung")
        return True

    if indicator.kind == "count" and local_numbers:
        value, method = sum(local_numbers, Decimal(0)), "sum"
        notes.append(METHOD_WORDS["sum"].format(n=len(local_numbers)))
    elif indicator.kind == "percent" and local:
        complete = [(p, r) for p, r in local if r.numerator is not None and r.denominator]
        rates_only = [(p, r) for p, r in local if not (r.numerator is not None and r.denominator)]
        if complete and not rates_only:
            numerator = sum((r.numerator for _, r in complete), Decimal(0))
            denominator = sum((r.denominator for _, r in complete), Decimal(0))
            value, method = _ratio(numerator, denominator), "ratio_of_sums"
            notes.append(METHOD_WORDS["ratio_of_sums"].format(n=len(complete)))
        elif department():
            pass
        elif complete:
            numerator = sum((r.numerator for _, r in complete), Decimal(0))
            denominator = sum((r.denominator for _, r in complete), Decimal(0))
            value, method = _ratio(numerator, denominator), "partial_ratio"
            notes.append(METHOD_WORDS["partial_ratio"].format(n=len(complete)) + "; không gồm "
                         + _names([f"{p.label}: {_shown(r.actual)}" for p, r in rates_only]) + " (chỉ gửi tỷ lệ)")
        else:
            median_of(local)
    elif indicator.kind == "count" and department():
        pass
    elif indicator.kind not in ("count", "percent") and department():
        pass
    elif own:
        value, method = own[0][1].actual, "lead_entry"
        notes.append(METHOD_WORDS["lead_entry"])
    elif len(local) == 1 and local[0][1].number is None:
        value, method = local[0][1].actual, "department"
        notes.append(METHOD_WORDS["department"].format(office=local[0][0].label))
    else:
        median_of(local)
    if method in ("sum", "ratio_of_sums", "partial_ratio", "median") and province:
        notes.append("không cộng với số liệu cấp tỉnh: " + "; ".join(f"{p.office_name}: {_shown(r.actual)}"
                                                                       for p, r in province))
    if method in ("sum", "ratio_of_sums", "partial_ratio", "median") and left_out:
        notes.append(f"chưa có số liệu của {len(left_out)} đơn vị: {_names(left_out)}")
    return ConsolidatedRow(
        indicator, value, method, len(records),
        min(numbers) if numbers else None, statistics.median(numbers) if numbers else None,
        max(numbers) if numbers else None, numerator, denominator, breakdown, "; ".join(notes), tuple(left_out),
    )


def _shown(value: Decimal | str | None) -> str:
    if value is None:
        return ""
    return format_number(value) if isinstance(value, Decimal) else str(value)


def consolidate(ws: Workspace, year: int, *, plan_code: str | None = None,
                rows: list[SubmissionRow] | None = None) -> list[ConsolidatedRow]:
    code = plan_code or ws.plan_code
    plan = ws.plan if code == ws.plan_code else ws.load_plan(code)
    rows = submissions(ws, year, code) if rows is None else rows
    people = contributors(ws, rows)
    sent = by_indicator(people, load_values(ws, year, code))
    expected_local = {r.office_id: r.office_name for r in rows if r.expected and r.level == "local"}
    return [ConsolidatedRow(indicator, None, "none", 0, None, None, None, None, None, ())
            if plan.is_heading(indicator.id) else consolidate_row(indicator, sent.get(indicator.id, []), expected_local)
            for indicator in plan.indicators]
