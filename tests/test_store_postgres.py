"""The PostgreSQL store against a real server: the SQLite store's behaviours, and the same search
results and facet counts as SQLite on the same documents.

Server: $WIREWATCH_TEST_PG (a URL of a database this test may create databases from) if set,
else a throwaway server started with Debian's binaries (wirewatch.scale.pgserver; under root it
runs as the ``postgres`` user); skipped with the reason when neither works.
"""

from __future__ import annotations

from datetime import date

import pytest

from wirewatch.errors import InputError, StoreError
from wirewatch.search.filters import Filters
from wirewatch.store import open_store
from wirewatch.store.synthetic import sample_doc, variations

psycopg = pytest.importorskip("psycopg", reason="the PostgreSQL tests need psycopg (the `scale` extra)")


@pytest.fixture()
def store(pg_url):
    s = open_store(pg_url)
    yield s
    s.close()


TABLES = ["articles", "article_tags", "places", "times", "events", "event_articles", "event_actors",
          "claims", "evidence", "failures"]


def _dump(s) -> dict[str, list[tuple]]:
    return {t: sorted(tuple(map(str, r)) for r in s.conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}


def test_same_article_twice_changes_nothing(store):
    doc = sample_doc(0, events=2)
    first = store.upsert_extraction(doc)
    before = _dump(store)
    second = store.upsert_extraction(doc)
    assert first.changed and not second.changed
    assert _dump(store) == before
    assert store.counts()["events"] == 2 and store.counts()["articles"] == 1


def test_changed_extraction_replaces_old_rows(store):
    doc = sample_doc(0, events=2)
    store.upsert_extraction(doc)
    doc["events"] = doc["events"][:1]
    doc["article"]["tags"] = ["new"]
    assert store.upsert_extraction(doc).changed
    counts = store.counts()
    assert counts["events"] == 1 and counts["claims"] == 1 and counts["article_tags"] == 1
    assert store.get_article(doc["article"]["id"])["tags"] == ["new"]


def test_full_text_index_follows_updates(store):
    doc = sample_doc(0)
    store.upsert_extraction(doc)
    doc["article"]["title"] = "Zanzibarish headline"
    store.upsert_extraction(doc)
    assert store.search(Filters(q="zanzibarish")).articles.total == 1
    assert store.search(Filters(q="drone")).articles.total == 1
    assert store.search(Filters(q="zanz*")).articles.total == 1
    doc["article"]["title"] = "Other"
    store.upsert_extraction(doc)
    assert store.search(Filters(q="zanzibarish")).articles.total == 0


def test_crash_mid_batch_loses_nothing_and_rerun_duplicates_nothing(pg_url):
    docs = [sample_doc(i) for i in range(6)]
    s = open_store(pg_url)
    for d in docs[:3]:
        s.upsert_extraction(d)
    raw = psycopg.connect(pg_url)  # article 4 half-written in an open transaction, then the process dies
    raw.execute("INSERT INTO articles (id, text, doc_hash, ingested_at) VALUES (%s, 'x', 'h', 'now')",
                (docs[3]["article"]["id"],))
    raw.close()
    s.close()
    s = open_store(pg_url)
    assert s.counts()["articles"] == 3
    assert [r.changed for r in s.upsert_extractions(docs)] == [False] * 3 + [True] * 3
    assert s.counts()["articles"] == 6 and s.counts()["events"] == 6
    s.close()


def test_failures_are_recorded_once(store):
    doc = sample_doc(1)
    doc["failures"] = [{"article_id": doc["article"]["id"], "stage": "places", "code": "W900", "message": "boom"}]
    store.upsert_extraction(doc)
    store.record_failure(None, "read", "W102", "binary file", source="x.bin")
    store.record_failure(None, "read", "W102", "binary file", source="x.bin")
    assert store.counts()["failures"] == 2
    assert store.get_article(doc["article"]["id"])["failures"] == [
        {"stage": "places", "code": "W900", "message": "boom"}]


def test_bad_document_is_an_input_error(store):
    with pytest.raises(InputError, match="article.id"):
        store.upsert_extraction({"article": {"title": "x"}})
    doc = sample_doc(2)
    doc["events"][0].pop("status")
    with pytest.raises(InputError, match="status"):
        store.upsert_extraction(doc)
    assert store.counts()["articles"] == 0


def test_event_and_article_documents(store):
    doc = sample_doc(3, day=date(2024, 1, 4))
    store.upsert_extraction(doc)
    ev = store.get_event(doc["events"][0]["id"])
    assert ev["articles"] == [doc["article"]["id"]]
    assert ev["claims"][0]["claimant"] == "police sources"
    assert ev["date"] == {"start": "2024-01-04", "end": "2024-01-04", "precision": "day", "text": "04 January 2024"}
    art = store.get_article(doc["article"]["id"])
    for span in art["events"][0]["evidence"] + art["events"][0]["claims"]:
        assert art["text"][span["start"]:span["end"]] == span["text"]
    assert store.get_event("missing") is None and store.get_article("missing") is None


def test_fused_event_lists_member_articles(store):
    a, b = sample_doc(0), sample_doc(1)
    store.upsert_extractions([a, b])
    c = store.conn
    c.execute("INSERT INTO events (id, kind, status) VALUES ('fused1', 'fused', 'occurred')")
    for d in (a, b):
        c.execute("INSERT INTO event_articles VALUES ('fused1', ?)", (d["article"]["id"],))
        c.execute("UPDATE events SET fused_into = 'fused1' WHERE id = ?", (d["events"][0]["id"],))
    assert sorted(store.get_event("fused1")["articles"]) == sorted([a["article"]["id"], b["article"]["id"]])
    assert [e["id"] for e in store.search(Filters()).events.items] == ["fused1"]
    store.upsert_extraction(a)
    assert store.get_event("fused1") is not None


def test_migrations_are_recorded_not_rerun_and_newer_refused(pg_url):
    from wirewatch.store.postgres import connect
    from wirewatch.store.postgres_schema import MIGRATIONS, migrate

    raw = connect(pg_url)
    assert migrate(raw) == [v for v, _, _ in MIGRATIONS]
    assert migrate(raw) == []
    raw.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    raw.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(pg_url)


def test_failed_migration_rolls_back(pg_url):
    from wirewatch.store.postgres import connect
    from wirewatch.store.postgres_schema import migrate

    def bad(c):
        c.execute("CREATE TABLE half (x int)")
        c.execute("THIS IS NOT SQL")

    raw = connect(pg_url)
    with pytest.raises(StoreError, match="migration 1"):
        migrate(raw, [(1, "bad", bad)])
    assert raw.execute("SELECT to_regclass('half')").fetchone()[0] is None
    assert raw.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == 0
    raw.close()


def test_readonly_store_refuses_writes(pg_url):
    open_store(pg_url).close()
    s = open_store(pg_url, readonly=True)
    with pytest.raises(StoreError):
        s.upsert_extraction(sample_doc(0))
    s.close()


def test_iter_events_yields_contract_events(store):
    for i in range(3):
        store.upsert_extraction(sample_doc(i, events=2))
    events = list(store.iter_events(Filters(countries=("IQ",))))
    assert len(events) == 6 and all(e["location"]["country_code"] == "IQ" for e in events)
    assert all(e["articles"] and e["evidence"] for e in events)


def test_unreachable_server_is_a_store_error():
    with pytest.raises(StoreError, match="cannot connect"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


FILTER_CASES = [
    Filters(),
    Filters(q="drone"),
    Filters(q='"drone strike"'),
    Filters(countries=("IQ",), event_types=("Explosions/Remote violence",), since=date(2023, 6, 1)),
    Filters(countries=("IQ", "SY"), min_fatalities=2, until=date(2024, 6, 30)),
    Filters(tags=("iraq",)),
    Filters(statuses=("occurred",), bbox=(40.0, 30.0, 48.0, 37.0)),
]


def _view(s, f: Filters) -> tuple:
    r = s.search(f, per_page=50)
    facets = {k: (v.timed_out, [(x.value, x.count) for x in v.values]) for k, v in s.facets(f).items()}
    return (r.articles.total, [a["id"] for a in r.articles.items], r.events.total,
            [e["id"] for e in r.events.items], facets, s.timeline(f), [e["id"] for e in s.events_for_map(f)])


def test_same_results_and_facets_as_sqlite(store, tmp_path):
    docs = variations(120)
    lite = open_store(str(tmp_path / "same.sqlite"))
    for batch in range(0, len(docs), 20):
        lite.upsert_extractions(docs[batch:batch + 20])
        store.upsert_extractions(docs[batch:batch + 20])
    assert store.counts() == lite.counts()
    for f in FILTER_CASES:
        assert _view(store, f) == _view(lite, f), f
    one = docs[0]["events"][0]["id"]
    assert store.get_event(one) == lite.get_event(one)
    lite.close()


def test_map_points_cut_to_the_limit_equal_sqlite(store, tmp_path):
    """The map picks its points from an index, then reads them by rid: the same points, fields and
    order as SQLite's, also when the limit cuts the newest-first list."""
    docs = variations(120)
    lite = open_store(str(tmp_path / "map.sqlite"))
    lite.upsert_extractions(docs)
    store.upsert_extractions(docs)
    for f in FILTER_CASES:
        for limit in (5, 5000):
            points = store.events_for_map(f, limit=limit)
            assert points == lite.events_for_map(f, limit=limit), (f, limit)
    assert len(store.events_for_map(Filters(), limit=5)) == 5
