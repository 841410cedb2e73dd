"""A bulk action is one audit row (schema 0006), yet a cell's history still lists every
change made to it, in order, whatever path made it: a paste, a values file, "no data" for
many rows, tasks reported together, the undo of a paste; and a workspace written by an
earlier TienDo keeps its whole trail."""

from __future__ import annotations

from decimal import Decimal

from conftest import PASSPHRASE
from desktop_app.cli import main
from desktop_app.core import entries
from desktop_app.core.entries import ValueRow
from desktop_app.core.workspace import Workspace


def changes(trail):
    return [(e.action, e.field, e.old_value, e.new_value) for e in trail]


def value_changes(ws, year, indicator_id):
    return [(a, old, new) for a, field, old, new in changes(entries.history(ws, year, indicator_id)) if field == "value"]


def test_a_paste_is_one_audit_row_and_each_cell_keeps_its_history_in_order(workspace):
    entries.set_value(workspace, 2026, "I.1", "3")
    before = workspace.query("SELECT count(*) FROM audit")[0][0]
    result = entries.set_values(workspace, 2026, [("I.1", "2,5"), ("I.3", "100", "Cục Thống kê")])
    assert workspace.query("SELECT count(*) FROM audit")[0][0] == before + 1
    entries.set_value(workspace, 2026, "I.1", "4")
    assert value_changes(workspace, 2026, "I.1") == [("set", None, "3"), ("set", "3", "2.5"), ("set", "2.5", "4")]
    i3 = entries.history(workspace, 2026, "I.3")
    assert changes(i3) == [("set", "value", None, "100"), ("set", "source", None, "Cục Thống kê")]
    assert all(e.actor == "Nguyễn Thị Lan" and e.at and e.reason == f"batch {result.batch}" for e in i3)
    assert entries.history(workspace, 2026, "I.2") == []  # not in the paste
    assert entries.history(workspace, 2025, "I.1") == []  # another year


def test_undoing_a_paste_puts_values_back_and_the_history_shows_paste_and_undo(workspace):
    entries.set_value(workspace, 2026, "I.1", "3")
    result = entries.set_values(workspace, 2026, [("I.1", "2,5"), ("I.3", "100")])
    entries.restore_values(workspace, 2026, result.previous)
    assert entries.value(workspace, 2026, "I.1").number == Decimal("3")
    assert entries.value(workspace, 2026, "I.3") is None
    assert value_changes(workspace, 2026, "I.1") == [("set", None, "3"), ("set", "3", "2.5"), ("set", "2.5", "3")]
    assert value_changes(workspace, 2026, "I.3") == [("set", None, "100"), ("clear", "100", None)]
    rows = workspace.query("SELECT action, reason FROM audit WHERE entity = 'value' ORDER BY id")
    assert rows[-2:] == [("batch", f"batch {result.batch}"), ("batch", rows[-1][1])] and rows[-1][1] != rows[-2][1]


def test_no_data_for_many_rows_is_in_each_cells_history(workspace):
    entries.set_value(workspace, 2026, "I.1", "3")
    entries.mark_no_data_many(workspace, 2026, ["I.1", "I.2"], "Chưa có số liệu")
    assert changes(entries.history(workspace, 2026, "I.1"))[-2:] == [
        ("set", "value", "3", None), ("set", "no_data_reason", None, "Chưa có số liệu")]
    assert changes(entries.history(workspace, 2026, "I.2")) == [("set", "no_data_reason", None, "Chưa có số liệu")]


def test_tasks_reported_together_are_in_each_tasks_history(workspace):
    entries.set_tasks_progress(workspace, 2026, ["T1", "T2"], status="in_progress")
    entries.set_task_progress(workspace, 2026, "T1", status="done")
    entries.set_tasks_progress(workspace, 2026, ["T1", "T2"], status="behind")
    assert [(old, new) for _, field, old, new in changes(entries.task_history(workspace, 2026, "T1"))
            if field == "status"] == [(None, "in_progress"), ("in_progress", "done"), ("done", "behind")]
    assert [(old, new) for _, field, old, new in changes(entries.task_history(workspace, 2026, "T2"))
            if field == "status"] == [(None, "in_progress"), ("in_progress", "behind")]


