"""A clerk records the year: values in Vietnamese notation, rates from their parts,
notes for big moves, an audit trail of every change, and a signed year that refuses edits."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from desktop_app.core import entries
from desktop_app.core.entries import NoteRequiredError
from desktop_app.core.errors import InputError, LockedYearError


def test_a_value_typed_in_vietnamese_notation_is_kept_as_a_decimal(workspace):
    record = entries.set_value(workspace, 2025, "I.3", "1.234")
    assert record.number == Decimal("1234") and isinstance(record.number, Decimal)
    assert entries.set_value(workspace, 2025, "I.1", "2,85").number == Decimal("2.85")
    assert entries.value(workspace, 2025, "I.1").display() == "2,85"


@pytest.mark.parametrize(
    "indicator, typed, kept",
    [("I.1", "2,8", "2.8"), ("I.1", "2.8", "2.8"), ("I.1", "99.5", "99.5"), ("I.1", "12,5%", "12.5"),
     ("I.3", "2.800", "2800"), ("I.3", "1.234.567", "1234567"), ("I.3", "1 500", "1500")],
)
def test_a_number_is_read_as_a_clerk_means_it(workspace, indicator, typed, kept):
    """2,8 and 2.8 are two point eight; 2.800 is a count of two thousand eight hundred."""
    assert entries.set_value(workspace, 2025, indicator, typed).number == Decimal(kept)


def test_an_english_number_with_both_marks_is_refused_and_the_old_value_stays(workspace):
    entries.set_value(workspace, 2025, "I.1", "2,8")
    with pytest.raises(InputError) as error:
        entries.set_value(workspace, 2025, "I.1", "1,234.5")
    assert "dấu phẩy" in error.value.vi
    assert entries.value(workspace, 2025, "I.1").number == Decimal("2.8")
    with pytest.raises(InputError):  # a share of 2.800 would be two thousand eight hundred per cent
        entries.set_value(workspace, 2025, "I.1", "2.800")


@pytest.mark.parametrize(
    "indicator, text",
    [("I.1", "100,5"), ("I.3", "-3"), ("I.3", "12,5"), ("I.1", "abc"), ("II.2", "-1")],
)
def test_impossible_values_are_refused(workspace, indicator, text):
    with pytest.raises(InputError):
        entries.set_value(workspace, 2025, indicator, text)
    assert entries.value(workspace, 2025, indicator) is None


def test_a_rate_is_computed_from_its_numerator_and_denominator(workspace):
    record = entries.set_value(workspace, 2025, "I.1", None, numerator="1.234", denominator="45.678")
    assert record.number == Decimal("2.70")
    assert (record.numerator, record.denominator) == (Decimal("1234"), Decimal("45678"))
    with pytest.raises(InputError):
        entries.set_value(workspace, 2025, "I.1", None, numerator="5", denominator="0")
    with pytest.raises(InputError):
        entries.set_value(workspace, 2025, "I.1", None, numerator="5")


def test_a_value_that_moves_more_than_thirty_percent_needs_a_note(workspace):
    entries.set_value(workspace, 2024, "I.3", "1.000")
    with pytest.raises(NoteRequiredError) as error:
        entries.set_value(workspace, 2025, "I.3", "1.400")
    assert "30" in error.value.vi
    assert entries.value(workspace, 2025, "I.3") is None
    entries.set_value(workspace, 2025, "I.3", "1.400", note="Thêm dự án mới")
    entries.set_value(workspace, 2025, "I.3", "1.250")  # within 30%: no note needed


def test_word_targets_take_words_and_a_judgement(workspace):
    record = entries.set_value(workspace, 2025, "II.1", "Đã bảo đảm cho 95% dân số")
    assert record.text == "Đã bảo đảm cho 95% dân số" or record.number is not None
    entries.set_judgement(workspace, 2025, "II.1", True)
    assert entries.value(workspace, 2025, "II.1").judgement is True


def test_decomposed_vietnamese_is_stored_composed(workspace):
    note = unicodedata.normalize("NFD", "Số liệu của Cục Thống kê")
    entries.set_value(workspace, 2025, "I.3", "10", note=note, source=note)
    record = entries.value(workspace, 2025, "I.3")
    assert record.note == unicodedata.normalize("NFC", note) and record.source == record.note


def test_every_change_is_in_the_audit_trail_with_old_and_new(workspace):
    entries.set_value(workspace, 2025, "I.3", "100")
    entries.set_value(workspace, 2025, "I.3", "110", note="sửa")
    trail = entries.history(workspace, 2025, "I.3")
    value_changes = [(e.old_value, e.new_value) for e in trail if e.field == "value"]
    assert value_changes == [(None, "100"), ("100", "110")]
    assert all(e.actor == "Nguyễn Thị Lan" and e.at for e in trail)
    assert any(e.field == "note" and e.new_value == "sửa" for e in trail)


def test_a_failed_action_leaves_the_workspace_as_it_was(workspace):
    entries.set_value(workspace, 2025, "I.3", "100")
    count = workspace.query("SELECT count(*) FROM audit")[0][0]
    with pytest.raises(RuntimeError):
        with workspace.transaction() as tx:
            tx.execute("UPDATE indicator_values SET value_number = '5'")
            workspace.audit(tx, "set", "value", "x")
            raise RuntimeError("power cut")
    assert entries.value(workspace, 2025, "I.3").number == Decimal("100")
    assert workspace.query("SELECT count(*) FROM audit")[0][0] == count


def test_task_progress_and_narrative_are_recorded(workspace):
    entries.set_task_progress(workspace, 2025, "T1", status="done", result="Đã ban hành", evidence_number="12/QĐ-UBND",
                              evidence_date="05/03/2025")
    progress = entries.task_progress(workspace, 2025)["T1"]
    assert progress.status == "done" and progress.evidence_date.isoformat() == "2025-03-05"
    with pytest.raises(InputError):
        entries.set_task_progress(workspace, 2025, "T1", status="finished")
    entries.set_narrative(workspace, 2025, "difficulties", "Thiếu kinh phí.\n\nThiếu nhân lực.")
    assert entries.report_state(workspace, 2025).difficulties_text == "Thiếu kinh phí.\n\nThiếu nhân lực."


def test_a_signed_year_refuses_edits(workspace):
    entries.set_value(workspace, 2025, "I.3", "100")
    with workspace.transaction() as tx:
        tx.execute("INSERT INTO reports (plan_code, office_id, year, status) VALUES (?, ?, 2025, 'signed')",
                   (workspace.plan_code, workspace.office_id))
    with pytest.raises(LockedYearError):
        entries.set_value(workspace, 2025, "I.3", "120")
    with pytest.raises(LockedYearError):
        entries.set_narrative(workspace, 2025, "results", "x")
    assert entries.value(workspace, 2025, "I.3").number == Decimal("100")
    entries.set_value(workspace, 2026, "I.3", "120")  # other years stay open


def test_a_department_is_assigned_the_indicators_it_leads(make_workspace):
    health, _ = make_workspace("so-yte", name="yte")
    assert entries.assigned_ids(health, "indicator") == {"II.1", "II.2", "II.2.1"}
    district, _ = make_workspace("huyen-dien-khanh", name="huyen")
    # the share the plan gives "các sở, ngành, địa phương"; not the beds per 10,000 people
    assert entries.assigned_ids(district, "indicator") == {"I.1"}
