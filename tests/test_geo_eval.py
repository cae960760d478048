"""``wirewatch eval geo``: registered, refuses to run without data, and measures on a few articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.errors import ConfigError
from wirewatch.evaluate import EVALUATORS, get
from wirewatch.evaluate.geo_eval import evaluate, read_set


def test_registered() -> None:
    assert EVALUATORS["geo"] == "wirewatch.evaluate.geo_eval:evaluate"
    assert get("geo") is evaluate


def test_needs_shared_data() -> None:
    with pytest.raises(ConfigError):
        evaluate(None, 1)


@pytest.mark.shared
def test_gold_offsets_point_at_the_names(shared: Path) -> None:
    for name in ("lgl", "geovirus"):
        docs = read_set(shared, name)
        assert docs and all(doc.text[g.start:g.end].strip() for doc in docs[:50] for g in doc.gold)


@pytest.mark.shared
def test_small_run_reports_every_measure(shared: Path) -> None:
    result = evaluate(shared, 3)
    assert result["command"] == "wirewatch eval geo --limit 3"
    for name in ("lgl", "geovirus"):
        part = result[name]
        assert part["articles"] == 3
        assert 0.0 <= part["gold_spans"]["acc@161km"] <= 1.0
        assert 0.0 <= part["recognition"]["f1"] <= 1.0
        assert part["end_to_end"]["n"] > 0
    assert result["lgl"]["gold_spans"]["acc@161km"] > 0.5
