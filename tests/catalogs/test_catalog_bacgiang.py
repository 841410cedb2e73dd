"""Bắc Giang, Kế hoạch 50/KH-UBND ngày 16/8/2024: the catalog against the plan's text."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from desktop_app.core.plans import load_bundled_plan


@pytest.fixture(scope="module")
def plan():
    return load_bundled_plan("bacgiang-2024")


def test_document_and_reporting(plan):
    assert plan.document.number == "50/KH-UBND" and plan.document.date == dt.date(2024, 8, 16)
    assert (plan.reporting.deadline.day, plan.reporting.deadline.month) == (10, 12)
    assert (plan.reporting.lead_deadline.day, plan.reporting.lead_deadline.month) == (31, 12)
    assert "10/12" in plan.reporting.text and plan.lead_office.name == "Sở Lao động - Thương binh và Xã hội"


def test_indicator_counts_per_group(plan):
    top = Counter(i.group_id for i in plan.indicators if not i.parent_id)
    assert top == {"1": 1, "2": 6, "3": 5, "4": 11, "5": 19, "6": 13, "7": 14, "8": 8, "9": 5, "10": 8}
    assert len(plan.indicators) == 111
    assert [g.name for g in plan.groups][0] == "Ưu đãi người có công với cách mạng"


ROWS = [
    ("2.1", "Tỉ lệ thất nghiệp chung", "%", "< 3", "< 2,0", "Sở Lao động - Thương binh và Xã hội"),
    ("3.1", "Chỉ số HDI", "", "> 0,7", "0,85", "Sở Lao động - Thương binh và Xã hội"),
    ("3.2", "Tỉ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", "%", "35", "40-45", "Sở Lao động - Thương binh và Xã hội"),
    ("4.8", "Hỗ trợ bảo hiểm y tế cho trẻ em", "Bậc học", "Tiểu học", "THCS", "Bảo hiểm xã hội tỉnh"),
    ("5.10", "Mức giảm tỉ lệ hộ nghèo đa chiều hàng năm", "%/ năm", "0,9", "-", "Sở Lao động - Thương binh và Xã hội"),
    ("5.10.2", "Mức giảm tỉ lệ hộ nghèo dân tộc thiểu số", "%/ năm", "> 3", "-", "Sở Lao động - Thương binh và Xã hội"),
    ("6.3", "Tỉ lệ huy động trẻ em mẫu giáo", "%", "99-99,9", "99-99,98", "Sở Giáo dục và Đào tạo"),
    ("7.4.1", "Số giường bệnh", "Giường", "35,1", "40", "Sở Y tế"),
    ("7.8", "Tỉ lệ tiêm chủng mở rộng với 14 loại vắc xin (Tỉ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin theo lộ trình tăng vắc xin trong TCMR của Chính phủ)", "%", "≥ 97", "≥ 97", "Sở Y tế"),
    ("7.10.1", "Số người nhiễm HIV/AIDS/trên 100.000 dân", "Người", "< 0,1", "< 0,1", "Sở Y tế"),
    ("7.10.3", "Loại trừ sốt rét", "", "Loại trừ", "Loại trừ", "Sở Y tế"),
    ("9.1", "Xây dựng căn hộ nhà ở xã hội cho người thu nhập thấp, công nhân khu công nghiệp", "Căn hộ", "33.200", "74.900", "Sở Xây dựng"),
    ("9.3.1", "Thành thị", "m² sàn/người", "29,6", "32,7", "Sở Xây dựng"),
]


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_rows_field_by_field(plan, row):
    indicator_id, name, unit, t2025, t2030, lead = row
    indicator = plan.indicator(indicator_id)
    assert (indicator.name, indicator.unit) == (name, unit)
    assert (indicator.targets[2025].printed, indicator.targets[2030].printed) == (t2025, t2030)
    assert plan.offices[indicator.lead[0]].name == lead


def test_tasks_of_part_iii(plan):
    assert len(plan.tasks) == 17
    first = plan.tasks[0]
    assert first.number == "1.1" and first.lead == ("so-ldtbxh",) and first.time == "Thường xuyên"
    assert plan.task("T5.1").lead == ("bhxh-tinh",)
    assert plan.task("T2.3").lead == ("so-khdt",) and "UBND các huyện" in plan.task("T2.3").coordinators_text
