"""`wirewatch bench` prints its figures and writes them to a file (the figures themselves are not
asserted: speed is a measurement, not a unit-test bound)."""

from __future__ import annotations

import json
from pathlib import Path

from wirewatch.cli import main


def test_bench_writes_every_figure(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bench.json"
    assert main(["bench", "--seconds", "0", "--out", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    demo = result["corpora"]["demo"]
    assert demo["articles"] >= 32
    for key in ("model_alone_articles_per_s", "pipeline_articles_per_s", "pipeline_over_model"):
        assert demo[key] > 0
    assert set(demo["ms_per_article_by_stage"]) == {"normalise", "model", "times", "places", "event model", "events",
                                                    "tags"}
    assert demo["sentences_encoded_per_article"] > 0 and result["event_model_mib"] > 0
    assert result["peak_rss_mib"] > 0
    assert "NLP model alone" in capsys.readouterr().out
