"""Scale-out: the process pool and the Dask engine give exactly the sequential output, in input order;
Parquet shards round-trip into the store; the relevance gate keeps every conflict article."""

from __future__ import annotations

import argparse

import pytest

from wirewatch.model import Failure, RawDocument
from wirewatch.scale.pool import chunked, contract_of, map_contracts

TEXTS = (
    "BAGHDAD, Jan 4 (Wirewatch) - A drone strike hit a car in Baghdad on Thursday, killing four fighters,"
    " police sources said.",
    "The city council approved a new budget for public libraries on Monday after a long debate.",
    "MOGADISHU, March 2 (Wirewatch) - Al-Shabaab militants attacked an army base near Mogadishu on Sunday;"
    " two soldiers were killed and five wounded, officials said.",
)


def _docs() -> list[RawDocument | Failure]:
    docs: list[RawDocument | Failure] = [RawDocument(source=f"t{i}.txt", content=t, kind="text")
                                         for i, t in enumerate(TEXTS)]
    docs.insert(1, Failure("broken.html", "read", "W101", "cannot decode"))
    return docs


@pytest.fixture(scope="module")
def sequential(resources) -> list[dict]:
    return [contract_of(d, resources) for d in _docs()]


def test_chunked_keeps_order_and_remainder():
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]


def test_pool_output_equals_sequential_in_order(sequential):
    got = list(map_contracts(_docs(), workers=2, chunksize=1))
    assert [d["article"]["id"] for d in got] == [d["article"]["id"] for d in sequential]
    assert got == sequential
    assert got[1]["failures"][0]["code"] == "W101"  # a read failure travels through in its place


def test_pool_rejects_bad_worker_count():
    from wirewatch.errors import ConfigError

    with pytest.raises(ConfigError, match="--workers"):
        list(map_contracts(_docs(), workers=0))


def _run_ingest(argv: list[str]) -> int:
    from wirewatch.commands import ingest

    p = argparse.ArgumentParser()
    ingest.add_arguments(p)
    return ingest.run(p.parse_args(argv))


def test_ingest_with_workers_stores_like_one_process(tmp_path, capsys, resources):
    from wirewatch.store import open_store

    paths = []
    for i, text in enumerate(TEXTS):
        path = tmp_path / f"a{i}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(str(path))
    one, two = str(tmp_path / "one.sqlite"), str(tmp_path / "two.sqlite")
    assert _run_ingest([*paths, "--db", one, "--no-progress"]) == 0
    assert _run_ingest([*paths, "--db", two, "--no-progress", "--workers", "2", "--chunk", "1"]) == 0
    assert _run_ingest([*paths, "--db", two, "--no-progress", "--workers", "2"]) == 0
    assert "0 stored, 3 unchanged" in capsys.readouterr().err.splitlines()[-1]
    with open_store(one) as a, open_store(two) as b:
        rows = "SELECT id, doc_hash FROM articles ORDER BY rid"
        assert a.conn.execute(rows).fetchall() == b.conn.execute(rows).fetchall()
        assert a.counts() == b.counts()


@pytest.mark.timeout(180)
def test_dask_local_cluster_equals_sequential_and_shards_round_trip(sequential, tmp_path):
    pytest.importorskip("distributed")
    from wirewatch.scale.dask_engine import DaskOptions, _run_blocks, dask_client
    from wirewatch.scale.dask_engine import map_contracts as dask_map
    from wirewatch.scale.shards import read_shards

    out = tmp_path / "shards"
    with dask_client(DaskOptions(n_workers=2)) as client:  # one local cluster of 2 worker processes
        assert list(dask_map(_docs(), DaskOptions(partition_size=2), client)) == sequential
        summaries = list(_run_blocks(_docs(), DaskOptions(partition_size=2, parquet_out=str(out)), client))
    assert [s["rows"] for s in summaries] == [2, 2] and len(list(out.glob("*.parquet"))) == 2
    assert list(read_shards([str(out)])) == sequential


def _conflict_demo() -> list[tuple[str, str]]:
    from wirewatch.evaluate.golden_eval import demo_articles

    return [(name, text) for name, text, exp in demo_articles() if exp.get("events_must")]


def test_gate_keeps_every_demo_conflict_article():
    from wirewatch.scale.relevance import is_relevant

    arts = _conflict_demo()
    assert len(arts) >= 30
    missed = [(name, is_relevant(text)[1]) for name, text in arts if not is_relevant(text)[0]]
    assert missed == []


