"""`wirewatch eval fusion`: the cluster measures, the set loaders and floors on the shared sets."""

from __future__ import annotations

import pytest

from wirewatch.evaluate import EVALUATORS
from wirewatch.evaluate.fusion_eval import (
    Doc,
    _whole_clusters,
    evaluate_docs,
    load_basil,
    load_demo,
    load_gva,
    main_event,
    scores,
)


def test_pairwise_and_bcubed_on_a_hand_computed_example():
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y"}
    s = scores(pred, gold)
    # predicted pairs: ab, cd; gold pairs: ab, ac, bc -> tp 1
    assert s["pairwise"]["true_pairs"] == 1 and s["pairwise"]["predicted_pairs"] == 2
    assert s["pairwise"]["precision"] == 0.5 and s["pairwise"]["recall"] == pytest.approx(1 / 3, abs=1e-4)
    # B-cubed precision: a 1, b 1, c 1/2, d 1/2 -> 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 -> 2/3
    assert s["bcubed"]["precision"] == 0.75 and s["bcubed"]["recall"] == pytest.approx(2 / 3, abs=1e-4)


def test_all_singletons_have_zero_pairwise_f1_but_high_bcubed_precision():
    gold = {"a": "1", "b": "1", "c": "2"}
    s = scores({k: k for k in gold}, gold)
    assert s["pairwise"]["f1"] == 0.0 and s["bcubed"]["precision"] == 1.0


def test_limit_keeps_whole_clusters():
    docs = [Doc(str(i), g, None, "2024-01-01", None, "x") for i, g in enumerate("aabbbc")]
    assert [d.id for d in _whole_clusters(docs, 3)] == ["0", "1", "2", "3", "4"]


def test_main_event_is_the_most_confident_occurred_event():
    line = {"events": [{"id": "1", "status": "background", "confidence": 0.99, "evidence": []},
                       {"id": "2", "status": "occurred", "confidence": 0.6, "evidence": [{"start": 50}]},
                       {"id": "3", "status": "occurred", "confidence": 0.6, "evidence": [{"start": 10}]}]}
    assert main_event(line)["id"] == "3"
    assert main_event({"events": []}) is None


def test_demo_set_is_labelled_and_scored_without_the_pipeline():
    docs = load_demo()
    assert len(docs) == 15 and len({d.gold for d in docs}) == 7  # the funeral protest is the strike's follow-up
    result = evaluate_docs(docs, with_pipeline=False)
    assert {"document", "baseline_same_day_country", "baseline_tfidf"} <= set(result)
    assert EVALUATORS["fusion"] == "wirewatch.evaluate.fusion_eval:evaluate"


def test_document_fusion_floors_on_the_shared_sets(shared):
    gva = evaluate_docs(load_gva(shared), with_pipeline=False)
    assert gva["articles"] == 2742 and gva["gold_clusters"] == 1663
    # floors (dev set, document-level mentions only): better than the TF-IDF recipe of PROVENANCE.md
    assert gva["document"]["pairwise"]["f1"] >= 0.60 > gva["baseline_tfidf"]["pairwise"]["f1"]
    assert gva["document"]["bcubed"]["f1"] >= 0.87
    basil_docs = load_basil(shared)
    assert len({d.id for d in basil_docs}) == 300  # ids made unique where the set repeats "empty"
    basil = evaluate_docs(basil_docs, with_pipeline=False)
    assert basil["document"]["pairwise"]["gold_pairs"] == 300
    assert basil["document"]["pairwise"]["f1"] >= 0.88
