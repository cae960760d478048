"""Regular-expression building blocks shared by the rules (strings, compiled by ``grammar``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .calendar import Direction

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

_UNITS_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_DIGIT_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
NUM = (
    rf"(?:\d+(?:\.\d+)?|{_UNITS_TENS}(?:[\s-]{_DIGIT_WORDS})?|{_DIGIT_WORDS}|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|hundred|a dozen|dozen"
    r"|a couple of|a couple|couple of|half an?|an?|single)"
)
VAGUE = r"(?:several|a few|few|some|many|a number of|numerous)"
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?"
    r"|decades?|centur(?:y|ies))"
)
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAYNUM = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
PART = r"(?:morning|afternoon|evening|night|overnight)"
TZ = (
    r"(?:local time|[ECMP][SD]T|GMT|UTC|BST|CET|CEST|EET|EEST|IST|JST|AST|ET|PT|CT"
    r"|Greenwich Mean Time|Eastern (?:Standard |Daylight )?Time)"
)
CLOCK = (
    r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b)|(?<![:\d/])\d{1,2}:\d{2}(?![:\d])"
    r"|noon|midday|midnight|\d{4}\s*(?:GMT|UTC|hours|hrs))"
)


@dataclass(frozen=True, slots=True)
class Ctx:
    """What a rule may read: the text, the DCT, and the tense of the clause around a mention."""

    text: str
    dct: date | None
    tense: Callable[[int, int], Direction]


@dataclass(frozen=True, slots=True)
class Anchored:
    """An expression relative to the previous date in the story ("the next day", "later that year")."""

    unit: str  # day | week | month | year
    shift: int
    part: str | None = None  # MO | AF | EV | NI for "the next morning", "that night"
    direction: Direction = None  # tense of the clause: a past clause may not land after the DCT


@dataclass(frozen=True, slots=True)
class Found:
    """A rule's answer: value (``None`` when unresolvable), type, optionally a narrower span, and for
    anchored expressions what to resolve against the previous date (``times.py`` does it)."""

    value: str | None
    type: TimexType
    start: int | None = None
    end: int | None = None
    anchor: Anchored | None = None


Handler = Callable[..., "Found | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: str
    handler: Handler
