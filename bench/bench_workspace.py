"""Workspace figures, each next to its floor measured alternately in the same run:

- open a small workspace          | the key derivation alone (SQLCipher's own cost is the KDF);
- open a 50 MiB lead workspace    | open an empty one (goal ≤ 1.2×: open does not scan);
- save one value (FULL sync)      | plain sqlite3, WAL + synchronous=FULL, the same row and audit row;
(saving 100 values as one batch next to one value: bench_bulk.py)

    python bench/bench_workspace.py
"""

from __future__ import annotations

import itertools
import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from harness import compare, print_figures  # noqa: E402

from desktop_app.core import entries, keyslots  # noqa: E402
from desktop_app.core.plans import load_plan_file  # noqa: E402
from desktop_app.core.workspace import Workspace  # noqa: E402

PLAN = HERE.parent / "tests" / "data" / "mini_plan.json"
PASSPHRASE = "mật khẩu đo đạc"
LEAD_MIB = 52


def _fill_like_a_lead_office(path: Path, plan, target_mib: int) -> None:
    """A lead workspace after ~1,500 packages: offices, their values and the audit trail."""
    ws, _ = Workspace.create(path, PASSPHRASE, plan=plan, office_id="so-ldtbxh", role="lead")
    now = "2026-11-13T08:00:00+00:00"
    note = "Số liệu do đơn vị báo cáo qua gói dữ liệu, đã đối chiếu với biểu tổng hợp của huyện. " * 2
    for batch in itertools.count():
        with ws.transaction() as tx:
            offices = [(f"xa-{batch:03d}-{n:02d}", f"UBND xã số {batch}-{n}", "local") for n in range(50)]
            tx.executemany("INSERT INTO offices (id, name, kind, origin) VALUES (?, ?, ?, 'package')", offices)
            rows = [(plan.code, office, year, f"I.{i}", str(1000 + i), note, "bench", now)
                    for office, _, _ in offices for year in (2024, 2025, 2026) for i in range(1, 93)]
            tx.executemany("INSERT INTO indicator_values (plan_code, office_id, year, indicator_id, value_number, note,"
                           " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            tx.executemany("INSERT INTO audit (at, actor, action, entity, entity_key, field, new_value, reason)"
                           " VALUES (?, 'bench', 'import', 'value', ?, 'value', ?, '')",
                           [(now, f"{r[1]}/{r[2]}/{r[3]}", r[4]) for r in rows])
        ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if path.stat().st_size > target_mib * 2**20:
            break
    ws.close()


def run():
    plan = load_plan_file(PLAN)
    figures = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        small = folder / "small.tiendo"
        Workspace.create(small, PASSPHRASE, plan=plan, office_id="so-ldtbxh")[0].close()
        slots = keyslots.read_slots(small)
        figures.append(compare(
            "open a small workspace", lambda: Workspace.open(small, passphrase=PASSPHRASE).close(),
            lambda: keyslots.open_with_passphrase(slots, PASSPHRASE), floor_name="key derivation (KDF)", runs=7))

        empty = folder / "empty.tiendo"
        Workspace.create(empty, PASSPHRASE, plan=plan, office_id="so-ldtbxh", role="lead")[0].close()
        lead = folder / "lead.tiendo"
        _fill_like_a_lead_office(lead, plan, LEAD_MIB)
        size = lead.stat().st_size / 2**20
        figures.append(compare(
            f"open a {size:.0f} MiB lead workspace", lambda: Workspace.open(lead, passphrase=PASSPHRASE).close(),
            lambda: Workspace.open(empty, passphrase=PASSPHRASE).close(), floor_name="open an empty lead workspace",
            runs=7, goal=1.2))

        ws = Workspace.open(small, passphrase=PASSPHRASE)
        plain = sqlite3.connect(folder / "plain.sqlite", isolation_level=None)
        plain.execute("PRAGMA journal_mode = WAL")
        plain.execute("PRAGMA synchronous = FULL")
        plain.execute("CREATE TABLE v (year INTEGER, indicator TEXT, value TEXT, note TEXT, by TEXT, at TEXT,"
                      " PRIMARY KEY (year, indicator)) WITHOUT ROWID")
        plain.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT, actor TEXT, action TEXT, entity TEXT,"
                      " key TEXT, field TEXT, old TEXT, new TEXT, reason TEXT)")
        counter = itertools.count()

        def app_save() -> None:
            n = next(counter)
            entries.set_value(ws, 2000 + n % 50, "I.3", str(1000 + n), max_change=None, note="n")

        def plain_save() -> None:
            n = next(counter)
            plain.execute("BEGIN IMMEDIATE")
            old = plain.execute("SELECT value FROM v WHERE year = ? AND indicator = 'I.3'", (2000 + n % 50,)).fetchone()
            plain.execute("INSERT OR REPLACE INTO v VALUES (?, 'I.3', ?, 'n', 'bench', 'now')", (2000 + n % 50, str(n)))
            plain.execute("INSERT INTO audit (at, actor, action, entity, key, field, old, new, reason)"
                          " VALUES ('now', 'bench', 'set', 'value', 'k', 'value', ?, ?, '')", (old and old[0], str(n)))
            plain.execute("COMMIT")

        figures.append(compare("save one value (1 transaction, FULL sync, audit)", app_save, plain_save,
                               floor_name="plain sqlite3, same durability, same rows", runs=41))
        ws.close()
        plain.close()
    return figures


if __name__ == "__main__":
    print_figures(run())
