"""``wirewatch bench --scale N``: an archive of N realistic events in SQLite and in PostgreSQL, and
the latency of what the web page asks for (``docs/scale.md``, ``docs/benchmarks.md``).

Both stores are filled once with :mod:`wirewatch.bench.archive_data` (kept under ``--fixtures``,
reused while the fill is complete and of the same N and seed). Timed through the store interface:

* ``search_facets``: ``search`` (page 1) + ``facets`` with three filters (a country, a 90-day window
  and an event type, taken from a random stored event, so filters follow the archive's own
  distribution and always match something);
* ``search_facets_per_query``: the same queries the way main ran them before issue #17 (one
  statement per facet, each re-running the filter; the article count and page joining every matched
  event to its articles), on the same database;
* ``event_page`` (``get_event`` of a random event), ``map`` (``events_for_map``) and ``timeline``
  with the same three filters, and ``map_country`` / ``timeline_country`` with the country alone.

``warm``: after a warm-up, every timed query a new filter set (no facet-cache hit). ``cold``:
PostgreSQL restarted (empty shared buffers) or a new SQLite connection before each query; the
operating system's file cache is not dropped (that needs root and hurts the machine's other jobs).
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

from ..search.filters import Filters
from ..store.base import SQLStore
from .archive_data import articles, load_profile

BATCH = 2000
SEED = 17


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))], 1) if xs else 0.0


def summary(ms: list[float]) -> dict[str, float]:
    return {"n": len(ms), "p50": pct(ms, 50), "p95": pct(ms, 95), "p99": pct(ms, 99), "max": round(max(ms, default=0), 1)}


def fill(url: str, events: int, seed: int = SEED) -> dict[str, Any]:
    """Write the synthetic archive into the store at ``url``."""
    from ..store import open_store

    profile = load_profile()
    t0 = time.perf_counter()
    with open_store(url) as opened:
        store = cast(SQLStore, opened)
        if not url.startswith("postgres"):
            store.conn.execute("PRAGMA cache_size = -1000000")  # 1 GB for the fill: random index pages stay decoded
        store.defer_cells = True  # the per-cell facet counts are computed once, after the fill
        batch: list[dict[str, Any]] = []
        for doc in articles(profile, events, seed):
            batch.append(doc)
            if len(batch) >= BATCH:
                store.upsert_extractions(batch)
                batch = []
        if batch:
            store.upsert_extractions(batch)
        store.refresh_cells()
        # PostgreSQL: VACUUM sets the visibility map, so the covering indexes answer without the table
        store.conn.execute("VACUUM ANALYZE" if url.startswith("postgres") else "ANALYZE")
        counts = store.counts()
    return {"fill_seconds": round(time.perf_counter() - t0, 1), "events": counts["events"],
            "articles": counts["articles"], "profile": profile.summary(), "seed": seed}


def queries(store: SQLStore, n: int, seed: int) -> list[Filters]:
    """Three-filter queries around random stored events."""
    rng = random.Random(seed)
    top = store.conn.execute("SELECT max(rid) FROM events").fetchone()[0]
    out: list[Filters] = []
    while len(out) < n:
        row = store.conn.execute("SELECT country_code, event_type, date_start FROM events WHERE rid >= ?"
                                 " AND fused_into IS NULL ORDER BY rid LIMIT 1", (rng.randint(1, top),)).fetchone()
        if row is None or not (row[0] and row[1] and row[2]):
            continue
        since = date.fromisoformat(row[2][:10]) - timedelta(days=rng.randrange(90))
        out.append(Filters(countries=(row[0],), since=since, until=since + timedelta(days=90), event_types=(row[1],)))
    return out


def event_ids(store: SQLStore, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    top = store.conn.execute("SELECT max(rid) FROM events").fetchone()[0]
    return [store.conn.execute("SELECT id FROM events WHERE rid >= ? ORDER BY rid LIMIT 1",
                               (rng.randint(1, top),)).fetchone()[0] for _ in range(n)]


def per_query_search(store: SQLStore, f: Filters) -> None:
    """What ``search`` + ``facets`` cost before issue #17 (the article queries and the per-facet ones)."""
    from ..store.sqlite_docs import ARTICLE_LIST_COLS

    _, (aw, ap) = store._where(f)
    store.conn.execute(f"SELECT count(*) FROM articles a WHERE {aw}", ap).fetchone()
    store.conn.execute(f"WITH m AS MATERIALIZED (SELECT a.rid FROM articles a WHERE {aw})"
                       f" SELECT {ARTICLE_LIST_COLS} FROM articles a JOIN m ON m.rid = a.rid"
                       " ORDER BY a.published_date DESC, a.rid DESC LIMIT 20", ap).fetchall()
    (ew, ep), _ = store._where(f)
    store.conn.execute(f"SELECT count(*) FROM events e WHERE {ew}", ep).fetchone()
    store.facets_per_query(f)


def _ms(fn: Callable[..., Any], *args: Any) -> float:
    """Milliseconds of one call."""
    t0 = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - t0) * 1000


def search_and_facets(store: SQLStore, f: Filters) -> None:
    store.search(f)
    store.facets(f)


def _timed_block(store: SQLStore, qs: list[Filters], ids: list[str]) -> dict[str, dict[str, float]]:
    out: dict[str, list[float]] = {k: [] for k in ("search_facets", "event_page", "map", "timeline",
                                                   "map_country", "timeline_country")}
    for f, eid in zip(qs, ids, strict=False):
        country = Filters(countries=f.countries)
        out["search_facets"].append(_ms(search_and_facets, store, f))
        out["event_page"].append(_ms(store.get_event, eid))
        out["map"].append(_ms(store.events_for_map, f))
        out["timeline"].append(_ms(store.timeline, f))
        out["map_country"].append(_ms(store.events_for_map, country))
        out["timeline_country"].append(_ms(store.timeline, country))
    return {k: summary(v) for k, v in out.items()}


