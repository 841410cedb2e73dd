"""The consolidated report's appendices for many offices: who reported, each office's task
progress as a matrix of short codes, each office's figures as a matrix in blocks as wide
as a landscape page; every office's status and every value findable in the text, the
header on every page of a long table, everything inside the margins."""

from __future__ import annotations

import dataclasses
import random
import re
from decimal import Decimal

import pdfplumber
import pytest

from desktop_app.core.reports.consolidated import build_consolidated_pdf
from desktop_app.core.reports.model import PageSettings, SubmissionLine
from desktop_app.core.reports.province_model import (BreakdownCell, IndicatorBreakdown, OfficeTask, ProvinceFigure,
                                                     ProvinceReport, TaskSummary)
from desktop_app.core.text import format_number
from sample import sample_report

MM = 72 / 25.4
SETTINGS = PageSettings()
OFFICES = [f"UBND xã Thử Nghiệm {n:03d}" for n in range(1, 131)]
CODES = {"done": "HT", "in_progress": "ĐTK", "behind": "CTĐ", "not_started": "CTK"}
INDICATORS = 15   # more than a landscape page holds side by side: two blocks


def province(rng: random.Random) -> ProvinceReport:
    tasks = []
    for number in range(1, 4):
        offices = tuple(OfficeTask(office, state.replace("_", " "), f"Kết quả {number} của {office}", state)
                        for office in OFFICES if rng.random() < 0.7
                        for state in [rng.choice(tuple(CODES))])
        tasks.append(TaskSummary(str(number), f"Nhiệm vụ thử số {number}", "Sở Y tế", "", offices))
    breakdowns = []
    for n in range(INDICATORS):
        cells = tuple(BreakdownCell(office, Decimal(rng.randint(100, 999_999)) / 100, "Đúng hạn", rng.random() < 0.05)
                      for office in OFFICES if rng.random() < 0.9)
        breakdowns.append(IndicatorBreakdown(f"I.{n + 1}", f"I.{n + 1}. Chỉ tiêu thử số {n + 1} (%)",
                                             Decimal("12.5"), cells))
    submissions = tuple(SubmissionLine(office, sent_on="20/11/2026", outcome="on_time") for office in OFFICES[:-1]) + \
        (SubmissionLine(OFFICES[-1], outcome="missing"),)
    return ProvinceReport(
        furniture=dataclasses.replace(sample_report(), signed=False), plan_code="thu", year=2026,
        overview="Năm 2026, có 130 đơn vị phải gửi báo cáo.",
        figures=(ProvinceFigure("indicator", "I.1", "1", "Chỉ tiêu thử số 1", "%", value=Decimal("12.5")),),
        tasks=tuple(tasks), breakdowns=tuple(breakdowns), submissions=submissions, offices=tuple(OFFICES),
        notes=("Ghi chú thử.",))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    report = province(random.Random(13))
    path = tmp_path_factory.mktemp("province") / "tong-hop.pdf"
    build_consolidated_pdf(report, path)
    with pdfplumber.open(str(path)) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    return report, path, texts


def appendix_pages(texts: list[str], label: str, following: str | None) -> list[str]:
    start = next(i for i, t in enumerate(texts) if re.search(rf"^{label}$", t, re.M))
    end = next((i for i, t in enumerate(texts) if following and re.search(rf"^{following}$", t, re.M)), len(texts))
    return texts[start:end]


def office_lines(pages: list[str]) -> dict[str, list[list[str]]]:
    """Each office's table rows on these pages: the words after its name, one list per block."""
    rows: dict[str, list[list[str]]] = {}
    for text in pages:
        for line in text.splitlines():
            found = re.match(r"^\d+ (UBND xã Thử Nghiệm \d{3}) ?(.*)$", line)
            if found:
                rows.setdefault(found.group(1), []).append(found.group(2).split())
    return rows


