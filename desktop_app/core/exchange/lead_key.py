"""The lead office's secret keys, saved to a file with their own passphrase and loaded
into a new workspace: a lead office whose computer dies between receiving and
consolidating still opens the packages on the sticks.

The file holds the X25519 key packages are sealed to and the Ed25519 key plan updates
are signed with, encrypted as the workspace's key slots are (Argon2id from the
passphrase, then XSalsa20-Poly1305, both libsodium through PyNaCl: ``keyslots.wrap``).
What the clear part of the file says (plan, office, fingerprint) is checked against
what the encrypted part holds, so an edited label cannot pass.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from pathlib import Path

import nacl.public
import nacl.pwhash
import nacl.signing

from desktop_app.core import keyslots
from desktop_app.core.errors import InputError, Location, WrongSecretError
from desktop_app.core.exchange.keys import box_key, fingerprint_of, signing_key
from desktop_app.core.fsutil import atomic_write_bytes
from desktop_app.core.text import nfc
from desktop_app.core.clock import now_utc
from desktop_app.core.workspace import Workspace

FORMAT = "tiendo-lead-secret-key"
VERSION = 1
SUFFIX = ".tdleadkey"
MAX_FILE_BYTES = 64 * 1024
SLOT_KIND = "lead-key"
# Bounds on the key derivation a file may ask for, so a crafted file cannot make the
# import take all memory or minutes.
_MAX_OPSLIMIT = 20
_MAX_MEMLIMIT = 1024 * 1024 * 1024


@dataclass(frozen=True)
class LeadKeyInfo:
    plan_code: str
    office_id: str
    office_name: str
    fingerprint: str
    created_at: str


def _fingerprint(box: nacl.public.PrivateKey, signing: nacl.signing.SigningKey) -> str:
    """The same fingerprint as ``keys.lead_fingerprint``: what offices compared on the phone."""
    return fingerprint_of(bytes(box.public_key), bytes(signing.verify_key))


def export_lead_key(ws: Workspace, path: Path, passphrase: str, confirmation: str | None = None) -> LeadKeyInfo:
    if ws.role != "lead":
        raise InputError("Only the lead office's workspace has a lead key to save.")
    passphrase = keyslots.check_new_passphrase(passphrase, confirmation)
    box, signing = box_key(ws), signing_key(ws)
    office = ws.query("SELECT name FROM offices WHERE id = ?", (ws.office_id,))
    info = LeadKeyInfo(ws.plan_code, ws.office_id, office[0][0] if office else ws.office_id,
                       _fingerprint(box, signing), now_utc())
    label = {"plan": info.plan_code, "office_id": info.office_id, "office_name": info.office_name,
             "fingerprint": info.fingerprint, "created_at": info.created_at}
    inner = json.dumps({**label, "box_secret": base64.b64encode(bytes(box)).decode(),
                        "signing_seed": base64.b64encode(bytes(signing)).decode()}, ensure_ascii=False).encode("utf-8")
    slot = keyslots.wrap(SLOT_KIND, passphrase, inner)
    document = {"format": FORMAT, "version": VERSION, **label, "sealed": slot.to_json()}
    atomic_write_bytes(Path(path), json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
    with ws.transaction() as tx:
        ws.audit(tx, "export_key", "key", f"lead/{ws.office_id}", new_value=info.fingerprint, reason=Path(path).name)
    return info


def read_lead_key(path: Path, passphrase: str) -> tuple[LeadKeyInfo, nacl.public.PrivateKey, nacl.signing.SigningKey]:
    where = Location(file=str(path))
    not_a_key = InputError("This is not a TienDo lead key file, or it was changed.", where=where)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError("Cannot read the file: {detail}.", where=where, detail=error.strerror) from None
    if len(data) > MAX_FILE_BYTES:
        raise not_a_key
    try:
        document = json.loads(data.decode("utf-8"))
        if document.get("format") != FORMAT:
            raise ValueError
        if document.get("version") != VERSION:
            raise InputError("The key file was made by an unknown TienDo version.", where=where)
        slot = keyslots.Slot.from_json(document["sealed"])
        if slot.kind != SLOT_KIND or document["sealed"].get("kdf") != "argon2id":
            raise ValueError
        if not (nacl.pwhash.argon2id.OPSLIMIT_MIN <= slot.opslimit <= _MAX_OPSLIMIT
                and nacl.pwhash.argon2id.MEMLIMIT_MIN <= slot.memlimit <= _MAX_MEMLIMIT
                and len(slot.salt) == nacl.pwhash.argon2id.SALTBYTES):
            raise ValueError
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, binascii.Error):
        raise not_a_key from None
    inner_bytes = keyslots.unwrap(slot, nfc(passphrase))
    if inner_bytes is None:
        raise WrongSecretError("The passphrase is not right for this key file.", where=where)
    try:
        inner = json.loads(inner_bytes.decode("utf-8"))
        box = nacl.public.PrivateKey(base64.b64decode(inner["box_secret"], validate=True))
        signing = nacl.signing.SigningKey(base64.b64decode(inner["signing_seed"], validate=True))
        info = LeadKeyInfo(nfc(str(inner["plan"])), nfc(str(inner["office_id"])), nfc(str(inner["office_name"])),
                           str(inner["fingerprint"]), str(inner["created_at"]))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error):
        raise not_a_key from None
    label = (document.get("plan"), document.get("office_id"), document.get("fingerprint"))
    if info.fingerprint != _fingerprint(box, signing) or label != (info.plan_code, info.office_id, info.fingerprint):
        raise not_a_key
    return info, box, signing


def import_lead_key(ws: Workspace, path: Path, passphrase: str, *, replace: bool = False) -> LeadKeyInfo:
    """Make the keys in the file this lead workspace's own (one transaction)."""
    if ws.role != "lead":
        raise InputError("Only a lead office's workspace takes a lead key.")
    info, box, signing = read_lead_key(path, passphrase)
    if info.plan_code != ws.plan_code:
        raise InputError("This key belongs to plan {other}, not {plan}.", other=info.plan_code, plan=ws.plan_code)
    if info.office_id != ws.office_id:
        raise InputError("This key belongs to {other}, not to this workspace's office {office}.",
                         other=info.office_name, office=ws.office_id)
    rows = dict(ws.query("SELECT purpose, public FROM own_keys"))
    current = (fingerprint_of(bytes(rows["box"]), bytes(rows["signing"]))
               if "box" in rows and "signing" in rows else None)
    if current == info.fingerprint:
        return info
    if rows and not replace:
        raise InputError("This workspace already has its own lead key ({fingerprint}); packages sealed to it would "
                         "no longer open. Replace it only if no office has its key file.",
                         fingerprint=current or "?")
    with ws.transaction() as tx:
        for purpose, secret, public in (("box", bytes(box), bytes(box.public_key)),
                                        ("signing", bytes(signing), bytes(signing.verify_key))):
            tx.execute("INSERT INTO own_keys (purpose, secret, public, created_at) VALUES (?, ?, ?, ?)"
                       " ON CONFLICT (purpose) DO UPDATE SET secret = excluded.secret, public = excluded.public,"
                       " created_at = excluded.created_at", (purpose, secret, public, now_utc()))
        ws.audit(tx, "import_key", "key", f"lead/{ws.office_id}", old_value=current, new_value=info.fingerprint,
                 reason=Path(path).name)
    return info
