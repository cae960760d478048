"""The watcher end to end against real local servers, with the real pipeline: feeds and pages in,
articles and events stored once, failing sources recorded alone, restarts, webhook alerts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_watch_support import LOCAL, Flaky, Redirect, Site, Slow, Static, Status, page_html, rss

from wirewatch.errors import ConfigError
from wirewatch.store import open_store
from wirewatch.watch.alerts import run_alerts
from wirewatch.watch.fetch import FetchPolicy
from wirewatch.watch.sources import Source, load_sources
from wirewatch.watch.state import WatchState, source_statuses
from wirewatch.watch.watcher import Watcher

POLICY = FetchPolicy(allow_networks=LOCAL, timeout=1.0, connect_timeout=1.0, retries=1, backoff=0.01, host_interval=0.0)
BOMB = ["BAGHDAD, Jan 5 (Reuters) - A car bomb killed 12 people at a market in Baghdad on Friday, police said.",
        "No group claimed responsibility for the attack."]
CLASH = ["MOGADISHU, Jan 5 (Reuters) - Al-Shabaab fighters attacked an army base near Mogadishu on Friday,"
         " killing four soldiers, the army said.", "The group said it had seized weapons."]
PROTEST = ["DHAKA, Jan 7 (Reuters) - Thousands of garment workers protested in Dhaka on Sunday over unpaid wages,"
           " blocking roads for hours, police said. The protest ended peacefully in the evening after talks with"
           " factory owners, who promised to pay the wages by the end of the week."]


def jsonfeed(items: list[tuple[str, str, str]]) -> bytes:
    """JSON Feed of (id, url, text) items that carry their whole story."""
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J",
                       "items": [{"id": i, "url": u, "title": "Story " + i, "content_text": t,
                                  "date_published": "2026-01-08T09:00:00Z"} for i, u, t in items]}).encode()


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "watch.db")


def test_sources_file(tmp_path: Path) -> None:
    f = tmp_path / "sources.toml"
    f.write_text('[[source]]\nname = "a"\nurl = "https://example.org/rss"\ninterval = 60\noutlet = "A"\n'
                 '[[source]]\nurl = "https://example.org/sitemap.xml"\nkind = "sitemap"\nlanguage = "en"\n')
    a, b = load_sources(f)
    assert (a.name, a.kind, a.interval, a.outlet) == ("a", "rss", 60, "A")
    assert (b.name, b.kind, b.language, b.fetch_pages) == ("example.org/sitemap.xml", "sitemap", "en", True)
    for bad, message in (('url = "ftp://x"', "http"), ('url = "http://x"\nkind = "pdf"', "kind"),
                         ('url = "http://x"\ninterval = 1', "interval"), ('url = "http://x"\ncolour = 1', "colour")):
        f.write_text("[[source]]\n" + bad + "\n")
        with pytest.raises(ConfigError, match=message):
            load_sources(f)
    f.write_text("[[source]\n")
    with pytest.raises(ConfigError, match="TOML"):
        load_sources(f)


def test_feed_to_events_with_alerts_restart_and_304(db: str) -> None:
    with Site() as site:
        site.routes["/bomb"] = Static(page_html("Car bomb kills 12 in Baghdad", BOMB), "text/html")
        site.routes["/clash"] = Static(page_html("Al-Shabaab attack near Mogadishu", CLASH), "text/html")
        items = [("g1", site.url("/bomb?utm_source=rss"), "Bomb"), ("g1", site.url("/bomb"), "Bomb again"),
                 ("g2", site.url("/bomb#top"), "Same page, other guid")]
        site.routes["/feed"] = Static(rss(items), etag='"v1"')
        with open_store(db) as store:
            WatchState(store).save_search("iraq", {"country": ["IQ"]}, site.url("/hook"))
            w = Watcher(store, [Source("wire", site.url("/feed"), outlet="Wire A", interval=60)], policy=POLICY)
            (r,) = w.poll_once()
            assert (r.ok, r.items, r.stored, r.seen) == (True, 3, 1, 2)  # one page, two repeats of it
            assert site.count("/bomb?utm_source=rss") == 1 and site.count("/bomb") == 0
            art = store.get_article(r.article_ids[0])
            assert art["outlet"] == "Wire A" and "car bomb" in art["text"]
            assert len(site.posts) == 1
            post = site.posts[0]
            (ev,) = post["events"]
            assert post["alert"] == "iraq" and ev["alert"] == "new" and ev["link"] == f"/events/{ev['id']}"
            assert ev["place"]["country_code"] == "IQ" and ev["fatalities"]["best"] == 12
            assert ev["articles"] == r.article_ids and ev["why"][0]["sentence"] == "country is IQ"
            assert w.poll_once()[0].not_modified and len(site.posts) == 1
            w.close()
        site.routes["/feed"] = Static(rss([*items, ("g3", site.url("/clash"), "Clash")]), etag='"v2"')
        with open_store(db) as store:  # a restart: a new store connection and a new Watcher
            w = Watcher(store, [Source("wire", site.url("/feed"), outlet="Wire A", interval=60)], policy=POLICY)
            assert WatchState(store).status("wire").etag == '"v1"'
            (r,) = w.poll_once()
            assert (r.stored, r.seen) == (1, 3)
            assert site.hits[-2][1].get("If-None-Match") == '"v1"'  # the feed request carried the stored ETag
            assert len(site.posts) == 1  # the Somali event does not match the Iraq search
            assert store.counts()["articles"] == 2
            w.close()


def test_failing_sources_fail_alone_and_visibly(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from wirewatch.cli import main

    with Site() as site:
        site.routes["/good"] = Static(jsonfeed([("p1", site.url("/p1"), " ".join(PROTEST))]), "application/json")
        site.routes["/down"] = Status(500)
        site.routes["/bad.xml"] = Static(b"<rss><channel><item><title>x</channel></rss>")
        site.routes["/slow"] = Slow(3.0, Static(b"<rss/>"))
        site.routes["/loop"] = Redirect("/loop2")
        site.routes["/loop2"] = Redirect("/loop")
        sources = [Source("good", site.url("/good"), outlet="G", fetch_pages=False),
                   Source("down", site.url("/down")), Source("bad", site.url("/bad.xml")),
                   Source("slow", site.url("/slow")), Source("loop", site.url("/loop"))]
        with open_store(db) as store:
            w = Watcher(store, sources, policy=FetchPolicy(allow_networks=LOCAL, timeout=0.4, retries=1, backoff=0.01, host_interval=0))
            results = {r.source: r for r in w.poll_once()}
            assert results["good"].ok and results["good"].stored == 1
            assert site.count("/down") == 2  # retried once
            errors = {n: r.error for n, r in results.items() if not r.ok}
            assert set(errors) == {"down", "bad", "slow", "loop"}
            assert "HTTP 500" in errors["down"] and "malformed XML" in errors["bad"]
            assert "timed out" in errors["slow"] and "redirects" in errors["loop"]
            rows = source_statuses(store)
            assert [r["name"] for r in rows][-1] == "good" and all(r["failing"] for r in rows[:4])
            down = WatchState(store).status("down")
            assert down.errors_in_row == 1 and down.last_error_at and "HTTP 500" in down.last_error
            assert w.due() == []  # nothing is due again straight away, failing or not
            site.routes["/down"] = Static(rss([]))
            again = {r.source: r for r in w.poll_once()}
            assert again["down"].ok and WatchState(store).status("down").errors_in_row == 0
            assert not again["bad"].ok and WatchState(store).status("bad").errors_in_row == 2
            w.close()
        assert main(["sources", "--db", db]) == 0
        out = capsys.readouterr().out
        assert "bad  [rss]  FAILING x2" in out and "malformed XML" in out and "good  [rss]  ok" in out


def test_same_story_is_stored_once_per_outlet(db: str) -> None:
    text = " ".join(PROTEST)
    with Site() as site:
        site.routes["/a"] = Static(jsonfeed([("1", site.url("/x/1"), text), ("2", site.url("/x/2"), text)]))
        site.routes["/b"] = Static(jsonfeed([("9", site.url("/y/9"), text.upper().lower())]))
        with open_store(db) as store:
            w = Watcher(store, [Source("a", site.url("/a"), outlet="Wire A", fetch_pages=False),
                                Source("b", site.url("/b"), outlet="Wire B", fetch_pages=False)],
                        policy=POLICY, fuse=False)
            a, b = w.poll_once()
            assert (a.stored, a.duplicates, b.stored, b.duplicates) == (1, 1, 1, 0)
            assert store.counts()["articles"] == 2
            assert WatchState(store).item_counts() == {"stored": 2, "duplicate": 1}
            w.close()


def test_toll_update_alerts_once_as_update(db: str) -> None:
    with Site() as site:
        site.routes["/bomb"] = Static(page_html("Car bomb kills 12 in Baghdad", BOMB), "text/html")
        site.routes["/feed"] = Static(rss([("g1", site.url("/bomb"), "Bomb")]))
        with open_store(db) as store:
            state = WatchState(store)
            state.save_search("deadly", {"min_fatalities": ["5"], "type": ["Explosions/Remote violence"]},
                              site.url("/hook"))
            w = Watcher(store, [Source("wire", site.url("/feed"))], policy=POLICY, fuse=False)
            (r,) = w.poll_once()
            assert len(site.posts) == 1 and site.posts[0]["events"][0]["alert"] == "new"
            why = {x["filter"]: x for x in site.posts[0]["events"][0]["why"]}
            assert why["min_fatalities"]["event"] == "12" and why["type"]["event"] == "Explosions/Remote violence"
            from wirewatch.contract import to_contract
            from wirewatch.model import RawDocument
            from wirewatch.pipeline import process

            url = site.url("/bomb")  # the same raw document the watcher built: a re-extraction of the page
            raw = RawDocument(source=url, content=page_html("Car bomb kills 12 in Baghdad", BOMB).decode(),
                              kind="html", url=url, title="Bomb", published="2026-01-01T00:00:00+00:00")
            doc = to_contract(process(raw))
            assert doc["article"]["id"] == r.article_ids[0]
            for e in doc["events"]:
                if e["fatalities"]:
                    e["fatalities"] = {"low": 20, "best": 20, "high": 20}
            store.upsert_extraction(doc | {"pipeline_version": "toll-update"})
            run_alerts(state)
            run_alerts(state)
            assert len(site.posts) == 2
            upd = site.posts[1]["events"][0]
            assert upd["alert"] == "update" and upd["previous_fatalities"] == "12" and upd["fatalities"]["best"] == 20
            assert [h["kind"] for h in state.recent_alerts()] == ["update", "new"]
            w.close()


def test_webhook_failure_retries_on_next_poll_without_duplicates(db: str) -> None:
    with Site() as site:
        site.routes["/feed"] = Static(jsonfeed([("p1", site.url("/p1"), " ".join(PROTEST))]))
        with open_store(db) as store:
            state = WatchState(store)
            state.save_search("all", {}, site.url("/hook"))
            site.post_status = 500
            w = Watcher(store, [Source("j", site.url("/feed"), fetch_pages=False)], policy=POLICY, fuse=False)
            w.poll_once()
            assert site.posts == [] and state.recent_alerts() == []
            site.post_status = 200
            assert run_alerts(state).sent == {"all": len(site.posts[0]["events"])}
            assert run_alerts(state).sent == {} and len(site.posts) == 1
            w.close()


def test_cli_watch_once_sources_and_alerts(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    from wirewatch.cli import main

    with Site() as site:
        site.routes["/feed"] = Static(jsonfeed([("p1", site.url("/p1"), " ".join(PROTEST))]))
        assert main(["alerts", "add", "dhaka", "--query", "protest", "--country", "BD", "--webhook",
                     site.url("/hook"), "--db", db]) == 0
        assert main(["watch", site.url("/feed"), "--once", "--db", db, "--host-interval", "0", "--no-fuse"]) == 0
        err = capsys.readouterr().err
        assert "1 item(s): 1 stored" in err
        assert main(["alerts", "list", "--db", db]) == 0
        out = capsys.readouterr().out
        assert "dhaka: text matches “protest” and country is BD" in out
        assert len(site.posts) == 1 and site.posts[0]["events"][0]["link"].startswith("/events/")
        assert site.posts[0]["events"][0]["why"][0]["sentence"] == "text matches “protest”"
        assert main(["sources", "--db", db, "--json"]) == 0
        (row,) = json.loads(capsys.readouterr().out)
        assert row["url"] == site.url("/feed") and row["items"] == {"stored": 1} and not row["failing"]


def test_item_whose_page_fails_for_now_is_retried_after_leaving_the_feed(db: str) -> None:
    with Site() as site:
        site.routes["/bomb"] = Flaky(Static(page_html("Car bomb kills 12 in Baghdad", BOMB), "text/html"))
        site.routes["/feed"] = Static(rss([("g1", site.url("/bomb"), "Bomb")]), etag='"v1"')
        with open_store(db) as store:
            w = Watcher(store, [Source("wire", site.url("/feed"))], policy=FetchPolicy(allow_networks=LOCAL, retries=0, host_interval=0),
                        fuse=False)
            (r,) = w.poll_once()
            assert (r.ok, r.pending, r.stored) == (True, 1, 0)
            assert WatchState(store).status("wire").etag is None  # validators kept back: re-read next time
            site.routes["/feed"] = Static(rss([]), etag='"v2"')  # the item has left the feed
            (r,) = w.poll_once()
            assert (r.stored, r.pending) == (1, 0) and site.count("/bomb") == 2
            assert WatchState(store).item_counts() == {"stored": 1}
            w.close()


def test_a_fused_event_holding_an_alerted_report_is_not_alerted_again(db: str) -> None:
    second = ["BAGHDAD, Jan 5 (AP) - A car bomb killed 12 people at a market in Baghdad on Friday, officials said.",
              "Police sealed off the area after the blast."]
    with Site() as site:
        site.routes["/a"] = Static(page_html("Car bomb kills 12 in Baghdad", BOMB), "text/html")
        site.routes["/b"] = Static(page_html("Twelve killed by Baghdad car bomb", second), "text/html")
        site.routes["/wa"] = Static(rss([("a", site.url("/a"), "A")]))
        site.routes["/wb"] = Static(rss([]))
        with open_store(db) as store:
            WatchState(store).save_search("iraq", {"country": ["IQ"]}, site.url("/hook"))
            w = Watcher(store, [Source("wa", site.url("/wa"), outlet="Wire A"),
                                Source("wb", site.url("/wb"), outlet="Wire B")], policy=POLICY)
            w.poll_once()
            assert len(site.posts) == 1
            alerted = site.posts[0]["events"][0]["id"]
            site.routes["/wb"] = Static(rss([("b", site.url("/b"), "B")]))
            (_, rb) = w.poll_once()
            assert rb.stored == 1
            (member,) = [r[0] for r in store.conn.execute("SELECT member_id FROM alert_members WHERE event_id = ?",
                                                          (alerted,))]
            fused = store.conn.execute("SELECT fused_into FROM events WHERE id = ?", (member,)).fetchone()[0]
            size = store.conn.execute("SELECT count(*) FROM events WHERE fused_into = ?", (fused,)).fetchone()[0]
            assert fused != alerted and size == 2  # both reports are now one new fused event holding the alerted one
            row = store.conn.execute("SELECT country_code, fatalities_best FROM events WHERE id = ?", (fused,)).fetchone()
            assert tuple(row) == ("IQ", 12)  # it matches the search: only the member rule keeps it quiet
            assert len(site.posts) == 1  # same event, same toll: no second alert
            w.close()


def test_run_loop_polls_on_the_interval_until_stopped(db: str) -> None:
    import threading
    import time

    with Site() as site:
        site.routes["/feed"] = Static(jsonfeed([]))
        with open_store(db) as store:
            w = Watcher(store, [Source("j", site.url("/feed"), interval=1, fetch_pages=False)], policy=POLICY,
                        fuse=False)
            stop = threading.Event()
            thread = threading.Thread(target=w.run, kwargs={"stop": stop.is_set, "max_sleep": 0.1})
            thread.start()
            try:
                time.sleep(0.3)
                site.routes["/feed"] = Static(jsonfeed([("p1", site.url("/p1"), " ".join(PROTEST))]))
                deadline = time.monotonic() + 20
                while not WatchState(store).item_counts() and time.monotonic() < deadline:
                    time.sleep(0.1)
            finally:
                stop.set()
                thread.join(timeout=30)
            assert not thread.is_alive()
            assert WatchState(store).item_counts() == {"stored": 1}
            polls = site.count("/feed")
            assert 2 <= polls <= 30  # polled again after the interval, not in a busy loop
            w.close()


def test_a_broken_saved_search_fails_alone(db: str) -> None:
    with Site() as site:
        site.routes["/feed"] = Static(jsonfeed([("p1", site.url("/p1"), " ".join(PROTEST))]))
        with open_store(db) as store:
            state = WatchState(store)
            state.save_search("broken", {"country": ["Bangladesh"]}, site.url("/hook"))  # not a 2-letter code
            state.save_search("everything", {}, site.url("/hook"))
            w = Watcher(store, [Source("j", site.url("/feed"), fetch_pages=False)], policy=POLICY, fuse=False,
                        alerts=False)
            w.poll_once()
            done = run_alerts(state)
            assert "two-letter country code" in done.errors["broken"] and done.sent["everything"] >= 1
            assert [p["alert"] for p in site.posts] == ["everything"]
            w.close()


def test_sources_file_with_atom_page_and_sitemap(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wirewatch.cli import main

    with Site() as site:
        site.routes["/bomb"] = Static(page_html("Car bomb kills 12 in Baghdad", BOMB), "text/html")
        site.routes["/clash"] = Static(page_html("Al-Shabaab attack near Mogadishu", CLASH), "text/html")
        protest = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PROTEST)
        site.routes["/atom"] = Static(f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
            <entry><id>urn:p1</id><title>Dhaka protest</title><link href="/dhaka"/><updated>2026-01-07T10:00:00Z</updated>
            <content type="html">{protest}</content></entry></feed>""".encode(), "application/atom+xml")
        site.routes["/sitemap.xml"] = Static(
            f"<urlset><url><loc>{site.url('/clash')}</loc></url><url><loc>{site.url('/bomb')}</loc></url></urlset>"
            .encode())
        sources = tmp_path / "sources.toml"
        sources.write_text(f"""
[[source]]
name = "atom"
url = "{site.url('/atom')}"
kind = "atom"
outlet = "Atom Wire"
fetch_pages = false

[[source]]
name = "one-page"
url = "{site.url('/bomb')}"
kind = "page"
outlet = "Page Daily"

[[source]]
name = "map"
url = "{site.url('/sitemap.xml')}"
kind = "sitemap"
outlet = "Page Daily"
""")
        assert main(["watch", "--sources", str(sources), "--once", "--db", db, "--host-interval", "0",
                     "--allow-network", "127.0.0.0/8"]) == 0
        err = capsys.readouterr().err
        assert "atom: 1 item(s): 1 stored" in err and "one-page: 1 item(s): 1 stored" in err
        assert "map: 2 item(s): 1 stored, 1 seen before" in err  # /bomb came in through the page source
        with open_store(db) as store:
            outlets = sorted(r[0] for r in store.conn.execute("SELECT outlet FROM articles"))
            assert outlets == ["Atom Wire", "Page Daily", "Page Daily"]
            assert store.counts()["events"] >= 3


