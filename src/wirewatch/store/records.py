"""Extraction-contract dict -> flat rows, the same for every backend.

Column tuples here are the single source of column order; backends build their
``INSERT`` statements from them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..errors import severity
from .validate import checked_document

ARTICLE_COLS = ("id", "title", "published", "published_date", "outlet", "agency", "byline", "url",
                "text", "captions", "doc_hash", "ingested_at")
PLACE_COLS = ("article_id", "start", "end", "text", "name", "admin1", "admin2", "country", "country_code",
              "lat", "lon", "geonames_id", "precision", "role", "reason")
TIME_COLS = ("article_id", "start", "end", "text", "value", "type")
EVENT_COLS = ("id", "kind", "status", "event_type", "sub_event_type", "cameo", "plover_type", "plover_mode",
              "date_start", "date_end", "date_precision", "date_text", "loc_name", "admin1", "admin2",
              "country", "country_code", "lat", "lon", "geonames_id", "loc_precision",
              "fatalities_low", "fatalities_best", "fatalities_high", "injured_low", "injured_best",
              "injured_high", "verification", "confidence", "sources", "weapons", "targets", "reasons",
              "search_text", "casualties_by_side")
ACTOR_COLS = ("event_id", "idx", "name", "role", "kind", "country_code")
CLAIM_COLS = ("event_id", "article_id", "idx", "field", "value", "qualifier", "claimant", "reported_by",
              "superseded", "start", "end", "text", "victims", "side")
EVIDENCE_COLS = ("event_id", "article_id", "idx", "start", "end", "text")


@dataclass(frozen=True, slots=True)
class Rows:
    """Everything one contract document writes, as tuples in the column orders above."""

    article: tuple[Any, ...]
    tags: tuple[str, ...]
    places: tuple[tuple[Any, ...], ...]
    times: tuple[tuple[Any, ...], ...]
    events: tuple[tuple[Any, ...], ...]
    actors: tuple[tuple[Any, ...], ...]
    claims: tuple[tuple[Any, ...], ...]
    evidence: tuple[tuple[Any, ...], ...]
    failures: tuple[tuple[str, str, str], ...]  # (stage, code, message)

    @property
    def article_id(self) -> str:
        return self.article[0]

    @property
    def counts(self) -> tuple[int, int]:
        """(errors, warnings) among the failures."""
        warnings = sum(severity(code) == "warning" for _, code, _ in self.failures)
        return len(self.failures) - warnings, warnings

    @property
    def max_span_days(self) -> int | None:
        """The longest date span of these events in days (None when no event has both dates)."""
        i, j = EVENT_COLS.index("date_start"), EVENT_COLS.index("date_end")
        spans = []
        for e in self.events:
            try:
                spans.append((date.fromisoformat(e[j]) - date.fromisoformat(e[i])).days)
            except (TypeError, ValueError):
                continue
        return max(spans, default=None)

    @property
    def doc_hash(self) -> str:
        return self.article[ARTICLE_COLS.index("doc_hash")]


def doc_hash(doc: dict[str, Any]) -> str:
    """A stable hash of a contract document (key order does not matter)."""
    blob = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def published_date(value: str | None) -> str | None:
    """The calendar date of an ISO date or date-time, as written (local to the story), or None."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        return None


def _j(value: Any) -> str:
    return json.dumps(value or [], ensure_ascii=False)


def _range(r: dict[str, Any] | None) -> tuple[Any, Any, Any]:
    return (None, None, None) if not r else (r.get("low"), r.get("best"), r.get("high"))


def _search_text(e: dict[str, Any]) -> str:
    loc = e.get("location") or {}
    parts = [e.get("event_type"), e.get("sub_event_type"), loc.get("name"), loc.get("admin1"), loc.get("country")]
    parts += [a.get("name") for a in e.get("actors") or []]
    parts += [s.get("text") for s in e.get("evidence") or []]
    parts += list(e.get("weapons") or []) + list(e.get("targets") or [])
    return "\n".join(p for p in parts if p)


def event_row(e: dict[str, Any], kind: str = "article") -> tuple[Any, ...]:
    d, loc, pl = e.get("date") or {}, e.get("location") or {}, e.get("plover") or {}
    return (e["id"], kind, e["status"], e.get("event_type"), e.get("sub_event_type"), e.get("cameo"),
            pl.get("type"), pl.get("mode"), d.get("start"), d.get("end"), d.get("precision"), d.get("text"),
            loc.get("name"), loc.get("admin1"), loc.get("admin2"), loc.get("country"), loc.get("country_code"),
            loc.get("lat"), loc.get("lon"), loc.get("geonames_id"), loc.get("precision"),
            *_range(e.get("fatalities")), *_range(e.get("injured")), e.get("verification"),
            float(e.get("confidence") or 0), _j(e.get("sources")), _j(e.get("weapons")),
            _j(e.get("targets")), _j(e.get("reasons")), _search_text(e), _j(e.get("casualties_by_side")))


def rows_from_doc(doc: dict[str, Any], now: str) -> Rows:
    """Flatten one ``wirewatch.extraction/1`` document; raises InputError when it is not one."""
    doc = checked_document(doc)
    art = doc["article"]
    aid = art["id"]
    article = (aid, art.get("title"), art.get("published"), published_date(art.get("published")),
               art.get("outlet"), art.get("agency"), art.get("byline"), art.get("url"), art["text"],
               _j(art.get("captions")), doc_hash(doc), now)
    places = tuple((aid, p["start"], p["end"], p.get("text", ""), p.get("name"), p.get("admin1"), p.get("admin2"),
                    p.get("country"), p.get("country_code"), p.get("lat"), p.get("lon"), p.get("geonames_id"),
                    p.get("precision"), p.get("role"), p.get("reason")) for p in doc.get("places") or [])
    times = tuple((aid, t["start"], t["end"], t.get("text", ""), t.get("value"), t.get("type"))
                  for t in doc.get("times") or [])
    events, actors, claims, evidence = [], [], [], []
    for e in doc.get("events") or []:
        events.append(event_row(e))
        actors += [(e["id"], i, a["name"], a["role"], a["kind"], a.get("country_code"))
                   for i, a in enumerate(e.get("actors") or [])]
        claims += [(e["id"], aid, i, c["field"], c.get("value"), c.get("qualifier"), c.get("claimant"),
                    c.get("reported_by"), int(bool(c.get("superseded"))), c["start"], c["end"], c.get("text", ""),
                    c.get("victims"), c.get("side"))
                   for i, c in enumerate(e.get("claims") or [])]
        evidence += [(e["id"], aid, i, s["start"], s["end"], s.get("text", ""))
                     for i, s in enumerate(e.get("evidence") or [])]
    tags = tuple(dict.fromkeys(str(t).lower() for t in art.get("tags") or [] if str(t).strip()))
    failures = tuple((f.get("stage", "?"), f.get("code", "?"), f.get("message", ""))
                     for f in doc.get("failures") or [])
    return Rows(article, tags, _dedupe(places, 3), _dedupe(times, 3), tuple(events), tuple(actors),
                tuple(claims), tuple(evidence), failures)


def _dedupe(rows: tuple[tuple[Any, ...], ...], key_len: int) -> tuple[tuple[Any, ...], ...]:
    """Keep the first row per primary key (the extractor may report a span twice)."""
    seen: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for r in rows:
        seen.setdefault(r[:key_len], r)
    return tuple(seen.values())
