"""What bad files cost an import, next to its floor, alternated in the same run:

- import a folder of the 150 good packages (one per commune, 92 values each) plus 20 bad
  files (hostile values signed by a registered-looking office, NaN, 200,000-deep JSON, a
  1 MB note, damaged, truncated, foreign and empty files) |
- import the same 150 good packages alone.

Each run imports into a fresh copy of the same empty lead workspace (untimed); the
ratio is what the 20 bad files add.

    python bench/bench_hostile_import.py
"""

from __future__ import annotations

import copy
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import nacl.public  # noqa: E402
import nacl.signing  # noqa: E402

from bench_exchange import PASSPHRASE, synthetic_plan  # noqa: E402
from harness import compare, print_figures  # noqa: E402
from desktop_app.core import clock  # noqa: E402
from desktop_app.core.exchange import keys  # noqa: E402
from desktop_app.core.exchange.importer import import_packages  # noqa: E402
from desktop_app.core.exchange.package import KIND_YEAR, _frame, seal  # noqa: E402
from desktop_app.core.workspace import Workspace  # noqa: E402

PACKAGES = 150
BAD = 20
RUNS = 5
FIRST_KEY: list = []


def base_payload(plan) -> dict:
    return {
        "format": "tiendo-year", "version": 1, "package_id": "", "plan": {"code": plan.code},
        "office": {}, "year": 2026, "revision": 1, "created_at": clock.now().isoformat(timespec="seconds"),
        "data": {"values": {i.id: {"number": "1234", "text": None, "numerator": None, "denominator": None,
                                   "no_data_reason": None, "judgement": None, "source": "Cục Thống kê", "note": ""}
                            for i in plan.indicators},
                 "tasks": {}, "narrative": {"results": "Kết quả. " * 200, "difficulties": "", "proposals": ""}},
        "report": {"status": "draft", "revision": 0},
    }


def sealed_text(text: bytes, key, lead_box: bytes) -> bytes:
    inner = bytes(key.verify_key) + bytes(key.sign(text))
    return _frame(KIND_YEAR, keys.recipient_tag(lead_box), nacl.public.SealedBox(nacl.public.PublicKey(lead_box)).encrypt(inner))


def hostile(n: int, good: bytes, payload: dict, key, lead_box: bytes) -> bytes:
    """The n-th kind of bad file (20 kinds)."""
    first = next(iter(payload["data"]["values"]))
    changes = [
        lambda p: p["data"]["values"][first].update(number="NaN"),
        lambda p: p["data"]["values"][first].update(number="Infinity"),
        lambda p: p["data"]["values"][first].update(number="9" * 5000),
        lambda p: p["data"]["values"][first].update(number="-5"),
        lambda p: p["data"]["values"].update({"XIV.99": {"number": "1"}}),
        lambda p: p.update(year=3000),
        lambda p: p.update(revision=10**30),
        lambda p: p.update(office=["xa"]),
        lambda p: p["data"]["values"][first].update(note="x" * 1_000_000),
        lambda p: p["plan"].update(code="ke-hoach-khac"),
        lambda p: p["data"]["tasks"].update({"T1": {"status": "done", "evidence_date": "2026-02-30"}}),
        lambda p: p["report"].update(status="signed", fingerprint="0123456789ABCDEF"),
    ]
    if n < len(changes):
        changed = copy.deepcopy(payload)
        changes[n](changed)
        return seal(changed, key, lead_box, keys.recipient_tag(lead_box))
    raw = [
        lambda: sealed_text(b'{"format":"tiendo-year","version":1,"data":' + b"[" * 200_000 + b"]" * 200_000 + b"}", key, lead_box),
        lambda: sealed_text(b'{"format":"tiendo-year","version":1,"year":NaN}', key, lead_box),
        lambda: good[: len(good) // 2],
        lambda: good[:100] + bytes([good[100] ^ 1]) + good[101:],
        lambda: b"PK\x03\x04" + bytes(range(256)) * 40,
        lambda: b"",
        lambda: seal(payload, key, bytes(nacl.public.PrivateKey.generate().public_key), keys.recipient_tag(lead_box)),
        lambda: seal(payload, FIRST_KEY[0], lead_box, keys.recipient_tag(lead_box)),  # another commune's key
    ]
    return raw[n - len(changes)]()


def run():
    plan = synthetic_plan()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        template, _ = Workspace.create(folder / "lead.tiendo", PASSPHRASE, plan=plan, office_id="so-ldtbxh", role="lead")
        lead_box = bytes(keys.box_key(template).public_key)
        template.close()
        clean, mixed = folder / "clean", folder / "mixed"
        clean.mkdir()
        mixed.mkdir()
        base = base_payload(plan)
        for n in range(PACKAGES):
            payload = copy.deepcopy(base)
            payload["package_id"] = f"{n:032x}"
            payload["office"] = {"id": f"xa-{n:03d}", "name": f"UBND xã số {n}", "kind": "local"}
            key = nacl.signing.SigningKey.generate()
            FIRST_KEY[:] = FIRST_KEY or [key]
            good = seal(payload, key, lead_box, keys.recipient_tag(lead_box))
            (clean / f"xa-{n:03d}.tdpkg").write_bytes(good)
            (mixed / f"xa-{n:03d}.tdpkg").write_bytes(good)
            if n < BAD:
                (mixed / f"xb-{n:03d}.tdpkg").write_bytes(hostile(n, good, payload, key, lead_box))
        lead_files = [folder / "lead.tiendo", folder / "lead.tiendo.keys"]
        pristine = [path.read_bytes() for path in lead_files]
        state: dict = {}

        def fresh_lead() -> None:  # untimed
            for path, data in zip(lead_files, pristine):
                path.write_bytes(data)
            state["lead"] = Workspace.open(lead_files[0], passphrase=PASSPHRASE)

        def importing(source: Path, rejected: int):
            def work() -> None:
                outcomes = import_packages(state["lead"], [source], trust_new=True, quarantine=folder / "quarantine")
                state.pop("lead").close()
                assert sum(o.outcome == "rejected" for o in outcomes) == rejected, {o.reason for o in outcomes}
                assert sum(o.outcome == "imported" for o in outcomes) == PACKAGES
            return work

        figure = compare(f"import {PACKAGES} packages + {BAD} bad files", importing(mixed, BAD), importing(clean, 0),
                         floor_name=f"the same {PACKAGES} packages alone", runs=RUNS, unit="s",
                         before_app=fresh_lead, before_floor=fresh_lead)
    return [figure]


if __name__ == "__main__":
    print_figures(run())
