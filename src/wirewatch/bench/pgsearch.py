"""PostgreSQL search latency: ``search`` (page 1) + every facet count with three filters (a
country, a 90-day window, an event type drawn at random) on N synthetic events made by
``scripts/gen_events.py`` (template variations; speed figures, not accuracy figures)."""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..errors import ConfigError

GEN = Path(__file__).resolve().parents[3] / "scripts" / "gen_events.py"


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))], 1)


def three_filter_queries(store: Any, n: int, seed: int = 8) -> list[Any]:
    from ..search.filters import Filters

    facets = store.facets(Filters(), limit=50)
    countries = [v.value for v in facets["country"].values]
    types = [v.value for v in facets["event_type"].values]
    lo, hi = store.conn.execute("SELECT min(date_start), max(date_start) FROM events").fetchone()
    first, days = date.fromisoformat(lo), (date.fromisoformat(hi) - date.fromisoformat(lo)).days
    rng, out = random.Random(seed), []
    for _ in range(n):
        since = first + timedelta(days=rng.randrange(max(1, days - 90)))
        out.append(Filters(countries=(rng.choice(countries),), since=since, until=since + timedelta(days=90),
                           event_types=(rng.choice(types),)))
    return out


def _fill(url: str, events: int) -> float:
    if not GEN.is_file():
        raise ConfigError("scripts/gen_events.py is missing (run from a source checkout)", source=str(GEN))
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(GEN), "--db", url, "--events", str(events)], check=True)
    return round(time.perf_counter() - t0, 1)


def bench_postgres(events: int, url: str | None = None, queries: int = 200) -> dict[str, Any]:
    """Fill a database (a throwaway server unless ``url``) and time search + facets."""
    from ..scale import pgserver
    from ..store import open_store

    server = None
    if url is None:
        server = pgserver.start()
        pgserver.create_database(server.url, "wirewatch_bench")
        url = server.url_for("wirewatch_bench")
    try:
        fill_s = _fill(url, events) if events > 0 else 0.0  # 0: time the database as it is
        with open_store(url) as store:
            store.conn.execute("ANALYZE")
            counts = store.counts()
            qs = three_filter_queries(store, queries)
            for f in qs[:10]:  # warm the cache
                store.search(f)
                store.facets(f)
            ms = []
            for f in qs:
                t0 = time.perf_counter()
                store.search(f)
                store.facets(f)
                ms.append((time.perf_counter() - t0) * 1000)
    finally:
        if server is not None:
            pgserver.stop(server)
    return {"events": counts["events"], "articles": counts["articles"], "fill_seconds": fill_s,
            "queries": len(ms), "search_plus_facets_ms": {"p50": round(statistics.median(ms), 1),
                                                          "p95": _pct(ms, 95), "max": round(max(ms), 1)},
            "server": "throwaway (scale.pgserver, fsync off)" if server else "given URL"}
