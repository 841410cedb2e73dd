"""`make bench`: every benchmark in bench/, one table.

Each ``bench_*.py`` exposes ``run() -> list[harness.Figure]``: the app's figure next to
its floor, measured alternately in the same run.  Exit status 1 when a bench failed or
a ratio came out below 1 (a bench that does not compare the same work).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from harness import HEADER, NOISE, row  # noqa: E402


def main(argv: list[str]) -> int:
    wanted = set(argv)
    figures, failed = [], False
    for path in sorted(HERE.glob("bench_*.py")):
        area = path.stem.removeprefix("bench_")
        if wanted and area not in wanted:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
            for figure in module.run():
                figures.append((area, figure))
                print(f"{area:10} {row(figure)}", flush=True)
        except Exception:
            failed = True
            print(f"{path.name} failed:", file=sys.stderr)
            traceback.print_exc()
    print()
    print(f"{'area':10} {HEADER}")
    for area, figure in figures:
        print(f"{area:10} {row(figure)}")
    bugs = [figure.name for _, figure in figures if figure.ratio < 1 - NOISE]
    if bugs:
        print("ratio below 1 (the floor does not do the same work):", ", ".join(bugs), file=sys.stderr)
    return 1 if failed or bugs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