def test_a_values_file_from_the_terminal_is_in_each_cells_history(workspace, tmp_path, monkeypatch, capsys):
    entries.set_value(workspace, 2026, "I.1", "3")
    path = workspace.path
    workspace.close()
    csv = tmp_path / "so-lieu.csv"
    csv.write_text("id;value;source\nI.1;2,8;Cục Thống kê\nI.3;2.800;\n", encoding="utf-8")
    monkeypatch.setenv("TIENDO_PASSPHRASE", PASSPHRASE)
    assert main(["set", str(path), "--year", "2026", "--from", str(csv)]) == 0
    assert main(["no-data", str(path), "--year", "2026", "I.2", "II.2", "--reason", "Chưa điều tra"]) == 0
    with Workspace.open(path, passphrase=PASSPHRASE) as ws:
        assert value_changes(ws, 2026, "I.1") == [("set", None, "3"), ("set", "3", "2.8")]
        assert ("set", "source", None, "Cục Thống kê") in changes(entries.history(ws, 2026, "I.1"))
        assert value_changes(ws, 2026, "I.3") == [("set", None, "2800")]
        assert changes(entries.history(ws, 2026, "II.2")) == [("set", "no_data_reason", None, "Chưa điều tra")]


def _wal_frames_of(ws, action) -> int:
    """Pages a committed action wrote (WAL frames), the log emptied just before."""
    ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    action()
    return ws.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]


def test_a_paste_writes_as_many_pages_after_a_year_of_pastes_as_on_the_first_day(workspace):
    """Why 0006 exists: one audit row per change, indexed by cell, put each new paste's
    entries between the earlier pastes' and the pages written grew with the history."""
    ids = [i.id for i in workspace.plan.indicators if not workspace.plan.is_heading(i.id)]

    def paste(n):
        return lambda: entries.set_values(workspace, 2026, [(i, str(n % 2 + 2)) for i in ids], max_change=Decimal(1000))

    first = _wal_frames_of(workspace, paste(0))
    for n in range(1, 60):
        paste(n)()
    later = _wal_frames_of(workspace, paste(60))
    one = _wal_frames_of(workspace, lambda: entries.set_value(workspace, 2025, ids[0], "7"))
    assert later <= first + 1, (first, later)
    assert later <= 3 * one, (later, one)


def _legacy_bulk(ws, year, batch, cells):
    """Audit rows as TienDo wrote a bulk action before schema 0006: one per change,
    grouped by a shared 'batch <id>' reason (values written alongside)."""
    key = f"{ws.plan_code}/{ws.office_id}/{year}/"
    with ws.transaction() as tx:
        for indicator_id, action, old, new in cells:
            if new is None:
                tx.execute("DELETE FROM indicator_values WHERE plan_code = ? AND office_id = ? AND year = ?"
                           " AND indicator_id = ?", (ws.plan_code, ws.office_id, year, indicator_id))
            else:
                tx.execute("INSERT INTO indicator_values (plan_code, office_id, year, indicator_id, value_number,"
                           " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, 'Lan', '2026-06-15T02:00:00+00:00')"
                           " ON CONFLICT DO UPDATE SET value_number = excluded.value_number",
                           (ws.plan_code, ws.office_id, year, indicator_id, new))
            tx.execute("INSERT INTO audit (at, actor, action, entity, entity_key, field, old_value, new_value, reason)"
                       " VALUES ('2026-06-15T02:00:00+00:00', 'Lan', ?, 'value', ?, 'value', ?, ?, ?)",
                       (action, key + indicator_id, old, new, f"batch {batch}"))


