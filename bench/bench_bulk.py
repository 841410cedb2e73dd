"""Bulk entry: saving 100 values with ``entries.set_values`` (one paste, one transaction)
next to saving one value with ``entries.set_value`` (the floor), whole operations,
alternated, median and spread over the runs.  Target: the 100 values within 2x the one.

    python bench/bench_bulk.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core import entries  # noqa: E402
from desktop_app.core.plans import load_bundled_plan  # noqa: E402
from desktop_app.core.workspace import Workspace  # noqa: E402

PASSPHRASE = "mật khẩu đo đạc"
RUNS = 7
ROWS = 100


def _ms(samples: list[float]) -> tuple[float, float]:
    ms = [s * 1000 for s in samples]
    return statistics.median(ms), max(ms) - min(ms)


def run() -> list[tuple[str, float, float | None, str]]:
    plan = load_bundled_plan("khanhhoa-2024")
    ids = [i.id for i in plan.indicators if not plan.is_heading(i.id)][:ROWS]
    with tempfile.TemporaryDirectory() as scratch:
        ws, _ = Workspace.create(Path(scratch) / "bench.tiendo", PASSPHRASE, plan=plan, office_id="so-ldtbxh")
        bulk, single = [], []
        try:
            for run_index in range(RUNS):
                value = str(1 + run_index % 2)  # valid for every kind; a change every run
                rows = [(i, value) for i in ids]
                start = time.perf_counter()
                entries.set_values(ws, 2030, rows, max_change=Decimal(1000))
                bulk.append(time.perf_counter() - start)
                start = time.perf_counter()
                entries.set_value(ws, 2029, ids[0], value, max_change=Decimal(1000))
                single.append(time.perf_counter() - start)
        finally:
            ws.close()
    bulk_ms, bulk_spread = _ms(bulk)
    one_ms, one_spread = _ms(single)
    print(f"set_values x{len(ids)}: median {bulk_ms:.1f} ms (spread {bulk_spread:.1f}); "
          f"set_value x1: median {one_ms:.1f} ms (spread {one_spread:.1f}); ratio {bulk_ms / one_ms:.2f} (target <= 2)")
    return [(f"save {len(ids)} values in one paste (ms, {RUNS} runs)", bulk_ms, one_ms, "ms")]


if __name__ == "__main__":
    run()
