"""From a workspace to a report: the year's data as an ``AnnualReport``, then PDF or Excel.

Office-specific furniture (parent office, place, recipients, default signer) comes from
the workspace's settings, with sensible defaults from the plan.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.core import clock
from desktop_app.core import entries
from desktop_app.core.entries import task_status_label
from desktop_app.core.progress import indicator_rows, status_label
from desktop_app.core.reports.model import AnnualReport, IndicatorLine, PageSettings, PdfResult, Signer, TaskLine
from desktop_app.core.workspace import Workspace

SETTING_KEYS = ("report_parent_office", "report_place", "report_recipients", "report_signer_authority",
                "report_signer_title", "report_signer_name")


def _office_name(ws: Workspace) -> str:
    rows = ws.query("SELECT name FROM offices WHERE id = ?", (ws.office_id,))
    return rows[0][0] if rows else ws.office_id


def indicator_lines(ws: Workspace, year: int, *, assigned_only: bool = True) -> tuple[IndicatorLine, ...]:
    plan = ws.plan
    rows = [r for r in indicator_rows(ws, year) if r.assigned or not assigned_only]
    by_group: dict[str, list] = {}
    for row in rows:
        by_group.setdefault(row.indicator.group_id, []).append(row)
    lines: list[IndicatorLine] = []
    for group in plan.groups:
        if group.id not in by_group:
            continue
        lines.append(IndicatorLine("group", group.number, group.name))
        for row in by_group[group.id]:
            indicator = row.indicator
            heading = plan.is_heading(indicator.id)
            t25, t30 = indicator.targets.get(2025), indicator.targets.get(2030)

            def value(record):
                if record is None:
                    return None
                return "Không có số liệu" if record.no_data_reason else record.actual

            lines.append(IndicatorLine(
                "heading" if heading else "indicator", indicator.number, indicator.name, indicator.unit,
                t25.printed if t25 else "", t30.printed if t30 else "",
                None if heading else value(row.previous), None if heading else value(row.current),
                "" if heading else status_label(row.status, "vi"), 1 if indicator.parent_id else 0,
            ))
    return tuple(lines)


def task_lines(ws: Workspace, year: int) -> tuple[TaskLine, ...]:
    """Part I's table: the lines of the office's own form (a local authority's sections
    of the plan, a department's tasks)."""
    from desktop_app.core.forms import item_progress, office_form

    plan = ws.plan
    progress = item_progress(ws, year)
    lines = []
    for item in office_form(ws).tasks:
        record = progress.get(item.id)
        evidence = ""
        if record and record.evidence_number:
            evidence = record.evidence_number + (f" ngày {record.evidence_date:%d/%m/%Y}" if record.evidence_date else "")
        lines.append(TaskLine(
            number=item.task_ids[0] if not item.grouped else item.section, name=item.name,
            lead=plan.office_names(item.lead),
            status=task_status_label(record.status, "vi") if record else "chưa cập nhật",
            result=record.result if record else "", evidence=evidence,
        ))
    return tuple(lines)


def annual_report(ws: Workspace, year: int, *, today: dt.date | None = None) -> AnnualReport:
    from desktop_app.core.signoff import year_fingerprint

    plan = ws.plan
    state = entries.report_state(ws, year)
    setting = lambda key, default: ws.setting(key) or default  # noqa: E731
    signed_on = dt.date.fromisoformat(state.signed_at[:10]) if state.signed_at and state.locked else None
    lead = plan.lead_office.name
    default_recipients = "\n".join([f"{lead} (để tổng hợp);", "Lưu: VT."]) if ws.office_id != plan.lead_office_id \
        else "\n".join(["Ủy ban nhân dân tỉnh (để báo cáo);", "Lưu: VT."])
    return AnnualReport(
        parent_office=setting("report_parent_office", f"UBND TỈNH {plan.province}"),
        issuing_office=_office_name(ws),
        report_number=state.report_number or "…/BC-…",
        place=setting("report_place", plan.province),
        report_date=signed_on or today or clock.today(),
        year=year,
        summary=f"Kết quả thực hiện {plan.title_line} của UBND tỉnh năm {year}",
        results_text=state.results_text,
        difficulties_text=state.difficulties_text,
        proposals_text=state.proposals_text,
        tasks=task_lines(ws, year),
        indicators=indicator_lines(ws, year, assigned_only=ws.role != "lead"),
        recipients=tuple(line for line in setting("report_recipients", default_recipients).split("\n") if line.strip()),
        signer=Signer(
            authority=state.signer_authority or setting("report_signer_authority", ""),
            title=state.signer_title or setting("report_signer_title", ""),
            name=state.signer_name or setting("report_signer_name", ""),
        ),
        fingerprint=state.fingerprint if state.locked and state.fingerprint else year_fingerprint(ws, year),
        signed=state.locked,
    )


def write_year_pdf(ws: Workspace, year: int, path: Path, *, today: dt.date | None = None,
                   settings: PageSettings = PageSettings()) -> PdfResult:
    from desktop_app.core.reports.annual import build_annual_pdf

    return build_annual_pdf(annual_report(ws, year, today=today), path, settings)


def write_year_xlsx(ws: Workspace, year: int, path: Path) -> Path:
    from desktop_app.core.reports.spreadsheet import write_annual_xlsx

    return write_annual_xlsx(annual_report(ws, year), path)
