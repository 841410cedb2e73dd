"""The lead office's consolidated report: the same furniture and body as an annual report
with the province's figures, then two appendices: which units reported (on time, late,
not at all) and every unit's value behind each figure."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import PageBreak, Paragraph, Table, TableStyle

from desktop_app.core.reports import decree30
from desktop_app.core.reports.annual import build_annual_pdf, cell_value
from desktop_app.core.reports.decree30 import para_text
from desktop_app.core.reports.model import ConsolidatedReport, PageSettings, PdfResult


def _table(rows: list[list], widths: list[float], styles, *, wrap_columns: tuple[int, ...] = ()) -> Table:
    # Plain strings draw an order of magnitude faster than Paragraphs; only columns that
    # may need wrapping get them (150 units × 92 indicators is 13,800 rows).
    def cell(value, row_index, column):
        if row_index == 0:
            return Paragraph(para_text(str(value)), styles.cell_head)
        if column in wrap_columns and value:
            return Paragraph(para_text(str(value)), styles.cell)
        return decree30.nfc(str(value))

    cells = [[cell(v, i, c) for c, v in enumerate(row)] for i, row in enumerate(rows)]
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.Color(0.25, 0.25, 0.25)),
        ("FONTNAME", (0, 0), (-1, -1), decree30.font()),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.85, 0.85)),
        ("FONTSIZE", (0, 1), (-1, -1), settings_table_pt(styles)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def settings_table_pt(styles) -> float:
    return styles.cell.fontSize


def build_consolidated_pdf(report: ConsolidatedReport, path: Path, settings: PageSettings = PageSettings()) -> PdfResult:
    def appendices(styles, width):
        story = [PageBreak(), Paragraph("PHỤ LỤC 1. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ", styles.title)]
        rows = [["TT", "Đơn vị", "Tình trạng", "Ngày gửi", "Người ký"]]
        rows += [[i, s.office, s.status, s.sent_on, s.signer] for i, s in enumerate(report.submissions, start=1)]
        story.append(_table(rows, [w * width for w in (0.07, 0.38, 0.25, 0.13, 0.17)], styles, wrap_columns=(1, 2)))
        story += [PageBreak(), Paragraph("PHỤ LỤC 2. SỐ LIỆU CỦA CÁC ĐƠN VỊ", styles.title)]
        # One small table per indicator: reportlab splits a 13,800-row table across pages slowly.
        for indicator, offices in _by_indicator(report):
            story.append(Paragraph(para_text(indicator), styles.cell_bold))
            rows = [["Đơn vị", "Giá trị"]] + [[office, cell_value(value)] for office, value in offices]
            story.append(_table(rows, [w * width for w in (0.7, 0.3)], styles))
        return story

    return build_annual_pdf(report.annual, path, settings, extra=appendices)


def _by_indicator(report: ConsolidatedReport):
    """(indicator label, [(office, value)]) in indicator order, from the office × value lines."""
    for index, label in enumerate(report.breakdown_indicators):
        values = [(line.office, line.values[index]) for line in report.breakdown
                  if index < len(line.values) and line.values[index] is not None]
        if values:
            yield label, values

