"""SQLite reads that assemble whole records: an event, an article, result-list items."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

EVENT_LIST_COLS = ("e.id, e.kind, e.status, e.event_type, e.sub_event_type, e.cameo, e.date_start, e.date_end,"
                   " e.date_precision, e.loc_name, e.admin1, e.country, e.country_code, e.lat, e.lon,"
                   " e.loc_precision, e.fatalities_low, e.fatalities_best, e.fatalities_high,"
                   " e.injured_low, e.injured_best, e.injured_high, e.confidence")
ARTICLE_LIST_COLS = "a.id, a.title, a.published, a.published_date, a.outlet, a.agency, a.url, a.text"


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _range(r: sqlite3.Row, prefix: str) -> dict[str, Any] | None:
    vals = {k: r[f"{prefix}_{k}"] for k in ("low", "best", "high")}
    return None if all(v is None for v in vals.values()) else vals


def _location(r: sqlite3.Row, full: bool) -> dict[str, Any] | None:
    if r["loc_name"] is None and r["country_code"] is None and r["lat"] is None:
        return None
    out = {"name": r["loc_name"], "admin1": r["admin1"], "country": r["country"],
           "country_code": r["country_code"], "lat": r["lat"], "lon": r["lon"], "precision": r["loc_precision"]}
    if full:
        out |= {"admin2": r["admin2"], "geonames_id": r["geonames_id"]}
    return out


def _date(r: sqlite3.Row, full: bool) -> dict[str, Any] | None:
    if r["date_start"] is None:
        return None
    out = {"start": r["date_start"], "end": r["date_end"], "precision": r["date_precision"]}
    if full:
        out["text"] = r["date_text"]
    return out


def _without_key(r: sqlite3.Row) -> dict[str, Any]:
    """A child row as a dict without its leading ``event_id`` column."""
    return {k: r[k] for k in r.keys()[1:]}


def _grouped(conn: sqlite3.Connection, sql: str, ids: Sequence[str]) -> dict[str, list[sqlite3.Row]]:
    out: dict[str, list[sqlite3.Row]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        for r in conn.execute(sql.format(marks=_marks(len(chunk))), chunk):
            out[r[0]].append(r)
    return out


def event_items(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """Result-list events: the row plus actor names and the first member article's headline."""
    ids = [r["id"] for r in rows]
    actors = _grouped(conn, "SELECT event_id, name, role FROM event_actors WHERE event_id IN ({marks})"
                            " ORDER BY event_id, idx", ids)
    arts = _grouped(conn, "SELECT ea.event_id, a.id, a.title, a.outlet FROM event_articles ea"
                          " JOIN articles a ON a.id = ea.article_id WHERE ea.event_id IN ({marks})"
                          " ORDER BY ea.event_id, a.published_date", ids)
    out = []
    for r in rows:
        out.append({
            "id": r["id"], "kind": r["kind"], "status": r["status"], "event_type": r["event_type"],
            "sub_event_type": r["sub_event_type"], "cameo": r["cameo"], "date": _date(r, False),
            "location": _location(r, False), "fatalities": _range(r, "fatalities"),
            "injured": _range(r, "injured"), "confidence": r["confidence"],
            "actors": [{"name": a["name"], "role": a["role"]} for a in actors[r["id"]]],
            "articles": [{"id": a["id"], "title": a["title"], "outlet": a["outlet"]} for a in arts[r["id"]]],
        })
    return out


