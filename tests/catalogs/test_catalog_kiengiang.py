"""Kiên Giang, Kế hoạch …/KH-UBND tháng 7/2024: the catalog against the plan's text."""

from __future__ import annotations

from collections import Counter

import pytest

from desktop_app.core.plans import load_bundled_plan


@pytest.fixture(scope="module")
def plan():
    return load_bundled_plan("kiengiang-2024")


def test_document_and_reporting(plan):
    assert plan.document.number == "…/KH-UBND" and plan.document.date_printed == "tháng 7 năm 2024"
    assert (plan.reporting.deadline.day, plan.reporting.deadline.month) == (15, 11)
    assert plan.lead_office.name == "Sở Lao động - Thương binh và Xã hội"
    assert plan.signing.name == "Nguyễn Lưu Trung" and plan.recipients[-1] == "Lưu: VT, vttkieu."


def test_indicator_counts_per_group(plan):
    top = Counter(i.group_id for i in plan.indicators if not i.parent_id)
    assert top == {"1": 1, "2": 3, "3": 2, "4": 4, "5": 2, "6": 8, "7": 12, "8": 7, "9": 5, "10": 10}
    assert len(plan.indicators) == 64
    assert all(set(i.targets) <= {2030} for i in plan.indicators)  # the plan sets 2030 targets only
    assert sum(1 for i in plan.indicators if not i.targets) == 3  # the rows that head sub-rows


ROWS = [
    ("2.1", "Tỉ lệ thất nghiệp chung", "%", "< 3", "Cục Thống kê tỉnh"),
    ("2.3", "Tỉ lệ lao động nông nghiệp trong tổng lao động xã hội", "%", "< 40", "Cục Thống kê tỉnh"),
    ("4.4", "Tỉ lệ dân số tham gia bảo hiểm y tế", "%", "> 95", "Sở Y tế"),
    ("5.2", "Tỉ lệ hộ nghèo đa chiều theo chuẩn nghèo quốc gia", "%", "< 2", "Sở Lao động - Thương binh và Xã hội"),
    ("6.6", "Tình đạt chuẩn xoá mù chữ", "Mức độ", "2", "Sở Giáo dục và Đào tạo"),
    ("7.3.1", "Số giường bệnh", "Giường", "36,4", "Sở Y tế"),
    ("7.8", "Chấm dứt các dịch bệnh AIDS, lao và loại trừ sốt rét", "Mức độ", "Giải quyết cơ bản", "Sở Y tế"),
    ("9.1", "Xây dựng căn hộ nhà ở xã hội cho người thu nhập thấp, công nghiệp khu công nghiệp", "Căn hộ", "1.500", "Sở Xây dựng"),
    ("9.3.1", "Thành thị", "m ² sàn/người", "31.7", "Sở Xây dựng"),
    ("10.1.2", "Nông thôn", "%", "> 80", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("10.6", "Chất thải rắn sinh hoạt nông thôn được thu gom và xử lý", "%", ">80", "Sở Tài nguyên và Môi trường"),
]


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_rows_field_by_field(plan, row):
    indicator_id, name, unit, t2030, lead = row
    indicator = plan.indicator(indicator_id)
    assert (indicator.name, indicator.unit, indicator.targets[2030].printed) == (name, unit, t2030)
    assert plan.offices[indicator.lead[0]].name == lead


def test_a_dot_printed_for_a_decimal_is_read_as_the_plan_meant(plan):
    target = plan.indicator("9.3.1").targets[2030]
    assert target.reading == "31,7" and str(target.parsed.low) == "31.7"
    assert plan.office_by_name("Sở LĐTBOXH").id == "so-ldtbxh"  # the seed's OCR slip, kept as an alias


def test_tasks(plan):
    assert len(plan.tasks) == 11
    assert plan.task("III.6.b").lead == ("so-yte",)
