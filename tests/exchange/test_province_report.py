"""The lead office on today's map: a department and two communes report (one commune
formed on 1 July 2025 by merging two districts, whose former package counts for it);
the consolidated report is the province's report, and its fingerprint vouches for the
figures and the packages behind them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from desktop_app.core import entries
from desktop_app.core.exchange import keys, roster
from desktop_app.core.exchange.consolidate import consolidate
from desktop_app.core.exchange.exporter import export_year
from desktop_app.core.exchange.importer import import_packages
from desktop_app.core.exchange.report import province_report
from desktop_app.core.exchange.submissions import counts, submissions, write_reminders
from desktop_app.core.model import Office
from desktop_app.core.reports.consolidated import build_consolidated_pdf
from desktop_app.core.signoff import sign_year
from desktop_app.core.workspace import Workspace
from conftest import PASSPHRASE

MERGER = dt.date(2025, 7, 1)


@pytest.fixture
def province(tmp_path, make_workspace, mini_plan):
    """Sở LĐTB&XH consolidates; Sở Y tế, xã Suối Tiên and the former huyện Cam Lâm (now
    part of xã Diên Lâm) have loaded its key; huyện Vạn Ninh never sends."""
    lead, _ = make_workspace("so-ldtbxh", role="lead", name="lead")
    key_file = tmp_path / "lead.tdkey"
    keys.export_public_key(lead, key_file)
    roster.add(lead, "UBND xã Suối Tiên", office_id="xa-suoi-tien", valid_from=MERGER)
    dien_lam = roster.merge(lead, ["huyen-dien-khanh", "huyen-cam-lam"], "UBND xã Diên Lâm", MERGER)
    commune, _ = Workspace.create(tmp_path / "xa.tiendo", PASSPHRASE, plan=mini_plan, office_id="xa-suoi-tien",
                                  new_office=Office("xa-suoi-tien", "UBND xã Suối Tiên", kind="local"))
    offices = {"so-yte": make_workspace("so-yte", name="so-yte")[0], "xa-suoi-tien": commune,
               "huyen-cam-lam": make_workspace("huyen-cam-lam", name="huyen-cam-lam")[0]}
    for ws in offices.values():
        keys.import_public_key(ws, key_file)
    usb = tmp_path / "usb"
    usb.mkdir()
    yield lead, offices, usb, dien_lam
    commune.close()


def fill_and_send(offices, usb):
    commune, district, health = offices["xa-suoi-tien"], offices["huyen-cam-lam"], offices["so-yte"]
    for ws, employed, num, den, rate, beds in ((commune, 100, 30, 1000, 60, 30), (district, 250, 50, 2000, 70, 28)):
        entries.set_value(ws, 2026, "I.3", str(employed))
        entries.set_value(ws, 2026, "I.1", None, numerator=str(num), denominator=str(den))
        entries.set_value(ws, 2026, "I.2", str(rate))
        entries.set_value(ws, 2026, "II.2.1", str(beds))
    entries.set_task_progress(commune, 2026, "T1", status="done", result="Đã ban hành Kế hoạch số 12/KH-UBND")
    entries.set_task_progress(district, 2026, "T1", status="in_progress", result="Đang rà soát hồ sơ người có công")
    entries.set_narrative(commune, 2026, "difficulties", "Xã thiếu cán bộ lao động - xã hội chuyên trách.")
    entries.set_narrative(district, 2026, "proposals", "Đề nghị tỉnh hỗ trợ kinh phí rà soát hộ nghèo.")
    entries.set_value(health, 2026, "II.2.1", "25")
    entries.set_value(health, 2026, "II.1", "95,5")
    entries.set_judgement(health, 2026, "II.1", True)
    entries.set_value(health, 2026, "II.2", "28")
    entries.set_task_progress(health, 2026, "T2", status="in_progress", result="Nâng cấp Bệnh viện đa khoa tỉnh")
    entries.set_narrative(health, 2026, "difficulties", "Thiếu bác sĩ ở tuyến cơ sở.")
    sign_year(health, 2026, signer_name="Lê Văn Hùng", signer_title="Giám đốc")
    for ws in (commune, district, health):
        export_year(ws, 2026, usb)


def pdf_text(path) -> str:
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))


def test_the_consolidated_report_is_the_provinces_report(province, tmp_path):
    lead, offices, usb, dien_lam = province
    fill_and_send(offices, usb)
    assert {o.outcome for o in import_packages(lead, [usb], trust_new=True)} == {"imported"}

    rows = {r.office_id: r for r in submissions(lead, 2026)}
    assert rows[dien_lam].via == ("Ủy ban nhân dân huyện Cam Lâm",) and rows[dien_lam].status == "draft"
    assert rows["so-yte"].status == "on_time" and rows["huyen-van-ninh"].status == "missing"
    assert "huyen-cam-lam" not in rows and "huyen-dien-khanh" not in rows   # merged: not expected any more
    tally = counts(list(rows.values()))
    assert (tally.expected, tally.on_time, tally.draft, tally.missing) == (4, 1, 2, 1)

    figures = {r.indicator.id: r for r in consolidate(lead, 2026)}
    assert figures["I.3"].value == Decimal("350") and figures["I.3"].method == "sum"
    # (30 + 50) / (1000 + 2000), recomputed, not the mean of 3 % and 2.5 %.
    assert figures["I.1"].value == Decimal("2.67") and figures["I.1"].method == "ratio_of_sums"
    assert figures["I.2"].method == "median" and figures["I.2"].value == Decimal("65")
    # The department's figure is the province's; the communes' beds are never added to it.
    assert figures["II.2.1"].value == Decimal("25") and figures["II.2.1"].method == "department"
    assert "huyện Vạn Ninh" in figures["I.3"].note

    report = province_report(lead, 2026)
    path = tmp_path / "tong-hop.pdf"
    build_consolidated_pdf(report, path)
    text = pdf_text(path)
    assert "Toàn tỉnh năm 2026" in text and "Kính gửi: Ủy ban nhân dân tỉnh" in text
    assert "Số người được giải quyết việc làm người 1.500 - 350" in text
    assert "2,67" in text and "Tính lại từ tổng tử số và tổng mẫu số của 2 đơn vị" in text
    assert "Trung vị tỷ lệ của 2 đơn vị" in text and "không cộng với số liệu cấp tỉnh" not in text.split("II.2")[0]
    assert "Xã thiếu cán bộ lao động - xã hội chuyên trách." in text
    assert "Đề nghị tỉnh hỗ trợ kinh phí rà soát hộ nghèo." in text and "Thiếu bác sĩ ở tuyến cơ sở." in text
    assert "Đã ban hành Kế hoạch số 12/KH-UBND" in text and "Nâng cấp Bệnh viện đa khoa tỉnh" in text
    assert "Ủy ban nhân dân huyện Cam Lâm (nay là UBND xã Diên Lâm)" in text
    assert "được tính cho UBND xã Diên Lâm" in text
    assert "Ủy ban nhân dân huyện Vạn Ninh Chưa gửi" in text
    assert report.fingerprint and report.fingerprint[:4] in text

    again = province_report(lead, 2026)
    assert again.fingerprint == report.fingerprint   # printing twice vouches for the same data

    entries.set_value(offices["xa-suoi-tien"], 2026, "I.3", "120")
    corrected = export_year(offices["xa-suoi-tien"], 2026, usb)
    assert import_packages(lead, [corrected.path])[0].outcome == "superseded"
    after = province_report(lead, 2026)
    assert after.fingerprint != report.fingerprint
    assert next(f for f in after.figures if f.indicator_id == "I.3").value == Decimal("370")


def test_the_reminder_list_names_the_missing_offices(province, tmp_path):
    lead, offices, usb, dien_lam = province
    fill_and_send(offices, usb)
    import_packages(lead, [usb], trust_new=True)
    text = write_reminders(lead, 2026, tmp_path / "nhac.txt").read_text(encoding="utf-8")
    assert "1. Ủy ban nhân dân huyện Vạn Ninh" in text and "Suối Tiên" not in text


def test_renames_and_retirements_hold_from_their_date(province):
    lead, _offices, _usb, dien_lam = province
    roster.rename(lead, "xa-suoi-tien", "UBND phường Suối Tiên", dt.date(2026, 1, 1))
    roster.retire(lead, "huyen-van-ninh", dt.date(2026, 3, 1))
    entry = next(e for e in roster.entries(lead) if e.office_id == "xa-suoi-tien")
    assert entry.name == "UBND phường Suối Tiên" and entry.former_names == ("UBND xã Suối Tiên",)
    expected_2026 = {e.office_id for e in roster.expected(lead, 2026)}
    assert "huyen-van-ninh" not in expected_2026 and dien_lam in expected_2026
    assert "huyen-van-ninh" in {e.office_id for e in roster.expected(lead, 2024)}
    assert dien_lam not in {e.office_id for e in roster.expected(lead, 2024)}


def test_a_signed_year_shared_as_a_draft_is_not_counted_as_on_time(province):
    lead, offices, usb, _dien_lam = province
    fill_and_send(offices, usb)
    import_packages(lead, [usb], trust_new=True)
    health = offices["so-yte"]
    shared = export_year(health, 2026, usb, draft=True)
    import_packages(lead, [shared.path])
    row = next(r for r in submissions(lead, 2026) if r.office_id == "so-yte")
    assert row.status == "draft"
