"""Report figures, each against a bare reportlab build of the same cells in the same run:

- the sample annual report (92 indicator rows in 10 groups, 20 tasks, a page of
  narrative per section, Decree 30 furniture, fingerprint, QR code) against one bare
  table of the same rows (names wrapping, nothing else); aim: under 1 s and ≤ 1.5×;
- the consolidated report for 150 units (appendices: who reported, 150 × 20 task
  statuses, 150 × the indicators' figures)
  against bare tables of the same appendix cells; aim: under 10 s.

    python bench/bench_reports.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "reports"), str(Path(__file__).resolve().parent)]

from harness import compare, print_figures  # noqa: E402

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.lib.utils import simpleSplit  # noqa: E402
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle  # noqa: E402
from sample import sample_consolidated, sample_report  # noqa: E402

from desktop_app.core.reports.annual import build_annual_pdf, cell_value  # noqa: E402
from desktop_app.core.reports.consolidated import build_consolidated_pdf  # noqa: E402
from desktop_app.core.reports.fonts import font  # noqa: E402

RUNS = 5
UNITS = 150


def _bare(path: Path, tables: list[list[list]]) -> None:
    """What reportlab costs without us: the same cells, default page, no furniture."""
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), font()), ("FONTSIZE", (0, 0), (-1, -1), 10),
                        ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))])
    story = []
    for rows in tables:
        table = Table(rows, repeatRows=1)
        table.setStyle(style)
        story.append(table)
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def _annual_rows(report) -> list[list]:
    """The same cells; long text wrapped the cheapest way reportlab offers (pre-split
    strings, as the app does), so the floor is reportlab's cost, not Paragraph's."""
    def wrap(text: str, width_mm: float) -> str:
        return "\n".join(simpleSplit(text, font(), 10, width_mm * mm)) or ""

    rows = [["TT", "Chỉ tiêu", "ĐVT", "2025", "2030", "Năm trước", "Năm báo cáo", "Đánh giá"]]
    rows += [[line.number, wrap(line.name, 60), line.unit, line.target_2025, line.target_2030,
              cell_value(line.last_year), cell_value(line.this_year), line.evaluation] for line in report.indicators]
    rows += [[task.number, wrap(task.name, 60), wrap(task.lead, 30), task.status, wrap(task.result, 40), "", "", ""]
             for task in report.tasks]
    return rows


def _appendix_tables(report) -> list[list[list]]:
    """The appendices' cells: who reported, offices × tasks (status codes), offices ×
    indicators in blocks of eight."""
    tables = [[["TT", "Đơn vị", "Tình trạng", "Ngày gửi", "Người ký"]]
              + [[str(n), s.office, s.status_words(), s.sent_on, s.signer] for n, s in enumerate(report.submissions, 1)]]
    states = [{o.office: o.state for o in task.offices} for task in report.tasks]
    tables.append([["TT", "Đơn vị", *(f"NV {task.number}" for task in report.tasks)]]
                  + [[str(n), office, *(s.get(office, "") for s in states)]
                     for n, office in enumerate(report.offices, 1)])
    values = [{c.office: c.value for c in b.cells} for b in report.breakdowns]
    for start in range(0, len(values), 8):
        block = values[start:start + 8]
        tables.append([["TT", "Đơn vị", *(f"({i + 1})" for i in range(start, start + len(block)))]]
                      + [[str(n), office, *(cell_value(v.get(office)) for v in block)]
                         for n, office in enumerate(report.offices, 1)])
    return tables


def run():
    font()   # registering the fonts is a one-off cost, not a report's
    report = sample_report()
    consolidated = sample_consolidated(UNITS)
    indicators = sum(1 for line in report.indicators if line.kind != "group")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        annual = compare(f"annual report PDF ({indicators} indicators, {len(report.tasks)} tasks)",
                         lambda: build_annual_pdf(report, folder / "annual.pdf"),
                         lambda: _bare(folder / "annual-bare.pdf", [_annual_rows(report)]),
                         floor_name="bare reportlab table of the same rows", runs=RUNS, goal=1.5)
        province = compare(f"consolidated report PDF ({UNITS} units × {len(consolidated.breakdowns)} figures)",
                           lambda: build_consolidated_pdf(consolidated, folder / "consolidated.pdf"),
                           lambda: _bare(folder / "consolidated-bare.pdf", _appendix_tables(consolidated)),
                           floor_name="bare reportlab tables of the same cells", runs=RUNS)
    return [annual, province]


if __name__ == "__main__":
    print_figures(run())
