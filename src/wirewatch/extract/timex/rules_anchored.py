"""Expressions anchored on the previous date of the story: "that day", "the next morning", "later that year".

The rule only says what to do (unit, shift, part of day); ``anchored.resolve`` applies it to the
last date resolved before the mention (the DCT when there is none).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .lexicon import PARTS_OF_DAY
from .patterns import Anchored, Ctx, Found, Rule
from .values import interval_of

_UNITS = r"(?:day|week|month|year|morning|afternoon|evening|night)"
_SHIFT = {"same": 0, "next": 1, "following": 1, "previous": -1, "preceding": -1, "before": -1, "after": 1}


def anchored(m: re.Match[str], ctx: Ctx) -> Found | None:
    unit = (m["u1"] or m["u2"] or m["u3"] or m["u4"]).lower()
    shift = _SHIFT.get((m["mod"] or m["dir"] or "same").lower(), 0)
    part = PARTS_OF_DAY.get(unit)
    if part:
        unit = "day"
    found_type = "TIME" if part else "DATE"
    return Found(None, found_type, anchor=Anchored(unit, shift, part, ctx.tense(m.start(), m.end())))


def resolve(anchor: Anchored, reference: tuple[date, date, str] | None, dct: date | None) -> str | None:
    """The TIMEX3 value of an anchored expression against ``reference`` (an interval and its precision).

    ``None`` when the reference is coarser than the expression ("the next day" after "in 2014"), or
    when a past clause would land after the DCT.
    """
    if reference is None:
        if dct is None:
            return None
        reference = (dct, dct, "day")
    start, _, precision = reference
    if precision not in _FINE_ENOUGH[anchor.unit]:
        return None
    value = _shifted(anchor, start)
    interval = interval_of(value)
    if anchor.direction == "past" and dct is not None and interval is not None and interval[0] > dct:
        return None
    return value


_FINE_ENOUGH = {"day": ("day",), "week": ("day", "week"), "month": ("day", "week", "month"),
                "year": ("day", "week", "month", "year")}


def _shifted(anchor: Anchored, start: date) -> str:
    if anchor.unit == "day":
        d = start + timedelta(days=anchor.shift)
        return f"{cal.day(d)}T{anchor.part}" if anchor.part else cal.day(d)
    if anchor.unit == "week":
        return cal.week(start + timedelta(weeks=anchor.shift))
    if anchor.unit == "month":
        return cal.month(*cal.shift_month(start.year, start.month, anchor.shift))
    return f"{start.year + anchor.shift:04d}"


RULES: tuple[Rule, ...] = (
    Rule("anchored", rf"\b(?:(?:earlier|later)\s+that\s+(?P<u1>{_UNITS})"
                     rf"|that\s+(?:same\s+|very\s+)?(?P<u2>{_UNITS})"
                     rf"|the\s+(?P<mod>same|next|following|previous|preceding)\s+(?P<u3>{_UNITS})"
                     r"|the\s+(?P<u4>day|week|month|year)\s+(?P<dir>before|after)(?=\s*(?:[,.;:!?)]|$)))", anchored),
)
