"""Fusion on PostgreSQL: the same module as on SQLite (``store.fused``), the same fused events on the
same input, re-fusion after an article is stored again, and two writers that fuse at once.

Server: as in tests/test_store_postgres.py ($WIREWATCH_TEST_PG, else a throwaway server)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from test_fuse_followup import ARREST, FIRST, NO_EVENT, OTHER, UPDATE
from test_fuse_store import DOCS

from wirewatch.search.filters import Filters
from wirewatch.store import open_store
from wirewatch.store.fused import iter_fused, pending, refresh, refuse
from wirewatch.store.synthetic import variations

pytest.importorskip("psycopg", reason="the PostgreSQL tests need psycopg (the `scale` extra)")

CORPUS = [*DOCS, FIRST, UPDATE, ARREST, OTHER, NO_EVENT, *variations(30)]


def fused(store) -> list[dict]:
    """Every fused record, without the time it was written."""
    return sorted(({k: v for k, v in e.items() if k != "updated_at"} for e in iter_fused(store)),
                  key=lambda e: e["id"])


def sqlite_fused(docs) -> list[dict]:
    with open_store(":memory:") as s:
        s.upsert_extractions(docs)
        refresh(s)
        return fused(s)


def test_same_fused_events_as_sqlite(pg_url):
    with open_store(pg_url) as pg:
        pg.upsert_extractions(CORPUS)
        assert pending(pg) == len(CORPUS)
        refresh(pg)
        assert pending(pg) == 0
        got = fused(pg)
        merged = [e for e in got if len(e["articles"]) > 1]
        assert len(merged) >= 2
        assert got == sqlite_fused(CORPUS)
        # search sees the fused events, with the facets of their member articles
        ids = {e["id"] for e in got}
        listed = {e["id"] for e in pg.search(Filters(countries=("IQ",)), per_page=100).events.items}
        assert listed & ids
        assert pg.facets(Filters(countries=("IQ",))) == pg.facets_per_query(Filters(countries=("IQ",)))


def test_an_article_stored_again_is_fused_again(pg_url):
    changed = json.loads(json.dumps(DOCS[2]))
    changed["article"]["title"] = "Report a3, updated"
    with open_store(pg_url) as pg:
        pg.upsert_extractions(CORPUS)
        refresh(pg)
        pg.upsert_extraction(changed)
        assert pending(pg) >= 1
        refresh(pg)
        docs = [changed if d["article"]["id"] == changed["article"]["id"] else d for d in CORPUS]
        assert fused(pg) == sqlite_fused(docs)
        before = fused(pg)
        assert [e.id for e in refuse(pg)] == [e["id"] for e in before]
        assert fused(pg) == before


def test_two_writers_fuse_one_after_the_other(pg_url):
    """Two processes' connections ingest and fuse at once: the advisory lock makes the second
    fusion wait for the first, and the result is the one-writer result."""
    from wirewatch.store.postgres_schema import FUSION_LOCK

    open_store(pg_url).close()  # migrate once
    holder = open_store(pg_url)
    holder.raw.execute("SELECT pg_advisory_lock(%s)", (FUSION_LOCK,))
    errors: list[BaseException] = []

    def writer(docs: list[dict]) -> None:
        try:
            with open_store(pg_url) as s:
                for d in docs:
                    s.upsert_extraction(d)
                refresh(s)
        except BaseException as exc:  # reported by the test thread
            errors.append(exc)

    halves = [CORPUS[0::2], CORPUS[1::2]]
    threads = [threading.Thread(target=writer, args=(h,)) for h in halves]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=2)
    assert all(t.is_alive() for t in threads)  # both wait for the lock another process holds
    holder.raw.execute("SELECT pg_advisory_unlock(%s)", (FUSION_LOCK,))
    holder.close()
    for t in threads:
        t.join(timeout=120)
    assert not errors and not any(t.is_alive() for t in threads)
    with open_store(pg_url) as pg:
        assert pending(pg) == 0
        assert fused(pg) == sqlite_fused(CORPUS)
        # the per-cell facet counts the two writers kept equal cells computed from scratch
        from test_facet_cells import cell_rows

        from wirewatch.store import facet_cells
        kept = cell_rows(pg)
        assert facet_cells.clean(pg.conn) and kept[0]
        with pg.transaction():
            facet_cells.build_all(pg.conn, pg.dialect.unnest)
        assert cell_rows(pg) == kept


def _cached_fusion_lines(limit: int) -> list[dict]:
    from wirewatch.config import cache_dir

    paths = sorted(Path(cache_dir(), "fusion-eval").glob("*/docs/*/*.json"))[:limit]
    return [json.loads(p.read_text()) for p in paths]


def test_cached_fusion_set_articles_fuse_alike(pg_url):
    """Real articles (the fusion evaluator's cached extractions of GVA and BASIL): same fused events."""
    lines = _cached_fusion_lines(150)
    if len(lines) < 20:
        pytest.skip("no cached fusion-eval extractions (run `wirewatch eval fusion` once)")
    with open_store(pg_url) as pg:
        pg.upsert_extractions(lines)
        refresh(pg)
        got = fused(pg)
    assert got == sqlite_fused(lines)
    assert any(len(e["articles"]) > 1 for e in got)


def test_export_from_postgresql_lists_main_articles(pg_url, tmp_path):
    """`wirewatch export --db postgresql://...` fuses what is pending and exports the fused events."""
    import argparse

    from wirewatch.commands import export as cmd

    with open_store(pg_url) as pg:
        pg.upsert_extractions(DOCS)
    out = tmp_path / "out.jsonl"
    parser = argparse.ArgumentParser()
    cmd.add_arguments(parser)
    assert cmd.run(parser.parse_args(["--format", "plover-jsonl", "--db", pg_url, "-o", str(out)])) == 0
    records = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    merged = next(r for r in records if len(r["articles"]) == 3)
    assert sorted(merged["articles"]) == ["a1", "a2", "a3"] and merged["main_articles"]
