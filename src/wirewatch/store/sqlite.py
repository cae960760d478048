"""The SQLite backend: one file, WAL journal, FTS5 full text, one transaction per article."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError, StoreError
from ..search.facet_sql import articles_from_events
from ..search.filters import Filters
from ..search.sql import SQLITE, Clause, article_clauses, event_clauses, join
from . import facet_cells
from . import sqlite_docs as docs
from .base import Facet, ResultPage, SearchResult, SQLStore, UpsertResult, check_event_owner
from .facet_index import SQLITE_REFRESH
from .fusion_index import forget_article
from .migrations import migrate
from .records import (
    ACTOR_COLS,
    ARTICLE_COLS,
    CLAIM_COLS,
    EVENT_COLS,
    EVIDENCE_COLS,
    PLACE_COLS,
    TIME_COLS,
    Rows,
    rows_from_doc,
)

MAX_PER_PAGE = 100
MAX_OFFSET = 10_000
FACET_TIMEOUT_S = 1.0
PROGRESS_STEPS = 10_000  # SQLite VM steps between deadline checks
FACET_CACHE_SIZE = 256


def _insert(table: str, cols: tuple[str, ...], verb: str = "INSERT OR REPLACE") -> str:
    quoted = ", ".join(f'"{c}"' for c in cols)
    return f"{verb} INTO {table} ({quoted}) VALUES ({', '.join('?' * len(cols))})"


_UPSERT_ARTICLE = (_insert("articles", ARTICLE_COLS, "INSERT") + " ON CONFLICT(id) DO UPDATE SET "
                   + ", ".join(f"{c} = excluded.{c}" for c in ARTICLE_COLS[1:]))
_UPSERT_EVENT = (_insert("events", EVENT_COLS, "INSERT") + " ON CONFLICT(id) DO UPDATE SET "
                 + ", ".join(f"{c} = excluded.{c}" for c in EVENT_COLS[1:]))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def sqlite_path(url: str) -> str:
    """The file of ``sqlite:///rel/path``, ``sqlite:////abs/path``, a plain path, or ``:memory:``."""
    for prefix in ("sqlite:///", "sqlite://", "sqlite:"):
        if url.startswith(prefix):
            return url[len(prefix):] or ":memory:"
    return url


# SQLite's page cache per connection (pages are allocated as they are used). A writer's full-text indexes
# merge their segments as articles arrive; once that working set outgrew 32 MiB (about 28,000 articles in
# `wirewatch bench --fusion`) each article's commit re-read its pages: 1.3 -> 21 ms per stored article at
# 45,000-90,000 articles, 1.7 ms with 256 MiB.
READER_CACHE_KIB = 32_000
WRITER_CACHE_KIB = 262_144


