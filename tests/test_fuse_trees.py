"""The pair model's boosted trees (#16): numpy evaluation equals scikit-learn's, old logistic files still
load, evidence against a pair never raises its probability, and reasons come from the trees."""

from __future__ import annotations

import json
import math
import random

import numpy as np
import pytest

from wirewatch.errors import ConfigError
from wirewatch.fuse.pairs import (
    FEATURES,
    SCHEMA_LOGISTIC,
    SCHEMA_TREES,
    Logistic,
    PairModel,
    features,
    load_model,
)
from wirewatch.fuse.profile import build
from wirewatch.fuse.records import Mention
from wirewatch.fuse.train import AGAINST, FOR, monotone
from wirewatch.fuse.trees import Tree, TreeEnsemble, from_sklearn


def _rows(n: int, seed: int = 0) -> np.ndarray:
    """Feature rows in the ranges the features take: cosines in [0, 1], log counts, flags."""
    rng = np.random.default_rng(seed)
    x = rng.random((n, len(FEATURES)))
    for k, name in enumerate(FEATURES):
        if name in {"full_names", "names_far", "surnames", "rare_words", "places", "log_gap"}:
            x[:, k] = np.round(x[:, k] * 4, 1)
        elif name not in {"text", "title", "text_far", "actors"}:
            x[:, k] = (x[:, k] > 0.7).astype(float)
    return x


def test_numpy_trees_give_sklearns_probabilities_missing_values_included():
    pytest.importorskip("sklearn")
    from sklearn.ensemble import HistGradientBoostingClassifier

    x = _rows(3000)
    y = ((x[:, FEATURES.index("text")] + x[:, FEATURES.index("full_names")] / 4
          - x[:, FEATURES.index("place_conflict")]) > 0.6).astype(int)
    x[::7, FEATURES.index("actors")] = np.nan  # sends the missing values one way; the file keeps which
    clf = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=15, monotonic_cst=monotone(), random_state=0)
    clf.fit(x, y)
    ensemble = TreeEnsemble.from_json(json.loads(json.dumps(from_sklearn(clf).to_json())))
    test = _rows(500, seed=1)
    test[::5, FEATURES.index("actors")] = np.nan
    z = ensemble.logits(test)
    assert np.allclose(1 / (1 + np.exp(-z)), clf.predict_proba(test)[:, 1], atol=1e-9)
    for k in (0, 3):  # a row with a missing value, and one without
        assert ensemble.logit(list(test[k])) == pytest.approx(clf.decision_function(test[k:k + 1])[0], abs=1e-9)


def _stump_and_split() -> TreeEnsemble:
    """Tree 0: text <= 0.5 -> -2, else +2. Tree 1: a stump, +0.25. Tree 2: full_names <= 0.1 -> 0, else +0.5."""
    t, n = FEATURES.index("text"), FEATURES.index("full_names")
    split = Tree((t, 0, 0), (0.5, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (False, True, True), (0.0, -2.0, 2.0),
                 (True, False, False))
    stump = Tree((0,), (0.0,), (0,), (0,), (True,), (0.25,), (False,))
    names = Tree((n, 0, 0), (0.1, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (False, True, True), (0.0, 0.0, 0.5),
                 (False, False, False))
    return TreeEnsemble((split, stump, names), -1.0, len(FEATURES))


def test_a_hand_built_ensemble_reaches_the_leaves_it_should():
    e = _stump_and_split()
    row = [0.0] * len(FEATURES)
    assert e.logit(row) == pytest.approx(-1.0 - 2.0 + 0.25)
    row[FEATURES.index("text")] = 0.9
    row[FEATURES.index("full_names")] = 0.7
    assert e.logit(row) == pytest.approx(-1.0 + 2.0 + 0.25 + 0.5)
    c = e.contributions(row)
    assert c[FEATURES.index("text")] == pytest.approx(4.0) and c[FEATURES.index("full_names")] == pytest.approx(0.5)
    assert sum(abs(v) for k, v in enumerate(c) if k not in (FEATURES.index("text"), FEATURES.index("full_names"))) == 0


EVENT = {"id": "e1", "status": "occurred", "event_type": None, "date": None, "location": None, "actors": [],
         "evidence": []}


def _pair(model: PairModel):
    body = "Police said Jamal Reed, 24, was shot dead at a bus stop in Chicago on Tuesday night."
    a = build(Mention("a", "Outlet A", "2024-03-01", EVENT,
                      title="Man shot dead at bus stop", lead=body), model.idf, model.default_idf)
    b = build(Mention("b", "Outlet B", "2024-03-02", EVENT,
                      title="Bus stop shooting victim named", lead=body), model.idf, model.default_idf)
    return a, b


def test_reasons_name_the_feature_that_moved_the_score_most_then_the_shared_names():
    shipped = load_model()
    model = PairModel(_stump_and_split(), 0.5, shipped.idf, shipped.default_idf)
    a, b = _pair(model)
    f = features(a, b)
    assert f["text"] > 0.5 and f["full_names"] > 0.1
    reasons = model.reasons(a, b)
    assert reasons[0].startswith("text ") and reasons[0].endswith("(+4.0)")
    assert reasons[1].startswith("full_names ") and reasons[1].endswith("(+0.5)")
    assert reasons[-1] == "shared names: jamal reed"
    assert model.probability(a, b) == pytest.approx(1 / (1 + math.exp(-(-1.0 + 2.0 + 0.25 + 0.5))))


def test_a_logistic_file_of_schema_1_still_loads_and_scores_as_before(tmp_path):
    shipped = load_model()
    weights = {k: 0.0 for k in FEATURES} | {"text": 6.0, "full_names": 1.5, "place_conflict": -4.0}
    obj = {"schema": SCHEMA_LOGISTIC, "features": list(FEATURES), "weights": weights, "bias": -3.0, "threshold": 0.6,
           "default_idf": shipped.default_idf, "idf": dict(shipped.idf), "meta": {"command": "old"}}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(obj))
    model = load_model(str(path))
    assert isinstance(model.scorer, Logistic) and model.threshold == 0.6
    a, b = _pair(model)
    f = features(a, b)
    z = -3.0 + 6.0 * f["text"] + 1.5 * f["full_names"] - 4.0 * f["place_conflict"]
    assert model.probability(a, b) == pytest.approx(1 / (1 + math.exp(-z)))
    assert model.reasons(a, b)[0] == f"text {f['text']:.2f} ({6.0 * f['text']:+.1f})"
    assert model.to_json()["schema"] == SCHEMA_LOGISTIC and model.to_json()["weights"] == weights


def test_the_shipped_model_is_trees_and_a_bad_file_says_how_to_fix_it(tmp_path):
    model = load_model()
    assert model.to_json()["schema"] == SCHEMA_TREES and isinstance(model.scorer, TreeEnsemble)
    assert len(set(model.scorer.logits(_rows(50)).round(6))) > 10
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(model.to_json() | {"features": ["text"]}))
    with pytest.raises(ConfigError, match="fuse-train"):
        load_model(str(bad))
    bad.write_text(json.dumps({"schema": "wirewatch.fusion-pair-model/9"}))
    with pytest.raises(ConfigError, match="unknown pair model schema"):
        load_model(str(bad))


