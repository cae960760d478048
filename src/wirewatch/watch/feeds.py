"""Feed documents as items: RSS 2.0 (and 1.0), Atom, JSON Feed, sitemaps and plain URL lists.

:func:`parse_feed` never lets a parser exception escape: a malformed document raises
:class:`~wirewatch.watch.fetch.FetchError` with code ``W405`` naming the URL and the problem,
which the watcher records as that source's error.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from ..ingest.html import looks_like_html
from .fetch import BAD_FEED, FetchError

MAX_ITEMS = 500
_TAGS = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|blockquote)\s*>|<br\s*/?>", re.IGNORECASE)
_URL_LINE = re.compile(r"^https?://\S+$")


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry: ``key`` is stable across polls (guid/id, else the link, else a hash of title and date)."""

    key: str
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601
    summary: str | None = None
    content: str | None = None  # full text or HTML when the feed carries it
    content_is_html: bool = False


@dataclass(frozen=True, slots=True)
class Feed:
    kind: str  # rss | atom | jsonfeed | sitemap | page
    items: tuple[FeedItem, ...]
    title: str | None = None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _child(el: ET.Element, *names: str) -> ET.Element | None:
    for c in el:
        if _local(c.tag) in names:
            return c
    return None


def _text(el: ET.Element | None) -> str | None:
    if el is None:
        return None
    value = "".join(el.itertext()).strip()
    return value or None


def iso_date(value: str | None) -> str | None:
    """An RFC 822 or ISO 8601 stamp as ISO 8601 (None when unparseable)."""
    if not value:
        return None
    value = value.strip()
    try:
        dt = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return dt.isoformat() if dt.tzinfo else dt.replace(tzinfo=UTC).isoformat()


def _key(guid: str | None, url: str | None, title: str | None, published: str | None) -> str:
    if guid:
        return guid
    if url:
        return url
    return "h:" + hashlib.sha1(f"{title}\n{published}".encode()).hexdigest()[:20]


def _abs(url: str | None, base: str) -> str | None:
    return urljoin(base, url.strip()) if url and url.strip() else None


def _rss_item(el: ET.Element, base: str) -> FeedItem:
    url = _abs(_text(_child(el, "link")), base)
    guid = _text(_child(el, "guid"))
    title = _text(_child(el, "title"))
    published = iso_date(_text(_child(el, "pubdate", "date")))
    content = _text(_child(el, "encoded"))
    return FeedItem(_key(guid, url, title, published), url, title, published,
                    _text(_child(el, "description")), content, content is not None)


def _atom_link(el: ET.Element, base: str) -> str | None:
    links = [c for c in el if _local(c.tag) == "link"]
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return _abs(link.get("href"), base)
    return _abs(links[0].get("href"), base) if links else None


def _atom_entry(el: ET.Element, base: str) -> FeedItem:
    url = _atom_link(el, base)
    title = _text(_child(el, "title"))
    published = iso_date(_text(_child(el, "published")) or _text(_child(el, "updated")))
    content_el = _child(el, "content")
    is_html = content_el is not None and content_el.get("type", "text") in ("html", "xhtml")
    return FeedItem(_key(_text(_child(el, "id")), url, title, published), url, title, published,
                    _text(_child(el, "summary")), _text(content_el), is_html)


def _sitemap(root: ET.Element, base: str) -> Feed:
    items = []
    for url_el in root:
        loc = _abs(_text(_child(url_el, "loc")), base)
        if loc:
            items.append(FeedItem(loc, loc))  # <lastmod> is when the page changed, not when it was published
    return Feed("sitemap", tuple(items[:MAX_ITEMS]))


def _xml(body: bytes, url: str) -> Feed:
    head = body[:2048].lower()
    if b"<!entity" in head:
        raise FetchError("the XML declares entities (refused)", url=url, code=BAD_FEED)
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise FetchError(f"malformed XML ({exc})", url=url, code=BAD_FEED) from None
    name = _local(root.tag)
    if name == "rss":
        channel = _child(root, "channel")
        if channel is None:
            raise FetchError("an RSS document without a <channel>", url=url, code=BAD_FEED)
        items = [_rss_item(i, url) for i in channel if _local(i.tag) == "item"]
        return Feed("rss", tuple(items[:MAX_ITEMS]), _text(_child(channel, "title")))
    if name == "rdf":
        items = [_rss_item(i, url) for i in root if _local(i.tag) == "item"]
        return Feed("rss", tuple(items[:MAX_ITEMS]))
    if name == "feed":
        items = [_atom_entry(e, url) for e in root if _local(e.tag) == "entry"]
        return Feed("atom", tuple(items[:MAX_ITEMS]), _text(_child(root, "title")))
    if name == "urlset":
        return _sitemap(root, url)
    raise FetchError(f"an XML document with root <{name}> is not a feed or sitemap", url=url, code=BAD_FEED)


def _json_item(obj: Any, base: str) -> FeedItem:
    if not isinstance(obj, dict):
        raise FetchError("a JSON Feed item is not an object", url=base, code=BAD_FEED)
    url = _abs(obj.get("url") if isinstance(obj.get("url"), str) else None, base)
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    published = iso_date(obj.get("date_published") if isinstance(obj.get("date_published"), str) else None)
    html, text = obj.get("content_html"), obj.get("content_text")
    content = html if isinstance(html, str) else text if isinstance(text, str) else None
    guid = str(obj["id"]) if obj.get("id") is not None else None
    summary = obj.get("summary") if isinstance(obj.get("summary"), str) else None
    return FeedItem(_key(guid, url, title, published), url, title, published, summary, content,
                    isinstance(html, str))


def _jsonfeed(body: bytes, url: str) -> Feed:
    try:
        obj = json.loads(body)
    except ValueError as exc:
        raise FetchError(f"malformed JSON ({exc})", url=url, code=BAD_FEED) from None
    if not isinstance(obj, dict) or not isinstance(obj.get("items"), list):
        raise FetchError("not a JSON Feed (no 'items' list)", url=url, code=BAD_FEED)
    items = [_json_item(i, url) for i in obj["items"][:MAX_ITEMS]]
    return Feed("jsonfeed", tuple(items), obj.get("title") if isinstance(obj.get("title"), str) else None)


def _url_list(text: str, url: str) -> Feed:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines or not all(_URL_LINE.match(ln) for ln in lines):
        raise FetchError("neither a feed, a sitemap, a URL list nor an HTML page", url=url, code=BAD_FEED)
    return Feed("sitemap", tuple(FeedItem(ln, ln) for ln in lines[:MAX_ITEMS]))


def parse_feed(body: bytes, url: str) -> Feed:
    """The items of a feed or sitemap, sniffed from the bytes; an HTML page is ``Feed("page", ())``."""
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"{":
        return _jsonfeed(body, url)
    text_head = body[:4096].decode("utf-8", "replace")
    if looks_like_html(text_head):
        return Feed("page", ())
    if start == b"<":
        return _xml(body, url)
    return _url_list(body.decode("utf-8", "replace"), url)


def plain_text(markup: str) -> str:
    """A feed's HTML (or plain) text as paragraphs of plain text: block ends become blank lines."""
    text = _BLOCK_END.sub("\n\n", markup)
    text = html.unescape(_TAGS.sub(" ", text))
    paragraphs = (re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)
