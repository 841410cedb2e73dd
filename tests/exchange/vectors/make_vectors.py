"""Writes the package test vectors of docs/package-format.md into this folder.

    PYTHONPATH=. python tests/exchange/vectors/make_vectors.py

The valid packages are made by the program itself (two temporary workspaces on the
test plan, with keys fixed from published seeds), so the vectors are what TienDo
writes; the bad ones are the valid ones spoiled one way each.  Sealing is randomised
(an ephemeral key per package), so running this again changes the bytes, never what a
reader must conclude (``manifest.json``).
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import nacl.public
import nacl.signing

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
PASSPHRASE = "vector passphrase"


def seed(label: str) -> bytes:
    """Keys from a published label: anyone can re-derive them (they protect nothing)."""
    return hashlib.sha256(f"tiendo test vector: {label}".encode()).digest()


LEAD_BOX = nacl.public.PrivateKey(seed("lead box"))
LEAD_SIGNING = nacl.signing.SigningKey(seed("lead signing"))
OFFICE_SIGNING = nacl.signing.SigningKey(seed("office signing"))
OTHER_LEAD_BOX = nacl.public.PrivateKey(seed("another lead box"))


def install_keys(ws, signing: nacl.signing.SigningKey, box: nacl.public.PrivateKey | None) -> None:
    with ws.transaction() as tx:
        tx.execute("INSERT INTO own_keys (purpose, secret, public, created_at) VALUES ('signing', ?, ?, '2026-06-15')",
                   (bytes(signing), bytes(signing.verify_key)))
        if box is not None:
            tx.execute("INSERT INTO own_keys (purpose, secret, public, created_at) VALUES ('box', ?, ?, '2026-06-15')",
                       (bytes(box), bytes(box.public_key)))


def frame(kind: int, recipient: bytes, body: bytes, version: int = 1) -> bytes:
    header = struct.pack(">8sBB16sQ32s", b"TIENDOPK", version, kind, recipient, len(body), hashlib.sha256(body).digest())
    return header + body


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["TIENDO_HOME"] = tempfile.mkdtemp(prefix="tiendo-vectors-home-")
    from desktop_app.core import clock, entries
    from desktop_app.core.exchange import keys
    from desktop_app.core.exchange.exporter import export_year
    from desktop_app.core.exchange.plan_update import export_plan_update
    from desktop_app.core.plans import load_plan_file
    from desktop_app.core.workspace import Workspace

    clock.set_now("2026-11-20T09:30:00+07:00")
    plan = load_plan_file(ROOT / "tests" / "data" / "mini_plan.json")
    work = Path(tempfile.mkdtemp(prefix="tiendo-vectors-"))
    lead, _ = Workspace.create(work / "lead.tiendo", PASSPHRASE, plan=plan, office_id="so-ldtbxh", role="lead")
    office, _ = Workspace.create(work / "office.tiendo", PASSPHRASE, plan=plan, office_id="huyen-dien-khanh")
    install_keys(lead, LEAD_SIGNING, LEAD_BOX)
    install_keys(office, OFFICE_SIGNING, None)
    keys.export_public_key(lead, work / "lead.tdkey")
    keys.import_public_key(office, work / "lead.tdkey")

    entries.set_value(office, 2026, "I.3", "1.234", source="Phòng Lao động", note="Số liệu 11 tháng")
    entries.set_value(office, 2026, "I.1", None, numerator="30", denominator="1000")
    entries.set_value(office, 2026, "II.2", "0,0000001")
    entries.set_task_progress(office, 2026, "T1", status="done", result="Đã ban hành quyết định")
    entries.set_narrative(office, 2026, "difficulties", "Thiếu cán bộ chuyên trách ở cấp xã.")
    valid = export_year(office, 2026, work).path.read_bytes()
    update = export_plan_update(lead, replace(plan, catalog_version=2), work / "update.tdplan").read_bytes()
    lead.close()
    office.close()

    header_size = 66
    tag = keys.recipient_tag(bytes(LEAD_BOX.public_key))
    inner = nacl.public.SealedBox(LEAD_BOX).decrypt(valid[header_size:])
    payload = inner[32 + 64:]
    forged_inner = bytearray(inner)
    forged_inner[-2] ^= 0x01  # one byte of the signed payload changed after signing
    other_tag = keys.recipient_tag(bytes(OTHER_LEAD_BOX.public_key))

    vectors = {
        "year-valid.tdpkg": (valid, "ok"),
        "plan-update-valid.tdplan": (update, "ok"),
        "year-truncated.tdpkg": (valid[:120], "truncated"),
        "year-header-only.tdpkg": (valid[:40], "truncated"),
        "year-damaged.tdpkg": (valid[:-10] + bytes([valid[-10] ^ 0xFF]) + valid[-9:], "damaged"),
        "year-trailing-bytes.tdpkg": (valid + b"\n", "damaged"),
        "year-format-2.tdpkg": (valid[:8] + b"\x02" + valid[9:], "unsupported_format"),
        "year-unknown-kind.tdpkg": (valid[:9] + b"\x07" + valid[10:], "not_a_package"),
        "not-a-package.tdpkg": (b"PK\x03\x04" + bytes(80), "not_a_package"),
        "year-other-lead.tdpkg": (frame(1, other_tag, nacl.public.SealedBox(OTHER_LEAD_BOX.public_key).encrypt(inner)),
                                  "not_for_us"),
        "year-bad-signature.tdpkg": (frame(1, tag, nacl.public.SealedBox(LEAD_BOX.public_key).encrypt(bytes(forged_inner))),
                                     "bad_signature"),
        "year-undecryptable.tdpkg": (frame(1, tag, bytes(len(valid) - header_size)), "damaged"),
    }
    for name, (data, _expect) in vectors.items():
        (HERE / name).write_bytes(data)
    (HERE / "year-valid.payload.json").write_bytes(payload)
    (HERE / "plan-update-valid.payload.json").write_bytes(update[header_size + 32 + 64:])
    hexed = lambda b: b.hex()  # noqa: E731
    (HERE / "keys.json").write_text(json.dumps({
        "note": "Test keys derived as SHA-256('tiendo test vector: <label>'); they protect nothing.",
        "lead_box_secret": hexed(bytes(LEAD_BOX)),
        "lead_box_public": hexed(bytes(LEAD_BOX.public_key)),
        "lead_recipient_tag": hexed(tag),
        "lead_signing_seed": hexed(bytes(LEAD_SIGNING)),
        "lead_verify_key": hexed(bytes(LEAD_SIGNING.verify_key)),
        "office_signing_seed": hexed(bytes(OFFICE_SIGNING)),
        "office_verify_key": hexed(bytes(OFFICE_SIGNING.verify_key)),
        "other_lead_box_public": hexed(bytes(OTHER_LEAD_BOX.public_key)),
    }, indent=2) + "\n", encoding="utf-8")
    manifest = [
        {"file": name, "expect": expect,
         **({"payload": name.rsplit(".", 1)[0] + ".payload.json",
             "signer": "office_verify_key" if name.endswith(".tdpkg") else "lead_verify_key"} if expect == "ok" else {})}
        for name, (_data, expect) in vectors.items()
    ]
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"{len(vectors)} vectors written to {HERE}")


if __name__ == "__main__":
    main()
