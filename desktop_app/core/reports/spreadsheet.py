"""The report's tables as Excel (openpyxl), for clerks who paste them into other
documents: bold headers, the header row frozen, numbers as numbers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from desktop_app.core.reports.annual import INDICATOR_HEADERS, TASK_HEADERS
from desktop_app.core.reports.model import AnnualReport

GROUP_FILL = PatternFill("solid", fgColor="E8EEF7")


def _number(value):
    # openpyxl stores a Decimal as a number cell; text stays text.
    return value if isinstance(value, Decimal) or value is None else str(value)


def _sheet(book, title: str, headers, widths) -> object:
    sheet = book.create_sheet(title)
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    return sheet


def write_annual_xlsx(report: AnnualReport, path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    sheet = _sheet(book, "Chỉ tiêu", INDICATOR_HEADERS, (6, 70, 10, 14, 14, 12, 12, 16))
    for line in report.indicators:
        if line.kind == "group":
            sheet.append([line.number, line.name])
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
                cell.fill = GROUP_FILL
            continue
        sheet.append([line.number, ("    " * line.depth) + line.name, line.unit, line.target_2025, line.target_2030,
                      _number(line.last_year), _number(line.this_year), line.evaluation])
        for column in (6, 7):
            cell = sheet.cell(sheet.max_row, column)
            if isinstance(cell.value, (int, float, Decimal)):
                cell.number_format = "#,##0.##"
    tasks = _sheet(book, "Nhiệm vụ", TASK_HEADERS, (8, 70, 30, 16, 50))
    for task in report.tasks:
        tasks.append([task.number, task.name, task.lead, task.status, "; ".join(p for p in (task.result, task.evidence) if p)])
    for sheet_ in (sheet, tasks):
        for row in sheet_.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    path = Path(path)
    book.save(path)
    return path
