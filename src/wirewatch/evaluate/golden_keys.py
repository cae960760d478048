"""The per-event keys of the golden format (GOLDEN.md): how each is tested on one output event.

Each key maps to a function ``(event, expected_value, item) -> KeyOutcome``; the registry
``_KEYS`` is explicit.  ``lat``, ``lon`` and ``max_km`` are one test, reported as
``lat/lon/max_km``.  Names of actors, sources and places match as whole words,
case-insensitively (``US`` does not match inside ``al-Moussawi``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

META_KEYS = frozenset({"name", "why", "note", "notes"})


@dataclass(frozen=True, slots=True)
class KeyOutcome:
    """One key tested on one event: what was expected and what the event has."""

    key: str
    ok: bool
    expected: Any
    got: Any

    def __str__(self) -> str:
        return f"{self.key} (expected {self.expected!r}, got {self.got!r})"


# ---------------------------------------------------------------- text matching


def _fold(s: str) -> str:
    """Case, curly quotes and diacritics aside ("Turmus‘ayyā" = "Turmus'ayya")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return " ".join(plain.replace("\u2019", "'").replace("\u2018", "'").split()).casefold()


@lru_cache(maxsize=4096)
def _word_pattern(fragment: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(fragment) + r"(?!\w)")


def contains_word(haystack: str, needle: str) -> bool:
    """``needle`` occurs in ``haystack`` as whole words, case-insensitively."""
    n, h = _fold(needle), _fold(haystack)
    return bool(n) and _word_pattern(n).search(h) is not None


def names_match(name: str, fragment: str) -> bool:
    """A name contains the fragment or is contained in it (whole words, any case)."""
    return contains_word(name, fragment) or contains_word(fragment, name)


def quotes(span_text: str, fragment: str) -> bool:
    """The span's text contains the fragment verbatim (white space and quote marks normalised)."""
    norm = lambda s: " ".join(s.replace("\u2019", "'").replace("\u2018", "'").split())  # noqa: E731
    return bool(fragment.strip()) and norm(fragment) in norm(span_text)


# ---------------------------------------------------------------- event accessors


def _get(ev: dict[str, Any], *path: str) -> Any:
    cur: Any = ev
    for p in path:
        if not isinstance(cur, dict):
            return None
        cur = cur.get(p)
    return cur


def event_date(ev: dict[str, Any]) -> tuple[str, str] | None:
    """The event's (start, end) as ISO day strings, or ``None``."""
    d = ev.get("date")
    if not isinstance(d, dict) or not d.get("start") or not d.get("end"):
        return None
    return str(d["start"])[:10], str(d["end"])[:10]


def _evidence(ev: dict[str, Any]) -> list[str]:
    return [str(s.get("text", "")) for s in ev.get("evidence") or [] if isinstance(s, dict)]


# ---------------------------------------------------------------- the keys

KeyFn = Callable[[dict[str, Any], Any, dict[str, Any]], KeyOutcome]


def _equal(key: str, *path: str) -> KeyFn:
    def test(ev: dict[str, Any], want: Any, _item: dict[str, Any]) -> KeyOutcome:
        got = _get(ev, *path)
        return KeyOutcome(key, got == want, want, got)

    return test


def _cameo_root(ev: dict[str, Any], want: Any, _item: dict[str, Any]) -> KeyOutcome:
    got = ev.get("cameo")
    return KeyOutcome("cameo_root", got is not None and str(got)[:2] == str(want), want, got)


def _date(ev: dict[str, Any], want: Any, _item: dict[str, Any]) -> KeyOutcome:
    d = event_date(ev)
    return KeyOutcome("date", d is not None and d[0] <= str(want) <= d[1], want, d and f"{d[0]}..{d[1]}")


def _date_month(ev: dict[str, Any], want: Any, _item: dict[str, Any]) -> KeyOutcome:
    d = event_date(ev)
    ok = d is not None and d[0][:7] == str(want) and d[1][:7] == str(want)
    return KeyOutcome("date_month", ok, want, d and f"{d[0]}..{d[1]}")


def _date_year(ev: dict[str, Any], want: Any, _item: dict[str, Any]) -> KeyOutcome:
    d = event_date(ev)
    return KeyOutcome("date_year", d is not None and d[0][:4] == str(want), want, d and d[0])


