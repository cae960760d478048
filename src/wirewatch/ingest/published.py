"""The dates a page gives for its publication: its date lines and its wire dateline, resolved together.

Day/month order of a numeric date line (``04/11/2023``), when the values leave it open
(both numbers 12 or less), is decided from the page, in this order:

1. the wire dateline's day: ``KABUL, Nov 4 (...) —`` picks the reading that falls on 4 November;
2. the outlet's style, i.e. how the page's other date lines write dates: ``3 June 2024`` or an
   unambiguous ``17.11.2023`` are day-first, ``June 3, 2024`` or ``11/17/2023`` month-first
   (only when all of them agree);
3. the separator: dotted dates (``04.11.2023``) are day-first (a month-first dotted style is
   not in use);
4. otherwise the date stays unknown: the order is never guessed.

A dateline's month and day without a year (``KABUL, Nov 17 (...) —``) take the year of the
page's first date line, the year (of three around it) that puts the day closest to that
line's date, so ``Dec 31`` next to ``01.01.2024`` is 31 December 2023.  Without a date line it
stays date-less: a year is never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from .dateline import DateLine
from .wire import WireDateline


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _style(lines: Sequence[DateLine], skip: DateLine) -> str | None:
    orders = {line.order for line in lines if line is not skip and line.order}
    return orders.pop() if len(orders) == 1 else None


def resolve(line: DateLine, lines: Sequence[DateLine] = (),
            month_day: tuple[int, int] | None = None) -> date | datetime | None:
    """The date of one date line on a page with these ``lines`` and a dateline on ``month_day``."""
    if line.value is not None:
        return line.value
    if not line.readings:
        return None
    if month_day is not None:
        hits = [r for r in line.readings if (r.month, r.day) == month_day]
        if len(hits) == 1:
            return hits[0]
    style = _style(lines, line)
    if style is not None:
        return line.reading(day_first=style == "dmy")
    if line.separator == ".":
        return line.reading(day_first=True)
    return None


def _nearest_year(month: int, day: int, near: date) -> date | None:
    best: date | None = None
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February in a common year
            continue
        if best is None or abs(candidate - near) < abs(best - near):
            best = candidate
    return best


def _dateline_day(wire: WireDateline, lines: Sequence[DateLine]) -> date | None:
    if wire.date is not None:
        found = resolve(wire.date, lines)
        return _day(found) if found is not None else None
    if wire.month_day is None or not lines or not lines[0].readings:
        return None
    return _nearest_year(*wire.month_day, near=_day(lines[0].readings[0]))


def _wire_month_day(wire: WireDateline) -> tuple[int, int] | None:
    if wire.month_day is not None:
        return wire.month_day
    if wire.date is not None and wire.date.value is not None:
        day = _day(wire.date.value)
        return day.month, day.day
    return None


def page_dates(lines: Sequence[DateLine], wire: WireDateline | None) -> tuple[date | datetime, ...]:
    """The page's dates in page order: its date lines, then the dateline's date (when known)."""
    month_day = _wire_month_day(wire) if wire is not None else None
    out = [found for line in lines if (found := resolve(line, lines, month_day)) is not None]
    if wire is not None and (day := _dateline_day(wire, lines)) is not None:
        out.append(day)
    return tuple(out)
