"""Exchange figures: importing 150 packages (one per commune, 92 values each) against a
baseline that only decrypts, verifies, parses and inserts the same rows; exporting one
package with its read-back check.

    python bench/bench_exchange.py
"""

from __future__ import annotations

import copy
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import nacl.public  # noqa: E402
import nacl.signing  # noqa: E402

from desktop_app.core import clock, entries  # noqa: E402
from desktop_app.core.exchange import keys  # noqa: E402
from desktop_app.core.exchange.exporter import build_payload, export_year  # noqa: E402
from desktop_app.core.exchange.importer import import_packages  # noqa: E402
from desktop_app.core.exchange.package import read_header, seal  # noqa: E402
from desktop_app.core.plans import plan_from_dict  # noqa: E402
from desktop_app.core.workspace import Workspace  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
COMMUNES = 150
INDICATORS = 92
PASSPHRASE = "mật khẩu đo đạc"


def synthetic_plan():
    """The mini plan grown to 92 count indicators, like Khánh Hòa's appendix."""
    raw = json.loads((ROOT / "tests" / "data" / "mini_plan.json").read_text(encoding="utf-8"))
    template = raw["indicators"][2]
    raw["indicators"] = []
    for n in range(1, INDICATORS + 1):
        item = copy.deepcopy(template)
        item.update(id=f"I.{n}", number=str(n), name=f"Chỉ tiêu số {n} về việc làm")
        raw["indicators"].append(item)
    raw["code"] = "bench-92"
    return plan_from_dict(raw)


def run() -> list[tuple[str, float, float | None, str]]:
    plan = synthetic_plan()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        lead, _ = Workspace.create(folder / "lead.tiendo", PASSPHRASE, plan=plan, office_id="so-ldtbxh", role="lead")
        office, _ = Workspace.create(folder / "xa.tiendo", PASSPHRASE, plan=plan, office_id="huyen-dien-khanh")
        keys.export_public_key(lead, folder / "lead.tdkey")
        keys.import_public_key(office, folder / "lead.tdkey")
        for indicator in plan.indicators:
            entries.set_value(office, 2026, indicator.id, "1.234")
        usb = folder / "usb"
        usb.mkdir()
        exports = []
        for _ in range(5):
            start = time.perf_counter()
            export_year(office, 2026, usb)
            exports.append(time.perf_counter() - start)
        lead_box = bytes(keys.box_key(lead).public_key)
        tag = keys.recipient_tag(lead_box)
        base = build_payload(office, 2026, 1, clock.now().isoformat(timespec="seconds"))
        packages = folder / "packages"
        packages.mkdir()
        for n in range(COMMUNES):
            payload = copy.deepcopy(base)
            payload["package_id"] = f"{n:032x}"
            payload["office"] = {"id": f"xa-{n:03d}", "name": f"UBND xã số {n}", "kind": "local"}
            (packages / f"xa-{n:03d}.tdpkg").write_bytes(seal(payload, nacl.signing.SigningKey.generate(), lead_box, tag))

        start = time.perf_counter()
        outcomes = import_packages(lead, [packages], trust_new=True)
        imported = time.perf_counter() - start
        assert all(o.outcome == "imported" for o in outcomes), {o.reason for o in outcomes}

        from desktop_app.core.exchange.report import consolidated_report
        from desktop_app.core.reports.consolidated import build_consolidated_pdf

        start = time.perf_counter()
        build_consolidated_pdf(consolidated_report(lead, 2026), folder / "tong-hop.pdf")
        consolidated = time.perf_counter() - start

        private = keys.box_key(lead)
        conn = sqlite3.connect(folder / "baseline.sqlite", isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("CREATE TABLE v (office TEXT, year INTEGER, indicator TEXT, value TEXT, PRIMARY KEY (office, year, indicator))")
        start = time.perf_counter()
        for path in sorted(packages.glob("*.tdpkg")):
            header = read_header(path.read_bytes())
            inner = nacl.public.SealedBox(private).decrypt(header.body)
            data = nacl.signing.VerifyKey(inner[:32]).verify(inner[32:])
            payload = json.loads(data)
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT OR REPLACE INTO v VALUES (?, ?, ?, ?)", [
                (payload["office"]["id"], payload["year"], k, v["number"]) for k, v in payload["data"]["values"].items()
            ])
            conn.execute("COMMIT")
        baseline = time.perf_counter() - start
        conn.close()
        lead.close()
        office.close()
    exports.sort()
    return [
        (f"import {COMMUNES} packages x {INDICATORS} values", imported, baseline, "s"),
        ("export one package (read-back check included)", exports[len(exports) // 2] * 1000, None, "ms"),
        (f"consolidated report PDF for {COMMUNES} units", consolidated, None, "s"),
    ]


if __name__ == "__main__":
    from bench_workspace import print_rows

    print_rows(run())
