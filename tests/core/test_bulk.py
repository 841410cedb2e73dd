"""A clerk pastes a block of values, or marks many rows "no data" at once: one action,
all rows or none, every refused row named with its reason, one undo step."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_app.core import entries
from desktop_app.core.entries import RowsRefusedError, ValueRow
from desktop_app.core.errors import LockedYearError


def test_a_pasted_block_is_saved_as_one_action_in_one_audit_batch(workspace):
    result = entries.set_values(workspace, 2026, [
        ValueRow("I.1", "2,8", "Cục Thống kê", "Điều tra"), ValueRow("I.2", "33.5"), ValueRow("I.3", "2.800"),
    ])
    saved = entries.values(workspace, 2026)
    assert saved["I.1"].number == Decimal("2.8") and saved["I.1"].source == "Cục Thống kê"
    assert saved["I.2"].number == Decimal("33.5") and saved["I.3"].number == Decimal("2800")
    assert result.previous == {"I.1": None, "I.2": None, "I.3": None}
    reasons = workspace.query("SELECT DISTINCT reason FROM audit WHERE entity = 'value'")
    assert reasons == [(f"batch {result.batch}",)]


def test_one_bad_row_refuses_the_block_and_names_every_bad_row(workspace):
    entries.set_value(workspace, 2026, "I.1", "3")
    with pytest.raises(RowsRefusedError) as refused:
        entries.set_values(workspace, 2026, [
            ValueRow("I.1", "2,5", line=2), ValueRow("I.9", "1", line=3), ValueRow("I.3", "12,5", line=4),
            ValueRow("I.2", "", line=5), ValueRow("I.1", "2", line=6),
        ])
    lines = [(r.line, r.indicator_id) for r in refused.value.refusals]
    assert lines == [(3, "I.9"), (4, "I.3"), (5, "I.2"), (6, "I.1")]
    assert "nguyên" in refused.value.refusals[1].message("vi")  # a count must be whole
    assert entries.value(workspace, 2026, "I.1").number == Decimal("3")  # nothing saved
    assert entries.value(workspace, 2026, "I.3") is None


def test_a_large_move_without_a_note_is_refused_row_by_row(workspace):
    entries.set_value(workspace, 2025, "I.3", "1.000")
    with pytest.raises(RowsRefusedError) as refused:
        entries.set_values(workspace, 2026, [ValueRow("I.3", "2.000")])
    assert isinstance(refused.value.refusals[0].error, entries.NoteRequiredError)
    entries.set_values(workspace, 2026, [ValueRow("I.3", "2.000", note="Thêm dự án mới")])
    assert entries.value(workspace, 2026, "I.3").number == Decimal("2000")


def test_the_paste_is_undone_in_one_step(workspace):
    entries.set_value(workspace, 2026, "I.1", "3")
    result = entries.set_values(workspace, 2026, [("I.1", "2,5"), ("I.3", "100")])
    entries.restore_values(workspace, 2026, result.previous)
    assert entries.value(workspace, 2026, "I.1").number == Decimal("3")
    assert entries.value(workspace, 2026, "I.3") is None
    undo = [(e.action, e.field, e.old_value, e.new_value, e.reason) for e in entries.history(workspace, 2026, "I.1")][-1:]
    undo += [(e.action, e.field, e.old_value, e.new_value, e.reason) for e in entries.history(workspace, 2026, "I.3")][-1:]
    batch = undo[0][4]
    assert batch.startswith("batch ") and batch != f"batch {result.batch}"
    assert undo == [("set", "value", "2.5", "3", batch), ("clear", "value", "100", None, batch)]


def test_many_rows_marked_no_data_with_one_reason(workspace):
    entries.set_value(workspace, 2026, "I.1", "3", source="Cục Thống kê")
    result = entries.mark_no_data_many(workspace, 2026, ["I.1", "I.2", "II.2"], "Chưa có số liệu chính thức")
    saved = entries.values(workspace, 2026)
    assert all(saved[i].no_data_reason == "Chưa có số liệu chính thức" for i in ("I.1", "I.2", "II.2"))
    assert saved["I.1"].number is None and saved["I.1"].source == "Cục Thống kê"
    assert result.previous["I.1"].number == Decimal("3")
    with pytest.raises(entries.InputError):
        entries.mark_no_data_many(workspace, 2026, ["I.1"], "  ")


def test_a_section_of_tasks_reported_at_once_is_audited_field_by_field(workspace):
    entries.set_task_progress(workspace, 2026, "T1", status="in_progress", result="Đang triển khai")
    records = entries.set_tasks_progress(workspace, 2026, ["T1", "T2", "T1"], status="done", result=" Đã xong ",
                                         evidence_number="12/QĐ-UBND", evidence_date="05/03/2026")
    assert [r.task_id for r in records] == ["T1", "T2"]
    saved = entries.task_progress(workspace, 2026)
    assert saved["T1"].status == saved["T2"].status == "done" and saved["T2"].result == "Đã xong"
    assert saved["T2"].evidence_date.isoformat() == "2026-03-05"
    t1, t2 = ([(e.action, e.field, e.old_value, e.new_value) for e in entries.task_history(workspace, 2026, t)]
              for t in ("T1", "T2"))
    assert t1[3:] == [
        ("set", "status", "in_progress", "done"), ("set", "result", "Đang triển khai", "Đã xong"),
        ("set", "evidence_number", "", "12/QĐ-UBND"), ("set", "evidence_date", None, "2026-03-05"),
    ]
    assert t2 == [("set", "status", None, "done"), ("set", "result", None, "Đã xong"),
                  ("set", "evidence_number", None, "12/QĐ-UBND"), ("set", "evidence_date", None, "2026-03-05")]
    with pytest.raises(entries.InputError):
        entries.set_tasks_progress(workspace, 2026, ["T1", "T9"], status="done")


def test_a_signed_year_refuses_a_paste(workspace):
    with workspace.transaction() as tx:
        tx.execute("INSERT INTO reports (plan_code, office_id, year, status) VALUES (?, ?, 2026, 'signed')",
                   (workspace.plan_code, workspace.office_id))
    with pytest.raises(LockedYearError):
        entries.set_values(workspace, 2026, [("I.1", "2,5")])
    with pytest.raises(LockedYearError):
        entries.mark_no_data_many(workspace, 2026, ["I.1"], "Không có")
