"""Exchange figures, each next to its floor, alternated in the same run:

- import 150 packages (one per commune, 92 values each) into a fresh lead workspace |
  decrypt, verify, parse and insert the same rows into plain sqlite3 (WAL, FULL sync),
  one transaction per package;
- export one package (read-back check included) | build the same payload, seal it and
  write it with one fsync.

    python bench/bench_exchange.py
"""

from __future__ import annotations

import copy
import json
import sqlite3
import sys
import tempfile
import itertools
import os
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from harness import compare, print_figures  # noqa: E402

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


def run():
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
        lead_box = bytes(keys.box_key(lead).public_key)
        tag = keys.recipient_tag(lead_box)
        signer = keys.signing_key(office)
        sealed = folder / "sealed"
        sealed.mkdir()
        counter = itertools.count()

        def floor_export() -> None:
            payload = build_payload(office, 2026, 1, clock.now().isoformat(timespec="seconds"))
            data = seal(payload, signer, lead_box, tag)
            with (sealed / f"{next(counter)}.tdpkg").open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())

        export = compare("export one package (read-back check included)", lambda: export_year(office, 2026, usb),
                         floor_export, floor_name="build, seal and write the same payload", runs=7)

        base = build_payload(office, 2026, 1, clock.now().isoformat(timespec="seconds"))
        packages = folder / "packages"
        packages.mkdir()
        for n in range(COMMUNES):
            payload = copy.deepcopy(base)
            payload["package_id"] = f"{n:032x}"
            payload["office"] = {"id": f"xa-{n:03d}", "name": f"UBND xã số {n}", "kind": "local"}
            (packages / f"xa-{n:03d}.tdpkg").write_bytes(seal(payload, nacl.signing.SigningKey.generate(), lead_box, tag))
        private = keys.box_key(lead)
        lead.close()
        office.close()
        lead_files = [folder / "lead.tiendo", folder / "lead.tiendo.keys"]
        pristine = [path.read_bytes() for path in lead_files]
        state: dict = {}

        def fresh_lead() -> None:  # untimed: every run imports into the same empty lead workspace
            for path, data in zip(lead_files, pristine):
                path.write_bytes(data)
            state["lead"] = Workspace.open(lead_files[0], passphrase=PASSPHRASE)

        def app_import() -> None:
            outcomes = import_packages(state["lead"], [packages], trust_new=True)
            state.pop("lead").close()
            assert all(o.outcome == "imported" for o in outcomes), {o.reason for o in outcomes}

        def fresh_plain() -> None:
            target = folder / "plain.sqlite"
            for suffix in ("", "-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            conn = sqlite3.connect(target, isolation_level=None)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("CREATE TABLE v (office TEXT, year INTEGER, indicator TEXT, value TEXT,"
                         " PRIMARY KEY (office, year, indicator))")
            state["plain"] = conn

        def floor_import() -> None:
            conn = state.pop("plain")
            for path in sorted(packages.glob("*.tdpkg")):
                header = read_header(path.read_bytes())
                inner = nacl.public.SealedBox(private).decrypt(header.body)
                data = nacl.signing.VerifyKey(inner[:32]).verify(inner[32:])
                payload = json.loads(data)
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany("INSERT OR REPLACE INTO v VALUES (?, ?, ?, ?)", [
                    (payload["office"]["id"], payload["year"], k, v["number"])
                    for k, v in payload["data"]["values"].items()])
                conn.execute("COMMIT")
            conn.close()

        imported = compare(f"import {COMMUNES} packages x {INDICATORS} values", app_import, floor_import,
                           floor_name="decrypt, verify, parse, insert into plain sqlite3", runs=5, unit="s",
                           before_app=fresh_lead, before_floor=fresh_plain)
    return [imported, export]


if __name__ == "__main__":
    print_figures(run())
