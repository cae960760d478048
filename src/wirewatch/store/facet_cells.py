"""Facet counts pre-aggregated per cell (country, event type, start day), kept exact at write time.

A search filtered only by countries, event types and a date window matches whole cells (plus the few
events that start before the window and still overlap it), so its facets are sums over a few hundred
cell rows instead of a pass over every matched event (:mod:`wirewatch.search.cell_sql`).

An event is **in a cell** when it is not fused into another, has a country, a type and a start day, and
ends on or after its start (``date_end >= date_start``): then "starts inside the window" implies "overlaps
the window", so a window's cells hold exactly its events that start inside it.

* ``facet_cells (country_code, event_type, day, facet, value, n)``: ``#e`` the number of events, and
  per ``admin1``, ``sub_event_type``, ``status`` and ``actor`` value the number of events (as the event
  facets count); ``#a`` the number of the cell's *single-cell* articles and per ``tag`` and ``outlet``
  value how many of them carry it (as the article facets count).
* ``cell_articles (country_code, event_type, day, prid, member, multi)``: every member article of the
  cell's events, by zero-padded rid and as its ``a:DATE|RID`` string (:mod:`.facet_index`), ``multi = 1`` when the article also
  belongs to an event outside this cell (another cell, or none). A single-cell article is counted in
  its one cell's sums; a multi-cell article is counted once per search from ``cell_articles``, so no
  article is counted twice.
* ``cell_multi (country_code, event_type, day, v)``: the ``t:RID|TAG`` and ``o:RID|OUTLET`` strings of
  the cell's multi-cell articles; a search counts the distinct strings of its window (each article once).
* ``cells_dirty``: cells whose rows are out of date. Triggers on ``events``, ``event_articles`` and
  ``event_facets`` (every change to an event's place in a cell, its facet values or its articles
  passes through one of them, including fusion) add the cells they touch; :func:`refresh` recomputes
  those cells from the events in the same transaction (the stores call it before they commit). A
  search uses the cells only when ``cells_dirty`` is empty, so a write path that forgot to refresh
  costs speed, never a wrong count.
"""

from __future__ import annotations

from typing import Any

# An event in a cell (alias ``e``).
IN_CELL = "e.fused_into IS NULL AND e.date_end >= e.date_start"
# The same test where the event is reached by another key: written so that no planner takes the index on
# ``fused_into`` for it.  Without statistics SQLite took "fused_into IS NULL" (nearly every event) as the
# selective term and read every unfused event per refresh: a write's cost grew with the archive (5 ms per
# article at 5,000 articles, 10 at 8,000; `wirewatch bench --fusion`).
_UNFUSED = "coalesce({r}.fused_into, '') = ''"
_IN_CELL_BY_KEY = _UNFUSED.format(r="e") + " AND e.date_end >= e.date_start"
_KEYED = "{r}.country_code IS NOT NULL AND {r}.event_type IS NOT NULL AND {r}.date_start IS NOT NULL"

TABLES = """
CREATE TABLE facet_cells (
    country_code TEXT NOT NULL, event_type TEXT NOT NULL, day TEXT NOT NULL,
    facet TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (country_code, event_type, day, facet, value){include_n}
){without_rowid};
CREATE TABLE cell_articles (
    country_code TEXT NOT NULL, event_type TEXT NOT NULL, day TEXT NOT NULL,
    prid TEXT NOT NULL, member TEXT NOT NULL, multi INTEGER NOT NULL,
    PRIMARY KEY (country_code, event_type, day, prid){include_multi}
){without_rowid};
CREATE TABLE cell_multi (
    country_code TEXT NOT NULL, event_type TEXT NOT NULL, day TEXT NOT NULL, v TEXT NOT NULL,
    PRIMARY KEY (country_code, event_type, day, v)
){without_rowid};
CREATE TABLE cells_dirty (
    country_code TEXT NOT NULL, event_type TEXT NOT NULL, day TEXT NOT NULL{dirty_key}
){without_rowid};
"""


