"""HTML news pages: the main text and metadata through trafilatura."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..errors import BAD_HTML, InputError

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2})([+-]\d{4})?)?$")
_FIELDS = ("text", "title", "date", "sitename", "author", "url")
_DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": True}


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What trafilatura found: the main text (one paragraph a line) and the page's metadata."""

    text: str
    title: str | None = None
    published: date | datetime | None = None
    site_name: str | None = None
    author: str | None = None
    url: str | None = None


def looks_like_html(text: str) -> bool:
    """True when the text opens like an HTML document (``<!doctype html>``, ``<html>``, ``<body>``)."""
    return _HTML_START.match(text[:4096]) is not None


def page_date(value: str | None) -> date | datetime | None:
    """trafilatura's date: a datetime only when it carries a UTC offset, else the day."""
    m = _STAMP.match((value or "").strip())
    if not m:
        return None
    try:
        if m.group(2) and m.group(3):
            return datetime.strptime(f"{m.group(1)}T{m.group(2)}{m.group(3)}", "%Y-%m-%dT%H:%M:%S%z")
        return date.fromisoformat(m.group(1))
    except ValueError:
        return None


def extract_html(html: str, source: str, url: str | None = None) -> HtmlPage:
    """The article in an HTML page; :class:`InputError` (``W105``) when no main text is found."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, date_extraction_params=_DATE_PARAMS)
    except Exception as exc:  # noqa: BLE001 - a broken page is an input error, not a crash
        raise InputError(f"the HTML page could not be parsed ({type(exc).__name__}: {exc})",
                         code=BAD_HTML, source=source) from exc
    meta: dict[str, Any] = doc if isinstance(doc, dict) else {k: getattr(doc, k, None) for k in _FIELDS}
    text = meta.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("no article text found in the HTML page (no main content block)",
                         code=BAD_HTML, source=source)
    return HtmlPage(text=text, title=_clean(meta.get("title")), published=page_date(meta.get("date")),
                    site_name=_clean(meta.get("sitename")), author=_clean(meta.get("author")),
                    url=_clean(meta.get("url")) or url)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
