"""The same tables in Excel: bold frozen headers, figures as numbers a clerk can sum,
shown with the decimals they were recorded with; text stays text."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from openpyxl import load_workbook
from sample import sample_consolidated, sample_report

from desktop_app.core.reports.consolidated_xlsx import write_consolidated_xlsx
from desktop_app.core.reports.model import IndicatorLine
from desktop_app.core.reports.spreadsheet import write_annual_xlsx


def test_the_indicator_sheet_has_a_bold_frozen_header_and_numbers_as_numbers(tmp_path):
    report = sample_report()
    odd = IndicatorLine("indicator", "99", "=SUM(A1:A9) không phải công thức", "%", "≥ 97", "-",
                        Decimal("1234.50"), "Không có số liệu", "chưa đánh giá được")
    report = dataclasses.replace(report, indicators=report.indicators + (odd,))
    book = load_workbook(write_annual_xlsx(report, tmp_path / "bao-cao.xlsx"))
    sheet = book["Chỉ tiêu"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]][:3] == ["TT", "Chỉ tiêu", "ĐVT"]
    assert all(cell.font.bold for cell in sheet[1])
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(report.indicators)
    for line, row in zip(report.indicators, rows):
        if line.kind == "group":
            assert row[1].value == line.name and row[1].font.bold
            continue
        for value, cell in ((line.last_year, row[5]), (line.this_year, row[6])):
            if isinstance(value, Decimal):
                assert cell.data_type == "n" and Decimal(str(cell.value)) == value
                places = max(0, -value.as_tuple().exponent)
                assert cell.number_format == "#,##0" + ("." + "0" * places if places else "")
            elif value is None:
                assert cell.value is None
            else:
                assert cell.value == value and cell.data_type == "s"
    last = rows[-1]
    assert last[1].value.startswith("=SUM") and last[1].data_type == "s"
    assert last[5].number_format == "#,##0.00" and last[6].value == "Không có số liệu"
    assert book["Nhiệm vụ"].max_row == len(report.tasks) + 1 and book["Nhiệm vụ"]["A1"].font.bold
    info = {row[0].value: row[1].value for row in book["Thông tin"].iter_rows(min_row=2)}
    assert info["Số báo cáo"] == "245/BC-SLĐTBXH"
    assert info["Mã kiểm tra dữ liệu"].replace(" ", "") == report.fingerprint


def test_the_consolidated_workbook_has_who_reported_and_every_unit_value_as_a_number(tmp_path):
    report = sample_consolidated(30)
    book = load_workbook(write_consolidated_xlsx(report, tmp_path / "tong-hop.xlsx"))
    assert book.sheetnames == ["Chỉ tiêu toàn tỉnh", "Nhiệm vụ", "Khó khăn, kiến nghị", "Gửi báo cáo",
                               "Số liệu đơn vị", "Gói dữ liệu", "Thông tin"]
    figures = {row[1].value: row for row in book["Chỉ tiêu toàn tỉnh"].iter_rows(min_row=2)}
    unemployment = next(line for line in report.figures if line.name == "Tỉ lệ thất nghiệp chung")
    assert Decimal(str(figures[unemployment.name][5].value)) == unemployment.value
    sent = book["Gửi báo cáo"]
    assert sent.freeze_panes == "A2" and sent["F1"].value == "Số ngày chậm" and sent["F1"].font.bold
    by_office = {row[1].value: row for row in sent.iter_rows(min_row=2)}
    assert len(by_office) == len(report.submissions) == 30
    for line in report.submissions:
        row = by_office[line.office]
        assert row[2].value == line.status_words()
        assert row[5].value == (line.days_late if line.outcome == "late" else None)
    units = book["Số liệu đơn vị"]
    assert units.freeze_panes == "D2" and all(cell.font.bold for cell in units[1])
    found = {(row[0].value, row[2].value): row for row in units.iter_rows(min_row=2)}
    expected = [(b, cell) for b in report.breakdowns for cell in b.cells]
    assert len(found) == len(expected) == units.max_row - 1
    for breakdown, cell in expected:
        row = found[(breakdown.indicator_id, cell.office)]
        assert row[3].data_type == "n" and Decimal(str(row[3].value)) == cell.value
        assert row[4].value == cell.timeliness and Decimal(str(row[6].value)) == breakdown.figure
    info = {row[0].value: row[1].value for row in book["Thông tin"].iter_rows(min_row=2)}
    assert info["Mã kiểm tra dữ liệu"].replace(" ", "") == report.fingerprint
