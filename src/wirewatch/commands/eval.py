"""Measure accuracy on the development sets in ../shared/data and the golden/demo articles."""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..evaluate import EVALUATORS

    p.add_argument("sets", nargs="*", metavar="SET", help=f"one or more of: {', '.join(EVALUATORS)} (default: all)")
    p.add_argument("--limit", type=int, default=None, help="only the first N documents of each set")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--out", default=None, help="also write the metrics as JSON to this file")


def _flatten(prefix: str, value: object, rows: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, rows)
    else:
        rows.append((prefix, f"{value:.3f}" if isinstance(value, float) else str(value)))


def run(args: argparse.Namespace) -> int:
    from ..config import shared_dir
    from ..errors import ConfigError
    from ..evaluate import EVALUATORS, get

    names = args.sets or list(EVALUATORS)
    unknown = [n for n in names if n not in EVALUATORS]
    if unknown:
        raise ConfigError(f"unknown evaluation set(s): {', '.join(unknown)}; choose from {', '.join(EVALUATORS)}")
    shared = shared_dir()
    results = {}
    for name in names:
        results[name] = get(name)(shared, args.limit)
    if args.out:
        with open(args.out, "w") as fh:
            json.dump(results, fh, indent=2)
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        rows: list[tuple[str, str]] = []
        _flatten("", results, rows)
        width = max((len(k) for k, _ in rows), default=10)
        for k, v in rows:
            print(f"{k:<{width}}  {v}")
    return 0
