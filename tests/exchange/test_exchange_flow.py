"""Three offices carry their year to the lead office on a USB stick; the lead office
imports each package exactly once and consolidates the province's figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.core import entries
from desktop_app.core.errors import InputError
from desktop_app.core.exchange import keys
from desktop_app.core.exchange.consolidate import consolidate
from desktop_app.core.exchange.exporter import export_year
from desktop_app.core.exchange.importer import diff_revisions, import_packages
from desktop_app.core.exchange.national import adx_xml, csv_bytes, dhis2_json
from desktop_app.core.exchange.offices import add_office
from desktop_app.core.exchange.submissions import submissions, write_submissions_xlsx

DISTRICTS = ["huyen-dien-khanh", "huyen-cam-lam", "huyen-van-ninh"]


@pytest.fixture
def province(tmp_path, make_workspace):
    """A lead office and three districts that have loaded its key."""
    lead, _ = make_workspace("so-ldtbxh", role="lead", name="lead")
    key_file = tmp_path / "so-ldtbxh.tdkey"
    keys.export_public_key(lead, key_file)
    offices = {}
    for office_id in DISTRICTS:
        ws, _ = make_workspace(office_id, name=office_id)
        keys.import_public_key(ws, key_file)
        offices[office_id] = ws
    usb = tmp_path / "usb"
    usb.mkdir()
    return lead, offices, usb


def fill(ws, employed, numerator, denominator):
    entries.set_value(ws, 2026, "I.3", str(employed))
    entries.set_value(ws, 2026, "I.1", None, numerator=str(numerator), denominator=str(denominator))
    entries.set_value(ws, 2026, "II.2", "30")
    entries.set_task_progress(ws, 2026, "T1", status="done", result="Đã ban hành")
    entries.set_narrative(ws, 2026, "difficulties", f"Khó khăn của {ws.office_id}")


def sign(ws, year=2026):
    """The head of the office signs: what is still empty is marked as having no data."""
    from desktop_app.core.signoff import sign_year

    filled = entries.values(ws, year)
    for indicator in ws.plan.indicators:
        if indicator.id not in filled and not ws.plan.is_heading(indicator.id):
            entries.mark_no_data(ws, year, indicator.id, "Chưa có số liệu thống kê")
    sign_year(ws, year, signer_name="Trần Văn Bình", signer_title="Phó Chủ tịch")


def test_the_year_travels_from_three_offices_to_the_lead_office(province):
    lead, offices, usb = province
    for (office_id, ws), (employed, num, den) in zip(offices.items(), [(100, 30, 1000), (250, 50, 2000), (40, 9, 300)]):
        fill(ws, employed, num, den)
        sign(ws)
        result = export_year(ws, 2026, usb)
        assert result.verified and result.revision == 1
        assert result.path.name == f"mini-test_{office_id}_2026_r1.tdpkg"

    dry = import_packages(lead, [usb], dry_run=True, trust_new=True)
    assert [o.outcome for o in dry] == ["imported"] * 3
    assert entries.values(lead, 2026, DISTRICTS[0]) == {}

    without_trust = import_packages(lead, [usb])
    assert {o.reason for o in without_trust} == {"unregistered_signer"}
    assert all(keys.signing_key_fingerprint(ws) in o.message for o, ws in zip(
        sorted(without_trust, key=lambda o: o.path.name), [offices[k] for k in sorted(offices)]))

    first = import_packages(lead, [usb], trust_new=True)
    assert sorted(o.outcome for o in first) == ["imported"] * 3
    assert entries.value(lead, 2026, "I.3", "huyen-cam-lam").number == Decimal("250")
    assert entries.task_progress(lead, 2026, "huyen-cam-lam")["T1"].status == "done"
    assert entries.report_state(lead, 2026, "huyen-cam-lam").difficulties_text == "Khó khăn của huyen-cam-lam"

    again = import_packages(lead, [usb])
    assert [o.outcome for o in again] == ["duplicate"] * 3

    rows = {r.indicator.id: r for r in consolidate(lead, 2026)}
    assert rows["I.3"].value == Decimal("390") and rows["I.3"].method == "sum"
    # (30 + 50 + 9) / (1000 + 2000 + 300): recomputed from the sums, not an average of rates.
    assert rows["I.1"].value == Decimal("2.70") and rows["I.1"].method == "ratio_of_sums"
    # Beds per 10,000 people cannot be added up; no department sent it: the median, said so.
    assert rows["II.2"].method == "median" and rows["II.2"].value == Decimal("30")
    assert rows["II.2"].offices == 3 and "Trung vị" in rows["II.2"].note

    states = {r.office_id: r.status for r in submissions(lead, 2026)}
    assert all(states[d] == "on_time" for d in DISTRICTS)


def test_a_corrected_revision_supersedes_and_a_stale_one_is_kept_but_not_applied(province):
    lead, offices, usb = province
    ws = offices["huyen-dien-khanh"]
    fill(ws, 100, 30, 1000)
    first = export_year(ws, 2026, usb)
    entries.set_value(ws, 2026, "I.3", "120")
    second = export_year(ws, 2026, usb)
    assert second.revision == 2
    assert import_packages(lead, [second.path], trust_new=True)[0].outcome == "imported"
    stale = import_packages(lead, [first.path])[0]
    assert stale.outcome == "stale"
    assert entries.value(lead, 2026, "I.3", "huyen-dien-khanh").number == Decimal("120")
    entries.set_value(ws, 2026, "I.3", "130")
    third = export_year(ws, 2026, usb)
    assert import_packages(lead, [third.path])[0].outcome == "superseded"
    assert entries.value(lead, 2026, "I.3", "huyen-dien-khanh").number == Decimal("130")
    changes = dict((k, (a, b)) for k, a, b in diff_revisions(lead, "huyen-dien-khanh", 2026, 2, 3))
    assert changes["values/I.3"][0]["number"] == "120" and changes["values/I.3"][1]["number"] == "130"
    row = next(r for r in submissions(lead, 2026) if r.office_id == "huyen-dien-khanh")
    assert row.amended and row.revision == 3 and row.status == "draft"


def test_late_and_missing_offices_are_listed_for_reminders(province, tmp_path):
    lead, offices, usb = province
    fill(offices["huyen-dien-khanh"], 100, 30, 1000)
    sign(offices["huyen-dien-khanh"])
    late_day = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.timezone.utc)  # deadline 25/11
    export_year(offices["huyen-dien-khanh"], 2026, usb, now=late_day)
    import_packages(lead, [usb], trust_new=True, now=late_day)
    add_office(lead, "UBND xã Suối Tiên", "local")
    rows = {r.office_id: r for r in submissions(lead, 2026)}
    assert rows["huyen-dien-khanh"].status == "late" and rows["huyen-dien-khanh"].days_late == 3
    assert "3" in rows["huyen-dien-khanh"].label("vi")
    assert rows["ubnd-xa-suoi-tien"].status == "missing"
    path = write_submissions_xlsx(list(rows.values()), tmp_path / "nop.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"


def test_national_exports_carry_the_consolidated_values(province):
    lead, offices, usb = province
    fill(offices["huyen-dien-khanh"], 100, 30, 1000)
    export_year(offices["huyen-dien-khanh"], 2026, usb)
    import_packages(lead, [usb], trust_new=True)
    rows = consolidate(lead, 2026)
    adx = adx_xml(lead, 2026, rows).decode()
    assert 'xmlns="urn:ihe:qrph:adx:2015"' in adx and 'period="2026-01-01/P1Y"' in adx
    assert 'dataElement="mini-test.I.3" value="100"' in adx
    import json

    dhis = json.loads(dhis2_json(lead, 2026, rows))
    assert {"dataElement": "mini-test.I.3", "period": "2026", "orgUnit": "mini-test.so-ldtbxh", "value": "100",
            "comment": "sum"} in dhis["dataValues"]
    text = csv_bytes(lead, 2026, rows).decode("utf-8-sig")
    assert "I.3" in text and "Số người được giải quyết việc làm" in text


def test_an_office_without_the_lead_key_cannot_export(make_workspace, tmp_path):
    ws, _ = make_workspace("so-yte", name="yte")
    with pytest.raises(InputError):
        export_year(ws, 2026, tmp_path)


def test_the_consolidated_report_lists_who_reported_and_the_units_values(province, tmp_path):
    from pypdf import PdfReader

    from desktop_app.core.exchange.report import consolidated_report
    from desktop_app.core.reports.consolidated import build_consolidated_pdf

    lead, offices, usb = province
    fill(offices["huyen-dien-khanh"], 100, 30, 1000)
    fill(offices["huyen-cam-lam"], 250, 50, 2000)
    for office_id in ("huyen-dien-khanh", "huyen-cam-lam"):
        export_year(offices[office_id], 2026, usb)
    import_packages(lead, [usb], trust_new=True)
    report = consolidated_report(lead, 2026)
    province_row = next(line for line in report.figures if line.name == "Số người được giải quyết việc làm")
    assert province_row.value == Decimal("350")
    result = build_consolidated_pdf(report, tmp_path / "tong-hop.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(str(tmp_path / "tong-hop.pdf")).pages)
    # Decree 30's appendix heads, each on its own line: "Phụ lục I", "Phụ lục II", "Phụ lục III".
    heads = [line.strip() for line in text.splitlines() if line.strip().startswith("Phụ lục ")]
    assert heads == ["Phụ lục I", "Phụ lục II", "Phụ lục III"] and result.pages >= 3
    assert "Ủy ban nhân dân huyện Vạn Ninh" in text and "Chưa gửi" in text
    assert "Ủy ban nhân dân huyện Cam Lâm" in text and "250" in text


def test_the_lead_office_sends_a_plan_update_that_offices_apply_once(province, tmp_path):
    from dataclasses import replace

    from desktop_app.core.errors import PackageError
    from desktop_app.core.exchange.plan_update import export_plan_update, import_plan_update
    from desktop_app.core.model import Office, Target

    lead, offices, _usb = province
    plan = lead.plan
    amended = replace(
        plan, catalog_version=2,
        indicators=tuple(replace(i, targets={**i.targets, 2030: Target(2030, "< 2,5")}) if i.id == "I.1" else i
                         for i in plan.indicators),
        offices={**plan.offices, "xa-moi": Office("xa-moi", "UBND xã Mới", kind="local")},
    )
    path = export_plan_update(lead, amended, tmp_path / "cap-nhat.tdplan")
    district = offices["huyen-dien-khanh"]
    applied = import_plan_update(district, path)
    assert applied.catalog_version == 2
    assert district.plan.indicator("I.1").targets[2030].printed == "< 2,5"
    assert district.query("SELECT name FROM offices WHERE id = 'xa-moi'")[0][0] == "UBND xã Mới"
    with pytest.raises(PackageError) as again:
        import_plan_update(district, path)
    assert again.value.reason == "stale"
    forged = tmp_path / "gia.tdplan"
    data = bytearray(path.read_bytes())
    data[-40] ^= 1
    forged.write_bytes(bytes(data))
    with pytest.raises(PackageError):
        import_plan_update(offices["huyen-cam-lam"], forged)
