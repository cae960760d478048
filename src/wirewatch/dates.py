"""The sane date window, applied wherever a date enters Wirewatch.

A date before 1900-01-01 or more than a year after today is not a news date: it is a
placeholder another system wrote for "no date" (``0001-01-01``, ``9999-12-31``), a typo or an
attack on date arithmetic (``9999-12-31 + 7 days`` overflows).  Every door a date comes in
by uses this module:

* records, HTML metadata, date lines and wire datelines (``ingest.normalise``): an
  out-of-window date becomes ``None`` plus a ``W108`` warning, and the article goes on;
* extraction documents (``store.validate``): article and event dates likewise;
* search parameters (``search.filters``): ``?since=0001-01-01`` is a 400 / a CLI error;
* date arithmetic on stored values (``shift``): clamped, never ``OverflowError``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

MIN_DATE = date(1900, 1, 1)
AHEAD_DAYS = 366  # "a year ahead": a leap year included


def today() -> date:
    return datetime.now(UTC).date()


def max_date(now: date | None = None) -> date:
    """The latest sane date: a year after ``now`` (today by default)."""
    return shift(now or today(), AHEAD_DAYS)


def day_of(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def in_window(value: date | datetime, now: date | None = None) -> bool:
    """True when ``value`` falls on 1900-01-01 .. a year after ``now``."""
    return MIN_DATE <= day_of(value) <= max_date(now)


def window_text(now: date | None = None) -> str:
    return f"{MIN_DATE.isoformat()} .. {max_date(now).isoformat()}"


def out_of_window(value: date | datetime, what: str, now: date | None = None) -> str | None:
    """``None`` when ``value`` is sane, else the warning message that says why it was dropped."""
    if in_window(value, now):
        return None
    return f"{what} is {value.isoformat()}, outside the sane date window ({window_text(now)}); left unknown"


def shift(value: date, days: int) -> date:
    """``value + days`` clamped to the calendar (never ``OverflowError``)."""
    try:
        return value + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def iso_day(text: object) -> date | None:
    """The day of a stored ISO date or date-time string (``None`` when it is not one)."""
    if not isinstance(text, str) or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def sane_iso(text: object, now: date | None = None) -> str | None:
    """A stored ISO date string when its day is inside the window, else ``None``."""
    day = iso_day(text)
    return text if day is not None and in_window(day, now) else None  # type: ignore[return-value]
