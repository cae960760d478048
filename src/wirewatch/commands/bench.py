"""Measure extraction speed (articles per second, per stage) and peak memory; write the figures to a file."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--out", default="bench-results.json", help="where to write the figures (default: %(default)s)")
    p.add_argument("--seconds", type=float, default=3.0, help="minimum timed seconds per measurement")
    p.add_argument("--scale", nargs="?", type=int, const=0, default=None, metavar="N",
                   help="scale-out figures instead (model, 1 worker, N workers, Dask, gate, PostgreSQL; docs/scale.md);"
                        " with N: an archive of N realistic events in SQLite and PostgreSQL, and the latency of search"
                        " + facets, the event page, the map and the timeline (warm and cold; docs/scale.md)")
    p.add_argument("--fixtures", default=None,
                   help="--scale N: where the filled archives are kept and reused (default: the cache folder)")
    p.add_argument("--stores", default="sqlite,postgres", help="--scale N: which stores (default: %(default)s)")
    p.add_argument("--queries", type=int, default=200, help="--scale N: timed warm queries per store")
    p.add_argument("--cold-queries", type=int, default=30, help="--scale N: timed cold queries per store")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="--scale: pool size (default: CPUs)")
    p.add_argument("--no-dask", action="store_true", help="--scale: skip the local Dask cluster")
    p.add_argument("--pg-events", type=int, default=0, help="--scale: synthetic events for the PostgreSQL search timing")
    p.add_argument("--hostile", action="store_true",
                   help="hardening figures instead: hostile corpus, API fuzz run, 1 MB / 20 MB inputs (docs/security.md)")
    p.add_argument("--fuzz-requests", type=int, default=10_000, help="--hostile: API fuzz requests (default 10,000)")
    p.add_argument("--fusion", default=None, metavar="N[,N...]",
                   help="fusion figures instead: store and fuse synthetic streams of N articles built from the fusion sets"
                        " (e.g. 10000,100000; docs/benchmarks.md)")
    p.add_argument("--pipeline-ms", type=float, default=None,
                   help="--fusion: the pipeline's ms per article, to report fusion's share of a full ingest")
    p.add_argument("--pg", default=None, help="--scale: PostgreSQL URL to fill with --pg-events and time (default: a throwaway server)")


def _table(result: dict) -> str:
    lines = [f"resources loaded in {result['resources_load_s']} s; peak RSS {result['peak_rss_mib']} MiB; "
             f"the event model adds {result['event_model_mib']} MiB"]
    for name, r in result["corpora"].items():
        lines.append(f"\n{name}: {r['articles']} articles, {r['mean_chars']} chars on average")
        lines.append(f"  NLP model alone     {r['model_alone_articles_per_s']:>8.2f} articles/s")
        lines.append(f"  full pipeline       {r['pipeline_articles_per_s']:>8.2f} articles/s "
                     f"({r['pipeline_over_model']:.2f} x the model)")
        stages = ", ".join(f"{k} {v:.2f}" for k, v in r["ms_per_article_by_stage"].items())
        lines.append(f"  ms/article by stage: {stages}")
        lines.append(f"  ms/article outside the model: {r['ms_per_article_outside_model']:.2f}")
    return "\n".join(lines)


def _run_archive(args: argparse.Namespace) -> int:
    from ..bench.archive import run as run_archive
    from ..bench.archive import table
    from ..config import cache_dir

    fixtures = Path(args.fixtures) if args.fixtures else cache_dir() / "bench-archive"
    stores = tuple(s.strip() for s in args.stores.split(",") if s.strip())
    result = run_archive(args.scale, fixtures, stores, args.queries, args.cold_queries, args.pg)
    out = f"bench-archive-{args.scale}.json" if args.out == "bench-results.json" else args.out
    Path(out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2) if args.json else table(result))
    print(f"written to {out}", file=sys.stderr)
    return 0


def _run_scale(args: argparse.Namespace) -> int:
    from ..bench.scale import run_scale, table
    from ..config import shared_dir

    result = run_scale(shared_dir(), args.workers, dask=not args.no_dask, pg_events=args.pg_events, pg_url=args.pg)
    out = "bench-scale.json" if args.out == "bench-results.json" else args.out
    Path(out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2) if args.json else table(result))
    print(f"written to {out}", file=sys.stderr)
    return 0


def _run_hostile(args: argparse.Namespace) -> int:
    from ..bench.hardening import run_hardening, table

    result = run_hardening(args.fuzz_requests)
    out = "bench-hostile.json" if args.out == "bench-results.json" else args.out
    Path(out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2) if args.json else table(result))
    print(f"written to {out}", file=sys.stderr)
    return 0


def _run_fusion(args: argparse.Namespace) -> int:
    from ..bench.fusion import run as run_fusion
    from ..config import shared_dir

    sizes = [int(x) for x in str(args.fusion).split(",") if x.strip()]
    result = run_fusion(sizes, shared_dir(), args.pipeline_ms)
    out = "bench-fusion.json" if args.out == "bench-results.json" else args.out
    Path(out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    print(f"written to {out}", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    from ..bench.extract import run_all
    from ..config import shared_dir

    if getattr(args, "scale", None):
        return _run_archive(args)
    if getattr(args, "scale", None) == 0:
        return _run_scale(args)
    if getattr(args, "hostile", False):
        return _run_hostile(args)
    if getattr(args, "fusion", None):
        return _run_fusion(args)

    from ..scale.threads import one_blas_thread

    one_core = one_blas_thread()  # "one process, one core": the encoder's BLAS may not borrow the second
    result = run_all(shared_dir(), args.seconds)
    result["one_blas_thread"] = one_core
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(_table(result))
        print(f"\nwritten to {args.out}")
    return 0
