"""Calendar expressions: ISO dates, month-day-year, month-year, months, years, decades, seasons, quarters."""

from __future__ import annotations

import re
from datetime import date

from . import calendar as cal
from .lexicon import MONTHS, ORDINALS, SEASONS, WEEKDAYS
from .patterns import CLOCK, DAYNUM, MONTH, MONTH_FULL, TZ, WEEKDAY, YEAR, Ctx, Found, Rule
from .rules_span import parse_clock


def _month_no(token: str, text_is_upper: bool = False) -> int | None:
    """Month number of a month token; ``None`` for lower-case words ("may", "march")."""
    if not (token[:1].isupper() or text_is_upper):
        return None
    return MONTHS.get(token.lower().rstrip("."))


def _day_no(token: str) -> int | None:
    n = int(re.match(r"\d+", token)[0])  # type: ignore[index]
    return n if 1 <= n <= 31 else None


def _weekday_agrees(m: re.Match[str], d: date) -> bool:
    wd = m.groupdict().get("wd")
    return wd is None or WEEKDAYS[wd.lower()] == d.weekday()


def iso(m: re.Match[str], ctx: Ctx) -> Found | None:
    try:
        d = date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:
        return None
    if m["h"] is not None:
        if int(m["h"]) > 23 or int(m["mi"]) > 59:
            return None
        return Found(f"{cal.day(d)}T{m['h']}:{m['mi']}", "TIME")
    return Found(cal.day(d), "DATE")


def month_day_year(m: re.Match[str], ctx: Ctx) -> Found | None:
    mo, dd = _month_no(m["mon"]), _day_no(m["d"])
    if mo is None or dd is None:
        return None
    try:
        d = date(int(m["y"]), mo, dd)
    except ValueError:
        return None
    hm = parse_clock(m["clock"]) if m.groupdict().get("clock") else None
    if hm is not None:  # "Thursday, 04 January 2024 09:40 AM EST"
        return Found(f"{cal.day(d)}T{hm[0]:02d}:{hm[1]:02d}", "TIME")
    return Found(cal.day(d), "DATE")


def month_day(m: re.Match[str], ctx: Ctx) -> Found | None:
    mo, dd = _month_no(m["mon"]), _day_no(m["d"])
    if mo is None or dd is None:
        return None
    if ctx.dct is None:
        return Found(None, "DATE")
    d = cal.month_day(ctx.dct, mo, dd, ctx.tense(m.start(), m.end()))
    if d is not None and m["wd"] and not _weekday_agrees(m, d):
        alt = cal.month_day(ctx.dct, mo, dd, "future" if d <= ctx.dct else "past")
        d = alt if alt is not None and _weekday_agrees(m, alt) else d
    return Found(cal.day(d), "DATE") if d else Found(None, "DATE")


def month_year(m: re.Match[str], ctx: Ctx) -> Found | None:
    mo = _month_no(m["mon"])
    if mo is None:
        return None
    return Found(cal.month(int(m["y"]), mo), "DATE")


_MONTH_MOD = {"last": ("past", True), "this past": ("past", True), "since": ("past", False), "next": ("future", True),
              "this coming": ("future", True)}


_NAME_BEFORE = re.compile(r"(?:\b(?!(?:In|On|By|Since|Until|Till|Through|From|Before|After|During|Last|Next|This"
                          r"|Early|Late|Mid|Of|And|Or|The|Since|Throughout)\b)[A-Z][\w.'-]*|\bMrs?\.|\bMs\.)\s+$")


def month_alone(m: re.Match[str], ctx: Ctx) -> Found | None:
    mo = _month_no(m["mon"])
    if mo is None or (not m["mod"] and _NAME_BEFORE.search(ctx.text[max(0, m.start() - 30):m.start()])):
        return None  # "Theresa May", "PM May", "Mrs. May"
    if ctx.dct is None:
        return Found(None, "DATE")
    mod = (m["mod"] or "").lower()
    if m["rely"]:
        return Found(cal.month(ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m["rely"].lower()], mo), "DATE")
    if mod == "this":
        return Found(cal.month(ctx.dct.year, mo), "DATE")
    if not mod and re.search(r"\bsince\s+$", ctx.text[max(0, m.start() - 8):m.start()], re.IGNORECASE):
        mod = "since"  # "since October": the most recent October, whatever the tense
    direction, strict = _MONTH_MOD.get(mod, (ctx.tense(m.start(), m.end()), False))
    return Found(cal.month(cal.month_year(ctx.dct, mo, direction, strict), mo), "DATE")


