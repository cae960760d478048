"""Fused events in the SQLite store: written beside the article events, independent of ingest order."""

from __future__ import annotations

import copy

import pytest
from test_fuse import MOSUL, NUJABA, US, event

from wirewatch.search.filters import Filters
from wirewatch.store import open_store
from wirewatch.store.fused import fused_doc, iter_fused, pending, refresh, refuse

STRIKE = "A U.S. drone strike hit a car carrying Harakat al-Nujaba commanders in eastern Baghdad, killing {n}."


def _doc(aid: str, outlet: str, published: str, ev: dict) -> dict:
    ev = copy.deepcopy(ev)
    ev["id"] = f"{aid}-{ev['id']}"
    return {"schema": "wirewatch.extraction/1",
            "article": {"id": aid, "title": f"Report {aid}", "published": published, "outlet": outlet,
                        "agency": None, "byline": None, "url": None, "tags": [], "text": ev["evidence"][0]["text"]},
            "places": [], "times": [], "events": [ev], "failures": []}


DOCS = [
    _doc("a1", "Reuters", "2024-01-04T18:00:00+00:00",
         event(evidence=STRIKE.format(n="four"), actors=(US, NUJABA), claims=(("fatalities", 4, "police"),))),
    _doc("a2", "AP", "2024-01-04T19:00:00+00:00",
         event(evidence=STRIKE.format(n="two"), actors=(NUJABA,), claims=(("fatalities", 2, "militia spokesperson"),))),
    _doc("a3", "Reuters", "2024-01-05T08:00:00+00:00",
         event(evidence=STRIKE.format(n="seven") + " The toll rose.", actors=(US, NUJABA),
               claims=(("fatalities", 7, "police"),))),
    _doc("m1", "AFP", "2024-01-04T20:00:00+00:00",
         event(evidence="A drone strike hit a vehicle near Mosul.", loc=MOSUL)),
]


def _store(order):
    store = open_store(":memory:")
    for d in order:
        store.upsert_extraction(d)
    return store


def _docs(store) -> list[dict]:
    return sorted(iter_fused(store), key=lambda e: e["id"])


def test_refresh_writes_fused_events_that_search_and_export_see():
    store = _store(DOCS)
    assert pending(store) == 4
    assert refresh(store) == 2
    assert pending(store) == 0
    fused = _docs(store)
    assert sorted(e["articles"] for e in fused) == [["a1", "a2", "a3"], ["m1"]]
    merged = next(e for e in fused if len(e["articles"]) == 3)
    assert [d["text"] for d in merged["disagreements"]] == ["police: 7, militia spokesperson: 2"]
    assert fused_doc(store, merged["id"])["fatalities"]["best"] == 7
    page = store.search(Filters())
    kinds = {item["id"]: item["kind"] for item in page.events.items}
    assert kinds == {e["id"]: "fused" for e in fused}  # member article events drop out of search
    stored = store.get_event(merged["id"])
    assert stored["articles"] == ["a1", "a2", "a3"] and len(stored["claims"]) == 3


def test_same_events_whatever_the_ingest_order_and_batching():
    once = _store(DOCS)
    refresh(once)
    stepwise = open_store(":memory:")
    for d in reversed(DOCS):
        stepwise.upsert_extraction(d)
        refresh(stepwise)
    assert _docs(once) == _docs(stepwise)
    assert stepwise.counts()["events"] == len(DOCS) + 2  # article events + fused events, no leftovers


def test_refuse_everything_is_idempotent():
    store = _store(DOCS)
    first = [e.to_dict() for e in refuse(store)]
    again = [e.to_dict() for e in refuse(store)]
    assert first == again == _docs(store)


@pytest.mark.parametrize("fmt", ["geojson", "plover-jsonl"])
def test_export_command_reads_the_store(tmp_path, fmt):
    import argparse

    from wirewatch.commands import export as cmd

    db = tmp_path / "w.sqlite"
    store = open_store(str(db))
    for d in DOCS:
        store.upsert_extraction(d)
    store.close()
    out = tmp_path / "out.json"
    parser = argparse.ArgumentParser()
    cmd.add_arguments(parser)
    assert cmd.run(parser.parse_args(["--format", fmt, "--db", str(db), "-o", str(out)])) == 0
    assert '"a1", "a2", "a3"' in out.read_text()


def test_an_undated_event_of_an_undated_article_is_still_fused_and_exported():
    ev = event(evidence="Gunmen attacked a checkpoint.")
    ev["date"] = None
    doc = _doc("u1", "AFP", None, ev)
    store = _store([doc])
    assert pending(store) == 1
    refresh(store)
    assert pending(store) == 0
    assert [e["articles"] for e in iter_fused(store)] == [["u1"]]


def test_the_index_returns_every_candidate_pair_and_reads_no_profile_it_need_not():
    """``fusion_index.candidates`` applies ``pairs.candidate``'s key and day test in SQL: every stored mention
    that passes it is returned, and a mention sharing one key more than a week away is not."""
    import random
    from datetime import date, timedelta

    from wirewatch.fuse.names import Names
    from wirewatch.fuse.pairs import candidate
    from wirewatch.fuse.profile import Profile
    from wirewatch.store import fusion_index

    rng = random.Random(7)
    words = [f"w:{w}" for w in "alpha beta gamma delta epsilon zeta eta theta".split()]
    names = ["n:ali hassan", "s:okonkwo", "n:maria lopez"]

    def profile(k: int) -> Profile:
        keys = frozenset(rng.sample(words, rng.randint(1, 3)))
        full = frozenset(n[2:] for n in rng.sample(names, rng.randint(0, 1)) if n.startswith("n:"))
        return Profile(uid=f"u{k}", article_id=f"a{k}", day=date(2024, 1, 1) + timedelta(days=rng.randint(0, 60)),
                       explicit_day=True, vector={}, title={}, keys=keys,
                       names=Names(full, frozenset(n.split()[-1] for n in full)), places=frozenset(), event={},
                       follow_up=False, document=False, outlet=None)

    stored = [profile(k) for k in range(120)]
    store = open_store(":memory:")
    with store.transaction():
        fusion_index.add(store.conn, stored, _any_model())
    for p in [profile(1000 + k) for k in range(30)]:
        found = fusion_index.candidates(store.conn, p)
        wanted = {q.uid for q in stored if candidate(p, q)}
        assert found == wanted  # all of them, and no mention whose profile the pair test would turn away


def _any_model():
    from wirewatch.fuse.decide import FuseConfig

    return FuseConfig().pair_model()
