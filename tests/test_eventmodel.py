"""The trained event model: encoder, corpus, shipped weights and their tie to the corpus (issue #13)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

import numpy as np
import pytest

from wirewatch.errors import ConfigError
from wirewatch.evaluate.corpus_eval import corpus_root
from wirewatch.eventmodel.classifier import MANIFEST, WEIGHTS, EventModel, read_manifest, weights_path
from wirewatch.eventmodel.corpus import CorpusError, overlap, parse_item, read_items
from wirewatch.eventmodel.dataset import corpus_version, load_corpus, read_refs, strip_dateline, views
from wirewatch.eventmodel.encoder import Encoder, merge_delta
from wirewatch.eventmodel.labels import LABELS, NONE, REGISTERS, SUB_EVENT_TYPES
from wirewatch.eventmodel.onnx_encoder import OnnxEncoder, on_engine, quantize_columns
from wirewatch.eventmodel.train import TrainConfig, expected_calibration_error, fit_temperature

ROOT = corpus_root()

# sentence-transformers 6.3.0 on the same model.zip, normalize_embeddings=True: the first six numbers
REFERENCE = {
    "A drone strike killed four militia members in Baghdad on Thursday.":
        [0.11233, 0.00192, 0.02448, -0.10808, -0.00953, 0.01246],
    "Protesters burned tyres outside parliament.": [0.0599, 0.11027, 0.00968, 0.00913, 0.09756, -0.03006],
}


@pytest.fixture(scope="module")
def model() -> EventModel:
    return EventModel.load()


def test_numpy_encoder_matches_sentence_transformers():
    enc = Encoder.load()
    vecs = enc.embed(list(REFERENCE))
    for v, ref in zip(vecs, REFERENCE.values(), strict=True):
        unit = v / np.linalg.norm(v)
        assert np.allclose(unit[:6], ref, atol=2e-5)


def test_encoder_batches_by_length_without_changing_results():
    enc = Encoder.load()
    texts = ["Gunmen killed two farmers.", "A long sentence " * 20 + "about nothing in particular.", "Troops."]
    together = enc.embed(texts, batch_size=3)
    alone = np.stack([enc.embed([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-4)


@pytest.fixture(scope="module")
def numpy_encoder() -> Encoder:
    return EventModel.load(engine="numpy").encoder


def test_onnx_float32_graph_is_the_numpy_network(numpy_encoder):
    """The graph written node by node computes what the numpy forward (checked above against
    sentence-transformers) computes, batched by length the same way."""
    texts = list(REFERENCE) + ["Gunmen killed two farmers.", "A long sentence " * 30 + "about nothing."]
    onnx32 = OnnxEncoder(numpy_encoder, quantize=False)
    assert np.allclose(onnx32.embed(texts, batch_size=2), numpy_encoder.embed(texts), atol=1e-4)


def test_quantized_columns_round_trip_within_half_a_step():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(64, 16)).astype(np.float32)
    w[:, 3] = 0.0  # an all-zero column keeps a usable scale
    q, scale = quantize_columns(w)
    assert q.dtype == np.int8 and scale.shape == (16,)
    assert np.all(np.abs(q.astype(np.float32) * scale - w) <= scale / 2 + 1e-7)
    assert np.all(q[:, 3] == 0)


def test_int8_engine_reads_sentences_as_the_float_model_does(numpy_encoder, model):
    """The default engine (int8 weights) changes probabilities a little, not readings: the type the
    model gives agrees with the float32 network on nearly all dev sentences."""
    assert model.engine == "onnx-int8"
    corpus = load_corpus(ROOT, None)
    texts = [i.text for i in corpus.of("dev")][:300]
    ref = EventModel(numpy_encoder, _heads(model), model.manifest).probabilities(texts)[0]
    got = model.probabilities(texts)[0]
    assert (got.argmax(1) == ref.argmax(1)).mean() >= 0.97
    assert np.abs(got - ref).mean() < 0.01


def test_an_unknown_engine_is_refused_by_name(numpy_encoder):
    with pytest.raises(ConfigError, match="unknown encoder engine 'gpu'"):
        on_engine(numpy_encoder, "gpu")


def _heads(model: EventModel) -> dict[str, np.ndarray]:
    return {"head.type.weight": model.type_w.T, "head.type.bias": model.type_b,
            "head.status.weight": model.status_w.T, "head.status.bias": model.status_b}


def test_merge_delta_adds_low_rank_update_and_replaces_others():
    base = {"w": np.zeros((3, 2), np.float32), "b": np.ones(3, np.float32)}
    a = np.array([[1.0, 2.0]], np.float32)  # rank 1: (1, in=2)
    b = np.array([[1.0], [0.0], [2.0]], np.float32)  # (out=3, 1)
    merged = merge_delta(base, {"w.lora_a": a, "w.lora_b": b, "b": np.zeros(3, np.float32)})
    assert np.allclose(merged["w"], b @ a)
    assert not merged["b"].any()
    assert not base["w"].any()  # the base weights are not changed in place


# ---------------------------------------------------------------- the corpus

def _record(**over):
    rec = {"id": "x01-0001", "text": "Gunmen killed two farmers near Gao.", "label": "Attack", "status": "occurred",
           "register": "lead", "country": "ML"}
    rec.update(over)
    return rec


@pytest.mark.parametrize(("over", "problem"), [
    ({"label": "Drone strike"}, "label 'Drone strike'"),
    ({"status": "maybe"}, "status 'maybe'"),
    ({"label": "none", "status": None, "neg_kind": "weather"}, "neg_kind 'weather'"),
    ({"register": "note"}, "needs 'published'"),
    ({"evidence": "not in the text"}, "evidence is not an exact substring"),
    ({"id": "x01_1"}, "id 'x01_1'"),
    ({"fatalities": -1}, "fatalities -1"),
])
def test_a_bad_item_is_refused_with_its_line_and_problem(over, problem):
    with pytest.raises(CorpusError) as err:
        parse_item(_record(**over), "b99.jsonl line 7")
    assert "b99.jsonl line 7" in str(err.value) and problem in str(err.value)


def test_a_duplicate_id_in_a_file_is_refused(tmp_path):
    path = tmp_path / "x01.jsonl"
    path.write_text(json.dumps(_record()) + "\n" + json.dumps(_record(text="Other words here.")) + "\n")
    with pytest.raises(CorpusError, match="used twice"):
        read_items(path)


def test_every_batch_file_is_valid_and_the_corpus_has_what_the_issue_asks():
    items = [i for p in sorted((ROOT / "batches").glob("*.jsonl")) for i in read_items(p)]
    written = [i for i in items if not i.batch.startswith("t")]  # the blind test batches are counted apart
    labels = Counter(i.label for i in written)
    assert sum(n for lab, n in labels.items() if lab != NONE) >= 8000
    assert labels[NONE] >= 2000
    assert min(labels[t] for t in SUB_EVENT_TYPES) >= 200
    assert {i.register for i in written} == set(REGISTERS)
    assert Counter(i.status for i in written if i.is_event).keys() >= {"occurred", "threatened", "planned", "denied",
                                                                        "background"}
    texts = Counter(i.text.strip().lower() for i in items)
    assert max(texts.values()) == 1, "a text occurs twice in the corpus"


def test_shared_references_keep_ids_and_offsets_never_text():
    files = sorted((ROOT / "shared").glob("*.jsonl"))
    assert files
    for path in files:
        for ref, record in read_refs(path):
            assert "text" not in record
            assert 0 <= ref.start < ref.end and len(ref.sha1) == 12
            assert record["label"] in LABELS


def test_shared_references_resolve_against_shared(shared):
    corpus = load_corpus(ROOT, shared)
    assert not corpus.skipped, corpus.skipped
    refs = [i for i in corpus.items if i.batch.startswith("s")]
    assert len(refs) > 1500


def test_splits_keep_blind_batches_out_of_training_and_dev(shared):
    corpus = load_corpus(ROOT, shared)
    splits = json.loads((ROOT / "splits.json").read_text())
    for item in corpus.items:
        if item.batch in splits["test"]:
            assert corpus.split[item.id] == "test"
        if splits["dev"].get(item.batch) == "all":
            assert corpus.split[item.id] == "dev"
    dev, train = corpus.of("dev"), corpus.of("train")
    assert len(dev) > 500
    # no dev text repeats a training text, and near-copies are rare (8-word sequences shared by chance)
    assert not {i.text for i in dev} & {i.text for i in train}
    assert overlap([i.text for i in dev], [i.text for i in train], 8)["share_of_ngrams"] < 0.02


def test_views_add_the_evidence_sentence_and_the_lead_without_dateline():
    item = parse_item(_record(text="BAGHDAD, Jan 4 (Wire Desk) - A drone hit a car. Four died.", register="wire",
                              published="2024-01-04", evidence="A drone hit a car."), "t")
    assert views(item, augment=False) == [item.text]
    assert views(item, augment=True) == [item.text, "A drone hit a car.", "A drone hit a car. Four died."]
    assert strip_dateline("GAO, Mali, March 3 (Newsdesk) - Gunmen attacked.") == "Gunmen attacked."


# ---------------------------------------------------------------- the shipped weights

def test_shipped_weights_belong_to_the_corpus_in_the_repository():
    """Labelled data changed without `wirewatch train` (or `make model`) being run fails here."""
    manifest = read_manifest()
    assert manifest["corpus_version"] == corpus_version(ROOT), \
        "the corpus changed since the weights were trained: rebuild them with `make model`"
    assert manifest["config_sha256"] == TrainConfig(**manifest["config"]).digest()
    assert manifest["config_sha256"] == TrainConfig().digest(), "TrainConfig's defaults are not what trained the weights"
    data = (weights_path() / WEIGHTS).read_bytes()
    assert hashlib.sha256(data).hexdigest() == manifest["weights_sha256"]
    assert len(data) + (weights_path() / MANIFEST).stat().st_size <= 15 * 2**20
    assert tuple(manifest["labels"]) == LABELS
    assert {"new_event", "drop", "override"} <= set(manifest["policy"])


def test_model_probabilities_are_calibrated_distributions(model):
    type_p, status_p = model.probabilities(["Police fired tear gas at students marching on parliament.",
                                            "The striker fired a shot that hit the post in the last minute."])
    assert type_p.shape == (2, len(LABELS)) and np.allclose(type_p.sum(1), 1, atol=1e-5)
    assert np.allclose(status_p.sum(1), 1, atol=1e-5)
    calib = model.manifest["calibration"]
    assert calib["dev_ece_after"] <= calib["dev_ece_before"]


@pytest.mark.parametrize(("text", "label"), [
    ("Jets from the air force bombed a rebel camp in the hills north of the city, killing nine fighters.",
     "Air/drone strike"),
    ("Hundreds of nurses marched peacefully to the health ministry to demand unpaid wages.", "Peaceful protest"),
    ("Soldiers defused a roadside bomb planted on the road to the airport before a convoy passed.",
     "Disrupted weapons use"),
    ("The rebels handed the town over to the army under the terms of last week's deal, without a shot fired.",
     "Non-violent transfer of territory"),
    ("Her team was battered 5-0 by the league leaders in a one-sided derby on Sunday.", NONE),
    ("A gas cylinder exploded in a restaurant kitchen, injuring three cooks.", NONE),
])
def test_model_reads_our_own_sentences(model, text, label):
    assert model.predict([text])[0].label == label


def test_temperature_and_calibration_error():
    rng = np.random.default_rng(1)
    gold = rng.integers(0, 3, 2000)
    guess = np.where(rng.random(2000) < 0.7, gold, rng.integers(0, 3, 2000))  # right 80% of the time...
    logits = np.eye(3)[guess] * 8.0  # ...but sure every time: over-confident
    t = fit_temperature(logits, gold)
    assert t > 1.0

    def soft(z):
        e = np.exp(z - z.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)

    assert expected_calibration_error(soft(logits / t), gold) < expected_calibration_error(soft(logits), gold)


def test_a_blind_test_batch_does_not_change_the_corpus_version(tmp_path):
    (tmp_path / "batches").mkdir()
    (tmp_path / "shared").mkdir()
    (tmp_path / "splits.json").write_text(json.dumps({"dev": {}, "test": ["t01"]}))
    (tmp_path / "batches" / "b01.jsonl").write_text(json.dumps(_record(id="b01-0001")) + "\n")
    before = corpus_version(tmp_path)
    (tmp_path / "batches" / "t01.jsonl").write_text(json.dumps(_record(id="t01-0001")) + "\n")
    assert corpus_version(tmp_path) == before
    (tmp_path / "batches" / "b02.jsonl").write_text(json.dumps(_record(id="b02-0001")) + "\n")
    assert corpus_version(tmp_path) != before
