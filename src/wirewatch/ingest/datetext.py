"""Publication dates as other systems write them: a record's ``published``, a feed's date.

:func:`read_date` tries, in order:

1. an integer or 8-digit string ``20160217`` (``YYYYMMDD``), or Unix seconds / milliseconds;
2. ISO 8601 and the page styles of :mod:`.dateline` (``Thursday, 04 January 2024 09:40 AM EST``);
3. python-dateutil for the rest (``December 17, 2016 4:45:51 EST PM``, ``June 27, 2016 15:41:4``),
   kept only when it read a year, a month and a day from the text (dateutil fills missing parts
   from a default: that would be a guess) and never for a numeric date whose day/month order is open;
4. relative words (``yesterday``, ``1 day ago``, ``3 hours ago``) against the fetch or ingest time,
   with a ``W109`` warning that says so; the caller uses them only when the page gives no date.

Whatever is read must fall in the sane window (:mod:`wirewatch.dates`).  The result is a
:class:`ReadDate`: the value (or ``None``) and the warning to record, never an exception.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from .. import dates
from ..errors import BAD_DATE, DATE_OUT_OF_RANGE, RELATIVE_DATE
from .dateline import ZONE_OFFSETS, parse_iso

MAX_DATE_CHARS = 100
_NUMERIC_YMD = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]|\s*$)")
_OPEN_ORDER = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})\b")
_AGO = re.compile(r"^\s*(?:(?P<n>\d{1,4}|an?|one)\s+(?P<unit>second|minute|hour|day|week)s?\s+ago"
                  r"|(?P<word>just now|now|today|yesterday))\s*\.?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400}
_TZINFOS = {name: int(hours * 3600) for name, hours in ZONE_OFFSETS.items()}
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)


@dataclass(frozen=True, slots=True)
class ReadDate:
    """A date read from a value: ``value`` (``None`` when unknown) and the warning to record."""

    value: date | datetime | None
    code: str | None = None
    message: str | None = None
    relative: bool = False


def read_date(raw: object, *, now: datetime | None = None, what: str = "the published value") -> ReadDate:
    """Read ``raw`` (a string or an integer) as a date; see the module docstring for the order."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return ReadDate(None)
    if isinstance(raw, bool) or not isinstance(raw, str | int) or (isinstance(raw, int) and abs(raw) > 10**15):
        return _bad(raw, what, "is not a date string or number")
    text = str(raw).strip()
    if len(text) > MAX_DATE_CHARS:
        return ReadDate(None, BAD_DATE, f"{what} is {len(text)} characters long: not a date; left unknown")
    value = _number(text) if text.isdigit() else None
    if value is None and not text.isdigit():
        value = _absolute(text)
    if value is None:
        return _relative(text, now, what) or _bad(raw, what, _why_not(text))
    return _windowed(value, raw, what)


def _windowed(value: date | datetime, raw: object, what: str, relative: bool = False) -> ReadDate:
    problem = dates.out_of_window(value, f"{what} {raw!r}", None)
    if problem is not None:
        return ReadDate(None, DATE_OUT_OF_RANGE, problem)
    return ReadDate(value, relative=relative)


def _bad(raw: object, what: str, why: str) -> ReadDate:
    shown = repr(raw) if len(repr(raw)) <= 60 else repr(raw)[:57] + "..."
    return ReadDate(None, BAD_DATE, f"{what} {shown} {why}; left unknown")


def _why_not(text: str) -> str:
    m = _NUMERIC_YMD.match(text)
    if m:
        return "is not a calendar date (no such day)"
    if _OPEN_ORDER.match(text):
        return "is a numeric date whose day/month order is not known"
    return "is not a date Wirewatch can read"


def _number(text: str) -> date | datetime | None:
    """``20160217``; Unix time in seconds (9-10 digits) or milliseconds (12-13 digits)."""
    if len(text) == 8:
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            return None
    if len(text) in (9, 10, 12, 13):
        seconds = int(text) / (1000 if len(text) > 10 else 1)
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return None


def _absolute(text: str) -> date | datetime | None:
    m = _NUMERIC_YMD.match(text)
    if m and not _calendar_day(*(int(g) for g in m.groups())):
        return None  # 2016-02-30: impossible, never "corrected" by a lenient parser
    try:
        found = parse_iso(text)
    except (ValueError, OverflowError):
        found = None
    if found is not None:
        return found
    if _OPEN_ORDER.match(text):
        return None  # 04/11/2023: the order is the page's to decide, not a parser default's
    return _dateutil(text)


def _calendar_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _dateutil(text: str) -> date | datetime | None:
    """dateutil's reading when the text itself gives year, month and day (two defaults agree)."""
    from dateutil import parser

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown zone names: the time stays unzoned
            a = parser.parse(text, default=_DEFAULT_A, tzinfos=_TZINFOS)
            b = parser.parse(text, default=_DEFAULT_B, tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError, LookupError):
        return None
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None  # a part of the date came from the default, not from the text
    if a.tzinfo is None or (a.hour, a.minute) != (b.hour, b.minute):
        return a.date()  # no zone (or no time): the instant is unknown, the day is not
    offset = a.utcoffset()
    return a if offset is None else a.replace(tzinfo=timezone(offset))


def _relative(text: str, now: datetime | None, what: str) -> ReadDate | None:
    m = _AGO.match(text)
    if m is None:
        return None
    if now is None:
        return _bad(text, what, "is relative and no fetch or ingest time is known")
    word = (m.group("word") or "").lower()
    if word:
        delta = timedelta(days=1) if word == "yesterday" else timedelta(0)
    else:
        n = m.group("n").lower()
        count = 1 if n in ("a", "an", "one") else int(n)
        delta = timedelta(seconds=count * _UNIT_SECONDS[m.group("unit").lower()])
    when = now - delta
    coarse = word in ("today", "yesterday") or m.group("unit") in ("day", "week")
    value: date | datetime = when.date() if coarse else when
    read = _windowed(value, text, what, relative=True)
    if read.value is None:
        return read
    message = (f"{what} {text!r} is relative: read as {value.isoformat()} from the fetch/ingest time"
               f" {now.isoformat(timespec='seconds')}, used only because the page gives no date")
    return ReadDate(read.value, RELATIVE_DATE, message, relative=True)
