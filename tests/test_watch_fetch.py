"""Fetching and parsing against real local servers: conditional requests, timeouts, retries,
size and redirect limits, robots.txt, the rate limit, and every feed format (no pipeline here)."""

from __future__ import annotations

import time

import pytest
from test_watch_support import LOCAL, Huge, Redirect, Site, Slow, Static, Status, rss

from wirewatch.watch.canon import canonical_url, content_hash
from wirewatch.watch.feeds import parse_feed, plain_text
from wirewatch.watch.fetch import (
    BAD_FEED,
    ROBOTS_DISALLOWED,
    ROBOTS_UNAVAILABLE,
    TOO_LARGE,
    TOO_MANY_REDIRECTS,
    Fetcher,
    FetchError,
    FetchPolicy,
    user_agent,
)

FAST = FetchPolicy(allow_networks=LOCAL, timeout=1.0, retries=2, backoff=0.01, host_interval=0.0)


def test_canonical_url_drops_tracking_fragment_default_port() -> None:
    a = canonical_url("HTTPS://News.Example.org:443/story?utm_source=rss&id=7&fbclid=x#comments")
    assert a == "https://news.example.org/story?id=7"
    assert canonical_url("http://h:8080/a?b=2&a=1") == "http://h:8080/a?a=1&b=2"
    assert canonical_url("http://h") == "http://h/"


def test_content_hash_folds_case_and_spaces() -> None:
    assert content_hash("A car  bomb\nkilled 12.") == content_hash("a car bomb killed 12.")
    assert content_hash("killed 12") != content_hash("killed 13")


def test_user_agent_and_conditional_get() -> None:
    with Site() as site, Fetcher(FAST) as f:
        site.routes["/feed"] = Static(b"x", etag='"v1"', last_modified="Wed, 01 Jan 2025 00:00:00 GMT")
        first = f.get(site.url("/feed"))
        assert first.status == 200 and first.etag == '"v1"' and first.last_modified.startswith("Wed")
        again = f.get(site.url("/feed"), etag=first.etag, last_modified=first.last_modified)
        assert again.not_modified and again.body == b""
        path, headers = site.hits[-1]
        assert path == "/feed" and headers["If-None-Match"] == '"v1"'
        assert headers["User-Agent"] == user_agent() and user_agent().startswith("Wirewatch/")
        site.routes["/lm"] = Static(b"y", last_modified="Thu, 02 Jan 2025 00:00:00 GMT")
        assert f.get(site.url("/lm"), last_modified="Thu, 02 Jan 2025 00:00:00 GMT").status == 304


def test_slow_server_times_out_as_transient() -> None:
    policy = FetchPolicy(allow_networks=LOCAL, timeout=0.3, connect_timeout=0.3, retries=1, backoff=0.01, host_interval=0.0)
    with Site() as site, Fetcher(policy) as f:
        site.routes["/slow"] = Slow(1.5, Static(b"late"))
        t0 = time.monotonic()
        with pytest.raises(FetchError) as err:
            f.get(site.url("/slow"))
        assert err.value.transient and "timed out" in err.value.message
        assert time.monotonic() - t0 < 1.4  # two attempts of 0.3 s, not the server's 1.5 s each
        assert site.count("/slow") == 2


def test_500_is_retried_with_backoff_then_raised() -> None:
    policy = FetchPolicy(allow_networks=LOCAL, retries=3, backoff=0.05, host_interval=0.0)
    with Site() as site, Fetcher(policy) as f:
        site.routes["/down"] = Status(500)
        t0 = time.monotonic()
        with pytest.raises(FetchError) as err:
            f.get(site.url("/down"))
        assert err.value.status == 500 and err.value.transient
        assert site.count("/down") == 4  # one try and three retries
        assert time.monotonic() - t0 >= 0.05 + 0.1 + 0.2  # exponential back-off between them


def test_404_is_not_retried() -> None:
    with Site() as site, Fetcher(FAST) as f:
        with pytest.raises(FetchError) as err:
            f.get(site.url("/gone"))
        assert err.value.status == 404 and not err.value.transient and site.count("/gone") == 1


def test_50mb_page_stops_at_the_size_limit() -> None:
    with Site() as site, Fetcher(FetchPolicy(allow_networks=LOCAL, max_bytes=5 * 1024 * 1024, host_interval=0.0)) as f:
        huge = Huge(50 * 1024 * 1024)
        site.routes["/huge"] = huge
        with pytest.raises(FetchError) as err:
            f.get(site.url("/huge"))
        assert err.value.code == TOO_LARGE
        deadline = time.monotonic() + 5
        while not huge.sent and time.monotonic() < deadline:
            time.sleep(0.05)
        assert huge.sent and huge.sent[0] < 20 * 1024 * 1024  # the server was cut off well before 50 MB
        site.routes["/big-declared"] = Static(b"z" * 2048)
        with pytest.raises(FetchError) as err:
            Fetcher(FetchPolicy(allow_networks=LOCAL, max_bytes=1024, host_interval=0.0)).get(site.url("/big-declared"))
        assert err.value.code == TOO_LARGE


