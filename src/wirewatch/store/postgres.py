"""The PostgreSQL backend (psycopg 3): the same tables, filters and facets as SQLite, full text
by ``tsvector`` + GIN, one transaction per batch of articles, versioned migrations.

The backend-neutral SQL of :mod:`wirewatch.search.sql` and the record readers of
:mod:`wirewatch.store.sqlite_docs` are reused through :class:`PgConn`, which takes ``?``
placeholders and returns rows that index by position and by name like ``sqlite3.Row``.
Open it with ``open_store("postgresql://user@host:5432/dbname")``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from ..errors import ConfigError, StoreError
from ..search.facet_sql import articles_from_events
from ..search.filters import Filters
from ..search.sql import Clause, Dialect, article_clauses, event_clauses, join
from . import facet_cells
from . import sqlite_docs as docs
from .base import ResultPage, SearchResult, SQLStore, UpsertResult, check_event_owner
from .facet_index import POSTGRES_REFRESH
from .fusion_index import forget_article
from .postgres_schema import CELLS_LOCK, FUSION_LOCK, migrate
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
from .sqlite import check_page

POSTGRES = Dialect(article_fts="a.tsv @@ wirewatch_tsquery(?)", event_fts="e.tsv @@ wirewatch_tsquery(?)",
                   unnest="unnest(f.vals) AS u(value)", binary=' COLLATE "C"',
                   multiday="")
FACET_TIMEOUT_MS = 1000


class PgRow:
    """A result row: ``r[0]``, ``r["name"]``, ``r.keys()``, ``dict(r)``, ``tuple(r)`` (as ``sqlite3.Row``)."""

    __slots__ = ("_values", "_index")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values, self._index = tuple(values), index

    def __getitem__(self, key: int | slice | str) -> Any:
        return self._values[self._index[key]] if isinstance(key, str) else self._values[key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"PgRow({dict(zip(self._index, self._values, strict=False))!r})"


def _row_factory(cursor: Any) -> Any:
    index = {c.name: i for i, c in enumerate(cursor.description or [])}
    return lambda values: PgRow(values, index)


def to_pg(sql: str) -> str:
    """``?`` placeholders -> ``%s`` (literal ``%`` doubled); descending order puts NULLs last, as SQLite does."""
    return sql.replace("%", "%%").replace("?", "%s").replace(" DESC", " DESC NULLS LAST")


class PgConn:
    """The slice of the ``sqlite3.Connection`` API the shared readers use, over a psycopg connection."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.raw.execute(to_pg(sql), list(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self.raw.cursor() as cur:
                cur.executemany(to_pg(sql), rows)


def _upsert(table: str, cols: tuple[str, ...], key: tuple[str, ...]) -> str:
    quoted = ", ".join(f'"{c}"' for c in cols)
    rest = [c for c in cols if c not in key]
    update = ", ".join(f'"{c}" = excluded."{c}"' for c in rest) if rest else ""
    conflict = ", ".join(f'"{c}"' for c in key)
    action = f"DO UPDATE SET {update}" if update else "DO NOTHING"
    return f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(cols))}) ON CONFLICT ({conflict}) {action}"


_ARTICLE = _upsert("articles", ARTICLE_COLS, ("id",))
_EVENT = _upsert("events", EVENT_COLS, ("id",))
_PLACE = _upsert("places", PLACE_COLS, ("article_id", "start", "end"))
_TIME = _upsert("times", TIME_COLS, ("article_id", "start", "end"))
_ACTOR = _upsert("event_actors", ACTOR_COLS, ("event_id", "idx"))
_CLAIM = _upsert("claims", CLAIM_COLS, ("event_id", "article_id", "idx"))
_EVIDENCE = _upsert("evidence", EVIDENCE_COLS, ("event_id", "article_id", "idx"))
_FAILURE = ("INSERT INTO failures (article_id, stage, code, message, source, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def connect(url: str) -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise ConfigError("the PostgreSQL backend needs psycopg: pip install 'wirewatch[scale]'", source=url) from exc
    try:
        return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True,
                               row_factory=_row_factory)
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to PostgreSQL: {str(exc).strip()}", source=_safe(url)) from exc


def _safe(url: str) -> str:
    """The URL without a password."""
    if "@" in url and ":" in url.split("@", 1)[0].split("//", 1)[-1]:
        scheme, rest = url.split("//", 1)
        user, host = rest.split("@", 1)
        return f"{scheme}//{user.split(':', 1)[0]}:***@{host}"
    return url


