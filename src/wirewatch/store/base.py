"""The storage interface every backend implements (SQLite now, PostgreSQL next).

Backends take and return plain dicts shaped like the extraction contract
(``wirewatch.extraction/1``) plus a few result records defined here; filters are
the backend-neutral :class:`wirewatch.search.filters.Filters`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import EVENT_ID_TAKEN, StoreError
from ..search.filters import Filters


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
    TABLES = ("articles", "events", "event_articles", "event_actors", "claims", "evidence", "places",
              "times", "article_tags", "failures")

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in self.TABLES}

    def failures(self, limit: int = 100) -> list[dict[str, Any]]:
        """The latest recorded failures, newest first."""
        rows = self.conn.execute("SELECT article_id, stage, code, message, source, recorded_at FROM failures"
                                 " ORDER BY id DESC LIMIT ?", (limit,))
        return [dict(r) for r in rows]
