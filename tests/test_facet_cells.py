"""Search counts and facets from the per-cell tables equal the per-facet queries and the article query,
on both stores, before and after articles are stored again and fused; the cells kept by the triggers
equal cells computed from scratch."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from test_facet_sql import article_ids, corpus

from wirewatch.search import cell_sql
from wirewatch.search.filters import Filters
from wirewatch.store import facet_cells, open_store
from wirewatch.store.fused import refresh
from wirewatch.store.synthetic import PLACES, sample_doc

IQ = PLACES[0].country_code


def _windows() -> list[Filters]:
    out = []
    for since, days in ((date(2023, 1, 1), 800), (date(2023, 6, 1), 90), (date(2024, 1, 1), 10), (date(2023, 7, 15), 30)):
        until = since + timedelta(days=days)
        out += [Filters(countries=(IQ,), event_types=("Battles",), since=since, until=until),
                Filters(countries=(IQ, "SY", "AF"), event_types=("Battles", "Explosions/Remote violence",
                                                               "Violence against civilians"), since=since, until=until)]
    return out


WINDOWS = _windows()


def odd_docs() -> list[dict]:
    """An article whose events fall in three cells, a long event that starts before the windows, one
    that ends before it starts, and one without an end."""
    multi = sample_doc(400, events=3, day=date(2023, 7, 20), place=PLACES[0], tags=("multi",))
    multi["events"][1]["event_type"] = "Battles"
    multi["events"][2]["date"] = dict(multi["events"][2]["date"], start="2023-07-23", end="2023-07-23")
    long = sample_doc(401, day=date(2023, 5, 1), place=PLACES[0], kind=0, tags=("long",))
    long["events"][0]["date"] = dict(long["events"][0]["date"], start="2023-05-01", end="2023-09-30", precision="month")
    backwards = sample_doc(402, day=date(2023, 7, 25), place=PLACES[0], kind=0)
    backwards["events"][0]["date"] = dict(backwards["events"][0]["date"], start="2023-07-25", end="2023-07-20")
    open_end = sample_doc(403, day=date(2023, 7, 26), place=PLACES[0], kind=0)
    open_end["events"][0]["date"] = dict(open_end["events"][0]["date"], end=None)
    return [multi, long, backwards, open_end]


def check(store) -> None:
    assert facet_cells.clean(store.conn)
    for f in WINDOWS:
        assert cell_sql.applies(f) and store._cells(f) is not None
        assert store.facets_one_statement(f, limit=50) == store.facets_per_query(f, limit=50), f
        result = store.search(f, per_page=100)
        assert [a["id"] for a in result.articles.items] == article_ids(store, f), f
        (ew, ep), (aw, ap) = store._where(f)
        one = store.conn.execute
        assert result.articles.total == one(f"SELECT count(*) FROM articles a WHERE {aw}", ap).fetchone()[0], f
        assert result.events.total == one(f"SELECT count(*) FROM events e WHERE {ew}", ep).fetchone()[0], f
    assert any(store.search(f).events.total > 5 for f in WINDOWS)


def cell_rows(store) -> tuple[list, list, list]:
    return ([tuple(r) for r in store.conn.execute("SELECT * FROM facet_cells ORDER BY 1, 2, 3, 4, 5")],
            [tuple(r) for r in store.conn.execute("SELECT * FROM cell_articles ORDER BY 1, 2, 3, 4")],
            [tuple(r) for r in store.conn.execute("SELECT * FROM cell_multi ORDER BY 1, 2, 3, 4")])


def check_against_rebuild(store) -> None:
    kept = cell_rows(store)
    with store.transaction():
        facet_cells.build_all(store.conn, store.dialect.unnest)
    assert cell_rows(store) == kept
    assert any(r[-1] == 1 for r in kept[1]), "no multi-cell article in the corpus"


def exercise(store) -> None:
    store.upsert_extractions([*corpus(), *odd_docs()])
    check(store)
    check_against_rebuild(store)
    refresh(store)  # fused events replace their members in the cells
    check(store)
    check_against_rebuild(store)
    again = sample_doc(5)
    again["article"]["tags"] = ["renamed-tag"]
    again["events"][0]["event_type"] = "Battles"
    multi = odd_docs()[0]
    multi["events"][1]["event_type"] = multi["events"][0]["event_type"]  # two cells instead of three
    store.upsert_extractions([again, multi, corpus()[-4]])  # a fused article stored again
    check(store)
    check_against_rebuild(store)
    refresh(store)
    check(store)
    check_against_rebuild(store)


def test_cells_equal_the_event_level_counts_on_sqlite():
    store = open_store(":memory:")
    try:
        exercise(store)
    finally:
        store.close()


def test_cells_equal_the_event_level_counts_on_postgres(pg_url):
    store = open_store(pg_url)
    try:
        exercise(store)
    finally:
        store.close()


def test_a_dirty_cell_sends_searches_to_the_event_level_statement():
    store = open_store(":memory:")
    try:
        store.upsert_extractions(corpus())
        f = WINDOWS[1]
        counted = store.facets_one_statement(f, limit=50)
        store.conn.execute("INSERT INTO cells_dirty VALUES ('IQ', 'Battles', '2023-07-01')")
        assert store._cells(f) is None
        assert store.facets_one_statement(f, limit=50) == counted
    finally:
        store.close()


@pytest.mark.parametrize("f", [Filters(countries=("IQ",), event_types=("Battles",), since=date(2023, 1, 1)),
                               Filters(countries=("IQ",), event_types=("Battles",), since=date(2023, 1, 1),
                                       until=date(2023, 2, 1), actors=("Civilians",)),
                               Filters(countries=("IQ",), since=date(2023, 1, 1), until=date(2023, 2, 1))])
def test_other_filters_do_not_use_the_cells(f):
    assert not cell_sql.applies(f)


def test_a_bulk_load_refreshes_the_cells_once_at_the_end():
    store = open_store(":memory:")
    try:
        store.defer_cells = True
        docs = [*corpus(), *odd_docs()]
        store.upsert_extractions(docs[:50])
        store.upsert_extractions(docs[50:])
        assert not facet_cells.clean(store.conn) and store._cells(WINDOWS[0]) is None
        before = store.facets_one_statement(WINDOWS[1], limit=50)  # counted at event level meanwhile
        store.refresh_cells()
        assert facet_cells.clean(store.conn) and store.defer_cells
        assert store.facets_one_statement(WINDOWS[1], limit=50) == before
        check(store)
        check_against_rebuild(store)
    finally:
        store.close()


def test_the_refresh_reaches_events_by_their_cell_not_by_the_unfused_index():
    """Without planner statistics SQLite once read every unfused event per refresh (it took the index on
    ``fused_into`` for "fused_into IS NULL"), so each write cost more as the archive grew."""
    from wirewatch.store.sqlite import SQLITE

    with open_store(":memory:") as store:
        for k in range(60):
            store.upsert_extraction(sample_doc(k, day=date(2023, 1, 1) + timedelta(days=k % 20)))
        conn = store.conn
        conn.execute("INSERT OR IGNORE INTO cells_dirty SELECT country_code, event_type, date_start FROM events"
                     " WHERE country_code IS NOT NULL AND event_type IS NOT NULL AND date_start IS NOT NULL LIMIT 1")
        for sql in facet_cells.refresh_statements(SQLITE.unnest):
            plan = " | ".join(str(tuple(r)) for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
            assert "events_fused" not in plan, plan
        conn.execute("DELETE FROM cells_dirty")