class PostgresStore(SQLStore):
    """A :class:`Store` in one PostgreSQL database."""

    dialect = POSTGRES
    facet_refresh = POSTGRES_REFRESH

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        import psycopg

        self.url, self._errors = _safe(url), psycopg.Error
        self.raw = connect(url)
        self.conn = PgConn(self.raw)
        try:
            migrate(self.raw)
            # Index probes are cheap when the indexes are cached or on SSD (the default 4 assumes disks);
            # with it the planner probes event_articles and event_actors instead of scanning them.
            self.raw.execute("SET random_page_cost = 1.1")
            # psycopg prepares a statement after its fifth run; PostgreSQL's generic plan for it can be
            # made while a table is nearly empty and then scan it whole (check_event_owner took 37 ms
            # per article after 1,000 articles, the whole fill became quadratic): plan with the values.
            self.raw.execute("SET plan_cache_mode = force_custom_plan")
            # The facet statement groups tens of thousands of values at a million events: in memory, not on disk.
            self.raw.execute("SET work_mem = '32MB'")
            # JIT compiles the big facet aggregates on every run (20-50 ms at a million events, more
            # than it saves): these statements are short and many, not long analytic ones.
            self.raw.execute("SET jit = off")
            if readonly:
                self.raw.execute("SET default_transaction_read_only = on")
        except psycopg.Error as exc:
            self.raw.close()
            raise StoreError(f"cannot prepare the database: {str(exc).strip()}", source=self.url) from exc

    # ---- writing -------------------------------------------------------------------------

    def upsert_extraction(self, doc: dict[str, Any]) -> UpsertResult:
        return self.upsert_extractions([doc])[0]

    def upsert_extractions(self, docs_in: Iterable[dict[str, Any]]) -> list[UpsertResult]:
        """One transaction for the batch: all of it is stored or none."""
        now = _now()
        batch = [rows_from_doc(d, now) for d in docs_in]  # validate everything before writing
        out: list[UpsertResult] = []
        try:
            with self.raw.transaction():
                ids = [r.article_id for r in batch]
                stored = dict(self.conn.execute("SELECT id, doc_hash FROM articles WHERE id = ANY(?) ORDER BY id"
                                                " FOR UPDATE", (ids,)).fetchall())
                was_stored = set(stored)
                todo: dict[str, Rows] = {}
                for rows in batch:
                    aid = rows.article_id
                    changed = stored.get(aid) != rows.doc_hash
                    if changed:
                        todo[aid] = rows  # the same article twice in a batch: the last version is kept
                        stored[aid] = rows.doc_hash
                    out.append(UpsertResult(aid, changed, len(rows.events), *rows.counts))
                for rows in todo.values():
                    check_event_owner(self.conn, rows)
                self._forget_fused([aid for aid in todo if aid in was_stored])
                if todo:
                    with self.raw.pipeline():  # statements stream to the server without a round trip each
                        self._write(list(todo.values()))
                self._refresh_cells()
        except self._errors as exc:
            first = ", ".join(r.article_id for r in batch[:3])
            raise StoreError(f"cannot store article(s): {str(exc).strip()}", source=first) from exc
        return out

    def _forget_fused(self, article_ids: list[str]) -> None:
        """Articles stored again leave the fusion index; what they were fused with is re-fused at the
        next refresh. Waits for a fusion step running in another process (``FUSION_LOCK``, held by
        this transaction until it ends)."""
        known = [r[0] for r in self.conn.execute("SELECT DISTINCT article_id FROM fusion_mentions"
                                                 " WHERE article_id = ANY(?) ORDER BY 1", (article_ids,))]
        if known:
            self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (FUSION_LOCK,))
            for aid in known:
                forget_article(self.conn, aid)

    def _write(self, batch: list[Rows]) -> None:
        """Replace the rows of every article in ``batch`` (a dozen statements for the whole batch)."""
        c, ids = self.conn, [r.article_id for r in batch]
        c.executemany(_ARTICLE, [r.article for r in batch])
        for table in ("article_tags", "places", "times"):
            c.execute(f"DELETE FROM {table} WHERE article_id = ANY(?)", (ids,))
        c.execute("DELETE FROM events WHERE kind = 'article' AND id IN"
                  " (SELECT event_id FROM event_articles WHERE article_id = ANY(?))", (ids,))
        c.execute("DELETE FROM claims WHERE article_id = ANY(?)", (ids,))
        c.execute("DELETE FROM evidence WHERE article_id = ANY(?)", (ids,))
        c.executemany("INSERT INTO article_tags (article_id, tag, pos) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                      [(r.article_id, t, i) for r in batch for i, t in enumerate(r.tags)])
        c.executemany(_PLACE, [p for r in batch for p in r.places])
        c.executemany(_TIME, [t for r in batch for t in r.times])
        c.executemany(_EVENT, [e for r in batch for e in r.events])
        c.executemany("INSERT INTO event_articles (event_id, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                      [(e[0], r.article_id) for r in batch for e in r.events])
        event_ids = [e[0] for r in batch for e in r.events]
        if event_ids:
            c.execute("DELETE FROM event_actors WHERE event_id = ANY(?)", (event_ids,))
        c.executemany(_ACTOR, [a for r in batch for a in r.actors])
        c.executemany(_CLAIM, [x for r in batch for x in r.claims])
        c.executemany(_EVIDENCE, [x for r in batch for x in r.evidence])
        c.execute(POSTGRES_REFRESH.format(events="SELECT event_id FROM event_articles WHERE article_id = ANY(?)"), (ids,))
        spans = [r.max_span_days for r in batch if r.max_span_days is not None]
        if spans:
            c.execute("INSERT INTO store_meta (key, value) VALUES ('max_event_span_days', ?) ON CONFLICT (key)"
                      " DO UPDATE SET value = greatest(store_meta.value, excluded.value)", (max(spans),))
        c.execute("DELETE FROM failures WHERE article_id = ANY(?) AND stage NOT IN ('read', 'store')", (ids,))
        now = _now()
        c.executemany(_FAILURE, [(r.article_id, stage, code, msg, None, now)
                                 for r in batch for stage, code, msg in r.failures])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self.raw.transaction():
                yield
                self._refresh_cells()
        except self._errors as exc:
            raise StoreError(f"cannot write to the store: {str(exc).strip()}", source=self.url) from exc

    def _refresh_cells(self) -> None:
        """The per-cell facet counts of what this transaction touched; one transaction at a time
        (``CELLS_LOCK``), so a refresh reads what an earlier one committed."""
        if not self.defer_cells and not facet_cells.clean(self.conn):
            self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (CELLS_LOCK,))
            facet_cells.refresh(self.conn, POSTGRES.unnest)

    @contextmanager
    def fusion_lock(self) -> Iterator[None]:
        """A session-level advisory lock (``FUSION_LOCK``) for the whole fusion step: processes that
        ingest into one database fuse one after the other, each seeing what the previous one wrote."""
        self.raw.execute("SELECT pg_advisory_lock(%s)", (FUSION_LOCK,))
        try:
            yield
        finally:
            self.raw.execute("SELECT pg_advisory_unlock(%s)", (FUSION_LOCK,))

    def record_failure(self, article_id: str | None, stage: str, code: str, message: str,
                       source: str | None = None) -> None:
        try:
            self.conn.execute(_FAILURE, (article_id, stage, code, message, source, _now()))
        except self._errors as exc:
            raise StoreError(f"cannot record a failure: {str(exc).strip()}", source=article_id) from exc

    # ---- searching -----------------------------------------------------------------------

    def _span(self) -> int | None:
        """The longest stored event date span in days (bounds date windows; None: no bound)."""
        row = self.conn.execute("SELECT value FROM store_meta WHERE key = 'max_event_span_days'").fetchone()
        return None if row is None else int(row[0])

    def _where(self, filters: Filters) -> tuple[Clause, Clause]:
        span = self._span()
        return join(event_clauses(filters, POSTGRES, span)), join(article_clauses(filters, POSTGRES, span))

    def search(self, filters: Filters, page: int = 1, per_page: int = 20) -> SearchResult:
        page, per_page = check_page(page, per_page)
        offset = (page - 1) * per_page
        (ew, ep), (aw, ap) = self._where(filters)
        c = self.conn
        ev_rows = c.execute(f"SELECT {docs.EVENT_LIST_COLS} FROM events e WHERE {ew}"
                            " ORDER BY e.date_start DESC, e.rid DESC LIMIT ? OFFSET ?", [*ep, per_page, offset]).fetchall()
        from_cells = self._search_from_cells(filters, per_page, offset, docs.ARTICLE_LIST_COLS)
        if from_cells is not None:
            n_events, n_articles, art_rows = from_cells
            return SearchResult(filters, page, per_page,
                                ResultPage(n_articles, tuple(docs.article_items(c, art_rows))),  # type: ignore[arg-type]
                                ResultPage(n_events, tuple(docs.event_items(c, ev_rows))))  # type: ignore[arg-type]
        n_events = c.execute(f"SELECT count(*) FROM events e WHERE {ew}", ep).fetchone()[0]
        if articles_from_events(filters):
            n_articles, art_rows = self._articles_of_events((ew, ep), per_page, offset, docs.ARTICLE_LIST_COLS)
            return SearchResult(filters, page, per_page,
                                ResultPage(n_articles, tuple(docs.article_items(c, art_rows))),  # type: ignore[arg-type]
                                ResultPage(n_events, tuple(docs.event_items(c, ev_rows))))  # type: ignore[arg-type]
        n_articles = c.execute(f"SELECT count(*) FROM articles a WHERE {aw}", ap).fetchone()[0]
        # With a selective filter, find the matches first (a fence the planner keeps), then sort them:
        # walking the date index and probing each article for a matching event can take seconds.
        source = "articles a" if not (filters.event_level or filters.q or filters.tags or filters.outlets) else (
            f"(WITH m AS MATERIALIZED (SELECT a.rid FROM articles a WHERE {aw})"
            " SELECT a.* FROM articles a JOIN m ON m.rid = a.rid) a")
        where = "1 = 1" if source != "articles a" else aw
        art_rows = c.execute(f"SELECT {docs.ARTICLE_LIST_COLS} FROM {source} WHERE {where}"
                             " ORDER BY a.published_date DESC, a.rid DESC LIMIT ? OFFSET ?",
                             [*ap, per_page, offset]).fetchall()
        return SearchResult(filters, page, per_page,
                            ResultPage(n_articles, tuple(docs.article_items(c, art_rows))),  # type: ignore[arg-type]
                            ResultPage(n_events, tuple(docs.event_items(c, ev_rows))))  # type: ignore[arg-type]

    def _timed(self, sql: str, params: list[object]) -> list[Any] | None:
        import psycopg

        try:
            with self.raw.transaction():
                self.raw.execute(f"SET LOCAL statement_timeout = {FACET_TIMEOUT_MS}")
                return self.conn.execute(sql, params).fetchall()
        except psycopg.errors.QueryCanceled:
            return None

    def events_for_map(self, filters: Filters, limit: int = 5000) -> list[dict[str, Any]]:
        # The points are chosen from an index alone (events_country_day or a covering index: the filter
        # columns, lat and lon, in the map's order), then read by rid: filtering on the table rows read
        # a country's every older event (Iraq: 430,000 rows, 0.9 s) when the window held under 5,000.
        # The longest event span bounds date_start from below, as on SQLite.
        w, p = join(event_clauses(filters, POSTGRES, self._span()))
        rows = self.conn.execute(
            f"WITH m AS MATERIALIZED (SELECT e.rid, e.date_start FROM events e WHERE {w} AND e.lat IS NOT NULL"
            " AND e.lon IS NOT NULL ORDER BY e.date_start DESC, e.rid DESC LIMIT ?)"
            " SELECT e.id, e.lat, e.lon, e.event_type, e.sub_event_type, e.status, e.date_start, e.loc_name,"
            " e.loc_precision, e.fatalities_best FROM m JOIN events e ON e.rid = m.rid"
            " ORDER BY m.date_start DESC, m.rid DESC", [*p, limit])
        return [dict(r) for r in rows]

    # ---- records -------------------------------------------------------------------------

    def iter_events(self, filters: Filters) -> Iterator[dict[str, Any]]:
        w, p = join(event_clauses(filters, POSTGRES))
        # A server-side cursor (kept open outside a transaction): millions of events never sit in memory.
        with self.raw.cursor(name="wirewatch_iter_events", withhold=True) as cur:
            cur.execute(to_pg(f"SELECT e.* FROM events e WHERE {w} ORDER BY e.date_start, e.rid"), p)
            while batch := cur.fetchmany(500):
                yield from docs.full_events(self.conn, batch)  # type: ignore[arg-type]

    def close(self) -> None:
        self.raw.close()

