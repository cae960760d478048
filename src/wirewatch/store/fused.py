"""Fused events in the store: fuse the stored article events of a date window, write the result.

An article's events are stored as ``kind = 'article'`` rows (by ``upsert_extraction``). ``refuse``
reads the ``occurred`` ones of a date window, together with every article of any fused event that
touches the window, runs ``wirewatch.fuse.fuse`` on them (a batch: independent of the order in
which articles were ingested) and replaces those fused events: one ``events`` row of
``kind = 'fused'`` per fused event with its member articles (``event_articles``), actors, every
claim and evidence span (each with its own ``article_id``), the full record in ``fused_events``,
and ``fused_into`` set on the member article events (so search shows the fused event instead).
``refresh`` fuses what is pending (article events with no fused event yet) plus a margin of days.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from .. import dates
from ..errors import StoreError
from ..fuse import FuseConfig, FusedEvent, Mention, fuse
from . import sqlite_docs
from .records import EVENT_COLS, event_row
from .sqlite import SQLiteStore

MARGIN_DAYS = 7  # days around a window whose events may join the same fused events
LEAD_WORDS = 80


def _conn(store: Any) -> sqlite3.Connection:
    if not isinstance(store, SQLiteStore):
        raise StoreError(f"fused events are implemented for SQLite only, not {type(store).__name__}")
    return store.conn


def _window_event_ids(conn: sqlite3.Connection, since: str | None, until: str | None) -> list[str]:
    """Occurred article events dated (or, undated, published) within the window, plus the other
    article events of every fused event that has a member there (so no fused event is cut)."""
    lo, hi = since or "0000-01-01", until or "9999-12-31"
    first, last = dates.MIN_DATE.isoformat(), dates.max_date().isoformat()
    rows = conn.execute(  # undated (or dated outside the sane window): never linked, always its own event
        "SELECT e.id FROM events e JOIN event_articles ea ON ea.event_id = e.id JOIN articles a ON a.id = ea.article_id"
        " WHERE e.kind = 'article' AND e.status = 'occurred'"
        " AND ((coalesce(e.date_start, a.published_date) <= ? AND coalesce(e.date_end, a.published_date) >= ?)"
        " OR coalesce(e.date_start, a.published_date) IS NULL"
        " OR coalesce(e.date_start, a.published_date) NOT BETWEEN ? AND ?)",
        (hi, lo, first, last)).fetchall()
    ids = {r[0] for r in rows}
    if ids:
        marks = ", ".join("?" * len(ids))
        more = conn.execute(
            f"SELECT m.id FROM events m WHERE m.kind = 'article' AND m.fused_into IN"
            f" (SELECT fused_into FROM events WHERE id IN ({marks}) AND fused_into IS NOT NULL)", list(ids))
        ids |= {r[0] for r in more}
    return sorted(ids)


def _mentions(conn: sqlite3.Connection, event_ids: Sequence[str]) -> list[Mention]:
    out: list[Mention] = []
    for start in range(0, len(event_ids), 500):
        chunk = list(event_ids[start:start + 500])
        marks = ", ".join("?" * len(chunk))
        rows = conn.execute(f"SELECT * FROM events WHERE id IN ({marks})", chunk).fetchall()
        events = {e["id"]: _sane_event(e) for e in sqlite_docs.full_events(conn, rows)}
        arts = conn.execute(
            f"SELECT ea.event_id, a.id, a.outlet, a.agency, a.published, a.title, a.text FROM event_articles ea"
            f" JOIN articles a ON a.id = ea.article_id WHERE ea.event_id IN ({marks})", chunk).fetchall()
        for r in arts:
            lead = " ".join(str(r["text"] or "").split()[:LEAD_WORDS])
            out.append(Mention(r["id"], r["outlet"], dates.sane_iso(r["published"]), events[r["event_id"]],
                               agency=r["agency"],
                               title=r["title"], lead=lead or None))
    return out


def _sane_event(e: dict[str, Any]) -> dict[str, Any]:
    """An article event as fusion may read it: a date outside the sane window (stored before the
    window was enforced) is unknown."""
    d = e.get("date") or {}
    if d and not (dates.sane_iso(d.get("start")) and dates.sane_iso(d.get("end"))):
        return dict(e, date=None)
    return e


def _replaced(conn: sqlite3.Connection, mentions: Sequence[Mention]) -> list[str]:
    """Fused events rebuilt from the pool: those of its article events, and orphans (every member
    article event gone, as when an article is stored again)."""
    ids = sorted({str(m.event.get("id")) for m in mentions})
    out: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = conn.execute(f"SELECT DISTINCT fused_into FROM events WHERE fused_into IS NOT NULL"
                            f" AND id IN ({', '.join('?' * len(chunk))})", chunk)
        out |= {r[0] for r in rows}
    orphans = conn.execute("SELECT f.id FROM events f WHERE f.kind = 'fused' AND NOT EXISTS"
                           " (SELECT 1 FROM events m WHERE m.fused_into = f.id)")
    return sorted(out | {r[0] for r in orphans})


def _write_event(conn: sqlite3.Connection, fe: FusedEvent, now: str) -> None:
    doc = fe.to_dict()
    cols = ", ".join(f'"{c}"' for c in EVENT_COLS)
    conn.execute(f"INSERT OR REPLACE INTO events ({cols}) VALUES ({', '.join('?' * len(EVENT_COLS))})",
                 event_row(doc, kind="fused"))
    conn.executemany("INSERT OR IGNORE INTO event_articles (event_id, article_id) VALUES (?, ?)",
                     [(fe.id, a) for a in fe.articles])
    conn.executemany("INSERT INTO event_actors (event_id, idx, name, role, kind, country_code) VALUES (?, ?, ?, ?, ?, ?)",
                     [(fe.id, i, a.get("name"), a.get("role"), a.get("kind"), a.get("country_code"))
                      for i, a in enumerate(fe.actors)])
    sides = _member_sides(fe)
    conn.executemany(
        'INSERT INTO claims (event_id, article_id, idx, field, value, qualifier, claimant, reported_by, superseded,'
        ' start, "end", text, victims, side) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [(fe.id, c.article_id, i, c.field, c.value, c.qualifier, c.claimant, c.reported_by, int(c.superseded),
          c.start or 0, c.end or 0, c.text or "", *sides.get((c.article_id, c.field, c.start, c.end, c.value), (None, None)))
         for i, c in enumerate(fe.claims)])
    conn.executemany('INSERT INTO evidence (event_id, article_id, idx, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
                     [(fe.id, e.get("article_id"), i, e.get("start") or 0, e.get("end") or 0, e.get("text") or "")
                      for i, e in enumerate(fe.evidence)])
    member_ids = [str(m.event.get("id")) for m in fe.members]
    conn.execute(f"UPDATE events SET fused_into = ? WHERE kind = 'article' AND id IN ({', '.join('?' * len(member_ids))})",
                 [fe.id, *member_ids])
    conn.execute("INSERT OR REPLACE INTO fused_events (event_id, doc, date_start, updated_at) VALUES (?, ?, ?, ?)",
                 (fe.id, json.dumps(doc, ensure_ascii=False), (fe.date or {}).get("start"), now))


def _member_sides(fe: FusedEvent) -> dict[tuple[Any, ...], tuple[Any, Any]]:
    """Victims and side of each member claim, by article and span: a fused claim keeps them (the side
    is the one its own article's event gave it)."""
    out: dict[tuple[Any, ...], tuple[Any, Any]] = {}
    for m in fe.members:
        for c in m.event.get("claims") or ():
            key = (m.article_id, c.get("field"), c.get("start"), c.get("end"), c.get("value"))
            out.setdefault(key, (c.get("victims"), c.get("side")))
    return out


def refuse(store: Any, since: str | None = None, until: str | None = None,
           config: FuseConfig | None = None) -> list[FusedEvent]:
    """Fuse the stored article events of ``[since, until]`` (all when both are None) and store the result."""
    conn = _conn(store)
    mentions = _mentions(conn, _window_event_ids(conn, since, until))
    events = fuse(mentions, config)
    replaced = _replaced(conn, mentions)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        conn.execute("BEGIN IMMEDIATE")
        if replaced:
            marks = ", ".join("?" * len(replaced))
            conn.execute(f"UPDATE events SET fused_into = NULL WHERE fused_into IN ({marks})", replaced)
            conn.execute(f"DELETE FROM events WHERE kind = 'fused' AND id IN ({marks})", replaced)
        for fe in events:
            _write_event(conn, fe, now)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"cannot store fused events: {exc}", source=store.url) from exc
    return events


