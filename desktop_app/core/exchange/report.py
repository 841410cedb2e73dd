"""The consolidated report's data: the province's figures, who reported, and every
unit's value behind each figure."""

from __future__ import annotations

import dataclasses
import datetime as dt

from desktop_app.core.exchange.consolidate import consolidate
from desktop_app.core.exchange.submissions import submissions
from desktop_app.core.progress import status_label
from desktop_app.core.reports.build import annual_report
from desktop_app.core.reports.model import BreakdownLine, ConsolidatedReport, IndicatorLine, SubmissionLine
from desktop_app.core.workspace import Workspace


def consolidated_report(ws: Workspace, year: int, *, today: dt.date | None = None) -> ConsolidatedReport:
    from desktop_app.core.entries import ValueRecord
    from desktop_app.core.progress import evaluate_row

    base = annual_report(ws, year, today=today)
    rows = {r.indicator.id: r for r in consolidate(ws, year)}
    plan = ws.plan
    province_lines = []
    for group in plan.groups:
        members = [i for i in plan.indicators if i.group_id == group.id]
        if not members:
            continue
        province_lines.append(IndicatorLine("group", group.number, group.name))
        for indicator in members:
            row = rows[indicator.id]
            heading = plan.is_heading(indicator.id)
            record = ValueRecord(indicator.id, year, number=row.value if not isinstance(row.value, str) else None,
                                 text=row.value if isinstance(row.value, str) else None)
            evaluation = evaluate_row(plan, indicator, year, {year: record}) if row.value is not None else None
            t25, t30 = indicator.targets.get(2025), indicator.targets.get(2030)
            province_lines.append(IndicatorLine(
                "heading" if heading else "indicator", indicator.number, indicator.name, indicator.unit,
                t25.printed if t25 else "", t30.printed if t30 else "", None, None if heading else row.value,
                "" if heading or evaluation is None else status_label(evaluation.status, "vi"),
                1 if indicator.parent_id else 0,
            ))
    offices = sorted({b.office_name for r in rows.values() for b in r.breakdown})
    labels = tuple(f"{i.number or i.id}. {i.name}" for i in plan.indicators)
    breakdown = tuple(
        BreakdownLine(office, tuple(next((b.value for b in rows[i.id].breakdown if b.office_name == office), None)
                                    for i in plan.indicators))
        for office in offices
    )
    submitted = tuple(
        SubmissionLine(r.office_name, r.label("vi"), r.sent_on.strftime("%d/%m/%Y") if r.sent_on else "", r.signer_name,
                       outcome=r.status, days_late=r.days_late, fingerprint=r.fingerprint or "")
        for r in submissions(ws, year)
    )
    annual = dataclasses.replace(base, indicators=tuple(province_lines),
                                 summary=f"Tổng hợp kết quả thực hiện {plan.title_line} của UBND tỉnh năm {year}")
    return ConsolidatedReport(annual=annual, breakdown_indicators=labels, breakdown=breakdown, submissions=submitted)