def _location_name(ev: dict[str, Any], want: Any, _item: dict[str, Any]) -> KeyOutcome:
    got = _get(ev, "location", "name")
    ok = isinstance(got, str) and any(_fold(got) == _fold(w) for w in want)
    return KeyOutcome("location_name_any", ok, want, got)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _distance(ev: dict[str, Any], _want: Any, item: dict[str, Any]) -> KeyOutcome:
    lat, lon = _get(ev, "location", "lat"), _get(ev, "location", "lon")
    want = (item["lat"], item["lon"], item["max_km"])
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return KeyOutcome("lat/lon/max_km", False, want, None)
    km = haversine_km(float(lat), float(lon), float(item["lat"]), float(item["lon"]))
    ok = km <= float(item["max_km"]) and not math.isnan(km)
    return KeyOutcome("lat/lon/max_km", ok, want, f"({lat}, {lon}), {km:.0f} km away")


def _actors(role: str) -> KeyFn:
    key = f"{role}_any"

    def test(ev: dict[str, Any], want: Any, _item: dict[str, Any]) -> KeyOutcome:
        names = [str(a.get("name") or "") for a in ev.get("actors") or []
                 if isinstance(a, dict) and a.get("role") == role]
        ok = any(names_match(n, w) for n in names for w in want)
        return KeyOutcome(key, ok, want, names)

    return test


def _best(field: str) -> KeyFn:
    def test(ev: dict[str, Any], want: Any, _item: dict[str, Any]) -> KeyOutcome:
        got = _get(ev, field, "best")
        return KeyOutcome(f"{field}_best", got is not None and got == want, want, got)

    return test


def _claims(ev: dict[str, Any], want: Any, _item: dict[str, Any]) -> KeyOutcome:
    have = [(c.get("field"), c.get("value")) for c in ev.get("claims") or [] if isinstance(c, dict)]
    ok = all((c["field"], c["value"]) in have for c in want)
    return KeyOutcome("claims_must", ok, [(c["field"], c["value"]) for c in want], have)


def _sources(ev: dict[str, Any], want: Any, _item: dict[str, Any]) -> KeyOutcome:
    have = [str(s) for s in ev.get("sources") or []]
    ok = any(contains_word(s, w) for s in have for w in want)
    return KeyOutcome("sources_any", ok, want, have)


def _quote(key: str) -> KeyFn:
    def test(ev: dict[str, Any], want: Any, _item: dict[str, Any]) -> KeyOutcome:
        wants = [want] if isinstance(want, str) else list(want)
        spans = _evidence(ev)
        ok = any(quotes(s, w) for s in spans for w in wants)
        return KeyOutcome(key, ok, want, [s[:100] for s in spans])

    return test


def _consumed(ev: dict[str, Any], want: Any, _item: dict[str, Any]) -> KeyOutcome:
    raise AssertionError("lon and max_km are tested with lat")  # never called: see item_outcomes


_KEYS: dict[str, KeyFn] = {
    "status": _equal("status", "status"),
    "event_type": _equal("event_type", "event_type"),
    "sub_event_type": _equal("sub_event_type", "sub_event_type"),
    "date_precision": _equal("date_precision", "date", "precision"),
    "country_code": _equal("country_code", "location", "country_code"),
    "plover_type": _equal("plover_type", "plover", "type"),
    "cameo_root": _cameo_root,
    "date": _date,
    "date_month": _date_month,
    "date_year": _date_year,
    "location_name_any": _location_name,
    "lat": _distance,
    "lon": _consumed,
    "max_km": _consumed,
    "initiator_any": _actors("initiator"),
    "target_any": _actors("target"),
    "fatalities_best": _best("fatalities"),
    "injured_best": _best("injured"),
    "claims_must": _claims,
    "sources_any": _sources,
    "evidence_must_quote_any": _quote("evidence_must_quote_any"),
    "text_near": _quote("text_near"),
}
EVENT_KEYS = frozenset(_KEYS)


def item_outcomes(ev: dict[str, Any], item: dict[str, Any]) -> tuple[KeyOutcome, ...]:
    """Every checkable key of one expected item, tested on one output event."""
    return tuple(_KEYS[k](ev, v, item) for k, v in item.items() if k in _KEYS and k not in ("lon", "max_km"))
