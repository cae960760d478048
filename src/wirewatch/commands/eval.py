"""Measure accuracy on the development sets in ../shared/data and the golden/demo articles."""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..evaluate import EVALUATORS

    p.add_argument("sets", nargs="*", metavar="SET", help=f"one or more of: {', '.join(EVALUATORS)} (default: all but the blind corpus-test)")
    p.add_argument("--limit", type=int, default=None, help="only the first N documents of each set")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--out", default=None, help="also write the metrics as JSON to this file")
    p.add_argument("--gate", action="store_true",
                   help="fail (exit 1) when a metric falls below its floor in evaluate/floors.json")
    p.add_argument("--raise-floors", action="store_true",
                   help="raise the committed floors to today's results (never lowers them)")


def _flatten(prefix: str, value: object, rows: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else str(k), v, rows)
    else:
        rows.append((prefix, f"{value:.3f}" if isinstance(value, float) else str(value)))


def run(args: argparse.Namespace) -> int:
    from ..config import shared_dir
    from ..errors import ConfigError
    from ..evaluate import EVALUATORS, NOT_BY_DEFAULT, get

    names = args.sets or [n for n in EVALUATORS if n not in NOT_BY_DEFAULT]
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
    status = _gate(results, args) if (args.gate or args.raise_floors) else 0
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        rows: list[tuple[str, str]] = []
        _flatten("", results, rows)
        width = max((len(k) for k, _ in rows), default=10)
        for k, v in rows:
            print(f"{k:<{width}}  {v}")
    return status


def _gate(results: dict, args: argparse.Namespace) -> int:
    from importlib import resources as res
    from pathlib import Path

    from ..evaluate.gate import FLOORS_FILE, load_floors, raised, violations

    floors = load_floors()
    bad = [v for name, r in results.items() for v in violations(name, r, floors)]
    for v in bad:
        print(f"gate: {v}", file=sys.stderr)
    if args.raise_floors:
        new = dict(floors) | {name: raised(name, r, floors) for name, r in results.items() if name in floors}
        path = Path(str(res.files("wirewatch.evaluate").joinpath(FLOORS_FILE)))
        path.write_text(json.dumps(new, indent=2) + "\n", encoding="utf-8")
        print(f"gate: floors raised where results are higher, in {path}", file=sys.stderr)
    if not bad:
        print("gate: every metric is at or above its floor", file=sys.stderr)
    return 1 if bad else 0
