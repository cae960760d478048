"""Polite, guarded HTTP fetching: conditional requests, timeouts, retries with back-off, a
per-host rate limit, robots.txt, a clear User-Agent, a size limit, bounded redirects, and no
connection to loopback, private, link-local or reserved addresses unless the operator allows the
network (:mod:`.netguard`; checked after DNS and on every redirect).

:meth:`Fetcher.get` returns a :class:`Response` (``status`` 200 or 304) or raises
:class:`FetchError`, whose ``transient`` flag says whether trying later may help and whose code
says what happened: ``W401`` an HTTP error status or other network error, ``W402`` too large,
``W403`` robots.txt disallows, ``W404`` too many redirects, ``W405`` not a feed, ``W406`` a
blocked address, ``W407`` connection refused, ``W408`` timed out, ``W409`` robots.txt unavailable
(5xx: the host counts as disallowing everything for a while), ``W410`` the name does not resolve.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..errors import WirewatchError
from .netguard import (
    ANYWHERE,
    BlockedAddress,
    GuardedBackend,
    NameNotResolved,
    Network,
    check_host,
    parse_networks,
)

FETCH_FAILED = "W401"  # network error, timeout or HTTP error status
TOO_LARGE = "W402"
ROBOTS_DISALLOWED = "W403"
TOO_MANY_REDIRECTS = "W404"
BAD_FEED = "W405"
BLOCKED_ADDRESS = "W406"
CONNECTION_REFUSED = "W407"
TIMED_OUT = "W408"
ROBOTS_UNAVAILABLE = "W409"
NAME_NOT_RESOLVED = "W410"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECTS = frozenset({301, 302, 303, 307, 308})


def user_agent() -> str:
    from .. import __version__

    return f"Wirewatch/{__version__} (+https://github.com/wirewatch)"


class FetchError(WirewatchError):
    """A URL could not be fetched; ``transient`` errors (5xx, timeouts) may work on the next poll."""

    code = FETCH_FAILED

    def __init__(self, message: str, *, url: str, code: str | None = None, transient: bool = False,
                 status: int | None = None) -> None:
        super().__init__(message, code=code, source=url)
        self.url, self.transient, self.status = url, transient, status


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely and how far to fetch; the defaults suit real sites, tests shrink the waits."""

    timeout: float = 15.0  # seconds for the whole response
    connect_timeout: float = 5.0
    retries: int = 3  # extra attempts after a 5xx or a timeout
    backoff: float = 1.0  # first wait in seconds, doubled each retry
    max_backoff: float = 60.0
    host_interval: float = 1.0  # at least this many seconds between two requests to one host
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    robots: bool = True
    robots_ttl: float = 3600.0
    robots_fail_ttl: float = 300.0
    allow_networks: tuple[str, ...] = ()  # CIDR networks links may reach besides public addresses


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    status: int  # 200 or 304
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """One HTTP client with per-host politeness state (rate limit, robots cache) for the process."""

    def __init__(self, policy: FetchPolicy | None = None, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.policy = policy or FetchPolicy()
        self.agent = user_agent()
        p = self.policy
        self.networks = parse_networks(p.allow_networks)
        self.backend = GuardedBackend(self.networks)
        self.client = httpx.Client(headers={"User-Agent": self.agent}, follow_redirects=False, trust_env=False,
                                   timeout=httpx.Timeout(p.timeout, connect=p.connect_timeout),
                                   transport=_guarded_transport(self.backend))
        self._clock, self._sleep = clock, sleep
        self._next_ok: dict[str, float] = {}
        self._robots: dict[str, tuple[float, RobotFileParser | FetchError]] = {}
        self._lock = threading.Lock()
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- the public call -----------------------------------------------------------------

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            accept: str = "*/*", *, trusted: bool = False, allow: tuple[str, ...] = ()) -> Response:
        """GET ``url`` (conditional when ``etag``/``last_modified`` are given), following at most N redirects.

        Every hop must resolve to public addresses or to the policy's or ``allow``'s networks;
        ``trusted`` (the operator's own source URL) exempts the first hop only."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        networks = self.networks + parse_networks(allow, "allow_networks")
        current = url
        for hop in range(self.policy.max_redirects + 1):
            reach = ANYWHERE if trusted and hop == 0 else networks
            with self.backend.allowing(reach):
                self._check_address(current, reach)
                self._check_robots(current)
                status, resp_headers, body = self._with_retries(current, headers)
            if status in REDIRECTS and resp_headers.get("location"):
                current = urljoin(current, resp_headers["location"])
                continue
            if status == 304:
                return Response(current, 304, b"", etag, last_modified)
            if status != 200:
                raise FetchError(f"HTTP {status}", url=current, status=status, transient=status in RETRY_STATUSES)
            return Response(current, 200, body, resp_headers.get("etag"), resp_headers.get("last-modified"),
                            resp_headers.get("content-type", ""))
        raise FetchError(f"more than {self.policy.max_redirects} redirects (last to {current})", url=url,
                         code=TOO_MANY_REDIRECTS)

    def _check_address(self, url: str, reach: tuple[Network, ...]) -> None:
        """Before the request: the URL is http(s) and its host resolves to reachable addresses."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) URL: {url[:200]!r}", url=url, code=BLOCKED_ADDRESS)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            check_host(parts.hostname, port, reach)
        except ValueError as exc:  # a bad port number
            raise FetchError(f"bad URL ({exc})", url=url, code=BLOCKED_ADDRESS) from None
        except BlockedAddress as exc:
            raise FetchError(str(exc), url=url, code=BLOCKED_ADDRESS) from None
        except NameNotResolved as exc:
            raise FetchError(str(exc), url=url, code=NAME_NOT_RESOLVED, transient=True) from None

    # ---- politeness ----------------------------------------------------------------------

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            now = self._clock()
            start = max(now, self._next_ok.get(host, now))
            self._next_ok[host] = start + self.policy.host_interval
        if start > now:
            self._sleep(start - now)

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's host allows our User-Agent (cached per host; unreachable means no)."""
        try:
            self._check_robots(url)
        except FetchError:
            return False
        return True

    def _check_robots(self, url: str) -> None:
        """Raise ``W403`` when robots.txt disallows ``url``, or the error that made robots.txt
        unavailable (``W407`` refused, ``W408`` timed out, ``W409`` a 5xx ...): never a silent no."""
        if not self.policy.robots:
            return
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc.lower()}"
        cached = self._robots.get(host)
        if cached is None or cached[0] < self._clock():
            cached = self._load_robots(host)
            self._robots[host] = cached
        rules = cached[1]
        if isinstance(rules, FetchError):
            raise FetchError(f"robots.txt could not be read ({rules.code} {rules.message}); the host counts as"
                             " disallowing everything for now", url=url, code=rules.code, transient=True)
        if not rules.can_fetch(self.agent, url):
            raise FetchError("robots.txt disallows this URL for Wirewatch", url=url, code=ROBOTS_DISALLOWED)

    def _load_robots(self, host: str) -> tuple[float, RobotFileParser | FetchError]:
        """RFC 9309: 4xx means no rules (allow all); 5xx or no answer means disallow all for a while."""
        p, rules = self.policy, RobotFileParser(host + "/robots.txt")
        try:
            status, _, body = self._with_retries(host + "/robots.txt", {"Accept": "text/plain"}, retries=1)
        except FetchError as exc:
            return self._clock() + p.robots_fail_ttl, exc
        if status >= 500:
            return self._clock() + p.robots_fail_ttl, FetchError(f"robots.txt answered HTTP {status}", url=host,
                                                                 code=ROBOTS_UNAVAILABLE, status=status)
        rules.parse(body.decode("utf-8", "replace").splitlines() if status == 200 else [])
        return self._clock() + p.robots_ttl, rules

    # ---- one request, retried ------------------------------------------------------------

    def _with_retries(self, url: str, headers: dict[str, str],
                      retries: int | None = None) -> tuple[int, httpx.Headers, bytes]:
        tries = (self.policy.retries if retries is None else retries) + 1
        for attempt in range(tries):
            self._wait_for_host(url)
            try:
                status, resp_headers, body = self._once(url, headers)
            except FetchError as exc:
                if not exc.transient or attempt == tries - 1:
                    raise
                self._sleep(self._backoff(attempt, None))
                continue
            if status not in RETRY_STATUSES or attempt == tries - 1:
                return status, resp_headers, body
            self._sleep(self._backoff(attempt, resp_headers.get("retry-after")))
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        wait = self.policy.backoff * (2 ** attempt)
        if retry_after and retry_after.strip().isdigit():
            wait = max(wait, float(retry_after))
        return min(wait, self.policy.max_backoff)

    def _once(self, url: str, headers: dict[str, str]) -> tuple[int, httpx.Headers, bytes]:
        p, deadline = self.policy, self._clock() + self.policy.timeout
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                declared = r.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > p.max_bytes:
                    raise FetchError(f"the response is {int(declared)} bytes; the limit is {p.max_bytes}",
                                     url=url, code=TOO_LARGE)
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > p.max_bytes:
                        raise FetchError(f"the response is larger than the limit of {p.max_bytes} bytes",
                                         url=url, code=TOO_LARGE)
                    if self._clock() > deadline:
                        raise FetchError(f"no complete response within {p.timeout:g} s", url=url, transient=True)
                    chunks.append(chunk)
                return r.status_code, r.headers, b"".join(chunks)
        except BlockedAddress as exc:
            raise FetchError(str(exc), url=url, code=BLOCKED_ADDRESS) from None
        except NameNotResolved as exc:
            raise FetchError(str(exc), url=url, code=NAME_NOT_RESOLVED, transient=True) from None
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out ({type(exc).__name__})", url=url, code=TIMED_OUT, transient=True) from exc
        except httpx.HTTPError as exc:
            refused = _caused_by(exc, ConnectionRefusedError)
            raise FetchError("connection refused" if refused else f"network error ({type(exc).__name__}: {exc})",
                             url=url, code=CONNECTION_REFUSED if refused else FETCH_FAILED, transient=True) from exc


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _guarded_transport(backend: GuardedBackend) -> httpx.HTTPTransport:
    """httpx's transport with its connection pool on the guarded network backend."""
    import httpcore

    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(ssl_context=transport._pool._ssl_context,  # noqa: SLF001
                                              network_backend=backend)
    return transport
