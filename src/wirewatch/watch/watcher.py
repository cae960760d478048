"""The poll loop: each due source is fetched, its new items are read, de-duplicated, run through
the pipeline and stored; then fusion and the saved-search alerts run on what changed.

Everything the loop needs to resume lives in the database (:mod:`.state`): a new
``Watcher`` on the same database continues where the last one stopped.  One source's
failure is recorded on that source and never stops the others.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from ..errors import WirewatchError
from ..model import Failure, RawDocument
from .canon import canonical_url, content_hash
from .feeds import Feed, FeedItem, parse_feed, plain_text
from .fetch import Fetcher, FetchError, FetchPolicy
from .sources import Source
from .state import WatchState

log = logging.getLogger(__name__)
MAX_ITEM_ATTEMPTS = 3
MIN_FEED_TEXT = 200  # characters of feed text that count as the story when pages are not fetched
INTERNAL_ERROR = "W900"
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5"


@dataclass
class PollResult:
    source: str
    ok: bool = True
    not_modified: bool = False
    items: int = 0
    stored: int = 0
    seen: int = 0
    duplicates: int = 0
    failed: int = 0
    pending: int = 0  # failed for now (a 5xx or a timeout on the page): tried again on the next poll
    error: str | None = None
    article_ids: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)


def _default_process(raw: RawDocument) -> dict[str, Any]:
    from ..contract import to_contract
    from ..pipeline import process

    return to_contract(process(raw))


def _describe(exc: Exception) -> str:
    if isinstance(exc, FetchError):
        return f"{exc.code} {exc.url}: {exc.message}"
    if isinstance(exc, WirewatchError):
        return str(exc)
    return f"{INTERNAL_ERROR} {type(exc).__name__}: {exc}"


def _outlet(source: Source, article_outlet: str | None, url: str) -> str:
    return source.outlet or article_outlet or urlsplit(url).netloc.lower()


class Watcher:
    """Polls sources into one store; ``process`` turns a raw document into a contract dict."""

    def __init__(self, store: Any, sources: Iterable[Source], *, fetcher: Fetcher | None = None,
                 policy: FetchPolicy | None = None, process: Callable[[RawDocument], dict[str, Any]] | None = None,
                 fuse: bool = True, alerts: bool = True, base_url: str = "",
                 clock: Callable[[], float] = time.time) -> None:
        self.store, self.state = store, WatchState(store)
        self.sources = list(sources)
        self.fetcher = fetcher or Fetcher(policy)
        self.process = process or _default_process
        self.fuse, self.alerts, self.base_url, self.clock = fuse, alerts, base_url, clock
        for s in self.sources:
            self.state.register(s)

    def close(self) -> None:
        self.fetcher.close()

    # ---- scheduling ----------------------------------------------------------------------

    def due(self, now: float | None = None) -> list[Source]:
        now = self.clock() if now is None else now
        out = []
        for s in self.sources:
            st = self.state.status(s.name)
            if st is None or st.next_due <= now:
                out.append(s)
        return out

    def next_wake(self) -> float:
        times = [st.next_due for s in self.sources if (st := self.state.status(s.name)) is not None]
        return min(times, default=self.clock())

    def poll_once(self, sources: Iterable[Source] | None = None) -> list[PollResult]:
        """Poll the given (default: all) sources once, then fuse and alert if anything was stored."""
        results = [self.poll(s) for s in (self.sources if sources is None else sources)]
        if any(r.stored for r in results):
            self._after_poll()
        return results

    def run(self, stop: Callable[[], bool] = lambda: False, max_sleep: float = 30.0) -> None:
        """Poll due sources forever (until ``stop()``), sleeping until the next one is due."""
        while not stop():
            due = self.due()
            if due:
                self.poll_once(due)
                continue
            time.sleep(max(0.05, min(max_sleep, self.next_wake() - self.clock())))

    def _after_poll(self) -> None:
        if self.fuse:
            try:
                from ..store.fused import refresh

                refresh(self.store)
            except Exception as exc:  # noqa: BLE001 - fusion trouble must not stop the watch, nor hide
                log.warning("fusion after the poll failed: %s: %s", type(exc).__name__, exc)
                code = exc.code if isinstance(exc, WirewatchError) else INTERNAL_ERROR
                self.store.record_failure(None, "fuse", code, f"fusion after the poll failed: {type(exc).__name__}: {exc}")
        if self.alerts:
            from .alerts import run_alerts

            run_alerts(self.state, self.base_url)

    # ---- one source ----------------------------------------------------------------------

    def poll(self, source: Source) -> PollResult:
        """Fetch one source and ingest its new items; any error is recorded on the source."""
        result, st = PollResult(source.name), self.state.status(source.name)
        try:
            resp = self.fetcher.get(source.url, st.etag if st else None, st.last_modified if st else None,
                                    accept=FEED_ACCEPT, trusted=True, allow=source.allow_networks)
            if resp.not_modified:
                result.not_modified = True
            else:
                feed = self._feed(source, resp.url, resp.body)
                for item in feed.items:
                    self._item(source, item, result, page=resp.body if feed.kind == "page" else None)
            self._retry_pending(source, result)
        except Exception as exc:  # noqa: BLE001 - one source's trouble is recorded on it; the others go on
            result.ok, result.error = False, _describe(exc)
            if not isinstance(exc, WirewatchError):
                log.error("source %s: unexpected error:\n%s", source.name, traceback.format_exc())
            self.state.record_error(source, result.error, self.clock())
            log.warning("source %s failed: %s", source.name, result.error)
            return result
        # An item left pending (its page failed for now) keeps the old validators: the next poll re-reads the feed.
        etag, modified = resp.etag, resp.last_modified
        if result.pending:
            etag, modified = (st.etag, st.last_modified) if st else (None, None)
        self.state.record_ok(source, etag, modified, result.stored, self.clock())
        return result

    def _retry_pending(self, source: Source, result: PollResult) -> None:
        """Items whose page failed on an earlier poll and that this poll did not see again: retry by URL."""
        for key in self.state.pending(source.name):
            if key not in result.keys and key.startswith(("http://", "https://")):
                self._item(source, FeedItem(key, key), result)

    def _feed(self, source: Source, url: str, body: bytes) -> Feed:
        if source.kind == "page":
            return Feed("page", (FeedItem(url, url),))
        feed = parse_feed(body, url)
        if feed.kind == "page":  # a URL given on the command line that is an article, not a feed
            return Feed("page", (FeedItem(url, url),))
        return feed

    def _item(self, source: Source, item: FeedItem, result: PollResult, page: bytes | None = None) -> None:
        result.items += 1
        key = canonical_url(item.url) if item.url else f"{source.name}#{item.key}"
        result.keys.add(key)
        if self.state.seen(key) is not None:
            result.seen += 1
            return
        try:
            raw = self._raw(source, item, page)
            self._ingest(source, key, raw, result)
        except Exception as exc:  # noqa: BLE001 - one item's trouble is recorded; the feed goes on
            self._item_failed(source, key, exc, result)

    def _item_failed(self, source: Source, key: str, exc: Exception, result: PollResult) -> None:
        """Transient page errors leave the item pending (tried again, at most 3 times); others fail it."""
        if not isinstance(exc, WirewatchError):
            log.error("item %s: unexpected error:\n%s", key, traceback.format_exc())
        message = _describe(exc)
        transient = isinstance(exc, FetchError) and exc.transient
        attempts = self.state.mark(key, source.name, "pending" if transient else "failed", error=message)
        if transient and attempts < MAX_ITEM_ATTEMPTS:
            result.pending += 1
        else:
            if transient:
                self.state.mark(key, source.name, "failed", error=f"{message} (after {attempts} attempts)")
            result.failed += 1
        code = exc.code if isinstance(exc, WirewatchError) else INTERNAL_ERROR
        self.store.record_failure(None, "watch", code, f"{key}: {message}", source=source.name)

    def _raw(self, source: Source, item: FeedItem, page: bytes | None) -> RawDocument:
        from ..ingest.decode import decode_text

        url = item.url or f"{source.url}#{item.key}"
        feed_text = item.content or item.summary or ""
        use_feed = not (source.fetch_pages and item.url) and bool(plain_text(feed_text))
        if page is None and not use_feed:
            if not item.url:
                raise FetchError("the item has no link and too little text of its own", url=url, code="W405")
            try:
                resp = self.fetcher.get(item.url, accept="text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
                                        allow=source.allow_networks)
            except FetchError as exc:  # a page we may not or cannot read: the feed's own text if it has one
                if exc.transient or len(plain_text(feed_text)) < MIN_FEED_TEXT:
                    raise
                log.info("page %s not fetched (%s); using the feed's text", item.url, exc.message)
            else:
                page, url = resp.body, resp.url
        fetched = datetime.fromtimestamp(self.clock(), UTC)
        if page is not None:
            decoded = decode_text(page, url)
            notes = tuple(Failure(url, "read", code, message) for code, message in decoded.notes)
            return RawDocument(source=url, content=decoded.text, kind="html", url=url, title=item.title,
                               published=item.published, outlet=source.outlet, notes=notes, fetched=fetched)
        return RawDocument(source=url, content=plain_text(feed_text), kind="text", url=url, title=item.title,
                           published=item.published, outlet=source.outlet, fetched=fetched)

    def _ingest(self, source: Source, key: str, raw: RawDocument, result: PollResult) -> None:
        from ..ingest.normalise import normalise

        article = normalise(raw)  # InputError when the page has no story text
        outlet = _outlet(source, article.outlet, raw.url or source.url)
        digest = content_hash(article.text)
        first = self.state.stored_copy(digest, outlet)
        if first is not None:
            self.state.mark(key, source.name, "duplicate", content_hash=digest, outlet=outlet, article_id=first)
            result.duplicates += 1
            return
        doc = self.process(raw)
        self.store.upsert_extraction(doc)
        aid = (doc.get("article") or {}).get("id")
        self.state.mark(key, source.name, "stored", content_hash=digest, outlet=outlet, article_id=aid)
        result.stored += 1
        result.article_ids.append(str(aid))