# The matched events outside a window's cells (wirewatch.search.cell_sql.rest), from small partial indexes.
SQLITE_INDEXES = [
    "CREATE INDEX events_multiday ON events(country_code, event_type, date_end, date_start, fused_into)"
    " WHERE date_end > date_start",
    "CREATE INDEX events_backwards ON events(country_code, event_type, date_start) WHERE date_end < date_start",
]
POSTGRES_INDEXES = [
    "CREATE INDEX events_multiday ON events(country_code, event_type, date_end) INCLUDE (date_start, fused_into, rid)"
    " WHERE date_end > date_start",
    "CREATE INDEX events_backwards ON events(country_code, event_type, date_start) INCLUDE (date_end, fused_into, rid)"
    " WHERE date_end < date_start",
]


def _dirty_event(r: str) -> str:
    """Mark the cell of the event row ``r`` (``NEW``/``OLD``)."""
    return f"SELECT {r}.country_code, {r}.event_type, {r}.date_start WHERE {_KEYED.format(r=r)}"


def _dirty_article_events(article: str) -> str:
    """Mark the cells of every event of an article (its cells' single/multi split may change)."""
    return ("SELECT DISTINCT e.country_code, e.event_type,"
            f" e.date_start FROM event_articles y JOIN events e ON e.id = y.event_id WHERE y.article_id = {article}"
            f" AND {_KEYED.format(r='e')}")


def _dirty_members(event_id: str) -> str:
    """Mark the cells of every event of the member articles of an event."""
    return ("SELECT DISTINCT e.country_code, e.event_type,"
            " e.date_start FROM event_articles x JOIN event_articles y ON y.article_id = x.article_id"
            f" JOIN events e ON e.id = y.event_id WHERE x.event_id = {event_id} AND {_KEYED.format(r='e')}")


_EVENT_COLS = "country_code, event_type, date_start, date_end, fused_into, admin1, sub_event_type, status"

# (name, timing, the cells to mark as SELECTs); each backend wraps them in its INSERT.
_TRIGGERS: list[tuple[str, str, list[str]]] = [
    ("cells_event_insert", "AFTER INSERT ON events", [_dirty_event("NEW")]),
    ("cells_event_delete", "AFTER DELETE ON events", [_dirty_event("OLD")]),
    ("cells_event_update", f"AFTER UPDATE OF {_EVENT_COLS} ON events",
     [_dirty_event("OLD"), _dirty_event("NEW"), _dirty_members("NEW.id")]),
    ("cells_member_insert", "AFTER INSERT ON event_articles", [_dirty_article_events("NEW.article_id")]),
    ("cells_member_delete", "AFTER DELETE ON event_articles", [_dirty_article_events("OLD.article_id")]),
    ("cells_facets_insert", "AFTER INSERT ON event_facets",
     [f"SELECT e.country_code, e.event_type, e.date_start FROM events e WHERE e.rid = NEW.event_rid"
      f" AND {_KEYED.format(r='e')}"]),
    ("cells_facets_update", "AFTER UPDATE ON event_facets",
     [f"SELECT e.country_code, e.event_type, e.date_start FROM events e WHERE e.rid = NEW.event_rid"
      f" AND {_KEYED.format(r='e')}"]),
]


def sqlite_schema() -> list[str]:
    """Tables and triggers for SQLite (``INSERT OR IGNORE``: a cell is marked once)."""
    tables = TABLES.format(without_rowid=" WITHOUT ROWID", include_n="", include_multi="",
                           dirty_key=",\n    PRIMARY KEY (country_code, event_type, day)")
    out = [s.strip() + ";" for s in tables.split(";") if s.strip()]
    for name, when, body in _TRIGGERS:
        stmts = " ".join(f"INSERT OR IGNORE INTO cells_dirty (country_code, event_type, day) {s};" for s in body)
        out.append(f"CREATE TRIGGER {name} {when} FOR EACH ROW BEGIN {stmts} END;")
    return out + SQLITE_INDEXES


