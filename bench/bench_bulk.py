"""Bulk entry on the biggest bundled plan (Bắc Giang, 106 indicators), whole operations,
each next to its floor measured alternately in the same run:

- save 100 values in one paste (``entries.set_values``) | save one value (``entries.set_value``),
  goal ≤ 2×: a paste costs about what one keystroke costs;
- the same paste                                        | the same rows and the same audit row
  (one per action, its changes as JSON) written by bare SQLCipher in one transaction (the
  statements alone): what the reads and checks cost;
- save one value                                        | write and fsync one 4 KiB page on the
  same disk: how much of a save the disk is.  The first goal assumes a save costs about a
  flush; on a virtual disk that flushes in a fraction of a millisecond one save is mostly
  work, and even the bare statements of a paste cost twice one save.

Every run changes every value (SQLite skips a row whose bytes did not change).

    python bench/bench_bulk.py
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from harness import compare, print_figures  # noqa: E402

from desktop_app.core import clock, entries  # noqa: E402
from desktop_app.core.plans import load_bundled_plan  # noqa: E402
from desktop_app.core.workspace import Workspace  # noqa: E402

PASSPHRASE = "mật khẩu đo đạc"
PLAN = "bacgiang-2024"
ROWS = 100
RUNS = 15
NO_LIMIT = Decimal(1000)  # every run doubles or halves the values: no note asked


def run():
    plan = load_bundled_plan(PLAN)
    ids = [i.id for i in plan.indicators if not plan.is_heading(i.id)][:ROWS]
    with tempfile.TemporaryDirectory() as scratch:
        ws, _ = Workspace.create(Path(scratch) / "bench.tiendo", PASSPHRASE, plan=plan, office_id="so-ldtbxh")
        try:
            # Last year and this year already filled, as when a clerk pastes over a draft.
            entries.set_values(ws, 2026, [(i, "1") for i in ids], max_change=NO_LIMIT)
            entries.set_values(ws, 2027, [(i, "1") for i in ids], max_change=NO_LIMIT)
            paste_runs, one_runs, bare_runs = itertools.count(), itertools.count(), itertools.count()

            def paste() -> None:
                value = str(2 + next(paste_runs) % 2)  # "2", "3": valid for every kind, a change every run
                entries.set_values(ws, 2027, [(i, value) for i in ids], max_change=NO_LIMIT)

            def one() -> None:
                entries.set_value(ws, 2025, ids[0], str(2 + next(one_runs) % 2), max_change=NO_LIMIT)

            def bare() -> None:
                # What set_values writes, without reading, checking or building anything: the
                # same statements (the rows as one JSON array, one audit row for the action).
                n = next(bare_runs)
                value, old, at = str(4 + n % 2), str(4 + (n + 1) % 2), clock.now().isoformat(timespec="seconds")
                rows = json.dumps([[2028, i, value, None, None, None, None, None, "", "", "bench", at] for i in ids],
                                  ensure_ascii=False, separators=(",", ":"))
                changes = json.dumps([[i, "set", "value", old, value] for i in ids], ensure_ascii=False,
                                     separators=(",", ":"))
                with ws.transaction() as tx:
                    tx.execute(entries._UPSERT_VALUES_JSON, (ws.plan_code, "so-ldtbxh", rows))
                    tx.execute(
                        "INSERT INTO audit (at, actor, action, entity, entity_key, reason, changes)"
                        " VALUES (?, 'bench', 'batch', 'value', ?, 'batch bench', ?)",
                        (at, f"{ws.plan_code}/so-ldtbxh/2028", changes))

            flushed = Path(scratch) / "flush.bin"
            flushed.write_bytes(bytes(1 << 16))
            page = itertools.count()

            def flush_one_page() -> None:
                # What the disk alone costs a save: one page written in place and flushed.
                with flushed.open("r+b") as handle:
                    handle.seek(4096 * (next(page) % 16))
                    handle.write(os.urandom(4096))
                    handle.flush()
                    os.fsync(handle.fileno())

            figures = [
                compare(f"save {len(ids)} values in one paste", paste, one, runs=RUNS, goal=2.0,
                        floor_name="save one value (set_value, the app's own)"),
                compare(f"save {len(ids)} values in one paste", paste, bare, runs=RUNS,
                        floor_name="the same rows + audit row, the same statements, 1 transaction"),
                # The paste's goal assumes a save costs about a flush to disk; where a flush
                # is nearly free (a virtual disk) one save is mostly work, and 100 rows' work
                # is more than twice one's.  This line says which kind of disk the run had.
                compare("save one value (set_value)", one, flush_one_page, runs=RUNS,
                        floor_name="write and fsync one 4 KiB page on the same disk"),
            ]
        finally:
            ws.close()
    return figures


if __name__ == "__main__":
    print_figures(run())
