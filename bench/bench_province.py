"""The lead office at country scale: 150, 1,500 and 3,321 offices (3,321 is the number of
communes on the 2025 map) send a year of An Giang's plan; the lead office imports the
packages, consolidates and prints the consolidated report.  Each figure stands next to
a floor measured in the same run, the two alternated:

- import: decrypt, verify, parse and insert the same values into plain sqlite3;
- consolidation: read every value of the year from the workspace and sum it per indicator;
- report: the appendices' table rows, exactly as the app lays them out, in bare
  reportlab tables (no furniture, no notes, no styles per row).

Every figure: 5 runs alternated with its floor (bench/harness.py), median and spread;
each import run starts from a fresh copy of the lead workspace (copied untimed).

    python bench/bench_province.py            # all sizes
    python bench/bench_province.py 150 1500   # some
    python bench/bench_province.py --report 3321   # the report only (one untimed import)
"""

from __future__ import annotations

import copy
import json
import random
import sqlite3
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

import nacl.public  # noqa: E402
import nacl.signing  # noqa: E402

from desktop_app.core import clock  # noqa: E402
from desktop_app.core.exchange import keys, roster  # noqa: E402
from desktop_app.core.exchange.consolidate import consolidate  # noqa: E402
from desktop_app.core.exchange.exporter import build_payload  # noqa: E402
from desktop_app.core.exchange.importer import import_packages  # noqa: E402
from desktop_app.core.exchange.package import read_header, seal  # noqa: E402
from desktop_app.core.exchange.report import province_report  # noqa: E402
from desktop_app.core.model import Office  # noqa: E402
from desktop_app.core.plans import load_bundled_plan  # noqa: E402
from desktop_app.core.reports.consolidated import build_consolidated_pdf  # noqa: E402
from desktop_app.core.workspace import Workspace  # noqa: E402
from harness import Figure, compare, print_figures  # noqa: E402

SIZES = (150, 1500, 3321)
PASSPHRASE = "mật khẩu đo đạc"
YEAR = 2026
# What a commune measures itself: shares with numerator and denominator, counts, a few
# shares as percentages only.  The other indicators are the departments'.
LOCAL_SHARE = 12
TASKS_PER_OFFICE = 3


