"""Saved searches with alerts: ``add`` saves a search (and a webhook), ``list`` shows them and their
latest hits, ``remove`` deletes one, ``check`` runs the alerts once now."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict


def add_arguments(p: argparse.ArgumentParser) -> None:
    from .search import OPTIONS

    sub = p.add_subparsers(dest="action", required=True)
    add = sub.add_parser("add", help="save a search; new matching events are POSTed to --webhook")
    add.add_argument("name")
    add.add_argument("--query", "-q", default=None, help="full-text query")
    for flag, dest, help_, many in OPTIONS:
        add.add_argument(flag, dest=dest, action="append" if many else "store", help=help_, default=None)
    add.add_argument("--webhook", default=None, help="URL that receives a JSON POST per batch of new events")
    lst = sub.add_parser("list", help="saved searches and their latest alerts")
    lst.add_argument("--json", action="store_true")
    rm = sub.add_parser("remove", help="delete a saved search")
    rm.add_argument("name")
    chk = sub.add_parser("check", help="match stored events against the saved searches now and send alerts")
    chk.add_argument("--base-url", default="")
    for q in (add, lst, rm, chk):
        q.add_argument("--db", default=None, help="SQLite path or sqlite:/// URL (default: $WIREWATCH_DB)")


def _add(state, args: argparse.Namespace) -> int:
    from ..search.filters import filters_from_params, sentence
    from .search import OPTIONS

    params: dict[str, list[str]] = {"q": [args.query]} if args.query else {}
    for _, dest, _, many in OPTIONS:
        value = getattr(args, dest)
        if value is not None:
            params[dest] = value if many else [str(value)]
    filters = filters_from_params(params)  # validates: a bad value fails here, not at alert time
    state.save_search(args.name, params, args.webhook)
    print(f"saved {args.name!r}: {sentence(filters)}" + (f" -> {args.webhook}" if args.webhook else ""))
    return 0


def _list(state, as_json: bool) -> int:
    searches, hits = state.saved_searches(), state.recent_alerts(200)
    if as_json:
        print(json.dumps({"searches": [asdict(s) for s in searches], "alerts": hits}, indent=2))
        return 0
    from ..search.filters import filters_from_params, sentence

    for s in searches:
        mine = [h for h in hits if h["alert"] == s.name]
        print(f"{s.name}: {sentence(filters_from_params(s.params))}; webhook {s.webhook or '-'};"
              f" {len(mine)} recent alert(s)")
        for h in mine[:10]:
            print(f"    {h['sent_at']}  {h['kind']:<6} {h['link']}  toll {h['toll']}  ({h['delivered']})")
    if not searches:
        print("no saved searches: `wirewatch alerts add NAME --query ... --webhook URL`")
    return 0


def run(args: argparse.Namespace) -> int:
    from ..config import default_db
    from ..store import open_store
    from ..watch.state import WatchState

    with open_store(args.db or default_db()) as store:
        state = WatchState(store)
        if args.action == "add":
            return _add(state, args)
        if args.action == "list":
            return _list(state, args.json)
        if args.action == "remove":
            if not state.delete_search(args.name):
                print(f"wirewatch alerts: no saved search named {args.name!r}", file=sys.stderr)
                return 1
            return 0
        from ..watch.alerts import run_alerts

        done = run_alerts(state, args.base_url)
        for name, n in done.sent.items():
            print(f"{name}: {n} event(s) alerted")
        for name, err in done.errors.items():
            print(f"{name}: webhook failed: {err}", file=sys.stderr)
        return 1 if done.errors else 0
