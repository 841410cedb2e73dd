"""An Giang, Kế hoạch 422/KH-UBND ngày 15/4/2025 (seed 001; the OCR copy 000 was used to
cross-check doubtful figures): the catalog against the plan's text."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from desktop_app.core.plans import load_bundled_plan


@pytest.fixture(scope="module")
def plan():
    return load_bundled_plan("angiang-2025")


def test_document_and_reporting(plan):
    assert plan.document.number == "422/KH-UBND" and plan.document.date == dt.date(2025, 4, 15)
    assert (plan.reporting.deadline.day, plan.reporting.deadline.month) == (5, 12)
    assert plan.lead_office.name == "Sở Y tế" and "05/12" in plan.reporting.text
    assert plan.signing.name == "Lê Văn Phước" and plan.recipients[-1] == "Lưu: VT."


def test_indicator_counts_per_group(plan):
    numbered = Counter(i.group_id for i in plan.indicators if i.number)
    assert numbered == {"I": 1, "II": 2, "III": 2, "IV": 4, "V": 4, "VI": 5, "VII": 8, "VIII": 1, "IX": 3, "X": 6, "XI": 4}
    assert sum(numbered.values()) == 40 and len(plan.indicators) == 52


ROWS = [
    ("II.1", "Tỷ lệ thất nghiệp chung", "%", "<3,5", "<3", "Sở Nội vụ"),
    ("III.1", "Chỉ số HDI", "", ">0,7", ">0,7", "Cục Thống kê tỉnh"),
    ("IV.2", "Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội", "%", "17,12", "20,83", "Bảo hiểm xã hội tỉnh"),
    ("V.4", "Mức giảm tỉ lệ hộ nghèo đa chiều hàng năm", "%/năm", "0,5-1,2", "-", "Sở Nông nghiệp và Môi trường"),
    ("V.4.2", "Mức giảm tỉ lệ hộ nghèo ở huyện nghèo", "%/năm", "2", "-", "Sở Nông nghiệp và Môi trường"),
    ("VII.1", "Mức sinh thay thế (Quốc gia)", "Mức độ", "-", "Bảo đảm", "Sở Y tế"),
    ("VII.2.2", "Số giường bệnh", "Giường", "28,7", "34", "Sở Y tế"),
    ("VII.8", "Tỉ lệ tiêm chủng mở rộng với 14 loại vắc xin", "%", "> 95 (12 loại vắc xin)", "> 95 (14 loại vắc xin)", "Sở Y tế"),
    ("VIII.1.1", "Vùng sâu, vùng sa, biên giới", "%", "100", "100", "Sở Khoa học và Công nghệ"),
    ("IX.2", "Xóa bỏ tình trạng nhà tạm, nhà dột nát cho các đối tượng", "Mức độ", "giảm xuống còn 12,8%", "giảm xuống còn 11,1%", "Sở Xây dựng"),
    ("X.1.2", "Nông thôn", "%", "95", "98", "Sở Nông nghiệp và Môi trường"),
    ("XI.3", "Số huyện đạt chuẩn nông thôn mới", "%", "45,45% (so với 11 huyện,TX, TP)", "70% (so với 11 huyện,TX, TP)", "Sở Nông nghiệp và Môi trường"),
]


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_rows_field_by_field(plan, row):
    indicator_id, name, unit, t2025, t2030, lead = row
    indicator = plan.indicator(indicator_id)
    assert (indicator.name, indicator.unit) == (name, unit)
    assert (indicator.targets[2025].printed, indicator.targets[2030].printed) == (t2025, t2030)
    assert plan.offices[indicator.lead[0]].name == lead


def test_figures_printed_in_another_notation_are_read_as_the_plan_meant(plan):
    # Part II: "khoảng 6.300 căn hộ nhà ở xã hội"; "26,1m² sàn/người"; the appendix prints 6,300 and 26.1.
    apartments = plan.indicator("IX.1").targets[2030]
    assert apartments.printed == "6,300" and apartments.parsed.low == 6300
    area = plan.indicator("IX.3").targets[2030]
    assert area.printed == "26.1" and str(area.parsed.low) == "26.1"
    assert plan.indicator("XI.3").targets[2025].parsed.qualifier == "so với 11 huyện,TX, TP"


def test_tasks_and_the_offices_part_iv_assigns(plan):
    assert len(plan.tasks) == 9
    assert plan.task("III.5").lead == ("so-yte",) and plan.task("III.9").lead == ("mttq-tinh",)
    assert plan.office_by_name("Sở NN&MT").id == "so-nnmt"