def _commune_data(plan, rng: random.Random) -> dict:
    measured = [i for i in plan.indicators if i.kind in ("percent", "count") and not plan.is_heading(i.id)][:LOCAL_SHARE]
    values = {}
    for n, indicator in enumerate(measured):
        if indicator.kind == "count":
            values[indicator.id] = {"number": str(rng.randint(5, 400))}
        elif n % 4 == 3:   # a rate sent as a percentage only
            values[indicator.id] = {"number": str(Decimal(rng.randint(600, 990)) / 10)}
        else:
            denominator = rng.randint(800, 12000)
            numerator = rng.randint(denominator // 2, denominator)
            share = (Decimal(numerator) * 100 / denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            values[indicator.id] = {"number": str(share),
                                    "numerator": str(numerator), "denominator": str(denominator)}
    tasks = {task.id: {"status": rng.choice(("done", "in_progress", "behind")),
                       "result": f"Đã triển khai tại {rng.randint(2, 12)} ấp, khu phố"}
             for task in rng.sample(list(plan.tasks), min(TASKS_PER_OFFICE, len(plan.tasks)))}
    narrative = {"results": "", "difficulties": "Thiếu cán bộ chuyên trách; kinh phí còn hạn chế." if rng.random() < 0.3
                 else "", "proposals": ""}
    return {"values": values, "tasks": tasks, "narrative": narrative}


def _packages(folder: Path, plan, lead, template: dict, count: int) -> list[str]:
    lead_box = bytes(keys.box_key(lead).public_key)
    tag = keys.recipient_tag(lead_box)
    rng = random.Random(count)
    names = [f"UBND xã Số {n:04d}" for n in range(count)]
    for n, name in enumerate(names):
        payload = copy.deepcopy(template)
        payload["package_id"] = f"{count:05d}{n:027x}"
        payload["office"] = {"id": roster.slug(name), "name": name, "kind": "local"}
        payload["data"] = _commune_data(plan, rng)
        (folder / f"xa-{n:04d}.tdpkg").write_bytes(seal(payload, nacl.signing.SigningKey.generate(), lead_box, tag))
    return names


def _lead(folder: Path, plan, names: list[str], tag: str):
    lead, _ = Workspace.create(folder / f"lead-{tag}.tiendo", PASSPHRASE, plan=plan, office_id="so-yte", role="lead")
    roster_file = folder / f"communes-{tag}.txt"
    roster_file.write_text("\n".join(names), encoding="utf-8")
    roster.add_list(lead, roster_file, "local")
    return lead


def _import_floor(folder: Path, private, scratch: Path) -> None:
    scratch.unlink(missing_ok=True)
    conn = sqlite3.connect(scratch, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE v (office TEXT, year INTEGER, indicator TEXT, value TEXT, PRIMARY KEY (office, year, indicator))")
    for path in sorted(folder.glob("*.tdpkg")):
        header = read_header(path.read_bytes())
        inner = nacl.public.SealedBox(private).decrypt(header.body)
        payload = json.loads(nacl.signing.VerifyKey(inner[:32]).verify(inner[32:]))
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT OR REPLACE INTO v VALUES (?, ?, ?, ?)", [
            (payload["office"]["id"], payload["year"], k, v["number"]) for k, v in payload["data"]["values"].items()])
        conn.execute("COMMIT")
    conn.close()


def _consolidation_floor(lead) -> None:
    sums: dict[str, Decimal] = {}
    for indicator_id, number in lead.query("SELECT indicator_id, value_number FROM indicator_values"
                                           " WHERE plan_code = ? AND year = ?", (lead.plan_code, YEAR)):
        if number is not None:
            sums[indicator_id] = sums.get(indicator_id, Decimal(0)) + Decimal(number)


def _appendix_rows(report) -> list[tuple[list, list, bool]]:
    """The rows of the report's appendix tables as the app lays them out (cells, column
    widths, row heights, and whether on a landscape page): the floor prints exactly these."""
    from desktop_app.core.reports import decree30
    from desktop_app.core.reports.model import PageSettings
    from desktop_app.core.reports.province_appendices import (PagedTable, indicator_matrix, submissions_tables,
                                                              task_matrix)

    settings = PageSettings()
    styles = decree30.Styles(settings)
    width, wide = decree30.frame_width(settings), decree30.frame_width(settings, wide=True)
    found = []
    for flowables, landscape in ((submissions_tables(report.submissions, styles, width), False),
                                 (task_matrix(report, styles, width), False), (indicator_matrix(report, styles, wide), True)):
        found += [(t.rows, t.widths, t.heights, landscape) for t in flowables if isinstance(t, PagedTable)]
    return found


def _report_floor(path: Path, pieces: list[tuple[list, list, list, bool]]) -> None:
    """The same rows in bare reportlab tables, one per appendix table with the same row
    heights (font, size, grid; no furniture, no styles per row, no notes), portrait or
    landscape as the app prints them."""
    from reportlab.lib.pagesizes import A4, landscape as turned
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate, Table, TableStyle

    from desktop_app.core.reports.fonts import font

    doc = BaseDocTemplate(str(path), pagesize=A4)
    doc.addPageTemplates([PageTemplate(name, [Frame(doc.leftMargin, doc.bottomMargin, size[0] - 2 * doc.leftMargin,
                                                    size[1] - 2 * doc.bottomMargin)], pagesize=size)
                          for name, size in (("portrait", A4), ("landscape", turned(A4)))])
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), font()), ("FONTSIZE", (0, 0), (-1, -1), 9),
                        ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))])
    story, turned_now = [], False
    for rows, widths, heights, landscape in pieces:
        if landscape != turned_now:
            story.append(NextPageTemplate("landscape" if landscape else "portrait"))
            turned_now = landscape
        table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1)
        table.setStyle(style)
        story.append(table)
    doc.build(story)


