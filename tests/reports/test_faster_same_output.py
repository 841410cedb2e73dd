"""The shortcuts that make reports cheaper give what the slow way gave: cells break
exactly where reportlab's simpleSplit breaks them, numbers print exactly as Babel's
``format_decimal`` prints them for ``vi``, and the signature place is in the file as
before (now written by reportlab while saving, not by a second pass)."""

from __future__ import annotations

from decimal import Decimal

from babel import numbers
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.utils import simpleSplit
from sample import sample_consolidated

from desktop_app.core.reports.annual import _split, signature_place, wrap_lines
from desktop_app.core.reports.consolidated import build_consolidated_pdf
from desktop_app.core.reports.fonts import font
from desktop_app.core.text import format_number

WORDS = ["Tỷ", "lệ", "người", "có", "công", "và", "gia", "đình", "12.345,6", "805/KH-SLĐTBXH", "", " ",
         "BHXH", "(1)", "Nghị", "định", "số", "131/2021/NĐ-CP", "ngày", "30/12/2021", "W" * 40]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.sampled_from([" ", "  ", "\t"]),
       st.floats(min_value=5, max_value=400), st.sampled_from([8, 9, 10, 11.5]), st.booleans())
def test_cells_break_lines_exactly_where_reportlab_does(words, gap, width, size, bold):
    text = gap.join(words)
    name = font("bold" if bold else "regular")
    measured: dict = {}   # shared, as a table's cells share it
    assert _split(text, name, size, width, measured) == (simpleSplit(text, name, size, width) or [""])
    assert _split(text, name, size, width, measured) == (simpleSplit(text, name, size, width) or [""])
    for line in wrap_lines(text, name, size, width, measured):
        assert line == "" or " " not in line or line in simpleSplit(text, name, size, width)


@settings(max_examples=300, deadline=None)
@given(st.builds(lambda digits, places: Decimal(digits).scaleb(-places), st.integers(-10**15, 10**15),
                 st.integers(0, 6)),
       st.one_of(st.none(), st.integers(min_value=0, max_value=4)))
def test_numbers_print_as_babel_prints_them_in_vietnamese(value, places):
    shown = max(0, -value.as_tuple().exponent) if places is None else places
    pattern = "#,##0" + ("." + "0" * shown if shown else "")
    expected = numbers.format_decimal(value, format=pattern, locale="vi", decimal_quantization=True)
    assert format_number(value, places) == expected
    assert format_number(value, places) == expected   # the second time from the cache


def test_equal_numbers_written_differently_keep_their_decimals():
    assert [format_number(Decimal(text)) for text in ("1", "1.0", "1.00", "1234.50")] == ["1", "1,0", "1,00",
                                                                                          "1.234,50"]


def test_the_consolidated_report_records_where_its_signature_goes(tmp_path):
    path = tmp_path / "tong-hop.pdf"
    result = build_consolidated_pdf(sample_consolidated(6), path)
    place = signature_place(path)
    assert place is not None and place.page == result.signature_page
    assert (place.x1, place.y1, place.x2, place.y2) == tuple(round(v, 1) for v in result.signature_box)