def pending_window(store: Any) -> tuple[str, str] | None:
    """The date window of occurred article events not yet in a fused event, widened by ``MARGIN_DAYS``."""
    row = _conn(store).execute(
        "SELECT count(*), min(coalesce(e.date_start, a.published_date)), max(coalesce(e.date_end, a.published_date))"
        " FROM events e JOIN event_articles ea ON ea.event_id = e.id JOIN articles a ON a.id = ea.article_id"
        " WHERE e.kind = 'article' AND e.status = 'occurred' AND e.fused_into IS NULL").fetchone()
    if not row[0]:
        return None
    if row[1] is None:  # only undated events pending: any window picks them up
        today = date.today().isoformat()
        return today, today
    lo, hi = _sane_day(row[1]), _sane_day(row[2])
    return dates.shift(lo, -MARGIN_DAYS).isoformat(), dates.shift(hi, MARGIN_DAYS).isoformat()


def _sane_day(stored: object) -> date:
    """A stored date clamped into the sane window (a database written before the window existed may
    hold ``0001-01-01`` or ``9999-12-31``; its arithmetic must not overflow)."""
    day = dates.iso_day(stored) or dates.today()
    return min(max(day, dates.MIN_DATE), dates.max_date())


def refresh(store: Any, config: FuseConfig | None = None) -> int:
    """Fuse whatever is pending (new articles' events) with its neighbourhood; returns events written."""
    window = pending_window(store)
    return 0 if window is None else len(refuse(store, *window, config=config))


def fused_doc(store: Any, event_id: str) -> dict[str, Any] | None:
    """The full fused record of one event (claims with outlet and time, disagreements), or None."""
    row = _conn(store).execute("SELECT doc FROM fused_events WHERE event_id = ?", (event_id,)).fetchone()
    return None if row is None else json.loads(row[0])


def iter_fused(store: Any) -> Iterator[dict[str, Any]]:
    """Every fused event's full record, in date order."""
    cur = _conn(store).execute("SELECT doc FROM fused_events ORDER BY date_start, event_id")
    while batch := cur.fetchmany(500):
        for row in batch:
            yield json.loads(row[0])
