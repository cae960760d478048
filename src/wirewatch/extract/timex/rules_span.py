"""Durations ("for three years", "the past week"), sets ("every week", "daily") and clock times."""

from __future__ import annotations

import re
from datetime import timedelta

from . import calendar as cal
from .lexicon import MONTHS, SET_ADVERBS, UNIT_SCALE, UNITS, WEEKDAYS, number_value, unit_of
from .patterns import CLOCK, DAYNUM, MONTH, MONTH_FULL, NUM, TZ, UNIT, VAGUE, WEEKDAY, Ctx, Found, Rule

_IN_SMALLER = {"DE": (10, "Y"), "CE": (100, "Y")}
_HALF = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7)}
_HALF_TIME = {"H": ("M", 60), "M": ("S", 60)}


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration for ``n`` units (``None`` → ``X``): ``P3D``, ``PT24H``, ``P1DE``, ``P6M`` (2 quarters)."""
    letter, is_time = UNITS[unit]
    if n is not None:
        n = n * UNIT_SCALE.get(unit, 1)
        if letter in _IN_SMALLER:
            factor, letter = _IN_SMALLER[letter]
            n = n * factor
        halves = _HALF_TIME if is_time else _HALF
        if n != int(n) and letter in halves:
            whole, (small, factor) = int(n), halves[letter]
            head = f"{whole}{letter}" if whole else ""
            return f"PT{head}{int((n - whole) * factor)}{small}" if is_time else f"P{head}{int((n - whole) * factor)}{small}"
    amount = "X" if n is None else _fmt(n)
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


_RATE = re.compile(r"(?:\d|%|\bpercent|\btimes|\bonce|\btwice|\bdollars?|\bcents?|\bmillion|\bbillion|"
                   r"\bbarrels|\btons|\bpeople|\bhours|\bdays|\bper cent)\s*$", re.IGNORECASE)


_FOR_A_SECOND = re.compile(r"\b(?:for|in|within|than|every|per|split)\s*$", re.IGNORECASE)


def duration(m: re.Match[str], ctx: Ctx) -> Found | None:
    unit = unit_of(m["u"])
    raw = (m["n"] or "").lower()
    adj = (m["adj"] or "").lower()
    det = (m["det"] or "").lower()
    if not raw and det in ("a", "an") and not adj:
        raw, det = det, ""
    if not raw and not (adj and det):
        return None  # "last month" is a date (reluni); "the year" is too vague
    if not raw and (unit in ("day", "night", "quarter") and adj not in ("past", "last")
                    or adj in ("following", "next", "same", "first", "final")):
        return None  # "the next day", "the following year": dates relative to another time
    if unit == "quarter" and (raw in ("a", "an") or "-" in m.group()):
        return None  # "a quarter of", "three-quarters": fractions
    if unit == "second" and raw in ("a", "one") and not _FOR_A_SECOND.search(ctx.text[max(0, m.start() - 12):m.start()]):
        return None  # "a second attack": an ordinal
    n = number_value(raw) if raw else 1.0
    if n is not None and n >= 1000:
        return None  # "the 1988 quarter": a year, not a count
    if (m["half"] or m["half1"]) and n is not None:
        n += 0.5
    if raw in ("a", "an") and _RATE.search(ctx.text[max(0, m.start() - 20):m.start()]):
        return Found(duration_value(1, unit), "SET")
    if n is None and raw and raw.split()[-1] not in ("several", "few", "some", "many", "of", "numerous"):
        return None
    return Found(duration_value(n, unit), "DURATION")


def period_ended(m: re.Match[str], ctx: Ctx) -> Found | None:
    """ "the (fiscal) year ended Sept. 30": a reporting period, a duration (TimeML practice)."""
    return Found("P1Y", "DURATION", m.start("core"), m.end("core"))


def bare_plural(m: re.Match[str], ctx: Ctx) -> Found | None:
    return Found(duration_value(None, unit_of(m["u"])), "DURATION", m.start("core"), m.end("core"))


def set_every(m: re.Match[str], ctx: Ctx) -> Found | None:
    if m["mon"]:
        mo = MONTHS.get(m["mon"].lower().rstrip("."))
        return Found(f"XXXX-{mo:02d}", "SET") if mo and m["mon"][0].isupper() else None
    if m["wd"]:
        return Found(f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()] + 1}", "SET")
    n = number_value(m["n"]) if m["n"] else 1.0
    if m["other"]:
        n = (n or 1) * 2
    unit = unit_of(m["u"])
    if unit not in UNITS:
        return None
    return Found(duration_value(n, unit), "SET")


def set_adverb(m: re.Match[str], ctx: Ctx) -> Found | None:
    return Found(SET_ADVERBS[m["w"].lower()], "SET")


def parse_clock(token: str) -> tuple[int, int] | None:
    """``(hour, minute)`` of a clock token: ``9:40 a.m.``, ``10 p.m.``, ``0940 GMT``, ``noon``."""
    t = token.lower().replace(" ", "")
    if t in ("noon", "midday"):
        return 12, 0
    if t == "midnight":
        return 0, 0
    m = re.match(r"(\d{1,2})(?:[:.](\d{2}))?(a\.?m\.?|p\.?m\.?)?", t)
    if m is None:
        return None
    if m[2] is None and m[3] is None and len(m[1]) <= 2:
        m = re.match(r"(\d{2})(\d{2})", t)  # 0940 GMT
        if m is None:
            return None
        h, mi, ampm = int(m[1]), int(m[2]), None
    else:
        h, mi, ampm = int(m[1]), int(m[2] or 0), m[3]
    if ampm and ampm.startswith("p") and h < 12:
        h += 12
    if ampm and ampm.startswith("a") and h == 12:
        h = 0
    return (h, mi) if h < 24 and mi < 60 else None


def clock_time(m: re.Match[str], ctx: Ctx) -> Found | None:
    hm = parse_clock(m["clock"])
    if hm is None:
        return None
    if ctx.dct is None:
        return Found(None, "TIME")
    wd = m["wd"] or m["wd2"]
    d = ctx.dct
    if wd:
        d = cal.weekday_date(ctx.dct, WEEKDAYS[wd.lower()], ctx.tense(m.start(), m.end()))
    elif m["mon"] and m["mon"][0].isupper():
        mo, dd = MONTHS.get(m["mon"].lower().rstrip(".")), int(re.match(r"\d+", m["d"])[0])  # type: ignore[index]
        found = cal.month_day(ctx.dct, mo, dd, ctx.tense(m.start(), m.end())) if mo and 1 <= dd <= 31 else None
        d = found or d
    elif m["yest"]:
        d = ctx.dct + timedelta(days=-1 if m["yest"].lower() == "yesterday" else 0)
    return Found(f"{cal.day(d)}T{hm[0]:02d}:{hm[1]:02d}", "TIME")


_APPROX = r"(?:(?:nearly|almost|about|some|more than|at least|over(?!\s+the\b)|less than|up to|roughly|approximately|just)\s+)?"
RULES: tuple[Rule, ...] = (
    Rule("clock", rf"\b(?:(?P<wd>{WEEKDAY})(?:\s+(?:at|from))?\s+|(?P<yest>yesterday|today)\s+at\s+)?"
                  rf"(?P<clock>{CLOCK})(?:\s+(?:{TZ}))?(?:\s*\(\s*\d{{4}}\s*GMT\s*\))?"
                  rf"(?:\s+(?:on\s+)?(?P<wd2>{WEEKDAY})|,?\s+(?:on\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})\b)?", clock_time),
    Rule("duration", rf"\b{_APPROX}(?:(?P<det>the|a|an)\s+)?"
                     r"(?:(?P<adj>past|last|next|first|coming|previous|final|following|latest|initial|remaining"
                     r"|full|entire|whole|same)\s+)?"
                     rf"(?:(?P<n>{NUM}|{VAGUE})[\s-]+)?(?:(?P<half1>1/2|and\s+a\s+half)[\s-]+)?(?P<u>{UNIT})(?P<half>\s+and\s+a\s+half)?\b(?!-(?:old|earlier|ago|long)|\s+old\b)",
         duration),
    Rule("period-ended", r"\b(?P<core>the\s+(?:fiscal\s+)?year)\s+end(?:ed|ing)\b", period_ended),
    Rule("bare-plural", r"\b(?:for|over|within|in)\s+(?P<core>(?:many\s+)?(?P<u>years|months|weeks|decades"
                        r"|centuries))\b(?!\s+(?:of|ago|to come|before|after|later|earlier))", bare_plural),
    Rule("set-every", rf"\b(?:every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<n>{NUM})\s+)?"
                      rf"(?:(?P<u>{UNIT})|(?P<wd>{WEEKDAY})|(?P<mon>{MONTH_FULL}))\b", set_every),
    Rule("set-adverb", r"\b(?P<w>hourly|daily|nightly|weekly|monthly|yearly)\b", set_adverb),
)
