"""Search counts and facets from the per-cell tables (:mod:`wirewatch.store.facet_cells`).

Used when the filters are countries, event types and a date window, nothing else (:func:`applies`):
the matched events are then the events of the window's cells plus the *rest*, matched events that
are in no cell of the window (they start before it and end inside or after it, or end before they
start). Event counts and the event facets are the cells' sums plus the rest's counts; an article is
counted from its cell when all its events are in that one cell (``#a``, tag and outlet sums), else
once from the set of multi-cell articles (``cell_articles.multi = 1`` in the window, and the rest's
articles). The counts equal :mod:`wirewatch.search.facet_sql`'s (``tests/test_facet_cells.py``).
"""

from __future__ import annotations

from ..store.facet_index import PREFIX_LEN, RID_VALUE_AT
from .facet_sql import EVENT_COLUMNS
from .filters import Filters
from .sql import Clause, Dialect


def applies(f: Filters) -> bool:
    """Countries, event types, a start and an end date, and no other filter."""
    return bool(f.countries and f.event_types and f.since and f.until) and not (
        f.q or f.tags or f.outlets or f.admin1 or f.sub_event_types or f.actors or f.statuses or f.bbox
        or f.min_fatalities is not None or f.max_fatalities is not None)


def cells(f: Filters) -> Clause:
    """The window's cells (alias ``x``)."""
    assert f.since and f.until
    cm, tm = ", ".join("?" * len(f.countries)), ", ".join("?" * len(f.event_types))
    return (f"x.country_code IN ({cm}) AND x.event_type IN ({tm}) AND x.day >= ? AND x.day <= ?",
            [*f.countries, *f.event_types, f.since.isoformat(), f.until.isoformat()])


def rest(event_where: Clause, f: Filters, d: Dialect) -> Clause:
    """Matched events in no cell of the window (alias ``e``): those that start before the window (so
    end after they start) from the partial index ``events_multiday``, and those that end before they
    start from ``events_backwards``; a few thousand index rows instead of the window's date range."""
    assert f.since
    sql, params = event_where
    return (f"e.rid IN (SELECT e.rid FROM events e{d.multiday} WHERE {sql} AND e.date_end > e.date_start"
            f" AND e.date_start < ? UNION ALL SELECT e.rid FROM events e WHERE {sql} AND e.date_end < e.date_start)",
            [*params, f.since.isoformat(), *params])



def _rest_values(d: Dialect) -> str:
    return f"v AS MATERIALIZED (SELECT e.rid, u.value AS v FROM e JOIN event_facets f ON f.event_rid = e.rid, {d.unnest})"


def facets(cw: Clause, rw: Clause, d: Dialect) -> Clause:
    """``(facet, value, n)`` rows like :func:`wirewatch.search.facet_sql.all_facets` (with articles); the
    last parameter (the per-facet limit) is the caller's."""
    (c, cp), (r, rp) = cw, rw
    cols = ", ".join(["e.rid", *(f"{col} AS {n}" for n, col in EVENT_COLUMNS.items())])
    # one pass over the window's cell rows; the country and type facets are the '#e' sums per cell key
    grouped = (f"cs AS MATERIALIZED (SELECT x.country_code, x.event_type, x.facet, x.value, sum(x.n) AS n"
               f" FROM facet_cells x WHERE {c} GROUP BY x.country_code, x.event_type, x.facet, x.value)")
    summed = ("SELECT facet, value, sum(n) FROM cs WHERE facet NOT IN ('#e', '#a') GROUP BY facet, value"
              " UNION ALL SELECT 'country', country_code, sum(n) FROM cs WHERE facet = '#e' GROUP BY country_code"
              " UNION ALL SELECT 'event_type', event_type, sum(n) FROM cs WHERE facet = '#e' GROUP BY event_type")
    rest_parts = [f"SELECT '{n}', {n}, count(*) FROM e WHERE {n} IS NOT NULL GROUP BY {n}" for n in EVENT_COLUMNS]
    rest_parts.append(f"SELECT 'actor', substr(v, {PREFIX_LEN + 1}), count(*) FROM v"
                      f" WHERE substr(v, 1, {PREFIX_LEN}) = 'x:' GROUP BY substr(v, {PREFIX_LEN + 1})")
    # The tags and outlets of multi-cell articles: their distinct t:RID|TAG / o:RID|OUTLET strings in the
    # window's cells and the rest's (each article once, however many cells it is in).
    multi = (f"mv AS (SELECT x.v FROM cell_multi x WHERE {c}"
             f" UNION SELECT v FROM v WHERE substr(v, 1, {PREFIX_LEN}) IN ('t:', 'o:'))")
    multi_parts = (f"SELECT CASE substr(v, 1, {PREFIX_LEN}) WHEN 't:' THEN 'tag' ELSE 'outlet' END,"
                   f" substr(v, {RID_VALUE_AT}), count(*) FROM mv GROUP BY substr(v, 1, {PREFIX_LEN}),"
                   f" substr(v, {RID_VALUE_AT})")
    sql = (f"WITH e AS MATERIALIZED (SELECT {cols} FROM events e WHERE {r}), {_rest_values(d)}, {multi}, {grouped},"
           f" s (facet, value, n) AS ({summed} UNION ALL {' UNION ALL '.join(rest_parts)} UNION ALL {multi_parts}),"
           " c AS (SELECT facet, value, sum(n) AS n FROM s GROUP BY facet, value)"
           " SELECT facet, value, n FROM (SELECT facet, value, n, row_number() OVER"
           " (PARTITION BY facet ORDER BY n DESC, value) AS rn FROM c) r WHERE rn <= ? ORDER BY facet, rn")
    return sql, [*rp, *cp, *cp]


def counts(cw: Clause, rw: Clause, d: Dialect) -> Clause:
    """One row: the number of matched events and of their member articles."""
    (c, cp), (r, rp) = cw, rw
    sql = (f"WITH e AS MATERIALIZED (SELECT e.rid FROM events e WHERE {r}), {_rest_values(d)},"
           f" m AS (SELECT x.member FROM cell_articles x WHERE {c} AND x.multi = 1"
           f" UNION SELECT v FROM v WHERE substr(v, 1, {PREFIX_LEN}) = 'a:')"
           f" SELECT coalesce(sum(CASE WHEN x.facet = '#e' THEN x.n END), 0) + (SELECT count(*) FROM e),"
           " coalesce(sum(CASE WHEN x.facet = '#a' THEN x.n END), 0) + (SELECT count(*) FROM m)"
           f" FROM facet_cells x WHERE {c} AND x.facet IN ('#e', '#a')")
    return sql, [*rp, *cp, *cp]


def article_page(cw: Clause, rw: Clause, d: Dialect) -> Clause:
    """``a:DATE|RID`` strings of one page of the matched events' articles, newest first; the caller
    adds ``LIMIT ? OFFSET ?``'s values."""
    (c, cp), (r, rp) = cw, rw
    # single-cell articles are in one cell row each: only the multi-cell ones need de-duplicating
    sql = (f"SELECT member FROM (SELECT x.member FROM cell_articles x WHERE {c} AND x.multi = 0"
           f" UNION ALL SELECT member FROM (SELECT x.member FROM cell_articles x WHERE {c} AND x.multi = 1"
           f" UNION SELECT u.value FROM events e JOIN event_facets f ON f.event_rid = e.rid, {d.unnest}"
           f" WHERE {r} AND substr(u.value, 1, {PREFIX_LEN}) = 'a:') m) s"
           f" ORDER BY member{d.binary} DESC LIMIT ? OFFSET ?")
    return sql, [*cp, *cp, *rp]
