"""Expressions relative to the DCT: today, weekdays, last/this/next unit, "N units ago", vague references."""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .calendar import Direction
from .lexicon import PARTS_OF_DAY, WEEKDAYS, number_value, unit_of
from .patterns import NUM, PART, UNIT, VAGUE, WEEKDAY, Ctx, Found, Rule

_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2, "this": 0, "last": -1}


def _with_part(d: date, part: str | None) -> Found:
    if part:
        return Found(f"{cal.day(d)}T{PARTS_OF_DAY[part.lower()]}", "TIME")
    return Found(cal.day(d), "DATE")


def relative_day(m: re.Match[str], ctx: Ctx) -> Found | None:
    word = (m["w"] or m["this"]).lower()
    part = m["part"] or m["part2"]
    if word == "tonight":
        part = "night"
    if word == "last" and (part or "").lower() not in ("night", "evening"):
        return None
    if ctx.dct is None:
        return Found(None, "TIME" if part else "DATE")
    return _with_part(ctx.dct + timedelta(days=_DAY_WORDS[word]), part)


_WD_MOD: dict[str, tuple[Direction, bool]] = {
    "last": ("past", True), "previous": ("past", True), "the previous": ("past", True),
    "this past": ("past", True), "past": ("past", True), "next": ("future", True), "this coming": ("future", True), "coming": ("future", True),
}


def weekday(m: re.Match[str], ctx: Ctx) -> Found | None:
    token = m["wd"]
    if not (token[:1].isupper() or ctx.text.isupper()):
        return None
    part = m["part"]
    if ctx.dct is None:
        return Found(None, "TIME" if part else "DATE")
    mod = " ".join((m["mod"] or "").lower().split())
    if mod in _WD_MOD:
        direction, strict = _WD_MOD[mod]
    elif ctx.text[m.end():m.end() + 2] in ("'s", "\u2019s"):
        direction, strict = "past", False  # "Saturday's attack": a possessive day is a day that has been
    else:
        direction, strict = ctx.tense(m.start(), m.end()), False
    return _with_part(cal.weekday_date(ctx.dct, WEEKDAYS[token.lower()], direction, strict), part)


def _weekend(dct: date, direction: Direction, shift: int) -> str:
    monday = dct - timedelta(days=dct.weekday())
    if shift == 0 and direction != "future" and dct.weekday() < 5:
        shift = -1
    return f"{cal.week(monday + timedelta(weeks=shift))}-WE"


_SHIFT = {"last": -1, "past": -1, "previous": -1, "this past": -1, "next": 1, "coming": 1,
          "this coming": 1, "this": 0, "current": 0, "earlier this": 0, "later this": 0, "early this": 0,
          "late this": 0, "early last": -1, "late last": -1, "early next": 1, "late next": 1, "the": 0}


def relative_unit(m: re.Match[str], ctx: Ctx) -> Found | None:
    mod = " ".join(m["mod"].lower().split())
    unit = m["u"].lower()
    if ctx.dct is None:
        return Found(None, "DATE")
    shift = _SHIFT[mod]
    if unit == "weekend":
        direction = "future" if shift > 0 else ("past" if shift < 0 else ctx.tense(m.start(), m.end()))
        return Found(_weekend(ctx.dct, direction, shift), "DATE")
    if mod == "the":
        return None
    d = ctx.dct
    if unit == "week":
        return Found(cal.week(d + timedelta(weeks=shift)), "DATE")
    if unit == "month":
        return Found(cal.month(*cal.shift_month(d.year, d.month, shift)), "DATE")
    if unit == "year":
        return Found(f"{d.year + shift:04d}", "DATE")
    if unit == "decade":
        return Found(f"{d.year // 10 + shift:03d}", "DATE")
    if unit == "century":
        return Found(f"{d.year // 100 + shift:02d}", "DATE")
    return None


def _financial(ctx: Ctx, start: int) -> bool:
    """In quarterly-results copy, "a year ago" compares with the year-ago quarter (TimeML practice)."""
    return "quarter" in ctx.text[:start + 80]


def ago(m: re.Match[str], ctx: Ctx) -> Found | None:
    unit = unit_of(m["u"])
    n = number_value(m["n"]) if m["n"] else None
    direction = m["dir"].lower()
    if direction in ("after", "before", "later", "since"):
        return None  # relative to another event: the duration rule tags "N units"
    if n is None or n != int(n):
        return Found("PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF", "DATE")
    if ctx.dct is None:
        return Found(None, "DATE")
    k = int(n) * (1 if direction in ("from now", "hence") else -1)
    return _shifted(ctx, m.start(), unit, k)