def test_a_workspace_of_schema_5_keeps_every_change_of_its_trail_in_order(tmp_path, mini_plan):
    path = tmp_path / "old.tiendo"
    ws, _code = Workspace.create(path, PASSPHRASE, plan=mini_plan, office_id="so-ldtbxh", schema=5,
                                 user_name="Nguyễn Thị Lan")
    entries.set_value(ws, 2026, "I.1", "3")                                          # single save
    _legacy_bulk(ws, 2026, "a1b2c3d4e5f6", [("I.1", "set", "3", "2.5"), ("I.3", "set", None, "100")])  # paste
    entries.set_value(ws, 2026, "I.1", "4")
    _legacy_bulk(ws, 2026, "0f0f0f0f0f0f", [("I.3", "clear", "100", None)])      # an undo
    entries.set_value(ws, 2026, "I.3", "7")
    _legacy_bulk(ws, 2025, "abcdefabcdef", [("I.1", "set", None, "9")])          # another year
    entries.set_task_progress(ws, 2026, "T1", status="done")
    untouched = ws.query("SELECT id, action, entity, entity_key, field, old_value, new_value, reason FROM audit"
                         " WHERE reason NOT LIKE 'batch %' ORDER BY id")
    ws.close()

    with Workspace.open(path, passphrase=PASSPHRASE) as migrated:
        assert value_changes(migrated, 2026, "I.1") == [("set", None, "3"), ("set", "3", "2.5"), ("set", "2.5", "4")]
        assert value_changes(migrated, 2026, "I.3") == [("set", None, "100"), ("clear", "100", None), ("set", None, "7")]
        assert value_changes(migrated, 2025, "I.1") == [("set", None, "9")]
        assert [e.reason for e in entries.history(migrated, 2026, "I.3")][:2] == ["batch a1b2c3d4e5f6", "batch 0f0f0f0f0f0f"]
        assert changes(entries.task_history(migrated, 2026, "T1"))[0] == ("set", "status", None, "done")
        batches = migrated.query("SELECT entity_key, reason FROM audit WHERE action = 'batch' ORDER BY id")
        key = f"{migrated.plan_code}/so-ldtbxh"
        assert batches == [(f"{key}/2026", "batch a1b2c3d4e5f6"), (f"{key}/2026", "batch 0f0f0f0f0f0f"),
                           (f"{key}/2025", "batch abcdefabcdef")]
        assert migrated.query("SELECT count(*) FROM audit WHERE reason LIKE 'batch %' AND action != 'batch'")[0][0] == 0
        assert migrated.query("SELECT id, action, entity, entity_key, field, old_value, new_value, reason FROM audit"
                              " WHERE reason NOT LIKE 'batch %' ORDER BY id") == untouched
        # and the migrated workspace takes new pastes into the same trail
        entries.set_values(migrated, 2026, [("I.1", "5")], max_change=Decimal(1000))
        assert value_changes(migrated, 2026, "I.1")[-1] == ("set", "4", "5")
        assert migrated.check().ok


def test_many_rows_written_at_once_are_stored_exactly_as_one_row_written_alone(workspace):
    full = entries.ValueRecord("I.1", 2026, Decimal("2.80"), None, Decimal("7"), Decimal("250"), None, True,
                               "Cục Thống kê", "Ước tính “sơ bộ”", "Nguyễn Thị Lan", "2026-06-15T02:00:00+00:00")
    word = entries.ValueRecord("I.2", 2026, None, "Đạt", judgement=False, updated_by="Lan", updated_at="t")
    empty = entries.ValueRecord("I.3", 2026, no_data_reason="Chưa có", updated_by="Lan", updated_at="t")
    stored = ("SELECT indicator_id, year, value_number, value_text, numerator, denominator, no_data_reason, judgement,"
              " source, note, updated_by, updated_at, typeof(year), typeof(value_number), typeof(judgement)"
              " FROM indicator_values WHERE year = ? ORDER BY indicator_id")
    with workspace.transaction() as tx:
        for record in (full, word, empty):
            entries.write_value_row(tx, workspace.plan_code, workspace.office_id, record)
    alone = workspace.query(stored, (2026,))
    moved = [entries.ValueRecord(**{**r.__dict__, "year": 2027}) for r in (full, word, empty)]
    with workspace.transaction() as tx:
        entries.write_value_rows(tx, workspace.plan_code, workspace.office_id, moved)
    at_once = workspace.query(stored, (2027,))
    assert [r[:1] + r[2:] for r in at_once] == [r[:1] + r[2:] for r in alone]
    assert entries.values(workspace, 2027)["I.1"] == moved[0]
