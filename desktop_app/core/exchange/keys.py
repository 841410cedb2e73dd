"""Keys, once: every workspace signs with Ed25519; the lead office also has an X25519
key pair that packages are sealed to (PyNaCl / libsodium).

Key files carry a fingerprint a person can read out over the phone or compare with the
one printed on a signed paper report.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import nacl.exceptions
import nacl.public
import nacl.signing

from desktop_app.core.errors import InputError, Location
from desktop_app.core.fsutil import atomic_write_bytes
from desktop_app.core.clock import now_utc
from desktop_app.core.workspace import Workspace

KEY_FORMAT = "tiendo-public-key"


def fingerprint_of(*keys: bytes) -> str:
    """``3F2A-91C0-…``: 20 hex digits of SHA-256 in groups, easy to read aloud."""
    digest = hashlib.sha256(b"".join(keys)).hexdigest()[:20].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 20, 4))


def _own(ws: Workspace, purpose: str) -> tuple[bytes, bytes]:
    rows = ws.query("SELECT secret, public FROM own_keys WHERE purpose = ?", (purpose,))
    if rows:
        return bytes(rows[0][0]), bytes(rows[0][1])
    if purpose == "signing":
        key = nacl.signing.SigningKey.generate()
        secret, public = bytes(key), bytes(key.verify_key)
    else:
        key = nacl.public.PrivateKey.generate()
        secret, public = bytes(key), bytes(key.public_key)
    with ws.transaction() as tx:
        tx.execute("INSERT INTO own_keys (purpose, secret, public, created_at) VALUES (?, ?, ?, ?)",
                   (purpose, secret, public, now_utc()))
        ws.audit(tx, "create_key", "key", purpose, new_value=fingerprint_of(public))
    return secret, public


def signing_key(ws: Workspace) -> nacl.signing.SigningKey:
    return nacl.signing.SigningKey(_own(ws, "signing")[0])


def box_key(ws: Workspace) -> nacl.public.PrivateKey:
    return nacl.public.PrivateKey(_own(ws, "box")[0])


def signing_key_fingerprint(ws: Workspace) -> str:
    """The office's key fingerprint, printed on its reports."""
    return fingerprint_of(_own(ws, "signing")[1])


def lead_fingerprint(ws: Workspace) -> str:
    """The lead office's public key fingerprint (both of its keys)."""
    return fingerprint_of(_own(ws, "box")[1], _own(ws, "signing")[1])


def recipient_tag(box_public: bytes) -> bytes:
    """16 bytes naming the lead key a package is sealed to (in the clear, in the header)."""
    return hashlib.sha256(b"tiendo-recipient" + box_public).digest()[:16]


@dataclass(frozen=True)
class PublicKeyFile:
    role: str  # "lead" | "office"
    office_id: str
    office_name: str
    plan_code: str
    verify_key: bytes
    box_key: bytes | None

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.box_key, self.verify_key) if self.box_key else fingerprint_of(self.verify_key)


def export_public_key(ws: Workspace, path: Path) -> PublicKeyFile:
    """The lead office's key file (for every reporting office), or an office's signing
    key file (for the lead office to register ahead of its first package)."""
    is_lead = ws.role == "lead"
    office = ws.query("SELECT name FROM offices WHERE id = ?", (ws.office_id,))
    key = PublicKeyFile(
        role="lead" if is_lead else "office",
        office_id=ws.office_id,
        office_name=office[0][0] if office else ws.office_id,
        plan_code=ws.plan_code,
        verify_key=_own(ws, "signing")[1],
        box_key=_own(ws, "box")[1] if is_lead else None,
    )
    body = {
        "format": KEY_FORMAT, "version": 1, "role": key.role, "office_id": key.office_id,
        "office_name": key.office_name, "plan": key.plan_code,
        "verify_key": base64.b64encode(key.verify_key).decode(),
        "box_key": base64.b64encode(key.box_key).decode() if key.box_key else None,
        "fingerprint": key.fingerprint,
    }
    data = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
    signed = signing_key(ws).sign(data)
    document = {"key": body, "signature": base64.b64encode(signed.signature).decode()}
    atomic_write_bytes(Path(path), json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8"))
    return key


def read_public_key(path: Path) -> PublicKeyFile:
    where = Location(file=str(path))
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        body = document["key"]
        if body.get("format") != KEY_FORMAT:
            raise ValueError
        verify = base64.b64decode(body["verify_key"])
        data = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        nacl.signing.VerifyKey(verify).verify(data, base64.b64decode(document["signature"]))
        key = PublicKeyFile(
            role=body["role"], office_id=body["office_id"], office_name=body["office_name"], plan_code=body["plan"],
            verify_key=verify, box_key=base64.b64decode(body["box_key"]) if body.get("box_key") else None,
        )
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, nacl.exceptions.CryptoError):
        raise InputError("This is not a TienDo key file, or it was changed.", where=where) from None
    if key.role == "lead" and key.box_key is None:
        raise InputError("This is not a TienDo key file, or it was changed.", where=where)
    return key


