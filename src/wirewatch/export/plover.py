"""PLOVER JSON lines: one object per fused event, in the field names POLECAT uses.

``actor``/``recipient`` are the first initiator and target; ``event``/``mode`` the PLOVER type and
mode; ``context`` is empty unless the events carry contexts (Wirewatch does not code them yet);
``size`` holds ``dead`` and ``injured`` (the best figures); ``articles`` the member article ids.
ACLED type, CAMEO code, ranges, claims' disagreements and verification ride along.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from .codes import actor_slots

REQUIRED = ("id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "size", "articles",
            "evidence")


def record(event: Mapping[str, Any]) -> dict[str, Any]:
    side1, side2 = actor_slots(event)
    plover = event.get("plover") or {}
    date = event.get("date") or {}
    loc = event.get("location") or {}
    fat, inj = event.get("fatalities") or {}, event.get("injured") or {}
    return {
        "id": event.get("id"), "date": date.get("start"), "date_end": date.get("end"),
        "date_precision": date.get("precision"),
        "actor": side1[0]["name"] if side1 else None, "actor_kind": side1[0].get("kind") if side1 else None,
        "recipient": side2[0]["name"] if side2 else None,
        "recipient_kind": side2[0].get("kind") if side2 else None,
        "event": plover.get("type"), "mode": plover.get("mode"), "context": list(event.get("context") or ()),
        "event_loc": {k: loc.get(k) for k in ("name", "admin1", "admin2", "country", "country_code", "lat", "lon",
                                              "geonames_id", "precision")},
        "size": {"dead": fat.get("best"), "injured": inj.get("best")},
        "fatalities": {k: fat.get(k) for k in ("low", "best", "high")},
        "injured": {k: inj.get(k) for k in ("low", "best", "high")},
        "acled_event_type": event.get("event_type"), "acled_sub_event_type": event.get("sub_event_type"),
        "cameo": event.get("cameo"), "status": event.get("status"), "verification": event.get("verification"),
        "disagreements": [d.get("text") for d in event.get("disagreements") or ()],
        "articles": list(event.get("articles") or ()), "main_articles": list(event.get("main_articles") or ()),
        "outlets": list(event.get("outlets") or ()),
        "evidence": [{k: e.get(k) for k in ("article_id", "start", "end", "text")} for e in event.get("evidence") or ()],
    }


def write(events: Iterable[Mapping[str, Any]], fh: TextIO) -> int:
    n = 0
    for event in events:
        fh.write(json.dumps(record(event), ensure_ascii=False) + "\n")
        n += 1
    return n


def read(fh: TextIO) -> list[dict[str, Any]]:
    """Read PLOVER lines back; raises ``ValueError`` naming the line and the missing fields."""
    out = []
    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        obj = json.loads(line)
        missing = [k for k in REQUIRED if k not in obj]
        if missing:
            raise ValueError(f"PLOVER line {n} lacks field(s): {', '.join(missing)}")
        out.append(obj)
    return out


def summary(r: Mapping[str, Any]) -> dict[str, Any]:
    loc = r.get("event_loc") or {}
    return {"id": r["id"], "event_date": r["date"], "event_type": r.get("acled_event_type"),
            "sub_event_type": r.get("acled_sub_event_type"), "country_code": loc.get("country_code"),
            "location": loc.get("name"),
            "latitude": None if loc.get("lat") is None else round(float(loc["lat"]), 4),
            "longitude": None if loc.get("lon") is None else round(float(loc["lon"]), 4),
            "fatalities": (r.get("fatalities") or {}).get("low"), "articles": sorted(r["articles"])}
