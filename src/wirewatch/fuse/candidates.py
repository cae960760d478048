"""Candidate pairs for fusion: mentions close enough in time (and not in different countries).

Time: each mention has a date interval. The event's own date when the extractor gave one;
otherwise the days up to the article's publication (``PUBLISHED_LOOKBACK_DAYS``: news reports
what happened today or in the last days), marked as not explicit. Two mentions are candidates
when their intervals, widened by ``window`` days, overlap.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .records import Mention

# Distance within which two places of a given precision count as "the same place" (km).
PLACE_TOLERANCE_KM: dict[str, float] = {"point": 10.0, "city": 25.0, "admin2": 80.0, "admin1": 300.0}
EXPLICIT_PLACE = ("point", "city")
EXPLICIT_DATE = "day"
DEFAULT_WINDOW_DAYS = 1
PUBLISHED_LOOKBACK_DAYS = 2  # an undated event is taken to fall on the publication day or the two before


# A date text makes the day explicit when it names the day (a weekday, a calendar date, today,
# yesterday, tonight); a clock time ("8:30 p.m.", "overnight") or "last weekend" does not.
_NAMES_A_DAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|last night|"
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|"
    r"nov(ember)?|dec(ember)?)\b|\d{1,4}[-/.]\d{1,2}", re.IGNORECASE)


def names_a_day(text: object) -> bool:
    return isinstance(text, str) and bool(_NAMES_A_DAY.search(text))


@dataclass(frozen=True)
class Interval:
    start: date
    end: date
    precision: str
    explicit: bool  # a day the article states, not a fallback


def parse_day(value: object) -> date | None:
    """The day an ISO date or datetime string starts with (``None`` when it is not one)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def interval(m: Mention) -> Interval | None:
    """The dates a mention's event may fall on (``None`` when neither event date nor publication is known)."""
    d = m.event.get("date") or {}
    start, end = parse_day(d.get("start")), parse_day(d.get("end"))
    if start and end:
        precision = d.get("precision") or "day"
        if precision == EXPLICIT_DATE and not d.get("text"):  # a day nobody stated: the publication default
            return Interval(start - timedelta(days=PUBLISHED_LOOKBACK_DAYS), end, "published", False)
        explicit = precision == EXPLICIT_DATE and start == end and names_a_day(d.get("text"))
        return Interval(start, end, precision, explicit)
    pub = parse_day(m.published)
    if pub is None:
        return None
    return Interval(pub - timedelta(days=PUBLISHED_LOOKBACK_DAYS), pub, "published", False)


def day_gap(a: Interval, b: Interval) -> int:
    """Days between two intervals (0 when they overlap)."""
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


def location(m: Mention) -> dict | None:
    loc = m.event.get("location")
    return dict(loc) if loc else None


def coords(loc: dict | None) -> tuple[float, float] | None:
    if not loc or loc.get("lat") is None or loc.get("lon") is None:
        return None
    return float(loc["lat"]), float(loc["lon"])


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def explicit_place(loc: dict | None) -> bool:
    return loc is not None and loc.get("precision") in EXPLICIT_PLACE and coords(loc) is not None


def tolerance_km(a: dict | None, b: dict | None) -> float | None:
    """How far apart two places may be and still be one place; ``None`` if either is country-level or unknown."""
    tols = [PLACE_TOLERANCE_KM.get((x or {}).get("precision") or "") for x in (a, b)]
    if any(t is None for t in tols):
        return None
    return max(t for t in tols if t is not None)


def country(m: Mention) -> str | None:
    loc = m.event.get("location") or {}
    return loc.get("country_code")


def candidate_pairs(mentions: Sequence[Mention], window: int = DEFAULT_WINDOW_DAYS) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, whose date intervals are within ``window`` days.

    A sweep over intervals sorted by start: O(n log n + candidates).
    """
    spans = [(interval(m), i) for i, m in enumerate(mentions)]
    dated = sorted(((iv, i) for iv, i in spans if iv is not None), key=lambda x: (x[0].start, x[1]))
    pairs: set[tuple[int, int]] = set()
    for k, (iv, i) in enumerate(dated):
        limit = iv.end + timedelta(days=window)
        for iv2, j in dated[k + 1:]:
            if iv2.start > limit:
                break
            pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def are_candidates(a: Mention, b: Mention, window: int = DEFAULT_WINDOW_DAYS) -> bool:
    """The pair test of ``candidate_pairs`` for two mentions."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return False
    return day_gap(ia, ib) <= window
