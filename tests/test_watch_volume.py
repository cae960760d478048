"""A test that counts: 100 polls of four changing feeds (RSS with pages, JSON Feed, Atom, sitemap),
repeats, tracking-parameter copies, 304s, a 500 now and then and a restart in the middle;
every item is stored exactly once.  The NLP pipeline is a fast fake here (the real one runs
in test_watch.py); reading, normalising, de-duplicating and storing are real."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path

from test_watch_support import LOCAL, Flaky, Site, Static, Status, page_html

from wirewatch.contract import to_contract
from wirewatch.ingest.normalise import article_id
from wirewatch.model import Article, Extraction, RawDocument
from wirewatch.store import open_store
from wirewatch.watch.fetch import FetchPolicy
from wirewatch.watch.sources import Source
from wirewatch.watch.state import WatchState
from wirewatch.watch.watcher import Watcher

POLLS, RESTART_AT, WINDOW = 100, 50, 20
KINDS = ("rss", "jsonfeed", "atom", "sitemap")


def story(n: str) -> str:
    return (f"Story {n}. Officials in the town of Example said on Monday that the market reopened after repairs,"
            f" and that traders returned in numbers not seen for months, according to report number {n}.")


class Feeds:
    """Four feeds whose windows of the latest 20 items grow by 0-3 items per poll."""

    def __init__(self, site: Site) -> None:
        self.site, self.rng = site, random.Random(7)
        self.items: dict[str, list[str]] = {k: [] for k in KINDS}
        self.version = 0

    def advance(self) -> None:
        self.version += 1
        for kind in KINDS:
            for _ in range(self.rng.randint(0, 3)):
                n = f"{kind}-{len(self.items[kind]) + 1}"
                self.items[kind].append(n)
                self.site.routes[f"/p/{n}"] = Static(page_html(f"Report {n}", [story(n)]), "text/html")
            self.site.routes[f"/{kind}"] = self._route(kind)
        if self.version % 17 == 0:  # a bad moment for one feed: its items must still arrive later
            self.site.routes["/jsonfeed"] = Status(500)
        if self.version % 13 == 0 and self.items["rss"]:  # a page that fails once: retried next poll
            page = f"/p/{self.items['rss'][-1]}"
            self.site.routes[page] = Flaky(self.site.routes[page])

    def _route(self, kind: str) -> Static:
        window = self.items[kind][-WINDOW:]
        url = self.site.url
        etag = f'"{kind}-{len(self.items[kind])}"'
        if kind == "rss":
            entries = "".join(f"<item><guid>{n}</guid><link>{url('/p/' + n)}</link><title>{n}</title></item>"
                              f"<item><guid>{n}-copy</guid><link>{url('/p/' + n)}?utm_medium=x#c</link></item>"
                              for n in window)
            body = f"<rss><channel><title>r</title>{entries}</channel></rss>"
        elif kind == "jsonfeed":
            body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [
                {"id": n, "url": url("/j/" + n), "content_text": story(n)} for n in window]})
        elif kind == "atom":
            entries = "".join(f"<entry><id>{n}</id><title>{n}</title><link href=\"{url('/a/' + n)}\"/>"
                              f"<content type=\"html\">&lt;p&gt;{story(n)}&lt;/p&gt;</content></entry>" for n in window)
            body = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title>{entries}</feed>'
        else:
            body = "<urlset>" + "".join(f"<url><loc>{url('/p/' + n)}</loc></url>" for n in window) + "</urlset>"
        return Static(body.encode(), "application/xml", etag=etag)

    def all_items(self) -> set[str]:
        return {n for kind in KINDS for n in self.items[kind]}


def fake_process(calls: list[str]) -> Callable[[RawDocument], dict]:
    def process(raw: RawDocument) -> dict:
        calls.append(raw.url or raw.source)
        article = Article(id=article_id(raw.source, raw.content), text=raw.content, url=raw.url, outlet=raw.outlet)
        return to_contract(Extraction(article, (), (), (), (), ()))
    return process


def _watcher(store, site: Site, calls: list[str]) -> Watcher:
    sources = [Source(k, site.url(f"/{k}"), kind="sitemap" if k == "sitemap" else "auto", interval=60,
                      outlet=f"Outlet {k}", fetch_pages=k in ("rss", "sitemap")) for k in KINDS]
    return Watcher(store, sources, policy=FetchPolicy(allow_networks=LOCAL, retries=0, backoff=0.0, host_interval=0.0),
                   process=fake_process(calls), fuse=False, alerts=False)


def test_no_item_lost_or_duplicated_over_100_polls_with_a_restart(tmp_path: Path) -> None:
    db, calls = str(tmp_path / "volume.db"), []
    with Site() as site:
        feeds = Feeds(site)
        store = open_store(db)
        watcher = _watcher(store, site, calls)
        errors = 0
        for poll in range(1, POLLS + 1):
            feeds.advance()
            if poll == RESTART_AT:  # a restart: everything in memory is gone
                watcher.close()
                store.close()
                store = open_store(db)
                watcher = _watcher(store, site, calls)
            errors += sum(not r.ok for r in watcher.poll_once())
        for kind in KINDS:  # heal the last moment's failures, then one last poll
            site.routes[f"/{kind}"] = feeds._route(kind)
        watcher.poll_once()
        expected = feeds.all_items()
        stored = [r[0] for r in store.conn.execute("SELECT title FROM articles")]
        texts = [r[0] for r in store.conn.execute("SELECT text FROM articles")]
        found = {m.group(1) for t in texts for m in [re.search(r"Story (\S+)\.", t)] if m}
        assert len(expected) > 300 and errors >= 5
        assert found == expected, (sorted(expected - found)[:5], sorted(found - expected)[:5])
        assert len(stored) == len(expected) == len(set(texts))  # nothing twice
        assert len(calls) == len(expected)  # each item went through the pipeline once
        counts = WatchState(store).item_counts()
        assert counts.get("stored") == len(expected) and "pending" not in counts and "failed" not in counts
        flaky = [p for p, route in site.routes.items() if isinstance(route, Flaky)]
        hits = [p.split("?")[0] for p, _ in site.hits]
        assert flaky and all(hits.count(p) == 2 and site.routes[p].times == 0 for p in flaky)  # 503, then read
        not_modified = sum(1 for p, h in site.hits if p == "/sitemap" and h.get("If-None-Match"))
        assert not_modified > 0
        watcher.close()
        store.close()
