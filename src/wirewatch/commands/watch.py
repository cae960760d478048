"""Follow feeds, sitemaps and pages: poll them on their intervals and store new articles' events.

Give URLs, a sources file (``--sources``, TOML; see docs/watch.md) or both.  ``--once``
polls every source once and exits; otherwise it runs until interrupted, and a restart
continues where it stopped (what was seen lives in the database).
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("urls", nargs="*", metavar="URL", help="feed, sitemap or article URL(s) to follow")
    p.add_argument("--sources", metavar="FILE", help="TOML sources file ([[source]] name, url, kind, interval ...)")
    p.add_argument("--once", action="store_true", help="poll each source once, then exit")
    p.add_argument("--interval", type=int, default=900, help="seconds between polls of URLs given here (900)")
    p.add_argument("--db", default=None, help="SQLite path or sqlite:/// URL (default: $WIREWATCH_DB)")
    p.add_argument("--host-interval", type=float, default=1.0,
                   help="at least this many seconds between two requests to one host (1.0)")
    p.add_argument("--timeout", type=float, default=15.0, help="seconds for one response (15)")
    p.add_argument("--no-fuse", action="store_true", help="do not fuse new events after each poll")
    p.add_argument("--base-url", default="", help="prefix for event links in alerts, e.g. http://host:8000")
    p.add_argument("--allow-network", action="append", default=[], metavar="CIDR",
                   help="let feed links and redirects reach this network (repeatable; by default only public"
                        " addresses: never loopback, private, link-local or metadata addresses)")


def _sources(args: argparse.Namespace) -> list:
    from ..errors import ConfigError
    from ..watch.sources import load_sources, url_sources

    found = (load_sources(args.sources) if args.sources else []) + url_sources(args.urls, args.interval)
    if not found:
        raise ConfigError("nothing to watch: give URL(s) or --sources FILE")
    return found


def _print(results: list) -> None:
    for r in results:
        what = ("not modified" if r.not_modified else
                f"{r.items} item(s): {r.stored} stored, {r.seen} seen before, {r.duplicates} duplicate(s),"
                f" {r.failed} failed") if r.ok else f"ERROR {r.error}"
        print(f"{r.source}: {what}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from ..config import default_db
    from ..store import open_store
    from ..watch.fetch import FetchPolicy
    from ..watch.watcher import Watcher

    sources = _sources(args)
    from ..watch.netguard import parse_networks

    parse_networks(args.allow_network)  # a bad CIDR is a configuration error before anything runs
    policy = FetchPolicy(timeout=args.timeout, host_interval=args.host_interval,
                         allow_networks=tuple(args.allow_network))
    with open_store(args.db or default_db()) as store:
        watcher = Watcher(store, sources, policy=policy, fuse=not args.no_fuse, base_url=args.base_url)
        try:
            if args.once:
                results = watcher.poll_once()
                _print(results)
                return 0 if all(r.ok for r in results) else 1
            watcher.run()
        except KeyboardInterrupt:
            print("wirewatch watch: stopped", file=sys.stderr)
        finally:
            watcher.close()
    return 0
