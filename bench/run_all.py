"""`make bench`: every benchmark in bench/, one table: figure, value, baseline, ratio.

Each ``bench_*.py`` exposes ``run() -> [(figure, value, baseline or None, unit)]``; the
baseline is measured in the same run (plain sqlite3, a bare reportlab table, …).
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> int:
    rows = []
    failed = False
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
            for row in module.run():
                rows.append((path.stem.removeprefix("bench_"), *row))
        except Exception:
            failed = True
            print(f"{path.name} failed:", file=sys.stderr)
            traceback.print_exc()
    print(f"{'area':10} {'figure':60} {'value':>14} {'baseline':>14} {'ratio':>7}")
    for area, figure, value, baseline, unit in rows:
        base = f"{baseline:.2f} {unit}" if baseline is not None else "-"
        ratio = f"{value / baseline:.2f}" if baseline else "-"
        print(f"{area:10} {figure:60} {value:11.2f} {unit:>2} {base:>14} {ratio:>7}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
