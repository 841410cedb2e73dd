"""The head of the office signs: the year must be ready, then it is locked; reopening
needs a reason and the next signature is a new revision."""

from __future__ import annotations

import pytest

from desktop_app.core import entries, signoff
from desktop_app.core.errors import InputError, LockedYearError


def fill(ws, year=2025):
    entries.set_value(ws, year, "I.1", "2,8")
    entries.set_value(ws, year, "I.2", "35")
    entries.mark_no_data(ws, year, "I.3", "Chưa có số liệu điều tra")


def test_a_year_with_missing_values_cannot_be_signed_and_says_which(workspace):
    entries.set_value(workspace, 2025, "I.1", "2,8")
    gaps = signoff.readiness(workspace, 2025)
    assert [g.indicator_id for g in gaps] == ["I.2", "I.3"]
    with pytest.raises(signoff.ReadinessError) as error:
        signoff.sign_year(workspace, 2025, signer_name="Trần Văn Bình", signer_title="PHÓ GIÁM ĐỐC")
    assert "I.2" in error.value.vi and "2" in error.value.vi
    assert not entries.report_state(workspace, 2025).locked


def test_the_refusal_to_sign_speaks_one_language(workspace):
    with pytest.raises(signoff.ReadinessError) as error:
        signoff.sign_year(workspace, 2025, signer_name="Trần Văn Bình", signer_title="PHÓ GIÁM ĐỐC")
    assert "no reason given" not in error.value.vi
    assert "Chưa có số liệu và chưa nêu lý do thiếu số liệu" in error.value.vi
    assert "no reason given" in error.value.en


def test_a_word_target_needs_a_judgement_before_signing(make_workspace):
    health, _ = make_workspace("so-yte", name="yte")
    entries.set_value(health, 2025, "II.1", "Đã bảo đảm")
    entries.set_value(health, 2025, "II.2", "30")
    entries.set_value(health, 2025, "II.2.1", "19")
    assert [g.indicator_id for g in signoff.readiness(health, 2025)] == ["II.1"]
    entries.set_judgement(health, 2025, "II.1", True)
    assert signoff.readiness(health, 2025) == []


def test_signing_locks_the_year_records_the_signer_and_a_fingerprint(workspace):
    fill(workspace)
    state = signoff.sign_year(workspace, 2025, signer_name="Trần Văn Bình", signer_title="PHÓ GIÁM ĐỐC",
                              signer_authority="KT. GIÁM ĐỐC", report_number="245/BC-SLĐTBXH")
    assert state.locked and state.revision == 1 and state.signer_name == "Trần Văn Bình"
    assert len(state.fingerprint) == 16 and int(state.fingerprint, 16) >= 0
    assert state.fingerprint == signoff.year_fingerprint(workspace, 2025)
    with pytest.raises(LockedYearError):
        entries.set_value(workspace, 2025, "I.1", "2,9")


def test_reopening_needs_a_reason_is_audited_and_the_next_signature_is_revision_two(workspace):
    fill(workspace)
    first = signoff.sign_year(workspace, 2025, signer_name="Trần Văn Bình", signer_title="PHÓ GIÁM ĐỐC")
    with pytest.raises(InputError):
        signoff.reopen_year(workspace, 2025, "  ")
    signoff.reopen_year(workspace, 2025, "Cục Thống kê công bố số liệu chính thức")
    reasons = [r[0] for r in workspace.query("SELECT reason FROM audit WHERE action = 'reopen'")]
    assert reasons == ["Cục Thống kê công bố số liệu chính thức"]
    entries.set_value(workspace, 2025, "I.1", "2,7")
    second = signoff.sign_year(workspace, 2025, signer_name="Trần Văn Bình", signer_title="PHÓ GIÁM ĐỐC")
    assert second.revision == 2
    assert second.fingerprint != first.fingerprint


def test_the_signature_block_is_kept_as_offices_sign(workspace):
    """"TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", typed with real line breaks,
    with a "\\n" from a shell, or with the KT. line at the head of the title as the plans
    print it, is stored as two authority lines and one title line."""
    assert signoff.signature_block("tm. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") == \
        ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert signoff.signature_block("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH") == \
        ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert signoff.compose_authority("ỦY BAN NHÂN DÂN", "KT.", "CHỦ TỊCH") == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
    assert signoff.split_authority("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH") == ("ỦY BAN NHÂN DÂN", "KT.", "CHỦ TỊCH")
    for wrong in ("GIÁM ĐỐC", "KT. GIÁM ĐỐC\nTM. ỦY BAN NHÂN DÂN", "TM. A\nKT. B\nTL. C"):
        with pytest.raises(InputError):
            signoff.signature_block(wrong, "PHÓ GIÁM ĐỐC")
    fill(workspace)
    state = signoff.sign_year(workspace, 2025, signer_name="Lê Văn Phước", signer_title="PHÓ CHỦ TỊCH",
                              signer_authority="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", place="Nha Trang",
                              addressee="Ủy ban nhân dân tỉnh")
    assert (state.signer_authority, state.signer_title) == ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert workspace.setting("report_place") == "Nha Trang"
    assert signoff.default_signature(workspace) == ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                                    "Lê Văn Phước")


def test_an_acting_head_signs_without_a_title_everyone_else_needs_one(workspace):
    fill(workspace)
    with pytest.raises(InputError):
        signoff.sign_year(workspace, 2025, signer_name="Trần Văn Bình", signer_title="", signer_authority="KT. GIÁM ĐỐC")
    assert not entries.report_state(workspace, 2025).locked
    state = signoff.sign_year(workspace, 2025, signer_name="Trần Văn Bình", signer_title="", signer_authority="Q. GIÁM ĐỐC")
    assert state.locked and state.signer_authority == "Q. GIÁM ĐỐC"


def test_a_refused_place_signs_nothing(workspace):
    fill(workspace)
    with pytest.raises(InputError):
        signoff.sign_year(workspace, 2025, signer_name="Trần Văn Bình", signer_title="PHÓ GIÁM ĐỐC", place="  ")
    assert not entries.report_state(workspace, 2025).locked


def test_a_commune_writes_its_own_place_and_a_department_the_province(make_workspace):
    from desktop_app.core.model import Office
    from desktop_app.core.plans import load_bundled_plan
    from desktop_app.core.reports.build import annual_report, locality_of
    from desktop_app.core.workspace import Workspace

    assert locality_of("UBND xã Vĩnh Lương") == "Vĩnh Lương"
    assert locality_of("Ủy ban nhân dân thành phố Nha Trang") == "Nha Trang"
    assert locality_of("UBND phường 1") == "Phường 1"
    assert locality_of("Sở Y tế") == ""
    plan = load_bundled_plan("khanhhoa-2024")
    department, _ = make_workspace("so-yte", plan=plan, name="yte")
    assert annual_report(department, 2026).place == "Khánh Hòa"
    assert annual_report(department, 2026).addressee == ""   # a sister department: no "Kính gửi"
    from conftest import PASSPHRASE

    commune, _ = Workspace.create(department.path.with_name("xa.tiendo"), PASSPHRASE, plan=plan, office_id="xa-cam-an",
                                  new_office=Office("xa-cam-an", "UBND xã Cam An", kind="local"), user_name="x")
    try:
        report = annual_report(commune, 2026)
        assert report.place == "Cam An" and report.parent_office == ""
        assert report.addressee == plan.offices[plan.reporting.reports_to].name
        assert not report.signed
    finally:
        commune.close()
