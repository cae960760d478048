"""The storage interface every backend implements (SQLite now, PostgreSQL next).

Backends take and return plain dicts shaped like the extraction contract
(``wirewatch.extraction/1``) plus a few result records defined here; filters are
the backend-neutral :class:`wirewatch.search.filters.Filters`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from ..errors import EVENT_ID_TAKEN, StoreError
from ..search import cell_sql
from ..search.facet_sql import (
    ARTICLE_FACETS,
    EVENT_COLUMNS,
    all_facets,
    article_page,
    articles_from_events,
    rid_of,
)
from ..search.facets import FACETS, FacetSpec
from ..search.filters import Filters, to_params
from ..search.sql import Clause, Dialect, event_clauses, join
from . import facet_cells
from . import sqlite_docs as docs


def check_event_owner(c: Any, rows: Any) -> None:
    """Refuse event ids that another article (or a fused event) already owns: an extraction must
    never overwrite someone else's event by reusing its id (``W301``)."""
    ids = [e[0] for e in rows.events]
    if not ids:
        return
    marks = ", ".join("?" * len(ids))
    taken = c.execute(f"SELECT e.id FROM events e WHERE e.id IN ({marks}) AND (e.kind <> 'article' OR NOT EXISTS"
                      " (SELECT 1 FROM event_articles ea WHERE ea.event_id = e.id AND ea.article_id = ?)) LIMIT 3",
                      [*ids, rows.article_id]).fetchall()
    if taken:
        raise StoreError(f"event id(s) {', '.join(repr(r[0]) for r in taken)} belong to another article or to a"
                         " fused event; the document is refused", code=EVENT_ID_TAKEN, source=rows.article_id)


@dataclass(frozen=True, slots=True)
class UpsertResult:
    """What one ``upsert_extraction`` did: ``changed`` is False when the article was already stored as is."""

    article_id: str
    changed: bool
    events: int
    failures: int  # errors recorded with the article (a stage gave up)
    warnings: int = 0  # warnings recorded with it (a date left unknown, bytes repaired, text cut ...)


@dataclass(frozen=True, slots=True)
class ResultPage:
    """One page of articles or events (plain dicts) with the total match count."""

    total: int
    items: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    filters: Filters
    page: int
    per_page: int
    articles: ResultPage
    events: ResultPage


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class Facet:
    """Counts of one field under the current filters; ``timed_out`` instead of failing when slow."""

    name: str
    label: str
    counts_of: str  # "articles" | "events"
    values: tuple[FacetValue, ...] = ()
    timed_out: bool = False
    selected: tuple[str, ...] = field(default=())


