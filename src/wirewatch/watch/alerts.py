"""Saved searches that alert: after a poll, new events matching a search are POSTed to its webhook.

An event is "the same" across fusion through its member article events: once any member
was alerted, a fused event holding it is not new; it is sent once more as an ``update``
only when its toll (best fatality estimate) differs from the toll last sent.  Rows in
``alerts_sent`` (alert, event_id, version=toll) and ``alert_members`` make that survive
restarts.  A webhook that fails records nothing, so the next poll tries again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

import httpx

from ..errors import WirewatchError
from ..search.filters import Filters, chips, filters_from_params, sentence
from ..search.sql import SQLITE, event_clauses, join
from .fetch import user_agent
from .state import SavedSearch, WatchState, now_iso

log = logging.getLogger(__name__)
MAX_EVENTS_PER_POST = 200


@dataclass(frozen=True, slots=True)
class Hit:
    event: dict[str, Any]
    kind: str  # new | update
    members: tuple[str, ...]
    previous: str | None  # the toll sent before (updates)


@dataclass
class AlertRun:
    """What one pass over the saved searches did."""

    sent: dict[str, int] = field(default_factory=dict)  # alert -> events delivered
    errors: dict[str, str] = field(default_factory=dict)  # alert -> webhook error


def _toll(event: dict[str, Any]) -> str:
    best = (event.get("fatalities") or {}).get("best")
    return "?" if best is None else str(best)


def _event_value(param: str, event: dict[str, Any]) -> Any:
    loc, date = event.get("location") or {}, event.get("date") or {}
    return {"country": loc.get("country_code"), "admin1": loc.get("admin1"), "type": event.get("event_type"),
            "sub_type": event.get("sub_event_type"), "status": event.get("status"),
            "min_fatalities": _toll(event), "max_fatalities": _toll(event), "date": date.get("start"),
            "since": date.get("start"), "until": date.get("end"),
            "actor": [a.get("name") for a in event.get("actors") or []],
            "bbox": [loc.get("lon"), loc.get("lat")]}.get(param)


def why(filters: Filters, event: dict[str, Any]) -> list[dict[str, Any]]:
    """Each filter of the search with the event's own value for it: why this event matched."""
    out = [{"filter": c.param, "value": c.value, "sentence": c.sentence, "event": _event_value(c.param, event)}
           for c in chips(filters)]
    return out or [{"filter": None, "value": None, "sentence": "the search has no filters: every new event",
                    "event": None}]


def _members(conn: Any, event: dict[str, Any]) -> tuple[str, ...]:
    if event.get("kind") != "fused":
        return (event["id"],)
    rows = conn.execute("SELECT id FROM events WHERE fused_into = ? ORDER BY id", (event["id"],)).fetchall()
    return tuple(r[0] for r in rows) or (event["id"],)


def _classify(conn: Any, alert: str, event: dict[str, Any]) -> Hit | None:
    members = _members(conn, event)
    marks = ", ".join("?" * len(members))
    rows = conn.execute(f"SELECT event_id, version FROM alert_members WHERE alert = ? AND member_id IN ({marks})",
                        (alert, *members)).fetchall()
    toll = _toll(event)
    if not rows:
        return Hit(event, "new", members, None)
    if any(r[1] == toll for r in rows):
        return None
    sent = conn.execute("SELECT 1 FROM alerts_sent WHERE alert = ? AND event_id = ? AND version = ?",
                        (alert, event["id"], toll)).fetchone()
    return None if sent else Hit(event, "update", members, rows[0][1])


@dataclass(frozen=True, slots=True)
class Batch:
    """One scan of a search's unalerted events: the hits and whether more may wait."""

    hits: list[Hit]
    more: bool


_TOLL_SQL = "coalesce(CAST(e.fatalities_best AS TEXT), '?')"
# Not yet alerted in this form: no sent row for (event, toll) and no member alerted at this toll.
_UNALERTED = (f"NOT EXISTS (SELECT 1 FROM alerts_sent s WHERE s.alert = ? AND s.event_id = e.id AND s.version = {_TOLL_SQL})"
              " AND NOT EXISTS (SELECT 1 FROM alert_members m WHERE m.alert = ? AND m.member_id = e.id"
              f" AND m.version = {_TOLL_SQL}) AND NOT EXISTS (SELECT 1 FROM events x JOIN alert_members m"
              f" ON m.alert = ? AND m.member_id = x.id WHERE x.fused_into = e.id AND m.version = {_TOLL_SQL})")


def baseline(conn: Any, name: str, params: dict[str, list[str]]) -> int:
    """Count the events that match a search when it is saved as alerted (they are not news); returns them."""
    w, p = join(event_clauses(filters_from_params(params), SQLITE))
    cur = conn.execute("INSERT OR IGNORE INTO alert_members (alert, member_id, event_id, version)"
                       f" SELECT ?, coalesce(x.id, e.id), e.id, {_TOLL_SQL} FROM events e"
                       f" LEFT JOIN events x ON x.fused_into = e.id WHERE {w}", [name, *p])
    return int(cur.rowcount)


