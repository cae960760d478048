"""Serialise an ``Extraction`` to the extraction contract (``wirewatch.extraction/1``)."""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from .errors import severity
from .model import Actor, Claim, Event, Extraction, Location, PlaceMention, Range, Span, TimeMention

SCHEMA_ID = "wirewatch.extraction/1"


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _span(s: Span) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": s.text}


def location_dict(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {"name": loc.name, "admin1": loc.admin1, "admin2": loc.admin2, "country": loc.country,
            "country_code": loc.country_code, "lat": loc.lat, "lon": loc.lon,
            "geonames_id": loc.geonames_id, "precision": loc.precision}


_EMPTY_LOCATION = Location(None, None, None, None, None)


def _place(p: PlaceMention) -> dict[str, Any]:
    out = _span(p.span) | location_dict(p.location or _EMPTY_LOCATION)  # type: ignore[operator]
    out["role"] = p.role
    if p.reason:
        out["reason"] = p.reason
    return out


def _time(t: TimeMention) -> dict[str, Any]:
    return _span(t.span) | {"value": t.value, "type": t.type}


def _range(r: Range | None) -> dict[str, Any] | None:
    return None if r is None else {"low": r.low, "best": r.best, "high": r.high}


def _actor(a: Actor) -> dict[str, Any]:
    return {"name": a.name, "role": a.role, "kind": a.kind, "country_code": a.country_code}


def _claim(c: Claim) -> dict[str, Any]:
    return {"field": c.field, "value": c.value, "qualifier": c.qualifier, "claimant": c.claimant,
            "reported_by": c.reported_by, "superseded": c.superseded, "victims": c.victims,
            "side": c.side} | _span(c.span)


def casualties_by_side(e: Event) -> list[dict[str, Any]]:
    """Figures per side of the event (``initiator``, ``target``, ``civilians``) and field, aggregated
    by the rule of the event's own totals; figures of no known side are not listed."""
    from .extract.claims import by_side
    from .extract.sides import side_actor

    return [{"side": side, "actor": side_actor(side, e.actors), "field": field, "low": r.low, "best": r.best,
             "high": r.high} for side, field, r in by_side(e.claims)]


def event_dict(e: Event) -> dict[str, Any]:
    date_ = None
    if e.date is not None:
        date_ = {"start": e.date.start.isoformat(), "end": e.date.end.isoformat(),
                 "precision": e.date.precision, "text": e.date.text}
    return {
        "id": e.id, "status": e.status, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "cameo": e.cameo,
        "plover": None if e.plover_type is None else {"type": e.plover_type, "mode": e.plover_mode},
        "date": date_, "location": location_dict(e.location),
        "actors": [_actor(a) for a in e.actors],
        "fatalities": _range(e.fatalities), "injured": _range(e.injured),
        "claims": [_claim(c) for c in e.claims], "casualties_by_side": casualties_by_side(e),
        "sources": list(e.sources),
        "verification": e.verification, "evidence": [_span(s) for s in e.evidence],
        "confidence": round(e.confidence, 3), "weapons": list(e.weapons), "targets": list(e.targets),
        "reasons": list(e.reasons),
    }


def to_contract(x: Extraction) -> dict[str, Any]:
    a = x.article
    return {
        "schema": SCHEMA_ID,
        "article": {"id": a.id, "title": a.title, "published": _iso(a.published), "outlet": a.outlet,
                    "agency": a.agency, "byline": a.byline, "url": a.url, "tags": list(x.tags),
                    "text": a.text, "captions": list(a.captions)},
        "places": [_place(p) for p in x.places],
        "times": [_time(t) for t in x.times],
        "events": [event_dict(e) for e in x.events],
        "failures": [{"article_id": f.article_id, "stage": f.stage, "code": f.code, "message": f.message,
                      "severity": severity(f.code)} for f in x.failures],
    }


def dumps(x: Extraction, pretty: bool = False) -> str:
    return json.dumps(to_contract(x), ensure_ascii=False, indent=2 if pretty else None)


@lru_cache(maxsize=1)
def _validator():  # pragma: no cover - trivial
    import jsonschema

    from .config import shared_dir

    shared = shared_dir()
    if shared is None:
        return None
    schema = json.loads((shared / "schema" / "extraction.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def validation_errors(obj: dict[str, Any]) -> list[str]:
    """Schema errors for one output line (empty when valid or when shared/ is absent)."""
    v = _validator()
    if v is None:
        return []
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in v.iter_errors(obj)]
