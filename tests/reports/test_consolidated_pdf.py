"""The lead office's consolidated report (``ProvinceReport``, the sample of 40 units): a
Decree 30 report with the province's figures, then who reported on time, late (by how
many days) or not at all, and every unit's figures in an appendix."""

from __future__ import annotations

import re
import unicodedata

import pdfplumber
import pytest
from pypdf import PdfReader
from sample import sample_consolidated

from desktop_app.core.reports.consolidated import build_consolidated_pdf
from desktop_app.core.reports.model import PageSettings, SubmissionLine
from desktop_app.core.text import format_number

MM = 72 / 25.4
NUMBER = re.compile(r"^\d[\d.]*(,\d+)?\*?$")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    report = sample_consolidated(40)
    path = tmp_path_factory.mktemp("consolidated") / "tong-hop.pdf"
    result = build_consolidated_pdf(report, path)
    with pdfplumber.open(str(path)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    return report, path, result, pages


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def heading_page(pages: list[str], label: str) -> int:
    return next(i for i, t in enumerate(pages) if re.search(rf"^{label}$", t, re.M))


def test_the_body_is_a_decree_30_report_with_the_province_figures(built):
    report, _path, result, pages = built
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0] and "Tổng hợp kết quả thực hiện" in pages[0]
    signature_text = pages[result.signature_page]
    assert "Nơi nhận:" in signature_text and "Nguyễn Thị Thanh Hương" in signature_text
    # The appendices come right after the signed body.
    appendix = heading_page(pages, "Phụ lục I")
    assert appendix == result.signature_page + 1
    assert "(Kèm theo Báo cáo số 245/BC-SLĐTBXH ngày 05/12/2026" in squeeze(pages[appendix])
    body = squeeze("\n".join(pages[:appendix]))
    province = next(line for line in report.figures if line.name == "Tỉ lệ thất nghiệp chung")
    row = " ".join([province.number, province.name, province.unit, province.target_2025, province.target_2030,
                    format_number(province.value), province.evaluation, province.basis])
    assert row in body
    # The offices' words are quoted under their names in parts III and IV.
    assert f"{report.difficulties[0].office}: {report.difficulties[0].text}" in body


def test_appendix_one_groups_units_on_time_late_by_days_and_missing(built):
    report, _path, _result, pages = built
    text = squeeze("\n".join(pages[heading_page(pages, "Phụ lục I"):heading_page(pages, "Phụ lục II")]))
    on_time = [s for s in report.submissions if s.outcome == "on_time"]
    late = sorted((s for s in report.submissions if s.outcome == "late"), key=lambda s: -s.days_late)
    missing = [s for s in report.submissions if s.outcome == "missing"]
    assert on_time and late and missing
    assert squeeze(report.overview) in text
    heads = [text.index(f"Đơn vị gửi báo cáo đúng hạn ({len(on_time)} đơn vị)"),
             text.index(f"Đơn vị gửi báo cáo chậm ({len(late)} đơn vị)"),
             text.index(f"Đơn vị chưa gửi báo cáo ({len(missing)} đơn vị)")]
    assert heads == sorted(heads)
    for line in on_time:
        assert heads[0] < text.index(f"{line.office} Đúng hạn {line.sent_on}") < heads[1]
    # The latest first, each with its days.
    positions = [text.index(f"{s.office} Chậm {s.days_late} ngày {s.sent_on}") for s in late]
    assert positions == sorted(positions) and heads[1] < positions[0] and positions[-1] < heads[2]
    for line in missing:
        assert heads[2] < text.index(f"{line.office} Chưa gửi")


def test_appendix_three_gives_every_unit_all_its_figures(built):
    report, _path, _result, pages = built
    appendix = pages[heading_page(pages, "Phụ lục III"):]
    text = squeeze("\n".join(appendix))
    assert "(2) II.2. Tỉ lệ thất nghiệp chung (%)" in text
    lines = [line for page in appendix for line in page.splitlines()]
    reported = {cell.office for cell in report.breakdowns[0].cells}
    for office in report.offices:
        # The unit's rows, block after block: its numbers in the order of the indicators.
        printed = [word for line in lines if (found := re.match(rf"^\d+ {re.escape(office)}(?: (.*))?$", line))
                   for word in (found.group(1) or "").split() if NUMBER.match(word)]
        expected = [format_number(cell.value) + ("*" if cell.outlier else "")
                    for breakdown in report.breakdowns for cell in breakdown.cells if cell.office == office]
        assert printed == expected, office
        assert bool(expected) == (office in reported), office
    assert unicodedata.is_normalized("NFC", text)


def test_every_page_keeps_inside_the_margins_with_fonts_embedded(built):
    _report, path, result, _pages = built
    settings = PageSettings()
    with pdfplumber.open(str(path)) as pdf:
        assert len(pdf.pages) == result.pages
        for page in pdf.pages:
            assert min(c["x0"] for c in page.chars) >= settings.left_mm * MM - 0.5
            assert max(c["x1"] for c in page.chars) <= page.width - settings.right_mm * MM + 0.5
            body = [c for c in page.chars if settings.top_mm * MM <= c["top"]]
            assert max(c["bottom"] for c in body if c["size"] > 8) <= page.height - settings.bottom_mm * MM + 0.5
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor


def test_submission_words_come_from_the_outcome_when_the_adapter_gives_none():
    assert SubmissionLine("A", outcome="on_time").status_words() == "Đúng hạn"
    assert SubmissionLine("A", outcome="late", days_late=3).status_words() == "Chậm 3 ngày"
    assert SubmissionLine("A", outcome="missing").status_words() == "Chưa gửi"
    assert SubmissionLine("A", status="chưa nộp", outcome="missing").status_words() == "chưa nộp"