def matching_hits(state: WatchState, search: SavedSearch, limit: int = MAX_EVENTS_PER_POST) -> Batch:
    """Matching events not alerted in this form: new ones, and known ones whose toll changed.

    Events that matched when the search was saved were recorded then (:func:`baseline`), so only
    what is stored or changed afterwards comes out.  Each hit is recorded once delivered, which
    takes it out of the next scan.
    """
    from ..store.sqlite_docs import full_events

    filters = filters_from_params(search.params)
    w, p = join([*event_clauses(filters, SQLITE), (_UNALERTED, [search.name] * 3)])
    rows = state.conn.execute(f"SELECT e.* FROM events e WHERE {w} ORDER BY e.rid LIMIT ?", [*p, limit]).fetchall()
    hits = [h for e in (full_events(state.conn, rows) if rows else []) if (h := _classify(state.conn, search.name, e))]
    return Batch(hits, len(rows) == limit and bool(hits))


def payload(search: SavedSearch, hits: list[Hit], base_url: str = "") -> dict[str, Any]:
    """The JSON POSTed to the webhook: the search, and each event with its links and why it matched."""
    filters = filters_from_params(search.params)
    events = []
    for h in hits:
        e, loc = h.event, h.event.get("location") or {}
        events.append({
            "id": e["id"], "alert": h.kind, "previous_fatalities": h.previous, "status": e.get("status"),
            "event_type": e.get("event_type"), "sub_event_type": e.get("sub_event_type"),
            "date": e.get("date"), "place": {k: loc.get(k) for k in ("name", "admin1", "country", "country_code",
                                                                     "lat", "lon")},
            "fatalities": e.get("fatalities"), "articles": e.get("articles", []),
            "link": f"{base_url}/events/{e['id']}", "why": why(filters, e)})
    return {"alert": search.name, "search": search.params, "sentence": sentence(filters), "sent_at": now_iso(),
            "events": events}


def _record(state: WatchState, alert: str, batch: Batch, why_by_id: dict[str, Any], delivered: str) -> None:
    """The sent rows, the members they cover and the search's new mark, in one transaction."""
    c, now, hits = state.conn, now_iso(), batch.hits
    c.execute("BEGIN IMMEDIATE")
    try:
        for h in hits:
            toll = _toll(h.event)
            c.execute("INSERT OR IGNORE INTO alerts_sent (alert, event_id, version, kind, members, why, delivered,"
                      " sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (alert, h.event["id"], toll, h.kind,
                                                                    json.dumps(h.members), json.dumps(why_by_id[h.event["id"]]),
                                                                    delivered, now))
            c.executemany("INSERT OR REPLACE INTO alert_members (alert, member_id, event_id, version) VALUES (?, ?, ?, ?)",
                          [(alert, m, h.event["id"], toll) for m in h.members])
        c.execute("COMMIT")
    except Exception:
        c.execute("ROLLBACK")
        raise


def deliver(url: str, body: dict[str, Any], timeout: float = 10.0, tries: int = 2) -> str:
    """POST the JSON; returns ``HTTP <status>``; raises httpx.HTTPError or ValueError after the last try."""
    last: Exception | None = None
    for _ in range(tries):
        try:
            r = httpx.post(url, json=body, timeout=timeout, headers={"User-Agent": user_agent()}, trust_env=False)
            if r.status_code < 300:
                return f"HTTP {r.status_code}"
            last = ValueError(f"the webhook answered HTTP {r.status_code}")
        except httpx.HTTPError as exc:
            last = exc
    raise last or ValueError("no attempt made")


def _run_search(state: WatchState, search: SavedSearch, base_url: str, out: AlertRun, limit: int) -> None:
    """Scan, deliver and record one search's new events, batch by batch; a failed delivery stops it."""
    while True:
        try:
            batch = matching_hits(state, search, limit)
            body = payload(search, batch.hits, base_url) if batch.hits else {"events": []}
        except WirewatchError as exc:  # e.g. a saved value this version no longer accepts: that search only
            out.errors[search.name] = str(exc)
            return
        if not batch.hits:
            return
        delivered = "listed"
        if search.webhook:
            try:
                delivered = deliver(search.webhook, body)
            except (httpx.HTTPError, ValueError) as exc:
                out.errors[search.name] = f"{search.webhook}: {type(exc).__name__}: {exc}"
                log.warning("alert %s: webhook failed (%s); will retry after the next poll", search.name, exc)
                return
        _record(state, search.name, batch, {e["id"]: e["why"] for e in body["events"]}, delivered)
        out.sent[search.name] = out.sent.get(search.name, 0) + len(batch.hits)
        if not batch.more:
            return


def run_alerts(state: WatchState, base_url: str = "", limit: int = MAX_EVENTS_PER_POST) -> AlertRun:
    """Check every saved search once; deliver its new hits (at most ``limit`` events a POST) and record them."""
    out = AlertRun()
    for search in state.saved_searches():
        _run_search(state, search, base_url, out, limit)
    return out
