"""What the watcher knows, kept in the database (never only in memory): per-source status and
validators, seen items, saved searches and the alerts already sent.

The tables come from the store's versioned migrations (``watch_*``, ``saved_searches``,
``alerts_sent``, ``alert_members``).  Every write is one autocommitted statement or one
short transaction, so a crash between two items loses nothing that was stored.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..errors import ConfigError, StoreError
from .sources import Source


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def connection(store: Any) -> sqlite3.Connection:
    conn = getattr(store, "conn", None)
    if not isinstance(conn, sqlite3.Connection):
        raise StoreError("the watcher keeps its state in SQLite for now; this store has no SQLite connection",
                         source=getattr(store, "url", None))
    return conn


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """A source's row in ``wirewatch sources`` and on the page."""

    name: str
    url: str
    kind: str
    outlet: str | None
    last_poll: str | None
    last_ok: str | None
    last_error: str | None
    last_error_at: str | None
    errors_in_row: int
    polls: int
    items_stored: int
    etag: str | None
    last_modified: str | None
    next_due: float

    @property
    def failing(self) -> bool:
        return self.errors_in_row > 0


@dataclass(frozen=True, slots=True)
class SavedSearch:
    name: str
    params: dict[str, list[str]]
    webhook: str | None
    since_rid: int
    created_at: str


