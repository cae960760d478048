"""From a raw document to an ``Article``: the story body apart from the page chrome.

``published`` precedence: the record's ``published`` field, the HTML page's dated metadata,
a timestamp line with a time and zone (``Thursday, 04 January 2024 09:40 AM EST``), the HTML
page's date, a date line (``June 04, 2014``, ``17.11.2023``, ``London, 3 June 2024``), the wire
dateline's date (``MOGADISHU, Jan 23, 2024 —``; a year-less ``Nov 17`` takes its year from a date
line), a relative record value (``yesterday``, read against the fetch or ingest time with a
``W109`` warning), else ``None`` (never guessed).  ``published.py`` decides open day/month
orders; ``datetext.py`` reads the record's value.  Every candidate must fall in the sane window
(``wirewatch.dates``): one outside it is skipped with a ``W108`` warning.

Before any offset exists the text is repaired (bidirectional controls removed, ``W123``) and
bounded: a huge input is read only up to a few times ``max_chars``, and the story text is cut
at ``max_chars`` at a paragraph or sentence end (``W124``).  These warnings are returned by
:func:`normalise_noted` and recorded with the article, which is processed as usual.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, date, datetime
from pathlib import PurePath

from .. import dates
from ..config import PipelineConfig
from ..errors import (
    BIDI_REMOVED,
    DATE_OUT_OF_RANGE,
    EMPTY_INPUT,
    RELATIVE_DATE,
    TEXT_CUT,
    UNDECODABLE_INPUT,
    InputError,
)
from ..model import Article, Failure, RawDocument
from .datetext import read_date
from .html import HtmlPage, extract_html, looks_like_html
from .layout import Layout, parse_layout
from .published import page_dates
from .sources import attribute
from .textfix import BIDI_CONTROLS, cut_point, cut_text, strip_bidi
from .wire import WireDateline, parse_wire_dateline, place_name

ID_LENGTH = 16
TEXT_ROOM = 4  # plain text read before the layout: this many times max_chars
HTML_ROOM = 25  # HTML (markup, scripts) read before extraction: this many times max_chars
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_TRAILING = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)


def clean_text(text: str) -> str:
    """NFC, ``\\n`` line ends, no control or zero-width characters, no trailing blanks."""
    text = _NEWLINES.sub("\n", unicodedata.normalize("NFC", text))
    return _TRAILING.sub("", _INVISIBLE.sub("", text))


def _plain(value: str | None) -> str | None:
    """A metadata string (title) without bidirectional controls."""
    return BIDI_CONTROLS.sub("", value) if value else value


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


class Notes:
    """The warnings one normalisation collects (stage ``normalise``), in the order they arose."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, code: str, message: str | None) -> None:
        if message:
            self.items.append((code, message))

    def failures(self, article_id: str) -> tuple[Failure, ...]:
        return tuple(Failure(article_id, "normalise", code, message) for code, message in self.items)


def _sane(value: date | datetime | None, what: str, notes: Notes) -> date | datetime | None:
    """``value`` when it is inside the sane window; else ``None`` and a W108 warning."""
    if value is None:
        return None
    problem = dates.out_of_window(value, what)
    notes.add(DATE_OUT_OF_RANGE, problem)
    return None if problem else value


def _published(raw: RawDocument, page: HtmlPage | None, layout: Layout,
               wire: WireDateline | None, notes: Notes) -> date | datetime | None:
    """The first sane date in the order of the module docstring; a relative record date
    (``yesterday``) only when the page gives none."""
    record = read_date(raw.published, now=raw.fetched or datetime.now(UTC), what="the record's published value")
    if record.code is not None and not record.relative:
        notes.add(record.code, record.message)
    stamps = page_dates(layout.date_lines, wire)
    page_when = page.published if page is not None else None
    candidates = [(None if record.relative else record.value, "the record's published value"),
                  (page_when if isinstance(page_when, datetime) else None, "the page's published metadata"),
                  (next((t for t in stamps if isinstance(t, datetime)), None), "the page's timestamp line"),
                  (page_when, "the page's published metadata"), *((t, "a date line") for t in stamps)]
    for value, what in candidates:
        found = _sane(value, what, notes)
        if found is not None:
            return found
    if record.relative:
        notes.add(record.code or RELATIVE_DATE, record.message)
    return record.value if record.relative else None


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


def normalise(raw: RawDocument, max_chars: int | None = None) -> Article:
    """The ``Article`` in a raw document; :class:`InputError` for empty or unparseable input."""
    return normalise_noted(raw, max_chars)[0]


def normalise_noted(raw: RawDocument, max_chars: int | None = None) -> tuple[Article, tuple[Failure, ...]]:
    """The ``Article`` and the warnings normalising it raised (dates left unknown, bidi controls
    removed, text cut at ``max_chars``); :class:`InputError` for empty or unparseable input."""
    notes = Notes()
    article = _normalise(raw, max_chars or PipelineConfig().max_chars, notes)
    return article, notes.failures(article.id)


def _precut(raw: RawDocument, limit: int) -> tuple[str, str | None]:
    """Bound the work before the layout is read: a huge input is cut (at a line end) to a few
    times the article limit; markup gets more room than plain text."""
    room = limit * (HTML_ROOM if raw.kind == "html" else TEXT_ROOM)
    if len(raw.content) <= room:
        return raw.content, None
    return raw.content[:cut_point(raw.content, room)], (
        f"the input is {len(raw.content):,} characters long; only its first {room:,} were read (max_chars={limit:,})")


def _normalise(raw: RawDocument, max_chars: int, notes: Notes) -> Article:
    content, precut = _precut(raw, max_chars)
    text, bidi = strip_bidi(clean_text(content))
    notes.add(BIDI_REMOVED, bidi)
    _check_text(text, raw.source)
    page: HtmlPage | None = None
    if raw.kind == "html" or looks_like_html(text):
        page = extract_html(text, raw.source, raw.url)
        text = clean_text(page.text).replace("\n", "\n\n")
    layout = parse_layout(text, known_title=raw.title or (page.title if page else None))
    body, cut = cut_text("\n\n".join(layout.paragraphs), max_chars, "the story text")
    notes.add(TEXT_CUT, cut or precut)
    if not body.strip():
        raise InputError("no story text is left once the headline and page chrome are removed",
                         code=EMPTY_INPUT, source=raw.source)
    wire = parse_wire_dateline(body)
    who = attribute(body, footers=layout.footers, dateline_agency=wire.agency if wire else None,
                    outlet=raw.outlet, site_name=page.site_name if page else None, credited=layout.credited)
    return Article(
        id=str(raw.id) if raw.id else article_id(raw.source, body),
        text=body,
        title=_plain(layout.title),
        published=_published(raw, page, layout, wire, notes),
        outlet=who.outlet,
        agency=who.agency,
        byline=layout.byline or (page.author if page else None),
        url=raw.url or (page.url if page else None),
        given_tags=_tags(raw, layout),
        captions=layout.captions,
        dateline_place=_dateline_place(wire, layout),
        source=raw.source,
    )
