"""The sample Khánh Hòa report (92 indicators, 20 tasks) as the clerk prints it: a Decree 30
"Báo cáo" on A4, Vietnamese intact, fonts embedded, the header laid out as every other
official report, the fingerprint on every page and in the QR code on page 1."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from sample import sample_report

from desktop_app.core.errors import InputError
from desktop_app.core.reports.annual import INDICATOR_WIDTHS, build_annual_pdf, scaled, signature_place
from desktop_app.core.reports.decree30 import recipient_lines
from desktop_app.core.reports.fingerprint import grouped
from desktop_app.core.reports.model import PageSettings

MM = 72 / 25.4
SETTINGS = PageSettings()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    report = sample_report()
    path = tmp_path_factory.mktemp("sample") / "bao-cao.pdf"
    result = build_annual_pdf(report, path)
    return report, path, result


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_first_page_carries_the_decree_30_furniture_with_diacritics_intact(built):
    _report, path, _result = built
    first = page_texts(path)[0]
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH KHÁNH HÒA",
                     "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI", "Số: 245/BC-SLĐTBXH",
                     "Khánh Hòa, ngày 05 tháng 12 năm 2026", "BÁO CÁO", "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"):
        assert expected in first, expected
    assert "Kết quả thực hiện Kế hoạch số 8839/KH-UBND ngày 09/8/2024 của UBND tỉnh năm 2026" in squeeze(first)


def test_every_indicator_name_is_printed_whole_in_the_name_column(built):
    report, path, _result = built
    widths = scaled(INDICATOR_WIDTHS, 165 * MM, first=["TT", *(line.number for line in report.indicators)])
    left = SETTINGS.left_mm * MM + widths[0]
    column = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            column.append(page.crop((left, 0, left + widths[1], page.height)).extract_text() or "")
    text = squeeze(" ".join(column))
    names = [line.name for line in report.indicators if line.kind != "group"]
    assert len(names) == 92
    missing = [name for name in names if squeeze(name) not in text]
    assert not missing
    assert unicodedata.is_normalized("NFC", text)


def test_pages_are_a4_and_every_character_stays_inside_the_margins(built):
    report, path, result = built
    top, bottom = SETTINGS.top_mm * MM, SETTINGS.bottom_mm * MM
    with pdfplumber.open(str(path)) as pdf:
        assert len(pdf.pages) == result.pages > 5
        for number, page in enumerate(pdf.pages, start=1):
            assert abs(page.width - 595.28) < 0.5 and abs(page.height - 841.89) < 0.5
            chars = page.chars
            assert min(c["x0"] for c in chars) >= SETTINGS.left_mm * MM - 0.5
            assert max(c["x1"] for c in chars) <= page.width - SETTINGS.right_mm * MM + 0.5
            in_top = "".join(c["text"] for c in chars if c["top"] < top)
            in_bottom = "".join(c["text"] for c in chars if c["bottom"] > page.height - bottom)
            # The top margin holds only the page number (Decree 30 puts it there); the
            # bottom margin nothing: the fingerprint line sits inside the text area.
            assert in_top == ("" if number == 1 else str(number))
            assert in_bottom == ""


def test_every_font_is_an_embedded_truetype_subset(built):
    _report, path, _result = built
    seen = set()
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            seen.add(str(font["/BaseFont"]))
    assert len(seen) >= 3   # regular, bold, italic (and bold italic for "Nơi nhận")


def test_the_fingerprint_is_in_the_footer_of_every_page(built):
    report, path, _result = built
    assert re.fullmatch(r"[0-9A-F]{16}", report.fingerprint)
    for text in page_texts(path):
        assert grouped(report.fingerprint) in text


def test_the_qr_code_on_page_one_decodes_to_the_fingerprint(built, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    report, path, _result = built
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True)
    image = Image.open(next(tmp_path.glob("p*.png")))
    codes = [code.text for code in zxingcpp.read_barcodes(image) if code.format == zxingcpp.BarcodeFormat.QRCode]
    assert codes == [report.fingerprint]
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "2", "-l", "2", str(path), str(tmp_path / "q")], check=True)
    assert not zxingcpp.read_barcodes(Image.open(next(tmp_path.glob("q*.png"))))


def _words(page, text):
    return [w for w in page.extract_words(keep_blank_chars=False) if w["text"] == text]


def _line_of(page, first_word: str, last_word: str) -> tuple[float, float, float]:
    """x0, x1 and bottom of the header line that starts with ``first_word``."""
    start = _words(page, first_word)[0]
    end = next(w for w in _words(page, last_word) if abs(w["top"] - start["top"]) < 2)
    return start["x0"], end["x1"], max(start["bottom"], end["bottom"])


def test_the_header_columns_line_up_as_on_every_official_report(built):
    _report, path, _result = built
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[0]
        title = _line_of(page, "CỘNG", "NAM")
        motto = _line_of(page, "Độc", "phúc")
        office = _line_of(page, "SỞ", "BINH")
        # The national title and the motto are centred on each other.
        assert abs((title[0] + title[1]) / 2 - (motto[0] + motto[1]) / 2) < 1
        rules = [line for line in page.lines if abs(line["top"] - line["bottom"]) < 0.1 and line["top"] < 90 * MM]
        motto_rule = min((r for r in rules if r["top"] > motto[2]), key=lambda r: r["top"] - motto[2])
        # The motto's rule is as long as the motto, just under it.
        assert abs(motto_rule["x0"] - motto[0]) < 1.5 and abs(motto_rule["x1"] - motto[1]) < 1.5
        assert 0.5 < motto_rule["top"] - motto[2] < 6
        office_bottom = max(w["bottom"] for w in _words(page, "HỘI") if w["x1"] < 105 * MM)
        office_rule = min((r for r in rules if r["x1"] < 110 * MM and r["top"] > office_bottom),
                          key=lambda r: r["top"])
        # The office's rule is a third to a half of the office line, centred under it.
        share = (office_rule["x1"] - office_rule["x0"]) / (office[1] - office[0])
        assert 1 / 3 <= share <= 1 / 2
        assert abs((office_rule["x0"] + office_rule["x1"]) / 2 - (office[0] + office[1]) / 2) < 1.5
        # "Số:" and the place-and-date line share a baseline.
        number = _words(page, "Số:")[0]
        date = _words(page, "ngày")[0]
        assert abs(number["bottom"] - date["bottom"]) < 1
        assert number["x1"] < date["x0"]
        # The date line is italic, the motto bold.
        chars = {c["text"]: c["fontname"] for c in page.chars if abs(c["bottom"] - date["bottom"]) < 1 and c["x0"] > date["x0"]}
        assert "Italic" in chars["n"]
        assert "Bold" in next(c["fontname"] for c in page.chars if abs(c["bottom"] - motto[2]) < 3 and c["text"] == "Đ")


def test_page_numbers_start_on_page_two_centred_in_the_top_margin(built):
    _report, path, _result = built
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            top = [c for c in page.chars if c["top"] < SETTINGS.top_mm * MM]
            if number == 1:
                assert not top
                continue
            assert "".join(c["text"] for c in top) == str(number)
            middle = (min(c["x0"] for c in top) + max(c["x1"] for c in top)) / 2
            assert abs(middle - page.width / 2) < 1


def test_the_indicator_table_repeats_its_header_on_every_page_it_runs_over(built):
    report, path, _result = built
    texts = page_texts(path)
    first = next(i for i, t in enumerate(texts) if "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in t)
    last_row = report.indicators[-1].name[:20]
    last = next(i for i, t in enumerate(texts) if last_row in t)
    assert last - first >= 2
    for text in texts[first:last + 1]:
        assert all(head in text for head in ("ĐVT", "Chỉ tiêu", "Đánh giá", "2025", "2030")), text[:200]


def test_the_closing_has_the_recipients_beside_the_signature_block_where_the_result_says(built):
    report, path, result = built
    assert result.signature_page == result.pages - 1
    x1, y1, x2, y2 = result.signature_box
    assert SETTINGS.left_mm * MM < x1 < x2 <= 595.28 - SETTINGS.right_mm * MM
    assert SETTINGS.bottom_mm * MM < y1 < y2 < 841.89 - SETTINGS.top_mm * MM
    assert y2 - y1 >= 25 * MM   # room for the signature and the seal
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[result.signature_page]
        text = page.extract_text()
        name = _words(page, "Nguyễn")[-1]
        name_end = _words(page, "Hương")[-1]
        authority = _words(page, "KT.")[-1]
        recipients = _words(page, "Nơi")[-1]
    height = 841.89
    # The name right under the room, centred on it; the authority line above; "Nơi nhận" on the left, level.
    assert 0 <= name["top"] - (height - y1) < 12
    assert abs((x1 + x2) / 2 - (name["x0"] + name_end["x1"]) / 2) < 2
    assert authority["bottom"] < height - y2 + 1
    assert abs(authority["top"] - recipients["top"]) < 3 and recipients["x1"] < x1
    for line in ("Nơi nhận:", "- UBND tỉnh (để báo cáo);", "- Lưu: VT, LĐVL.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                 "Nguyễn Thị Thanh Hương"):
        assert line in text, line
    place = signature_place(path)
    assert place is not None and place.page == result.signature_page
    assert (place.x1, place.y1, place.x2, place.y2) == pytest.approx(result.signature_box, abs=0.1)


def test_recipient_lines_end_with_a_semicolon_and_the_archive_line_with_a_full_stop():
    assert recipient_lines(["UBND tỉnh (để báo cáo);", "- Sở Tài chính", "Lưu: VT, LĐVL."]) == [
        "- UBND tỉnh (để báo cáo);", "- Sở Tài chính;", "- Lưu: VT, LĐVL."]
    assert recipient_lines(["Như trên"]) == ["- Như trên;", "- Lưu: VT."]
    assert recipient_lines([]) == ["- Lưu: VT."]


def test_decomposed_input_still_prints_composed_vietnamese(tmp_path):
    report = sample_report(normalise="NFD")
    assert not unicodedata.is_normalized("NFC", report.signer.name)
    build_annual_pdf(report, tmp_path / "nfd.pdf")
    whole = "\n".join(page_texts(tmp_path / "nfd.pdf"))
    assert unicodedata.is_normalized("NFC", whole)
    for expected in ("Nguyễn Thị Thanh Hương", "Khánh Hòa, ngày 05 tháng 12 năm 2026", "SỞ LAO ĐỘNG - THƯƠNG BINH",
                     "Tỉ lệ thất nghiệp chung", "Nơi nhận:"):
        assert expected in whole, expected


def test_the_indicator_table_may_go_on_landscape_pages(tmp_path):
    path = tmp_path / "landscape.pdf"
    report = sample_report()
    result = build_annual_pdf(report, path, PageSettings(landscape_indicators=True))
    texts = page_texts(path)
    with pdfplumber.open(str(path)) as pdf:
        for page, text in zip(pdf.pages, texts):
            wide = page.width > page.height
            # Landscape pages hold part II's table and nothing else.
            assert wide == ("Đánh giá" in text and "BÁO CÁO" not in text and "Nơi nhận" not in text), page.page_number
            assert max(c["x1"] for c in page.chars) <= page.width - SETTINGS.right_mm * MM + 0.5
        assert pdf.pages[result.signature_page].width < pdf.pages[result.signature_page].height


def test_settings_outside_decree_30_are_refused_in_vietnamese():
    with pytest.raises(InputError) as caught:
        PageSettings(left_mm=20)
    assert caught.value.vi == "Lề trái cần từ 30 đến 35 mm (hiện là 20 mm)."
    with pytest.raises(InputError):
        PageSettings(body_pt=11)
    assert PageSettings(top_mm=25, bottom_mm=25, left_mm=35, right_mm=20, body_pt=14).left_mm == 35
