"""Store: idempotent upserts, migrations, crash safety, failures, fusion-ready membership."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from wirewatch.errors import ConfigError, InputError, StoreError
from wirewatch.search.filters import Filters
from wirewatch.store import open_store
from wirewatch.store.migrations import MIGRATIONS, migrate
from wirewatch.store.sqlite import sqlite_path
from wirewatch.store.synthetic import sample_doc


@pytest.fixture()
def store(tmp_path):
    s = open_store(str(tmp_path / "w.sqlite"))
    yield s
    s.close()


def _dump(s) -> dict[str, list[tuple]]:
    conn = s.conn
    tables = ["articles", "article_tags", "places", "times", "events", "event_articles", "event_actors",
              "claims", "evidence", "failures"]
    out = {}
    for t in tables:
        rows = conn.execute(f"SELECT * FROM {t}").fetchall()
        out[t] = sorted(tuple(r) for r in rows)
    return out


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
    doc["article"]["title"] = "Other"
    store.upsert_extraction(doc)
    assert store.search(Filters(q="zanzibarish")).articles.total == 0


def test_crash_mid_run_loses_nothing_and_rerun_duplicates_nothing(tmp_path):
    path = str(tmp_path / "c.sqlite")
    docs = [sample_doc(i) for i in range(6)]
    s = open_store(path)
    for d in docs[:3]:
        s.upsert_extraction(d)
    s.conn.execute("BEGIN IMMEDIATE")  # article 4 half-written, then the process dies
    s.conn.execute("INSERT INTO articles (id, text, doc_hash, ingested_at) VALUES (?, 'x', 'h', 'now')",
                   (docs[3]["article"]["id"],))
    s.conn.execute("INSERT INTO article_tags (article_id, tag) VALUES (?, 'x')", (docs[3]["article"]["id"],))
    s.conn.close()
    s = open_store(path)
    assert s.counts()["articles"] == 3 and s.counts()["article_tags"] == sum(len(d["article"]["tags"]) for d in docs[:3])
    results = [s.upsert_extraction(d) for d in docs]
    assert [r.changed for r in results] == [False] * 3 + [True] * 3
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
    assert ev["claims"][0]["article_id"] == doc["article"]["id"]
    assert ev["claims"][0]["claimant"] == "police sources"
    assert ev["date"] == {"start": "2024-01-04", "end": "2024-01-04", "precision": "day", "text": "04 January 2024"}
    art = store.get_article(doc["article"]["id"])
    for span in art["events"][0]["evidence"] + art["events"][0]["claims"]:
        assert art["text"][span["start"]:span["end"]] == span["text"]
    assert store.get_event("missing") is None and store.get_article("missing") is None


def test_fused_event_lists_member_articles_and_all_claims(store):
    a, b = sample_doc(0), sample_doc(1)
    store.upsert_extraction(a)
    store.upsert_extraction(b)
    c = store.conn  # what the fusion stage will do: one fused row over two article events
    c.execute("INSERT INTO events (id, kind, status) VALUES ('fused1', 'fused', 'occurred')")
    for d in (a, b):
        c.execute("INSERT INTO event_articles VALUES ('fused1', ?)", (d["article"]["id"],))
        c.execute("INSERT INTO claims SELECT 'fused1', article_id, idx, field, value, qualifier, claimant,"
                  " reported_by, superseded, start, \"end\", text, victims, side FROM claims WHERE event_id = ?", (d["events"][0]["id"],))
        c.execute("UPDATE events SET fused_into = 'fused1' WHERE id = ?", (d["events"][0]["id"],))
    fused = store.get_event("fused1")
    assert sorted(fused["articles"]) == sorted([a["article"]["id"], b["article"]["id"]])
    assert {cl["article_id"] for cl in fused["claims"]} == set(fused["articles"])
    assert [e["id"] for e in store.search(Filters()).events.items] == ["fused1"]
    store.upsert_extraction(a)  # re-ingesting a member leaves the fused event in place
    assert store.get_event("fused1") is not None


def test_migrations_are_recorded_and_not_rerun(tmp_path):
    conn = sqlite3.connect(str(tmp_path / "m.sqlite"), isolation_level=None)
    assert migrate(conn) == [v for v, _, _ in MIGRATIONS]
    assert migrate(conn) == []
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    assert versions == [v for v, _, _ in MIGRATIONS]


def test_failed_migration_rolls_back(tmp_path):
    conn = sqlite3.connect(str(tmp_path / "m.sqlite"), isolation_level=None)

    def bad(c):
        c.execute("CREATE TABLE half (x)")
        c.execute("THIS IS NOT SQL")

    with pytest.raises(StoreError, match="migration 1"):
        migrate(conn, [(1, "bad", bad)])
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == 0


def test_newer_schema_is_refused(tmp_path):
    path = str(tmp_path / "n.sqlite")
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    conn.commit()
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_open_store_by_url(tmp_path):
    assert sqlite_path("sqlite:///rel/w.db") == "rel/w.db"
    assert sqlite_path("sqlite:////abs/w.db") == "/abs/w.db"
    s = open_store(f"sqlite:///{tmp_path}/u.sqlite")
    s.close()
    assert (tmp_path / "u.sqlite").exists()
    with pytest.raises(StoreError, match="cannot connect"):  # the PostgreSQL backend: tests/test_store_postgres.py
        open_store("postgresql://nobody@127.0.0.1:1/wirewatch")
    with pytest.raises(ConfigError, match="scheme"):
        open_store("mysql://x")


def test_readonly_store_refuses_writes(tmp_path):
    path = str(tmp_path / "r.sqlite")
    open_store(path).close()
    s = open_store(path, readonly=True)
    with pytest.raises(StoreError):
        s.upsert_extraction(sample_doc(0))
    s.close()


def test_iter_events_yields_contract_events(store):
    for i in range(3):
        store.upsert_extraction(sample_doc(i, events=2))
    events = list(store.iter_events(Filters(countries=("IQ",))))
    assert len(events) == 6 and all(e["location"]["country_code"] == "IQ" for e in events)
    assert all(e["articles"] and e["evidence"] for e in events)


def test_facet_cache_follows_writes_from_any_connection(tmp_path):
    path = str(tmp_path / "f.sqlite")
    writer = open_store(path)
    reader = open_store(path, readonly=True)
    writer.upsert_extraction(sample_doc(0))
    assert reader.facets(Filters())["country"].values[0].count == 1
    writer.upsert_extraction(sample_doc(1))  # another connection commits
    assert reader.facets(Filters())["country"].values[0].count == 2
    writer.upsert_extraction(sample_doc(2))
    assert writer.facets(Filters())["country"].values[0].count == 3
    writer.upsert_extraction(sample_doc(10))  # its own write
    assert writer.facets(Filters())["country"].values[0].count == 4
    reader.close()
    writer.close()


def test_a_writer_keeps_a_larger_page_cache_than_a_reader(tmp_path):
    """The full-text indexes' merges outgrow a small cache as the archive grows (docs/benchmarks.md)."""
    from wirewatch.store.sqlite import READER_CACHE_KIB, WRITER_CACHE_KIB

    path = tmp_path / "w.sqlite"
    with open_store(str(path)) as writer:
        assert writer.conn.execute("PRAGMA cache_size").fetchone()[0] == -WRITER_CACHE_KIB
    with open_store(str(path), readonly=True) as reader:
        assert reader.conn.execute("PRAGMA cache_size").fetchone()[0] == -READER_CACHE_KIB
    assert WRITER_CACHE_KIB >= 8 * READER_CACHE_KIB