class WatchState:
    """The watcher's tables on one store's connection."""

    def __init__(self, store: Any) -> None:
        self.conn = connection(store)

    # ---- sources -------------------------------------------------------------------------

    def register(self, source: Source) -> None:
        """Insert or refresh a source's settings; its status, validators and schedule are kept."""
        self.conn.execute(
            "INSERT INTO watch_sources (name, url, kind, outlet) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE"
            " SET url = excluded.url, kind = excluded.kind, outlet = excluded.outlet,"
            " etag = CASE WHEN watch_sources.url = excluded.url THEN watch_sources.etag END,"
            " last_modified = CASE WHEN watch_sources.url = excluded.url THEN watch_sources.last_modified END",
            (source.name, source.url, source.kind, source.outlet))

    def status(self, name: str) -> SourceStatus | None:
        row = self.conn.execute(f"SELECT {_STATUS_COLS} FROM watch_sources WHERE name = ?", (name,)).fetchone()
        return None if row is None else SourceStatus(*row)

    def statuses(self) -> list[SourceStatus]:
        rows = self.conn.execute(f"SELECT {_STATUS_COLS} FROM watch_sources ORDER BY errors_in_row > 0 DESC, name")
        return [SourceStatus(*r) for r in rows]

    def record_ok(self, source: Source, etag: str | None, last_modified: str | None, stored: int,
                  at: float | None = None) -> None:
        when = time.time() if at is None else at
        self.conn.execute(
            "UPDATE watch_sources SET etag = ?, last_modified = ?, last_poll = ?, last_ok = ?, errors_in_row = 0,"
            " polls = polls + 1, items_stored = items_stored + ?, next_due = ? WHERE name = ?",
            (etag, last_modified, now_iso(), now_iso(), stored, when + source.interval, source.name))

    def record_error(self, source: Source, message: str, at: float | None = None) -> None:
        """Keep the error and its time; back off (interval × 2^errors, at most 1 day) before the next try."""
        when = time.time() if at is None else at
        row = self.conn.execute("SELECT errors_in_row FROM watch_sources WHERE name = ?", (source.name,)).fetchone()
        errors = (row[0] if row else 0) + 1
        delay = min(source.interval * 2 ** min(errors - 1, 10), 86_400)
        self.conn.execute(
            "UPDATE watch_sources SET last_poll = ?, last_error = ?, last_error_at = ?, errors_in_row = ?,"
            " polls = polls + 1, next_due = ? WHERE name = ?",
            (now_iso(), message[:1000], now_iso(), errors, when + delay, source.name))

    # ---- items ---------------------------------------------------------------------------

    def seen(self, url_key: str) -> str | None:
        """The item's status when it is settled (stored, duplicate, failed), None when new or pending."""
        row = self.conn.execute("SELECT status FROM watch_items WHERE url_key = ?", (url_key,)).fetchone()
        return None if row is None or row[0] == "pending" else row[0]

    def stored_copy(self, content_hash: str, outlet: str) -> str | None:
        """The article id already stored for this text from this outlet, if any."""
        row = self.conn.execute("SELECT article_id FROM watch_items WHERE content_hash = ? AND outlet = ?"
                                " AND status = 'stored'", (content_hash, outlet)).fetchone()
        return None if row is None else row[0]

    def mark(self, url_key: str, source: str, status: str, *, content_hash: str | None = None,
             outlet: str | None = None, article_id: str | None = None, error: str | None = None,
             appeared_at: float | None = None) -> int:
        """Record an item's outcome; returns its attempts so far (pending items count retries)."""
        self.conn.execute(
            "INSERT INTO watch_items (url_key, source, status, content_hash, outlet, article_id, attempts, error,"
            " first_seen, stored_at, appeared_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)"
            " ON CONFLICT(url_key) DO UPDATE SET status = excluded.status, content_hash = excluded.content_hash,"
            " outlet = excluded.outlet, article_id = excluded.article_id, attempts = watch_items.attempts + 1,"
            " error = excluded.error, stored_at = excluded.stored_at",
            (url_key, source, status, content_hash, outlet, article_id, error, now_iso(),
             now_iso() if status == "stored" else None, appeared_at or time.time()))
        row = self.conn.execute("SELECT attempts FROM watch_items WHERE url_key = ?", (url_key,)).fetchone()
        return int(row[0])

    def pending(self, source: str) -> list[str]:
        """Keys of the source's items that failed for now and are to be tried again."""
        rows = self.conn.execute("SELECT url_key FROM watch_items WHERE source = ? AND status = 'pending'"
                                 " ORDER BY first_seen", (source,))
        return [r[0] for r in rows]

    def item_counts(self, source: str | None = None) -> dict[str, int]:
        where, params = ("WHERE source = ?", (source,)) if source else ("", ())
        rows = self.conn.execute(f"SELECT status, count(*) FROM watch_items {where} GROUP BY status", params)
        return {r[0]: r[1] for r in rows}

    # ---- saved searches ------------------------------------------------------------------

    def save_search(self, name: str, params: dict[str, list[str]], webhook: str | None) -> SavedSearch:
        """Save (or replace) a search; the events matching it now are its baseline, so it alerts on
        events stored or changed from now on.  A search whose parameters do not parse still saves
        (its alerts report the error)."""
        from ..errors import WirewatchError
        from .alerts import baseline

        if not name.strip():
            raise ConfigError("a saved search needs a name")
        since = self.conn.execute("SELECT coalesce(max(rid), 0) FROM events").fetchone()[0]
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute("INSERT OR REPLACE INTO saved_searches (name, params, webhook, since_rid, created_at)"
                              " VALUES (?, ?, ?, ?, ?)", (name, json.dumps(params, sort_keys=True), webhook, since,
                                                          now_iso()))
            try:
                baseline(self.conn, name, params)
            except WirewatchError:
                pass
            self.conn.execute("COMMIT")
        except Exception:
            self.conn.execute("ROLLBACK")
            raise
        return SavedSearch(name, params, webhook, since, now_iso())

    def saved_searches(self) -> list[SavedSearch]:
        rows = self.conn.execute("SELECT name, params, webhook, since_rid, created_at FROM saved_searches"
                                 " ORDER BY name")
        return [SavedSearch(r[0], json.loads(r[1]), r[2], r[3], r[4]) for r in rows]

    def delete_search(self, name: str) -> bool:
        cur = self.conn.execute("DELETE FROM saved_searches WHERE name = ?", (name,))
        self.conn.execute("DELETE FROM alerts_sent WHERE alert = ?", (name,))
        self.conn.execute("DELETE FROM alert_members WHERE alert = ?", (name,))
        return cur.rowcount > 0

    def recent_alerts(self, limit: int = 50) -> list[dict[str, Any]]:
        """The latest alert hits (for the page): alert, event, kind (new/update), toll, why, when, delivery."""
        rows = self.conn.execute("SELECT alert, event_id, version, kind, why, sent_at, delivered FROM alerts_sent"
                                 " ORDER BY sent_at DESC, rowid DESC LIMIT ?", (limit,))
        return [dict(zip(("alert", "event_id", "toll", "kind", "why", "sent_at", "delivered"), r, strict=True))
                | {"why": json.loads(r[4]), "link": f"/events/{r[1]}"} for r in rows]


_STATUS_COLS = ("name, url, kind, outlet, last_poll, last_ok, last_error, last_error_at, errors_in_row, polls,"
                " items_stored, etag, last_modified, next_due")


def source_statuses(store: Any) -> list[dict[str, Any]]:
    """Every source's status as plain dicts (failing first) for the web page and the CLI."""
    from dataclasses import asdict

    return [asdict(s) | {"failing": s.failing} for s in WatchState(store).statuses()]
