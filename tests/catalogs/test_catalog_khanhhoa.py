"""Khánh Hòa, Kế hoạch 8839/KH-UBND ngày 09/8/2024: the catalog against the plan's text
(Phụ lục I: 92 numbered indicators; Phụ lục II: 69 tasks)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from catalog_pins import assert_rows_match
from pinned_khanhhoa import INDICATORS, RECIPIENTS, TASKS

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
    # all rows: V has 33's two sub-rows, VII the heading, VIII 73's two, IX 82's and 83's two, X 85's and 86's two
    rows = Counter(i.group_id for i in plan.indicators)
    assert rows == {"I": 1, "II": 6, "III": 5, "IV": 11, "V": 21, "VI": 13, "VII": 18, "VIII": 9, "IX": 9, "X": 12}
    assert [(g.number, g.name) for g in plan.groups] == [
        ("I", "Ưu đãi người có công với cách mạng"),
        ("II", "Lao động, việc làm, phát triển thị trường lao động"),
        ("III", "Phát triển nguồn nhân lực"),
        ("IV", "Bảo hiểm xã hội, bảo hiểm thất nghiệp, bảo hiểm y tế"),
        ("V", "Trợ giúp xã hội và giảm nghèo"),
        ("VI", "Giáo dục"),
        ("VII", "Y tế"),
        ("VIII", "Phát triển văn hóa và thông tin, truyền thông"),
        ("IX", "Nhà ở"),
        ("X", "Nước sạch, vệ sinh môi trường"),
    ]


ROWS = [
    # id, name, unit, 2025, 2030, lead
    ("I.1", "Tỷ lệ người có công và gia đình có mức sống từ trung bình khá trở lên so với mức sống của cộng đồng dân cư nơi cư trú", "%", "100", "100", "Sở Lao động - Thương binh và Xã hội"),
    ("II.2", "Tỉ lệ thất nghiệp chung", "%", "< 3", "< 3", "Sở Lao động - Thương binh và Xã hội"),
    ("II.3", "Tỷ lệ thất nghiệp khu vực thành thị", "%", "< 3,8", "< 3,5", "Sở Lao động - Thương binh và Xã hội"),
    ("II.4", "Tỷ lệ việc làm phi chính thức", "%", "< 60", "< 40", "Cục Thống kê tỉnh"),
    ("III.8", "Chỉ số HDI", "", "> 0,7", "> 0,7", "Cục Thống kê tỉnh"),
    ("III.10", "Tỷ lệ lao động có các kĩ năng công nghệ thông tin", "%", "80", "90", "Sở Thông tin và Truyền thông"),
    ("IV.13", "Tỷ lệ LLLĐ trong độ tuổi tham gia BHXH", "%", "45", "> 60", "Bảo hiểm xã hội tỉnh"),
    ("IV.20", "Hỗ trợ bảo hiểm y tế cho trẻ em", "Bậc học", "Tiểu học", "THCS", "Bảo hiểm xã hội tỉnh"),
    ("IV.21", "Tỷ lệ hài lòng của người dân với dịch vụ y tế", "%", "> 80", ">90", "Bảo hiểm xã hội tỉnh"),
    ("V.33", "Mức giảm tỷ lệ hộ nghèo đa chiều hàng năm", "%/năm", "1-1,5", "-", "Sở Lao động - Thương binh và Xã hội"),
    ("V.33.1", "Trong đó, các huyện nghèo", "%/năm", "> 7", "-", "Sở Lao động - Thương binh và Xã hội"),
    ("V.35", "Mức tăng thu nhập bình quân đầu người của hộ nghèo so với năm 2021", "Lần", "2", "-", "Cục Thống kê tỉnh"),
    ("V.42", "Số người làm công tác xã hội/1000 dân", "Người", "-", ">= 2", "Sở Lao động - Thương binh và Xã hội"),
    ("VI.44", "Tỷ lệ huy động trẻ em nhà trẻ", "%", "30-35", "35-40", "Sở Giáo dục và Đào tạo"),
    ("VI.51", "Tỷ lệ huyện, thị xã, thành phố đạt chuẩn xóa mù chữ mức độ 2", "%", "100  (hiện nay đã đạt)", "100  (duy trì)", "Sở Giáo dục và Đào tạo"),
    ("VII.56", "Mức sinh thay thế (Quốc gia)", "Mức độ", "-", "Bảo đảm vững chắc", "Sở Y tế"),
    ("VII.59", "Số giường bệnh", "Giường", "30", "40", "Sở Y tế"),
    ("VII.60", "Số bác sỹ", "người", "14", "19", "Sở Y tế"),
    ("VII.62", "Số điều dưỡng viên", "người", "-", "33", "Sở Y tế"),
    ("VII.67", "Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi", "%", "-", "< 7,5", "Sở Y tế"),
    ("VII.68", "Chấm dứt các dịch bệnh AIDS, lao và loại trừ sốt rét", "Mức độ", "-", "Giải quyết cơ bản", "Sở Y tế"),
    ("VIII.73.1", "Vùng sâu, vùng xa, biên giới, hải đảo", "%", "80", "80", "Sở Thông tin và Truyền thông"),
    ("VIII.79", "Tỷ lệ xã đạt chuẩn tiêu chí số về thông tin và truyền thông theo Bộ Tiêu chí quốc gia về xã nông thôn mới nâng cao", "%", "> 60", "100", "Sở Thông tin và Truyền thông"),
    ("IX.80", "Xây dựng căn hộ nhà ở xã hội cho người thu nhập thấp, công nhân khu công nghiệp", "Căn hộ", "-", "48.749", "Sở Xây dựng"),
    ("IX.81", "Xóa bỏ tình trạng nhà tạm, nhà dột nát cho các đối tượng", "Mức độ", "Giải quyết cơ bản", "Xoá bỏ hoàn toàn", "Sở Xây dựng"),
    ("IX.82.2", "Nông thôn", "m² sàn/người", "26", "28", "Sở Xây dựng"),
    ("X.85.2", "Nông thôn", "%", "-", "100", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("X.86.2", "Nông thôn", "%", "> 95", "> 95", "Sở Xây dựng"),
    ("X.88", "Tỷ lệ trường học có công trình phụ hợp vệ sinh bảo đảm tiêu chuẩn, quy chuẩn", "%", "85", "100", "Sở Giáo dục và Đào tạo"),
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
    assert target.printed == "> 975" and target.reading == "> 97,5"
    # every other figure reads right in Vietnamese notation ("48.749" apartments, "74,5" years, "> 0,7")
    with_reading = [(i.id, y) for i in plan.indicators for y, t in i.targets.items() if t.reading]
    assert with_reading == [("VI.49", 2030)]
    assert plan.indicator("IX.80").targets[2030].printed == "48.749"
    assert plan.indicator("VII.57").targets[2025].printed == "74,5"


def test_resolution_42_column_and_coordinators(plan):
    flagged = [i.number for i in plan.indicators if i.number and i.from_resolution_42]
    assert flagged == ["1", "2", "3", "8", "9", "13", "15", "17", "18", "26", "27", "28", "29", "30", "43", "48",
                       "49", "50", "51", "56", "57", "58", "59", "60", "61", "62", "63", "64", "66", "67", "68",
                       "73", "80", "81", "82", "85", "87", "88", "89", "90", "91"]
    assert plan.indicator("III.11").coordinators == ("cac-dia-phuong",)
    assert plan.indicator("I.1").coordinators == ("cac-so-nganh-dia-phuong",)
    assert plan.indicator("X.85.2").lead == ("so-nnptnt",) and plan.indicator("X.89").lead == ("so-nnptnt",)


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
    assert plan.task("V.14").coordinators == ("so-ldtbxh", "cac-so-nganh-lien-quan", "cac-dia-phuong")
    rural = plan.task("IV.6")
    assert rural.name == "Tổ chức triển khai thực hiện Đề án đổi mới nâng cao chất lượng đào tạo nghề cho lao động nông thôn"
    assert rural.lead == ("so-ldtbxh",) and rural.time == "2025" and rural.submission_level == "UBND tỉnh"
    assert rural.coordinators == ("so-nnptnt", "tinh-doan", "cac-so-nganh-lien-quan", "cac-dia-phuong")
    school = plan.task("VI.5")
    assert school.name.startswith("Tổ chức triển khai thực hiện Nghị định sửa đổi, bổ sung Nghị định số 116/2016/NĐ-CP")
    assert school.lead == ("so-gddt",) and school.time == "2024"
    assert school.coordinators == ("so-tai-chinh", "so-ldtbxh", "ban-dan-toc", "cac-so-nganh-dia-phuong")
    poverty = plan.task("V.11")
    assert poverty.submission_level == "UBND tỉnh; HĐND tỉnh" and poverty.lead == ("so-ldtbxh",)
    assert plan.task("VI.13").lead == ("so-vhtt",) and plan.task("V.1").lead == ("bhxh-tinh",)
    assert plan.task("VII.11").name == "Tổ chức triển khai thực hiện Đề án hệ thống chăm sóc sức khỏe Tâm thần"
    assert [t.time for t in plan.tasks if t.time.startswith("Sau khi")] == ["Sau khi Chính phủ ban hành Nghị định sửa đổi"] * 2


def test_short_forms_name_one_office(plan):
    names = ["Sở LĐTB&XH", "Sở LĐTBXH", "Sở Lao động - TB&XH", "Sở Lao động - Thương binh và Xã hội"]
    assert {plan.office_by_name(n).id for n in names} == {"so-ldtbxh"}
    assert plan.office_by_name("Sở Văn hóa - Thể thao").id == plan.office_by_name("Sở VH&TT").id == "so-vhtt"
    assert plan.office_by_name("BHXH tỉnh").id == plan.office_by_name("Bảo hiểm xã hội").id == "bhxh-tinh"
    assert plan.office_by_name("Sở Nội Vụ").id == plan.office_by_name("Sở Nội vụ").id == "so-noi-vu"
    assert plan.office_by_name("Sở GD&ĐT").id == plan.office_by_name("Sở Giáo dục và Đào tạo").id == "so-gddt"
    assert plan.office_by_name("Sở TT&TT").id == plan.office_by_name("Sở Thông tin và Truyền thông").id == "so-tttt"
    assert plan.office_by_name("Sở NN&PTNT").id == "so-nnptnt"
    assert plan.office_by_name("UBMTTQVN tỉnh").id == "ubmttq-tinh"
    for phrase in ("Các sở, ngành, địa phương", "Các địa phương", "UBND các huyện, thị xã, thành phố"):
        assert plan.office_by_name(phrase).kind == "collective"


def test_every_office_a_row_or_task_names_is_in_the_catalog(plan):
    used = {o for i in plan.indicators for o in i.lead + i.coordinators}
    used |= {o for t in plan.tasks for o in t.lead + t.coordinators}
    assert used <= set(plan.offices)
    assert {"cuc-thong-ke", "so-xay-dung", "so-yte", "so-tu-phap", "so-khdt", "nhcsxh", "cong-an-tinh", "ban-dan-toc",
            "so-tai-chinh", "so-khcn", "tinh-doan", "cac-co-quan-bao-chi"} <= used


def test_only_the_offices_that_report_are_departments_or_agencies(plan):
    # The lead office's workspace expects a yearly report from every local/department/agency office;
    # UBND tỉnh, HĐND tỉnh, the press and the central bodies of "Nơi nhận" do not report under the plan.
    units = {o.id for o in plan.offices.values() if o.kind in ("local", "department", "agency")}
    assert units == {
        "so-ldtbxh", "cuc-thong-ke", "so-tttt", "bhxh-tinh", "so-gddt", "so-yte", "so-vhtt", "so-xay-dung",
        "so-nnptnt", "so-tu-phap", "so-khdt", "so-noi-vu", "so-tai-chinh", "so-khcn", "ban-dan-toc", "nhcsxh",
        "cong-an-tinh"}
    assert plan.office_by_name("UBND tỉnh").kind == "other"
    assert plan.office_by_name("Bộ Lao động - Thương binh và Xã hội").kind == "central"
    assert plan.reporting.reports_to == "so-ldtbxh" and plan.reporting.review_years == ()
    assert "trước ngày 25/11 hàng năm" in plan.reporting.text


def test_every_row_as_printed(plan):
    assert_rows_match(plan, INDICATORS, TASKS)
    assert list(plan.recipients) == RECIPIENTS and len(RECIPIENTS) == 16


def test_task_counts_per_section(plan):
    # Phụ lục II: sections I-VII of the table, 69 numbered tasks in all.
    sections = Counter(t.section for t in plan.tasks)
    assert sum(sections.values()) == 69
    assert [s.removeprefix("Phụ lục II.") for s in sections] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert list(sections.values()) == [2, 4, 4, 14, 15, 19, 11]


def test_no_review_year_is_assumed(plan):
    # Phần IV, mục 2: "… đề xuất Ban Thường vụ Tỉnh ủy sơ kết, tổng kết … theo quy định" (no year).
    assert plan.reporting.review_years == ()
    assert "sơ kết, tổng kết" in plan.reporting.text


def test_damaged_text_is_cleaned(plan):
    # "m 2 sàn/ người" is m² sàn/người; "Tiểu  học" held a no-break space.
    for indicator_id in ("IX.82", "IX.82.1", "IX.82.2"):
        assert plan.indicator(indicator_id).unit == "m² sàn/người"
    assert plan.indicator("IV.20").targets[2025].printed == "Tiểu học"
