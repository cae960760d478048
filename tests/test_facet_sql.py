"""Facets from one statement over the matched events' ``event_facets`` rows equal the per-facet
queries (the counts before issue #17), and the article list read from them equals the article query."""

from __future__ import annotations

from datetime import date

import pytest
from test_fuse_store import DOCS

from wirewatch.search.filters import Filters
from wirewatch.store import open_store
from wirewatch.store.fused import refresh
from wirewatch.store.synthetic import PLACES, sample_doc, variations

FILTERS = [
    Filters(countries=("IQ",)),
    Filters(countries=("IQ", "SY"), event_types=("Battles",)),
    Filters(countries=("AF",), since=date(2023, 3, 1), until=date(2024, 6, 1), event_types=("Explosions/Remote violence",)),
    Filters(actors=("Local militia",)),
    Filters(statuses=("occurred",), min_fatalities=5),
    Filters(bbox=(40.0, 30.0, 50.0, 40.0)),
    Filters(countries=("IQ",), tags=("airstrike",)),
    Filters(countries=("IQ",), outlets=("Example News",)),
    Filters(countries=("IQ",), q="drone"),
    Filters(tags=("airstrike",)),
    Filters(q="strike"),
    Filters(since=date(2023, 6, 1), until=date(2023, 12, 31)),
    Filters(countries=("ZZ",)),
]


def corpus() -> list[dict]:
    docs = variations(80)
    docs += [sample_doc(200 + i, events=3, tags=("extra", f"t{i % 3}")) for i in range(10)]
    undated = sample_doc(300, place=PLACES[0])
    undated["article"]["published"] = None
    no_outlet = sample_doc(301, place=PLACES[1])
    no_outlet["article"]["outlet"] = no_outlet["article"]["agency"] = None
    return [*docs, undated, no_outlet, *DOCS]


def article_ids(store, f: Filters, per_page: int = 100) -> list[str]:
    """The article list as the article query gives it (newest first, then rid)."""
    _, (aw, ap) = store._where(f)
    rows = store.conn.execute(f"SELECT a.id FROM articles a WHERE {aw} ORDER BY a.published_date DESC, a.rid DESC"
                              " LIMIT ?", [*ap, per_page]).fetchall()
    return [r[0] for r in rows]


def check_same(store) -> None:
    for f in FILTERS:
        one, per_query = store.facets_one_statement(f, limit=50), store.facets_per_query(f, limit=50)
        assert one == per_query, f
        result = store.search(f, per_page=100)
        assert [a["id"] for a in result.articles.items] == article_ids(store, f), f
        _, (aw, ap) = store._where(f)
        assert result.articles.total == store.conn.execute(f"SELECT count(*) FROM articles a WHERE {aw}", ap).fetchone()[0]


@pytest.fixture()
def sqlite_store():
    store = open_store(":memory:")
    store.upsert_extractions(corpus())
    refresh(store)
    yield store
    store.close()


def test_one_statement_equals_per_facet_queries(sqlite_store):
    assert sqlite_store.counts()["events"] > 100
    assert any(v.count > 1 for v in sqlite_store.facets(Filters(countries=("IQ",)))["tag"].values)
    check_same(sqlite_store)


def test_facet_rows_follow_a_restored_article(sqlite_store):
    doc = sample_doc(5)
    doc["article"]["tags"] = ["renamed-tag"]
    doc["article"]["outlet"] = "Another Outlet"
    sqlite_store.upsert_extraction(doc)
    f = Filters(countries=(doc["events"][0]["location"]["country_code"],))
    assert "renamed-tag" in [v.value for v in sqlite_store.facets(f, limit=100)["tag"].values]
    assert "Another Outlet" in [v.value for v in sqlite_store.facets(f, limit=100)["outlet"].values]
    check_same(sqlite_store)


def test_page_beyond_the_last_article_keeps_the_total(sqlite_store):
    f = Filters(countries=("IQ",))
    total = sqlite_store.search(f).articles.total
    deep = sqlite_store.search(f, page=50, per_page=20)
    assert total > 0 and deep.articles.total == total and deep.articles.items == ()


def test_a_timed_out_statement_marks_every_facet(sqlite_store, monkeypatch):
    monkeypatch.setattr(type(sqlite_store), "_timed", lambda self, sql, params: None)
    facets = sqlite_store.facets_one_statement(Filters(countries=("IQ",)))
    assert all(f.timed_out and not f.values for f in facets.values())


def test_when_the_statement_times_out_the_event_columns_are_counted_apart(sqlite_store, monkeypatch):
    real = type(sqlite_store)._timed
    monkeypatch.setattr(type(sqlite_store), "_timed",
                        lambda self, sql, params: None if "event_facets" in sql else real(self, sql, params))
    f = Filters(countries=("IQ",))
    facets = sqlite_store.facets_one_statement(f)
    assert {n for n, x in facets.items() if x.timed_out} == {"actor", "tag", "outlet"}
    assert facets["country"] == sqlite_store.facets_per_query(f)["country"]
