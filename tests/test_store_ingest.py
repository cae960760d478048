"""`wirewatch ingest` and `wirewatch search` commands: stored once, summary line, table and JSON output."""

from __future__ import annotations

import argparse
import json

import pytest

from wirewatch.commands import ingest, search
from wirewatch.store import open_store
from wirewatch.store.synthetic import sample_doc


def _run(module, argv: list[str]) -> int:
    p = argparse.ArgumentParser()
    module.add_arguments(p)
    return module.run(p.parse_args(argv))


@pytest.fixture()
def jsonl(tmp_path):
    path = tmp_path / "x.jsonl"
    docs = [sample_doc(i) for i in range(3)]
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n")
    return path


def test_ingest_extractions_twice_stores_once(tmp_path, jsonl, capsys):
    db = str(tmp_path / "i.sqlite")
    assert _run(ingest, [str(jsonl), "--db", db, "--extractions", "--no-progress"]) == 0
    assert "3 stored, 0 unchanged" in capsys.readouterr().err
    assert _run(ingest, [str(jsonl), "--db", db, "--extractions", "--no-progress"]) == 0
    assert "0 stored, 3 unchanged" in capsys.readouterr().err
    with open_store(db) as s:
        assert s.counts()["articles"] == 3


def test_ingest_bad_document_becomes_a_failure(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"article": {"id": "a1"}}) + "\n" + json.dumps(sample_doc(1)) + "\n")
    db = str(tmp_path / "b.sqlite")
    assert _run(ingest, [str(path), "--db", db, "--extractions", "--no-progress"]) == 0
    assert "1 failure(s)" in capsys.readouterr().err
    with open_store(db) as s:
        assert s.counts()["failures"] == 1 and s.counts()["articles"] == 1


def test_search_command_table_and_json(tmp_path, jsonl, capsys):
    db = str(tmp_path / "s.sqlite")
    _run(ingest, [str(jsonl), "--db", db, "--extractions", "--no-progress"])
    capsys.readouterr()
    assert _run(search, ["drone strike", "--date", "2024-01-04", "--tag", "airstrike", "--country", "IQ",
                         "--db", db]) == 0
    out = capsys.readouterr().out
    assert "date is 2024-01-04 and tag is airstrike and country is IQ" in out
    assert "[date 2024-01-04 ×]" in out and "Air/drone strike" in out
    assert _run(search, ["--country", "IQ", "--json", "--db", db]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["events"]["total"] == 3 and data["chips"][0]["label"] == "country IQ"


def test_ingest_runs_the_pipeline_end_to_end(tmp_path, capsys):
    pytest.importorskip("wirewatch.extract.events")
    pytest.importorskip("wirewatch.ingest.normalise")
    try:
        from wirewatch.pipeline import default_resources

        default_resources().annotator  # noqa: B018 - the model loads lazily; fail here, not mid-test
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"the pipeline cannot run here: {exc}")
    article = tmp_path / "a.txt"
    article.write_text("Drone strike kills four in Baghdad\n\nBAGHDAD, Jan 4 (Wirewatch) - A drone strike hit a "
                       "car in Baghdad on Thursday, killing four fighters, police sources said.\n")
    db = str(tmp_path / "p.sqlite")
    assert _run(ingest, [str(article), "--db", db, "--no-progress"]) == 0
    assert "1 stored" in capsys.readouterr().err
    assert _run(ingest, [str(article), "--db", db, "--no-progress"]) == 0
    assert "0 stored, 1 unchanged" in capsys.readouterr().err
    with open_store(db) as s:
        assert s.counts()["articles"] == 1


def test_search_without_database_says_how_to_make_one(tmp_path):
    from wirewatch.errors import ConfigError

    with pytest.raises(ConfigError, match="wirewatch ingest"):
        _run(search, ["--db", str(tmp_path / "missing.sqlite")])
    assert not (tmp_path / "missing.sqlite").exists()
