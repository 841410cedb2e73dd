"""The report's tables as Excel (openpyxl), for clerks who paste them into other
documents: bold headers, the header row frozen, numbers as number cells (shown with the
decimals they carry, in the separators of the clerk's Windows: 1.234,5 on a Vietnamese
one), text as text.

    write_annual_xlsx(report, "bao-cao-2026.xlsx")

The consolidated report's workbook is ``consolidated_xlsx.write_consolidated_xlsx``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from desktop_app.core.cells import put_id, put_text, save_workbook
from desktop_app.core.reports.annual import INDICATOR_HEADERS, TASK_HEADERS
from desktop_app.core.reports.fingerprint import grouped
from desktop_app.core.reports.model import AnnualReport
from desktop_app.core.text import format_date

GROUP_FILL = PatternFill("solid", fgColor="EDEDED")
HEAD_FILL = PatternFill("solid", fgColor="E0E0E0")
BOLD = Font(bold=True)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def number_format(value: Decimal) -> str:
    """``#,##0`` or ``#,##0.0…`` with as many decimals as the figure was recorded with;
    Excel shows the grouping and decimal signs of the reader's locale."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" + ("." + "0" * places if places else "")


def put(sheet, row: int, column: int, value) -> None:
    """One cell: a Decimal as a number, anything else as text (never a formula)."""
    cell = sheet.cell(row, column)
    if value is None or value == "":
        return
    if isinstance(value, Decimal):
        if not value.is_finite():
            put_text(cell, value)
            return
        cell.value = value
        cell.number_format = number_format(value)
        cell.alignment = Alignment(vertical="top", horizontal="right")
        return
    if isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
        return
    put_text(cell, value)  # "=…" or "+…" stays text
    cell.alignment = WRAP_TOP


def new_sheet(book, title: str, headers, widths, *, freeze: str = "A2"):
    sheet = book.create_sheet(title)
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(1, column)
        put_text(cell, text)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.freeze_panes = freeze
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    return sheet


def indicator_sheet(book, report: AnnualReport, title: str = "Chỉ tiêu"):
    sheet = new_sheet(book, title, INDICATOR_HEADERS, (7, 70, 10, 14, 14, 13, 13, 18))
    row = 2
    for line in report.indicators:
        if line.kind == "group":
            _number(sheet, row, line.number)
            put(sheet, row, 2, line.name)
            for column in range(1, len(INDICATOR_HEADERS) + 1):
                sheet.cell(row, column).font = BOLD
                sheet.cell(row, column).fill = GROUP_FILL
        else:
            for column, value in enumerate((line.number, line.name, line.unit, line.target_2025, line.target_2030,
                                            line.last_year, line.this_year, line.evaluation), start=1):
                put(sheet, row, column, value)
            _number(sheet, row, line.number)
            name = sheet.cell(row, 2)
            name.alignment = Alignment(wrap_text=True, vertical="top", indent=2 * line.depth)
            if line.kind == "heading":
                name.font = BOLD
        row += 1
    return sheet


def task_sheet(book, report: AnnualReport):
    sheet = new_sheet(book, "Nhiệm vụ", TASK_HEADERS, (8, 70, 30, 16, 50))
    for row, task in enumerate(report.tasks, start=2):
        result = "; ".join(part for part in (task.result, task.evidence) if part)
        for column, value in enumerate((task.number, task.name, task.lead, task.status, result), start=1):
            put(sheet, row, column, value)
        _number(sheet, row, task.number)
    return sheet


def _number(sheet, row: int, number) -> None:
    """The plan's numbering ("4.10", "II") in column A: text, never the figure 4.1."""
    if number not in (None, ""):
        put_id(sheet.cell(row, 1), number)
        sheet.cell(row, 1).alignment = WRAP_TOP


def info_sheet(book, report: AnnualReport) -> None:
    """Which report the tables belong to, with the data fingerprint printed on its pages."""
    sheet = new_sheet(book, "Thông tin", ("Mục", "Nội dung"), (28, 90))
    rows = (("Cơ quan chủ quản", report.parent_office), ("Cơ quan báo cáo", report.issuing_office),
            ("Số báo cáo", report.report_number), ("Ngày báo cáo", format_date(report.report_date)),
            ("Năm báo cáo", report.year), ("Trích yếu", report.summary_line()),
            ("Mã kiểm tra dữ liệu", grouped(report.fingerprint) if report.fingerprint else ""))
    for row, (label, value) in enumerate(rows, start=2):
        put(sheet, row, 1, label)
        sheet.cell(row, 1).font = BOLD
        put(sheet, row, 2, value)


def _save(book, path) -> Path:
    return save_workbook(book, path)


def write_annual_xlsx(report: AnnualReport, path: Path) -> Path:
    """Sheets "Chỉ tiêu" (part II), "Nhiệm vụ" (part I) and "Thông tin"."""
    book = Workbook()
    book.remove(book.active)
    indicator_sheet(book, report)
    task_sheet(book, report)
    info_sheet(book, report)
    return _save(book, path)
