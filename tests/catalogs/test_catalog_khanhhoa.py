"""Khánh Hòa, Kế hoạch 8839/KH-UBND ngày 09/8/2024: the catalog against the plan's text
(Phụ lục I: 92 numbered indicators; Phụ lục II: 69 tasks)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from desktop_app.core.plans import load_bundled_plan


@pytest.fixture(scope="module")
def plan():
    return load_bundled_plan("khanhhoa-2024")


def test_the_plan_document_deadline_and_lead_office(plan):
    assert plan.province == "Khánh Hòa"
    assert plan.document.number == "8839/KH-UBND"
    assert plan.document.date == dt.date(2024, 8, 9)
    assert (plan.reporting.deadline.day, plan.reporting.deadline.month) == (25, 11)
    assert (plan.reporting.lead_deadline.day, plan.reporting.lead_deadline.month) == (5, 12)
    assert plan.lead_office.name == "Sở Lao động - Thương binh và Xã hội"
    assert plan.reporting.other_deadlines[0].year == 2024 and plan.reporting.other_deadlines[0].day == 30
    assert plan.recipients[0] == "Văn phòng Chính phủ;" and plan.recipients[-1].startswith("Lưu: VT")
    assert plan.signing.name == "Đinh Văn Thiệu"


def test_indicator_counts_per_group(plan):
    numbered = Counter(i.group_id for i in plan.indicators if i.number)
    assert numbered == {"I": 1, "II": 6, "III": 5, "IV": 11, "V": 19, "VI": 13, "VII": 17, "VIII": 7, "IX": 5, "X": 8}
    assert sum(numbered.values()) == 92
    assert [i.number for i in plan.indicators if i.number] == [str(n) for n in range(1, 93)]
    assert len(plan.indicators) == 105  # with the sub-rows and the "trên 10.000 dân" heading
    assert [g.name for g in plan.groups][:2] == ["Ưu đãi người có công với cách mạng",
                                                  "Lao động, việc làm, phát triển thị trường lao động"]


ROWS = [
    # id, name, unit, 2025, 2030, lead
    ("I.1", "Tỷ lệ người có công và gia đình có mức sống từ trung bình khá trở lên so với mức sống của cộng đồng dân cư nơi cư trú", "%", "100", "100", "Sở Lao động - Thương binh và Xã hội"),
    ("II.2", "Tỉ lệ thất nghiệp chung", "%", "< 3", "< 3", "Sở Lao động - Thương binh và Xã hội"),
    ("II.3", "Tỷ lệ thất nghiệp khu vực thành thị", "%", "< 3,8", "< 3,5", "Sở Lao động - Thương binh và Xã hội"),
    ("II.4", "Tỷ lệ việc làm phi chính thức", "%", "< 60", "< 40", "Cục Thống kê tỉnh"),
    ("III.8", "Chỉ số HDI", "", "> 0,7", "> 0,7", "Cục Thống kê tỉnh"),
    ("III.10", "Tỷ lệ lao động có các kĩ năng công nghệ thông tin", "%", "80", "90", "Sở Thông tin và Truyền thông"),
    ("IV.13", "Tỷ lệ LLLĐ trong độ tuổi tham gia BHXH", "%", "45", "> 60", "Bảo hiểm xã hội tỉnh"),
    ("IV.20", "Hỗ trợ bảo hiểm y tế cho trẻ em", "Bậc học", "Tiểu \xa0học", "THCS", "Bảo hiểm xã hội tỉnh"),
    ("IV.21", "Tỷ lệ hài lòng của người dân với dịch vụ y tế", "%", "> 80", ">90", "Bảo hiểm xã hội tỉnh"),
    ("V.33", "Mức giảm tỷ lệ hộ nghèo đa chiều hàng năm", "%/năm", "1-1,5", "-", "Sở Lao động - Thương binh và Xã hội"),
    ("V.33.1", "Trong đó, các huyện nghèo", "%/năm", "> 7", "-", "Sở Lao động - Thương binh và Xã hội"),
    ("V.35", "Mức tăng thu nhập bình quân đầu người của hộ nghèo so với năm 2021", "Lần", "2", "-", "Cục Thống kê tỉnh"),
    ("V.42", "Số người làm công tác xã hội/1000 dân", "Người", "-", ">= 2", "Sở Lao động - Thương binh và Xã hội"),
    ("VI.44", "Tỷ lệ huy động trẻ em nhà trẻ", "%", "30-35", "35-40", "Sở Giáo dục và Đào tạo"),
    ("VI.51", "Tỷ lệ huyện, thị xã, thành phố đạt chuẩn xóa mù chữ mức độ 2", "%", "100  (hiện nay đã đạt)", "100  (duy trì)", "Sở Giáo dục và Đào tạo"),
    ("VII.56", "Mức sinh thay thế (Quốc gia)", "Mức độ", "-", "Bảo đảm vững chắc", "Sở Y tế"),
    ("VII.59", "Số giường bệnh", "Giường", "30", "40", "Sở Y tế"),
    ("VII.67", "Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi", "%", "-", "< 7,5", "Sở Y tế"),
    ("VII.68", "Chấm dứt các dịch bệnh AIDS, lao và loại trừ sốt rét", "Mức độ", "-", "Giải quyết cơ bản", "Sở Y tế"),
    ("IX.80", "Xây dựng căn hộ nhà ở xã hội cho người thu nhập thấp, công nhân khu công nghiệp", "Căn hộ", "-", "48.749", "Sở Xây dựng"),
    ("IX.81", "Xóa bỏ tình trạng nhà tạm, nhà dột nát cho các đối tượng", "Mức độ", "Giải quyết cơ bản", "Xoá bỏ hoàn toàn", "Sở Xây dựng"),
    ("IX.82.2", "Nông thôn", "m 2  sàn/ người", "26", "28", "Sở Xây dựng"),
    ("X.85.2", "Nông thôn", "%", "-", "100", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("X.92", "Tỷ lệ hộ chăn nuôi, trang trại được xử lý chất thải chăn nuôi", "%", "-", "75", "Sở Nông nghiệp và Phát triển nông thôn"),
]


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
def test_rows_field_by_field_against_the_seed(plan, row):
    indicator_id, name, unit, t2025, t2030, lead = row
    indicator = plan.indicator(indicator_id)
    assert indicator.name == name
    assert indicator.unit == unit
    assert indicator.targets[2025].printed == t2025
    assert indicator.targets[2030].printed == t2030
    assert plan.offices[indicator.lead[0]].name == lead


def test_sub_indicators_hang_under_their_parent(plan):
    assert [c.name for c in plan.children("IX.82")] == ["Thành thị", "Nông thôn"]
    assert [c.number for c in plan.children("VII.58a")] == ["59", "60", "61", "62"]
    assert plan.is_heading("VII.58a") and plan.is_heading("X.85") and not plan.is_heading("IX.82")


def test_a_misprinted_figure_is_read_as_the_plan_meant(plan):
    # Part II: "cấp trung học cơ sở tối thiểu đạt 97,5%"; the appendix prints "> 975".
    target = plan.indicator("VI.49").targets[2030]
    assert target.printed == "> 975" and target.parsed.low == 97.5


def test_measures_and_directions(plan):
    assert plan.indicator("II.2").direction == "lower"
    assert plan.indicator("V.33").measure == "yearly_reduction"
    assert plan.indicator("IX.80").measure == "cumulative" and plan.indicator("IX.80").cumulative_from == 2021
    assert plan.indicator("II.2").from_resolution_42 is True and plan.indicator("II.4").from_resolution_42 is False
    assert plan.indicator("V.36").lead == ("so-vhtt", "so-ldtbxh")


def test_tasks_of_phu_luc_ii(plan):
    assert len(plan.tasks) == 69
    assert Counter(t.section for t in plan.tasks) == {
        "Phụ lục II.I": 2, "Phụ lục II.II": 4, "Phụ lục II.III": 4, "Phụ lục II.IV": 14, "Phụ lục II.V": 15,
        "Phụ lục II.VI": 19, "Phụ lục II.VII": 11}
    first = plan.task("I.1")
    assert first.name.startswith("Tổ chức triển khai thực hiện Đề án tăng cường tuyên truyền")
    assert first.lead == ("so-ldtbxh",) and first.submission_level == "UBND tỉnh" and first.time == "2025"
    assert "so-tttt" in first.coordinators
    assert first.coordinators_text.startswith("Sở Thông tin và Truyền thông và các sở, ngành liên quan")
    bank = plan.task("IV.13")
    assert bank.lead == ("nhcsxh",) and bank.time == "2024 - 2025"
    decree = plan.task("V.5")
    assert decree.submission_level == "HĐND tỉnh" and decree.time.startswith("Sau khi Chính phủ ban hành Nghị định")
    assert plan.task("V.14").lead == ("cong-an-tinh",)


def test_short_forms_name_one_office(plan):
    names = ["Sở LĐTB&XH", "Sở LĐTBXH", "Sở Lao động - TB&XH", "Sở Lao động - Thương binh và Xã hội"]
    assert {plan.office_by_name(n).id for n in names} == {"so-ldtbxh"}
    assert plan.office_by_name("Sở Văn hóa - Thể thao").id == plan.office_by_name("Sở VH&TT").id
