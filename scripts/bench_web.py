"""Search, facet and page timings on a big store, and requests/s under a loopback load test.

    python scripts/gen_events.py --db /tmp/bench.sqlite --events 100000
    python scripts/bench_web.py --db /tmp/bench.sqlite [--queries 200] [--seconds 10] [--json OUT]

1. store level: ``search`` (page 1, 20 per page) + all facet counts with three filters
   (country, a 90-day date window, event type) around randomly drawn stored events: p50/p95/max in ms;
2. HTTP level, against ``uvicorn`` in its own process: GET /events/{id} (the rendered event
   page) and GET /api/search with the same three filters: p50/p95;
3. ``wrk`` (Debian package) for requests/s and errors on the event page and the search API,
   when installed; otherwise a Python thread-pool loop.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from urllib.parse import urlencode

import httpx

from wirewatch.search.filters import Filters
from wirewatch.store import open_store


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def summary(ms: list[float]) -> dict[str, float]:
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 1), "p95_ms": round(pct(ms, 95), 1),
            "max_ms": round(max(ms), 1)}


def three_filters(store, rng: random.Random, n: int) -> list[Filters]:
    """Country + event type + a 90-day window, each taken around a randomly drawn stored event
    (so every query matches something, as an analyst's would)."""
    rows = store.conn.execute(
        "SELECT country_code, event_type, date_start FROM events WHERE country_code IS NOT NULL"
        " AND event_type IS NOT NULL AND date_start IS NOT NULL AND fused_into IS NULL"
        " ORDER BY random() LIMIT ?", (n,)).fetchall()
    out = []
    for country, type_, day in rows:
        since = date.fromisoformat(day) - timedelta(days=rng.randrange(90))
        out.append(Filters(countries=(country,), since=since, until=since + timedelta(days=90),
                           event_types=(type_,)))
    return out


def bench_store(db: str, filters: list[Filters]) -> dict[str, object]:
    with open_store(db, readonly=True) as store:
        store.search(filters[0])  # warm the page cache
        times, hits = [], []
        for f in filters:
            t0 = time.perf_counter()
            r = store.search(f, 1, 20)
            store.facets(f)
            times.append((time.perf_counter() - t0) * 1000)
            hits.append(r.events.total)
        counts = store.counts()
    return {"search_plus_facets": summary(times), "median_matches": statistics.median(hits),
            "events": counts["events"], "articles": counts["articles"]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = dict(os.environ, WIREWATCH_DB=db)
    proc = subprocess.Popen([sys.executable, "-m", "wirewatch.cli", "serve", "--db", db, "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("server did not start")


def api_qs(f: Filters) -> str:
    return urlencode({"country": f.countries[0], "since": f.since.isoformat(), "until": f.until.isoformat(),
                      "type": f.event_types[0]})


def bench_http(base: str, event_ids: list[str], filters: list[Filters]) -> dict[str, object]:
    out: dict[str, object] = {}
    with httpx.Client(base_url=base, timeout=30) as c:
        for name, urls in (("event_page", [f"/events/{i}" for i in event_ids]),
                           ("api_search_3_filters_with_facets", [f"/api/search?{api_qs(f)}" for f in filters])):
            c.get(urls[0])
            times, errors = [], 0
            for u in urls:
                t0 = time.perf_counter()
                r = c.get(u, headers={"accept": "text/html"})
                times.append((time.perf_counter() - t0) * 1000)
                errors += r.status_code != 200
            out[name] = summary(times) | {"errors": errors}
    return out


def run_wrk(url: str, seconds: int, connections: int) -> dict[str, object]:
    res = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", res).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", res)
    errs = re.search(r"Socket errors:.*", res)
    p99 = re.search(r"99%\s+([\d.]+\w+)", res)
    return {"tool": "wrk", "url": url, "connections": connections, "seconds": seconds,
            "requests_per_s": rps, "non_2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": errs.group(0) if errs else None, "latency_p99": p99.group(1) if p99 else None}


def run_pyload(url: str, seconds: int, connections: int) -> dict[str, object]:
    deadline, ok, bad = time.monotonic() + seconds, 0, 0

    def worker() -> tuple[int, int]:
        good = errs = 0
        with httpx.Client(timeout=30) as c:
            while time.monotonic() < deadline:
                good_ = c.get(url).status_code == 200
                good, errs = good + good_, errs + (not good_)
        return good, errs

    with ThreadPoolExecutor(connections) as pool:
        for g, e in pool.map(lambda _: worker(), range(connections)):
            ok, bad = ok + g, bad + e
    return {"tool": "python httpx loop", "url": url, "connections": connections, "seconds": seconds,
            "requests_per_s": round((ok + bad) / seconds, 1), "non_2xx": bad}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--workers", type=int, default=2, help="uvicorn worker processes for the load test")
    p.add_argument("--json", dest="out", default=None)
    args = p.parse_args(argv)
    rng = random.Random(6)
    with open_store(args.db, readonly=True) as store:
        filters = three_filters(store, rng, args.queries)
        ids = [r[0] for r in store.conn.execute("SELECT id FROM events ORDER BY random() LIMIT ?", (args.queries,))]
    results: dict[str, object] = {"store": bench_store(args.db, filters)}
    proc, base = start_server(args.db, args.workers)
    try:
        results["http"] = bench_http(base, ids, filters)
        load = run_wrk if shutil.which("wrk") else run_pyload
        results["load"] = [load(base + f"/events/{ids[0]}", args.seconds, args.connections),
                           load(base + f"/api/search?{api_qs(filters[0])}", args.seconds, args.connections)]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
