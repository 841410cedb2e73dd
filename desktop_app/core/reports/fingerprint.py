"""A short fingerprint of a report's data, printed on every page and carried in the USB
package, so the lead office can check that the data it imported is the data on the
signed paper."""

from __future__ import annotations

import datetime as dt
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
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        # A float's text depends on how it was computed; figures are Decimals.
        raise TypeError("fingerprint: a float in the data; use Decimal")
    if value is None or isinstance(value, (bool, int)):
        return value
    raise TypeError(f"fingerprint: {type(value).__name__} is not plain data")


def canonical_bytes(data: object) -> bytes:
    """Sorted-key compact JSON of plain data (dict, list, tuple, str, int, bool, None,
    Decimal, date), Decimals as text without trailing zeros, dates ISO, every string NFC."""
    return json.dumps(_canonical(data), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def fingerprint(data: object) -> str:
    """The first 16 hex digits of SHA-256 over the canonical form, upper case."""
    return hashlib.sha256(canonical_bytes(data)).hexdigest()[:LENGTH].upper()


def grouped(fingerprint_text: str) -> str:
    """``3F2A 91C0 5D7E 0B12``: easier to compare by eye."""
    return " ".join(fingerprint_text[i : i + 4] for i in range(0, len(fingerprint_text), 4))
