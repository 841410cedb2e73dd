"""Workspace figures: opening (key derivation included) and saving one value, each next
to a baseline measured in the same run.

    python bench/bench_workspace.py
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core import entries, keyslots  # noqa: E402
from desktop_app.core.plans import load_plan_file  # noqa: E402
from desktop_app.core.workspace import Workspace  # noqa: E402

PLAN = Path(__file__).resolve().parents[1] / "tests" / "data" / "mini_plan.json"
PASSPHRASE = "mật khẩu đo đạc"
SAVES = 200


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def run() -> list[tuple[str, float, float | None, str]]:
    plan = load_plan_file(PLAN)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "bench.tiendo"
        ws, _ = Workspace.create(path, PASSPHRASE, plan=plan, office_id="so-ldtbxh")
        ws.close()

        opens, kdfs = [], []
        slots = keyslots.read_slots(path)
        for _ in range(5):
            start = time.perf_counter()
            keyslots.open_with_passphrase(slots, PASSPHRASE)
            kdfs.append(time.perf_counter() - start)
            start = time.perf_counter()
            Workspace.open(path, passphrase=PASSPHRASE).close()
            opens.append(time.perf_counter() - start)

        ws = Workspace.open(path, passphrase=PASSPHRASE)
        saves = []
        for i in range(SAVES):
            start = time.perf_counter()
            entries.set_value(ws, 2000 + i, "I.3", str(1000 + i), max_change=None, note="n")
            saves.append(time.perf_counter() - start)
        ws.close()

        baseline_path = Path(scratch) / "plain.sqlite"
        conn = sqlite3.connect(baseline_path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("CREATE TABLE v (year INTEGER, indicator TEXT, value TEXT, note TEXT, PRIMARY KEY (year, indicator))")
        conn.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT, key TEXT, old TEXT, new TEXT)")
        plain = []
        for i in range(SAVES):
            start = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT OR REPLACE INTO v VALUES (?, 'I.3', ?, 'n')", (2000 + i, str(1000 + i)))
            conn.execute("INSERT INTO audit (at, key, old, new) VALUES ('now', 'k', NULL, ?)", (str(1000 + i),))
            conn.execute("COMMIT")
            plain.append(time.perf_counter() - start)
        conn.close()

    kdf = _median_ms(kdfs)
    return [
        ("open workspace (key derivation included)", _median_ms(opens), kdf, "ms"),
        ("save one value (1 transaction, FULL sync, audit)", _median_ms(saves), _median_ms(plain), "ms"),
    ]


def print_rows(rows) -> None:
    print(f"{'figure':58} {'value':>10} {'baseline':>10} {'ratio':>7}")
    for figure, value, baseline, unit in rows:
        ratio = f"{value / baseline:.2f}" if baseline else "-"
        base = f"{baseline:.2f} {unit}" if baseline is not None else "-"
        print(f"{figure:58} {value:8.2f} {unit} {base:>10} {ratio:>7}")


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print_rows(run())
