"""TIMEX3 value syntax: a validator and the date interval a value covers."""

from __future__ import annotations

import calendar as _cal
import re
from datetime import date, timedelta

from ...model import DatePrecision

_N = r"(?:\d+(?:\.\d+)?|X)"
_DATE = (
    r"(?:\d{4}|XXXX|\d{3}|\d{2})"
    r"(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?"
    r"|-W(?:\d{2}|XX)(?:-(?:[1-7]|WE|X))?"
    r"|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI))?"
)
_TIME = r"(?:T(?:\d{2}(?::\d{2}(?::\d{2})?)?|MO|AF|EV|NI|DT))"
_DURATION = rf"P(?:(?:{_N}(?:Y|M|W|D|DE|CE|Q|H|L))+(?:T(?:{_N}[HMS])+)?|T(?:{_N}[HMS])+)"
TIMEX3_VALUE = re.compile(
    rf"(?:{_DATE}{_TIME}?|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF)"
)

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_QUARTER = re.compile(r"(\d{4})-([QH])([1-4])")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_YEAR = re.compile(r"(\d{4})")
_DECADE = re.compile(r"(\d{3})")
_CENTURY = re.compile(r"(\d{2})")

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def is_valid(value: str) -> bool:
    """True when ``value`` is well-formed TIMEX3 value syntax."""
    return TIMEX3_VALUE.fullmatch(value) is not None


def month_end(year: int, month: int) -> date:
    return date(year, month, _cal.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    """Interval from month ``first`` to month ``last`` (``last`` may run into the next year)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return date(year, first, 1), month_end(end_year, end_month)


def interval_of(value: str) -> tuple[date, date, DatePrecision] | None:
    """The calendar interval a TIMEX3 value covers, with its precision; ``None`` if it is not a date.

    >>> interval_of("2023-12")
    (datetime.date(2023, 12, 1), datetime.date(2023, 12, 31), 'month')
    """
    try:
        return _interval(value)
    except ValueError:  # e.g. 2023-02-30, week 54
        return None


def _interval(value: str) -> tuple[date, date, DatePrecision] | None:
    if m := _DAY.fullmatch(value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d, "day"
    if m := _WEEK.fullmatch(value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return monday + timedelta(days=5), monday + timedelta(days=6), "week"
        return monday, monday + timedelta(days=6), "week"
    if m := _MONTH.fullmatch(value):
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), month_end(y, mo), "month"
    if m := _QUARTER.fullmatch(value):
        y, n = int(m[1]), int(m[3])
        size = 3 if m[2] == "Q" else 6
        return (*_months(y, (n - 1) * size + 1, n * size), "month")
    if m := _SEASON.fullmatch(value):
        first, last = _SEASON_MONTHS[m[2]]
        return (*_months(int(m[1]), first, last), "month")
    if m := _YEAR.fullmatch(value):
        y = int(m[1])
        return date(y, 1, 1), date(y, 12, 31), "year"
    if m := _DECADE.fullmatch(value):
        y = int(m[1]) * 10
        return date(max(y, 1), 1, 1), date(y + 9, 12, 31), "year"
    if m := _CENTURY.fullmatch(value):
        y = int(m[1]) * 100
        return date(max(y, 1), 1, 1), date(y + 99, 12, 31), "year"
    return None