@pytest.mark.parametrize("name", sorted(AGAINST | FOR))
def test_evidence_against_a_pair_never_raises_the_shipped_models_probability(name):
    """Monotone in every constrained feature, on sampled rows: raising an ``AGAINST`` feature never raises
    the logit, raising a ``FOR`` feature never lowers it."""
    scorer = load_model().scorer
    k = FEATURES.index(name)
    rng = random.Random(k)
    rows = _rows(300, seed=k)
    higher = rows.copy()
    higher[:, k] = [v + rng.choice([0.05, 0.3, 1.0, 3.0]) for v in rows[:, k]]
    low, high = scorer.logits(rows), scorer.logits(higher)
    if name in AGAINST:
        assert (high <= low + 1e-12).all()
    else:
        assert (high >= low - 1e-12).all()


def test_a_place_conflict_the_texts_do_not_explain_adds_the_place_offset():
    """Chicago and Detroit told in the same words are two events; a place both texts name, geocoded far
    away by one of them, is a geocoding error the trees weigh (no offset)."""
    shipped = load_model()
    model = PairModel(_stump_and_split(), 0.5, shipped.idf, shipped.default_idf, place_offset=-8.0)
    body = "A gunman opened fire at a bus stop on Tuesday, killing two men, police said."
    chicago = {"country_code": "US", "lat": 41.88, "lon": -87.63, "precision": "city"}
    detroit = {"country_code": "US", "lat": 42.33, "lon": -83.05, "precision": "city"}

    def profile(aid: str, loc: dict, places: tuple[str, ...] = ()):
        ev = EVENT | {"event_type": "Violence against civilians", "location": loc}
        return build(Mention(aid, "Outlet " + aid, "2024-03-01", ev, title="Two killed", lead=body, places=places),
                     model.idf, model.default_idf)

    a, b = profile("a", chicago), profile("b", detroit)
    f = features(a, b)
    assert f["place_conflict"] == 1.0 and f["places"] == 0.0
    assert model.logit(f) == pytest.approx(model.scorer.logit([f[k] for k in FEATURES]) - 8.0)
    assert model.reasons(a, b)[0] == "places far apart, none shared (-8.0)"
    a, b = profile("a", chicago, ("Englewood",)), profile("b", detroit, ("Englewood",))
    f = features(a, b)
    assert f["place_conflict"] == 1.0 and f["places"] > 0
    assert model.logit(f) == pytest.approx(model.scorer.logit([f[k] for k in FEATURES]))
    assert PairModel.from_json(json.loads(json.dumps(model.to_json()))).place_offset == -8.0
