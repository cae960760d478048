"""Codebook mappings shared by the exports: ACLED inter codes, precision codes, disorder types,
actor slots, and the summary every round-trip test compares."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

# ACLED inter codes (the contract's actor ``kind``); unknown has no code.
INTER_CODES: dict[str, int] = {"state_forces": 1, "rebel_group": 2, "political_militia": 3,
                               "identity_militia": 4, "rioters": 5, "protesters": 6, "civilians": 7,
                               "external": 8}
# ACLED time_precision: 1 day, 2 week, 3 month (a year is coded 3 as the coarsest ACLED has).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# ACLED geo_precision: 1 the named place, 2 part of a region / near a place, 3 a larger region.
GEO_PRECISION = {"point": 1, "city": 1, "admin2": 2, "admin1": 3, "country": 3}
VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
WIRE_AGENCIES = frozenset({"reuters", "ap", "associated press", "afp", "agence france-presse", "xinhua",
                           "dpa", "anadolu", "anadolu agency", "efe", "ansa", "kyodo", "bloomberg"})


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    if event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        return "Political violence"
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if sub_event_type == "Mob violence":
        return "Political violence"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return ""


def actor_slots(event: Mapping[str, Any]) -> tuple[list[Mapping], list[Mapping]]:
    """(side 1, side 2): initiators then associates on side 1, targets on side 2 (ACLED: target is actor 2)."""
    actors = list(event.get("actors") or ())
    side1 = [a for a in actors if a.get("role") == "initiator"]
    side2 = [a for a in actors if a.get("role") == "target"]
    side1 += [a for a in actors if a.get("role") == "associate"]
    return side1, side2


def inter(actor: Mapping[str, Any] | None) -> int | None:
    return INTER_CODES.get(str((actor or {}).get("kind")))


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the two inter codes, smaller first; ``x0`` for one side."""
    if inter1 is None and inter2 is None:
        return None
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    return codes[0] * 10 if len(codes) == 1 else codes[0] * 10 + codes[1]


@lru_cache(maxsize=512)
def iso_numeric(country_code: str | None) -> int | None:
    if not country_code:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=country_code.upper())
    return int(c.numeric) if c is not None else None


def source_scale(outlets: list[str]) -> str:
    """``International`` when a wire agency carried the story; otherwise unknown (empty)."""
    return "International" if any(o.strip().lower() in WIRE_AGENCIES for o in outlets) else ""


def summary(event: Mapping[str, Any]) -> dict[str, Any]:
    """The fields every export must carry unchanged (what the round-trip tests compare)."""
    date = event.get("date") or {}
    loc = event.get("location") or {}
    fat = event.get("fatalities") or {}
    return {"id": event.get("id"), "event_date": date.get("start"), "event_type": event.get("event_type"),
            "sub_event_type": event.get("sub_event_type"), "country_code": loc.get("country_code"),
            "location": loc.get("name"),
            "latitude": None if loc.get("lat") is None else round(float(loc["lat"]), 4),
            "longitude": None if loc.get("lon") is None else round(float(loc["lon"]), 4),
            "fatalities": fat.get("low"), "articles": sorted(event.get("articles") or ())}
