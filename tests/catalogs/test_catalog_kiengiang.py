"""Kiên Giang, Kế hoạch …/KH-UBND tháng 7/2024 (seed 002): the catalog against the plan's text."""

from __future__ import annotations

from collections import Counter

import pytest
from catalog_pins import assert_rows_match
from pinned_kiengiang import INDICATORS, RECIPIENTS, TASKS

from desktop_app.core.model import unsaid
from desktop_app.core.plans import load_bundled_plan


@pytest.fixture(scope="module")
def plan():
    return load_bundled_plan("kiengiang-2024")


def test_document_and_reporting(plan):
    assert plan.document.number == "…/KH-UBND" and plan.document.date_printed == "tháng 7 năm 2024"
    assert (plan.reporting.deadline.day, plan.reporting.deadline.month) == (15, 11)
    assert plan.lead_office.name == "Sở Lao động - Thương binh và Xã hội"
    assert plan.signing.name == "Nguyễn Lưu Trung" and plan.recipients[-1] == "Lưu: VT, vttkieu."
    assert list(plan.recipients) == RECIPIENTS and len(RECIPIENTS) == 10
    # The seed prints the block without "TM. ỦY BAN NHÂN DÂN": the catalog keeps it that way.
    assert (plan.signing.authority, plan.signing.title) == (None, "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")


def test_no_review_year_is_assumed(plan):
    # Phần IV, mục 2: "báo cáo sơ kết 5 năm, báo cáo tổng kết 10 năm" names no year.
    assert plan.reporting.review_years == ()
    assert "báo cáo sơ kết 5 năm, báo cáo tổng kết 10 năm" in plan.reporting.text


def test_indicator_counts_per_group(plan):
    top = Counter(i.group_id for i in plan.indicators if not i.parent_id)
    assert top == {"1": 1, "2": 3, "3": 2, "4": 4, "5": 2, "6": 8, "7": 12, "8": 7, "9": 5, "10": 10}
    rows = Counter(i.group_id for i in plan.indicators)
    assert rows == {"1": 1, "2": 3, "3": 2, "4": 4, "5": 2, "6": 8, "7": 14, "8": 9, "9": 9, "10": 12}
    assert len(plan.indicators) == 64
    assert all(set(i.targets) <= {2030} for i in plan.indicators)  # the plan sets 2030 targets only
    assert sum(1 for i in plan.indicators if not i.targets) == 3  # the rows that head sub-rows


def test_task_counts_per_section(plan):
    # Phần III: sections 1-8; section 6 has a) b) c) d) e) g) h) (the plan skips "đ" and "f").
    numbers = [t.number for t in plan.tasks]
    assert numbers == ["1", "2", "3", "4", "5", "6.a", "6.b", "6.c", "6.d", "6.e", "6.g", "6.h", "7", "8"]
    assert Counter(t.section for t in plan.tasks) == {"III": 14}


def test_every_row_as_printed(plan):
    assert_rows_match(plan, INDICATORS, TASKS)


def test_group_8_is_led_by_the_information_department(plan):
    # Phụ lục, mục 8: the office column prints "Sở TTTT" once, on the group's first row.
    group = [i for i in plan.indicators if i.group_id == "8"]
    assert len(group) == 9
    assert {i.lead for i in group} == {("so-tttt",)}
    assert plan.offices["so-tttt"].name == "Sở Thông tin và Truyền thông"


def test_sections_6_e_g_h_are_tasks(plan):
    assert [(t.number, t.name) for t in plan.tasks if t.number in ("6.e", "6.g", "6.h")] == [
        ("6.e", "Về nhà ở"),  # "e) Về nhà ở"
        ("6.g", "Về nước sạch và vệ sinh môi trường"),  # "g) Về nước sạch và vệ sinh môi trường"
        ("6.h", "Về bảo hiểm xã hội"),  # "h) Về bảo hiểm xã hội"
    ]


def test_the_tasks_carry_no_invented_lead_or_time(plan):
    # Phần III names no lead, coordinator or time for any section.
    for task in plan.tasks:
        assert (task.lead, task.coordinators, task.time) == ((), (), "")
        assert plan.office_names_or_unsaid(task.lead, "vi") == unsaid(task.time, "vi") == "không quy định"


def test_units_read_as_printed(plan):
    # "m <sup>2</sup> sàn/người": the square metre, not "m ²".
    for indicator_id in ("9.3", "9.3.1", "9.3.2"):
        assert plan.indicator(indicator_id).unit == "m² sàn/người"


def test_a_dot_printed_for_a_decimal_is_read_as_the_plan_meant(plan):
    target = plan.indicator("9.3.1").targets[2030]
    assert target.printed == "31.7" and target.reading == "31,7" and str(target.parsed.low) == "31.7"
    assert plan.office_by_name("Sở LĐTBOXH").id == "so-ldtbxh"  # the seed's OCR slip, kept as an alias


def test_the_housing_count_is_cumulative(plan):
    # "Xây dựng căn hộ nhà ở xã hội … Căn hộ 1.500": apartments built over the period.
    apartments = plan.indicator("9.1")
    assert (apartments.measure, apartments.targets[2030].parsed.low) == ("cumulative", 1500)


def test_the_appendix_names_one_office_per_row_and_has_no_resolution_42_column(plan):
    # "Đơn vị phụ trách theo dõi, đánh giá thực hiện" is the only office column: no coordinating
    # offices, no column marking targets taken from Resolution 42.
    for indicator in plan.indicators:
        assert indicator.coordinators == () and indicator.from_resolution_42 is None, indicator.id
    assert plan.indicator("4.4").lead == ("so-yte",)  # "Tỉ lệ dân số tham gia bảo hiểm y tế % > 95 Sở Y tế"
    assert {plan.indicator(i).lead for i in ("2.1", "2.2", "2.3")} == {("cuc-thong-ke",)}  # "Cục Thống kê"


def test_the_housing_row_keeps_the_printed_slip(plan):
    # Phụ lục, 9.1: "…cho người thu nhập thấp, công nghiệp khu công nghiệp" (for "công nhân"): kept as printed.
    assert plan.indicator("9.1").name.endswith("người thu nhập thấp, công nghiệp khu công nghiệp")
