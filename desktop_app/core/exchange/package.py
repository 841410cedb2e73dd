"""The package file: what goes on the USB stick.

    magic "TIENDOPK" | format (1 byte) | kind (1 byte) | recipient tag (16) |
    body length (8, big-endian) | SHA-256 of the body (32) | body

The body of a year package is a libsodium sealed box to the lead office's X25519 key,
holding the signer's Ed25519 verify key and the signed JSON payload.  A plan update
from the lead office is signed but not sealed (plans are public).  The clear header
lets the reader tell a truncated or damaged file from one meant for someone else
before any decryption.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
from itertools import accumulate
import unicodedata
from dataclasses import dataclass

import nacl.exceptions
import nacl.public
import nacl.signing

from desktop_app.core.errors import PackageError

MAGIC = b"TIENDOPK"
FORMAT_VERSION = 1
KIND_YEAR = 1
KIND_PLAN_UPDATE = 2
_HEADER = struct.Struct(">8sBB16sQ32s")
MAX_PACKAGE_BYTES = 20 * 1024 * 1024
# Checked before the JSON is parsed: a year of one office is some hundred kilobytes and
# a handful of levels deep.
MAX_PAYLOAD_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 12
_JSON_STRING = re.compile(rb'"[^"]*"')
_BRACKETS = re.compile(rb"[^\[\]{}]+")
_DEPTH_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
NO_RECIPIENT = b"\0" * 16


@dataclass(frozen=True)
class Opened:
    kind: int
    payload: dict
    payload_bytes: bytes
    signer_key: bytes


def seal(payload: dict, signing_key: nacl.signing.SigningKey, lead_box_key: bytes, recipient: bytes) -> bytes:
    inner = _signed_inner(payload, signing_key)
    body = nacl.public.SealedBox(nacl.public.PublicKey(lead_box_key)).encrypt(inner)
    return _frame(KIND_YEAR, recipient, body)


def sign_only(payload: dict, signing_key: nacl.signing.SigningKey) -> bytes:
    return _frame(KIND_PLAN_UPDATE, NO_RECIPIENT, _signed_inner(payload, signing_key))


def _signed_inner(payload: dict, signing_key: nacl.signing.SigningKey) -> bytes:
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return bytes(signing_key.verify_key) + bytes(signing_key.sign(data))


def _frame(kind: int, recipient: bytes, body: bytes) -> bytes:
    return _HEADER.pack(MAGIC, FORMAT_VERSION, kind, recipient, len(body), hashlib.sha256(body).digest()) + body


@dataclass(frozen=True)
class Header:
    kind: int
    recipient: bytes
    body: bytes


def read_header(data: bytes) -> Header:
    """Check the frame; raises PackageError with a stable reason code."""
    if len(data) > MAX_PACKAGE_BYTES:
        raise PackageError("too_large", "The file is larger than any package could be.")
    if len(data) < len(MAGIC) or data[: len(MAGIC)] != MAGIC:
        raise PackageError("not_a_package", "This is not a TienDo data package.")
    if len(data) < _HEADER.size:
        raise PackageError("truncated", "The package is cut short (copied incompletely).")
    magic, version, kind, recipient, length, digest = _HEADER.unpack_from(data)
    if version != FORMAT_VERSION:
        raise PackageError("unsupported_format", "The package was made by an unknown TienDo version.")
    body = data[_HEADER.size :]
    if len(body) < length:
        raise PackageError("truncated", "The package is cut short (copied incompletely).")
    if len(body) > length or hashlib.sha256(body).digest() != digest:
        raise PackageError("damaged", "The package is damaged (its contents do not match its checksum).")
    if kind not in (KIND_YEAR, KIND_PLAN_UPDATE):
        raise PackageError("not_a_package", "This is not a TienDo data package.")
    return Header(kind, recipient, body)


def open_year_package(header: Header, box_key: nacl.public.PrivateKey, recipient: bytes) -> Opened:
    if header.kind != KIND_YEAR:
        raise PackageError("wrong_kind", "This package is not an office's yearly data.")
    if header.recipient != recipient:
        raise PackageError("not_for_us", "The package was sealed for another lead office.")
    try:
        inner = nacl.public.SealedBox(box_key).decrypt(header.body)
    except nacl.exceptions.CryptoError:
        raise PackageError("damaged", "The package is damaged (its contents do not match its checksum).") from None
    return _verify_inner(KIND_YEAR, inner)


def open_plan_update(header: Header) -> Opened:
    if header.kind != KIND_PLAN_UPDATE:
        raise PackageError("wrong_kind", "This package is not a plan update.")
    return _verify_inner(KIND_PLAN_UPDATE, header.body)


def _verify_inner(kind: int, inner: bytes) -> Opened:
    verify_key, signed = inner[:32], inner[32:]
    try:
        data = nacl.signing.VerifyKey(verify_key).verify(signed)
    except (nacl.exceptions.CryptoError, ValueError, TypeError):
        raise PackageError("bad_signature", "The package's signature does not match its contents.") from None
    if len(data) > MAX_PAYLOAD_BYTES:
        raise PackageError("too_large", "The package's contents are larger than any office's year could be.")
    if nesting_depth(data) > MAX_DEPTH:
        raise PackageError("malformed", "The package's contents are nested deeper than any office's year could be.")
    try:
        payload = _nfc_json(data.decode("utf-8"))
        if not isinstance(payload, dict):
            raise ValueError
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackageError("malformed", "The package's contents cannot be read.") from None
    return Opened(kind, payload, data, verify_key)


def nesting_depth(data: bytes) -> int:
    """How deep the JSON's arrays and objects go, counted without parsing (strings first
    blanked out), so a payload nested a million deep never reaches the parser."""
    # Escapes go first, so each string is plain "…" and the pattern stays linear.
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    brackets = _BRACKETS.sub(b"", _JSON_STRING.sub(b"", unescaped))
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _nfc_json(text: str):
    """Parse with every string NFC.  Normalising the text before parsing is one C call;
    only a payload with \\u escapes (which could spell decomposed letters) is walked."""
    if "\\u" not in text:
        return json.loads(unicodedata.normalize("NFC", text), parse_constant=_refuse_constant)
    return _nfc_deep(json.loads(text, parse_constant=_refuse_constant))


def _nfc_deep(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc_deep(v) for v in value]
    if isinstance(value, dict):
        return {_nfc_deep(k): _nfc_deep(v) for k, v in value.items()}
    return value


def content_hash(payload_bytes: bytes) -> str:
    return hashlib.sha256(payload_bytes).hexdigest()