def _shifted(ctx: Ctx, start: int, unit: str, k: int) -> Found | None:
    d = ctx.dct
    assert d is not None
    if unit in ("day", "night"):
        return Found(cal.day(d + timedelta(days=k)), "DATE")
    if unit in ("week", "fortnight"):
        return Found(cal.week(d + timedelta(weeks=k * (2 if unit == "fortnight" else 1))), "DATE")
    if unit == "month":
        return Found(cal.month(*cal.shift_month(d.year, d.month, k)), "DATE")
    if unit == "year":
        if abs(k) == 1 and _financial(ctx, start):
            y, q = cal.shift_quarter(*cal.quarter_of(d), -1 + 4 * k)
            return Found(f"{y:04d}-Q{q}", "DATE")
        return Found(f"{d.year + k:04d}", "DATE")
    if unit == "decade":
        return Found(f"{d.year + 10 * k:04d}", "DATE")
    if unit == "quarter":
        y, q = cal.shift_quarter(*cal.quarter_of(d), k)
        return Found(f"{y:04d}-Q{q}", "DATE")
    if unit in ("hour", "minute", "second"):
        return Found(cal.day(d), "DATE")
    return None


def year_earlier(m: re.Match[str], ctx: Ctx) -> Found | None:
    """ "year-earlier"/"year-ago" used as an adjective ("year-earlier profit")."""
    if ctx.dct is None:
        return Found(None, "DATE")
    return _shifted(ctx, m.start(), "year", -1)


_REFS = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
         "at present": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
         "these days": "PRESENT_REF", "at the moment": "PRESENT_REF", "right now": "PRESENT_REF",
         "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "recent": "PAST_REF",
         "the future": "FUTURE_REF", "future": "FUTURE_REF", "the near future": "FUTURE_REF",
         "the coming": "FUTURE_REF", "coming": "FUTURE_REF", "the next": "FUTURE_REF", "next": "FUTURE_REF"}


def reference(m: re.Match[str], ctx: Ctx) -> Found | None:
    word = " ".join(m["w"].lower().split())
    if m["pl"]:  # "recent years", "the coming months"
        word = word.split()[-1] if word != "the past" else "the past"
    return Found(_REFS[word], "DATE", m.start("w"), m.end())  # "in recent years": the span leaves out "in"


def overnight(m: re.Match[str], ctx: Ctx) -> Found | None:
    if ctx.dct is None:
        return Found(None, "TIME")
    return Found(f"{cal.day(ctx.dct - timedelta(days=1))}TNI", "TIME")


_MODS = r"last|next|this|this coming|this past|coming|past|the previous|previous|early|late|earlier|later"
_REL = (r"last|this|next|earlier this|later this|early this|late this|early last|late last|early next|late next"
        r"|this past|this coming|past|previous|coming|current|the")
RULES: tuple[Rule, ...] = (
    Rule("relday", r"\b(?:(?P<w>the day before yesterday|the day after tomorrow|today|tonight|yesterday|tomorrow)"
                   r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
                   r"|(?P<this>this|last)\s+(?P<part2>morning|afternoon|evening|night))\b", relative_day),
    Rule("weekday", rf"\b(?:(?P<mod>{_MODS})\s+(?:on\s+)?)?(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?\b", weekday),
    Rule("ago", rf"\b(?:(?:nearly|almost|about|some|more than|at least|over(?!\s+the\b)|less than|roughly|just|only)\s+)?"
                rf"(?P<n>{NUM}|{VAGUE})[\s-]+(?P<u>{UNIT})(?:\s+or\s+so)?\s+"
                rf"(?P<dir>ago|earlier|before|later|after|from now|hence|since)\b", ago),
    Rule("year-earlier", r"\b(?:the\s+)?year-(?:earlier|ago)\b(?![\s-]+(?:quarter|period))", year_earlier),
    Rule("reluni", rf"\b(?P<mod>{_REL})\s+(?P<u>week|weekend|month|year|decade|century)\b(?!-)", relative_unit),
    Rule("overnight", r"\b(?:late\s+)?overnight\b", overnight),
    Rule("ref-plural", r"\b(?:in\s+)?(?P<w>recent|the coming|coming|the past|the next)\s+(?P<pl>years|months|weeks|days"
                       r"|decades)\b(?!\s+(?:ago|of|to))", reference),
    Rule("in-the-past", r"\bin\s+(?P<w>the past)(?P<pl>)\b(?!\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?"
                        r"|century|centuries|quarters?|hours?|few|several|two|three|four|five|ten)\b)", reference),
    Rule("ref", r"\b(?P<w>now|currently|at present|presently|nowadays|these days|at the moment|right now|recently"
                r"|lately|the near future|the future)(?P<pl>)\b(?!-)", reference),
)
