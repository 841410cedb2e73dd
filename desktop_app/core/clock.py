"""The one place the program asks what day and time it is.

Deadlines pass: whether a package is on time, which year a window opens on and what
date a report carries all depend on "now".  Every such question goes through here, so
a test (or a support session reproducing a clerk's day) can set the clock with
``TIENDO_NOW`` (an ISO date or date-time) or :func:`set_now`, and the suite can be run
as if it were any other day of the year.
"""

from __future__ import annotations

import datetime as dt
import os

_fixed: dt.datetime | None = None


def _parse(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment


def set_now(moment: dt.datetime | str | None) -> None:
    """Fix the clock at ``moment`` (None: back to the real clock, or ``TIENDO_NOW``)."""
    global _fixed
    _fixed = _parse(moment) if isinstance(moment, str) else moment


def now() -> dt.datetime:
    """The current moment, timezone-aware (UTC unless the fixed moment says otherwise)."""
    if _fixed is not None:
        return _fixed
    override = os.environ.get("TIENDO_NOW")
    if override:
        return _parse(override)
    return dt.datetime.now(dt.timezone.utc)


def local_now() -> dt.datetime:
    """The current moment on this computer's wall clock (for file names people read)."""
    return now().astimezone()


def today() -> dt.date:
    """Today's date on this computer's wall clock."""
    return local_now().date()


def now_utc() -> str:
    """Now as the workspace stores moments: ISO 8601 to the second, with its offset."""
    return now().isoformat(timespec="seconds")