def test_redirect_loop_is_bounded_and_short_chains_follow() -> None:
    with Site() as site, Fetcher(FAST) as f:
        site.routes["/a"] = Redirect("/b")
        site.routes["/b"] = Redirect("/a")
        with pytest.raises(FetchError) as err:
            f.get(site.url("/a"))
        assert err.value.code == TOO_MANY_REDIRECTS
        assert site.count("/a") + site.count("/b") == 6  # the first request and five redirects
        site.routes["/r1"] = Redirect("/r2")
        site.routes["/r2"] = Redirect(site.url("/end"))
        site.routes["/end"] = Static(b"done")
        resp = f.get(site.url("/r1"))
        assert resp.body == b"done" and resp.url == site.url("/end")


def test_robots_txt_is_respected_and_cached() -> None:
    with Site() as site, Fetcher(FAST) as f:
        site.routes["/robots.txt"] = Static(b"User-agent: Wirewatch\nDisallow: /private/\n", "text/plain")
        site.routes["/private/x"] = Static(b"secret")
        site.routes["/public"] = Static(b"ok")
        with pytest.raises(FetchError) as err:
            f.get(site.url("/private/x"))
        assert err.value.code == ROBOTS_DISALLOWED and site.count("/private/x") == 0
        assert f.get(site.url("/public")).body == b"ok"
        assert site.count("/robots.txt") == 1


def test_robots_5xx_means_disallow() -> None:
    with Site() as site, Fetcher(FetchPolicy(allow_networks=LOCAL, retries=0, backoff=0.01, host_interval=0.0)) as f:
        site.routes["/robots.txt"] = Status(503)
        site.routes["/x"] = Static(b"x")
        with pytest.raises(FetchError) as err:
            f.get(site.url("/x"))
        # still no fetch, but the code says robots.txt was unavailable, not that it disallows (issue #15)
        assert err.value.code == ROBOTS_UNAVAILABLE and site.count("/x") == 0 and "HTTP 503" in str(err.value)


def test_per_host_rate_limit_spaces_requests() -> None:
    with Site() as site, Fetcher(FetchPolicy(allow_networks=LOCAL, host_interval=0.2, robots=False)) as f:
        site.routes["/x"] = Static(b"x")
        t0 = time.monotonic()
        for _ in range(4):
            f.get(site.url("/x"))
        assert time.monotonic() - t0 >= 0.6 - 0.02


RSS = rss([("g1", "/a1?utm_source=feed", "One"), ("g2", "http://other.example/a2", "Two")])
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><id>tag:x,2025:1</id><title>One</title><link rel="alternate" href="/one"/><updated>2025-01-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;Body one&lt;/p&gt;</content></entry></feed>"""
JSONFEED = (b'{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", "url": "/j1",'
            b' "title": "J1", "content_text": "Text one", "date_published": "2025-01-03T08:00:00+01:00"}]}')
SITEMAP = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           b"<url><loc>http://h/s1</loc><lastmod>2025-01-04</lastmod></url><url><loc>http://h/s2</loc></url></urlset>")


def test_parse_every_format() -> None:
    r = parse_feed(RSS, "http://h/feed")
    assert r.kind == "rss" and [i.key for i in r.items] == ["g1", "g2"]
    assert r.items[0].url == "http://h/a1?utm_source=feed" and r.items[0].published.startswith("2026-01-01")
    a = parse_feed(ATOM, "http://h/atom")
    assert a.kind == "atom" and a.items[0].url == "http://h/one" and a.items[0].content_is_html
    assert a.items[0].published == "2025-01-02T10:00:00+00:00" and plain_text(a.items[0].content) == "Body one"
    j = parse_feed(JSONFEED, "http://h/feed.json")
    assert j.kind == "jsonfeed" and j.items[0].url == "http://h/j1" and j.items[0].content == "Text one"
    s = parse_feed(SITEMAP, "http://h/sitemap.xml")
    assert s.kind == "sitemap" and [i.url for i in s.items] == ["http://h/s1", "http://h/s2"]
    lst = parse_feed(b"# urls\nhttp://h/u1\nhttps://h/u2\n", "http://h/list.txt")
    assert [i.url for i in lst.items] == ["http://h/u1", "https://h/u2"]
    assert parse_feed(b"<!doctype html><html><body>x</body></html>", "http://h/page").kind == "page"


@pytest.mark.parametrize("body", [b"<rss><channel><item><title>broken</item></channel>", b"{not json",
                                  b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><rss/>',
                                  b"<feed><entry><title>open", b"just words, no urls", b'{"items": 3}'])
def test_malformed_documents_raise_bad_feed(body: bytes) -> None:
    with pytest.raises(FetchError) as err:
        parse_feed(body, "http://h/bad")
    assert err.value.code == BAD_FEED and "http://h/bad" in str(err.value)
