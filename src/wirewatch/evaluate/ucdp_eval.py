"""``wirewatch eval ucdp``: UCDP GED Iraq events from their source headline and source date.

Reads ``shared/data/ucdp-ged-iraq/conflict_data_irq.csv`` at run time (row 2, the HXL tag row, is
skipped).  Records: GED rows with one source (``number_of_sources`` 1), a headline and a valid source
date; rows sharing a headline and date are one record (UCDP splits one story into several events), so a
record's gold is the set of its GED rows.  Each record runs through the pipeline as
``{"id", "text": headline, "published": source_date}`` (``RawDocument`` of kind ``record``).

The record's *main event* is its ``violence``-family event, ``occurred`` first, then highest confidence.
Measures (accuracy over all records, and ``*_given_event`` over records with a main event):

- ``event_found``: a main event exists (every GED row is a violent event);
- ``date``: the main event's date interval overlaps a gold row's ``date_start..date_end`` (``date_1day``:
  within one day of it);
- ``location_50km``: the main event's point lies within 50 km of a gold row's coordinates;
- ``sides``: precision/recall/F1 of the side kinds of the main event's actors against the gold rows'
  sides: ``Government of …`` -> ``state`` (Wirewatch ``state_forces``, ``external``), ``Civilians`` ->
  ``civilians`` (``civilians``, ``protesters``), any other side -> ``nonstate`` (rebel, political or
  identity militia); Wirewatch ``unknown`` and ``rioters`` are left out;
- ``fatalities``: ``reported`` (a best figure is given when the gold total is above 0), ``exact_story``
  (equal to the sum of ``best`` over the record's rows), ``within_story_range`` (between the sums of
  ``low`` and ``high``) and ``exact_any_row`` (equal to one row's ``best``);
- ``per_side`` (casualties per side, docs/events.md), over records with a main event: ``civilians``: of
  the records whose main event gives a civilians fatalities figure, how often its best equals the sum
  of the rows' ``deaths_civilians``; ``state_side``: of the records whose every row has a government
  as ``side_a`` and whose main event gives a fatalities figure for a side whose actor is state forces
  (``state_forces``, ``external``), how often its best equals the sum of the rows' ``deaths_a``.

``story_headlines`` repeats the measures over the records whose ``source_headline`` is a story's
headline (not an Airwars incident code, a BBC Monitoring programme summary or an agency name alone).
"""

from __future__ import annotations

import csv
import math
import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .events_eval import Extractor, event_family, prf, require

SUBDIR = Path("data") / "ucdp-ged-iraq"
COMMAND = "wirewatch eval ucdp"
SET = "ucdp"
KIND_FAMILY = {"state_forces": "state", "external": "state", "rebel_group": "nonstate",
               "political_militia": "nonstate", "identity_militia": "nonstate", "civilians": "civilians",
               "protesters": "civilians"}


@dataclass(frozen=True, slots=True)
class GoldRow:
    id: str
    start: date
    end: date
    lat: float
    lon: float
    sides: frozenset[str]
    best: int
    low: int
    high: int
    deaths_a: int = 0
    deaths_b: int = 0
    deaths_civilians: int = 0
    deaths_unknown: int = 0
    government_a: bool = False  # side_a is "Government of ..."


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    published: str
    rows: tuple[GoldRow, ...]


def side_kind(side: str) -> str:
    if side.startswith("Government of"):
        return "state"
    return "civilians" if side == "Civilians" else "nonstate"


def _row(r: dict[str, str]) -> GoldRow:
    return GoldRow(r["id"], date.fromisoformat(r["date_start"]), date.fromisoformat(r["date_end"]),
                   float(r["latitude"]), float(r["longitude"]), frozenset({side_kind(r["side_a"]),
                                                                           side_kind(r["side_b"])}),
                   int(r["best"]), int(r["low"]), int(r["high"]), int(r["deaths_a"] or 0), int(r["deaths_b"] or 0),
                   int(r["deaths_civilians"] or 0), int(r["deaths_unknown"] or 0),
                   r["side_a"].startswith("Government of"))


