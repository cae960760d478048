"""The ``wirewatch`` command: a thin layer over importable functions.

Commands live in ``wirewatch.commands.<name>``; each module defines
``add_arguments(parser)`` and ``run(args) -> int``.  The registry below is explicit.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from .errors import WirewatchError

COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("wirewatch.commands.extract", "print the extraction JSON for articles"),
    "bench": ("wirewatch.commands.bench", "measure speed and memory"),
    "demo": ("wirewatch.commands.demo", "run the pipeline on the bundled demo articles and store them"),
    "eval": ("wirewatch.commands.eval", "measure accuracy on the development sets"),
    "ingest": ("wirewatch.commands.ingest", "run the pipeline on articles and store them"),
    "search": ("wirewatch.commands.search", "search stored articles and events"),
    "serve": ("wirewatch.commands.serve", "serve the search page, map and JSON API"),
    "export": ("wirewatch.commands.export", "export fused events as ACLED CSV, PLOVER JSONL, GeoJSON or Parquet"),
    "watch": ("wirewatch.commands.watch", "follow feeds, sitemaps and pages; store new articles' events"),
    "sources": ("wirewatch.commands.sources", "list followed sources with last poll and last error"),
    "alerts": ("wirewatch.commands.alerts", "saved searches that POST new matching events to a webhook"),
    "train": ("wirewatch.commands.train", "train the event model on the corpus (needs torch==2.13.0)"),
    "fuse-train": ("wirewatch.commands.fuse_train", "re-fit the fusion pair model (needs scikit-learn)"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wirewatch", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module_name, help_) in COMMANDS.items():
        module = importlib.import_module(module_name)
        p = sub.add_parser(name, help=help_, description=(module.__doc__ or help_).strip())
        module.add_arguments(p)
        p.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args._module.run(args) or 0)
    except WirewatchError as exc:
        print(f"wirewatch {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