def article_items(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """Result-list articles with their tags and event counts (``text`` is kept for snippets)."""
    ids = [r["id"] for r in rows]
    tags = _grouped(conn, "SELECT article_id, tag FROM article_tags WHERE article_id IN ({marks})"
                          " ORDER BY article_id, pos", ids)
    n_events = dict(conn.execute(
        f"SELECT ea.article_id, count(*) FROM event_articles ea JOIN events e ON e.id = ea.event_id"
        f" WHERE ea.article_id IN ({_marks(len(ids))}) AND e.fused_into IS NULL GROUP BY ea.article_id",
        ids).fetchall()) if ids else {}
    return [{"id": r["id"], "title": r["title"], "published": r["published"], "outlet": r["outlet"],
             "agency": r["agency"], "url": r["url"], "text": r["text"],
             "tags": [t["tag"] for t in tags[r["id"]]], "events": n_events.get(r["id"], 0)} for r in rows]


def full_events(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """Contract-shaped events (``SELECT e.*`` rows) with actors, claims, evidence and member articles."""
    ids = [r["id"] for r in rows]
    actors = _grouped(conn, "SELECT event_id, name, role, kind, country_code FROM event_actors"
                            " WHERE event_id IN ({marks}) ORDER BY event_id, idx", ids)
    claims = _grouped(conn, 'SELECT event_id, article_id, field, value, qualifier, claimant, reported_by,'
                            ' superseded, start, "end", text, victims, side FROM claims WHERE event_id IN ({marks})'
                            ' ORDER BY event_id, article_id, idx', ids)
    evidence = _grouped(conn, 'SELECT event_id, article_id, start, "end", text FROM evidence'
                              ' WHERE event_id IN ({marks}) ORDER BY event_id, article_id, idx', ids)
    members = _grouped(conn, "SELECT ea.event_id, ea.article_id FROM event_articles ea"
                             " JOIN articles a ON a.id = ea.article_id WHERE ea.event_id IN ({marks})"
                             " ORDER BY ea.event_id, a.published_date, a.id", ids)
    out = []
    for r in rows:
        eid = r["id"]
        out.append({
            "id": eid, "kind": r["kind"], "fused_into": r["fused_into"], "status": r["status"],
            "event_type": r["event_type"], "sub_event_type": r["sub_event_type"], "cameo": r["cameo"],
            "plover": None if r["plover_type"] is None else {"type": r["plover_type"], "mode": r["plover_mode"]},
            "date": _date(r, True), "location": _location(r, True),
            "actors": [_without_key(a) for a in actors[eid]],
            "fatalities": _range(r, "fatalities"), "injured": _range(r, "injured"),
            "claims": [_without_key(c) | {"superseded": bool(c["superseded"])} for c in claims[eid]],
            "casualties_by_side": json.loads(r["casualties_by_side"] or "[]"),
            "sources": json.loads(r["sources"]), "verification": r["verification"],
            "evidence": [_without_key(s) for s in evidence[eid]], "confidence": r["confidence"],
            "weapons": json.loads(r["weapons"]), "targets": json.loads(r["targets"]),
            "reasons": json.loads(r["reasons"]), "articles": [m["article_id"] for m in members[eid]],
        })
    return out


def article_doc(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The stored article with tags, places, times, its events (full) and failures."""
    r = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if r is None:
        return None
    tags = [t[0] for t in conn.execute("SELECT tag FROM article_tags WHERE article_id = ? ORDER BY pos", (article_id,))]
    places = [dict(p) for p in conn.execute(
        'SELECT start, "end", text, name, admin1, country_code, lat, lon, precision, role FROM places'
        " WHERE article_id = ? ORDER BY start", (article_id,))]
    times = [dict(t) for t in conn.execute(
        'SELECT start, "end", text, value, type FROM times WHERE article_id = ? ORDER BY start', (article_id,))]
    # An article event fused into a cross-article event is shown once, as that event (as search shows it).
    ev_rows = conn.execute("SELECT e.* FROM event_articles ea JOIN events e ON e.id = ea.event_id"
                           " WHERE ea.article_id = ? AND e.fused_into IS NULL ORDER BY e.date_start DESC, e.id",
                           (article_id,)).fetchall()
    failures = [dict(f) for f in conn.execute(
        "SELECT stage, code, message FROM failures WHERE article_id = ? ORDER BY id", (article_id,))]
    return {"id": r["id"], "title": r["title"], "published": r["published"], "outlet": r["outlet"],
            "agency": r["agency"], "byline": r["byline"], "url": r["url"], "text": r["text"],
            "captions": json.loads(r["captions"]), "tags": tags, "places": places, "times": times,
            "events": _main_first(full_events(conn, ev_rows), ev_rows), "failures": failures}


def _main_first(events: list[dict[str, Any]], rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
    """The article's events with its main event (the one its headline and lead report,
    ``fuse.records.main_event``) first and marked ``main``; the others keep their order."""
    from ..fuse.records import main_event

    main = main_event([e for e, row in zip(events, rows, strict=True) if row["kind"] == "article"])
    for e in events:
        e["main"] = e is main
    return sorted(events, key=lambda e: not e["main"])


def article_briefs(conn: sqlite3.Connection, ids: Sequence[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    rows = conn.execute(f"SELECT id, title, published, outlet, agency, url FROM articles"
                        f" WHERE id IN ({_marks(len(ids))}) ORDER BY published_date, id", list(ids))
    return [dict(r) for r in rows]
