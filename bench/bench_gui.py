"""Window and start-up figures, each next to its floor, alternated in the same run:

- `tiendo --help`                       | a bare Python start (goal ≤ 2×);
- first window (the first-run wizard)   | a bare PySide6 window, same process start (goal ≤ 1.5×);
- Enter → value saved and repainted     | the core's own save + a bare QTableView of the same
  size repainting after a setData (the issue's goal: < 16 ms median for the biggest plan).

    QT_QPA_PLATFORM=offscreen python bench/bench_gui.py
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from harness import compare, print_figures  # noqa: E402

PASSPHRASE = "mật khẩu đo đạc"
BARE_WINDOW = """
import os
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
window = QWidget()
window.show()
QTimer.singleShot(0, lambda: (print("first-window", flush=True), os._exit(0)))
app.exec()
"""
CLI = "import sys; from desktop_app.cli import main; sys.exit(main())"  # what the `tiendo` script runs


def _process(args: list[str], home: Path, **env) -> None:
    # As an installed program runs: with its modules' bytecode (pip and PyInstaller compile
    # it), kept out of the source tree; a shell with PYTHONDONTWRITEBYTECODE would otherwise
    # charge the app, not the floor, for compiling every module on every start.
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "TIENDO_HOME": str(home),
                   "PYTHONPYCACHEPREFIX": str(home / "pycache"), **env}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    result = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=environment, cwd=home,
                            timeout=120)
    if result.returncode != 0 and "first-window" not in result.stdout:
        raise RuntimeError(result.stderr[-2000:])


def startup_figures(home: Path):
    for warm_up in (["-c", CLI, "--help"], ["-m", "desktop_app"]):  # writes the bytecode, untimed
        _process(warm_up, home, TIENDO_STARTUP_PROBE="1")
    help_ = compare("`tiendo --help`", lambda: _process(["-c", CLI, "--help"], home),
                    lambda: _process(["-c", "pass"], home), floor_name="bare python start", runs=9, goal=2.0)
    window = compare("first window (first-run wizard)",
                     lambda: _process(["-m", "desktop_app"], home, TIENDO_STARTUP_PROBE="1"),
                     lambda: _process(["-c", BARE_WINDOW], home), floor_name="bare PySide6 window", runs=7,
                     goal=1.5)
    return [help_, window]


def enter_figure(home: Path):
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    from desktop_app.core import entries
    from desktop_app.core.plans import load_bundled_plan
    from desktop_app.core.workspace import Workspace
    from desktop_app.gui.indicators.model import COL_VALUE
    from desktop_app.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    plan = load_bundled_plan("bacgiang-2024")  # the biggest bundled plan (111 indicators)
    path = home / "bg.tiendo"
    ws, _ = Workspace.create(path, PASSPHRASE, plan=plan, office_id=next(iter(plan.offices)), role="lead")
    window = MainWindow(ws, today=dt.date(2026, 11, 13))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    model, view = window.indicator_model, window.indicators
    ids = [line.row.indicator.id for line in model.lines
           if line.row and not line.heading and line.row.indicator.kind in ("percent", "ratio", "count")]
    bare_model = QStandardItemModel(model.rowCount(), model.columnCount())
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            bare_model.setItem(r, c, QStandardItem(str(model.index(r, c).data() or "")))
    bare = QTableView()
    bare.setModel(bare_model)
    bare.resize(view.size())
    bare.show()
    app.processEvents()
    counter = itertools.count()

    def app_enter() -> None:
        n = next(counter)
        indicator_id = ids[n % len(ids)]
        model.setData(model.index(model.row_of(indicator_id), COL_VALUE), f"{50 + n % 7},{n % 10}")
        view.viewport().repaint()

    def floor_enter() -> None:
        n = next(counter)
        indicator_id = ids[n % len(ids)]
        entries.set_value(ws, 2026, indicator_id, f"{50 + n % 7},{n % 10}", max_change=None)
        bare_model.setData(bare_model.index(n % bare_model.rowCount(), COL_VALUE), f"{50 + n % 7},{n % 10}")
        bare.viewport().repaint()

    figure = compare(f"Enter → saved and repainted ({plan.code}, {len(ids)} rows)", app_enter, floor_enter,
                     floor_name="core save + bare QTableView repaint", runs=41)
    window.close()
    bare.close()
    ws.close()
    return [figure]


def run():
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        return startup_figures(home) + enter_figure(home)


if __name__ == "__main__":
    print_figures(run())
    os._exit(0)
