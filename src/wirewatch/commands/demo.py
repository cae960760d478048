"""Run the whole pipeline on the bundled demo articles, store them, and (with --serve) open the monitor.

This is the project's main job on the embedded default: SQLite in the user's data
directory (or --db), the 37 demo articles shipped in the package.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help="SQLite path or URL (default: $WIREWATCH_DB, then the data dir)")
    p.add_argument("--serve", action="store_true", help="then serve the web page and API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)


def run(args: argparse.Namespace) -> int:
    from ..bench.extract import demo_corpus
    from ..config import default_db
    from ..contract import to_contract
    from ..pipeline import default_resources, process
    from ..store import open_store
    from .ingest import Tally, fuse_stored, store_docs

    db = args.db or default_db()
    resources = default_resources()
    docs = (to_contract(process(raw, resources)) for raw in demo_corpus().docs)
    tally = Tally()
    with open_store(db) as store:
        store_docs(store, docs, tally)
        fuse_stored(store)
    print(tally.line().replace("wirewatch ingest", "wirewatch demo"), file=sys.stderr)
    print(f"wirewatch demo: stored in {db}")
    if args.serve:
        from . import serve

        return serve.run(argparse.Namespace(db=db, host=args.host, port=args.port, workers=1))
    return 0