def measure(open_fn: Callable[[], SQLStore], restart: Callable[[], None], n: int, cold_n: int,
            legacy: bool = True) -> dict[str, Any]:
    """Warm figures on ``n`` queries (after 10 warm-up queries), cold figures on ``cold_n``."""
    store = open_fn()
    try:
        qs = queries(store, n + cold_n + 10, SEED)
        ids = event_ids(store, n + cold_n + 10, SEED)
        for f, eid in zip(qs[:10], ids[:10], strict=True):
            search_and_facets(store, f)
            store.get_event(eid), store.events_for_map(f), store.timeline(f)
        warm = _timed_block(store, qs[10:10 + n], ids[10:10 + n])
        if legacy:
            warm["search_facets_per_query"] = summary([_ms(per_query_search, store, f) for f in qs[10:10 + n]])
    finally:
        store.close()
    cold: dict[str, list[float]] = {"search_facets": [], "map": [], "timeline": []}
    for f in qs[10 + n:]:
        restart()
        store = open_fn()
        try:
            cold["search_facets"].append(_ms(search_and_facets, store, f))
            cold["map"].append(_ms(store.events_for_map, f))
            cold["timeline"].append(_ms(store.timeline, f))
        finally:
            store.close()
    return {"warm": warm, "cold": {k: summary(v) for k, v in cold.items()}}


def _fixture(marker: Path, url: str, events: int) -> dict[str, Any]:
    if marker.is_file():
        info = json.loads(marker.read_text())
        if info.get("requested") == events and info.get("seed") == SEED:
            return info | {"reused": True}
    info = fill(url, events) | {"requested": events}
    marker.write_text(json.dumps(info, indent=2))
    return info | {"reused": False}


def bench_sqlite(fixtures: Path, events: int, n: int, cold_n: int) -> dict[str, Any]:
    from ..store import open_store

    path = fixtures / f"archive-{events}.sqlite"
    marker = fixtures / f"archive-{events}.sqlite.json"
    if not marker.is_file() and path.exists():
        for p in fixtures.glob(f"archive-{events}.sqlite*"):
            p.unlink()  # an unfinished fill
    info = _fixture(marker, str(path), events)
    result = measure(lambda: cast(SQLStore, open_store(str(path), readonly=True)), lambda: None, n, cold_n)
    return {"fixture": info, "path": str(path), **result}


@contextmanager
def _pg_server(root: Path) -> Iterator[Any]:
    from ..scale import pgserver

    server = pgserver.start(root=root)
    try:
        yield server
    finally:
        pgserver.stop(server, remove=False)


def bench_postgres(fixtures: Path, events: int, n: int, cold_n: int, url: str | None = None) -> dict[str, Any]:
    from ..scale import pgserver
    from ..store import open_store

    if url is not None:  # a given server: time it as it is (cold = new connection only)
        return {"url": url, **measure(lambda: cast(SQLStore, open_store(url, readonly=True)), lambda: None, n, cold_n)}
    root = fixtures / "pg"
    marker = fixtures / f"archive-{events}.pg.json"
    name = f"archive_{events}"
    state: dict[str, Any] = {}
    with _pg_server(root) as server:
        state["server"] = server
        if not marker.is_file():
            pgserver.create_database(server.url, name)
        info = _fixture(marker, server.url_for(name), events)

        def restart() -> None:
            pgserver.stop(state["server"], remove=False)
            state["server"] = pgserver.start(root=root)

        result = measure(lambda: cast(SQLStore, open_store(state["server"].url_for(name), readonly=True)), restart,
                         n, cold_n)
        server = state["server"]
    return {"fixture": info, "server": "scale.pgserver under the fixtures folder (fsync off)", **result}


def run(events: int, fixtures: Path, stores: tuple[str, ...], n: int = 200, cold_n: int = 30,
        pg_url: str | None = None) -> dict[str, Any]:
    fixtures.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {"benchmark": "archive", "command": f"wirewatch bench --scale {events}",
                           "events_requested": events, "queries_warm": n, "queries_cold": cold_n,
                           "cpus": os.cpu_count(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}
    if "sqlite" in stores:
        out["sqlite"] = bench_sqlite(fixtures, events, n, cold_n)
    if "postgres" in stores:
        out["postgres"] = bench_postgres(fixtures, events, n, cold_n, pg_url)
    out["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return out


def table(r: dict[str, Any]) -> str:
    lines = [f"archive of {r['events_requested']:,} events; load average {r['load_average_at_start']}"
             f" -> {r['load_average_at_end']}"]
    for name in ("sqlite", "postgres"):
        if name not in r:
            continue
        s = r[name]
        fx = s.get("fixture", {})
        lines.append(f"{name}: {fx.get('events', '?'):,} events, {fx.get('articles', '?'):,} articles"
                     f" (filled in {fx.get('fill_seconds')} s{', reused' if fx.get('reused') else ''})")
        for phase in ("warm", "cold"):
            for k, v in s[phase].items():
                lines.append(f"  {phase:<4} {k:<26} p50 {v['p50']:>8} ms  p95 {v['p95']:>8} ms  p99 {v['p99']:>8} ms")
    return "\n".join(lines)
