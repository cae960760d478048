"""Re-fit the fusion pair model (needs the training extra: ``pip install scikit-learn``).

Extracts (or reads from the cache) the GVA dev half and BASIL in ``../shared`` and the fitting half
of the project's conflict-news set, fits monotone gradient-boosted trees over the pair features with
cross-validation grouped by incident, chooses the clustering threshold on out-of-fold probabilities
(pairwise precision >= 0.9 on every set at full density) and writes the trees, with the hashes of
the data and configuration they came from, to ``data/fusion/pair_model.json`` (docs/fusion.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default=None, help="where the model goes (default: the package's data/fusion/pair_model.json)")
    p.add_argument("--cached-only", action="store_true",
                   help="do not run the pipeline: articles whose extraction is not cached take part with unknown event fields")
    p.add_argument("--report", default=None, help="also write the report (out-of-fold numbers, weights) as JSON here")


def run(args: argparse.Namespace) -> int:
    from ..config import shared_dir
    from ..errors import ConfigError
    from ..fuse.pairs import MODEL_PATH, load_model

    try:
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise ConfigError("wirewatch fuse-train needs scikit-learn: pip install 'scikit-learn>=1.5'") from exc
    shared = shared_dir()
    if shared is None:
        raise ConfigError("wirewatch fuse-train needs ../shared/data (fusion-gva-dev, fusion-basil); set WIREWATCH_SHARED")
    from ..fuse.train import train

    report = train(shared, Path(args.out) if args.out else MODEL_PATH, cached_only=args.cached_only)
    load_model.cache_clear()
    text = json.dumps(report, indent=2)
    if args.report:
        Path(args.report).write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"wirewatch fuse-train: threshold {report['threshold']}, model written to {report['out']}", file=sys.stderr)
    return 0
