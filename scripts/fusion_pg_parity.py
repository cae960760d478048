"""Fuse the fusion evaluator's cached extractions in SQLite and in PostgreSQL and compare (issue #17).

    wirewatch eval fusion                      # once: extracts GVA dev, BASIL, the conflict set, demo
    python scripts/fusion_pg_parity.py [--pipeline FINGERPRINT] [--db postgresql://...]

Every cached contract document of one pipeline version is stored in batches of 500 and fused, in an
in-memory SQLite store and in PostgreSQL (a throwaway server from ``wirewatch.scale.pgserver`` unless
``--db`` names a database); the fused records (every field but the time written) and the clusters
(member articles per fused event) must be identical. Exits 1 when they are not.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from wirewatch.config import cache_dir
from wirewatch.store import open_store
from wirewatch.store.fused import iter_fused, refresh


def fused(store: Any) -> list[dict[str, Any]]:
    return sorted(({k: v for k, v in e.items() if k != "updated_at"} for e in iter_fused(store)),
                  key=lambda e: e["id"])


def fuse_in(url: str, lines: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    start = time.perf_counter()
    with open_store(url) as store:
        for i in range(0, len(lines), 500):
            store.upsert_extractions(lines[i:i + 500])
        refresh(store)
        return fused(store), time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    from wirewatch.evaluate.fusion_eval import _pipeline_fingerprint

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pipeline", default=None, help="the cache's pipeline fingerprint (default: today's)")
    ap.add_argument("--db", default=None, help="a PostgreSQL URL (default: a throwaway server)")
    args = ap.parse_args(argv)
    folder = Path(cache_dir(), "fusion-eval", args.pipeline or _pipeline_fingerprint())
    lines = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("docs/*/*.json"))]
    if not lines:
        print(f"no cached extractions under {folder}: run `wirewatch eval fusion` first", file=sys.stderr)
        return 2
    a, ta = fuse_in(":memory:", lines)
    server = None
    if args.db is None:
        from wirewatch.scale import pgserver

        server = pgserver.start()
    try:
        b, tb = fuse_in(args.db or server.url, lines)  # type: ignore[union-attr]
    finally:
        if server is not None:
            from wirewatch.scale import pgserver

            pgserver.stop(server)
    clusters = [sorted(tuple(sorted(e["articles"])) for e in xs) for xs in (a, b)]
    print(f"{len(lines)} cached extractions ({folder.name}); fused events: SQLite {len(a)} in {ta:.1f} s, "
          f"PostgreSQL {len(b)} in {tb:.1f} s; events with several articles: {sum(len(e['articles']) > 1 for e in a)}")
    print(f"identical fused records: {a == b}; same clusters: {clusters[0] == clusters[1]}")
    return 0 if a == b else 1


if __name__ == "__main__":
    sys.exit(main())
