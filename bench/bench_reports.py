"""Report figures, each against bare reportlab laying out the same document in the same run:

- the sample annual report (92 indicator rows in 10 groups, 20 tasks, a page of
  narrative per section, Decree 30 furniture, fingerprint, QR code); aim: under 1 s and ≤ 1.5×;
- the consolidated report for 150 units (parts I–IV, the province's figures, the
  appendices: who reported, 150 × 20 task statuses, 150 × the indicators' figures); aim: under 10 s.

The floor (``report_floor``) is reportlab given the very story the app gives it (the same
paragraphs, tables, cells, widths, fonts, page frames: the same pages), without the app's
own work (formatting and wrapping cells, the furniture on every page, the QR code, the
signature place).  Both page counts are printed: if they differ, the floor is not the
same work.

    python bench/bench_reports.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "reports"), str(Path(__file__).resolve().parent)]

from harness import compare, print_figures  # noqa: E402
from report_floor import build_floor, capture  # noqa: E402
from sample import sample_consolidated, sample_report  # noqa: E402

from desktop_app.core.reports.annual import build_annual_pdf  # noqa: E402
from desktop_app.core.reports.consolidated import build_consolidated_pdf  # noqa: E402
from desktop_app.core.reports.fonts import font  # noqa: E402

RUNS = 5
UNITS = 150


def run():
    font()   # registering the fonts is a one-off cost, not a report's
    report = sample_report()
    consolidated = sample_consolidated(UNITS)
    indicators = sum(1 for line in report.indicators if line.kind != "group")
    figures = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        cases = [
            (f"annual report PDF ({indicators} indicators, {len(report.tasks)} tasks)", 1.5,
             lambda: build_annual_pdf(report, folder / "annual.pdf")),
            (f"consolidated report PDF ({UNITS} units × {len(consolidated.breakdowns)} figures)", None,
             lambda: build_consolidated_pdf(consolidated, folder / "consolidated.pdf")),
        ]
        for name, goal, app in cases:
            recipe = capture(app)
            floor = folder / "floor.pdf"
            app_pages, floor_pages = app().pages, build_floor(recipe, floor)
            same = (f"{floor_pages} pages as the app's" if floor_pages == app_pages
                    else f"PAGES DIFFER ({floor_pages} against the app's {app_pages}): not the same work")
            figures.append(compare(name, app, lambda: build_floor(recipe, floor),
                                   floor_name=f"bare reportlab, same story, {same}", runs=RUNS, goal=goal))
    return figures


if __name__ == "__main__":
    print_figures(run())
