"""From a raw document to an ``Article``: the story body apart from the page chrome.

``published`` precedence: the record's ``published`` field, the HTML page's dated metadata,
a timestamp line with a time and zone (``Thursday, 04 January 2024 09:40 AM EST``), the HTML
page's date, a date line (``June 04, 2014``, ``17.11.2023``, ``London, 3 June 2024``), the wire
dateline's date (``MOGADISHU, Jan 23, 2024 —``; a year-less ``Nov 17`` takes its year from a date
line), else ``None`` (never guessed).  ``published.py`` decides open day/month orders.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from pathlib import PurePath

from ..errors import BAD_DATE, EMPTY_INPUT, UNDECODABLE_INPUT, InputError
from ..model import Article, RawDocument
from .dateline import parse_iso
from .html import HtmlPage, extract_html, looks_like_html
from .layout import Layout, parse_layout
from .published import page_dates
from .sources import attribute
from .wire import WireDateline, parse_wire_dateline, place_name

ID_LENGTH = 16
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_TRAILING = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)


def clean_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no control or zero-width characters, no trailing blanks."""
    text = _NEWLINES.sub("\n", unicodedata.normalize("NFC", text))
    return _TRAILING.sub("", _INVISIBLE.sub("", text))


def _source_key(source: str) -> str:
    if "://" in source:
        return source
    if source in ("-", "<stdin>"):
        return "<stdin>"
    return PurePath(source.replace("\\", "/")).name or source


def article_id(source: str, text: str) -> str:
    """A stable id: a hash of the source's name (file name or URL) and the whitespace-normalised text."""
    key = f"{_source_key(source)}\n{' '.join(text.split())}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:ID_LENGTH]


def _record_published(raw: RawDocument) -> date | datetime | None:
    if raw.published is None or not str(raw.published).strip():
        return None
    when = parse_iso(str(raw.published))
    if when is None:
        raise InputError(f"the record's published value {raw.published!r} is not an ISO 8601 date or datetime",
                         code=BAD_DATE, source=raw.source)
    return when


def _published(raw: RawDocument, page: HtmlPage | None, layout: Layout,
               wire: WireDateline | None) -> date | datetime | None:
    record = _record_published(raw)
    if record is not None:
        return record
    if page is not None and isinstance(page.published, datetime):
        return page.published
    stamps = page_dates(layout.date_lines, wire)
    zoned = next((t for t in stamps if isinstance(t, datetime)), None)
    if zoned is not None:
        return zoned
    if page is not None and page.published is not None:
        return page.published
    return stamps[0] if stamps else None


def _dateline_place(wire: WireDateline | None, layout: Layout) -> str | None:
    if wire is not None:
        return wire.place
    written = next((d.place for d in layout.date_lines if d.place), None)  # "London, 3 June 2024"
    return place_name(written.split(",")[0]) if written else None


def _check_text(text: str, source: str) -> None:
    if not text.strip():
        raise InputError("the input is empty", code=EMPTY_INPUT, source=source)
    if text.count("\ufffd") > max(10, len(text) // 20):
        raise InputError("the input is mostly undecodable characters (U+FFFD): wrong encoding or binary data",
                         code=UNDECODABLE_INPUT, source=source)


def _tags(raw: RawDocument, layout: Layout) -> tuple[str, ...]:
    out: list[str] = []
    for tag in (*raw.tags, *layout.tags):
        t = " ".join(str(tag).split()).lower()
        if t and t not in out:
            out.append(t)
    return tuple(out)


def normalise(raw: RawDocument) -> Article:
    """The ``Article`` in a raw document; :class:`InputError` for empty or unparseable input."""
    text = clean_text(raw.content)
    _check_text(text, raw.source)
    page: HtmlPage | None = None
    if raw.kind == "html" or looks_like_html(text):
        page = extract_html(text, raw.source, raw.url)
        text = clean_text(page.text).replace("\n", "\n\n")
    layout = parse_layout(text, known_title=raw.title or (page.title if page else None))
    body = "\n\n".join(layout.paragraphs)
    if not body.strip():
        raise InputError("no story text is left once the headline and page chrome are removed",
                         code=EMPTY_INPUT, source=raw.source)
    wire = parse_wire_dateline(body)
    who = attribute(body, footers=layout.footers, dateline_agency=wire.agency if wire else None,
                    outlet=raw.outlet, site_name=page.site_name if page else None, credited=layout.credited)
    return Article(
        id=str(raw.id) if raw.id else article_id(raw.source, body),
        text=body,
        title=layout.title,
        published=_published(raw, page, layout, wire),
        outlet=who.outlet,
        agency=who.agency,
        byline=layout.byline or (page.author if page else None),
        url=raw.url or (page.url if page else None),
        given_tags=_tags(raw, layout),
        captions=layout.captions,
        dateline_place=_dateline_place(wire, layout),
        source=raw.source,
    )
