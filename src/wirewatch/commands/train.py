"""Train the event model on the corpus (needs the training extra: ``pip install torch==2.13.0``).

Fits the encoder's adapters and the type and status heads on the corpus' train split, picks the epoch
and fits the calibration on its dev split, chooses where model and rules meet (``--policy``, through the
pipeline on the dev split) and writes the weights with the corpus version they came from.  ``--compare``
also fits the baselines (TF-IDF + logistic regression; the frozen encoder + logistic regression) and
``--curve`` trains on growing shares of the corpus; neither writes weights.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", default=None, help="the corpus folder (default: corpus/events of this clone)")
    p.add_argument("--out", default=None, help="where the weights go (default: the package's data/eventmodel)")
    p.add_argument("--epochs", type=int, default=None, help="training epochs (default: the configuration's)")
    p.add_argument("--no-policy", action="store_true", help="keep the previous thresholds where model and rules meet")
    p.add_argument("--policy-only", action="store_true", help="only choose the thresholds for the shipped weights")
    p.add_argument("--compare", action="store_true", help="fit the baselines and report them beside the model (no weights written)")
    p.add_argument("--curve", default=None, metavar="F,F,...",
                   help="learning curve: train on these shares of the train split (e.g. 0.125,0.25,0.5,1); no weights written")
    p.add_argument("--score-test", action="store_true",
                   help="with --compare or --curve, also score the blind test split (only after the model is frozen)")
    p.add_argument("--report", default=None, help="write what was measured as JSON to this file")


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from ..config import shared_dir
    from ..evaluate.corpus_eval import corpus_root
    from ..eventmodel.classifier import weights_path
    from ..eventmodel.dataset import load_corpus

    root = Path(args.corpus) if args.corpus else corpus_root()
    shared = shared_dir()
    corpus = load_corpus(root, shared)
    for why in corpus.skipped:
        print(f"note: {why}", file=sys.stderr)
    out = Path(args.out) if args.out else weights_path()
    report: dict = {"corpus_version": corpus.version}
    if args.compare or args.curve:
        from ..eventmodel.compare import baselines, learning_curve

        if args.compare:
            report["compare"] = baselines(corpus, score_test=args.score_test, progress=_log)
        if args.curve:
            shares = [float(x) for x in args.curve.split(",")]
            report["curve"] = learning_curve(corpus, shares, score_test=args.score_test, progress=_log)
    else:
        from ..eventmodel.policy import choose_policy
        from ..eventmodel.train import TrainConfig, train

        if not args.policy_only:
            cfg = TrainConfig() if args.epochs is None else replace(TrainConfig(), epochs=args.epochs)
            manifest = train(corpus, cfg, out, progress=_log)
            report["train"] = {k: manifest[k] for k in ("dev", "calibration", "selected_epoch", "training_seconds")}
        if not args.no_policy:
            report["policy"] = choose_policy(corpus, out, progress=_log)
    text = json.dumps(report, indent=1)
    print(text)
    if args.report:
        Path(args.report).write_text(text + "\n", encoding="utf-8")
    return 0


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
