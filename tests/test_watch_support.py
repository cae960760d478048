"""Real local HTTP servers for the watcher tests (127.0.0.1 only), and a check that they behave.

``Site`` serves mutable routes: static bodies with ETag/Last-Modified (304 on a match),
statuses, slow answers, redirects, endless bodies; ``Hook`` records webhook POSTs.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

LOCAL = ("127.0.0.0/8",)  # the test servers listen on loopback: the watcher must be allowed there


@dataclass
class Static:
    body: bytes
    content_type: str = "application/xml"
    etag: str | None = None
    last_modified: str | None = None

    def __call__(self, h: BaseHTTPRequestHandler) -> None:
        if self.etag and h.headers.get("If-None-Match") == self.etag:
            h.send_response(304)
            h.end_headers()
            return
        if self.last_modified and h.headers.get("If-Modified-Since") == self.last_modified:
            h.send_response(304)
            h.end_headers()
            return
        h.send_response(200)
        h.send_header("Content-Type", self.content_type)
        h.send_header("Content-Length", str(len(self.body)))
        if self.etag:
            h.send_header("ETag", self.etag)
        if self.last_modified:
            h.send_header("Last-Modified", self.last_modified)
        h.end_headers()
        h.wfile.write(self.body)


@dataclass
class Status:
    code: int

    def __call__(self, h: BaseHTTPRequestHandler) -> None:
        h.send_response(self.code)
        h.send_header("Content-Length", "0")
        h.end_headers()


@dataclass
class Slow:
    delay: float
    then: Callable[[BaseHTTPRequestHandler], None]

    def __call__(self, h: BaseHTTPRequestHandler) -> None:
        time.sleep(self.delay)
        self.then(h)


@dataclass
class Flaky:
    """Fails ``times`` times with ``status``, then answers like ``then``."""

    then: Callable[[BaseHTTPRequestHandler], None]
    times: int = 1
    status: int = 503

    def __call__(self, h: BaseHTTPRequestHandler) -> None:
        if self.times > 0:
            self.times -= 1
            Status(self.status)(h)
        else:
            self.then(h)


@dataclass
class Redirect:
    location: str

    def __call__(self, h: BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Location", self.location)
        h.send_header("Content-Length", "0")
        h.end_headers()


@dataclass
class Huge:
    """A page of ``size`` bytes sent in 64 KiB chunks without a Content-Length (chunk-less stream)."""

    size: int
    sent: list[int] = field(default_factory=list)

    def __call__(self, h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Connection", "close")
        h.end_headers()
        chunk, total = b"<p>" + b"x" * 65_530 + b"</p>", 0
        try:
            while total < self.size:
                h.wfile.write(chunk)
                total += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.sent.append(total)
        h.close_connection = True


class Site:
    """A threaded HTTP server on 127.0.0.1 with routes by path (query included when given)."""

    def __init__(self) -> None:
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}
        self.hits: list[tuple[str, dict[str, str]]] = []
        self.posts: list[dict] = []
        self.post_status = 200
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out at once (no delayed-ACK stalls)

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                site.hits.append((self.path, dict(self.headers)))
                route = site.routes.get(self.path) or site.routes.get(self.path.split("?")[0])
                (route or Status(404))(self)

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if site.post_status < 300:
                    site.posts.append(json.loads(body))
                Status(site.post_status)(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def count(self, path: str) -> int:
        return sum(1 for p, _ in self.hits if p == path)


def page_html(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{title}</title></head><body><nav>Home | World</nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>© Test</footer></body></html>").encode()


def rss(items: list[tuple[str, str, str]], title: str = "Test feed") -> bytes:
    """RSS 2.0 of (guid, link, title) items."""
    entries = "".join(f"<item><guid>{g}</guid><link>{link}</link><title>{t}</title>"
                      f"<pubDate>{formatdate(1767225600, usegmt=True)}</pubDate></item>" for g, link, t in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{entries}</channel></rss>'.encode()


def test_site_serves_routes_and_304() -> None:
    with Site() as site:
        site.routes["/a"] = Static(b"hello", "text/plain", etag='"v1"')
        assert httpx.get(site.url("/a")).text == "hello"
        assert httpx.get(site.url("/a"), headers={"If-None-Match": '"v1"'}).status_code == 304
        assert httpx.get(site.url("/missing")).status_code == 404
        assert site.count("/a") == 2
