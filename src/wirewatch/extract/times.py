"""The time stage: find time expressions and resolve them against the publication time.

``tag_text(text, dct)`` is a pure function of the text and the document creation time (DCT):
regular expressions and a small lexicon (``timex/``) find the expressions, and calendar rules
resolve them to TIMEX3 values (``2024-01-04``, ``2023-12``, ``2024-W01``, ``P3D``, ``PAST_REF``).
With no DCT, relative expressions get the value ``None``; absolute dates still resolve.
``tag_times(ann)`` does the same for an annotated article and reads the verb tense from the
spaCy parse where there is one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..model import Span, TimeMention
from .timex import context
from .timex.calendar import Direction
from .timex.grammar import scanner
from .timex.patterns import Ctx
from .timex.rules_anchored import resolve as resolve_anchored
from .timex.values import interval_of, is_valid

if TYPE_CHECKING:  # pragma: no cover
    from ..annotate import Annotated

__all__ = ["tag_text", "tag_times", "interval_of", "is_valid"]

EXTRACTOR = "wirewatch.times"


def _dct_date(dct: datetime | date | None) -> date | None:
    if isinstance(dct, datetime):
        return dct.date()
    return dct


_NAMED_AFTER = re.compile(r"\s+(?:neighbou?rhood|street|square|bridge|avenue|roundabout|stadium|camp|district|"
                          r"quarter)\b", re.IGNORECASE)


def tag_text(
    text: str,
    dct: datetime | date | None,
    tense: Callable[[int, int], Direction] | None = None,
) -> tuple[TimeMention, ...]:
    """Every time expression in ``text``, resolved against ``dct`` (``None``: relative ones stay ``None``).

    ``tense(start, end)`` may say whether the clause around a mention is about the past or the
    future; by default cheap cue words around the mention decide.
    """
    def default_tense(start: int, end: int) -> Direction:
        return context.tense(text, start, end)

    ctx = Ctx(text, _dct_date(dct), tense or default_tense)
    mentions = []
    reference = None  # the last calendar interval resolved: what "the next day" counts from
    for start, end, found, _ in scanner().scan(ctx):
        value = found.value
        if found.anchor is not None:
            value = resolve_anchored(found.anchor, reference, ctx.dct)
        if found.type == "DATE" and _NAMED_AFTER.match(text, end):
            continue  # "the 7 July neighbourhood", "6 October Bridge": a name, not a time
        mention = _mention(text, start, end, value, found.type)
        if mention.start is not None and mention.end is not None and mention.precision is not None:
            reference = (mention.start, mention.end, mention.precision)
        mentions.append(mention)
    return _with_ranges(text, mentions)


def _with_ranges(text: str, mentions: list[TimeMention]) -> tuple[TimeMention, ...]:
    """Ranges ("Between 8 and 10 September 2020", "30 June-1 July 2020"): the bare opening day becomes
    its own DATE and a year-less opening date takes the closing date's year (``timex/ranges.py``)."""
    from .timex.ranges import opening_days, year_from_closing

    spans = [(m.span.start, m.span.end, m.value) for m in mentions]
    out = list(mentions)
    for i in range(len(out) - 1):
        value = year_from_closing(text, spans[i], spans[i + 1])
        if value is not None:
            out[i] = _mention(text, spans[i][0], spans[i][1], value, out[i].type)
    out += [_mention(text, start, end, value, "DATE") for start, end, value in opening_days(text, spans)]
    return tuple(sorted(out, key=lambda m: m.span.start))


def _mention(text: str, start: int, end: int, value: str | None, type_: str) -> TimeMention:
    interval = interval_of(value) if value and type_ in ("DATE", "TIME") else None
    if interval is None:
        return TimeMention(Span.of(text, start, end), value, type_, extractor=EXTRACTOR)  # type: ignore[arg-type]
    first, last, precision = interval
    return TimeMention(Span.of(text, start, end), value, type_, first, last, precision,  # type: ignore[arg-type]
                       extractor=EXTRACTOR)


def tag_times(ann: Annotated) -> tuple[TimeMention, ...]:
    """``tag_text`` on an annotated article, with tense read from its parse where possible."""
    from .timex.parse_tense import doc_tense

    text = ann.text
    doc = getattr(ann, "doc", None)
    tense = doc_tense(doc, text) if doc is not None else None
    return tag_text(text, ann.article.published, tense)