def test_the_body_refers_to_the_appendices_headed_phu_luc_i_ii_iii(built):
    _report, _path, texts = built
    body = " ".join(" ".join(t.split()) for t in texts)
    for number in ("I", "II", "III"):
        assert f"(chi tiết tại Phụ lục {number} kèm theo)" in body
    heads = [next(i for i, t in enumerate(texts) if re.search(rf"^Phụ lục {n}$", t, re.M)) for n in ("I", "II", "III")]
    assert heads == sorted(heads)
    assert "Tệp Excel tổng hợp (xuất cùng báo cáo này) có đầy đủ" in body


def test_every_office_has_its_task_status_codes_in_task_order(built):
    report, _path, texts = built
    rows = office_lines(appendix_pages(texts, "Phụ lục II", "Phụ lục III"))
    legend = " ".join(" ".join(texts).split())
    assert "HT: hoàn thành; ĐTK: đang triển khai; CTĐ: chậm tiến độ; CTK: chưa triển khai" in legend
    for office in OFFICES:
        expected = [CODES[t.state] for task in report.tasks for t in task.offices if t.office == office]
        if expected:
            assert rows[office] == [expected], office
        else:
            assert office not in rows
    results = " ".join(" ".join(appendix_pages(texts, "Phụ lục II", "Phụ lục III")).split())
    assert f"Kết quả 2 của {report.tasks[1].offices[0].office}" in results


def test_every_office_has_its_values_in_vietnamese_notation_outliers_marked(built):
    report, _path, texts = built
    pages = appendix_pages(texts, "Phụ lục III", None)
    rows = office_lines(pages)
    blocks = [range(0, 8), range(8, INDICATORS)]
    for office in OFFICES:
        expected = []
        for block in blocks:
            values = [format_number(c.value) + ("*" if c.outlier else "") for i in block
                      for c in report.breakdowns[i].cells if c.office == office]
            if values:
                expected.append(["Đúng", "hạn", *values])
        assert rows.get(office, []) == expected, office
    assert any("*" in word for words in rows.values() for block in words for word in block)
    assert "Toàn tỉnh 12,5 12,5" in " ".join(pages)


def test_a_long_table_carries_its_header_on_every_page(built):
    _report, _path, texts = built
    for label, following, header in (("Phụ lục I", "Phụ lục II", "TT Đơn vị Tình trạng Ngày gửi Người ký"),
                                     ("Phụ lục II", "Phụ lục III", "TT Đơn vị NV 1 NV 2 NV 3"),
                                     ("Phụ lục III", None, "TT Đơn vị Gửi")):
        pages = appendix_pages(texts, label, following)
        assert len(pages) > 1, label   # long enough to test
        for text in pages:
            lines = [" ".join(line.split()) for line in text.splitlines()]
            first = next((n for n, line in enumerate(lines) if re.match(r"^\d+ UBND xã", line)), None)
            if first is not None:
                assert any(line.startswith(header) for line in lines[:first]), (label, lines[:first])
            if label != "Phụ lục III":   # one table: its header once a page, never mid-page
                assert sum(line.startswith(header) for line in lines) == (first is not None), label


def test_every_word_and_mark_of_the_appendices_is_inside_the_margins(built):
    _report, path, _texts = built
    left, right, top, bottom = (SETTINGS.left_mm * MM, SETTINGS.right_mm * MM, SETTINGS.top_mm * MM,
                                SETTINGS.bottom_mm * MM)
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for word in page.extract_words():
                if word["top"] < top - 0.5:
                    assert word["text"] == str(number), (number, word["text"])
                    continue
                assert left - 0.5 <= word["x0"] and word["x1"] <= page.width - right + 0.5, (number, word["text"])
                assert word["bottom"] <= page.height - bottom + 0.5, (number, word["text"])
            for mark in [*page.rects, *page.lines]:
                assert mark["x0"] >= left - 0.5 and mark["x1"] <= page.width - right + 0.5, number
                assert mark["top"] >= top - 0.5 and mark["bottom"] <= page.height - bottom + 0.5, number