def postgres_schema() -> list[str]:
    """Tables, trigger functions and triggers for PostgreSQL. ``cells_dirty`` has no unique key: two
    writers marking the same cells would wait on each other's uncommitted keys (and deadlock when
    they mark two cells in opposite orders); a trigger skips a cell it already sees marked, and the
    refresh reads the distinct cells."""
    # INCLUDE: the window's cell rows are read from the key index alone
    tables = TABLES.format(without_rowid="", include_n=" INCLUDE (n)", include_multi=" INCLUDE (member, multi)",
                           dirty_key="")
    out = [s.strip() for s in tables.split(";") if s.strip()]
    out.append("CREATE INDEX cells_dirty_cell ON cells_dirty(country_code, event_type, day)")
    for name, when, body in _TRIGGERS:
        stmts = " ".join("INSERT INTO cells_dirty (country_code, event_type, day) SELECT DISTINCT k.* FROM"
                         f" ({s}) AS k(country_code, event_type, day) WHERE NOT EXISTS (SELECT 1 FROM cells_dirty d"
                         " WHERE d.country_code = k.country_code AND d.event_type = k.event_type AND d.day = k.day);"
                         for s in body)
        ret = "OLD" if "DELETE" in when else "NEW"
        out.append(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {stmts}"
                   f" RETURN {ret}; END $$")
        out.append(f"CREATE TRIGGER {name} {when} FOR EACH ROW EXECUTE FUNCTION {name}()")
    return out + POSTGRES_INDEXES


# A row of table ``{t}`` in a marked cell (looked up by key from the marked cells, not by a pass over the table).
_DIRTY = "({t}.country_code, {t}.event_type, {t}.day) IN (SELECT country_code, event_type, day FROM cells_dirty)"
_CELL_EVENTS = ("ce AS MATERIALIZED (SELECT e.rid, e.country_code AS c, e.event_type AS t, e.date_start AS d,"
                " e.admin1, e.sub_event_type, e.status FROM events e"
                # by key from the marked cells (a join let SQLite build a Bloom filter over every event)
                " WHERE (e.country_code, e.event_type, e.date_start) IN (SELECT country_code, event_type, day FROM cells_dirty)"
                f" AND {_IN_CELL_BY_KEY})")
_INSERT = "INSERT INTO facet_cells (country_code, event_type, day, facet, value, n) "
_RID = "substr({m}, length({m}) - 11)"  # the zero-padded rid at the end of "a:DATE|RID"


