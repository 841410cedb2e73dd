"""Report figures: the Khánh Hòa annual report (92 indicators, its tasks, a page of
narrative) against a bare reportlab table of the same rows built in the same run.

    python bench/bench_reports.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table  # noqa: E402
from xml.sax.saxutils import escape  # noqa: E402

from desktop_app.core import entries  # noqa: E402
from desktop_app.core.demo import fill_demo_data  # noqa: E402
from desktop_app.core.plans import load_bundled_plan  # noqa: E402
from desktop_app.core.reports.annual import build_annual_pdf  # noqa: E402
from desktop_app.core.reports.build import annual_report  # noqa: E402
from desktop_app.core.reports.fonts import font  # noqa: E402
from desktop_app.core.workspace import Workspace  # noqa: E402

RUNS = 5


def _median(samples):
    samples = sorted(samples)
    return samples[len(samples) // 2]


def run() -> list[tuple[str, float, float | None, str]]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        ws, _ = Workspace.create(folder / "kh.tiendo", "mật khẩu đo đạc", plan=load_bundled_plan("khanhhoa-2024"),
                                 office_id="so-ldtbxh", role="lead")
        fill_demo_data(ws)
        entries.set_narrative(ws, 2026, "results", "Kết quả nổi bật trong năm. " * 120)
        report = annual_report(ws, 2026)
        ws.close()
        font()  # registering the fonts is a one-off cost, not a report's
        built, bare = [], []
        for _ in range(RUNS):
            start = time.perf_counter()
            build_annual_pdf(report, folder / "report.pdf")
            built.append(time.perf_counter() - start)
            rows = [[line.number, line.name, line.unit, line.target_2025, line.target_2030, str(line.last_year or ""),
                     str(line.this_year or ""), line.evaluation] for line in report.indicators]
            rows += [[t.number, t.name, t.lead, t.status, t.result, "", "", ""] for t in report.tasks]
            style = ParagraphStyle("cell", fontName=font(), fontSize=10, leading=12)
            cells = [[Paragraph(escape(str(value)), style) for value in row] for row in rows]
            start = time.perf_counter()
            SimpleDocTemplate(str(folder / "bare.pdf"), pagesize=A4).build([Table(cells, repeatRows=1)])
            bare.append(time.perf_counter() - start)
    return [(f"annual report PDF ({len([i for i in report.indicators if i.kind != 'group'])} indicator rows, "
             f"{len(report.tasks)} tasks)", _median(built) * 1000, _median(bare) * 1000, "ms")]


if __name__ == "__main__":
    from bench_workspace import print_rows

    print_rows(run())
