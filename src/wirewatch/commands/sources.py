"""List followed sources with their last poll, last error and item counts (failing sources first)."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help="SQLite path or sqlite:/// URL (default: $WIREWATCH_DB)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _when(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds") if ts else "now"


def run(args: argparse.Namespace) -> int:
    from ..config import default_db
    from ..store import open_store
    from ..watch.state import WatchState, source_statuses

    with open_store(args.db or default_db(), readonly=True) as store:
        rows = source_statuses(store)
        counts = {r["name"]: WatchState(store).item_counts(r["name"]) for r in rows}
    if args.json:
        print(json.dumps([r | {"items": counts[r["name"]]} for r in rows], indent=2))
        return 0
    if not rows:
        print("no sources yet: run `wirewatch watch URL` or `wirewatch watch --sources FILE`")
        return 0
    for r in rows:
        state = f"FAILING x{r['errors_in_row']}" if r["failing"] else "ok"
        items = ", ".join(f"{n} {k}" for k, n in sorted(counts[r["name"]].items())) or "no items"
        print(f"{r['name']}  [{r['kind']}]  {state}  {r['url']}")
        print(f"    last poll {r['last_poll'] or 'never'}; last ok {r['last_ok'] or 'never'};"
              f" next {_when(r['next_due'])}; {r['polls']} poll(s); {items}")
        if r["last_error"]:
            print(f"    last error at {r['last_error_at']}: {r['last_error']}")
    return 0
