"""Window figures: unlock to a usable main window with the Khánh Hòa plan; Enter to the
value saved and repainted (against the bare core save); memory of the running app.

    QT_QPA_PLATFORM=offscreen python bench/bench_gui.py
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

EDITS = 100
PASSPHRASE = "mật khẩu đo đạc"


def run() -> list[tuple[str, float, float | None, str]]:
    os.environ.setdefault("TIENDO_HOME", tempfile.mkdtemp(prefix="tiendo-bench-"))
    from PySide6.QtWidgets import QApplication

    from desktop_app.core import entries
    from desktop_app.core.plans import load_bundled_plan
    from desktop_app.core.workspace import Workspace
    from desktop_app.gui.indicators.model import COL_VALUE
    from desktop_app.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "kh.tiendo"
        ws, _ = Workspace.create(path, PASSPHRASE, plan=load_bundled_plan("khanhhoa-2024"), office_id="so-ldtbxh")
        ws.close()
        start = time.perf_counter()
        ws = Workspace.open(path, passphrase=PASSPHRASE)
        window = MainWindow(ws, today=dt.date(2026, 11, 13))
        window.show()
        app.processEvents()
        unlock = time.perf_counter() - start

        model, view = window.indicator_model, window.indicators
        ids = [line.row.indicator.id for line in model.lines
               if line.row and not line.heading and line.row.indicator.kind in ("percent", "ratio")][:EDITS]
        saves = []
        for i, indicator_id in enumerate(ids * (EDITS // max(1, len(ids)) + 1)):
            if len(saves) >= EDITS:
                break
            index = model.index(model.row_of(indicator_id), COL_VALUE)
            start = time.perf_counter()
            model.setData(index, f"{50 + i % 7},{i % 10}")
            view.viewport().repaint()
            saves.append(time.perf_counter() - start)
        core = []
        for i in range(EDITS):
            start = time.perf_counter()
            entries.set_value(ws, 2027, ids[i % len(ids)], f"{50 + i % 7},{i % 10}", max_change=None)
            core.append(time.perf_counter() - start)
        rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        window.close()
        ws.close()
    return [
        ("unlock to a usable main window (Khánh Hòa plan)", unlock * 1000, None, "ms"),
        ("Enter to value saved and repainted (median of 100)", statistics.median(saves) * 1000,
         statistics.median(core) * 1000, "ms"),
        ("memory of the running app (peak RSS)", rss_kib / 1024, None, "MiB"),
    ]


if __name__ == "__main__":
    from bench_workspace import print_rows

    print_rows(run())
    os._exit(0)
