"""Measure the watcher: CPU time to poll many local feeds, and item-to-event latency.

``python -m wirewatch.watch.bench --feeds 200 --items 20`` serves the feeds from a local
``http.server`` in a child process (its CPU is not counted) and reports the CPU time of
the polling thread for a first poll (every item new), an unchanged poll (304s) and a poll
where each feed gained one item.  The NLP pipeline is replaced by an empty extraction
there, so the numbers are the watcher's own cost.  ``--latency N`` then follows one feed
with the real pipeline at the minimum interval and times N items from their appearance
in the feed to their events in the store.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

LOCAL = ("127.0.0.0/8",)  # the benchmark's feed server listens on loopback
TEXT = ("{n}. Officials in the town of Example said on Monday that the market reopened after repairs, and that"
        " traders returned in numbers not seen for months, according to the report numbered {n}.")
BOMB = ("BAGHDAD, Jan 5 (Reuters) - A car bomb killed {k} people at a market in Baghdad on Friday, police said."
        " No group claimed responsibility for the attack, report {n}.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _write_feed(path: Path, base: str, names: list[str], template: str) -> None:
    items = [{"id": n, "url": f"{base}/story/{n}", "title": f"Story {n}", "content_text": template.format(n=n, k=3 + i % 9),
              "date_published": "2026-01-05T12:00:00Z"} for i, n in enumerate(names)]
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}))
    tmp.replace(path)


class LocalServer:
    """``python -m http.server`` on 127.0.0.1 in a child process (Last-Modified and 304 included)."""

    def __init__(self, root: Path) -> None:
        self.port = _free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1",
                                      "--directory", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the local feed server did not start")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def _empty_process(raw: Any) -> dict[str, Any]:
    from ..contract import to_contract
    from ..ingest.normalise import normalise
    from ..model import Extraction

    return to_contract(Extraction(normalise(raw), (), (), (), (), ()))


def _cpu(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    c0, w0 = time.thread_time(), time.perf_counter()
    out = fn()
    return time.thread_time() - c0, time.perf_counter() - w0, out


def poll_cost(feeds: int, items: int, root: Path) -> dict[str, Any]:
    from ..store import open_store
    from .fetch import FetchPolicy
    from .sources import Source
    from .watcher import Watcher

    server = LocalServer(root)
    try:
        names = {f: [f"f{f}-{i}" for i in range(items)] for f in range(feeds)}
        for f, ns in names.items():
            _write_feed(root / f"feed{f}.json", server.base, ns, TEXT)
        sources = [Source(f"feed{f}", f"{server.base}/feed{f}.json", kind="jsonfeed", interval=900,
                          outlet=f"Outlet {f}", fetch_pages=False) for f in range(feeds)]
        with open_store(str(root / "bench.db")) as store:
            w = Watcher(store, sources, policy=FetchPolicy(allow_networks=LOCAL, host_interval=0.0), process=_empty_process,
                        fuse=False, alerts=False)
            first = _cpu(w.poll_once)
            same = _cpu(w.poll_once)
            time.sleep(1.1)  # Last-Modified has one-second resolution
            for f, ns in names.items():
                ns.append(f"f{f}-{items}")
                _write_feed(root / f"feed{f}.json", server.base, ns[-items:], TEXT)
            one_new = _cpu(w.poll_once)
            w.close()
            stored = store.counts()["articles"]
    finally:
        server.close()
    row: dict[str, Any] = {"feeds": feeds, "items_per_feed": items, "articles_stored": stored}
    for name, (cpu, wall, results) in (("first_poll", first), ("unchanged_poll", same), ("one_new_each", one_new)):
        row[name] = {"cpu_s": round(cpu, 3), "wall_s": round(wall, 3), "stored": sum(r.stored for r in results),
                     "not_modified": sum(r.not_modified for r in results), "errors": sum(not r.ok for r in results),
                     "core_share_at_900s": round(cpu / 900, 5), "core_share_at_60s": round(cpu / 60, 5)}
    return row


def latency(n: int, root: Path, interval: int = 10) -> dict[str, Any]:
    """Seconds from an item's appearance in the feed to its events in the store, real pipeline."""
    from ..store import open_store
    from .fetch import FetchPolicy
    from .sources import Source
    from .watcher import Watcher

    server = LocalServer(root)
    feed, names = root / "live.json", list[str]()
    _write_feed(feed, server.base, names, BOMB)
    src = Source("live", f"{server.base}/live.json", kind="jsonfeed", interval=interval, outlet="Live",
                 fetch_pages=False)
    stop, out = threading.Event(), []
    with open_store(str(root / "latency.db")) as store:
        pipeline_s = _pipeline_time()  # also loads the model, so the first item does not pay for it
        w = Watcher(store, [src], policy=FetchPolicy(allow_networks=LOCAL, host_interval=0.0), fuse=True, alerts=False,
                    process=None)
        w.poll_once()
        thread = threading.Thread(target=w.run, kwargs={"stop": stop.is_set, "max_sleep": 0.2}, daemon=True)
        thread.start()
        try:
            for i in range(n):
                time.sleep(1.3 + (i * 3.7) % interval)  # appear at different points of the interval
                names.append(f"live-{i}")
                appeared = time.perf_counter()
                _write_feed(feed, server.base, names[-20:], BOMB)
                out.append(_wait_for_event(root / "latency.db", f"{server.base}/story/live-{i}", appeared))
        finally:
            stop.set()
            thread.join(timeout=60)
            w.close()
            server.close()
    return {"interval_s": interval, "items": n, "pipeline_s_per_article": round(pipeline_s, 3),
            "latency_s": [round(x, 2) for x in out],
            "max_s": round(max(out), 2), "mean_s": round(sum(out) / len(out), 2)}


def _pipeline_time(runs: int = 5) -> float:
    """Mean wall seconds of the real pipeline on one short wire story (after a warm-up run)."""
    from ..model import RawDocument
    from ..pipeline import process

    process(RawDocument(source="warm-up", content=BOMB.format(n="w", k=3), kind="text"))
    t0 = time.perf_counter()
    for i in range(runs):
        process(RawDocument(source=f"timed-{i}", content=BOMB.format(n=i, k=4 + i), kind="text"))
    return (time.perf_counter() - t0) / runs


def _wait_for_event(db: Path, url: str, appeared: float, timeout: float = 120.0) -> float:
    import sqlite3

    conn = sqlite3.connect(str(db), timeout=10)
    try:
        while time.perf_counter() - appeared < timeout:
            row = conn.execute("SELECT count(*) FROM articles a JOIN event_articles ea ON ea.article_id = a.id"
                               " WHERE a.url = ?", (url,)).fetchone()
            if row[0]:
                return time.perf_counter() - appeared
            time.sleep(0.05)
    finally:
        conn.close()
    raise TimeoutError(f"{url}: no event after {timeout:g} s")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--feeds", type=int, default=200)
    p.add_argument("--items", type=int, default=20)
    p.add_argument("--latency", type=int, default=0, metavar="N", help="also time N items end to end")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        report: dict[str, Any] = {"poll_cost": poll_cost(args.feeds, args.items, Path(tmp))}
    if args.latency:
        with tempfile.TemporaryDirectory() as tmp:
            report["latency"] = latency(args.latency, Path(tmp))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
