"""Export fused events as ACLED-style CSV, PLOVER JSON lines, GeoJSON or Parquet.

Events come from the store (``--db``) or from a JSONL file (``--from``) of ``wirewatch extract``
output, which is fused first, or of fused events. Filters narrow the export.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..export import FORMATS

    p.add_argument("--format", required=True, choices=list(FORMATS), help="output format")
    p.add_argument("--from", dest="source", default=None, metavar="FILE.jsonl",
                   help="read `wirewatch extract` lines (fused here) or fused events from this file ('-' = stdin)")
    p.add_argument("--db", default=None, help="SQLite path or postgresql:// URL (default: $WIREWATCH_DB)")
    p.add_argument("--country", default=None, help="ISO alpha-2 code or country name")
    p.add_argument("--since", default=None, help="first event date, YYYY-MM-DD")
    p.add_argument("--until", default=None, help="last event date, YYYY-MM-DD")
    p.add_argument("--type", dest="types", action="append", default=[], metavar="TYPE",
                   help="ACLED event type or sub-event type (repeatable)")
    p.add_argument("-o", "--output", default=None, help="output file (default: stdout; required for parquet)")


def _check_date(name: str, value: str | None) -> None:
    from datetime import date

    from ..errors import InputError

    if value is None:
        return
    try:
        date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"--{name} {value!r} is not a date (YYYY-MM-DD)") from exc


def _events(args: argparse.Namespace, filters) -> list:
    from ..export.source import events_from_jsonl, events_from_store, select

    if args.source:
        return select(events_from_jsonl(args.source), filters)
    from ..config import default_db

    return list(events_from_store(args.db or default_db(), filters))


def run(args: argparse.Namespace) -> int:
    from ..errors import ConfigError
    from ..export import FORMATS, module
    from ..export.source import ExportFilters

    _check_date("since", args.since)
    _check_date("until", args.until)
    filters = ExportFilters(args.country, args.since, args.until, tuple(args.types))
    events = _events(args, filters)
    exporter = module(args.format)
    if FORMATS[args.format][2]:
        if not args.output:
            raise ConfigError(f"--format {args.format} writes a binary file: give -o FILE")
        n = exporter.write(events, args.output)
    elif args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as fh:
            n = exporter.write(events, fh)
    else:
        n = exporter.write(events, sys.stdout)
    print(f"wirewatch export: {n} event(s) as {args.format}", file=sys.stderr)
    return 0