def load_records(shared: Path, limit: int | None = None) -> list[Record]:
    path = require(shared / SUBDIR / "conflict_data_irq.csv")
    grouped: dict[tuple[str, str], list[GoldRow]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["id"].startswith("#") or r["number_of_sources"] != "1" or not r["source_headline"].strip():
                continue
            try:
                published = date.fromisoformat(r["source_date"])
            except ValueError:
                continue
            if published.year < 1989:  # placeholder dates (1753-…)
                continue
            grouped.setdefault((r["source_headline"].strip(), published.isoformat()), []).append(_row(r))
    records = [Record(f"ucdp-{rows[0].id}", text, pub, tuple(rows)) for (text, pub), rows in grouped.items()]
    records.sort(key=lambda r: (r.published, r.id))
    return records[:limit]


def main_event(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    violent = [e for e in events if event_family(e) == "violence"]
    if not violent:
        return None
    return max(violent, key=lambda e: (e.get("status") == "occurred", e.get("confidence") or 0.0))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def date_ok(event: dict[str, Any], rows: tuple[GoldRow, ...], slack_days: int = 0) -> bool:
    d = event.get("date") or {}
    if not d.get("start"):
        return False
    start, end = date.fromisoformat(d["start"]), date.fromisoformat(d["end"])
    slack = timedelta(days=slack_days)
    return any(start - slack <= r.end and r.start <= end + slack for r in rows)


def location_ok(event: dict[str, Any], rows: tuple[GoldRow, ...], radius_km: float = 50.0) -> bool:
    loc = event.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return False
    return any(km(loc["lat"], loc["lon"], r.lat, r.lon) <= radius_km for r in rows)


def predicted_sides(event: dict[str, Any]) -> set[str]:
    return {KIND_FAMILY[a["kind"]] for a in event.get("actors") or [] if a.get("kind") in KIND_FAMILY}


def fatality_checks(event: dict[str, Any] | None, rows: tuple[GoldRow, ...]) -> dict[str, bool]:
    best = ((event or {}).get("fatalities") or {}).get("best")
    total = sum(r.best for r in rows)
    return {"reported": best is not None and total > 0, "gold_positive": total > 0,
            "exact_story": best == total,
            "within_story_range": best is not None and sum(r.low for r in rows) <= best <= sum(r.high for r in rows),
            "exact_any_row": any(best == r.best for r in rows)}


_STATE_KINDS = ("state_forces", "external")


def side_figures(event: dict[str, Any]) -> dict[str, int]:
    """Best fatalities per side family of the event's ``casualties_by_side``: ``civilians``, and
    ``state`` for the side whose actors are state forces (its named actor, else all its non-civilian
    actors)."""
    out: dict[str, int] = {}
    actors = event.get("actors") or []
    for r in event.get("casualties_by_side") or ():
        if r.get("field") != "fatalities" or r.get("best") is None:
            continue
        if r["side"] == "civilians":
            out["civilians"] = r["best"]
            continue
        kinds = [a.get("kind") for a in actors if (a.get("name") == r.get("actor") if r.get("actor") else
                                                    a.get("role") == r["side"] and a.get("kind") != "civilians")]
        if kinds and all(k in _STATE_KINDS for k in kinds):
            out["state"] = r["best"]
    return out


def side_checks(event: dict[str, Any] | None, rows: tuple[GoldRow, ...]) -> dict[str, bool]:
    """Which per-side measures a record counts for and which it passes."""
    got = side_figures(event or {})
    civ, state = got.get("civilians"), got.get("state")
    government = bool(rows) and all(r.government_a for r in rows)
    return {"side_figure": bool(got), "civilians": civ is not None,
            "civilians_exact": civ is not None and civ == sum(r.deaths_civilians for r in rows),
            "state": state is not None and government,
            "state_exact": state is not None and government and state == sum(r.deaths_a for r in rows)}


def _rate(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


_NOT_A_STORY = re.compile(r"^\w+ \d{1,2}(?:st|nd|rd|th)?\b[^:]{0,30}\d{4}:|programme summary|^airwars|^\W*\w*\W*$",
                          re.I)


def is_story_headline(text: str) -> bool:
    """False for the source fields that are no headline: Airwars incident codes ("April 2nd 2017: (I468) …"),
    BBC Monitoring programme summaries, an agency name alone."""
    return _NOT_A_STORY.search(text.strip()) is None


def score(records: list[Record], lines: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The measures of the module docstring over ``records`` (their pipeline lines by record id)."""
    n: Counter[str] = Counter()
    side_tp = side_p = side_g = 0
    for rec in records:
        ev = main_event(lines[rec.id]["events"])
        gold_sides = set().union(*(r.sides for r in rec.rows))
        side_g += len(gold_sides)
        checks = fatality_checks(ev, rec.rows)
        n["gold_positive"] += checks.pop("gold_positive")
        if ev is None:
            continue
        n.update(k for k, v in checks.items() if v)
        n["event"] += 1
        n["date"] += date_ok(ev, rec.rows)
        n["date_1day"] += date_ok(ev, rec.rows, 1)
        n["location"] += location_ok(ev, rec.rows)
        n.update(k for k, v in side_checks(ev, rec.rows).items() if v)
        pred = predicted_sides(ev)
        side_p += len(pred)
        side_tp += len(pred & gold_sides)
    total, found = len(records), n["event"]
    return {
        "records": total, "gold_events": sum(len(r.rows) for r in records),
        "event_found": _rate(found, total),
        "date": _rate(n["date"], total), "date_1day": _rate(n["date_1day"], total),
        "location_50km": _rate(n["location"], total),
        "given_event": {"date": _rate(n["date"], found), "date_1day": _rate(n["date_1day"], found),
                        "location_50km": _rate(n["location"], found)},
        "sides": prf(side_tp, side_p, side_tp, side_g),
        "fatalities": {"reported": _rate(n["reported"], n["gold_positive"]),
                       "exact_story": _rate(n["exact_story"], total),
                       "within_story_range": _rate(n["within_story_range"], total),
                       "exact_any_row": _rate(n["exact_any_row"], total),
                       "records_split_by_ucdp": sum(len(r.rows) > 1 for r in records)},
        "per_side": {"records_with_side_figure": n["side_figure"],
                     "civilians": {"records": n["civilians"], "matched": n["civilians_exact"],
                                   "exact": _rate(n["civilians_exact"], n["civilians"])},
                     "state_side": {"records": n["state"], "matched": n["state_exact"],
                                    "exact": _rate(n["state_exact"], n["state"])}},
    }


def evaluate(shared: Path | None, limit: int | None = None, use_cache: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"command": COMMAND + (f" --limit {limit}" if limit else "")}
    if shared is None:
        out["shared"] = "absent: set WIREWATCH_SHARED to score UCDP GED Iraq"
        return out
    records = load_records(shared, limit)
    extract = Extractor(SET, use_cache)
    started = time.perf_counter()
    lines = {r.id: extract(r.id, r.text, kind="record", published=r.published) for r in records}
    stories = [r for r in records if is_story_headline(r.text)]
    return out | score(records, lines) | {
        "story_headlines": score(stories, lines),
        "extraction": {"ran": extract.ran, "cached": extract.cached,
                       "seconds": round(time.perf_counter() - started, 1)},
    }
