"""A province brings a new plan as a spreadsheet: export a template, import it back,
and every mistake in the workbook is named by sheet, row and column."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from desktop_app.core.errors import CatalogError
from desktop_app.core.plan_xlsx import (
    SHEET_INDICATORS,
    SHEET_TASKS,
    export_plan_xlsx,
    import_plan_xlsx,
    install_plan,
)
from desktop_app.core.plans import bundled_plan_codes, load_bundled_plan, plan_to_dict


def without_source(plan):
    return plan_to_dict(plan)


def test_exporting_a_plan_and_importing_it_back_gives_the_identical_plan(tmp_path, mini_plan):
    path = export_plan_xlsx(mini_plan, tmp_path / "plan.xlsx")
    assert without_source(import_plan_xlsx(path)) == without_source(mini_plan)


@pytest.mark.parametrize("code", bundled_plan_codes())
def test_every_bundled_plan_round_trips_through_a_workbook(tmp_path, code):
    plan = load_bundled_plan(code)
    path = export_plan_xlsx(plan, tmp_path / f"{code}.xlsx")
    assert without_source(import_plan_xlsx(path)) == without_source(plan)


def test_the_template_has_bold_frozen_headers(tmp_path, mini_plan):
    book = load_workbook(export_plan_xlsx(mini_plan, tmp_path / "plan.xlsx"))
    sheet = book[SHEET_INDICATORS]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert [c.value for c in sheet[1]][:4] == ["Mã chỉ tiêu", "Mã nhóm", "TT", "Chỉ tiêu"]


def test_an_imported_plan_is_installed_beside_the_bundled_ones(tmp_path, mini_plan):
    from dataclasses import replace

    renamed = replace(mini_plan, code="thu-nghiem-2026")
    path = install_plan(import_plan_xlsx(export_plan_xlsx(renamed, tmp_path / "p.xlsx")))
    assert path.exists()
    assert "thu-nghiem-2026" in bundled_plan_codes()
    assert load_bundled_plan("thu-nghiem-2026").indicator("I.1").name == "Tỉ lệ thất nghiệp chung"


def _edit(tmp_path, mini_plan, change):
    path = export_plan_xlsx(mini_plan, tmp_path / "plan.xlsx")
    book = load_workbook(path)
    change(book)
    book.save(path)
    return path


def _column(sheet, header):
    return next(cell.column for cell in sheet[1] if cell.value == header)


def test_a_missing_sheet_is_named(tmp_path, mini_plan):
    path = _edit(tmp_path, mini_plan, lambda book: book.remove(book[SHEET_TASKS]))
    with pytest.raises(CatalogError) as error:
        import_plan_xlsx(path)
    assert "Nhiệm vụ" in error.value.vi


def test_a_missing_column_is_named(tmp_path, mini_plan):
    def change(book):
        sheet = book[SHEET_INDICATORS]
        sheet.delete_cols(_column(sheet, "Đơn vị"))

    with pytest.raises(CatalogError) as error:
        import_plan_xlsx(_edit(tmp_path, mini_plan, change))
    assert "Đơn vị" in error.value.vi


def test_an_unreadable_target_is_named_with_its_row_and_column(tmp_path, mini_plan):
    def change(book):
        sheet = book[SHEET_INDICATORS]
        sheet.cell(3, _column(sheet, "Mục tiêu 2030")).value = "<<< 3 ???"

    with pytest.raises(CatalogError) as error:
        import_plan_xlsx(_edit(tmp_path, mini_plan, change))
    message = error.value.vi
    assert "<<< 3 ???" in message and "Chỉ tiêu, 3" in message and "Mục tiêu 2030" in message


def test_an_empty_name_and_a_duplicate_id_are_both_reported(tmp_path, mini_plan):
    def change(book):
        sheet = book[SHEET_INDICATORS]
        sheet.cell(2, _column(sheet, "Chỉ tiêu")).value = None
        sheet.cell(4, _column(sheet, "Mã chỉ tiêu")).value = "I.2"

    with pytest.raises(CatalogError) as error:
        import_plan_xlsx(_edit(tmp_path, mini_plan, change))
    problems = [p.vi for p in error.value.problems]
    assert any("Chỉ tiêu, 2" in p for p in problems)
    assert any("I.2" in p and "Chỉ tiêu, 4" in p for p in problems)


def test_a_file_that_is_not_a_spreadsheet_is_refused(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_text("Tỉ lệ thất nghiệp; 3", encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        import_plan_xlsx(path)
    assert "plan.xlsx" in error.value.vi
