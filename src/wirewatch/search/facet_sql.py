"""Every facet of a filtered search in one statement over one materialised match set.

The matched events (``e``) are read once; the event-column facets group them, and the actor,
tag and outlet facets and the article count read each matched event's ``event_facets`` row
(:mod:`wirewatch.store.facet_index`). Counts equal the per-facet queries of
:mod:`wirewatch.search.facets` (``tests/test_facet_sql.py`` compares them):

* actors: each name once per event, so a row count counts events;
* tags and outlets: strings ``t:RID|TAG`` are distinct per (article, tag), so counting distinct
  strings per tag counts articles. This equals the article facet only when the article list is
  "the articles of the matched events" (:func:`articles_from_events`); otherwise the caller counts
  tags and outlets with the per-facet queries.
"""

from __future__ import annotations

from ..store.facet_index import PREFIX_LEN, RID_VALUE_AT
from .filters import Filters
from .sql import Dialect

EVENT_COLUMNS = {"country": "e.country_code", "admin1": "e.admin1", "event_type": "e.event_type",
                 "sub_event_type": "e.sub_event_type", "status": "e.status"}
ARTICLE_FACETS = ("tag", "outlet")


def articles_from_events(f: Filters) -> bool:
    """True when the matching articles are exactly the member articles of the matching events: an
    event-level filter and no condition on articles alone (text, tags, outlets)."""
    return f.event_level and not (f.q or f.tags or f.outlets)


def _matched(where: str, cols: str) -> str:
    # In rid order, the matched events' event_facets rows are read in key order (10-15 % faster at
    # 18,000 matches than in the index's date order, which jumps across the table).
    return f"e AS MATERIALIZED (SELECT {cols} FROM events e WHERE {where} ORDER BY e.rid)"


def _values(d: Dialect) -> str:
    return f"v AS MATERIALIZED (SELECT e.rid, u.value AS v FROM e JOIN event_facets f ON f.event_rid = e.rid, {d.unnest})"


def _prefixed(name: str, prefix: str, distinct: bool) -> str:
    at = PREFIX_LEN + 1 if prefix == "x:" else RID_VALUE_AT
    n = "count(DISTINCT v)" if distinct else "count(*)"
    return (f"SELECT '{name}' AS facet, substr(v, {at}) AS value, {n} AS n FROM v"
            f" WHERE substr(v, 1, {PREFIX_LEN}) = '{prefix}' GROUP BY substr(v, {at})")


def all_facets(where: str, d: Dialect, with_articles: bool) -> str:
    """``(facet, value, n)`` rows: at most ``?`` values per facet (the one parameter after ``where``'s),
    most frequent first, ties by value."""
    cols = ", ".join(["e.rid", *(f"{c} AS {n}" for n, c in EVENT_COLUMNS.items())])
    parts = [f"SELECT '{n}' AS facet, {n} AS value, count(*) AS n FROM e WHERE {n} IS NOT NULL GROUP BY {n}"
             for n in EVENT_COLUMNS]
    parts.append(_prefixed("actor", "x:", distinct=False))
    if with_articles:
        parts += [_prefixed("tag", "t:", distinct=True), _prefixed("outlet", "o:", distinct=True)]
    union = " UNION ALL ".join(parts)
    return (f"WITH {_matched(where, cols)}, {_values(d)}, c AS ({union})"
            " SELECT facet, value, n FROM (SELECT facet, value, n, row_number() OVER"
            " (PARTITION BY facet ORDER BY n DESC, value) AS rn FROM c) r"
            " WHERE rn <= ? ORDER BY facet, rn")


def article_page(where: str, d: Dialect) -> str:
    """One page of the member articles of the matched events, newest first (``LIMIT ? OFFSET ?``),
    as ``(a:DATE|RID, total)`` rows; valid when :func:`articles_from_events`."""
    return (f"WITH {_matched(where, 'e.rid')}, m AS (SELECT DISTINCT u.value AS v FROM e"
            f" JOIN event_facets f ON f.event_rid = e.rid, {d.unnest} WHERE substr(u.value, 1, {PREFIX_LEN}) = 'a:')"
            f" SELECT v, count(*) OVER () AS total FROM m ORDER BY v{d.binary} DESC LIMIT ? OFFSET ?")


def rid_of(member: str) -> int:
    """The article rid in an ``a:DATE|RID`` string."""
    return int(member.rsplit("|", 1)[1])

