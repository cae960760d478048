"""Date ranges: "Between 8 and 10 September 2020", "On the night of 14-15 June 2022", "30 June-1 July
2020", "from 3 to 5 May".

The rules tag the closing date whole ("10 September 2020"); this pass reads what stands before it:

- a bare day number joined to it (``8 and``, ``14-``, ``3 to``) becomes its own DATE, in the closing
  date's month and year (``8`` -> ``2020-09-08``); ``and`` needs ``between`` before the day ("on 3 and 5
  May" names two days, not the days between them);
- an opening date written without its year (``30 June`` in ``30 June-1 July 2020``) takes the closing
  date's year (the year before when its month comes later: ``28 December-2 January 2021``).

:func:`range_start` then tells the event extractor which mention opens the range a date closes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Protocol

_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_BARE_DAY = re.compile(r"(?:\b(between|from)\s+)?(?<![\d,.:/])\b([0-3]?\d)(?:st|nd|rd|th)?\s*"
                       r"(-|–|—|\band\b|\bto\b|\buntil\b|\btill\b)\s*$", re.IGNORECASE)
_JOIN = re.compile(r"^\s*(?:-|–|—|and|to|until|till|through)\s*$", re.IGNORECASE)
_HAS_YEAR = re.compile(r"\b\d{4}\b|'\d\d\b")
_WRITTEN_DAY = re.compile(r"(?:([0-3]?\d)(?:st|nd|rd|th)?\s+([A-Za-z]+\.?)|([A-Za-z]+\.?)\s+([0-3]?\d)(?:st|nd|rd|th)?)")
MAX_RANGE_DAYS = 62


class _Dated(Protocol):
    @property
    def start(self) -> date | None: ...
    @property
    def end(self) -> date | None: ...
    @property
    def value(self) -> str | None: ...


def opening_days(text: str, closing: Sequence[tuple[int, int, str | None]]) -> list[tuple[int, int, str]]:
    """``(start, end, value)`` of the bare opening day of each range closed by one of ``closing``
    (``(start, end, value)`` of the tagged mentions)."""
    out = []
    for start, _, value in closing:
        day = _DAY_VALUE.match(value or "")
        m = _BARE_DAY.search(text, max(0, start - 30), start)
        if day is None or m is None or m.end() != start:
            continue
        if m.group(3).lower() == "and" and not m.group(1):
            continue
        first = int(m.group(2))
        if 1 <= first < int(day.group(3)):
            out.append((m.start(2), m.end(2), f"{day.group(1)}-{day.group(2)}-{first:02d}"))
    return out


def year_from_closing(text: str, first: tuple[int, int, str | None], last: tuple[int, int, str | None]) -> str | None:
    """The opening date's value with the closing date's year, when the opening one was written without a
    year and the two are joined as a range; else ``None`` (leave it as resolved)."""
    b = _DAY_VALUE.match(last[2] or "")
    written = text[first[0]:first[1]]
    if b is None or _HAS_YEAR.search(written) or not _JOIN.match(text[first[1]:last[0]]):
        return None
    month_day = _month_day(written)
    if month_day is None:
        return None
    month, day = month_day
    year = int(b.group(1)) - (1 if month > int(b.group(2)) else 0)
    value = f"{year}-{month:02d}-{day:02d}"
    return value if value != first[2] else None


def _month_day(written: str) -> tuple[int, int] | None:
    """``(month, day)`` of a day-month or month-day written without a year (``30 June``, ``June 30``)."""
    from .lexicon import MONTHS

    m = _WRITTEN_DAY.fullmatch(written.strip())
    if m is None:
        return None
    day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    number = MONTHS.get(month.lower().rstrip("."))
    return (number, int(day)) if number else None


def range_start(text: str, mentions: Sequence[tuple[int, int, _Dated]], closing: _Dated,
                closing_start: int) -> date | None:
    """The first day of the range that ``closing`` (starting at ``closing_start``) ends: the date of the
    mention joined to it by ``-``, ``and``, ``to`` or ``until`` just before it, when it is earlier and
    at most two months before; else ``None``."""
    if closing.start is None:
        return None
    for _, end, m in mentions:
        if end > closing_start or m.start is None or not _JOIN.match(text[end:closing_start]):
            continue
        if m.start < closing.start and (closing.start - m.start).days <= MAX_RANGE_DAYS:
            return m.start
    return None