def test_alerts_go_out_in_batches_and_each_event_once(db: str) -> None:
    stories = [(f"s{i}", f"http://127.0.0.1/s{i}", text) for i, text in
               enumerate([" ".join(BOMB), " ".join(CLASH), " ".join(PROTEST)])]
    with Site() as site:
        site.routes["/feed"] = Static(jsonfeed(stories))
        with open_store(db) as store:
            state = WatchState(store)
            state.save_search("everything", {}, site.url("/hook"))
            w = Watcher(store, [Source("j", site.url("/feed"), fetch_pages=False)], policy=POLICY, fuse=False,
                        alerts=False)
            w.poll_once()
            events = store.conn.execute("SELECT count(*) FROM events WHERE fused_into IS NULL").fetchone()[0]
            assert events >= 3
            assert run_alerts(state, limit=1).sent == {"everything": events}
            assert [len(p["events"]) for p in site.posts] == [1] * events
            assert len({p["events"][0]["id"] for p in site.posts}) == events
            assert run_alerts(state, limit=1).sent == {} and len(site.posts) == events
            w.close()


def test_events_stored_before_a_search_is_saved_are_not_news(db: str) -> None:
    with Site() as site:
        site.routes["/feed"] = Static(jsonfeed([("b", "http://127.0.0.1/b", " ".join(BOMB))]))
        with open_store(db) as store:
            w = Watcher(store, [Source("j", site.url("/feed"), fetch_pages=False)], policy=POLICY, fuse=False)
            w.poll_once()
            state = WatchState(store)
            state.save_search("everything", {}, site.url("/hook"))
            assert run_alerts(state).sent == {} and site.posts == []
            site.routes["/feed"] = Static(jsonfeed([("b", "http://127.0.0.1/b", " ".join(BOMB)),
                                                    ("c", "http://127.0.0.1/c", " ".join(CLASH))]))
            w.poll_once()
            assert len(site.posts) == 1
            assert {e["place"]["country_code"] for e in site.posts[0]["events"]} == {"SO"}
            w.close()
