"""Search stored articles and events: full text plus filters, printed as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

# CLI option -> URL parameter (repeatable options keep every value).
OPTIONS: tuple[tuple[str, str, str, bool], ...] = (
    ("--date", "date", "one day (YYYY-MM-DD): published on it, or events on it", False),
    ("--since", "since", "from this date (YYYY-MM-DD)", False),
    ("--until", "until", "up to this date (YYYY-MM-DD)", False),
    ("--tag", "tag", "article tag (repeat: all must match)", True),
    ("--country", "country", "event country code, e.g. IQ (repeat: any)", True),
    ("--admin1", "admin1", "event region (admin1) name (repeat: any)", True),
    ("--type", "type", "event type, e.g. 'Battles' (repeat: any)", True),
    ("--sub-type", "sub_type", "sub-event type, e.g. 'Air/drone strike' (repeat: any)", True),
    ("--actor", "actor", "actor name (repeat: all must match)", True),
    ("--status", "status", "occurred|threatened|planned|denied|background (repeat: any)", True),
    ("--outlet", "outlet", "outlet or agency (repeat: any)", True),
    ("--min-fatalities", "min_fatalities", "best fatality estimate at least N", False),
    ("--max-fatalities", "max_fatalities", "best fatality estimate at most N", False),
    ("--bbox", "bbox", "map box W,S,E,N in degrees", False),
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", default=None, help="full-text query (words AND-ed; \"quoted phrase\"; word*)")
    for flag, dest, help_, many in OPTIONS:
        p.add_argument(flag, dest=dest, action="append" if many else "store", help=help_, default=None)
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--per-page", type=int, default=20)
    p.add_argument("--facets", action="store_true", help="also print facet counts")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--db", default=None, help="SQLite path or sqlite:/// URL (default: $WIREWATCH_DB)")


def params_from_args(args: argparse.Namespace) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {"q": [args.query] if args.query else []}
    for _, dest, _, many in OPTIONS:
        value = getattr(args, dest)
        if value is not None:
            params[dest] = value if many else [str(value)]
    return params


def _cut(s: Any, n: int) -> str:
    s = "" if s is None else str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def _print_table(data: dict[str, Any]) -> None:
    print(f"Filters: {data['sentence']}")
    if data["chips"]:
        print("Chips:   " + "  ".join(f"[{c['label']} ×]" for c in data["chips"]))
    ev = data["events"]
    print(f"\nEvents: {ev['total']}")
    for e in ev["items"]:
        loc, d, fat = e.get("location") or {}, e.get("date") or {}, e.get("fatalities") or {}
        print(f"  {d.get('start', '?'):<10}  {_cut(e['sub_event_type'] or e['event_type'], 32):<32}  "
              f"{_cut(loc.get('name'), 18):<18} {loc.get('country_code') or '':<2}  "
              f"killed {fat.get('best') if fat.get('best') is not None else '?':>4}  {e['status']:<10} {e['id']}")
    ar = data["articles"]
    print(f"\nArticles: {ar['total']}")
    for a in ar["items"]:
        print(f"  {(a['published'] or '?')[:10]:<10}  {_cut(a['outlet'], 20):<20}  {_cut(a['title'], 60):<60}"
              f"  {' | '.join(a['tags'][:6])}")
    for f in (data.get("facets") or {}).values():
        vals = ", ".join(f"{v['value']} ({v['count']})" for v in f["values"])
        print(f"\n{f['label']}: {'timed out' if f['timed_out'] else vals or '-'}")


def run(args: argparse.Namespace) -> int:
    from ..config import default_db
    from ..search.filters import filters_from_params
    from ..search.present import search_json
    from ..store import open_store

    filters = filters_from_params(params_from_args(args))
    db = args.db or default_db()
    _require_database(db)
    with open_store(db, readonly=True) as store:
        result = store.search(filters, args.page, args.per_page)
        facets = store.facets(filters) if args.facets or args.json else None
        data = search_json(result, facets)
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_table(data)
    return 0


def _require_database(db: str) -> None:
    """Searching a SQLite file that does not exist is a mistake, not an empty result."""
    from pathlib import Path

    from ..errors import ConfigError
    from ..store.sqlite import sqlite_path

    if "://" in db and not db.startswith("sqlite:"):
        return
    path = sqlite_path(db)
    if path != ":memory:" and not Path(path).expanduser().exists():
        raise ConfigError(f"no database here; store articles first: wirewatch ingest PATH --db {db}", source=db)