def import_public_key(ws: Workspace, path: Path) -> PublicKeyFile:
    """A reporting office loads its lead office's key; the lead registers an office's key."""
    key = read_public_key(path)
    if key.plan_code != ws.plan_code:
        raise InputError("This key belongs to plan {other}, not {plan}.", other=key.plan_code, plan=ws.plan_code)
    if ws.role == "lead":
        if key.role != "office":
            raise InputError("A lead office registers the keys of reporting offices, not of another lead office.")
        register_office_key(ws, key.office_id, key.verify_key, office_name=key.office_name)
    else:
        if key.role != "lead":
            raise InputError("A reporting office loads the lead office's key, not another office's.")
        with ws.transaction() as tx:
            tx.execute(
                "INSERT INTO trusted_keys (kind, office_id, verify_key, box_key, fingerprint, registered_at)"
                " VALUES ('lead', ?, ?, ?, ?, ?) ON CONFLICT (kind, office_id) DO UPDATE SET"
                " verify_key = excluded.verify_key, box_key = excluded.box_key,"
                " fingerprint = excluded.fingerprint, registered_at = excluded.registered_at",
                (key.office_id, key.verify_key, key.box_key, key.fingerprint, now_utc()),
            )
            tx.execute("DELETE FROM trusted_keys WHERE kind = 'lead' AND office_id != ?", (key.office_id,))
            ws.audit(tx, "trust_key", "key", f"lead/{key.office_id}", new_value=key.fingerprint)
    return key


def register_office_key(ws: Workspace, office_id: str, verify_key: bytes, *, office_name: str | None = None) -> str:
    with ws.transaction() as tx:
        return register_office_key_in(ws, tx, office_id, verify_key, office_name=office_name)


def register_office_key_in(ws: Workspace, tx, office_id: str, verify_key: bytes, *, office_name: str | None = None) -> str:
    """Register inside the caller's transaction (an import registers and applies together)."""
    from desktop_app.core.exchange.offices import ensure_office

    fingerprint = fingerprint_of(verify_key)
    owner = tx.execute("SELECT office_id FROM trusted_keys WHERE kind = 'office' AND verify_key = ? AND office_id != ?",
                       (verify_key, office_id)).fetchone()
    if owner:
        raise InputError("This key is already registered for {owner}; one signing key belongs to one office.", owner=owner[0])
    ensure_office(ws, tx, office_id, office_name or office_id, "local")
    old = tx.execute("SELECT fingerprint FROM trusted_keys WHERE kind = 'office' AND office_id = ?", (office_id,)).fetchone()
    tx.execute(
        "INSERT INTO trusted_keys (kind, office_id, verify_key, box_key, fingerprint, registered_at)"
        " VALUES ('office', ?, ?, NULL, ?, ?) ON CONFLICT (kind, office_id) DO UPDATE SET"
        " verify_key = excluded.verify_key, fingerprint = excluded.fingerprint, registered_at = excluded.registered_at",
        (office_id, verify_key, fingerprint, now_utc()),
    )
    ws.audit(tx, "trust_key", "key", f"office/{office_id}", old_value=old[0] if old else None, new_value=fingerprint)
    return fingerprint


def trusted_lead(ws: Workspace) -> tuple[str, bytes, bytes] | None:
    """(office id, verify key, box key) of the lead office this workspace reports to."""
    rows = ws.query("SELECT office_id, verify_key, box_key FROM trusted_keys WHERE kind = 'lead'")
    return (rows[0][0], bytes(rows[0][1]), bytes(rows[0][2])) if rows else None


def trusted_office_key(ws: Workspace, office_id: str) -> bytes | None:
    rows = ws.query("SELECT verify_key FROM trusted_keys WHERE kind = 'office' AND office_id = ?", (office_id,))
    return bytes(rows[0][0]) if rows else None


def office_of_key(ws: Workspace, verify_key: bytes) -> str | None:
    """The office a signing key is registered for (one key, one office)."""
    rows = ws.query("SELECT office_id FROM trusted_keys WHERE kind = 'office' AND verify_key = ?", (verify_key,))
    return rows[0][0] if rows else None
