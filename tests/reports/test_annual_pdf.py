"""The annual report as the head of the office will sign it: an A4 Báo cáo laid out per
Decree 30, Vietnamese intact, fonts embedded, page numbers from page 2, the data
fingerprint on every page."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop_app.core import entries, signoff
from desktop_app.core.demo import fill_demo_data
from desktop_app.core.plans import load_bundled_plan
from desktop_app.core.reports.build import annual_report, write_year_pdf, write_year_xlsx
from desktop_app.core.reports.model import PageSettings

ARTEFACTS = Path(__file__).parent / "artefacts"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory):
    from conftest import PASSPHRASE
    from desktop_app.core.workspace import Workspace

    folder = tmp_path_factory.mktemp("report")
    ws, _ = Workspace.create(folder / "kh.tiendo", PASSPHRASE, plan=load_bundled_plan("khanhhoa-2024"),
                             office_id="so-ldtbxh", user_name="Cán bộ")
    fill_demo_data(ws)
    entries.set_narrative(ws, 2026, "results", unicodedata.normalize("NFD", "Đã triển khai đồng bộ các chính sách.")
                          + "\n\n" + "Kết quả nổi bật trong năm. " * 30)
    for gap in signoff.readiness(ws, 2026):
        entries.mark_no_data(ws, 2026, gap.indicator_id, "Chưa có số liệu")
    signoff.sign_year(ws, 2026, signer_name="Nguyễn Văn An", signer_title="PHÓ GIÁM ĐỐC",
                      signer_authority="KT. GIÁM ĐỐC", report_number="245/BC-SLĐTBXH")
    path = folder / "bao-cao-2026.pdf"
    result = write_year_pdf(ws, 2026, path, today=dt.date(2026, 12, 5))
    xlsx = write_year_xlsx(ws, 2026, folder / "bao-cao-2026.xlsx")
    state = entries.report_state(ws, 2026)
    ws.close()
    if shutil.which("pdftoppm"):
        ARTEFACTS.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(ARTEFACTS / "khanhhoa-2026")], check=False)
    return path, result, xlsx, state


def text_of(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_the_header_title_and_signature_block_read_as_a_decree_30_report(report_pdf):
    path, result, _xlsx, _state = report_pdf
    pages = text_of(path)
    first = pages[0]
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH KHÁNH HÒA",
                     "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI", "Số: 245/BC-SLĐTBXH", "BÁO CÁO",
                     "Khánh Hòa, ngày", "tháng", "Kế hoạch số 8839/KH-UBND ngày 09/8/2024",
                     "Đã triển khai đồng bộ các chính sách."):
        assert expected in " ".join(first.split()), expected
    whole = "\n".join(pages)
    for expected in ("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "Tỉ lệ thất nghiệp chung", "III. KHÓ KHĂN, VƯỚNG MẮC",
                     "IV. ĐỀ XUẤT, KIẾN NGHỊ", "Nơi nhận:", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"):
        assert expected in whole, expected
    assert unicodedata.is_normalized("NFC", whole)


def test_the_date_line_pads_days_and_early_months():
    from desktop_app.core.text import format_date_long

    assert format_date_long(dt.date(2026, 12, 5), "Khánh Hòa") == "Khánh Hòa, ngày 05 tháng 12 năm 2026"
    assert format_date_long(dt.date(2027, 2, 9)) == "ngày 09 tháng 02 năm 2027"
    assert format_date_long(dt.date(2026, 3, 15)) == "ngày 15 tháng 3 năm 2026"


def test_pages_are_a4_and_text_stays_inside_the_margins(report_pdf):
    path, result, _xlsx, _state = report_pdf
    settings = PageSettings()
    with pdfplumber.open(str(path)) as pdf:
        assert len(pdf.pages) == result.pages >= 3
        for page in pdf.pages:
            assert abs(page.width - 595.28) < 1 and abs(page.height - 841.89) < 1
            body = [c for c in page.chars if 12 * MM < c["top"] < page.height - 14 * MM]
            assert body
            assert min(c["x0"] for c in body) >= settings.left_mm * MM - 1
            assert max(c["x1"] for c in body) <= page.width - settings.right_mm * MM + 1


def test_every_font_is_embedded(report_pdf):
    path, *_ = report_pdf
    for page in PdfReader(str(path)).pages:
        fonts = page["/Resources"]["/Font"]
        for font in fonts.values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]


def test_page_numbers_start_on_page_two_and_the_fingerprint_is_on_every_page(report_pdf):
    path, _result, _xlsx, state = report_pdf
    grouped = " ".join(state.fingerprint[i:i + 4] for i in range(0, 16, 4))
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            top = page.crop((0, 0, page.width, 20 * MM)).extract_text() or ""
            assert (str(number) in top) == (number > 1), (number, top)
            assert grouped in (page.extract_text() or "")


def test_the_signature_block_is_where_the_result_says(report_pdf):
    path, result, _xlsx, _state = report_pdf
    x1, y1, x2, y2 = result.signature_box
    assert 0 < x1 < x2 < 595 and 0 < y1 < y2 < 842
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[result.signature_page]
        name = [w for w in page.extract_words() if w["text"] == "Nguyễn"]
        assert name and abs((page.height - name[-1]["top"]) - y1) < 30  # the name sits just under the room


def test_the_excel_tables_have_bold_frozen_headers_and_numbers_as_numbers(report_pdf):
    _path, _result, xlsx, _state = report_pdf
    book = load_workbook(xlsx)
    sheet = book["Chỉ tiêu"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    values = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True) if row[6] is not None]
    assert any(isinstance(v, (int, float)) for v in values)
    assert book["Nhiệm vụ"].max_row > 10


def test_a_draft_report_carries_the_live_fingerprint(workspace):
    entries.set_value(workspace, 2025, "I.1", "2,8")
    first = annual_report(workspace, 2025).fingerprint
    entries.set_value(workspace, 2025, "I.1", "2,7")
    assert annual_report(workspace, 2025).fingerprint != first


def test_the_notes_say_how_the_verdicts_are_reached(report_pdf):
    text = " ".join(" ".join(text_of(report_pdf[0])).split())
    assert "Trước năm mục tiêu, chỉ tiêu được đánh giá “đúng tiến độ”" in text
    assert "“chậm tiến độ”" in text


def test_the_notes_heading_never_ends_a_page_alone(tmp_path):
    # An Giang's Sở Y tế, nothing entered yet: its 2025 review's table fills page 2 to
    # the foot, where "Ghi chú:" was left with its notes on the next page.
    import pdfplumber

    from conftest import PASSPHRASE
    from desktop_app.core.plans import load_bundled_plan
    from desktop_app.core.reports.review import write_review_pdf
    from desktop_app.core.workspace import Workspace

    ws, _ = Workspace.create(tmp_path / "yte.tiendo", PASSPHRASE, plan=load_bundled_plan("angiang-2025"),
                             office_id="so-yte")
    try:
        write_review_pdf(ws, 2025, tmp_path / "so-ket.pdf")
    finally:
        ws.close()
    with pdfplumber.open(str(tmp_path / "so-ket.pdf")) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    for text in pages:
        if "Ghi chú:" in text:
            assert "(1)" in text.split("Ghi chú:", 1)[1], "the heading was left without its first note"