def refresh_statements(unnest: str) -> list[str]:
    """Recompute every dirty cell from its events (``unnest``: the dialect's ``event_facets`` values)."""
    vals = f"ce JOIN event_facets f ON f.event_rid = ce.rid, {unnest}"
    events = " UNION ALL ".join(
        ["SELECT c, t, d, '#e', '', count(*) FROM ce GROUP BY c, t, d"]
        + [f"SELECT c, t, d, '{col}', {col}, count(*) FROM ce WHERE {col} IS NOT NULL GROUP BY c, t, d, {col}"
           for col in ("admin1", "sub_event_type", "status")]
        + [f"SELECT c, t, d, 'actor', substr(u.value, 3), count(*) FROM {vals} WHERE substr(u.value, 1, 2) = 'x:'"
           " GROUP BY c, t, d, substr(u.value, 3)"])
    other_event = ("SELECT 1 FROM articles a JOIN event_articles ea ON ea.article_id = a.id JOIN events e2"
                   f" ON e2.id = ea.event_id WHERE a.rid = CAST({_RID.format(m='ca.member')} AS BIGINT)"
                   f" AND {_UNFUSED.format(r='e2')} AND CASE WHEN e2.country_code = ca.c AND e2.event_type = ca.t"
                   " AND e2.date_start = ca.d AND e2.date_end >= e2.date_start THEN 0 ELSE 1 END = 1")
    articles = (f"WITH {_CELL_EVENTS}, ca AS MATERIALIZED (SELECT DISTINCT c, t, d, u.value AS member FROM {vals}"
                " WHERE substr(u.value, 1, 2) = 'a:')"
                " INSERT INTO cell_articles (country_code, event_type, day, prid, member, multi)"
                f" SELECT c, t, d, {_RID.format(m='member')}, member, CASE WHEN EXISTS ({other_event}) THEN 1 ELSE 0 END"
                " FROM ca")
    # Is the value's article single (multi = 0) or multi-cell (1) in the value's cell? One key probe of
    # cell_articles per value (cell, zero-padded rid): a join of two CTEs was planned as a nested loop over
    # both when the planner took the cells' events for one row (100,000 events: ten minutes).
    def article_is(multi: int) -> str:
        return ("EXISTS (SELECT 1 FROM cell_articles ca WHERE ca.country_code = ce.c AND ca.event_type = ce.t"
                f" AND ca.day = ce.d AND ca.prid = substr(u.value, 3, 12) AND ca.multi = {multi}"
                # OFFSET: PostgreSQL keeps it a per-value key probe instead of flattening it into a join
                # that reads every article of the cell per event (2,000 cells at 1M: 6.2 s)
                " LIMIT 1 OFFSET 0)")
    tags = (f"WITH {_CELL_EVENTS} {_INSERT}"
            "SELECT ca.country_code, ca.event_type, ca.day, '#a', '', count(*) FROM cell_articles ca"
            f" WHERE ca.multi = 0 AND {_DIRTY.format(t='ca')} GROUP BY ca.country_code, ca.event_type, ca.day"
            " UNION ALL SELECT ce.c, ce.t, ce.d, CASE substr(u.value, 1, 2) WHEN 't:' THEN 'tag' ELSE 'outlet' END,"
            f" substr(u.value, 16), count(DISTINCT u.value) FROM {vals} WHERE substr(u.value, 1, 2) IN ('t:', 'o:')"
            f" AND {article_is(0)} GROUP BY ce.c, ce.t, ce.d, substr(u.value, 1, 2), substr(u.value, 16)")
    multi_vals = (f"WITH {_CELL_EVENTS} INSERT INTO cell_multi (country_code, event_type, day, v)"
                  f" SELECT DISTINCT ce.c, ce.t, ce.d, u.value FROM {vals}"
                  f" WHERE substr(u.value, 1, 2) IN ('t:', 'o:') AND {article_is(1)}")
    return [*(f"DELETE FROM {t} WHERE {_DIRTY.format(t=t)}" for t in ("facet_cells", "cell_articles", "cell_multi")),
            f"WITH {_CELL_EVENTS} {_INSERT}{events}",
            articles, tags, multi_vals, "DELETE FROM cells_dirty"]


BIG = 5000  # marked cells from which the refresh first updates the planner's statistics


def refresh(conn: Any, unnest: str) -> None:
    """Bring the dirty cells up to date (inside the caller's write transaction).

    Many marked cells (a migration, the end of a bulk load): the tables are analysed as they fill,
    because the planner's idea of an empty ``cell_articles`` made PostgreSQL join the single-cell
    articles by nested loop over a CTE (100,000 events: minutes instead of seconds)."""
    if conn.execute("SELECT 1 FROM cells_dirty LIMIT 1").fetchone() is None:
        return
    big = conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM cells_dirty LIMIT {BIG}) s").fetchone()[0] >= BIG
    if big:
        conn.execute("ANALYZE cells_dirty")
    for sql in refresh_statements(unnest):
        conn.execute(sql)
        for table in ("facet_cells", "cell_articles", "cell_multi"):
            if big and f"INSERT INTO {table} " in sql:
                conn.execute(f"ANALYZE {table}")


def build_all(conn: Any, unnest: str) -> None:
    """Every cell from scratch (the migration that adds the tables)."""
    conn.execute("DELETE FROM cells_dirty")
    conn.execute("INSERT INTO cells_dirty (country_code, event_type, day) SELECT DISTINCT e.country_code,"
                 f" e.event_type, e.date_start FROM events e WHERE {_KEYED.format(r='e')}")
    refresh(conn, unnest)


def clean(conn: Any) -> bool:
    """True when no cell waits for a refresh (a search may read the cells)."""
    return conn.execute("SELECT 1 FROM cells_dirty LIMIT 1").fetchone() is None
