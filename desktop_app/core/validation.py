"""One set of checks for every way a value enters: the keyboard, ``tiendo set``, a pasted
block, a plan file and an office's package.  A package is only data someone typed on
another computer, so it must pass exactly what typing it here would have passed.

Each check raises :class:`InputError` naming the field; callers that collect every
problem (the package import) catch them one by one.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from desktop_app.core.errors import InputError, Location
from desktop_app.core.model import Indicator, Plan
from desktop_app.core.text import nfc

# A figure of a provincial report never needs more: 10^15 people or đồng, 10 decimals.
MAX_INTEGER_DIGITS = 15
MAX_DECIMAL_PLACES = 10
ENTRY_YEARS_AROUND = 30  # typed history and planning around the plan's own years
MAX_NUMBER_TEXT = 64  # characters of a number's text before it is even parsed
SHORT_TEXT = 300  # names, sources, evidence numbers, signers
LONG_TEXT = 100_000  # a note, a task's result, a no-data reason
NARRATIVE_TEXT = 200_000  # one section of the report's narrative
MAX_REVISION = 1_000_000
# ASCII digits only: Decimal() also reads "١٢" (Arabic-Indic twelve), no keyboard here types it.
_DECIMAL_TEXT = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?")


def _where(field: str | None) -> Location | None:
    return Location(field=field) if field else None


def check_part(indicator: Indicator, number: Decimal, *, field: str | None = None) -> Decimal:
    """A finite figure of sane size and precision (a numerator or denominator; its range
    is checked together with the other part)."""
    # The place is built only for a refusal: this runs for every row of a paste or a package.
    if not isinstance(number, Decimal) or not number.is_finite():
        raise InputError("This is not a number.", where=_where(field or indicator.id))
    if number and number.adjusted() >= MAX_INTEGER_DIGITS:
        raise InputError("The number is too large.", where=_where(field or indicator.id))
    if number.as_tuple().exponent < -MAX_DECIMAL_PLACES and _places(number) > MAX_DECIMAL_PLACES:
        raise InputError("The number has more than {places} decimals.", where=_where(field or indicator.id),
                         places=MAX_DECIMAL_PLACES)
    return number


_NOT_NEGATIVE = frozenset(("percent", "count", "ratio", "index"))


def check_number(indicator: Indicator, number: Decimal, *, field: str | None = None) -> Decimal:
    """A finite figure of sane size and precision, in the indicator's allowed range."""
    check_part(indicator, number, field=field)
    kind = indicator.kind
    if number < 0 and kind in _NOT_NEGATIVE:
        raise InputError("The value cannot be negative.", where=_where(field or indicator.id))
    if kind == "percent" and number > 100 and indicator.measure == "value":
        raise InputError("A percentage cannot be over 100.", where=_where(field or indicator.id))
    if kind == "count" and number != number.to_integral_value():
        raise InputError("A count must be a whole number.", where=_where(field or indicator.id))
    return number


def _places(number: Decimal) -> int:
    """Decimals that matter: ``2.800`` has one, ``1E+3`` none."""
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def decimal_from_text(text: object, *, field: str | None = None) -> Decimal:
    """A number stored as canonical text (``"2.8"``, ``"1E+3"``), as packages carry them:
    a string of bounded length, no NaN, no Infinity, no 5,000-digit exponent."""
    where = _where(field)
    if not isinstance(text, str):
        raise InputError("A number must be written as text, not {kind}.", where=where, kind=json_kind(text))
    if len(text) > MAX_NUMBER_TEXT or not _DECIMAL_TEXT.fullmatch(text):
        raise InputError("“{text}” is not a number.", where=where, text=shorten(text))
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern already refuses what Decimal refuses
        raise InputError("“{text}” is not a number.", where=where, text=shorten(text)) from None


def check_year(plan: Plan, year: object, *, field: str = "year", history: int = 0) -> int:
    """A year the plan reports on, or its baseline (the year before it starts).  Typed
    entry passes ``history``: a clerk may also record that many years before and after
    (the office's own series); a package carries only the plan's years."""
    low, high = plan.years.start - 1 - history, plan.years.stop - 1 + history
    if isinstance(year, bool) or not isinstance(year, int) or not low <= year <= high:
        raise InputError("The year must be one of the plan's years ({first}–{last}).", where=_where(field),
                         first=low, last=high)
    return year


def check_revision(revision: object, *, field: str = "revision", minimum: int = 1) -> int:
    if isinstance(revision, bool) or not isinstance(revision, int) or not minimum <= revision <= MAX_REVISION:
        raise InputError("The revision must be a whole number from {low} to {high}.", where=_where(field),
                         low=minimum, high=MAX_REVISION)
    return revision


def check_text(text: object, *, field: str, limit: int = SHORT_TEXT, optional: bool = True) -> str:
    """Text of bounded length, NFC; ``None`` is the empty text when ``optional``."""
    if text is None and optional:
        return ""
    if not isinstance(text, str):
        raise InputError("Text was expected, not {kind}.", where=_where(field), kind=json_kind(text))
    if len(text) > limit:
        raise InputError("The text is longer than {limit} characters.", where=_where(field), limit=limit)
    if "\x00" in text:
        raise InputError("The text holds a control character.", where=_where(field))
    return nfc(text)


def entered_text(text: str, *, field: str, limit: int = LONG_TEXT) -> str:
    """A note or source as typed: NFC, trimmed, bounded like the same field in a package."""
    return check_text(text, field=field, limit=limit, optional=False).strip()


def check_iso_date(text: object, *, field: str) -> dt.date:
    if not isinstance(text, str) or len(text) != 10:
        raise InputError("This is not a date.", where=_where(field))
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError("This is not a date.", where=_where(field)) from None


def check_iso_datetime(text: object, *, field: str) -> dt.datetime:
    if not isinstance(text, str) or not 10 <= len(text) <= 40:
        raise InputError("This is not a date and time.", where=_where(field))
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError("This is not a date and time.", where=_where(field)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def json_kind(value: object) -> str:
    """A JSON value's type by its JSON name (the same in every language)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "?"


def shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
