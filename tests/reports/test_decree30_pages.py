"""Every page of every paper the program prints, measured as a Decree 30 reviewer would:
every word and every drawn mark inside the margins (the top margin holds only the page
number, as the decree places it), the short rule under the trích yếu, "Kính gửi" when
the report goes up, appendices headed "Phụ lục I", "Phụ lục II" and referred to from
the text, "DỰ THẢO" on every page of a draft and on none of a signed report, the
authority and title in the signature block, a commune's own place in the date line."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from desktop_app.core import entries, signoff
from desktop_app.core.demo import fill_demo_data
from desktop_app.core.errors import InputError
from desktop_app.core.model import Office
from desktop_app.core.plans import load_bundled_plan
from desktop_app.core.reports.build import write_year_pdf
from desktop_app.core.reports.model import PageSettings
from desktop_app.core.reports.recovery_sheet import write_recovery_sheet
from desktop_app.core.reports.review import review_report, write_review_pdf

ARTEFACTS = Path(__file__).parent / "artefacts"
MM = 72 / 25.4
SETTINGS = PageSettings()
DAY = dt.date(2026, 12, 5)


def squeeze(text: str) -> str:
    return " ".join((text or "").split())


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    """A department (the lead office) and a commune of Khánh Hòa, each with its papers:
    the annual report as a draft and as signed, both review reports, the recovery sheet."""
    from conftest import PASSPHRASE
    from desktop_app.core import clock
    from desktop_app.core.workspace import Workspace

    clock.set_now("2026-06-15T09:00:00+07:00")
    folder = tmp_path_factory.mktemp("papers")
    plan = load_bundled_plan("khanhhoa-2024")
    built = {}
    department, code = Workspace.create(folder / "so.tiendo", PASSPHRASE, plan=plan, office_id="so-ldtbxh",
                                        user_name="Cán bộ")
    fill_demo_data(department)
    built["annual-draft"] = write_year_pdf(department, 2026, folder / "annual-draft.pdf", today=DAY), \
        folder / "annual-draft.pdf"
    # Of the bundled plans only An Giang's names its reviews (2025 and 2030).
    health, _ = Workspace.create(folder / "ag.tiendo", PASSPHRASE, plan=load_bundled_plan("angiang-2025"),
                                 office_id="so-yte", user_name="Cán bộ")
    fill_demo_data(health)
    built["review-2025"] = write_review_pdf(health, 2025, folder / "review-2025.pdf", today=DAY), \
        folder / "review-2025.pdf"
    built["review-2030"] = write_review_pdf(health, 2030, folder / "review-2030.pdf", today=DAY), \
        folder / "review-2030.pdf"
    health.close()
    for gap in signoff.readiness(department, 2026):
        entries.mark_no_data(department, 2026, gap.indicator_id, "Cục Thống kê chưa công bố")
    signoff.sign_year(department, 2026, signer_name="Nguyễn Văn An", signer_title="PHÓ GIÁM ĐỐC",
                      signer_authority="KT. GIÁM ĐỐC", report_number="245/BC-SLĐTBXH")
    built["annual-signed"] = write_year_pdf(department, 2026, folder / "annual-signed.pdf", today=DAY), \
        folder / "annual-signed.pdf"
    sheet = write_recovery_sheet(folder / "recovery.pdf", office="Sở Lao động - Thương binh và Xã hội",
                                 workspace=str(folder / ("thu-muc-rat-dai-" * 8) / "so.tiendo"), code=code,
                                 created_on=DAY)
    built["recovery"] = None, sheet
    department.close()

    commune, _ = Workspace.create(folder / "xa.tiendo", PASSPHRASE, plan=plan, office_id="xa-vinh-luong",
                                  new_office=Office("xa-vinh-luong", "UBND xã Vĩnh Lương", kind="local"),
                                  user_name="Cán bộ xã")
    fill_demo_data(commune)
    for gap in signoff.readiness(commune, 2026):
        entries.mark_no_data(commune, 2026, gap.indicator_id, "Xã không theo dõi chỉ tiêu này")
    signoff.sign_year(commune, 2026, signer_name="Trần Thị Bình", signer_title="PHÓ CHỦ TỊCH",
                      signer_authority="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", report_number="17/BC-UBND")
    built["commune-signed"] = write_year_pdf(commune, 2026, folder / "commune.pdf", today=DAY), \
        folder / "commune.pdf"
    commune.close()
    clock.set_now(None)
    if shutil.which("pdftoppm"):
        ARTEFACTS.mkdir(exist_ok=True)
        for name, (_result, path) in built.items():
            subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(path),
                            str(ARTEFACTS / f"paper-{name}")], check=False)
    return built


def pages(path: Path):
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            yield number, page


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(str(path)) as pdf:
        return [squeeze(page.extract_text()) for page in pdf.pages]


ALL = ("annual-draft", "annual-signed", "review-2025", "review-2030", "recovery", "commune-signed")


@pytest.mark.parametrize("name", ALL)
def test_every_word_and_mark_on_every_page_is_inside_the_margins(papers, name):
    _result, path = papers[name]
    for number, page in pages(path):
        assert {round(page.width), round(page.height)} == {595, 842}
        left, right = SETTINGS.left_mm * MM, SETTINGS.right_mm * MM
        top, bottom = SETTINGS.top_mm * MM, SETTINGS.bottom_mm * MM
        words = page.extract_words()
        assert words, (name, number)
        for word in words:
            in_top_margin = word["top"] < top - 0.5
            if in_top_margin:   # only the page number, from page 2, centred
                assert number > 1 and word["text"] == str(number), (name, number, word["text"])
                assert abs((word["x0"] + word["x1"]) / 2 - page.width / 2) < 3
                continue
            assert word["x0"] >= left - 0.5, (name, number, word["text"], word["x0"])
            assert word["x1"] <= page.width - right + 0.5, (name, number, word["text"], word["x1"])
            assert word["bottom"] <= page.height - bottom + 0.5, (name, number, word["text"], word["bottom"])
        for mark in [*page.rects, *page.lines, *page.images]:
            assert mark["x0"] >= left - 0.5 and mark["x1"] <= page.width - right + 0.5, (name, number, mark["x0"])
            assert mark["top"] >= top - 0.5 and mark["bottom"] <= page.height - bottom + 0.5, (name, number)


@pytest.mark.parametrize("name", ("annual-draft", "annual-signed", "review-2025", "review-2030"))
def test_a_short_centred_rule_sits_under_the_trich_yeu(papers, name):
    _result, path = papers[name]
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        title = next(w for w in words if w["text"] == "BÁO")
        # The trích yếu: the bold lines between "BÁO CÁO" and the rule under them.
        lines = [segment for segment in page.lines + page.rects
                 if segment["top"] > title["bottom"] and abs(segment["bottom"] - segment["top"]) < 2]
        rule = min(lines, key=lambda s: s["top"])
        summary = [w for w in words if title["bottom"] < w["top"] < rule["top"]]
        assert summary and summary[-1]["bottom"] < rule["top"] < summary[-1]["bottom"] + 12
        line_words = [w for w in summary if abs(w["top"] - summary[-1]["top"]) < 2]
        first_words = [w for w in summary if abs(w["top"] - summary[0]["top"]) < 2]
        widest = max(max(w["x1"] for w in group) - min(w["x0"] for w in group) for group in (line_words, first_words))
        length = rule["x1"] - rule["x0"]
        assert widest / 3 - 1 <= length <= widest / 2 + 1
        centre = (SETTINGS.left_mm * MM + page.width - SETTINGS.right_mm * MM) / 2
        assert abs((rule["x0"] + rule["x1"]) / 2 - centre) < 2


def test_kinh_gui_goes_up_to_the_office_the_plan_names(papers):
    lead = page_texts(papers["annual-signed"][1])[0]
    assert "Kính gửi: Ủy ban nhân dân tỉnh." in lead
    commune = page_texts(papers["commune-signed"][1])[0]
    assert "Kính gửi: Sở Lao động - Thương binh và Xã hội." in commune


def test_a_commune_prints_its_own_place_and_signs_for_the_committee(papers):
    result, path = papers["commune-signed"]
    text = [squeeze(page.extract_text()) for _n, page in pages(path)]
    # Dated the day it was signed (the clock's day in these tests).
    assert "Vĩnh Lương, ngày 15 tháng 6 năm 2026" in text[0]
    assert "Khánh Hòa, ngày" not in text[0]
    # A people's committee heads its papers with its own name alone (no parent office).
    assert text[0].startswith("UBND XÃ VĨNH LƯƠNG CỘNG HÒA") and "UBND TỈNH" not in text[0]
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[result.signature_page]
        x1, y1, x2, y2 = result.signature_box
        block = squeeze(page.crop((x1 - 20, page.height - y2 - 60, min(page.width, x2 + 40), page.height - y2))
                        .extract_text())
    assert block.endswith("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"), block
    assert "Trần Thị Bình" in text[result.signature_page]


def test_the_department_signs_kt_giam_doc_pho_giam_doc(papers):
    result, path = papers["annual-signed"]
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[result.signature_page]
        x1, y1, x2, y2 = result.signature_box
        block = squeeze(page.crop((x1 - 20, page.height - y2 - 45, min(page.width, x2 + 40), page.height - y2))
                        .extract_text())
    assert block.endswith("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"), block


def test_a_draft_is_stamped_du_thao_on_every_page_and_a_signed_report_on_none(papers):
    for name in ("annual-draft", "review-2030"):
        for number, page in pages(papers[name][1]):
            assert "DỰ THẢO" in squeeze(page.extract_text()), (name, number)
            stamp = [w for w in page.extract_words() if w["text"] == "THẢO"]
            assert stamp and stamp[0]["top"] < page.height / 4     # at the head of the page
    # The An Giang plan starts in 2025: its phase review covers one year, signed off.
    for name in ("annual-signed", "review-2025"):
        for number, page in pages(papers[name][1]):
            assert "DỰ THẢO" not in squeeze(page.extract_text()), (name, number)


def test_reviews_refer_to_their_appendices_which_are_headed_phu_luc_i_and_ii(papers):
    for name in ("review-2025", "review-2030"):
        texts = [squeeze(page.extract_text()) for _n, page in pages(papers[name][1])]
        assert "(chi tiết tại Phụ lục I kèm theo)" in texts[0]
        assert "(chi tiết tại Phụ lục II kèm theo)" in texts[0]
        heads = {}
        for number, text in enumerate(texts):
            found = re.match(r"^(?:\d+ )?(?:DỰ THẢO )?(Phụ lục (?:I|II)) ", text)
            if found:
                heads[found.group(1)] = number
        assert set(heads) == {"Phụ lục I", "Phụ lục II"}, name
        assert heads["Phụ lục I"] < heads["Phụ lục II"]
        assert "(Kèm theo Báo cáo số …/BC-… ngày 05/12/2026 của Sở Y tế)" in texts[heads["Phụ lục I"]]


def test_the_phase_review_gives_baseline_each_year_target_and_verdict(papers):
    texts = [squeeze(page.extract_text()) for _n, page in pages(papers["review-2025"][1])]
    whole = " ".join(texts)
    assert "Sơ kết thực hiện Kế hoạch số 422/KH-UBND ngày 15/4/2025 của UBND tỉnh năm 2025" in texts[0]
    for header in ("Năm", "gốc", "(2024)", "Mục tiêu", "Đánh giá"):
        assert header in whole, header
    assert "Kết quả đến năm 2025" in whole or "không được giao nhiệm vụ" in whole
    final = " ".join(squeeze(page.extract_text()) for _n, page in pages(papers["review-2030"][1]))
    assert "Tổng kết thực hiện Kế hoạch số 422/KH-UBND" in final and "giai đoạn 2025 - 2030" in final
    assert "Mục tiêu" in final and "2030" in final


def test_no_data_reasons_are_numbered_notes_under_the_table(papers):
    result, path = papers["annual-signed"]
    whole = " ".join(squeeze(page.extract_text()) for _n, page in pages(path))
    assert "Ghi chú:" in whole
    assert "(1) Chỉ tiêu" in whole and "Không có số liệu: " in whole
    with pdfplumber.open(str(path)) as pdf:
        marked = [page.crop((page.width * 0.6, 0, page.width, page.height)).extract_text() or "" for page in pdf.pages]
    assert "(1)" in " ".join(marked)    # the note's number beside the figure, in the value columns


def test_the_review_model_follows_the_plan_and_refuses_years_it_names_no_review_in(make_workspace):
    ws, _ = make_workspace("so-yte", plan=load_bundled_plan("angiang-2025"), name="ag")
    report = review_report(ws, 2025, today=DAY)
    assert report.years == (2025,) and report.kind == "so_ket" and not report.signed
    final = review_report(ws, 2030, today=DAY)
    assert final.years == tuple(range(2025, 2031)) and final.kind == "tong_ket"
    with pytest.raises(InputError) as refused:
        review_report(ws, 2027)
    assert "2025, 2030" in refused.value.message("en")
    # Khánh Hòa's plan asks for periodic reviews without naming a year: none is assumed,
    # the office names the year, and the plan's last year closes the whole period.
    kh, _ = make_workspace("so-ldtbxh", plan=load_bundled_plan("khanhhoa-2024"), name="kh")
    phase = review_report(kh, 2025, today=DAY)
    assert phase.kind == "so_ket" and phase.years == (2024, 2025)
    assert review_report(kh, 2030, today=DAY).kind == "tong_ket"
    with pytest.raises(InputError) as refused:
        review_report(kh, 2024)    # a review closes a phase: not the plan's first year
    assert "2025, 2026" in refused.value.message("en")


def test_the_recovery_sheet_names_the_office_not_its_id(papers):
    text = squeeze(" ".join(page.extract_text() for _n, page in pages(papers["recovery"][1])))
    assert "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" in text and "so-ldtbxh" not in text
    assert "MÃ KHÔI PHỤC DỮ LIỆU TIENDO" in text