class SQLiteStore(SQLStore):
    """A :class:`Store` in one SQLite file (``:memory:`` for tests)."""

    dialect = SQLITE
    facet_refresh = SQLITE_REFRESH

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        self.url = url
        self.readonly = readonly
        self._facet_cache: dict[tuple[Filters, int], dict[str, Facet]] = {}
        self._facet_version: int | None = None
        path = sqlite_path(url)
        if path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            path = str(Path(path).expanduser())
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database: {exc}", source=url) from exc
        self.conn.row_factory = sqlite3.Row
        cache_kib = READER_CACHE_KIB if readonly else WRITER_CACHE_KIB
        for pragma in ("journal_mode = WAL", "foreign_keys = ON", "synchronous = NORMAL",
                       "busy_timeout = 10000", f"cache_size = -{cache_kib}", "temp_store = MEMORY"):
            self.conn.execute(f"PRAGMA {pragma}")
        migrate(self.conn)
        if readonly:
            self.conn.execute("PRAGMA query_only = ON")

    # ---- writing -------------------------------------------------------------------------

    def upsert_extraction(self, doc: dict[str, Any]) -> UpsertResult:
        return self.upsert_extractions([doc])[0]

    def upsert_extractions(self, docs: Iterable[dict[str, Any]]) -> list[UpsertResult]:
        """One transaction for the batch: all of it is stored or none (keep batches small)."""
        now = _now()
        batch = [rows_from_doc(d, now) for d in docs]  # validate everything before writing
        c, out = self.conn, []
        try:
            c.execute("BEGIN IMMEDIATE")
            for rows in batch:
                aid = rows.article_id
                old = c.execute("SELECT doc_hash FROM articles WHERE id = ?", (aid,)).fetchone()
                changed = old is None or old[0] != rows.doc_hash
                if changed:
                    self._write(rows)
                out.append(UpsertResult(aid, changed, len(rows.events), *rows.counts))
            self._refresh_cells()
            c.execute("COMMIT")
            self._facet_cache.clear()
        except sqlite3.Error as exc:
            if c.in_transaction:
                c.execute("ROLLBACK")
            ids = ", ".join(r.article_id for r in batch[:3])
            raise StoreError(f"cannot store article(s): {exc}", source=ids) from exc
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise
        return out

    def _write(self, rows: Rows) -> None:
        c, aid = self.conn, rows.article_id
        check_event_owner(c, rows)
        forget_article(c, aid)  # its mentions are fused again at the next refresh
        c.execute(_UPSERT_ARTICLE, rows.article)
        for table in ("article_tags", "places", "times"):
            c.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
        # This article's own events go; fused events only lose this article's claims and evidence.
        c.execute("DELETE FROM events WHERE kind = 'article' AND id IN"
                  " (SELECT event_id FROM event_articles WHERE article_id = ?)", (aid,))
        c.execute("DELETE FROM claims WHERE article_id = ?", (aid,))
        c.execute("DELETE FROM evidence WHERE article_id = ?", (aid,))
        c.executemany("INSERT OR IGNORE INTO article_tags (article_id, tag, pos) VALUES (?, ?, ?)",
                      [(aid, t, i) for i, t in enumerate(rows.tags)])
        c.executemany(_insert("places", PLACE_COLS), rows.places)
        c.executemany(_insert("times", TIME_COLS), rows.times)
        c.executemany(_UPSERT_EVENT, rows.events)
        if rows.max_span_days is not None:
            c.execute("INSERT INTO store_meta (key, value) VALUES ('max_event_span_days', ?) ON CONFLICT(key)"
                      " DO UPDATE SET value = max(value, excluded.value)", (rows.max_span_days,))
        c.executemany("INSERT OR IGNORE INTO event_articles (event_id, article_id) VALUES (?, ?)",
                      [(e[0], aid) for e in rows.events])
        ids = [e[0] for e in rows.events]
        if ids:
            c.execute(f"DELETE FROM event_actors WHERE event_id IN ({', '.join('?' * len(ids))})", ids)
        c.executemany(_insert("event_actors", ACTOR_COLS), rows.actors)
        c.executemany(_insert("claims", CLAIM_COLS), rows.claims)
        c.executemany(_insert("evidence", EVIDENCE_COLS), rows.evidence)
        # Its events and the fused events it belongs to get its tags, outlet and date (and their actors).
        c.execute(SQLITE_REFRESH.format(events="SELECT event_id FROM event_articles WHERE article_id = ?"), (aid,))
        c.execute("DELETE FROM failures WHERE article_id = ? AND stage NOT IN ('read', 'store')", (aid,))
        for stage, code, message in rows.failures:
            self._failure(aid, stage, code, message, None)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """``BEGIN IMMEDIATE``: the write lock is taken at the start, so two writers queue instead of
        failing at their first write."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._refresh_cells()
            c.execute("COMMIT")
        except sqlite3.Error as exc:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise StoreError(f"cannot write to the store: {exc}", source=self.url) from exc
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise
        self._facet_cache.clear()

    def _refresh_cells(self) -> None:
        """The per-cell facet counts of what this transaction touched (none during a bulk load)."""
        if not self.defer_cells:
            facet_cells.refresh(self.conn, SQLITE.unnest)

    def _span(self) -> int | None:
        """The longest stored event date span in days (None when unknown: no bound is used)."""
        row = self.conn.execute("SELECT value FROM store_meta WHERE key = 'max_event_span_days'").fetchone()
        return None if row is None else int(row[0])

    def _failure(self, article_id: str | None, stage: str, code: str, message: str, source: str | None) -> None:
        self.conn.execute("INSERT OR IGNORE INTO failures (article_id, stage, code, message, source, recorded_at)"
                          " VALUES (?, ?, ?, ?, ?, ?)", (article_id, stage, code, message, source, _now()))

    def record_failure(self, article_id: str | None, stage: str, code: str, message: str,
                       source: str | None = None) -> None:
        self._failure(article_id, stage, code, message, source)

    # ---- searching -----------------------------------------------------------------------

    def search(self, filters: Filters, page: int = 1, per_page: int = 20) -> SearchResult:
        page, per_page = check_page(page, per_page)
        offset = (page - 1) * per_page
        ew, ep = join(event_clauses(filters, SQLITE, self._span()))
        aw, ap = join(article_clauses(filters, SQLITE, self._span()))
        c = self.conn
        ev_rows = c.execute(f"SELECT {docs.EVENT_LIST_COLS} FROM events e WHERE {ew}"
                            " ORDER BY e.date_start DESC, e.rid DESC LIMIT ? OFFSET ?",
                            [*ep, per_page, offset]).fetchall()
        from_cells = self._search_from_cells(filters, per_page, offset, docs.ARTICLE_LIST_COLS)
        if from_cells is not None:
            n_events, n_articles, art_rows = from_cells
            return SearchResult(filters, page, per_page,
                                ResultPage(n_articles, tuple(docs.article_items(c, art_rows))),
                                ResultPage(n_events, tuple(docs.event_items(c, ev_rows))))
        n_events = c.execute(f"SELECT count(*) FROM events e WHERE {ew}", ep).fetchone()[0]
        if articles_from_events(filters):
            n_articles, art_rows = self._articles_of_events((ew, ep), per_page, offset, docs.ARTICLE_LIST_COLS)
            return SearchResult(filters, page, per_page,
                                ResultPage(n_articles, tuple(docs.article_items(c, art_rows))),
                                ResultPage(n_events, tuple(docs.event_items(c, ev_rows))))
        n_articles = c.execute(f"SELECT count(*) FROM articles a WHERE {aw}", ap).fetchone()[0]
        # Sort and cut on the narrow index first, then read the page's rows (texts are large).
        art_rows = c.execute(f"SELECT {docs.ARTICLE_LIST_COLS} FROM articles a WHERE a.rid IN"
                             f" (SELECT a.rid FROM articles a WHERE {aw}"
                             " ORDER BY a.published_date DESC, a.rid DESC LIMIT ? OFFSET ?)"
                             " ORDER BY a.published_date DESC, a.rid DESC", [*ap, per_page, offset]).fetchall()
        return SearchResult(filters, page, per_page,
                            ResultPage(n_articles, tuple(docs.article_items(c, art_rows))),
                            ResultPage(n_events, tuple(docs.event_items(c, ev_rows))))

    def facets(self, filters: Filters, limit: int = 10) -> dict[str, Facet]:
        """Facet counts, cached per connection until the database changes (``PRAGMA data_version``
        moves on another connection's commit; this connection's writes clear the cache)."""
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._facet_version:
            self._facet_cache.clear()
            self._facet_version = version
        key = (filters, limit)
        cached = self._facet_cache.get(key)
        if cached is None:
            cached = self._facets(filters, limit)
            if not any(f.timed_out for f in cached.values()):
                if len(self._facet_cache) >= FACET_CACHE_SIZE:
                    self._facet_cache.pop(next(iter(self._facet_cache)))
                self._facet_cache[key] = cached
        return dict(cached)

    def _facets(self, filters: Filters, limit: int) -> dict[str, Facet]:
        return super().facets(filters, limit)

    def _where(self, filters: Filters) -> tuple[Clause, Clause]:
        span = self._span()
        return join(event_clauses(filters, SQLITE, span)), join(article_clauses(filters, SQLITE, span))

    def _timed(self, sql: str, params: list[object]) -> list[Any] | None:
        deadline = time.monotonic() + FACET_TIMEOUT_S
        self.conn.set_progress_handler(lambda: int(time.monotonic() > deadline), PROGRESS_STEPS)
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupted" not in str(exc):
                raise
            return None
        finally:
            self.conn.set_progress_handler(None, 0)

    def events_for_map(self, filters: Filters, limit: int = 5000) -> list[dict[str, Any]]:
        w, p = join(event_clauses(filters, SQLITE, self._span()))
        rows = self.conn.execute(
            "SELECT e.id, e.lat, e.lon, e.event_type, e.sub_event_type, e.status, e.date_start, e.loc_name,"
            f" e.loc_precision, e.fatalities_best FROM events e WHERE {w} AND e.lat IS NOT NULL"
            " AND e.lon IS NOT NULL ORDER BY e.date_start DESC, e.rid DESC LIMIT ?", [*p, limit])
        return [dict(r) for r in rows]

    # ---- records -------------------------------------------------------------------------

    def iter_events(self, filters: Filters) -> Iterator[dict[str, Any]]:
        w, p = join(event_clauses(filters, SQLITE, self._span()))
        cur = self.conn.execute(f"SELECT e.* FROM events e WHERE {w} ORDER BY e.date_start, e.rid", p)
        while batch := cur.fetchmany(500):
            yield from docs.full_events(self.conn, batch)

    def close(self) -> None:
        if not self.readonly:
            try:
                self.conn.execute("PRAGMA optimize")  # keeps the planner's statistics current
            except sqlite3.Error:
                pass
        self.conn.close()


def check_page(page: int, per_page: int) -> tuple[int, int]:
    if page < 1 or per_page < 1:
        raise InputError(f"page={page} and per_page={per_page} must be at least 1", source="page")
    if per_page > MAX_PER_PAGE:
        raise InputError(f"per_page={per_page} is larger than {MAX_PER_PAGE}", source="per_page")
    if (page - 1) * per_page > MAX_OFFSET:
        raise InputError(f"page={page} is too deep (at most {MAX_OFFSET} results in); narrow the filters",
                         source="page")
    return page, per_page
