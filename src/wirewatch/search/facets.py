"""The facet registry: which fields get counts, over which records, with which SQL.

``sql`` is a template with ``{where}`` (built by :mod:`wirewatch.search.sql`) and
one trailing ``LIMIT ?`` parameter; it returns ``(value, count)`` rows.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FacetSpec:
    name: str
    param: str  # URL parameter a facet link adds
    label: str
    counts_of: str  # "articles" | "events"
    sql: str


def _event_col(col: str) -> str:
    return (f"SELECT {col}, count(*) AS n FROM events e WHERE {{where}} AND {col} IS NOT NULL"
            f" GROUP BY {col} ORDER BY n DESC, {col} LIMIT ?")


FACETS: dict[str, FacetSpec] = {spec.name: spec for spec in (
    FacetSpec("tag", "tag", "Tags", "articles",
              "SELECT t.tag, count(*) AS n FROM article_tags t JOIN articles a ON a.id = t.article_id"
              " WHERE {where} GROUP BY t.tag ORDER BY n DESC, t.tag LIMIT ?"),
    FacetSpec("outlet", "outlet", "Outlet", "articles",
              "SELECT coalesce(a.outlet, a.agency) AS o, count(*) AS n FROM articles a WHERE {where}"
              " AND coalesce(a.outlet, a.agency) IS NOT NULL GROUP BY o ORDER BY n DESC, o LIMIT ?"),  # portable: no alias in WHERE
    FacetSpec("country", "country", "Country", "events", _event_col("e.country_code")),
    FacetSpec("admin1", "admin1", "Region", "events", _event_col("e.admin1")),
    FacetSpec("event_type", "type", "Event type", "events", _event_col("e.event_type")),
    FacetSpec("sub_event_type", "sub_type", "Sub-event type", "events", _event_col("e.sub_event_type")),
    FacetSpec("status", "status", "Status", "events", _event_col("e.status")),
    FacetSpec("actor", "actor", "Actor", "events",
              "SELECT x.name, count(DISTINCT x.event_id) AS n FROM event_actors x JOIN events e ON e.id = x.event_id"
              " WHERE {where} GROUP BY x.name ORDER BY n DESC, x.name LIMIT ?"),
)}
