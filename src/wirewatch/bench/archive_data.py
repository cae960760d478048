"""Realistic synthetic archives for ``wirewatch bench --scale N``: real distributions, made-up rows.

The distributions come from the pipeline's own output on many articles: every extraction the
evaluators cached (``cache_dir()/eval/<set>/*.json``: ACLED, UCDP, the conflict-news corpus,
WikiEvents ...) gives the pool of events (status, type and sub-type, codes, date, place with
country and coordinates, actors, fatalities: each drawn whole, so a country keeps its own types,
places and actors) and the number of events per article; the fusion evaluator's cached lines
(``cache_dir()/fusion-eval/*/docs``: GVA and BASIL articles with outlets and tags) give the tags per
article and the outlets. A synthetic article draws its events from the pool (dates moved by up to
45 days either way, coordinates by up to 0.05 degrees), its tags and outlet from a real article, and
its text is the events' own evidence sentences, so every span holds. Article ids start with their
sequence number (``000000042-1f3a...``) so that a million-article fill appends to the id indexes
instead of writing all over them (a lookup by id costs the same). Numbers measured on it are about
speed, not accuracy.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..config import cache_dir

EVENT_KEYS = ("status", "event_type", "sub_event_type", "cameo", "plover", "date", "location", "actors",
              "fatalities", "injured", "verification", "confidence")
MAX_SHIFT_DAYS = 45


@dataclass(frozen=True, slots=True)
class Profile:
    """What the synthetic archive draws from."""

    events: tuple[dict[str, Any], ...]  # contract events with one evidence sentence each (``_sentence``)
    events_per_article: tuple[int, ...]
    tag_lists: tuple[tuple[str, ...], ...]
    outlets: tuple[str, ...]
    sources: dict[str, int]  # where the events came from: set -> events

    def summary(self) -> dict[str, Any]:
        countries = {e["location"]["country_code"] for e in self.events if e.get("location")}
        return {"events_in_pool": len(self.events), "countries": len(countries),
                "actors": len({a["name"] for e in self.events for a in e.get("actors") or ()}),
                "tag_lists": len(self.tag_lists), "outlets": len(set(self.outlets)), "from": self.sources}


def _event(e: dict[str, Any], text: str) -> dict[str, Any] | None:
    ev = e.get("evidence") or []
    sentence = ev[0].get("text") if ev else None
    d = e.get("date") or {}
    if not sentence or not d.get("start") or not d.get("end"):
        return None
    out = {k: e.get(k) for k in EVENT_KEYS}
    out["actors"] = [{k: a.get(k) for k in ("name", "role", "kind", "country_code")} for a in e.get("actors") or []]
    out["_sentence"] = " ".join(sentence.split())[:400]
    return out


def _lines(root: Path, pattern: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(root.glob(pattern)):
        try:
            yield path.relative_to(root).parts[0], json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue


def load_profile(cache: Path | None = None) -> Profile:
    """Read the cached extractions; raises FileNotFoundError when there are none (run ``wirewatch eval``)."""
    root = cache or cache_dir()
    events: list[dict[str, Any]] = []
    per_article: list[int] = []
    sources: dict[str, int] = {}
    for set_name, line in _lines(root / "eval", "*/*.json"):
        evs = [x for x in (_event(e, "") for e in line.get("events") or ()) if x is not None]
        if evs:
            events += evs
            per_article.append(len(evs))
            sources[set_name] = sources.get(set_name, 0) + len(evs)
    tags: list[tuple[str, ...]] = []
    outlets: list[str] = []
    for _, line in _lines(root / "fusion-eval", "*/docs/*/*.json"):
        art = line.get("article") or {}
        if art.get("tags"):
            tags.append(tuple(str(t) for t in art["tags"]))
        if art.get("outlet") or art.get("agency"):
            outlets.append(str(art.get("outlet") or art.get("agency")))
    if not events or not tags or not outlets:
        raise FileNotFoundError(f"no cached extractions under {root} (eval/ and fusion-eval/): run `wirewatch eval`"
                                " and `wirewatch eval fusion` once")
    return Profile(tuple(events), tuple(per_article), tuple(tags), tuple(outlets), sources)


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _shift(iso: str, days: int) -> str:
    return (date.fromisoformat(iso[:10]) + timedelta(days=days)).isoformat()


def _located(loc: dict[str, Any] | None, rng: random.Random) -> dict[str, Any] | None:
    if not loc:
        return loc
    out = dict(loc)
    if out.get("lat") is not None and out.get("lon") is not None:
        out["lat"] = round(max(-90.0, min(90.0, out["lat"] + rng.uniform(-0.05, 0.05))), 4)
        out["lon"] = round(max(-180.0, min(180.0, out["lon"] + rng.uniform(-0.05, 0.05))), 4)
    return out


def article(profile: Profile, i: int, rng: random.Random) -> dict[str, Any]:
    """The i-th synthetic article (a contract document) with its events."""
    aid = f"{i:09d}-{_id('archive', i)[:8]}"  # sequence first: the fill appends to the id indexes
    picks = [profile.events[rng.randrange(len(profile.events))]
             for _ in range(profile.events_per_article[rng.randrange(len(profile.events_per_article))])]
    shift = rng.randint(-MAX_SHIFT_DAYS, MAX_SHIFT_DAYS)
    text, events = "", []
    for n, e in enumerate(picks):
        start = len(text)
        text += e["_sentence"] + "\n\n"
        d = e["date"]
        try:
            when = {**d, "start": _shift(d["start"], shift), "end": _shift(d["end"], shift)}
        except ValueError:
            when = None
        ev = {k: v for k, v in e.items() if k != "_sentence"}
        ev.update(id=_id(aid, n), date=when, location=_located(e.get("location"), rng), claims=[], sources=[],
                  evidence=[{"start": start, "end": start + len(e["_sentence"]), "text": e["_sentence"]}],
                  weapons=[], targets=[], reasons=[], casualties_by_side=[])
        events.append(ev)
    first = events[0]["date"]["start"] if events[0]["date"] else "2020-01-01"
    published = _shift(first, rng.randint(0, 2))
    tags = list(dict.fromkeys(profile.tag_lists[rng.randrange(len(profile.tag_lists))]))
    return {"schema": "wirewatch.extraction/1",
            "article": {"id": aid, "title": picks[0]["_sentence"][:120], "published": published,
                        "outlet": profile.outlets[rng.randrange(len(profile.outlets))], "agency": None,
                        "byline": None, "url": None, "tags": tags, "text": text.rstrip(), "captions": []},
            "places": [], "times": [], "events": events, "failures": []}


def articles(profile: Profile, events: int, seed: int = 17) -> Iterator[dict[str, Any]]:
    """Articles until ``events`` events are made (the last article may bring a few more)."""
    rng, made, i = random.Random(seed), 0, 0
    while made < events:
        doc = article(profile, i, rng)
        made += len(doc["events"])
        i += 1
        yield doc
