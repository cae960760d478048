"""Parquet: one row per fused event, with the typed schema ``SCHEMA`` (documented in docs/exports.md).

Needs ``pyarrow`` (the ``scale`` extra): ``pip install 'wirewatch[scale]'``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .notes import notes


def _pa():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ConfigError("Parquet export needs pyarrow: pip install 'wirewatch[scale]'") from exc
    return pa, pq


def schema():
    """The Parquet schema of an event export."""
    pa, _ = _pa()
    actor = pa.struct([("name", pa.string()), ("role", pa.string()), ("kind", pa.string()),
                       ("country_code", pa.string())])
    claim = pa.struct([("field", pa.string()), ("value", pa.int64()), ("claimant", pa.string()),
                       ("claimant_class", pa.string()), ("outlet", pa.string()), ("time", pa.string()),
                       ("article_id", pa.string()), ("superseded", pa.bool_())])
    fields = [("id", pa.string()), ("event_date", pa.date32()), ("date_end", pa.date32()),
              ("date_precision", pa.string()), ("status", pa.string()), ("event_type", pa.string()),
              ("sub_event_type", pa.string()), ("cameo", pa.string()), ("plover_type", pa.string()),
              ("plover_mode", pa.string()), ("location", pa.string()), ("admin1", pa.string()),
              ("admin2", pa.string()), ("country", pa.string()), ("country_code", pa.string()),
              ("latitude", pa.float64()), ("longitude", pa.float64()), ("geo_precision", pa.string())]
    fields += [(f"{k}_{x}", pa.int64()) for k in ("fatalities", "injured") for x in ("low", "best", "high")]
    fields += [("verification", pa.string()), ("disagreements", pa.list_(pa.string())),
               ("actors", pa.list_(actor)), ("claims", pa.list_(claim)), ("articles", pa.list_(pa.string())),
               ("main_articles", pa.list_(pa.string())), ("outlets", pa.list_(pa.string())), ("notes", pa.string()), ("confidence", pa.float64()),
               ("first_reported", pa.string()), ("last_reported", pa.string())]
    return pa.schema(fields)


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def row(event: Mapping[str, Any]) -> dict[str, Any]:
    d, loc, plover = event.get("date") or {}, event.get("location") or {}, event.get("plover") or {}
    out: dict[str, Any] = {
        "id": event.get("id"), "event_date": _day(d.get("start")), "date_end": _day(d.get("end")),
        "date_precision": d.get("precision"), "status": event.get("status"), "event_type": event.get("event_type"),
        "sub_event_type": event.get("sub_event_type"), "cameo": event.get("cameo"),
        "plover_type": plover.get("type"), "plover_mode": plover.get("mode"), "location": loc.get("name"),
        "admin1": loc.get("admin1"), "admin2": loc.get("admin2"), "country": loc.get("country"),
        "country_code": loc.get("country_code"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geo_precision": loc.get("precision"), "verification": event.get("verification"),
        "disagreements": [x.get("text") for x in event.get("disagreements") or ()],
        "actors": [{k: a.get(k) for k in ("name", "role", "kind", "country_code")} for a in event.get("actors") or ()],
        "claims": [{k: c.get(k) for k in ("field", "value", "claimant", "claimant_class", "outlet", "time",
                                          "article_id", "superseded")} for c in event.get("claims") or ()],
        "articles": list(event.get("articles") or ()), "main_articles": list(event.get("main_articles") or ()),
        "outlets": list(event.get("outlets") or ()),
        "notes": notes(event), "confidence": event.get("confidence"),
        "first_reported": event.get("first_reported"), "last_reported": event.get("last_reported"),
    }
    for k in ("fatalities", "injured"):
        fig = event.get(k) or {}
        for x in ("low", "best", "high"):
            out[f"{k}_{x}"] = fig.get(x)
    return out


def write(events: Iterable[Mapping[str, Any]], path: str | Path) -> int:
    pa, pq = _pa()
    rows = [row(e) for e in events]
    table = pa.Table.from_pylist(rows, schema=schema())
    pq.write_table(table, str(path))
    return len(rows)


def read(path: str | Path) -> list[dict[str, Any]]:
    _, pq = _pa()
    return pq.read_table(str(path)).to_pylist()


def summary(r: Mapping[str, Any]) -> dict[str, Any]:
    return {"id": r["id"], "event_date": r["event_date"].isoformat() if r["event_date"] else None,
            "event_type": r["event_type"], "sub_event_type": r["sub_event_type"],
            "country_code": r["country_code"], "location": r["location"],
            "latitude": None if r["latitude"] is None else round(r["latitude"], 4),
            "longitude": None if r["longitude"] is None else round(r["longitude"], 4),
            "fatalities": r["fatalities_low"], "articles": sorted(r["articles"])}
