"""The review reports the plans call for ("định kỳ sơ kết, tổng kết"): the "Báo cáo sơ
kết" of the first phase (2024 - 2025) and the "Báo cáo tổng kết" of the whole period,
for one office.  A document of its own: ``ReviewReport`` is built once from the
workspace (``review_report``), and the PDF and its fingerprint are drawn from it.

    review_years(plan)                    -> (2025, 2030): only what the plan names
    review_report(ws, 2025)               -> ReviewReport
    write_review_pdf(ws, 2025, path)      -> PdfResult   (the window and the CLI call this)

The body says what the period achieved in numbers and refers to two appendices:
Phụ lục I, each indicator's baseline, every year's value, the target and the verdict;
Phụ lục II, each task's status year by year and its latest result.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import KeepTogether, NextPageTemplate, PageBreak, Paragraph, Table, TableStyle

from desktop_app.core import clock, entries
from desktop_app.core.errors import InputError, Location
from desktop_app.core.reports import decree30
from desktop_app.core.reports.model import PageSettings, PdfResult, Signer, Value
from desktop_app.core.workspace import Workspace

SO_KET, TONG_KET = "so_ket", "tong_ket"
KIND_WORDS = {SO_KET: "Sơ kết", TONG_KET: "Tổng kết"}
STATUS_SHORT = {"done": "Hoàn thành", "in_progress": "Đang thực hiện", "not_started": "Chưa thực hiện",
                "behind": "Chậm tiến độ"}


@dataclass(frozen=True)
class ReviewIndicatorLine:
    """One row of Phụ lục I.  ``kind`` as in ``IndicatorLine`` ("group", "heading",
    "indicator"); ``baseline`` the value before the period (the year before it, or the
    catalog's baseline); ``values`` one per year of the period; ``target`` the target of
    the review year as printed; ``evaluation`` the verdict in words; ``note`` why a
    figure is missing or what the clerk noted (a numbered note under the table)."""
    kind: str
    number: str
    name: str
    unit: str = ""
    baseline: Value = None
    values: tuple[Value, ...] = ()
    target: str = ""
    evaluation: str = ""
    depth: int = 0
    note: str = ""


@dataclass(frozen=True)
class ReviewTaskLine:
    """One row of Phụ lục II: the task, its lead office and time as the plan prints them,
    its status in each year of the period ("" when not reported), its latest result."""
    number: str
    name: str
    lead: str
    time: str = ""
    statuses: tuple[str, ...] = ()
    result: str = ""


@dataclass(frozen=True)
class ReviewReport:
    """A review report; the furniture fields are those of ``AnnualReport`` (a paper for
    ``decree30``).  ``kind`` is ``SO_KET`` or ``TONG_KET``; ``years`` the period's years;
    ``baseline_year`` the year whose value is the baseline; ``target_year`` the year of the
    targets the verdicts are against."""
    kind: str
    parent_office: str
    issuing_office: str
    report_number: str
    place: str
    report_date: dt.date
    years: tuple[int, ...]
    baseline_year: int
    target_year: int
    plan_line: str = ""
    indicators: tuple[ReviewIndicatorLine, ...] = ()
    tasks: tuple[ReviewTaskLine, ...] = ()
    difficulties_text: str = ""
    proposals_text: str = ""
    recipients: tuple[str, ...] = ()
    signer: Signer = field(default_factory=Signer)
    fingerprint: str = ""
    signed: bool = False
    addressee: str = ""
    rules: tuple[str, ...] = ()

    @property
    def period(self) -> str:
        """"giai đoạn 2024 - 2025", or "năm 2025" for a phase of one year (a plan of 2025)."""
        if self.years[0] == self.years[-1]:
            return f"năm {self.years[0]}"
        return f"giai đoạn {self.years[0]} - {self.years[-1]}"

    def summary_line(self) -> str:
        what = KIND_WORDS[self.kind]
        plan = self.plan_line or "Kế hoạch"
        return f"{what} thực hiện {plan} của UBND tỉnh {self.period}"


def review_years(plan) -> tuple[int, ...]:
    """The years a review can be made for: the ones the plan names (part IV: "sơ kết",
    "tổng kết" in 2025 and 2030), or, where the plan asks for "định kỳ sơ kết, tổng kết"
    without naming a year, any year after the plan's first: the office decides when a
    phase closes, and the last year of the plan closes it all."""
    named = tuple(sorted(set(plan.reporting.review_years)))
    if named:
        return named
    return tuple(range(plan.reporting.first_year + 1, plan.reporting.last_year + 1))


def review_kind(plan, year: int) -> str:
    """The review in ``year``: the last year of the plan closes it ("tổng kết"), an
    earlier one closes a phase ("sơ kết").  ``InputError`` for a year no review can be
    made for."""
    years = review_years(plan)
    if year not in years:
        raise InputError("The plan names no review in {year}; its review years are {years}.", year=year,
                         years=", ".join(str(y) for y in years), where=Location(field="review"))
    return TONG_KET if year >= plan.reporting.last_year else SO_KET


def _period(plan, year: int, kind: str) -> tuple[int, ...]:
    return tuple(range(plan.reporting.first_year, (plan.reporting.last_year if kind == TONG_KET else year) + 1))


def _value(record) -> Value:
    if record is None:
        return None
    return "Không có số liệu" if record.no_data_reason else record.actual


def _notes(plan, indicator, by_year: dict, years: tuple[int, ...]) -> str:
    from desktop_app.core.reports.build import row_note

    from desktop_app.core.reports.build import measure_note

    parts = [f"năm {year}: {note}" for year in years if (note := row_note(by_year.get(year)))]
    return "; ".join(filter(None, [*parts, measure_note(indicator)]))


def indicator_lines(ws: Workspace, review_year: int, years: tuple[int, ...], *, assigned_only: bool = True):
    from desktop_app.core.progress import status_label
    from desktop_app.core.reports.build import grouped_rows

    plan = ws.plan
    target_year = years[-1]
    all_values = entries.all_values(ws)
    lines: list[ReviewIndicatorLine] = []
    for group, group_rows in grouped_rows(ws, target_year, assigned_only=assigned_only):
        lines.append(ReviewIndicatorLine("group", group.number, group.name))
        for row in group_rows:
            indicator = row.indicator
            heading = plan.is_heading(indicator.id)
            by_year = all_values.get(indicator.id, {})
            target = indicator.targets.get(target_year) or row.target
            baseline = _value(by_year.get(years[0] - 1))
            if baseline is None:
                baseline = getattr(indicator, "baseline", None)
            lines.append(ReviewIndicatorLine(
                "heading" if heading else "indicator", indicator.number, indicator.name, indicator.unit,
                None if heading else baseline,
                tuple(None if heading else _value(by_year.get(year)) for year in years),
                target.printed if target else "",
                "" if heading else status_label(row.status, "vi"),
                1 if indicator.parent_id else 0,
                "" if heading else _notes(plan, indicator, by_year, years),
            ))
    return tuple(lines)


def task_lines(ws: Workspace, years: tuple[int, ...]) -> tuple[ReviewTaskLine, ...]:
    plan = ws.plan
    assigned = entries.assigned_ids(ws, "task")
    progress = {year: entries.task_progress(ws, year) for year in years}
    lines = []
    for task in plan.tasks:
        if task.id not in assigned:
            continue
        records = [progress[year].get(task.id) for year in years]
        latest = next((record for record in reversed(records) if record is not None), None)
        result = ""
        if latest is not None:
            evidence = latest.evidence_number + (f" ngày {latest.evidence_date:%d/%m/%Y}"
                                                 if latest.evidence_number and latest.evidence_date else "")
            result = "\n".join(part.strip() for part in (latest.result, evidence) if part and part.strip())
        lines.append(ReviewTaskLine(
            number=task.id, name=task.name, lead=plan.office_names(task.lead),
            time=getattr(task, "time", "") or "",
            statuses=tuple(STATUS_SHORT.get(record.status, record.status) if record else "" for record in records),
            result=result,
        ))
    return tuple(lines)


def review_report(ws: Workspace, year: int, *, today: dt.date | None = None) -> ReviewReport:
    """The review of ``year`` (one the plan names) for the workspace's office."""
    from desktop_app.core.reports.build import (_office_name, default_parent_office, default_recipients, paper_setting,
                                               verdict_rules)
    from desktop_app.core.reports.fingerprint import fingerprint

    plan = ws.plan
    kind = review_kind(plan, year)
    years = _period(plan, year, kind)
    state = entries.report_state(ws, year)
    signed = state.locked and all(entries.report_state(ws, y).locked for y in years if y <= year)
    snapshot = {"review": kind, "years": {str(y): entries.year_snapshot(ws, y) for y in years}}
    setting = lambda key, default: ws.setting(key) or default  # noqa: E731
    return ReviewReport(
        kind=kind,
        parent_office=setting("report_parent_office", default_parent_office(ws)),
        issuing_office=_office_name(ws),
        report_number="…/BC-…",
        place=paper_setting(ws, "report_place"),
        report_date=today or clock.today(),
        years=years,
        baseline_year=years[0] - 1,
        target_year=years[-1],
        plan_line=plan.title_line,
        indicators=indicator_lines(ws, year, years, assigned_only=ws.role != "lead"),
        tasks=task_lines(ws, years),
        difficulties_text=state.difficulties_text,
        proposals_text=state.proposals_text,
        recipients=tuple(line for line in setting("report_recipients", default_recipients(ws)).split("\n")
                         if line.strip()),
        signer=Signer(state.signer_authority, state.signer_title, state.signer_name) if state.locked else Signer(
            setting("report_signer_authority", ""), setting("report_signer_title", ""),
            setting("report_signer_name", "")),
        fingerprint=fingerprint(snapshot),
        signed=signed,
        addressee=paper_setting(ws, "report_addressee"),
        rules=verdict_rules(ws, years[-1]),
    )


# -- layout ------------------------------------------------------------------------------------


def _counts(report: ReviewReport) -> tuple[Counter, int]:
    rows = [line for line in report.indicators if line.kind == "indicator"]
    return Counter(line.evaluation for line in rows if line.evaluation), len(rows)


def summary_paragraphs(report: ReviewReport) -> tuple[str, str]:
    """Part I's two sentences, each referring to its appendix."""
    counts, total = _counts(report)
    verdicts = ", ".join(f"{count} chỉ tiêu {word}" for word, count in sorted(counts.items(), key=lambda i: -i[1]))
    indicators = (f"{report.period[:1].upper()}{report.period[1:]}, đơn vị theo dõi {total} chỉ tiêu; so với mục tiêu năm "
                  f"{report.target_year}: {verdicts or 'chưa có chỉ tiêu được đánh giá'} "
                  f"{decree30.appendix_reference(1)}.")
    latest = Counter(next((s for s in reversed(line.statuses) if s), "Chưa cập nhật") for line in report.tasks)
    tasks_words = ", ".join(f"{count} nhiệm vụ {word.lower()}" for word, count in sorted(latest.items(),
                                                                                      key=lambda i: -i[1]))
    if report.tasks:
        tasks = (f"Về nhiệm vụ, đơn vị được giao {len(report.tasks)} nhiệm vụ; đến năm {report.years[-1]}: "
                 f"{tasks_words} {decree30.appendix_reference(2)}.")
    else:
        tasks = f"Về nhiệm vụ, Kế hoạch không giao nhiệm vụ cho đơn vị {decree30.appendix_reference(2)}."
    return indicators, tasks


def _value_text(value) -> str:
    from desktop_app.core.reports.annual import cell_value

    return cell_value(value)


def indicator_appendix(report: ReviewReport, styles, width: float) -> list:
    from desktop_app.core.reports.annual import (GROUP_FILL, INDENT, PADDING, Cells, grid_style, head_style,
                                                 header_row, scaled, with_mark)

    years = report.years
    headers = ("TT", "Chỉ tiêu", "ĐVT", f"Năm gốc ({report.baseline_year})", *(str(y) for y in years),
               f"Mục tiêu {report.target_year}", "Đánh giá")
    relative = (8, 60, 12, 14, *(13 for _ in years), 15, 18)
    size = styles.cell.fontSize
    widths = scaled(relative, width, first=["TT", *(line.number for line in report.indicators)], font_size=size)
    cell = Cells(widths, size)
    last = len(headers) - 1
    rows = [header_row(headers, cell)]
    style = grid_style(size) + [("ALIGN", (0, 1), (-1, -1), "CENTER"), ("ALIGN", (1, 1), (1, -1), "LEFT")] + head_style()
    notes: list[str] = []
    for line in report.indicators:
        index = len(rows)
        if line.kind == "group":
            rows.append([cell(line.number, 0, bold=True), cell(line.name, 1, bold=True, through=last)]
                        + [""] * (last - 1))
            style += [("SPAN", (1, index), (-1, index)), ("BACKGROUND", (0, index), (-1, index), GROUP_FILL),
                      ("FONTNAME", (0, index), (-1, index), decree30.font("bold")),
                      ("ALIGN", (0, index), (-1, index), "LEFT")]
            continue
        mark = None
        if line.note:
            notes.append(f"Chỉ tiêu {line.number} ({line.name}): {line.note}")
            mark = len(notes)
        indent = INDENT * line.depth
        if line.kind == "heading":
            style.append(("FONTNAME", (1, index), (1, index), decree30.font("bold")))
        if indent:
            style.append(("LEFTPADDING", (1, index), (1, index), PADDING + indent))
        values = [cell(_value_text(v), 4 + n) for n, v in enumerate(line.values)]
        rows.append([cell(line.number, 0), cell(line.name, 1, bold=line.kind == "heading", indent=indent),
                     cell(line.unit, 2), cell(_value_text(line.baseline), 3), *values,
                     cell(line.target, last - 1), cell(with_mark(line.evaluation, mark), last)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return [table] + decree30.notes([*notes, *report.rules], styles)


def task_appendix(report: ReviewReport, styles, width: float) -> list:
    from desktop_app.core.reports.annual import Cells, grid_style, head_style, header_row, scaled

    years = report.years
    if not report.tasks:
        return [Paragraph("Đơn vị không được giao nhiệm vụ trong Kế hoạch.", styles.appendix_note)]
    headers = ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian", *(str(y) for y in years),
               f"Kết quả đến năm {years[-1]}")
    relative = (8, 56, 26, 16, *(16 for _ in years), 40)
    size = styles.cell.fontSize
    widths = scaled(relative, width, first=["TT", *(task.number for task in report.tasks)], font_size=size)
    cell = Cells(widths, size)
    rows = [header_row(headers, cell)]
    for task in report.tasks:
        rows.append([cell(task.number, 0), cell(task.name, 1), cell(task.lead, 2), cell(task.time, 3),
                     *(cell(status, 4 + n) for n, status in enumerate(task.statuses)),
                     cell(task.result, 4 + len(years))])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(grid_style(size) + [("ALIGN", (0, 1), (0, -1), "CENTER"),
                                                  ("ALIGN", (3, 1), (3 + len(years), -1), "CENTER")] + head_style()))
    return [table]


def story(report: ReviewReport, styles, settings: PageSettings, record: dict) -> list:
    width = decree30.frame_width(settings)
    # Seven years of columns need a landscape page; a two-year phase fits portrait.
    wide = len(report.years) > 3
    appendix_width = decree30.frame_width(settings, wide=wide)
    indicators, tasks = summary_paragraphs(report)
    parts = decree30.header(report, styles, width) + decree30.title(report, styles, width)
    parts += decree30.heading(f"I. KẾT QUẢ THỰC HIỆN {report.period.upper()}", styles)
    parts += [Paragraph(decree30.para_text(indicators), styles.body), Paragraph(decree30.para_text(tasks), styles.body)]
    parts += decree30.heading("II. KHÓ KHĂN, VƯỚNG MẮC", styles)
    parts += decree30.paragraphs(report.difficulties_text or "Không.", styles)
    parts += decree30.heading("III. ĐỀ XUẤT, KIẾN NGHỊ", styles)
    proposals = decree30.paragraphs(report.proposals_text or "Không.", styles)
    parts += proposals[:-1]
    parts.append(KeepTogether(proposals[-1:] + [decree30.spacer(10), decree30.closing(report, styles, width, record)]))
    template = "landscape" if wide else "portrait"
    for number, title, builder in ((1, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU " + report.period, indicator_appendix),
                                   (2, "TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ " + report.period, task_appendix)):
        parts += [NextPageTemplate(template), PageBreak()]
        parts += decree30.appendix_heading(report, number, title, styles, appendix_width)
        parts += builder(report, styles, appendix_width)
    return parts


def build_review_pdf(report: ReviewReport, path: Path, settings: PageSettings = PageSettings()) -> PdfResult:
    from desktop_app.core.reports.annual import build_pdf

    return build_pdf(report, path, settings, lambda styles, record: story(report, styles, settings, record))


def write_review_pdf(ws: Workspace, year: int, path: Path, *, today: dt.date | None = None,
                     settings: PageSettings = PageSettings()) -> PdfResult:
    """The review report of ``year`` as a PDF: the function the window and ``tiendo report
    --review YEAR`` call."""
    return build_review_pdf(review_report(ws, year, today=today), Path(path), settings)


__all__ = ["ReviewReport", "ReviewIndicatorLine", "ReviewTaskLine", "review_years", "review_kind", "review_report",
           "build_review_pdf", "write_review_pdf"]
