"""Named days (holidays) and years spelled out in words ("nineteen ninety-six")."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from . import calendar as cal
from .lexicon import number_value
from .patterns import YEAR, Ctx, Found, Rule


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` of a month (``n = -1``: the last one)."""
    if n > 0:
        first = date(y, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = cal.add_months(date(y, month, 1), 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def easter(y: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    n = h + l_ - 7 * m + 114
    return date(y, n // 31, n % 31 + 1)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas": lambda y: date(y, 12, 25),
    "new year's eve": lambda y: date(y, 12, 31),
    "new year's day": lambda y: date(y, 1, 1),
    "independence day": lambda y: date(y, 7, 4),
    "fourth of july": lambda y: date(y, 7, 4),
    "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "veterans day": lambda y: date(y, 11, 11),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "easter sunday": easter,
    "easter": easter,
}


def holiday(m: re.Match[str], ctx: Ctx) -> Found | None:
    name = " ".join(m["h"].lower().replace("\u2019", "'").split())
    when = HOLIDAYS[name]
    if m["y"]:
        return Found(cal.day(when(int(m["y"]))), "DATE")
    if ctx.dct is None:
        return Found(None, "DATE")
    mod = (m["mod"] or "").lower()
    direction = {"last": "past", "next": "future"}.get(mod) or ctx.tense(m.start(), m.end())
    y = ctx.dct.year
    options = [when(y - 1), when(y), when(y + 1)]
    if direction == "past":
        d = max(o for o in options if o < ctx.dct or (o == ctx.dct and mod != "last"))
    elif direction == "future":
        d = min(o for o in options if o > ctx.dct or (o == ctx.dct and mod != "next"))
    else:
        d = min(options, key=lambda o: abs((o - ctx.dct).days))
    return Found(cal.day(d), "DATE")


_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"


def spoken_year(m: re.Match[str], ctx: Ctx) -> Found | None:
    if m["thousand"]:
        rest = number_value(m["rest2"]) if m["rest2"] else 0
        return Found(f"{2000 + int(rest or 0):04d}", "DATE") if rest is not None else None
    century = 1900 if m["c"].lower() == "nineteen" else 2000
    rest = number_value(m["rest"].replace("oh ", "").replace("oh-", ""))
    if rest is None or not 0 <= rest < 100:
        return None
    return Found(f"{century + int(rest):04d}", "DATE")


_HOLIDAY_NAMES = "|".join(sorted((re.escape(h).replace("'", "['\u2019]").replace(r"\ ", r"\s+") for h in HOLIDAYS),
                                 key=len, reverse=True))
RULES: tuple[Rule, ...] = (
    Rule("holiday", rf"\b(?:(?P<mod>last|next|this)\s+)?(?P<h>{_HOLIDAY_NAMES})\b(?:,?\s+(?P<y>{YEAR})\b)?", holiday),
    Rule("spoken-year", rf"\b(?:(?P<c>nineteen|twenty)[\s-]+(?P<rest>{_TENS}(?:[\s-]{_ONES})?|{_TEENS}"
                        rf"|oh[\s-]{_ONES})"
                        rf"|the\s+year\s+(?P<thousand>two\s+thousand)(?:\s+and)?(?:[\s-]+(?P<rest2>{_ONES}))?)\b",
         spoken_year),
)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def decade_word(m: re.Match[str], ctx: Ctx) -> Found | None:
    century = 20 if m["c"] and m["c"].lower().startswith("two") else 19
    return Found(f"{century}{_DECADE_WORDS[m['w'].lower()]}", "DATE")


def ordinal_century(m: re.Match[str], ctx: Ctx) -> Found | None:
    n = int(m["n"])
    return Found(f"{n - 1:02d}", "DATE") if 1 <= n <= 21 else None


def year_end(m: re.Match[str], ctx: Ctx) -> Found | None:
    if ctx.dct is None:
        return Found(None, "DATE")
    since = re.search(r"\bsince\s+$", ctx.text[max(0, m.start() - 8):m.start()]) is not None
    if m["unit"] and m["unit"].lower() == "month":
        return Found(cal.month(*cal.shift_month(ctx.dct.year, ctx.dct.month, -1 if since else 0)), "DATE")
    return Found(f"{ctx.dct.year - (1 if since else 0):04d}", "DATE")


RULES += (
    Rule("decade-word", r"\bthe\s+(?:(?P<c>nineteen|two thousand)[\s-]+)?(?P<w>twenties|thirties|forties|fifties"
                        r"|sixties|seventies|eighties|nineties)\b", decade_word),
    Rule("century", r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century\b", ordinal_century),
    Rule("year-end", r"\b(?:the\s+)?(?:end\s+of\s+the\s+(?P<unit>year|month)|year[-\s]end|year's\s+end)\b", year_end),
)
