"""``wirewatch eval time``: TimeML parsing, relaxed alignment, TempEval-3 style scores."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wirewatch.errors import ConfigError
from wirewatch.evaluate import EVALUATORS, get
from wirewatch.evaluate.time_eval import Tally, align, evaluate, parse_timeml, run

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="1998-12-05T09:42" functionInDocument="CREATION_TIME">12/05/1998</TIMEX3></DCT>
<TEXT>
Officials &amp; police <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-12-05">Saturday</TIMEX3>
that talks <EVENT eid="e2">lasted</EVENT> <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>
and resumed <TIMEX3 tid="t3" type="DATE" value="1998-11">last month</TIMEX3>, after weeks of <TIMEX3 tid="t4" type="DATE" value="PAST_REF">recent</TIMEX3> fighting.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def doc_path(tmp_path: Path) -> Path:
    path = tmp_path / "X1.tml"
    path.write_text(TIMEML, encoding="utf-8")
    return path


def test_parse_timeml_reanchors_gold_on_plain_text(doc_path: Path) -> None:
    doc = parse_timeml(doc_path)
    assert doc.dct == date(1998, 12, 5)
    assert "<" not in doc.text and "Officials & police said Saturday" in doc.text
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("Saturday", "DATE", "1998-12-05"), ("three days", "DURATION", "P3D"),
        ("last month", "DATE", "1998-11"), ("recent", "DATE", "PAST_REF")]
    assert all(doc.text[g.start:g.end] == g.text for g in doc.gold)


def test_run_scores_relaxed_spans_and_values(doc_path: Path) -> None:
    tallies, outputs, elapsed = run([parse_timeml(doc_path)])
    total = tallies["all"]
    # the tagger finds Saturday, three days, last month; "recent" alone is not tagged (low precision in news)
    assert (total.gold, total.system, total.matched_gold, total.value_correct) == (4, 3, 3, 3)
    metrics = total.metrics()
    assert metrics["precision"] == 1.0 and metrics["recall"] == 0.75
    assert metrics["value_f1"] == pytest.approx(metrics["f1"] * metrics["value_accuracy"])
    assert tallies["DURATION"].metrics()["value_accuracy"] == 1.0
    assert elapsed >= 0 and len(outputs) == 1


def test_align_is_one_to_one_on_overlap(doc_path: Path) -> None:
    from wirewatch.extract.times import tag_text

    doc = parse_timeml(doc_path)
    mentions = tag_text(doc.text, doc.dct)
    pairs = align(doc.gold, mentions)
    matched = [(g.text, s.span.text) for g, s in pairs if g is not None and s is not None]
    assert matched == [("Saturday", "Saturday"), ("three days", "three days"), ("last month", "last month")]
    assert [g.text for g, s in pairs if s is None] == ["recent"]


def test_tally_with_nothing_is_zero() -> None:
    assert Tally().metrics()["value_f1"] == 0.0


def test_registered_and_needs_shared() -> None:
    assert EVALUATORS["time"] == "wirewatch.evaluate.time_eval:evaluate"
    assert get("time") is evaluate
    with pytest.raises(ConfigError, match="shared"):
        evaluate(None, None)


def test_evaluate_on_the_development_set(shared: Path) -> None:
    result = evaluate(shared, 20)
    assert result["command"] == "wirewatch eval time --limit 20"
    assert result["documents"] == 20 and result["gold"] > 100
    assert set(result["per_type"]) <= {"DATE", "TIME", "DURATION", "SET"}
    assert 0.0 < result["value_f1"] <= result["f1"] <= 1.0
    assert result["speed"]["articles_3kb_per_second"] > 0
