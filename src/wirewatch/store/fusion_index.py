"""The store's fusion index: each stored mention's profile, its keys and its links.

Tables (migration 10): ``fusion_mentions`` (one row per mention: an article's ``occurred`` event, or
its document mention when it has none; the profile as JSON; the fused event it belongs to),
``fusion_keys`` (key, day, mention: rare words and places for the window (``LONG_WINDOW_DAYS``), full names and
rare surnames at any distance) and ``fusion_links`` (pairs whose probability reaches the model's
threshold). A new mention finds its candidates through ``fusion_keys`` (by key and day: the cost
depends on how many articles share its keys that week, not on the size of the archive); the part
of the archive to re-cluster is the component its links reach.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..fuse.pairs import LONG_WINDOW_DAYS, LONG_WINDOW_KEYS, WINDOW_DAYS, PairModel, candidate
from ..fuse.profile import Profile, from_json, to_json

CHUNK = 500


def _chunks(items: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield list(items[start:start + CHUNK])


def add(conn: Any, profiles: Sequence[Profile], model: PairModel) -> None:
    """Store new mentions' profiles and keys."""
    digest = model.digest
    conn.executemany("INSERT INTO fusion_mentions (uid, article_id, day, model, profile) VALUES (?, ?, ?, ?, ?)"
                     " ON CONFLICT (uid) DO UPDATE SET article_id = excluded.article_id, day = excluded.day,"
                     " model = excluded.model, profile = excluded.profile",
                     [(p.uid, p.article_id, p.day.toordinal() if p.day else None, digest,
                       json.dumps(to_json(p), ensure_ascii=False)) for p in profiles])
    rows: list[tuple[str, int | None, str]] = []
    for p in profiles:
        day = p.day.toordinal() if p.day else None
        rows += [(k, day, p.uid) for k in sorted(p.keys) if day is not None]
        rows += [(k, None, p.uid) for k in sorted(p.name_keys)]
    conn.executemany("INSERT INTO fusion_keys (key, day, uid) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", rows)


def load(conn: Any, uids: Sequence[str]) -> dict[str, Profile]:
    out = {}
    for chunk in _chunks(list(uids)):
        rows = conn.execute(f"SELECT profile FROM fusion_mentions WHERE uid IN ({', '.join('?' * len(chunk))})", chunk)
        for r in rows:
            p = from_json(json.loads(r[0]))
            out[p.uid] = p
    return out


def candidates(conn: Any, p: Profile) -> set[str]:
    """Stored mentions that may pair with ``p`` (``pairs.candidate``'s key and day test, read off the index):
    sharing a window key within ``WINDOW_DAYS``, ``LONG_WINDOW_KEYS`` of them within ``LONG_WINDOW_DAYS``, or a
    name key. One query per kind of key; profiles are read only for the mentions that pass."""
    found: set[str] = set()
    if p.day is not None and p.keys:
        here = p.day.toordinal()
        keys = sorted(p.keys)
        rows = conn.execute(f"SELECT uid, max(day), count(*) FROM fusion_keys WHERE key IN ({', '.join('?' * len(keys))})"
                            " AND day BETWEEN ? AND ? GROUP BY uid",
                            [*keys, here - LONG_WINDOW_DAYS, here + LONG_WINDOW_DAYS])
        found |= {uid for uid, day, shared in rows if shared >= LONG_WINDOW_KEYS or abs(day - here) <= WINDOW_DAYS}
    names = sorted(p.name_keys)
    if names:
        found |= {r[0] for r in conn.execute(f"SELECT uid FROM fusion_keys WHERE key IN ({', '.join('?' * len(names))})"
                                             " AND day IS NULL", names)}
    found.discard(p.uid)
    return found


def link(conn: Any, new: Sequence[Profile], model: PairModel, threshold: float,
         seen: dict[str, Profile] | None = None) -> int:
    """Score each new mention against its stored candidates; store the pairs that reach ``threshold``.
    ``seen``: stored profiles already read (kept by the caller across batches: each is decoded once)."""
    links = []
    seen = {} if seen is None else seen
    seen.update({p.uid: p for p in new})
    for p in new:
        uids = sorted(candidates(conn, p))
        seen.update(load(conn, [u for u in uids if u not in seen]))
        qs = [q for q in map(seen.get, uids) if q is not None and candidate(p, q)]
        for q, prob in zip(qs, model.probabilities([(p, q) for q in qs]), strict=True):
            if prob >= threshold:
                a, b = sorted((p.uid, q.uid))
                links.append((a, b, prob))
    conn.executemany("INSERT INTO fusion_links (a, b, p) VALUES (?, ?, ?) ON CONFLICT (a, b) DO UPDATE SET p = excluded.p",
                     links)
    return len(links)


def component(conn: Any, start: Iterable[str]) -> set[str]:
    """Every mention reachable from ``start`` through stored links."""
    seen = set(start)
    frontier = sorted(seen)
    while frontier:
        nxt: set[str] = set()
        for chunk in _chunks(frontier):
            marks = ", ".join("?" * len(chunk))
            nxt |= {r[0] for r in conn.execute(f"SELECT b FROM fusion_links WHERE a IN ({marks})"
                                               f" UNION SELECT a FROM fusion_links WHERE b IN ({marks})", chunk + chunk)}
        frontier = sorted(nxt - seen)
        seen |= nxt
    return seen


def forget_article(conn: Any, article_id: str) -> None:
    """An article stored again: its mentions, keys and links go; the fused events that held them are
    marked for re-fusion (``fusion_dirty``)."""
    uids = [r[0] for r in conn.execute("SELECT uid FROM fusion_mentions WHERE article_id = ?", (article_id,))]
    if not uids:
        return
    marks = ", ".join("?" * len(uids))
    # "WHERE true": SQLite reads ON CONFLICT after a bare SELECT as part of a join
    conn.execute(f"INSERT INTO fusion_dirty (uid) SELECT uid FROM (SELECT b AS uid FROM fusion_links WHERE a IN ({marks})"
                 f" UNION SELECT a FROM fusion_links WHERE b IN ({marks})) s WHERE true ON CONFLICT DO NOTHING", uids + uids)
    conn.execute(f"INSERT INTO fusion_dirty (uid) SELECT m.uid FROM fusion_mentions m JOIN fusion_mentions o"
                 f" ON o.fused = m.fused WHERE o.uid IN ({marks}) AND m.article_id != ? ON CONFLICT DO NOTHING",
                 [*uids, article_id])
    conn.execute(f"DELETE FROM fusion_links WHERE a IN ({marks}) OR b IN ({marks})", uids + uids)
    conn.execute(f"DELETE FROM fusion_keys WHERE uid IN ({marks})", uids)
    conn.execute("DELETE FROM fusion_mentions WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM fusion_dirty WHERE uid NOT IN (SELECT uid FROM fusion_mentions)")
