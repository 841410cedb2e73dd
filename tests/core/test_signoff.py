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
