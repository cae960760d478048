"""``wirewatch bench --scale N``: the synthetic archive is valid contract data drawn from a profile,
and the benchmark reports every figure for the stores it ran (no timing is asserted)."""

from __future__ import annotations

import pytest

from wirewatch.bench import archive, archive_data
from wirewatch.store import open_store
from wirewatch.store.synthetic import variations


def _profile() -> archive_data.Profile:
    docs = variations(12)
    events = tuple(e for d in docs for e in (archive_data._event(x, "") for x in d["events"]) if e)
    return archive_data.Profile(events, (1, 1, 2), (("iraq", "airstrike"), ("protest",)), ("Example News", "AP"),
                                {"synthetic": len(events)})


def test_articles_are_valid_documents_drawn_from_the_profile():
    profile = _profile()
    docs = list(archive_data.articles(profile, 300, seed=3))
    assert sum(len(d["events"]) for d in docs) >= 300
    with open_store(":memory:") as s:
        s.upsert_extractions(docs)  # validates every span and field
        assert s.counts()["events"] == sum(len(d["events"]) for d in docs)
    types = {e["event_type"] for d in docs for e in d["events"]}
    assert types <= {e["event_type"] for e in profile.events}
    assert {d["article"]["outlet"] for d in docs} == {"Example News", "AP"}
    assert docs == list(archive_data.articles(profile, 300, seed=3))  # deterministic


def test_archive_benchmark_reports_every_endpoint(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "load_profile", _profile)
    result = archive.run(500, tmp_path, ("sqlite",), n=5, cold_n=2)
    s = result["sqlite"]
    assert s["fixture"]["events"] >= 500 and not s["fixture"]["reused"]
    assert set(s["warm"]) == {"search_facets", "search_facets_per_query", "event_page", "map", "timeline",
                              "map_country", "timeline_country"}
    assert all(v["n"] == 5 and v["p50"] <= v["p95"] <= v["p99"] for v in s["warm"].values())
    assert all(v["n"] == 2 for v in s["cold"].values())
    again = archive.run(500, tmp_path, ("sqlite",), n=2, cold_n=1)
    assert again["sqlite"]["fixture"]["reused"]
    assert "sqlite:" in archive.table(again)


def test_queries_follow_stored_events():
    with open_store(":memory:") as s:
        s.upsert_extractions(list(archive_data.articles(_profile(), 50)))
        qs = archive.queries(s, 10, seed=1)
        assert all(s.search(f).events.total >= 1 for f in qs)
        assert all(len(f.countries) == 1 and len(f.event_types) == 1 and f.since and f.until for f in qs)


def test_no_cached_extractions_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="wirewatch eval"):
        archive_data.load_profile(tmp_path)
