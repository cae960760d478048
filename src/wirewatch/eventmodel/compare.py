"""Side-by-side measures for the issue's questions (training machines only: scikit-learn and torch).

- ``baselines``: TF-IDF + logistic regression, and the frozen encoder + logistic regression, trained on
  the same train split (with the same augmented views) as the fine-tuned model, all scored on whole
  items of the dev (and, once the model is frozen, test) split beside the shipped model alone;
- ``learning_curve``: the fine-tuned model trained on growing, label-stratified shares of the train
  split, scored the same way.  No weights are written by either.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .corpus import Item
from .dataset import Corpus, examples
from .labels import LABELS, NONE


def _scores(items: Sequence[Item], labels: Sequence[str]) -> dict[str, Any]:
    from ..evaluate.corpus_eval import score

    main = [None if lab == NONE else {"sub_event_type": lab, "status": None} for lab in labels]
    full = score(items, main, [m is not None for m in main])
    return {k: full[k] for k in ("weighted_f1", "accuracy", "macro_f1", "events_given_none", "negatives_given_event")}


def _splits(corpus: Corpus, score_test: bool) -> dict[str, list[Item]]:
    out = {"dev": corpus.of("dev")}
    if score_test:
        out["test"] = corpus.of("test")
    return out


def baselines(corpus: Corpus, score_test: bool = False,
              progress: Callable[[str], None] = print) -> dict[str, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    from .classifier import EventModel
    from .encoder import Encoder

    train = examples(corpus.of("train"), augment=True)
    x = [e.text for e in train]
    y = [LABELS[e.label] for e in train]
    splits = _splits(corpus, score_test)
    out: dict[str, Any] = {"train_examples": len(train)}

    t0 = time.perf_counter()
    tfidf = make_pipeline(make_union(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                                     TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3,
                                                     sublinear_tf=True)),
                          LogisticRegression(C=10.0, max_iter=3000))
    tfidf.fit(x, y)
    out["tfidf_logreg"] = {name: _scores(items, tfidf.predict([i.text for i in items])) for name, items in splits.items()}
    out["tfidf_logreg"]["fit_seconds"] = round(time.perf_counter() - t0, 1)
    progress(f"TF-IDF + LR: {out['tfidf_logreg']}")

    t0 = time.perf_counter()
    frozen = Encoder.load()
    lr = LogisticRegression(C=10.0, max_iter=3000)
    lr.fit(frozen.embed(x), y)
    out["frozen_encoder_logreg"] = {name: _scores(items, lr.predict(frozen.embed([i.text for i in items])))
                                    for name, items in splits.items()}
    out["frozen_encoder_logreg"]["fit_seconds"] = round(time.perf_counter() - t0, 1)
    progress(f"frozen encoder + LR: {out['frozen_encoder_logreg']}")

    model = EventModel.load()
    out["fine_tuned_adapters"] = {name: _scores(items, [p.label for p in model.predict([i.text for i in items])])
                                  for name, items in splits.items()}
    out["fine_tuned_adapters"]["training_seconds"] = model.manifest.get("training_seconds")
    progress(f"fine-tuned (shipped): {out['fine_tuned_adapters']}")
    return out


def learning_curve(corpus: Corpus, shares: Sequence[float], score_test: bool = False,
                   progress: Callable[[str], None] = print) -> list[dict[str, Any]]:
    from .classifier import EventModel
    from .train import TrainConfig, train

    rows = []
    splits = _splits(corpus, score_test)
    for share in shares:
        if share >= 1.0:  # the whole train split with the default configuration is the shipped model
            model = EventModel.load()
            row = {"share": 1.0, "train_examples": model.manifest["train_examples"],
                   "training_seconds": model.manifest.get("training_seconds"), "model": "shipped"}
            row |= {name: _scores(items, [p.label for p in model.predict([i.text for i in items])])
                    for name, items in splits.items()}
            progress(f"curve: {row}")
            rows.append(row)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            manifest = train(corpus, replace(TrainConfig(), train_fraction=share), Path(tmp), progress=progress)
            model = EventModel.load(Path(tmp))
            row: dict[str, Any] = {"share": share, "train_examples": manifest["train_examples"],
                                   "training_seconds": manifest["training_seconds"]}
            for name, items in splits.items():
                row[name] = _scores(items, [p.label for p in model.predict([i.text for i in items])])
        progress(f"curve: {row}")
        rows.append(row)
    return rows
