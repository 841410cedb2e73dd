"""An Giang, Kế hoạch 422/KH-UBND ngày 15/4/2025 (seed 001; the OCR copy 000 was used to
cross-check doubtful figures): the catalog against the plan's text."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from catalog_pins import assert_rows_match, flat
from pinned_angiang import INDICATORS, RECIPIENTS, TASKS

from desktop_app.core.model import unsaid
from desktop_app.core.plans import load_bundled_plan


@pytest.fixture(scope="module")
def plan():
    return load_bundled_plan("angiang-2025")


def test_document_and_reporting(plan):
    assert plan.document.number == "422/KH-UBND" and plan.document.date == dt.date(2025, 4, 15)
    assert (plan.reporting.deadline.day, plan.reporting.deadline.month) == (5, 12)
    assert plan.lead_office.name == "Sở Y tế" and "05/12" in plan.reporting.text
    assert plan.signing.name == "Lê Văn Phước" and plan.recipients[-1] == "Lưu: VT."
    assert (plan.signing.authority, plan.signing.title) == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    assert list(plan.recipients) == RECIPIENTS and len(RECIPIENTS) == 9


def test_the_review_years_are_the_ones_the_plan_names(plan):
    # Phần IV, mục 3: "Tổ chức đánh giá tình hình thực hiện … vào các năm 2025 và năm 2030"
    assert plan.reporting.review_years == (2025, 2030)
    assert "vào các năm 2025 và năm 2030" in plan.reporting.text


def test_indicator_counts_per_group(plan):
    numbered = Counter(i.group_id for i in plan.indicators if i.number)
    assert numbered == {"I": 1, "II": 2, "III": 2, "IV": 4, "V": 4, "VI": 5, "VII": 8, "VIII": 1, "IX": 3, "X": 6, "XI": 4}
    assert sum(numbered.values()) == 40 and len(plan.indicators) == 52
    rows = Counter(i.group_id for i in plan.indicators)
    assert rows == {"I": 1, "II": 2, "III": 2, "IV": 4, "V": 6, "VI": 5, "VII": 12, "VIII": 3, "IX": 5, "X": 8, "XI": 4}


def test_task_counts_per_section(plan):
    # Phần III prints nine numbered sections and no sub-sections.
    assert Counter(t.section for t in plan.tasks) == {"III": 9}
    assert [t.number for t in plan.tasks] == [str(n) for n in range(1, 10)]


def test_every_row_as_printed(plan):
    assert_rows_match(plan, INDICATORS, TASKS)


# The facts the audit corrected, each with the plan's wording (docs/catalog-audit.md).
CORRECTED = [
    ("IV.3", "direction", "higher",
     "Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm thất nghiệp % 12,46 15,16 BHXH tỉnh"),
    ("X.6", "lead", ("Sở Xây dựng", "Ủy ban nhân dân các địa phương"),
     "Phấn đấu tỉ lệ nước thải sinh hoạt đô thị được xử lý % - 15 Sở Xây dựng, địa phương"),
    ("IX.3", "unit", "m² sàn/người", "Diện tích nhà ở bình quân đầu người m2 sàn/ người 23 26.1 Sở Xây dựng"),
    ("IX.3.1", "unit", "m² sàn/người", "Thành thị m2 sàn/ người 24,7 27.4 Sở Xây dựng"),
    ("IX.3.2", "unit", "m² sàn/người", "Nông thôn m2 sàn/ người 21,9 25 Sở Xây dựng"),
]


@pytest.mark.parametrize("row", CORRECTED, ids=[f"{r[0]}-{r[1]}" for r in CORRECTED])
def test_corrected_facts_against_the_plans_wording(plan, row):
    indicator_id, field, value, printed = row
    indicator = plan.indicator(indicator_id)
    if field == "lead":
        assert tuple(plan.offices[o].name for o in indicator.lead) == value
    else:
        assert getattr(indicator, field) == value
    assert indicator.name in printed
    for target in indicator.targets.values():
        assert target.printed in printed.split() or target.printed == "-"
    if field == "direction":  # the printed targets rise, so higher is better
        low, high = (indicator.targets[y].parsed.low for y in (2025, 2030))
        assert high > low


def test_the_tasks_carry_no_invented_lead_or_time(plan):
    # Phần III names no lead, coordinator or time for sections 2-8; the catalog says so.
    for number in "2345678":
        task = plan.task(f"III.{number}")
        assert (task.lead, task.coordinators, task.time) == ((), (), "")
        assert plan.office_names_or_unsaid(task.lead, "vi") == "không quy định"
        assert unsaid(task.time, "vi") == "không quy định"
    assert not any(t.time for t in plan.tasks)  # "Thường xuyên" is printed nowhere in Phần III


def test_where_the_plan_names_the_doers_the_catalog_cites_it(plan):
    first = plan.task("III.1")
    assert first.lead == ("cac-so-nganh-dia-phuong",)
    assert "Các sở, ban, ngành, Ủy ban nhân dân cấp huyện tổ chức nghiên cứu, quán triệt" in first.note
    last = plan.task("III.9")
    assert last.lead == ("mttq-tinh",) and "Phần IV, mục 4" in last.note
    assert flat(last.name) == (
        "Tăng cường sự lãnh đạo của Đảng, phát huy vai trò của các cơ quan dân cử, Ủy ban Mặt trận Tổ quốc "
        "Việt Nam tỉnh, các tổ chức chính trị - xã hội, hội quần chúng trong thực hiện chính sách xã hội"
    )


def test_figures_printed_in_another_notation_are_read_as_the_plan_meant(plan):
    # Part II: "khoảng 6.300 căn hộ nhà ở xã hội … (luỹ kế cả giai đoạn 2021-2030)";
    # "26,1m² sàn/người"; the appendix prints 6,300 and 26.1.
    apartments = plan.indicator("IX.1")
    assert apartments.targets[2030].printed == "6,300" and apartments.targets[2030].parsed.low == 6300
    assert (apartments.measure, apartments.cumulative_from) == ("cumulative", 2021)
    area = plan.indicator("IX.3").targets[2030]
    assert area.printed == "26.1" and str(area.parsed.low) == "26.1"
    assert plan.indicator("XI.3").targets[2025].parsed.qualifier == "so với 11 huyện,TX, TP"


def test_poverty_reduction_rows_are_reductions_per_year(plan):
    # "Mức giảm tỉ lệ hộ nghèo đa chiều hàng năm %/năm 0,5-1,2": a change between two years.
    for indicator_id in ("V.4", "V.4.1", "V.4.2"):
        indicator = plan.indicator(indicator_id)
        assert (indicator.unit, indicator.measure) == ("%/năm", "yearly_reduction")
    assert plan.office_by_name("Sở NN&MT").id == "so-nnmt"


def test_the_appendix_names_one_office_per_row_and_has_no_resolution_42_column(plan):
    # Columns: STT, Nội dung/Chỉ tiêu, ĐVT, 2025, 2030, "Cơ quan chủ trì theo dõi đánh giá, báo cáo",
    # "Ghi chú" (empty on every row): no coordinating offices, no Resolution 42 column, no note.
    for indicator in plan.indicators:
        assert indicator.coordinators == () and indicator.from_resolution_42 is None, indicator.id
    # After the 2025 merger the plan prints "Sở Y tế" for V.1 and "Sở NN&MT" for the poverty rows.
    assert plan.indicator("V.1").lead == ("so-yte",)
    assert {plan.indicator(i).lead for i in ("V.2", "V.3", "V.4", "V.4.1", "V.4.2")} == {("so-nnmt",)}
    # "Vùng sâu, vùng sa, biên giới % 100 100 Sở KH&CN": the appendix, not Phần II ("ít nhất 95%").
    assert [plan.indicator("VIII.1.1").targets[y].printed for y in (2025, 2030)] == ["100", "100"]
