"""Synthetic extraction-contract documents, written for Wirewatch (no third-party text).

Used by the tests (so they do not depend on extraction quality) and by
``scripts/gen_events.py`` (the 100,000-event benchmark).  Every span is computed
from the generated text, so ``text[start:end] == span.text`` always holds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    admin1: str
    country: str
    country_code: str
    lat: float
    lon: float


PLACES: tuple[Place, ...] = (
    Place("Baghdad", "Baghdad", "Iraq", "IQ", 33.34, 44.40),
    Place("Mosul", "Nineveh", "Iraq", "IQ", 36.34, 43.13),
    Place("Basra", "Basra", "Iraq", "IQ", 30.51, 47.78),
    Place("Deir ez-Zor", "Deir ez-Zor", "Syria", "SY", 35.34, 40.14),
    Place("Aleppo", "Aleppo", "Syria", "SY", 36.20, 37.16),
    Place("Kabul", "Kabul", "Afghanistan", "AF", 34.53, 69.17),
    Place("Kandahar", "Kandahar", "Afghanistan", "AF", 31.61, 65.71),
    Place("Sanaa", "Amanat al-Asimah", "Yemen", "YE", 15.35, 44.21),
    Place("Mogadishu", "Banaadir", "Somalia", "SO", 2.04, 45.34),
    Place("Goma", "North Kivu", "Democratic Republic of the Congo", "CD", -1.68, 29.22),
)

# (verb phrase, event_type, sub_event_type, cameo, plover mode, tag)
KINDS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("a drone strike hit a vehicle", "Explosions/Remote violence", "Air/drone strike", "195", "drone", "airstrike"),
    ("a roadside bomb exploded near a patrol", "Explosions/Remote violence", "Remote explosive/landmine/IED",
     "183", "ied", "bombing"),
    ("gunmen clashed with soldiers", "Battles", "Armed clash", "190", "firearms", "clashes"),
    ("mortar shells landed on a market", "Explosions/Remote violence", "Shelling/artillery/missile attack",
     "194", "artillery", "shelling"),
    ("militants attacked a village", "Violence against civilians", "Attack", "180", "firearms", "attack"),
)
ACTORS = (("Unidentified armed group", "unknown"), ("State security forces", "state_forces"),
          ("Local militia", "political_militia"), ("Rebel fighters", "rebel_group"))
OUTLETS = ("Wirewatch Test Wire", "Example News", "Sample Daily")


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _span(text: str, needle: str) -> dict[str, Any]:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "text": needle}


def sample_doc(i: int = 0, *, day: date = date(2024, 1, 4), place: Place | None = None, kind: int | None = None,
               killed: int = 4, title: str | None = None, extra_text: str = "", events: int = 1,
               tags: tuple[str, ...] = ()) -> dict[str, Any]:
    """One article reporting ``events`` synthetic events (the i-th variation)."""
    place = place or PLACES[i % len(PLACES)]
    k = KINDS[(i if kind is None else kind) % len(KINDS)]
    actor, actor_kind = ACTORS[i % len(ACTORS)]
    outlet = OUTLETS[i % len(OUTLETS)]
    sentences = [f"{place.name} – In a synthetic report, {k[0]} in {place.name} on {day:%d %B %Y}, killing "
                 f"at least {killed} people and wounding {killed + 2} others, police sources told {outlet}."]
    for n in range(1, events):
        sentences.append(f"Separately, report {n} said {k[0]} near {place.name}, killing {killed + n} people, "
                         f"officials said.")
    sentences.append(f"{actor} denied involvement. {extra_text}".strip())
    text = "\n\n".join(sentences)
    aid = _id("article", i, day, place.name, killed, title, extra_text, events)
    evs = [_event(aid, n, text, sentences[n], place, k, actor, actor_kind, day, killed + n, outlet)
           for n in range(events)]
    tag_list = list(dict.fromkeys([k[5], place.name.lower(), place.country.lower(), *tags]))
    return {
        "schema": "wirewatch.extraction/1",
        "article": {"id": aid, "title": title or f"{k[1]} in {place.name}", "published": f"{day}T09:40:00-05:00",
                    "outlet": outlet, "agency": "Wirewatch Test Wire", "byline": None, "url": None,
                    "tags": tag_list, "text": text, "captions": []},
        "places": [_span(text, place.name) | _loc(place)],
        "times": [_span(text, f"{day:%d %B %Y}") | {"value": day.isoformat(), "type": "DATE"}],
        "events": evs, "failures": [],
    }


def _loc(p: Place) -> dict[str, Any]:
    return {"name": p.name, "admin1": p.admin1, "admin2": None, "country": p.country,
            "country_code": p.country_code, "lat": p.lat, "lon": p.lon, "geonames_id": None,
            "precision": "city", "role": "mention"}


def _event(aid: str, n: int, text: str, sentence: str, place: Place, k: tuple[str, ...], actor: str,
           actor_kind: str, day: date, killed: int, outlet: str) -> dict[str, Any]:
    ev_span = _span(text, sentence)
    figure = f"killing at least {killed} people" if n == 0 else f"killing {killed} people"
    claim = _span(text, figure) | {"field": "fatalities", "value": killed,
                                   "qualifier": "at least" if n == 0 else None,
                                   "claimant": "police sources" if n == 0 else "officials",
                                   "reported_by": outlet, "superseded": False}
    loc = _loc(place)
    loc.pop("role")
    return {
        "id": _id("event", aid, n), "status": "occurred", "event_type": k[1], "sub_event_type": k[2],
        "cameo": k[3], "plover": {"type": "ASSAULT", "mode": k[4]},
        "date": {"start": day.isoformat(), "end": day.isoformat(), "precision": "day", "text": f"{day:%d %B %Y}"},
        "location": loc,
        "actors": [{"name": actor, "role": "initiator", "kind": actor_kind, "country_code": None},
                   {"name": "Civilians", "role": "target", "kind": "civilians", "country_code": place.country_code}],
        "fatalities": {"low": killed, "best": killed, "high": killed},
        "injured": {"low": killed + 2, "best": killed + 2, "high": killed + 2} if n == 0 else None,
        "claims": [claim], "sources": [claim["claimant"], outlet], "verification": "unverified",
        "evidence": [ev_span], "confidence": 0.8, "weapons": [k[4]], "targets": [], "reasons": [],
    }


def variations(n: int, start: date = date(2023, 1, 1), days: int = 730) -> list[dict[str, Any]]:
    """``n`` different documents spread over ``days`` days, places, kinds and tolls."""
    return [sample_doc(i, day=start + timedelta(days=(i * 7919) % days), killed=(i * 31) % 40,
                       kind=(i // 3) % len(KINDS)) for i in range(n)]
