"""Bắc Giang, Kế hoạch 50/KH-UBND ngày 16/8/2024 (seed 003): the catalog against the plan's text."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from catalog_pins import assert_rows_match
from pinned_bacgiang import INDICATORS, RECIPIENTS, TASKS

from desktop_app.core.plans import load_bundled_plan


@pytest.fixture(scope="module")
def plan():
    return load_bundled_plan("bacgiang-2024")


def test_document_and_reporting(plan):
    assert plan.document.number == "50/KH-UBND" and plan.document.date == dt.date(2024, 8, 16)
    assert (plan.reporting.deadline.day, plan.reporting.deadline.month) == (10, 12)
    assert (plan.reporting.lead_deadline.day, plan.reporting.lead_deadline.month) == (31, 12)
    assert "10/12" in plan.reporting.text and plan.lead_office.name == "Sở Lao động - Thương binh và Xã hội"


def test_no_review_year_is_assumed(plan):
    # Phần IV sets the yearly report only ("Định kỳ trước ngày 10/12 hằng năm"); no sơ kết year.
    assert plan.reporting.review_years == ()


def test_recipients_and_signing_block_as_printed(plan):
    # "Nơi nhận:" – 12 addressees, then "Lưu: VT, KGVX<sub>Trang</sub>."
    assert list(plan.recipients) == RECIPIENTS
    assert len(plan.recipients) == 13 and plan.recipients[0] == "Bộ Lao động - TB&XH;"
    assert plan.recipients[-1].startswith("Lưu: VT, KGVX")
    assert "Báo Bắc Giang; Đài PT&TH tỉnh;" in plan.recipients
    # "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH … Mai Sơn"
    assert (plan.signing.authority, plan.signing.title, plan.signing.name) == (
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Mai Sơn")


def test_indicator_counts_per_group(plan):
    top = Counter(i.group_id for i in plan.indicators if not i.parent_id)
    assert top == {"1": 1, "2": 6, "3": 5, "4": 11, "5": 19, "6": 13, "7": 14, "8": 8, "9": 5, "10": 8}
    rows = Counter(i.group_id for i in plan.indicators)
    assert rows == {"1": 1, "2": 6, "3": 5, "4": 11, "5": 21, "6": 13, "7": 23, "8": 10, "9": 9, "10": 12}
    assert len(plan.indicators) == 111 and sum(top.values()) == 90
    assert [g.name for g in plan.groups][0] == "Ưu đãi người có công với cách mạng"


def test_task_counts_per_section(plan):
    # Phần III: 1.1-1.2, 2.1-2.4, 3, 4, 5.1-5.2, 6.1-6.6, 7, 8.
    sections = Counter(t.section.split(".")[1] for t in plan.tasks)
    assert sections == {"1": 2, "2": 4, "3": 1, "4": 1, "5": 2, "6": 6, "7": 1, "8": 1}
    assert len(plan.tasks) == 18


def test_every_row_as_printed(plan):
    assert_rows_match(plan, INDICATORS, TASKS)


def test_section_8_is_led_by_planning_and_investment_with_foreign_affairs(plan):
    # "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các sở, ngành có liên quan, UBND các huyện, thị xã,
    # thành phố chủ trì, phối hợp với Sở Ngoại vụ, Công an tỉnh xem xét việc triển khai hoặc tiếp nhận
    # nguồn vốn viện trợ …"
    task = plan.task("T8")
    assert task.name == "Đẩy mạnh hợp tác và tranh thủ nguồn lực quốc tế trong thực hiện chính sách xã hội"
    assert plan.offices[task.lead[0]].name == "Sở Kế hoạch và Đầu tư"
    assert {plan.offices[o].name for o in task.coordinators} >= {"Sở Ngoại vụ", "Công an tỉnh"}
    assert task.time == ""  # no time is printed for section 8


def test_only_the_task_that_prints_a_time_has_one(plan):
    # Only 1.1 prints "Thời gian thực hiện: Thường xuyên."
    assert [(t.id, t.time) for t in plan.tasks if t.time] == [("T1.1", "Thường xuyên")]


def test_coverage_rates_are_better_higher(plan):
    # "Tỉ lệ nông dân và lao động khu vực phi chính thức tham gia BHXH tự nguyện … % 5,6 5,8"
    indicator = plan.indicator("4.2")
    assert indicator.direction == "higher"
    assert [indicator.targets[y].printed for y in (2025, 2030)] == ["5,6", "5,8"]


def test_units_and_yearly_reductions(plan):
    assert plan.indicator("9.3").unit == "m² sàn/người"  # "m <sup>2</sup> sàn/người"
    for indicator_id in ("5.10", "5.10.1", "5.10.2"):  # "%/ năm"
        indicator = plan.indicator(indicator_id)
        assert (indicator.unit, indicator.measure) == ("%/năm", "yearly_reduction")
    apartments = plan.indicator("9.1")  # "Căn hộ 33.200 74.900"
    assert apartments.measure == "cumulative" and apartments.targets[2030].parsed.low == 74900


def test_task_2_4_runs_over_the_page_break_to_its_full_stop(plan):
    # Phần III, 2.4: "…cá nhân trong việc thực hiện" / (page break) / "các chính sách xã hội; thanh
    # tra, kiểm tra những vấn đề nổi cộm, … hành vi trục lợi chính sách trong thực hiện."
    name = plan.task("T2.4").name
    assert name.endswith("trong việc thực hiện các chính sách xã hội; thanh tra, kiểm tra những vấn đề nổi cộm, "
                         "bức xúc, phát hiện có dấu hiệu vi phạm pháp luật, hành vi trục lợi chính sách trong thực hiện.")


def test_every_group_shares_its_offices_with_the_related_units_and_no_resolution_42_column(plan):
    # Each group's office cell ends "…; đơn vị liên quan"; the appendix has no column marking
    # the targets taken from Resolution 42.
    for indicator in plan.indicators:
        assert indicator.coordinators == ("cac-so-nganh-dia-phuong",), indicator.id
        assert indicator.from_resolution_42 is None, indicator.id
    sub_rows = {i.id: i.parent_id for i in plan.indicators if i.parent_id}
    assert sub_rows == {
        "5.10.1": "5.10", "5.10.2": "5.10", "7.4.1": "7.4", "7.4.2": "7.4", "7.4.3": "7.4", "7.4.4": "7.4",
        "7.7.1": "7.7", "7.7.2": "7.7", "7.10.1": "7.10", "7.10.2": "7.10", "7.10.3": "7.10",
        "8.1.1": "8.1", "8.1.2": "8.1", "9.3.1": "9.3", "9.3.2": "9.3", "9.4.1": "9.4", "9.4.2": "9.4",
        "10.1.1": "10.1", "10.1.2": "10.1", "10.2.1": "10.2", "10.2.2": "10.2"}
