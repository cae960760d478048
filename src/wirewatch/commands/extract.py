"""Print one extraction-contract JSON line per article (file, HTML page, JSONL batch or `-`)."""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="article file(s), .jsonl batch, folder, or - for stdin")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")


def run(args: argparse.Namespace) -> int:
    from ..contract import dumps
    from ..errors import severity
    from ..ingest.read import read_paths
    from ..pipeline import default_resources, process_all

    resources = default_resources().warm()  # a missing model is a configuration error, said once, here
    failed = 0
    for x in process_all(read_paths(args.paths), resources):
        failed += any(severity(f.code) == "error" for f in x.failures)
        sys.stdout.write(dumps(x, pretty=args.pretty) + "\n")
        sys.stdout.flush()
    if failed:
        print(f"wirewatch extract: {failed} article(s) with recorded failures (see \"failures\")", file=sys.stderr)
    return 0
