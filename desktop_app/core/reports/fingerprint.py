"""A short fingerprint of a report's data, printed on every page and carried in the USB
package, so the lead office can check that the data it imported is the data on the
signed paper."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from decimal import Decimal

LENGTH = 16


def _canonical(value: object) -> object:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 2.80 and 2.8 are the same figure
    if isinstance(value, dict):
        return {_canonical(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    return value


def canonical_bytes(data: object) -> bytes:
    """Sorted-key compact JSON of plain data, Decimals as text, every string NFC."""
    return json.dumps(_canonical(data), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def fingerprint(data: object) -> str:
    """The first 16 hex digits of SHA-256 over the canonical form, upper case."""
    return hashlib.sha256(canonical_bytes(data)).hexdigest()[:LENGTH].upper()


def grouped(fingerprint_text: str) -> str:
    """``3F2A 91C0 5D7E 0B12``: easier to compare by eye."""
    return " ".join(fingerprint_text[i : i + 4] for i in range(0, len(fingerprint_text), 4))
