"""GeoJSON (RFC 7946): a FeatureCollection with one Feature per fused event.

Geometry is a ``Point`` with coordinates ``[longitude, latitude]``, or ``null`` for an event without
coordinates (allowed by RFC 7946 §3.2). Properties carry the event's id, date, types, place, figures,
verification, disagreements, notes and member ``articles``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from .notes import notes


def feature(event: Mapping[str, Any]) -> dict[str, Any]:
    loc = event.get("location") or {}
    date = event.get("date") or {}
    geometry = None
    if loc.get("lat") is not None and loc.get("lon") is not None:
        geometry = {"type": "Point", "coordinates": [float(loc["lon"]), float(loc["lat"])]}
    props = {
        "id": event.get("id"), "event_date": date.get("start"), "date_end": date.get("end"),
        "date_precision": date.get("precision"), "status": event.get("status"),
        "event_type": event.get("event_type"), "sub_event_type": event.get("sub_event_type"),
        "location": loc.get("name"), "admin1": loc.get("admin1"), "admin2": loc.get("admin2"),
        "country": loc.get("country"), "country_code": loc.get("country_code"),
        "geo_precision": loc.get("precision"),
        "actors": [{k: a.get(k) for k in ("name", "role", "kind")} for a in event.get("actors") or ()],
        "fatalities": dict(event.get("fatalities") or {}), "injured": dict(event.get("injured") or {}),
        "verification": event.get("verification"),
        "disagreements": [d.get("text") for d in event.get("disagreements") or ()],
        "notes": notes(event), "outlets": list(event.get("outlets") or ()),
        "articles": list(event.get("articles") or ()), "main_articles": list(event.get("main_articles") or ()),
    }
    return {"type": "Feature", "id": event.get("id"), "geometry": geometry, "properties": props}


def collection(events: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [feature(e) for e in events]}


def write(events: Iterable[Mapping[str, Any]], fh: TextIO) -> int:
    fc = collection(events)
    json.dump(fc, fh, ensure_ascii=False)
    fh.write("\n")
    return len(fc["features"])


def _point_errors(where: str, geometry: Any) -> list[str]:
    if geometry is None:
        return []
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return [f"{where}: geometry must be a Point or null"]
    coords = geometry.get("coordinates")
    if not (isinstance(coords, list) and len(coords) == 2 and all(isinstance(c, (int, float)) for c in coords)):
        return [f"{where}: coordinates must be [longitude, latitude]"]
    lon, lat = coords
    errors = []
    if not -180 <= lon <= 180:
        errors.append(f"{where}: longitude {lon} outside [-180, 180]")
    if not -90 <= lat <= 90:
        errors.append(f"{where}: latitude {lat} outside [-90, 90]")
    return errors


def validate(obj: Any) -> list[str]:
    """Structural errors of a Wirewatch GeoJSON export (empty when valid)."""
    if not isinstance(obj, dict) or obj.get("type") != "FeatureCollection":
        return ["top level must be a FeatureCollection object"]
    features = obj.get("features")
    if not isinstance(features, list):
        return ["features must be a list"]
    errors: list[str] = []
    for k, f in enumerate(features):
        where = f"features[{k}]"
        if not isinstance(f, dict) or f.get("type") != "Feature":
            errors.append(f"{where}: type must be Feature")
            continue
        if "geometry" not in f:
            errors.append(f"{where}: geometry member is required (may be null)")
        errors += _point_errors(where, f.get("geometry"))
        props = f.get("properties")
        if not isinstance(props, dict):
            errors.append(f"{where}: properties must be an object")
        elif not isinstance(props.get("articles"), list) or not props["articles"]:
            errors.append(f"{where}: properties.articles must list the member article ids")
    return errors


def read(fh: TextIO) -> list[dict[str, Any]]:
    """The features of a GeoJSON export; raises ``ValueError`` listing structural errors."""
    obj = json.load(fh)
    errors = validate(obj)
    if errors:
        raise ValueError("invalid GeoJSON export: " + "; ".join(errors[:5]))
    return obj["features"]


def summary(f: Mapping[str, Any]) -> dict[str, Any]:
    p, g = f["properties"], f.get("geometry")
    lon, lat = (g["coordinates"] if g else (None, None))
    return {"id": p["id"], "event_date": p["event_date"], "event_type": p["event_type"],
            "sub_event_type": p["sub_event_type"], "country_code": p["country_code"], "location": p["location"],
            "latitude": None if lat is None else round(float(lat), 4),
            "longitude": None if lon is None else round(float(lon), 4),
            "fatalities": (p.get("fatalities") or {}).get("low"), "articles": sorted(p["articles"])}
