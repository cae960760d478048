"""Fused events in the store: every stored article takes part, one article at a time or all at once.

``refresh`` takes the articles not yet in the fusion index (``store.fusion_index``): each article's
``occurred`` events are its mentions (its main event marked), and an article with none gets a
document mention. Their profiles and keys are stored; each new mention is scored against the
stored mentions its keys reach (the week window, names at any distance) and its links (pairs at or
above the pair model's threshold) are stored. The component those links reach is clustered again
(average link, ``wirewatch.fuse.cluster``) and its fused events replace the old ones: one ``events``
row of ``kind = 'fused'`` per fused event with its member articles (``event_articles``), actors,
every claim and evidence span (with their ``article_id``), the whole record in ``fused_events``,
and ``fused_into`` set on the member article events. A fused event of one document mention alone
(an article with no event that no other report joined) is not written as an event.
Clusters never cross link components and a pair's score depends on the pair alone, so the result
does not depend on the order or the batches in which articles arrive.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from .. import dates
from ..fuse import FuseConfig, FusedEvent, Mention
from ..fuse.cluster import average_link, candidate_pairs, scored_pairs
from ..fuse.fuse import canonical
from ..fuse.merge import build_event
from ..fuse.pairs import PairModel
from ..fuse.profile import Profile, build
from ..fuse.records import article_mentions
from . import fusion_index, sqlite_docs
from .base import SQLStore
from .records import EVENT_COLS, event_row

BATCH = 200  # new articles indexed and linked per transaction
SEEN_MAX = 20_000  # decoded profiles kept across the batches of one refresh (a few hundred MB at most)


def _conn(store: SQLStore) -> Any:
    """The store's connection: ``execute``/``executemany`` with ``?`` placeholders on every SQL store."""
    return store.conn


def _mentions(conn: Any, article_ids: Sequence[str]) -> list[Mention]:
    """Every mention of the given articles, built from the stored rows as ``article_mentions`` builds
    them from an extraction (events, places, headline and body)."""
    out: list[Mention] = []
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start:start + 500])
        marks = ", ".join("?" * len(chunk))
        rows = conn.execute(f"SELECT e.*, ea.article_id AS _aid FROM events e JOIN event_articles ea ON ea.event_id = e.id"
                            f" WHERE e.kind = 'article' AND ea.article_id IN ({marks})", chunk).fetchall()
        by_article: dict[str, list[dict[str, Any]]] = {}
        for r, e in zip(rows, sqlite_docs.full_events(conn, rows), strict=True):
            by_article.setdefault(r["_aid"], []).append(_sane_event(e))
        places: dict[str, list[str]] = {}
        for r in conn.execute(f"SELECT article_id, coalesce(name, text) FROM places WHERE article_id IN ({marks})"
                              " ORDER BY article_id, start", chunk):
            places.setdefault(r[0], []).append(r[1])
        arts = conn.execute(f"SELECT id, outlet, agency, published, title, text FROM articles WHERE id IN ({marks})",
                            chunk).fetchall()
        for a in arts:
            article = {"id": a["id"], "outlet": a["outlet"], "agency": a["agency"],
                       "published": dates.sane_iso(a["published"]), "title": a["title"], "text": a["text"]}
            events = sorted(by_article.get(a["id"], []), key=lambda e: str(e.get("id")))
            out += article_mentions(article, events, places.get(a["id"], []))
    return out


def _sane_event(e: dict[str, Any]) -> dict[str, Any]:
    """An article event as fusion may read it: a date outside the sane window (stored before the
    window was enforced) is unknown."""
    d = e.get("date") or {}
    if d and not (dates.sane_iso(d.get("start")) and dates.sane_iso(d.get("end"))):
        return dict(e, date=None)
    return e


