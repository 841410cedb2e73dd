"""Text as it enters the program, and numbers and dates in Vietnamese notation.

Every string from the keyboard, a file or a package goes through :func:`nfc`, because
Vietnamese input methods may produce decomposed text that compares, sorts and renders
wrongly.  Numbers are :class:`~decimal.Decimal` parsed strictly by Babel's ``vi`` rules:
``99,5`` is ninety-nine and a half and ``99.5`` is refused (with a suggestion), never
silently read as 995.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from desktop_app.core.errors import InputError


@lru_cache(maxsize=None)
def _babel():
    """Babel's number functions and one Locale object (its data then loads once, not on
    every keystroke), imported at the first number: ``tiendo --help`` and the first
    window need none."""
    from babel import Locale, numbers

    return numbers, Locale.parse("vi")


def nfc(text: str | None) -> str:
    if text is None:
        return ""
    return unicodedata.normalize("NFC", text)


_SPACES = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """NFC, trimmed, with runs of white space folded to one space."""
    return _SPACES.sub(" ", nfc(text)).strip()


def fold(text: str | None) -> str:
    """A search key that ignores case and diacritics: ``Thất nghiệp`` -> ``that nghiep``."""
    decomposed = unicodedata.normalize("NFD", nfc(text).casefold())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.replace("đ", "d")


_ENGLISH_NOTATION = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_SWAP_SEPARATORS = str.maketrans({",": ".", ".": ","})


def parse_number(text: str, *, field: str | None = None) -> Decimal:
    """A number written in Vietnamese notation (``99,5``, ``1.234,5``, ``-3``)."""
    from desktop_app.core.errors import Location

    shown = clean(text)
    raw = shown.replace("\u2212", "-").replace(" ", "")
    where = Location(field=field) if field else None
    if not raw:
        raise InputError("A number is required.", where=where)
    numbers, locale = _babel()
    try:
        value = numbers.parse_decimal(raw, locale=locale, strict=True)
    except numbers.NumberFormatError as error:
        suggestions = [s for s in (getattr(error, "suggestions", None) or []) if "," in s]
        if _ENGLISH_NOTATION.match(raw):
            # "1,234.5" is English notation for 1.234,5; Babel would offer "1,2345".
            suggestions = [raw.translate(_SWAP_SEPARATORS)]
        if suggestions:
            raise InputError(
                "“{text}” is not a number in Vietnamese notation; did you mean “{suggestion}”? "
                "Use a comma for decimals and a dot for thousands.",
                where=where,
                text=raw,
                suggestion=suggestions[0],
            ) from None
        raise InputError("“{text}” is not a number.", where=where, text=shown) from None
    except (InvalidOperation, ValueError):
        raise InputError("“{text}” is not a number.", where=where, text=shown) from None
    if not value.is_finite():
        raise InputError("“{text}” is not a number.", where=where, text=shown)
    return value


def decimal_places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def format_number(value: Decimal | int | None, places: int | None = None) -> str:
    """``Decimal('1234.5')`` -> ``1.234,5``; keeps the decimals the value carries."""
    if value is None:
        return ""
    # Keyed by the text, not the Decimal: 1,0 and 1,00 are equal Decimals printed differently.
    return _formatted(str(Decimal(value)), places)


@lru_cache(maxsize=8192)
def _formatted(text: str, places: int | None) -> str:
    """A report prints thousands of numbers and offices repeat the same few values:
    each is formatted by Babel once."""
    numbers, locale = _babel()
    value = Decimal(text)
    return _pattern(decimal_places(value) if places is None else places).apply(value, locale,
                                                                                decimal_quantization=True)


@lru_cache(maxsize=None)
def _pattern(places: int):
    """Babel's parsed "#,##0.00" (parsed once per number of decimals, not per number)."""
    numbers, _locale = _babel()
    return numbers.parse_pattern("#,##0" + ("." + "0" * places if places else ""))


def format_date(day: _dt.date) -> str:
    """``05/12/2026``: the short form used in banners and tables."""
    return day.strftime("%d/%m/%Y")


def format_date_long(day: _dt.date, place: str | None = None) -> str:
    """``Khánh Hòa, ngày 05 tháng 12 năm 2026`` per Decree 30: days 1-9 and months 1-2 padded."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


def parse_date(text: str, *, field: str | None = None) -> _dt.date:
    """``dd/mm/yyyy`` (or ISO ``yyyy-mm-dd``)."""
    from desktop_app.core.errors import Location

    raw = clean(text)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return _dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise InputError(
        "“{text}” is not a date; write it as dd/mm/yyyy.",
        where=Location(field=field) if field else None,
        text=raw,
    )
