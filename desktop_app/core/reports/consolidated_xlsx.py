"""The consolidated report (``ProvinceReport``) as a workbook: the same figures as the
PDF, for the clerk who pastes them into the People's Committee's own documents.

Sheets: "Chỉ tiêu toàn tỉnh" (the province's figures and how each was made),
"Nhiệm vụ" (every office's status and result per task), "Khó khăn, kiến nghị",
"Gửi báo cáo", "Số liệu đơn vị" (one row per office and indicator: filter or pivot it),
"Gói dữ liệu" (the packages the figures come from) and "Thông tin" (with the fingerprint).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

from desktop_app.core.reports.consolidated import FIGURE_HEADERS
from desktop_app.core.reports.fingerprint import grouped
from desktop_app.core.reports.province_appendices import SUBMISSION_HEADERS
from desktop_app.core.reports.province_model import ProvinceReport
from desktop_app.core.reports.spreadsheet import BOLD, GROUP_FILL, new_sheet, put
from desktop_app.core.text import format_date


def _figures(book, report: ProvinceReport) -> None:
    headers = (*FIGURE_HEADERS[:5], f"Toàn tỉnh năm {report.year}", *FIGURE_HEADERS[6:], "Số đơn vị có số liệu")
    sheet = new_sheet(book, "Chỉ tiêu toàn tỉnh", headers, (7, 60, 10, 13, 13, 14, 16, 60, 12))
    for row, line in enumerate(report.figures, start=2):
        if line.kind == "group":
            put(sheet, row, 1, line.number)
            put(sheet, row, 2, line.name)
            for column in range(1, len(headers) + 1):
                sheet.cell(row, column).font = BOLD
                sheet.cell(row, column).fill = GROUP_FILL
            continue
        for column, value in enumerate((line.number, line.name, line.unit, line.target_2025, line.target_2030,
                                        line.value, line.evaluation, line.basis if line.kind == "indicator" else "",
                                        line.offices if line.kind == "indicator" else None), start=1):
            put(sheet, row, column, value)
        sheet.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top", indent=2 * line.depth)
        if line.kind == "heading":
            sheet.cell(row, 2).font = BOLD


def write_consolidated_xlsx(report: ProvinceReport, path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    _figures(book, report)
    tasks = new_sheet(book, "Nhiệm vụ", ("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Đơn vị", "Tình trạng", "Kết quả, văn bản"),
                      (7, 50, 25, 40, 18, 60))
    row = 2
    for task in report.tasks:
        for office in task.offices or ():
            for column, value in enumerate((task.number, task.name, task.lead, office.office, office.status,
                                            office.result), start=1):
                put(tasks, row, column, value)
            row += 1
    texts = new_sheet(book, "Khó khăn, kiến nghị", ("Phần", "Đơn vị", "Nội dung"), (22, 40, 100))
    row = 2
    for part, items in (("Kết quả", report.results), ("Khó khăn, vướng mắc", report.difficulties),
                        ("Đề xuất, kiến nghị", report.proposals)):
        for item in items:
            for column, value in enumerate((part, item.office, item.text), start=1):
                put(texts, row, column, value)
            row += 1
    sent = new_sheet(book, "Gửi báo cáo", (*SUBMISSION_HEADERS, "Số ngày chậm", "Mã kiểm tra của đơn vị"),
                     (7, 50, 30, 13, 28, 12, 22))
    for row, line in enumerate(report.submissions, start=2):
        for column, value in enumerate((row - 1, line.office, line.status_words(), line.sent_on, line.signer,
                                        line.days_late if line.days_late else None, line.fingerprint), start=1):
            put(sent, row, column, value)
    units = new_sheet(book, "Số liệu đơn vị", ("Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị", "Giá trị", "Gửi", "Khác thường",
                                                "Toàn tỉnh"), (10, 50, 40, 14, 14, 12, 14), freeze="D2")
    row = 2
    for breakdown in report.breakdowns:
        for cell in breakdown.cells:
            for column, value in enumerate((breakdown.indicator_id, breakdown.label, cell.office, cell.value,
                                            cell.timeliness, "x" if cell.outlier else "", breakdown.figure), start=1):
                put(units, row, column, value)
            row += 1
    packages = new_sheet(book, "Gói dữ liệu", ("Đơn vị", "Lần gửi", "Mã kiểm tra báo cáo của đơn vị", "Mã nội dung gói"),
                         (45, 10, 24, 70))
    for row, package in enumerate(report.packages, start=2):
        for column, value in enumerate((package.office, package.revision, package.report_fingerprint,
                                        package.content_hash), start=1):
            put(packages, row, column, value)
    info = new_sheet(book, "Thông tin", ("Mục", "Nội dung"), (28, 100))
    furniture = report.furniture
    lines = (("Cơ quan báo cáo", furniture.issuing_office), ("Số báo cáo", furniture.report_number),
             ("Ngày báo cáo", format_date(furniture.report_date)), ("Năm báo cáo", report.year),
             ("Kế hoạch", report.plan_code), ("Trích yếu", furniture.summary_line()),
             ("Tình hình gửi báo cáo", report.overview), *(("Ghi chú", note) for note in report.notes),
             ("Mã kiểm tra dữ liệu", grouped(report.fingerprint)))
    for row, (label, value) in enumerate(lines, start=2):
        put(info, row, 1, label)
        info.cell(row, 1).font = BOLD
        put(info, row, 2, value)
    path = Path(path)
    book.save(path)
    return path