def _write_event(store: SQLStore, fe: FusedEvent, now: str) -> None:
    conn, doc = store.conn, fe.to_dict()
    cols = ", ".join(f'"{c}"' for c in EVENT_COLS)
    conn.execute("DELETE FROM events WHERE id = ?", (fe.id,))  # its rows go with it (foreign keys cascade)
    conn.execute(f"INSERT INTO events ({cols}) VALUES ({', '.join('?' * len(EVENT_COLS))})",
                 event_row(doc, kind="fused"))
    conn.executemany("INSERT INTO event_articles (event_id, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
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
    member_ids = [str(m.event.get("id")) for m in fe.members if not m.document]
    if member_ids:
        conn.execute(f"UPDATE events SET fused_into = ? WHERE kind = 'article' AND id IN ({', '.join('?' * len(member_ids))})",
                     [fe.id, *member_ids])
    conn.execute("INSERT INTO fused_events (event_id, doc, date_start, updated_at) VALUES (?, ?, ?, ?)"
                 " ON CONFLICT (event_id) DO UPDATE SET doc = excluded.doc, date_start = excluded.date_start,"
                 " updated_at = excluded.updated_at",
                 (fe.id, json.dumps(doc, ensure_ascii=False), (fe.date or {}).get("start"), now))
    conn.execute(store.facet_refresh.format(events="?"), (fe.id,))


def _member_sides(fe: FusedEvent) -> dict[tuple[Any, ...], tuple[Any, Any]]:
    """Victims and side of each member claim, by article and span: a fused claim keeps them (the side
    is the one its own article's event gave it)."""
    out: dict[tuple[Any, ...], tuple[Any, Any]] = {}
    for m in fe.members:
        for c in m.event.get("claims") or ():
            key = (m.article_id, c.get("field"), c.get("start"), c.get("end"), c.get("value"))
            out.setdefault(key, (c.get("victims"), c.get("side")))
    return out


def _threshold(model: PairModel, config: FuseConfig) -> float:
    return config.threshold if config.threshold is not None else model.threshold


def _pending(conn: Any) -> list[str]:
    rows = conn.execute("SELECT a.id FROM articles a WHERE NOT EXISTS"
                        " (SELECT 1 FROM fusion_mentions m WHERE m.article_id = a.id) ORDER BY a.id")
    return [r[0] for r in rows]


def _index(store: SQLStore, article_ids: Sequence[str], model: PairModel, threshold: float) -> list[str]:
    """Profiles, keys and links of the articles' mentions; returns their uids."""
    conn, uids = store.conn, []
    seen: dict[str, Profile] = {}  # stored profiles decoded once per refresh (up to SEEN_MAX of them)
    for start in range(0, len(article_ids), BATCH):
        if len(seen) > SEEN_MAX:
            seen.clear()
        mentions = _mentions(conn, article_ids[start:start + BATCH])
        profiles = [build(m, model.idf, model.default_idf) for m in canonical(mentions)]
        with store.transaction():
            fusion_index.add(conn, profiles, model)
            fusion_index.link(conn, profiles, model, threshold, seen)
        uids += [p.uid for p in profiles]
    return uids


def _recluster(store: SQLStore, uids: set[str], model: PairModel, threshold: float) -> list[FusedEvent]:
    """Cluster one set of mentions (whole link components) and replace their fused events."""
    conn = store.conn
    profiles = fusion_index.load(conn, sorted(uids))
    articles = sorted({p.article_id for p in profiles.values()})
    mentions = canonical(m for m in _mentions(conn, articles) if m.uid in profiles)
    ps = [profiles[m.uid] for m in mentions]
    probs = scored_pairs(ps, model, candidate_pairs(ps))
    events = []
    for group in average_link(ps, probs, threshold, [m.main for m in mentions]):
        reasons = [f"p {probs[(i, j)]:.2f}: " + "; ".join(model.reasons(ps[i], ps[j]))
                   for (i, j) in sorted(probs) if i in group and j in group and probs[(i, j)] >= threshold]
        events.append(build_event([mentions[k] for k in group], reasons))
    marks = ", ".join("?" * len(uids))
    old = [r[0] for r in conn.execute(f"SELECT DISTINCT fused FROM fusion_mentions WHERE fused IS NOT NULL"
                                      f" AND uid IN ({marks})", sorted(uids))]
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction():
        if old:
            omarks = ", ".join("?" * len(old))
            conn.execute(f"UPDATE events SET fused_into = NULL WHERE fused_into IN ({omarks})", old)
            conn.execute(f"DELETE FROM events WHERE kind = 'fused' AND id IN ({omarks})", old)
            conn.execute(f"UPDATE fusion_mentions SET fused = NULL WHERE fused IN ({omarks})", old)
        for fe in events:
            if len(fe.articles) > 1 or not fe.documents_only:
                _write_event(store, fe, now)
                conn.executemany("UPDATE fusion_mentions SET fused = ? WHERE uid = ?",
                                 [(fe.id, m.uid) for m in fe.members])
        conn.execute(f"DELETE FROM fusion_dirty WHERE uid IN ({marks})", sorted(uids))
    return events


def refresh(store: SQLStore, config: FuseConfig | None = None) -> int:
    """Fuse the articles not yet fused (and what re-stored articles left behind); returns the number
    of fused events written. One process fuses at a time (:meth:`SQLStore.fusion_lock`)."""
    with store.fusion_lock():
        return _refresh(store, config)


def _refresh(store: SQLStore, config: FuseConfig | None) -> int:
    conn = _conn(store)
    cfg = config or FuseConfig()
    model = cfg.pair_model()
    threshold = _threshold(model, cfg)
    new = _index(store, _pending(conn), model, threshold)
    dirty = [r[0] for r in conn.execute("SELECT uid FROM fusion_dirty")]
    todo = set(new) | set(dirty)
    written = 0
    while todo:
        seed = min(todo)
        comp = fusion_index.component(conn, [seed])
        comp |= {seed}
        written += sum(len(e.articles) > 1 or not e.documents_only for e in _recluster(store, comp, model, threshold))
        todo -= comp
    _drop_orphans(store)
    return written


def _drop_orphans(store: SQLStore) -> None:
    """Fused events no stored mention belongs to any more (every member article stored again)."""
    conn = store.conn
    with store.transaction():
        conn.execute("UPDATE events SET fused_into = NULL WHERE fused_into IS NOT NULL AND fused_into NOT IN"
                     " (SELECT fused FROM fusion_mentions WHERE fused IS NOT NULL)")
        conn.execute("DELETE FROM events WHERE kind = 'fused' AND id NOT IN"
                     " (SELECT fused FROM fusion_mentions WHERE fused IS NOT NULL)")


def refuse(store: SQLStore, config: FuseConfig | None = None) -> list[FusedEvent]:
    """Fuse every stored article again from scratch (the index is rebuilt); returns every fused event."""
    with store.fusion_lock():
        return _refuse(store, config)


def _refuse(store: SQLStore, config: FuseConfig | None) -> list[FusedEvent]:
    conn = _conn(store)
    with store.transaction():
        for table in ("fusion_links", "fusion_keys", "fusion_dirty", "fusion_mentions"):
            conn.execute(f"DELETE FROM {table}")
    cfg = config or FuseConfig()
    model = cfg.pair_model()
    threshold = _threshold(model, cfg)
    _index(store, _pending(conn), model, threshold)
    uids = {r[0] for r in conn.execute("SELECT uid FROM fusion_mentions")}
    events: list[FusedEvent] = []
    while uids:
        seed = min(uids)
        comp = fusion_index.component(conn, [seed]) | {seed}
        events += _recluster(store, comp, model, threshold)
        uids -= comp
    _drop_orphans(store)
    return sorted((e for e in events if len(e.articles) > 1 or not e.documents_only), key=lambda e: e.id)


def pending(store: SQLStore) -> int:
    """How many stored articles wait for fusion."""
    return len(_pending(_conn(store))) + _conn(store).execute("SELECT count(*) FROM fusion_dirty").fetchone()[0]


def fused_doc(store: SQLStore, event_id: str) -> dict[str, Any] | None:
    """The full fused record of one event (claims with outlet and time, disagreements), or None."""
    row = _conn(store).execute("SELECT doc FROM fused_events WHERE event_id = ?", (event_id,)).fetchone()
    return None if row is None else json.loads(row[0])


def iter_fused(store: SQLStore) -> Iterator[dict[str, Any]]:
    """Every fused event's full record, in date order."""
    cur = _conn(store).execute("SELECT doc FROM fused_events ORDER BY date_start, event_id")
    while batch := cur.fetchmany(500):
        for row in batch:
            yield json.loads(row[0])