def year(m: re.Match[str], ctx: Ctx) -> Found | None:
    before = ctx.text[max(0, m.start() - 12):m.start()]
    if re.search(r"(?:[$£€#]|No\.|\d[,.]?|\bpage|\bRoute|\bflight)\s*$", before, re.IGNORECASE):
        return None
    if re.search(r"\b(?:about|some|nearly|almost|around|over|than|least|approximately|of about)\s+$", before):
        return None
    y = int(m["y"])
    if ctx.dct is not None and not (ctx.dct.year - 300 <= y <= ctx.dct.year + 30):
        return None
    return Found(f"{y:04d}", "DATE")


def decade(m: re.Match[str], ctx: Ctx) -> Found | None:
    if m["c"]:
        return Found(f"{m['c']}{m['d']}", "DATE")
    d = int(m["d2"])
    century = "19" if ctx.dct is None or d * 10 > ctx.dct.year % 100 else "20"
    return Found(f"{century}{d}", "DATE")


def _season_index(d: date) -> int:
    """Seasons counted as year*4 + (SP=0, SU=1, FA=2, WI=3); Jan-Feb belong to the winter before."""
    if d.month <= 2:
        return (d.year - 1) * 4 + 3
    return d.year * 4 + (d.month - 3) // 3


_SEASON_ORDER = ("SP", "SU", "FA", "WI")


def season(m: re.Match[str], ctx: Ctx) -> Found | None:
    code = SEASONS[m["s"].lower()]
    mod = (m["mod"] or "").lower()
    if m["y"]:
        return Found(f"{m['y']}-{code}", "DATE")
    if mod == "" or (mod == "the" and (code == "FA" or re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]))):
        return None  # "the fall of Saigon"
    if ctx.dct is None:
        return Found(None, "DATE")
    idx, now = _SEASON_ORDER.index(code), _season_index(ctx.dct)
    n = (now // 4) * 4 + idx
    if mod in ("last", "this past"):
        n = n if n < now else n - 4
    elif mod in ("next", "this coming"):
        n = n if n > now else n + 4
    elif mod in ("early", "late", "the"):
        direction = ctx.tense(m.start(), m.end())
        if direction == "future":
            n = n if n >= now else n + 4
        else:
            n = n if n <= now else n - 4
    return Found(f"{n // 4:04d}-{code}", "DATE")


def quarter(m: re.Match[str], ctx: Ctx) -> Found | None:
    half = (m["qh"] or m["qh2"] or "").lower() == "half"
    letter = "H" if half else "Q"
    y = m["y"] or m["y2"] or m.groupdict().get("y3")
    if m.groupdict().get("ry") and ctx.dct is not None:
        y = str(ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["ry"].lower()])
    ordinal = (m["ord"] or "").lower()
    rel = (m["rel"] or "").lower()
    if not ordinal and (rel == "final" or (rel == "last" and (y or half))):
        ordinal = "second" if half else "fourth"  # "the last half of 1989", "the final quarter"
    if m.groupdict().get("yq") and y:
        if ctx.dct is None:
            return Found(None, "DATE")
        _, cq = cal.shift_quarter(*cal.quarter_of(ctx.dct), -1)
        return Found(f"{y}-Q{cq}", "DATE")
    if m.groupdict().get("yq"):
        return None
    if ordinal:
        n = ORDINALS[ordinal]
        if half and n > 2:
            return None
        if y:
            return Found(f"{y}-{letter}{n}", "DATE")
        if ctx.dct is None:
            return Found(None, "DATE")
        cy, cq = cal.quarter_of(ctx.dct)
        current = cq if not half else (cq + 1) // 2
        future = ctx.tense(m.start(), m.end()) == "future"
        year_ = cy if (n <= current or future) else cy - 1
        return Found(f"{year_:04d}-{letter}{n}", "DATE")
    return _relative_quarter(m, ctx, letter)


