"""From a workspace to a report: the year's data as an ``AnnualReport``, then PDF or Excel.

Office-specific furniture (parent office, place, recipients, default signer) comes from
the workspace's settings, with sensible defaults from the plan.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from desktop_app.core import clock
from desktop_app.core import entries
from desktop_app.core.entries import task_status_label
from desktop_app.core.progress import indicator_rows, status_label
from desktop_app.core.reports.model import AnnualReport, IndicatorLine, PageSettings, PdfResult, Signer, TaskLine
from desktop_app.core.text import clean
from desktop_app.core.workspace import Workspace

SETTING_KEYS = ("report_parent_office", "report_place", "report_addressee", "report_recipients",
                "report_signer_authority", "report_signer_title", "report_signer_name")

# Decree 30, Appendix I, II.4: the place name of a local people's committee is the name
# of its commune, district or city without the unit's word ("xã", "huyện"), unless the
# name is a number ("Phường 1").
_LOCAL_PREFIX = re.compile(r"^(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+", re.IGNORECASE)
_UNIT_WORD = re.compile(r"^(?:thành phố|thị xã|thị trấn|đặc khu|huyện|quận|phường|xã)\s+", re.IGNORECASE)


def _office(ws: Workspace) -> tuple[str, str]:
    rows = ws.query("SELECT name, kind FROM offices WHERE id = ?", (ws.office_id,))
    return (rows[0][0], rows[0][1]) if rows else (ws.office_id, "other")


def office_name(ws: Workspace) -> str:
    """The workspace's office by its name (never its internal id)."""
    return _office(ws)[0]


_office_name = office_name


def locality_of(name: str) -> str:
    """The place a local office writes on its papers: "UBND xã Vĩnh Lương" -> "Vĩnh
    Lương"; "" when the name is not a local people's committee's."""
    name = clean(name)
    rest = _LOCAL_PREFIX.sub("", name)
    if rest == name:
        return ""
    place = _UNIT_WORD.sub("", rest)
    if place == rest:
        return ""
    return rest[:1].upper() + rest[1:] if place.isdigit() else place


def default_place(ws: Workspace) -> str:
    """Where the office is: a commune or district prints its own name, every provincial
    office the province's (Decree 30)."""
    name, kind = _office(ws)
    return (locality_of(name) if kind == "local" else "") or ws.plan.province


def default_addressee(ws: Workspace) -> str:
    """"Kính gửi" only when the report goes up: the lead office's report to the body the
    plan names (``consolidated_to``), a local office's to the provincial office the plan
    says units report to.  A department reporting to a sister department has none."""
    plan = ws.plan
    if ws.role == "lead" or ws.office_id == plan.lead_office_id:
        return plan.reporting.consolidated_to
    if _office(ws)[1] == "local":
        office = plan.offices.get(plan.reporting.reports_to)
        return office.name if office else ""
    return ""


def paper_setting(ws: Workspace, key: str) -> str:
    """A paper setting as the office set it, or the default the plan and office give."""
    value = ws.setting(key)
    if value is not None:
        return value
    return {"report_place": default_place, "report_addressee": default_addressee}[key](ws)


def row_note(record) -> str:
    """What the paper says beside a figure: why there is none, the clerk's note."""
    if record is None:
        return ""
    parts = []
    if record.no_data_reason:
        parts.append(f"Không có số liệu: {clean(record.no_data_reason)}")
    if record.note and clean(record.note):
        parts.append(clean(record.note))
    return "; ".join(parts)


def measure_note(indicator) -> str:
    """How the row's target is measured, when it is not the year's plain value."""
    if indicator.measure == "value":
        return ""
    from desktop_app.core.targets import measure_rule

    return measure_rule(indicator.measure, indicator.cumulative_from, "vi")


def verdict_rules(ws: Workspace, year: int) -> tuple[str, ...]:
    """The rule the verdicts follow, printed in the report's notes."""
    from desktop_app.core import progress

    return (clean(progress.verdict_rule("vi")),)


def grouped_rows(ws: Workspace, year: int, *, assigned_only: bool = True) -> list[tuple[object, list]]:
    """The plan's groups in order, each with its indicator rows for ``year`` (only the
    office's form unless told otherwise); a group with no row is left out."""
    by_group: dict[str, list] = {}
    for row in indicator_rows(ws, year):
        if row.assigned or not assigned_only:
            by_group.setdefault(row.indicator.group_id, []).append(row)
    return [(group, by_group[group.id]) for group in ws.plan.groups if group.id in by_group]


def indicator_lines(ws: Workspace, year: int, *, assigned_only: bool = True) -> tuple[IndicatorLine, ...]:
    plan = ws.plan
    lines: list[IndicatorLine] = []
    for group, group_rows in grouped_rows(ws, year, assigned_only=assigned_only):
        lines.append(IndicatorLine("group", group.number, group.name))
        for row in group_rows:
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
                note="" if heading else "; ".join(filter(None, [row_note(row.current), measure_note(indicator)])),
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
            lead=plan.office_names_or_unsaid(item.lead, "vi"),
            status=task_status_label(record.status, "vi") if record else "chưa cập nhật",
            result=record.result if record else "", evidence=evidence,
        ))
    return tuple(lines)


def default_parent_office(ws: Workspace) -> str:
    """The line above the office's name: a department's "UBND TỈNH …"; a people's
    committee heads its papers with its own name alone (Decree 30, Appendix I, II.3)."""
    return "" if _office(ws)[1] == "local" else f"UBND TỈNH {ws.plan.province}"


def default_recipients(ws: Workspace) -> str:
    plan = ws.plan
    if ws.office_id != plan.lead_office_id:
        return "\n".join([f"{plan.lead_office.name} (để tổng hợp);", "Lưu: VT."])
    return "\n".join(["Ủy ban nhân dân tỉnh (để báo cáo);", "Lưu: VT."])


def annual_report(ws: Workspace, year: int, *, today: dt.date | None = None) -> AnnualReport:
    from desktop_app.core.signoff import year_fingerprint

    plan = ws.plan
    state = entries.report_state(ws, year)
    setting = lambda key, default: ws.setting(key) or default  # noqa: E731
    signed_on = dt.date.fromisoformat(state.signed_at[:10]) if state.signed_at and state.locked else None
    return AnnualReport(
        parent_office=setting("report_parent_office", default_parent_office(ws)),
        issuing_office=_office_name(ws),
        report_number=state.report_number or "…/BC-…",
        place=paper_setting(ws, "report_place"),
        addressee=paper_setting(ws, "report_addressee"),
        report_date=signed_on or today or clock.today(),
        year=year,
        summary=f"Kết quả thực hiện {plan.title_line} của UBND tỉnh năm {year}",
        results_text=state.results_text,
        difficulties_text=state.difficulties_text,
        proposals_text=state.proposals_text,
        tasks=task_lines(ws, year),
        indicators=indicator_lines(ws, year, assigned_only=ws.role != "lead"),
        recipients=tuple(line for line in setting("report_recipients", default_recipients(ws)).split("\n") if line.strip()),
        # A signed year prints the signer recorded with the sign-off, as it was; a draft
        # the block last used, for the head to check before signing.
        signer=Signer(state.signer_authority, state.signer_title, state.signer_name) if state.locked else Signer(
            authority=setting("report_signer_authority", ""),
            title=setting("report_signer_title", ""),
            name=setting("report_signer_name", ""),
        ),
        rules=verdict_rules(ws, year),
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
