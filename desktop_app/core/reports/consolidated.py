"""The lead office's consolidated report (``ProvinceReport``, built by ``exchange/report.py``)
as a Decree 30 PDF: parts I–IV with the province's figures and the offices' words, the
signature, then the appendices (``province_appendices``): who reported, each office's task
progress, each office's figures."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph, Table, TableStyle

from desktop_app.core.reports import decree30
from desktop_app.core.reports.annual import (Cells, build_pdf, cell_value, grid_style, head_style, header_row,
                                             place_indicator_line, scaled)
from desktop_app.core.reports.decree30 import para_text
from desktop_app.core.reports.model import PageSettings, PdfResult
from desktop_app.core.reports.province_appendices import (WORKBOOK_NOTE, indicator_matrix, office_texts,
                                                          submissions_tables, task_matrix)
from desktop_app.core.reports.province_model import ProvinceReport

FIGURE_HEADERS = ("TT", "Chỉ tiêu", "ĐVT", "Mục tiêu 2025", "Mục tiêu 2030", "Toàn tỉnh", "Đánh giá", "Cách tổng hợp")
FIGURE_WIDTHS = (8, 62, 12, 14, 14, 16, 17, 62)
TASK_SUMMARY_HEADERS = ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Số đơn vị theo tình trạng")
TASK_SUMMARY_WIDTHS = (8, 70, 40, 47)


def figure_table(report: ProvinceReport, styles, width: float) -> Table:
    """Part II: the province's figure for every indicator and how it was made."""
    size = styles.cell.fontSize
    lines = report.figures
    widths = scaled(FIGURE_WIDTHS, width, first=["TT", *(line.number for line in lines)], font_size=size)
    cell = Cells(widths, size)
    rows = [header_row((*FIGURE_HEADERS[:5], f"Toàn tỉnh năm {report.year}", *FIGURE_HEADERS[6:]), cell)]
    style = grid_style(size) + [("ALIGN", (0, 1), (-1, -1), "CENTER"), ("ALIGN", (1, 1), (1, -1), "LEFT"),
                                ("ALIGN", (7, 1), (7, -1), "LEFT")] + head_style()
    bold = decree30.font("bold")
    for line in lines:
        placed = place_indicator_line(line, rows, style, cell, bold)
        if placed is None:
            continue
        heading, indent = placed
        rows.append([cell(line.number, 0), cell(line.name, 1, bold=heading, indent=indent), cell(line.unit, 2),
                     cell(line.target_2025, 3), cell(line.target_2030, 4), cell(cell_value(line.value), 5),
                     cell(line.evaluation, 6), cell("" if heading else line.basis, 7)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def task_summary_table(report: ProvinceReport, styles, width: float) -> Table:
    widths = scaled(TASK_SUMMARY_WIDTHS, width, first=["TT", *(task.number for task in report.tasks)],
                    font_size=styles.cell.fontSize)
    cell = Cells(widths, styles.cell.fontSize)
    rows = [header_row(TASK_SUMMARY_HEADERS, cell)]
    for task in report.tasks:
        rows.append([cell(task.number, 0), cell(task.name, 1), cell(task.lead, 2), cell(task.tally.replace("; ", "\n"), 3)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(grid_style(styles.cell.fontSize) + [("ALIGN", (0, 1), (0, -1), "CENTER")] + head_style()))
    return table


def build_consolidated_pdf(report: ProvinceReport, path: Path, settings: PageSettings = PageSettings()) -> PdfResult:
    """The consolidated report: I. who reported and the tasks, II. the
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