def measure(size: int, plan, template: dict, scratch: Path, report_only: bool = False) -> list[Figure]:
    folder = scratch / f"packages-{size}"
    folder.mkdir()
    probe = Workspace.create(scratch / f"probe-{size}.tiendo", PASSPHRASE, plan=plan, office_id="so-yte", role="lead")[0]
    names = _packages(folder, plan, probe, template, size)
    private = keys.box_key(probe)
    probe.close()
    state = {"lead": None, "run": 0}

    def fresh_lead() -> None:
        # Untimed: a new lead workspace holding the probe's keys (the packages are sealed to it).
        if state["lead"] is not None:
            state["lead"].close()
        state["run"] += 1
        state["lead"] = _copy_lead(scratch, size, state["run"], names)

    def import_all() -> None:
        outcomes = import_packages(state["lead"], [folder], trust_new=True)
        assert all(o.outcome == "imported" for o in outcomes), {o.reason for o in outcomes}

    if report_only:
        fresh_lead()
        import_all()
        figures = []
    else:
        figures = [compare(f"import {size} packages", import_all,
                           lambda: _import_floor(folder, private, scratch / "f.sqlite"),
                           floor_name="decrypt+verify+parse+insert, plain sqlite3", unit="s", before_app=fresh_lead)]
    lead = state["lead"]
    if not report_only:
        figures.append(compare(f"consolidate {size} offices", lambda: consolidate(lead, YEAR),
                               lambda: _consolidation_floor(lead), floor_name="read and sum every value of the year",
                               unit="ms"))
    report = province_report(lead, YEAR)
    pieces = _appendix_rows(report)
    rows = sum(len(cells) - 1 for cells, _widths, _heights, _landscape in pieces)
    pages = []

    def build() -> None:
        pages.append(build_consolidated_pdf(province_report(lead, YEAR), scratch / f"tong-hop-{size}.pdf").pages)

    figure = compare(f"consolidated report, {size} offices", build,
                     lambda: _report_floor(scratch / f"floor-{size}.pdf", pieces),
                     floor_name=f"the appendices' {rows} rows in bare reportlab tables", unit="s")
    figures.append(Figure(f"{figure.name} ({pages[-1]} pages)", figure.app, figure.floor, figure.floor_name, "s"))
    lead.close()
    return figures


def _copy_lead(scratch: Path, size: int, run: int, names: list[str]):
    """A fresh lead workspace holding the probe's keys (so the sealed packages open)."""
    import shutil

    from desktop_app.core import keyslots

    source = scratch / f"probe-{size}.tiendo"
    target = scratch / f"lead-{size}-{run}.tiendo"
    shutil.copy2(source, target)
    shutil.copy2(keyslots.slots_path(source), keyslots.slots_path(target))
    lead = Workspace.open(target, passphrase=PASSPHRASE)
    roster_file = scratch / f"communes-{size}.txt"
    roster_file.write_text("\n".join(names), encoding="utf-8")
    roster.add_list(lead, roster_file, "local")
    return lead


def run(sizes=SIZES, report_only: bool = False) -> list[Figure]:
    clock.set_now("2026-11-20T09:00:00+07:00")   # before An Giang's 05/12 deadline: every package on time
    plan = load_bundled_plan("angiang-2025")
    rows = []
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        office, _ = Workspace.create(scratch / "xa.tiendo", PASSPHRASE, plan=plan, office_id="xa-mau",
                                     new_office=Office("xa-mau", "UBND xã Mẫu", kind="local"))
        template = build_payload(office, YEAR, 1, clock.now().isoformat(timespec="seconds"))
        office.close()
        for size in sizes:
            rows += measure(size, plan, template, scratch, report_only)
    return rows


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--report"]
    chosen = tuple(int(a) for a in arguments) or SIZES
    print_figures(run(chosen, report_only="--report" in sys.argv[1:]))
