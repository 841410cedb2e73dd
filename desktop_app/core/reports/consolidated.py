"""The lead office's consolidated report: the same furniture and body as an annual report
with the province's figures, then two appendices: which units reported (on time, late
and by how many days, not at all) and every unit's value behind each figure."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak, Paragraph, Table, TableStyle

from desktop_app.core.reports import decree30
from desktop_app.core.reports.annual import (GROUP_FILL, Cells, body, build_pdf, cell_value, grid_style, head_style,
                                             header_row, scaled)
from desktop_app.core.reports.decree30 import para_text
from desktop_app.core.reports.model import ConsolidatedReport, PageSettings, PdfResult, SubmissionLine
from desktop_app.core.reports.province_appendices import (LETTERS, OUTCOME_GROUPS, SUBMISSION_HEADERS,  # noqa: F401
                                                          SUBMISSION_WIDTHS, WORKBOOK_NOTE, indicator_matrix,
                                                          office_texts, submissions_tables, task_matrix)

BREAKDOWN_COLUMNS = 6   # indicators side by side in appendix 2 (portrait A4 at 10 pt)


def appendix_heading(report: ConsolidatedReport, number: int, text: str, styles, width: float) -> list:
    """"PHỤ LỤC 1", its title, and "(Kèm theo Báo cáo số … ngày …)" as Vietnamese appendices carry."""
    annual = report.annual
    day = annual.report_date
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    note = (f"(Kèm theo Báo cáo số {annual.report_number or '…/BC-…'} ngày {day.day:02d}/{month}/{day.year} "
            f"của {decree30.nfc(annual.issuing_office).replace(chr(10), ' ')})")
    return [Paragraph(f"PHỤ LỤC {number}", styles.appendix_title),
            Paragraph(para_text(text), styles.appendix_title),
            decree30.balanced(note, styles.appendix_note, width)]


def counts_line(submissions: tuple[SubmissionLine, ...]) -> str:
    if not any(s.outcome for s in submissions):
        return f"Tổng số {len(submissions)} đơn vị."
    by = {key: sum(1 for s in submissions if s.outcome == key) for key, _ in OUTCOME_GROUPS}
    late = by["late"] + sum(1 for s in submissions if s.outcome == "amended" and s.days_late)
    return (f"Tổng số {len(submissions)} đơn vị: {by['on_time']} đơn vị gửi đúng hạn, {late} đơn vị gửi chậm, "
            f"{by['missing']} đơn vị chưa gửi báo cáo.")


def submissions_table(submissions: tuple[SubmissionLine, ...], styles, width: float) -> Table:
    widths = scaled(SUBMISSION_WIDTHS, width)
    cell = Cells(widths, styles.cell.fontSize)
    rows = [header_row(SUBMISSION_HEADERS, cell)]
    style = grid_style(styles.cell.fontSize) + [("ALIGN", (0, 1), (0, -1), "CENTER"),
                                                ("ALIGN", (2, 1), (3, -1), "CENTER")] + head_style()
    grouped = any(s.outcome for s in submissions)
    groups = [(key, label, [s for s in submissions if s.outcome == key]) for key, label in OUTCOME_GROUPS]
    known = {key for key, _ in OUTCOME_GROUPS}
    groups.append(("", "Đơn vị khác", [s for s in submissions if s.outcome not in known]))
    if not grouped:
        groups = [("", "", list(submissions))]
    letter = 0
    for _key, label, members in groups:
        if not members:
            continue
        if grouped:
            index = len(rows)
            rows.append([LETTERS[letter], cell(f"{label} ({len(members)} đơn vị)", 1, bold=True, through=4), "", "", ""])
            style += [("SPAN", (1, index), (-1, index)), ("BACKGROUND", (0, index), (-1, index), GROUP_FILL),
                      ("FONTNAME", (0, index), (-1, index), decree30.font("bold")),
                      ("ALIGN", (0, index), (-1, index), "LEFT")]
            letter += 1
        if _key == "late":   # the latest first: the ones to call
            members = sorted(members, key=lambda s: -s.days_late)
        for number, line in enumerate(members, start=1):
            rows.append([cell(str(number), 0), cell(line.office, 1), cell(line.status_words(), 2),
                         cell(line.sent_on, 3), cell(line.signer, 4)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def breakdown_tables(report: ConsolidatedReport, styles, width: float) -> list:
    """Appendix 2: one row per unit, one column per indicator, ``BREAKDOWN_COLUMNS``
    indicators to a table.  Columns are numbered (1), (2), … across the appendix; a key
    above each table names its indicators.  (One list per indicator took four times
    the paper: 150 units × 92 indicators is 13,800 figures.)"""
    labels = report.breakdown_indicators
    story = []
    for start in range(0, len(labels), BREAKDOWN_COLUMNS):
        columns = [i for i in range(start, min(start + BREAKDOWN_COLUMNS, len(labels)))
                   if any(i < len(line.values) and line.values[i] is not None for line in report.breakdown)]
        if not columns:
            continue
        key = Table([[Paragraph(f"({i + 1})", styles.cell_bold), Paragraph(para_text(labels[i]), styles.cell)]
                     for i in columns], colWidths=[12 * mm, width - 12 * mm])
        key.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), decree30.font()), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
        unit_width = width * 0.40
        widths = [9 * mm, unit_width - 9 * mm] + [(width - unit_width) / len(columns)] * len(columns)
        cell = Cells(widths, styles.cell.fontSize)
        rows = [header_row(("TT", "Đơn vị", *(f"({i + 1})" for i in columns)), cell)]
        members = [line for line in report.breakdown
                   if any(i < len(line.values) and line.values[i] is not None for i in columns)]
        for number, line in enumerate(members, start=1):
            rows.append([cell(str(number), 0), cell(line.office, 1)]
                        + [cell(cell_value(line.values[i]) if i < len(line.values) else "", 2 + n)
                           for n, i in enumerate(columns)])
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle(grid_style(styles.cell.fontSize, padding=1.5) + [
            ("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (2, 1), (-1, -1), "RIGHT")] + head_style()))
        story += [CondPageBreak(45 * mm), decree30.spacer(6), key, decree30.spacer(4), table]
    return story


def build_consolidated_pdf(report, path: Path, settings: PageSettings = PageSettings()) -> PdfResult:
    """The province's report (parts I–IV with the province's figures, "Nơi nhận", the
    signature block), then appendix 1 (who reported) and appendix 2 (each unit's values)."""
    from desktop_app.core.reports.province_model import ProvinceReport

    if isinstance(report, ProvinceReport):
        return build_province_pdf(report, path, settings)
    width = decree30.frame_width(settings)

    def story(styles, record):
        parts = body(report.annual, styles, settings, record)
        # The appendices follow the signature, on portrait pages even after a landscape table.
        parts += [NextPageTemplate("portrait"), PageBreak()]
        parts += appendix_heading(report, 1, "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ", styles, width)
        if report.submissions:
            parts.append(Paragraph(para_text(counts_line(report.submissions)), styles.body))
            parts.append(submissions_table(report.submissions, styles, width))
        parts += [PageBreak()] + appendix_heading(report, 2, "SỐ LIỆU CỦA CÁC ĐƠN VỊ", styles, width)
        parts.append(Paragraph("Các cột (1), (2), … là các chỉ tiêu ghi ở đầu mỗi bảng.", styles.appendix_note))
        parts += breakdown_tables(report, styles, width)
        return parts

    return build_pdf(report.annual, path, settings, story)


# -- the province's report as its own document (reports/province_model.py) ---------------------

FIGURE_HEADERS = ("TT", "Chỉ tiêu", "ĐVT", "Mục tiêu 2025", "Mục tiêu 2030", "Toàn tỉnh", "Đánh giá", "Cách tổng hợp")
FIGURE_WIDTHS = (8, 62, 12, 14, 14, 16, 17, 62)
TASK_SUMMARY_HEADERS = ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Số đơn vị theo tình trạng")
TASK_SUMMARY_WIDTHS = (8, 70, 40, 47)


def figure_table(report, styles, width: float) -> Table:
    """Part II: the province's figure for every indicator and how it was made."""
    from desktop_app.core.reports.annual import INDENT, PADDING

    size = styles.cell.fontSize
    lines = report.figures
    widths = scaled(FIGURE_WIDTHS, width, first=["TT", *(line.number for line in lines)], font_size=size)
    cell = Cells(widths, size)
    rows = [header_row((*FIGURE_HEADERS[:5], f"Toàn tỉnh năm {report.year}", *FIGURE_HEADERS[6:]), cell)]
    style = grid_style(size) + [("ALIGN", (0, 1), (-1, -1), "CENTER"), ("ALIGN", (1, 1), (1, -1), "LEFT"),
                                ("ALIGN", (7, 1), (7, -1), "LEFT")] + head_style()
    bold = decree30.font("bold")
    for line in lines:
        index = len(rows)
        if line.kind == "group":
            rows.append([cell(line.number, 0, bold=True), cell(line.name, 1, bold=True, through=7)] + [""] * 6)
            style += [("SPAN", (1, index), (-1, index)), ("BACKGROUND", (0, index), (-1, index), GROUP_FILL),
                      ("FONTNAME", (0, index), (-1, index), bold), ("ALIGN", (0, index), (-1, index), "LEFT")]
            continue
        indent = INDENT * line.depth
        heading = line.kind == "heading"
        if heading:
            style.append(("FONTNAME", (1, index), (1, index), bold))
        if indent:
            style.append(("LEFTPADDING", (1, index), (1, index), PADDING + indent))
        rows.append([cell(line.number, 0), cell(line.name, 1, bold=heading, indent=indent), cell(line.unit, 2),
                     cell(line.target_2025, 3), cell(line.target_2030, 4), cell(cell_value(line.value), 5),
                     cell(line.evaluation, 6), cell("" if heading else line.basis, 7)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def task_summary_table(report, styles, width: float) -> Table:
    widths = scaled(TASK_SUMMARY_WIDTHS, width)
    cell = Cells(widths, styles.cell.fontSize)
    rows = [header_row(TASK_SUMMARY_HEADERS, cell)]
    for task in report.tasks:
        rows.append([cell(task.number, 0), cell(task.name, 1), cell(task.lead, 2), cell(task.tally.replace("; ", "\n"), 3)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(grid_style(styles.cell.fontSize) + [("ALIGN", (0, 1), (0, -1), "CENTER")] + head_style()))
    return table


def build_province_pdf(report, path: Path, settings: PageSettings = PageSettings()) -> PdfResult:
    """The consolidated report (``ProvinceReport``): I. who reported and the tasks, II. the
    province's figures (landscape) with notes, III. difficulties and IV. proposals
    gathered from the offices, "Nơi nhận" and the signature; then Phụ lục I (who
    reported), II (each office's task progress) and III (each office's figures)."""
    from reportlab.platypus import KeepTogether

    furniture = report.furniture
    width = decree30.frame_width(settings)
    wide = decree30.frame_width(settings, wide=True)
    refer = decree30.appendix_reference
    task_appendix = 2 if any(task.offices for task in report.tasks) else None
    figure_appendix = (task_appendix or 1) + 1 if report.breakdowns else None

    def story(styles, record):
        parts = decree30.header(furniture, styles, width) + decree30.title(furniture, styles, width)
        parts += decree30.heading("I. TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ", styles)
        parts.append(Paragraph(para_text(f"{report.overview} {refer(1)}"), styles.body))
        parts += decree30.paragraphs(report.lead_results, styles)
        parts += office_texts(report.results, styles)
        if report.tasks:
            after = f" {refer(task_appendix)}" if task_appendix else ""
            parts.append(Paragraph(para_text(f"Tình hình thực hiện các nhiệm vụ{after}:"), styles.body))
            parts += [task_summary_table(report, styles, width), decree30.spacer(8)]
        parts += [NextPageTemplate("landscape"), PageBreak()]
        parts += decree30.heading("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU TOÀN TỈNH", styles, room=60 * mm)
        if figure_appendix:
            parts.append(Paragraph(para_text(f"Số liệu của từng đơn vị {refer(figure_appendix)}."), styles.body))
        parts.append(figure_table(report, styles, wide))
        notes_heading = Paragraph("Ghi chú:", styles.heading)
        notes_heading.keepWithNext = True
        parts.append(notes_heading)
        parts += [Paragraph(para_text(f"- {note}"), styles.body) for note in (*report.notes, WORKBOOK_NOTE)]
        parts += [NextPageTemplate("portrait"), PageBreak()]
        parts += decree30.heading("III. KHÓ KHĂN, VƯỚNG MẮC", styles)
        lead_text = decree30.paragraphs(report.lead_difficulties, styles)
        parts += lead_text + office_texts(report.difficulties, styles,
                                          none="" if lead_text else "Các đơn vị không nêu khó khăn, vướng mắc.")
        parts += decree30.heading("IV. ĐỀ XUẤT, KIẾN NGHỊ", styles)
        lead_text = decree30.paragraphs(report.lead_proposals, styles)
        proposals = lead_text + office_texts(report.proposals, styles,
                                             none="" if lead_text else "Các đơn vị không có đề xuất, kiến nghị.")
        parts += proposals[:-1]
        parts.append(KeepTogether(proposals[-1:] + [decree30.spacer(10),
                                                    decree30.closing(furniture, styles, width, record)]))
        parts += [PageBreak()] + decree30.appendix_heading(furniture, 1, "Tình hình gửi báo cáo của các đơn vị",
                                                           styles, width)
        parts.append(Paragraph(para_text(report.overview), styles.body))
        parts += submissions_tables(report.submissions, styles, width)
        if task_appendix:
            parts += [PageBreak()] + decree30.appendix_heading(
                furniture, task_appendix, "Tình hình thực hiện nhiệm vụ của các đơn vị", styles, width)
            parts += task_matrix(report, styles, width)
        if figure_appendix:
            parts += [NextPageTemplate("landscape"), PageBreak()] + decree30.appendix_heading(
                furniture, figure_appendix, "Số liệu chỉ tiêu của các đơn vị", styles, wide)
            parts.append(Paragraph(para_text(
                "Các cột (1), (2), … là các chỉ tiêu ghi ở đầu mỗi bảng; dấu * đánh dấu giá trị khác thường so với "
                "các đơn vị khác; cột “Gửi”: đúng hạn, chậm hay chưa ký; dòng cuối: số liệu toàn tỉnh. "
                + WORKBOOK_NOTE), styles.note))
            parts += indicator_matrix(report, styles, wide)
        return parts

    return build_pdf(furniture, path, settings, story)
