"""A package reader written only from docs/package-format.md, as another program (a
provincial data warehouse, an auditor's script) would write it.

It uses PyNaCl, json, hashlib and struct, and nothing of TienDo's own code: if the
document leaves out something a reader needs, the test that runs this on the vectors
fails.
"""

from __future__ import annotations

import hashlib
import json
import struct
import unicodedata
from dataclasses import dataclass

import nacl.exceptions
import nacl.public
import nacl.signing

MAGIC = b"TIENDOPK"
HEADER = struct.Struct(">8sBB16sQ32s")  # magic, format, kind, recipient, body length, SHA-256(body)
MAX_FILE = 20 * 1024 * 1024
KIND_YEAR, KIND_PLAN_UPDATE = 1, 2
PAYLOAD_FORMATS = {KIND_YEAR: "tiendo-year", KIND_PLAN_UPDATE: "tiendo-plan-update"}


class Rejected(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Package:
    kind: int
    signer: bytes  # the Ed25519 public key that signed it
    payload_bytes: bytes  # exactly the signed bytes
    payload: dict


def recipient_tag(box_public: bytes) -> bytes:
    return hashlib.sha256(b"tiendo-recipient" + box_public).digest()[:16]


def read(data: bytes, lead_box_secret: bytes | None = None) -> Package:
    if len(data) > MAX_FILE:
        raise Rejected("too_large")
    if data[:8] != MAGIC:
        raise Rejected("not_a_package")
    if len(data) < HEADER.size:
        raise Rejected("truncated")
    _magic, version, kind, recipient, length, digest = HEADER.unpack_from(data)
    if version != 1:
        raise Rejected("unsupported_format")
    body = data[HEADER.size:]
    if len(body) < length:
        raise Rejected("truncated")
    if len(body) > length or hashlib.sha256(body).digest() != digest:
        raise Rejected("damaged")
    if kind == KIND_YEAR:
        if lead_box_secret is None:
            raise Rejected("not_for_us")
        key = nacl.public.PrivateKey(lead_box_secret)
        if recipient != recipient_tag(bytes(key.public_key)):
            raise Rejected("not_for_us")
        try:
            inner = nacl.public.SealedBox(key).decrypt(body)
        except nacl.exceptions.CryptoError:
            raise Rejected("damaged") from None
    elif kind == KIND_PLAN_UPDATE:
        inner = body  # signed, not sealed: plans are public; the recipient field is ignored
    else:
        raise Rejected("not_a_package")
    signer, signed = inner[:32], inner[32:]
    try:
        payload_bytes = nacl.signing.VerifyKey(signer).verify(signed)
    except (nacl.exceptions.CryptoError, ValueError, TypeError):
        raise Rejected("bad_signature") from None
    try:
        payload = json.loads(payload_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Rejected("malformed") from None
    if not isinstance(payload, dict) or payload.get("format") != PAYLOAD_FORMATS[kind] or payload.get("version") != 1:
        raise Rejected("malformed")
    return Package(kind, signer, payload_bytes, _nfc(payload))


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value
