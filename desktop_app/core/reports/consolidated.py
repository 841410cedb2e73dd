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

SUBMISSION_HEADERS = ("TT", "Đơn vị", "Tình trạng", "Ngày gửi", "Người ký")
SUBMISSION_WIDTHS = (8, 62, 26, 19, 30)
BREAKDOWN_COLUMNS = 6   # indicators side by side in appendix 2 (portrait A4 at 10 pt)
# The order and headings of appendix 1's groups; outcomes the adapter did not give go last.
OUTCOME_GROUPS = (
    ("on_time", "Đơn vị gửi báo cáo đúng hạn"),
    ("late", "Đơn vị gửi báo cáo chậm"),
    ("amended", "Đơn vị gửi báo cáo bổ sung, điều chỉnh"),
    ("missing", "Đơn vị chưa gửi báo cáo"),
)
LETTERS = "ABCDEFGH"


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


def build_consolidated_pdf(report: ConsolidatedReport, path: Path, settings: PageSettings = PageSettings()) -> PdfResult:
    """The province's report (parts I–IV with the province's figures, "Nơi nhận", the
    signature block), then appendix 1 (who reported) and appendix 2 (each unit's values)."""
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