def _relative_quarter(m: re.Match[str], ctx: Ctx, letter: str) -> Found | None:
    period = (m["qh2"] or "").lower() == "period"
    if period and "quarter" not in ctx.text[:m.start()]:
        return None  # "the latest period" is a quarter only in quarterly-results copy
    if letter == "H" or ctx.dct is None:
        return Found(None, "DATE")
    rel = (m["rel"] or "").lower()
    if rel == "same":
        rel = "year-earlier" if period else ""
    cy, cq = cal.quarter_of(ctx.dct)
    shift = {"current": 0, "this": 0, "next": 1, "year-earlier": -5, "year-ago": -5}.get(rel, -1)
    y, q = cal.shift_quarter(cy, cq, shift)
    return Found(f"{y:04d}-Q{q}", "DATE")


_WD = rf"(?:(?P<wd>{WEEKDAY}),?\s+)?"
_AT_CLOCK = rf"(?:,?\s+(?:at\s+)?(?P<clock>{CLOCK})(?:\s+(?:{TZ}))?)?"
RULES: tuple[Rule, ...] = (
    Rule("iso", r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::\d{2})?)?\b", iso),
    Rule("mdy", rf"\b{_WD}(?P<mon>{MONTH})\s*(?P<d>{DAYNUM})(?:\s*,\s*|\s+)(?P<y>{YEAR})\b{_AT_CLOCK}", month_day_year),
    Rule("dmy", rf"\b{_WD}(?:the\s+)?(?P<d>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})\b{_AT_CLOCK}",
         month_day_year),
    Rule("my", rf"\b(?:(?:early|late|mid|the (?:beginning|end|start|middle) of)[\s-]+)?(?P<mon>{MONTH})"
               rf",?\s+(?:of\s+)?(?P<y>{YEAR})\b", month_year),
    Rule("md", rf"\b{_WD}(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})\b(?![:.,]?\d)", month_day),
    Rule("dm", rf"\b{_WD}(?:the\s+)?(?P<d>{DAYNUM})\s+(?:of\s+)?(?P<mon>{MONTH})\b", month_day),
    Rule("decade", r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<c>1[0-9]|20)(?P<d>\d)0s|'(?P<d2>\d)0s)\b",
         decade),
    Rule("quarter", rf"\b(?:the\s+)?(?:(?P<y3>{YEAR})\s+|(?P<ry>this|last|next)\s+year's\s+)?(?:(?:fiscal|calendar)\s+)?(?:(?P<yq>quarter)\b|(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?P<qh>quarter|half)"
                    r"|(?P<rel>latest|last|current|previous|past|preceding|year-earlier|year-ago|this|next|"
                    r"recent|most recent|same|final)[\s-]+(?P<qh2>quarter|fiscal quarter|period|half))"
                    rf"(?:\s+of\s+(?:fiscal\s+)?(?P<y>{YEAR})|\s+(?:fiscal\s+)?(?P<y2>{YEAR}))?\b", quarter),
    Rule("the-quarter", r"\bthe\s+(?:(?P<rel>year-earlier|year-ago)\s+)?quarter\b(?![\s-](?:point|mile|century|of a|to))"
                        r"(?P<ord>)(?P<qh>)(?P<qh2>)(?P<y>)(?P<y2>)", quarter),
    Rule("season", r"\b(?:(?P<mod>last|this past|this coming|this|next|early|late|the)\s+)?(?P<s>spring|summer|autumn|fall|winter)\b"
                   rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?", season),
    Rule("month", rf"\b(?:(?P<mod>last|next|this|this past|this coming|early|late|mid|earlier|later)[\s-]+)?"
                  rf"(?P<mon>{MONTH_FULL})\b(?!\s+\d|\s+(?:for|of|on|to)\s+(?:the\s+|[A-Z]))(?:\s+(?P<rely>last|this|next)\s+year\b)?", month_alone),
    Rule("year", rf"\b(?:(?:fiscal|calendar|early|late|mid|the year|the end of|the beginning of|the start of"
                 rf"|the middle of|the first half of|the second half of)[\s-]+)?(?P<y>{YEAR})\b"
                 r"(?!\s*[-,]\s*\d|%|\.\d|s\b|'s\b)", year),
)