class Store(ABC):
    """One database of articles, events, claims, places, tags and failures."""

    url: str

    @abstractmethod
    def upsert_extraction(self, doc: dict[str, Any]) -> UpsertResult:
        """Store one extraction-contract document; idempotent by the article and event ids."""

    def upsert_extractions(self, docs: Iterable[dict[str, Any]]) -> list[UpsertResult]:
        """Store a small batch (a backend may use one transaction for it); same result as one by one."""
        return [self.upsert_extraction(d) for d in docs]

    @abstractmethod
    def record_failure(self, article_id: str | None, stage: str, code: str, message: str,
                       source: str | None = None) -> None:
        """Record a per-article problem (read, pipeline or store); recording it twice keeps one row."""

    @abstractmethod
    def search(self, filters: Filters, page: int = 1, per_page: int = 20) -> SearchResult:
        """Matching articles and events, newest first, one page of each."""

    @abstractmethod
    def facets(self, filters: Filters, limit: int = 10) -> dict[str, Facet]:
        """Facet counts for every facet field under ``filters``."""

    @abstractmethod
    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """The article with its tags, places, events and all evidence spans, or None."""

    @abstractmethod
    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """The event with actors, claims, evidence and member articles, or None."""

    @abstractmethod
    def events_for_map(self, filters: Filters, limit: int = 5000) -> list[dict[str, Any]]:
        """Located events (id, lat, lon, type, date, name, fatalities) for a map."""

    @abstractmethod
    def timeline(self, filters: Filters) -> list[tuple[str, int]]:
        """(day, number of events starting that day) in date order."""

    @abstractmethod
    def iter_events(self, filters: Filters) -> Iterator[dict[str, Any]]:
        """Every matching event as a full contract-shaped dict with ``articles`` (for exports)."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Row counts per stored record kind (articles, events, claims, places, failures ...)."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SQLStore(Store):
    """Queries every SQL backend shares; ``conn.execute`` takes ``?`` placeholders on each of them."""

    conn: Any
    dialect: Dialect
    facet_refresh: str  # the ``event_facets`` statement of this backend (:mod:`.facet_index`)
    # A bulk load sets it: commits leave the touched cells marked (searches count at event level until
    # then) and refresh_cells() recomputes them once at the end instead of after every batch.
    defer_cells: bool = False

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """One write transaction on ``conn`` (committed on success, rolled back on an error, which
        becomes a :class:`StoreError`)."""

    @abstractmethod
    def _span(self) -> int | None:
        """The longest event span in days (bounds date windows from below), or ``None`` when unknown."""

    def timeline(self, filters: Filters) -> list[tuple[str, int]]:
        w, p = join(event_clauses(filters, self.dialect, self._span()))
        rows = self.conn.execute(f"SELECT e.date_start, count(*) FROM events e WHERE {w}"
                                 " AND e.date_precision = 'day' GROUP BY e.date_start ORDER BY e.date_start", p)
        return [(r[0], r[1]) for r in rows]

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        return docs.article_doc(self.conn, article_id)

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        event = docs.full_events(self.conn, [row])[0]
        event["article_briefs"] = docs.article_briefs(self.conn, event["articles"])
        return event

    def refresh_cells(self) -> None:
        """Recompute every marked cell in one transaction (after a bulk load with ``defer_cells``)."""
        deferred, self.defer_cells = self.defer_cells, False
        try:
            with self.transaction():
                pass  # the commit refreshes the marked cells
        finally:
            self.defer_cells = deferred

    def fusion_lock(self) -> AbstractContextManager[None]:
        """Held around a whole fusion step, so processes that share the database fuse one at a time."""
        return nullcontext()

    @abstractmethod
    def _where(self, filters: Filters) -> tuple[Clause, Clause]:
        """The event and the article ``WHERE`` clauses of ``filters``."""

    @abstractmethod
    def _timed(self, sql: str, params: list[object]) -> list[Any] | None:
        """Rows of one facet statement, or None when it ran out of time."""

    def facets_per_query(self, filters: Filters, limit: int = 10,
                         names: Iterable[str] | None = None) -> dict[str, Facet]:
        """Facet counts one statement per facet, each re-running the filter (the counts every other
        facet path must equal; used for facets the one-statement path does not cover)."""
        (ew, ep), (aw, ap) = self._where(filters)
        where = {"events": (ew, ep), "articles": (aw, ap)}
        out = {}
        for name in FACETS if names is None else names:
            spec = FACETS[name]
            sql, params = where[spec.counts_of]
            rows = self._timed(spec.sql.format(where=sql), [*params, limit])
            out[name] = _facet(spec, filters, rows)
        return out

    def facets_one_statement(self, filters: Filters, limit: int = 10) -> dict[str, Facet]:
        """Every facet from one statement over the matched events and their ``event_facets`` rows;
        tags and outlets come from the per-facet queries when the article list is not the matched
        events' articles (:func:`wirewatch.search.facet_sql.articles_from_events`)."""
        (ew, ep), _ = self._where(filters)
        with_articles = articles_from_events(filters)
        parts = self._cells(filters)
        if parts is not None:  # sums over the window's cells (with_articles holds: no text, tag or outlet)
            sql, params = cell_sql.facets(*parts, self.dialect)
            rows = self._timed(sql, [*params, limit])
        else:
            rows = self._timed(all_facets(ew, self.dialect, with_articles), [*ep, limit])
        by_name: dict[str, list[tuple[str, int]]] = {}
        for r in rows or ():
            by_name.setdefault(r[0], []).append((str(r[1]), int(r[2])))
        rest = () if with_articles else ARTICLE_FACETS
        if rows is None:  # out of time: the event-column facets alone are index reads, count them apart
            rest = (*rest, *EVENT_COLUMNS)
        per_query = self.facets_per_query(filters, limit, rest) if rest else {}
        out = {}
        for name, spec in FACETS.items():
            if name in per_query:
                out[name] = per_query[name]
            else:
                out[name] = _facet(spec, filters, by_name.get(name, ()) if rows is not None else None)
        return out

    def _articles_of_events(self, where: Clause, per_page: int, offset: int,
                            list_cols: str) -> tuple[int, list[Any]]:
        """The article page and count when the articles are the matched events' members: read from the
        events' ``event_facets`` rows instead of joining every matched event to its articles."""
        sql, params = where
        rows = self.conn.execute(article_page(sql, self.dialect), [*params, per_page, offset]).fetchall()
        if not rows:
            if offset == 0:
                return 0, []
            first = self.conn.execute(article_page(sql, self.dialect), [*params, 1, 0]).fetchall()
            return (int(first[0][1]) if first else 0), []
        return int(rows[0][1]), self._article_rows([rid_of(r[0]) for r in rows], list_cols)

    def _article_rows(self, rids: list[int], list_cols: str) -> list[Any]:
        if not rids:
            return []
        return self.conn.execute(f"SELECT {list_cols} FROM articles a WHERE a.rid IN ({', '.join('?' * len(rids))})"
                                 " ORDER BY a.published_date DESC, a.rid DESC", rids).fetchall()

    def _cells(self, filters: Filters) -> tuple[Clause, Clause] | None:
        """The window's cells and the rest of the matched events, when the per-cell tables answer
        ``filters`` (:mod:`wirewatch.search.cell_sql`) and no cell waits for a refresh."""
        if not cell_sql.applies(filters) or not facet_cells.clean(self.conn):
            return None
        event_where, _ = self._where(filters)
        return cell_sql.cells(filters), cell_sql.rest(event_where, filters, self.dialect)

    def _search_from_cells(self, filters: Filters, per_page: int, offset: int,
                           list_cols: str) -> tuple[int, int, list[Any]] | None:
        """``(events, articles, article page rows)`` from the per-cell tables, or None when they do not apply."""
        parts = self._cells(filters)
        if parts is None:
            return None
        sql, params = cell_sql.counts(*parts, self.dialect)
        n_events, n_articles = self.conn.execute(sql, params).fetchone()
        sql, params = cell_sql.article_page(*parts, self.dialect)
        members = [r[0] for r in self.conn.execute(sql, [*params, per_page, offset]).fetchall()]
        return int(n_events), int(n_articles), self._article_rows([rid_of(m) for m in members], list_cols)

    def facets(self, filters: Filters, limit: int = 10) -> dict[str, Facet]:
        """One statement for a filtered search; per-facet queries for the unfiltered page (whose
        event facets read single-column indexes, and whose match set is the whole archive)."""
        if filters.is_empty():
            return self.facets_per_query(filters, limit)
        return self.facets_one_statement(filters, limit)

    TABLES = ("articles", "events", "event_articles", "event_actors", "claims", "evidence", "places",
              "times", "article_tags", "failures")

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in self.TABLES}

    def failures(self, limit: int = 100) -> list[dict[str, Any]]:
        """The latest recorded failures, newest first."""
        rows = self.conn.execute("SELECT article_id, stage, code, message, source, recorded_at FROM failures"
                                 " ORDER BY id DESC LIMIT ?", (limit,))
        return [dict(r) for r in rows]


def _facet(spec: FacetSpec, filters: Filters, rows: Iterable[Any] | None) -> Facet:
    """A facet from ``(value, count)`` rows; None: it timed out."""
    selected = tuple(v for k, v in to_params(filters) if k == spec.param)
    if rows is None:
        return Facet(spec.name, spec.label, spec.counts_of, timed_out=True, selected=selected)
    return Facet(spec.name, spec.label, spec.counts_of, tuple(FacetValue(str(r[0]), r[1]) for r in rows),
                 selected=selected)
