"""The lead office's consolidated report: the province's figures under the same Decree 30
furniture, who reported on time, late (by how many days) or not at all, and every
unit's figures in an appendix table."""

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


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    report = sample_consolidated(40)
    path = tmp_path_factory.mktemp("consolidated") / "tong-hop.pdf"
    return report, path, build_consolidated_pdf(report, path)


def texts(path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_body_is_a_decree_30_report_with_the_province_figures(built):
    report, path, result = built
    pages = texts(path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0] and "Tổng hợp kết quả thực hiện" in pages[0]
    signature_text = pages[result.signature_page]
    assert "Nơi nhận:" in signature_text and "Nguyễn Thị Thanh Hương" in signature_text
    # The appendices come after the signed body.
    appendix = next(i for i, t in enumerate(pages) if "PHỤ LỤC 1" in t)
    assert appendix == result.signature_page + 1
    assert "(Kèm theo Báo cáo số 245/BC-SLĐTBXH ngày 05/12/2026" in squeeze(pages[appendix])
    body = "\n".join(pages[:appendix])
    province = next(line for line in report.annual.indicators if line.name == "Tỉ lệ thất nghiệp chung")
    row = " ".join([province.number, province.name, province.unit, province.target_2025, province.target_2030,
                    format_number(province.last_year), format_number(province.this_year), province.evaluation])
    assert row in squeeze(body)


def test_appendix_one_groups_units_on_time_late_by_days_and_missing(built):
    report, path, _result = built
    pages = texts(path)
    start = next(i for i, t in enumerate(pages) if "PHỤ LỤC 1" in t)
    end = next(i for i, t in enumerate(pages) if "PHỤ LỤC 2" in t)
    text = squeeze("\n".join(pages[start:end]))
    on_time = [s for s in report.submissions if s.outcome == "on_time"]
    late = sorted((s for s in report.submissions if s.outcome == "late"), key=lambda s: -s.days_late)
    missing = [s for s in report.submissions if s.outcome == "missing"]
    assert on_time and late and missing
    assert (f"Tổng số 40 đơn vị: {len(on_time)} đơn vị gửi đúng hạn, {len(late)} đơn vị gửi chậm, "
            f"{len(missing)} đơn vị chưa gửi báo cáo.") in text
    heads = [text.index(f"Đơn vị gửi báo cáo đúng hạn ({len(on_time)} đơn vị)"),
             text.index(f"Đơn vị gửi báo cáo chậm ({len(late)} đơn vị)"),
             text.index(f"Đơn vị chưa gửi báo cáo ({len(missing)} đơn vị)")]
    assert heads == sorted(heads)
    # The latest first, each with its days.
    positions = [text.index(f"{s.office} Chậm {s.days_late} ngày {s.sent_on}") for s in late]
    assert positions == sorted(positions) and heads[1] < positions[0] < heads[2]
    for line in missing:
        assert heads[2] < text.index(f"{line.office} Chưa gửi")


def test_appendix_two_gives_every_unit_its_figures(built):
    report, path, _result = built
    pages = texts(path)
    start = next(i for i, t in enumerate(pages) if "PHỤ LỤC 2" in t)
    text = squeeze("\n".join(pages[start:]))
    for line in report.breakdown:
        assert line.office in text
    first = report.breakdown[0]
    figures = " ".join(format_number(v) for v in first.values[:6])
    assert f"1 {first.office} {figures}" in text
    assert "(1) " + report.breakdown_indicators[0][:40] in text
    assert unicodedata.is_normalized("NFC", text)


def test_every_page_keeps_inside_the_margins_with_fonts_embedded(built):
    report, path, result = built
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
