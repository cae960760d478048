"""Storage: one interface (:class:`Store`), chosen by URL with :func:`open_store`."""

from __future__ import annotations

from ..errors import ConfigError
from .base import Facet, FacetValue, ResultPage, SearchResult, Store, UpsertResult

__all__ = ["Facet", "FacetValue", "ResultPage", "SearchResult", "Store", "UpsertResult", "open_store"]


def open_store(url: str, *, readonly: bool = False) -> Store:
    """A path or ``sqlite:///path`` opens SQLite; ``postgresql://`` needs the PostgreSQL backend."""
    if url.startswith(("postgresql://", "postgres://", "postgresql+")):
        from .postgres import PostgresStore  # needs the `scale` extra (psycopg)

        return PostgresStore(url, readonly=readonly)
    if "://" in url and not url.startswith("sqlite:"):
        raise ConfigError("unknown database URL scheme; use a file path, sqlite:///path or postgresql://",
                          source=url)
    from .sqlite import SQLiteStore

    return SQLiteStore(url, readonly=readonly)
