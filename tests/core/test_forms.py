"""Each office gets its own form: what the plan makes it lead or coordinate, not the
whole catalog; a commune reports per section of the plan; the lead office can change a
form and send it; the clerk can add an indicator."""

from __future__ import annotations

import pytest

from conftest import PASSPHRASE
from desktop_app.core import entries, forms, signoff
from desktop_app.core.errors import InputError
from desktop_app.core.model import Office
from desktop_app.core.plans import bundled_plan_codes, load_bundled_plan
from desktop_app.core.workspace import Workspace

PLANS = ["angiang-2025", "bacgiang-2024", "khanhhoa-2024", "kiengiang-2024"]


@pytest.fixture
def create(tmp_path):
    opened = []

    def make(plan, office_id, *, new_office=None, role="reporting"):
        ws, _ = Workspace.create(tmp_path / f"{plan.code}-{office_id}.tiendo", PASSPHRASE, plan=plan, office_id=office_id,
                                 new_office=new_office, role=role)
        opened.append(ws)
        return ws

    yield make
    for ws in opened:
        ws.close()


def test_every_bundled_plan_is_covered():
    assert set(PLANS) <= set(bundled_plan_codes())


@pytest.mark.parametrize("code", PLANS)
def test_a_commune_gets_a_form_smaller_than_the_catalog_with_tasks_by_section(create, code):
    plan = load_bundled_plan(code)
    commune = Office("ubnd-xa-suoi-tien", "Ủy ban nhân dân xã Suối Tiên", "UBND xã Suối Tiên", (), "local")
    ws = create(plan, commune.id, new_office=commune)
    form = forms.office_form(ws)
    assert form.local
    reportable = [i for i in plan.indicators if not plan.is_heading(i.id)]
    assert len(form.indicators) < len(reportable) / 2
    assert len(form.tasks) <= len({t.section for t in plan.tasks}) or len({t.section for t in plan.tasks}) == 1
    assert len(form.tasks) <= len(plan.tasks)
    # signing off needs only what is on the form
    assert len(signoff.readiness(ws, 2026)) == len([i for i in form.indicators if not plan.is_heading(i)])


@pytest.mark.parametrize("code", PLANS)
def test_a_department_form_holds_what_it_leads(create, code):
    plan = load_bundled_plan(code)
    ws = create(plan, "so-yte")
    form = forms.office_form(ws)
    led = {i.id for i in plan.indicators if "so-yte" in i.lead}
    assert led and led <= set(form.indicators)
    assert len(form.indicators) < len(plan.indicators)
    assert {t.id for t in plan.tasks if "so-yte" in t.lead} <= set(form.task_ids)
    assert not form.local and all(not item.grouped for item in form.tasks)


def test_khanh_hoa_communes_report_the_indicators_the_plan_gives_localities_and_seven_sections(create):
    plan = load_bundled_plan("khanhhoa-2024")
    commune = Office("xa-cam-hai-dong", "UBND xã Cam Hải Đông", "", (), "local")
    form = forms.office_form(create(plan, commune.id, new_office=commune))
    assert set(form.indicators) == {i.id for i in plan.indicators if "cac-dia-phuong" in i.coordinators}
    assert len(form.tasks) == 7 and len(form.task_ids) == len(plan.tasks)
    assert form.tasks[0].id == "S:Phụ lục II.I" and form.tasks[0].task_ids == ("I.1", "I.2")


def test_a_section_is_reported_once_and_reaches_each_of_its_tasks(create):
    plan = load_bundled_plan("khanhhoa-2024")
    commune = Office("xa-cam-hai-dong", "UBND xã Cam Hải Đông", "", (), "local")
    ws = create(plan, commune.id, new_office=commune)
    forms.set_item_progress(ws, 2026, "S:Phụ lục II.V", status="in_progress", result="Đang triển khai tại xã")
    recorded = entries.task_progress(ws, 2026)
    section = [t.id for t in plan.tasks if t.section == "Phụ lục II.V"]
    assert len(section) == 15 and all(recorded[t].status == "in_progress" for t in section)
    assert forms.item_progress(ws, 2026)["S:Phụ lục II.V"].result == "Đang triển khai tại xã"
    with pytest.raises(InputError):
        forms.set_item_progress(ws, 2026, "S:không có", status="done")


def test_the_clerk_adds_an_indicator_and_it_outlives_a_plan_update(create):
    plan = load_bundled_plan("khanhhoa-2024")
    commune = Office("xa-cam-hai-dong", "UBND xã Cam Hải Đông", "", (), "local")
    ws = create(plan, commune.id, new_office=commune)
    assert not forms.office_form(ws).has_indicator("II.2")
    form = forms.add_indicator(ws, "II.2")
    assert form.has_indicator("II.2") and "II.2" in form.added
    assert any(g.indicator_id == "II.2" for g in signoff.readiness(ws, 2026))
    with ws.transaction() as tx:
        forms.apply_catalog_form(ws, tx, ws.plan)
    assert forms.office_form(ws).has_indicator("II.2")
    with pytest.raises(InputError):
        forms.remove_indicator(ws, "V.24")  # the plan's, not the clerk's
    assert not forms.remove_indicator(ws, "II.2").has_indicator("II.2")


def test_the_lead_office_changes_a_form_and_it_travels_in_the_plan_update(create, tmp_path):
    from desktop_app.core.exchange import keys
    from desktop_app.core.exchange.plan_update import export_plan_update, import_plan_update

    plan = load_bundled_plan("khanhhoa-2024")
    lead = create(plan, "so-ldtbxh", role="lead")
    commune = Office("xa-cam-hai-dong", "UBND xã Cam Hải Đông", "", (), "local")
    office = create(plan, commune.id, new_office=commune)
    keys.export_public_key(lead, tmp_path / "lead.tdkey")
    keys.import_public_key(office, tmp_path / "lead.tdkey")
    with pytest.raises(InputError):
        forms.set_office_form(office, "kind:local", indicators=["II.2"], tasks=[])
    updated = forms.set_office_form(lead, "kind:local", indicators=["II.2", "V.24"], tasks=["I.1", "I.2", "II.1"])
    assert updated.catalog_version == plan.catalog_version + 1
    export_plan_update(lead, lead.plan, tmp_path / "update.tdplan")
    import_plan_update(office, tmp_path / "update.tdplan")
    form = forms.office_form(office)
    assert form.indicators == ("II.2", "V.24")
    assert [item.id for item in form.tasks] == ["S:Phụ lục II.I", "II.1"]


def test_a_department_reports_the_tasks_the_plan_gives_all_departments(create):
    # An Giang III.1: "Các sở, ban, ngành, địa phương" lead it; Sở Y tế is one of them.
    plan = load_bundled_plan("angiang-2025")
    ws = create(plan, "so-yte")
    form = forms.office_form(ws)
    assert "III.1" in form.task_ids
    assert "III.9" not in form.task_ids   # Ủy ban MTTQ leads it alone


def test_a_section_line_is_shortened_between_words():
    from desktop_app.core.forms import _shortened

    text = "Tổ chức triển khai thực hiện Đề án tăng cường tuyên truyền, phổ biến chính sách xã hội đáp ứng yêu cầu"
    short = _shortened(text, 90)
    assert len(short) <= 90 and short.endswith("…")
    assert text.startswith(short[:-1]) and text[len(short) - 1] == " "   # cut where a word ends
    assert _shortened("Ngắn", 90) == "Ngắn"
