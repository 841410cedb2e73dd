"""The fingerprint the lead office compares with the signed paper: the same data gives
the same 16 hex digits however it was typed or stored; any change gives others."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.reports.fingerprint import canonical_bytes, fingerprint


def test_the_canonical_form_is_sorted_compact_json_with_decimals_as_text():
    data = {"b": [Decimal("2.80"), None, True], "a": "Khánh Hòa", "d": dt.date(2026, 12, 5)}
    assert canonical_bytes(data) == '{"a":"Khánh Hòa","b":["2.8",null,true],"d":"2026-12-05"}'.encode()


def test_composed_and_decomposed_text_and_trailing_zeros_give_one_fingerprint():
    text = "Tỉ lệ hộ nghèo đa chiều"
    nfc = {"values": {"V.33": Decimal("1.50")}, "note": text}
    nfd = {"note": unicodedata.normalize("NFD", text), "values": {"V.33": Decimal("1.5")}}
    assert fingerprint(nfc) == fingerprint(nfd)
    assert len(fingerprint(nfc)) == 16 and int(fingerprint(nfc), 16) >= 0


def test_a_changed_figure_status_or_word_changes_the_fingerprint():
    base = {"values": {"I.1": Decimal("96.7")}, "tasks": {"I.1": "hoàn thành"}, "narrative": "Kết quả"}
    changed = [
        {**base, "values": {"I.1": Decimal("96.8")}},
        {**base, "tasks": {"I.1": "đang triển khai"}},
        {**base, "narrative": "Kết quả."},
    ]
    assert len({fingerprint(base), *map(fingerprint, changed)}) == 4


def test_floats_are_refused():
    with pytest.raises(TypeError):
        canonical_bytes({"value": 96.7})


NFC_TEXT = st.text(max_size=8).map(lambda text: unicodedata.normalize("NFC", text))


@given(st.dictionaries(NFC_TEXT, st.decimals(allow_nan=False, allow_infinity=False, places=3), max_size=6))
def test_key_order_never_matters(values):
    reordered = dict(reversed(list(values.items())))
    assert fingerprint(values) == fingerprint(reordered)
