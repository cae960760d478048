"""ACLED-style CSV: one row per fused event, with the ACLED codebook's column names and meanings.

``fatalities`` is ACLED's conservative figure (the event's ``low``; 0 when no figure was reported,
as in ACLED). ``event_id_cnty`` is the Wirewatch event id. ``region`` and ``admin3`` are left empty
(Wirewatch does not code them). ``source_scale`` is ``International`` when a wire agency carried
the story, else empty (unknown). ``timestamp`` is the Unix time of the latest member article.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, TextIO

from .codes import (
    GEO_PRECISION,
    TIME_PRECISION,
    VIOLENT_TYPES,
    actor_slots,
    disorder_type,
    inter,
    interaction,
    iso_numeric,
    source_scale,
)
from .notes import notes

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp")


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _timestamp(event: Mapping[str, Any]) -> int | str:
    last = event.get("last_reported")
    if not last:
        return ""
    try:
        t = datetime.fromisoformat(str(last))
    except ValueError:
        return ""
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return int(t.timestamp())


def _actors(event: Mapping[str, Any], country: str | None) -> dict[str, Any]:
    side1, side2 = actor_slots(event)
    name1 = side1[0]["name"] if side1 else None
    i1 = inter(side1[0]) if side1 else None
    if name1 is None and event.get("event_type") in VIOLENT_TYPES:
        name1, i1 = f"Unidentified Armed Group ({country or 'International'})", 3  # ACLED's convention
    i2 = inter(side2[0]) if side2 else None
    return {"actor1": _blank(name1), "assoc_actor_1": "; ".join(a["name"] for a in side1[1:]),
            "inter1": _blank(i1), "actor2": side2[0]["name"] if side2 else "",
            "assoc_actor_2": "; ".join(a["name"] for a in side2[1:]), "inter2": _blank(i2),
            "interaction": _blank(interaction(i1, i2)),
            "civilian_targeting": "Civilian targeting" if any(a.get("kind") == "civilians" for a in side2) else ""}


def _tags(event: Mapping[str, Any]) -> str:
    tags = [f"verification={event['verification']}"] if event.get("verification") else []
    tags += [f"{d['field']} differ: {d['text']}" for d in event.get("disagreements") or ()]
    tags += [f"weapon={w}" for w in event.get("weapons") or ()]
    return "; ".join(tags)


def row(event: Mapping[str, Any]) -> dict[str, Any]:
    """One CSV row (column -> value) for one fused event dict."""
    date = event.get("date") or {}
    loc = event.get("location") or {}
    fat = event.get("fatalities") or {}
    start = date.get("start")
    out: dict[str, Any] = {
        "event_id_cnty": event.get("id"), "event_date": _blank(start), "year": start[:4] if start else "",
        "time_precision": _blank(TIME_PRECISION.get(str(date.get("precision")))),
        "disorder_type": disorder_type(event.get("event_type"), event.get("sub_event_type")),
        "event_type": _blank(event.get("event_type")), "sub_event_type": _blank(event.get("sub_event_type")),
        "iso": _blank(iso_numeric(loc.get("country_code"))), "region": "", "country": _blank(loc.get("country")),
        "admin1": _blank(loc.get("admin1")), "admin2": _blank(loc.get("admin2")), "admin3": "",
        "location": _blank(loc.get("name")), "latitude": _blank(loc.get("lat")), "longitude": _blank(loc.get("lon")),
        "geo_precision": _blank(GEO_PRECISION.get(str(loc.get("precision")))),
        "source": "; ".join(event.get("outlets") or ()), "source_scale": source_scale(list(event.get("outlets") or ())),
        "notes": notes(event), "fatalities": fat.get("low") if fat.get("low") is not None else 0,
        "tags": _tags(event), "timestamp": _timestamp(event),
    }
    out.update(_actors(event, loc.get("country")))
    return {c: out[c] for c in COLUMNS}


def write(events: Iterable[Mapping[str, Any]], fh: TextIO) -> int:
    """Write the CSV (header first); returns the number of rows."""
    writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(row(event))
        n += 1
    return n


def read(fh: TextIO) -> list[dict[str, str]]:
    """Rows of an ACLED-style CSV as dicts of strings; raises ``ValueError`` naming missing columns."""
    reader = csv.DictReader(fh)
    missing = [c for c in ("event_id_cnty", "event_date", "event_type") if c not in (reader.fieldnames or ())]
    if missing:
        raise ValueError(f"ACLED CSV lacks column(s): {', '.join(missing)}")
    return list(reader)


def summary(r: Mapping[str, str]) -> dict[str, Any]:
    """A CSV row back in the shape of ``codes.summary`` (without ``articles``: CSV does not carry them)."""
    def num(v: str, cast: type) -> Any:
        return cast(v) if v not in ("", None) else None

    return {"id": r["event_id_cnty"], "event_date": r["event_date"] or None, "event_type": r["event_type"] or None,
            "sub_event_type": r["sub_event_type"] or None, "location": r["location"] or None,
            "latitude": None if num(r["latitude"], float) is None else round(float(r["latitude"]), 4),
            "longitude": None if num(r["longitude"], float) is None else round(float(r["longitude"]), 4),
            "fatalities": num(r["fatalities"], int)}
