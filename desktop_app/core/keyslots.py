"""Key slots: the workspace's random data key, wrapped by the passphrase and by the
recovery code, the way LUKS keeps several slots for one volume key.

The SQLCipher database is opened with the 32-byte data key as a raw key, so changing
the passphrase rewrites only this small file, and a forgotten passphrase is not a lost
year of work: the recovery code unwraps the same key.  Key derivation is Argon2id
(libsodium through PyNaCl), tuned to cost about 0.2 s on an office PC.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils

from desktop_app.core.errors import InputError, Location, WorkspaceError, WrongSecretError
from desktop_app.core.fsutil import atomic_write_bytes
from desktop_app.core.text import nfc

FORMAT = "tiendo-keyslots"
VERSION = 1
KEY_BYTES = nacl.secret.SecretBox.KEY_SIZE
MIN_PASSPHRASE = 8
OPSLIMIT = 3
MEMLIMIT = 128 * 1024 * 1024
# Crockford's base32: no I, L, O, U, so a code read aloud or copied by hand survives.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS = 6
RECOVERY_GROUP_LEN = 5


def new_data_key() -> bytes:
    return nacl.utils.random(KEY_BYTES)


def new_recovery_code() -> str:
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN))
    return "-".join(chars[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(chars), RECOVERY_GROUP_LEN))


def normalise_recovery_code(code: str) -> str:
    cleaned = nfc(code).upper().replace("-", "").replace(" ", "")
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(cleaned) != RECOVERY_GROUPS * RECOVERY_GROUP_LEN or any(ch not in _ALPHABET for ch in cleaned):
        raise WrongSecretError("That is not a recovery code: it has {count} groups of {length} letters and digits.",
                               count=RECOVERY_GROUPS, length=RECOVERY_GROUP_LEN)
    return "-".join(cleaned[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(cleaned), RECOVERY_GROUP_LEN))


def check_new_passphrase(passphrase: str, confirmation: str | None = None) -> str:
    passphrase = nfc(passphrase)
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputError("The passphrase must have at least {count} characters.", count=MIN_PASSPHRASE)
    if confirmation is not None and nfc(confirmation) != passphrase:
        raise InputError("The two passphrases are not the same.")
    return passphrase


@dataclass(frozen=True)
class Slot:
    kind: str  # "passphrase" | "recovery"
    salt: bytes
    wrapped: bytes
    opslimit: int = OPSLIMIT
    memlimit: int = MEMLIMIT

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "kdf": "argon2id",
            "opslimit": self.opslimit,
            "memlimit": self.memlimit,
            "salt": base64.b64encode(self.salt).decode(),
            "wrapped": base64.b64encode(self.wrapped).decode(),
        }

    @classmethod
    def from_json(cls, raw: dict) -> Slot:
        return cls(
            kind=raw["kind"],
            salt=base64.b64decode(raw["salt"]),
            wrapped=base64.b64decode(raw["wrapped"]),
            opslimit=int(raw["opslimit"]),
            memlimit=int(raw["memlimit"]),
        )


def _derive(secret: str, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    return nacl.pwhash.argon2id.kdf(KEY_BYTES, secret.encode("utf-8"), salt, opslimit=opslimit, memlimit=memlimit)


def wrap(kind: str, secret: str, data_key: bytes) -> Slot:
    salt = nacl.utils.random(nacl.pwhash.argon2id.SALTBYTES)
    box = nacl.secret.SecretBox(_derive(secret, salt, OPSLIMIT, MEMLIMIT))
    return Slot(kind, salt, bytes(box.encrypt(data_key)))


def unwrap(slot: Slot, secret: str) -> bytes | None:
    box = nacl.secret.SecretBox(_derive(secret, slot.salt, slot.opslimit, slot.memlimit))
    try:
        return bytes(box.decrypt(slot.wrapped))
    except nacl.exceptions.CryptoError:
        return None


@dataclass(frozen=True)
class KeySlots:
    workspace_id: str
    slots: tuple[Slot, ...]

    def slot(self, kind: str) -> Slot | None:
        return next((s for s in self.slots if s.kind == kind), None)

    def with_slot(self, slot: Slot) -> KeySlots:
        return KeySlots(self.workspace_id, tuple(s for s in self.slots if s.kind != slot.kind) + (slot,))

    def to_bytes(self) -> bytes:
        doc = {"format": FORMAT, "version": VERSION, "workspace_id": self.workspace_id,
               "slots": [s.to_json() for s in self.slots]}
        return json.dumps(doc, indent=2).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes, *, source: str = "") -> KeySlots:
        try:
            doc = json.loads(data.decode("utf-8"))
            if doc.get("format") != FORMAT:
                raise ValueError("format")
            return cls(doc["workspace_id"], tuple(Slot.from_json(s) for s in doc["slots"]))
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise WorkspaceError(
                "The key file of the workspace is damaged; restore the workspace from a backup.",
                where=Location(file=source or None),
            ) from None


def slots_path(workspace_path: Path) -> Path:
    return workspace_path.with_name(workspace_path.name + ".keys")


def read_slots(workspace_path: Path) -> KeySlots:
    path = slots_path(workspace_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise WorkspaceError(
            "The key file {name} is missing next to the workspace; restore the workspace from a backup.",
            where=Location(file=str(workspace_path)),
            name=path.name,
        ) from None
    return KeySlots.from_bytes(data, source=str(path))


def write_slots(workspace_path: Path, slots: KeySlots) -> None:
    atomic_write_bytes(slots_path(workspace_path), slots.to_bytes())


def create_slots(workspace_id: str, data_key: bytes, passphrase: str, recovery_code: str) -> KeySlots:
    return KeySlots(workspace_id, (wrap("passphrase", passphrase, data_key), wrap("recovery", recovery_code, data_key)))


def open_with_passphrase(slots: KeySlots, passphrase: str, *, source: str = "") -> bytes:
    slot = slots.slot("passphrase")
    key = unwrap(slot, nfc(passphrase)) if slot else None
    if key is None:
        raise WrongSecretError("The passphrase is not right for this workspace.", where=Location(file=source or None))
    return key


def open_with_recovery_code(slots: KeySlots, code: str, *, source: str = "") -> bytes:
    slot = slots.slot("recovery")
    key = unwrap(slot, normalise_recovery_code(code)) if slot else None
    if key is None:
        raise WrongSecretError("The recovery code is not right for this workspace.", where=Location(file=source or None))
    return key


def new_workspace_id() -> str:
    return os.urandom(16).hex()


def unlock(slots: KeySlots, *, passphrase: str | None, recovery_code: str | None, source: str = "") -> bytes:
    """The data key from whichever secret the user gave (the recovery code wins)."""
    if recovery_code is not None:
        return open_with_recovery_code(slots, recovery_code, source=source)
    if passphrase is not None:
        return open_with_passphrase(slots, passphrase, source=source)
    raise WrongSecretError("A passphrase or the recovery code is needed to open the workspace.")