def test_gate_keeps_every_golden_article(shared):
    from wirewatch.scale.relevance import is_relevant

    files = sorted((shared / "golden").glob("*.txt"))
    assert files
    assert [f.name for f in files if not is_relevant(f.read_text(encoding="utf-8"))[0]] == []


def test_gate_turns_away_ordinary_news_and_says_why():
    from wirewatch.evaluate.golden_eval import demo_articles
    from wirewatch.scale.nonconflict import nonconflict_texts
    from wirewatch.scale.relevance import is_relevant

    demo = {name: text for name, text, _ in demo_articles()}
    for name in ("sports-cup-final-extra-time", "business-opec-output-cut", "science-asteroid-sample-study"):
        ok, reason = is_relevant(demo[name])
        assert not ok and reason.startswith("no conflict cues"), (name, reason)
    generated = nonconflict_texts(60)
    rejected = [t for _, t in generated if not is_relevant(t)[0]]
    assert len(rejected) >= 0.8 * len(generated)
    assert is_relevant("Gunmen attacked a checkpoint.") == (True, "strong cue 'gunmen'")
    assert is_relevant("") == (False, "empty text")


def test_gate_reads_every_short_text():
    from wirewatch.scale.relevance import SHORT, is_relevant

    ok, reason = is_relevant("Iraqi forces retake crossing on Syria border")  # one cue kind only, but a headline
    assert ok and reason.startswith("short text"), reason
    assert is_relevant("Turkish jets hit PKK militants")[1] == "strong cue 'pkk'"
    assert not is_relevant("Markets rally after the rate decision. " * (SHORT // 30))[0]


def test_gated_article_is_kept_without_heavy_stages(resources):
    from wirewatch.scale.pool import contract_of
    from wirewatch.scale.relevance import process_gated

    body = ("Shares rose on Monday in Lisbon after the central bank held its main rate. Traders said the "
            "decision had been expected for weeks and that bank stocks led the gains. ") * 3
    raw = RawDocument(source="x.txt", content=f"Markets rally after rate decision\n\n{body}\n",
                      kind="text", tags=("Markets",))
    gated = process_gated(raw, resources)  # no event extraction, but places, times and tags (#14)
    assert gated.article.text and gated.events == () and "markets" in gated.tags
    assert {m.span.text for m in gated.places} == {"Lisbon"} and "Monday" in {t.span.text for t in gated.times}
    full = contract_of(raw, resources, gate=False)  # --no-gate: the whole pipeline runs
    assert full["article"]["id"] == gated.article.id and full["places"]


def test_gdelt_projection_and_peak_memory_reader():
    from wirewatch.bench.scale import projection, vm_hwm_mib

    assert projection(10.0) == round(200_000 / 10.0 / 16 / 3600, 2)
    assert projection(10.0, 0.2, 100.0) < projection(10.0)
    assert vm_hwm_mib() > 10 and vm_hwm_mib(999_999_999) is None


def test_gate_recall_on_dev_sets(shared):
    from wirewatch.bench.gate import recall_sets
    from wirewatch.bench.scale import conflict_corpus

    sets = recall_sets(shared, conflict_corpus(shared))
    assert sets["demo_and_golden_conflict"]["recall"] == 1.0
    if "muc4_dev_with_events" in sets:
        assert sets["muc4_dev_with_events"]["recall"] >= 0.99


def test_ingest_parquet_command_loads_shards(tmp_path, capsys):
    from wirewatch.scale.shards import write_shard
    from wirewatch.store import open_store
    from wirewatch.store.synthetic import sample_doc

    docs = [sample_doc(i) for i in range(3)]
    write_shard(docs[:2], str(tmp_path / "s" / "part-000000-00000.parquet"))
    write_shard(docs[2:], str(tmp_path / "s" / "part-000000-00001.parquet"), first_seq=2)
    db = str(tmp_path / "p.sqlite")
    assert _run_ingest([str(tmp_path / "s"), "--parquet", "--db", db, "--no-progress"]) == 0
    assert _run_ingest([str(tmp_path / "s"), "--parquet", "--db", db, "--no-progress"]) == 0
    assert "0 stored, 3 unchanged" in capsys.readouterr().err
    with open_store(db) as s:
        assert [r[0] for r in s.conn.execute("SELECT id FROM articles ORDER BY rid")] == [
            d["article"]["id"] for d in docs]
