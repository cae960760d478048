"""Casualty figures in a sentence: ``At least four militia fighters were killed and six others
wounded``, ``which killed three people and injured more than 260``, ``the toll rose to four``.

A figure is read on the side of the casualty word where English puts it: after an active
verb (``killing six``), before a passive or reduced one (``six others wounded``).  Each
figure becomes a ``Figure`` (field, value, qualifier, span, update?, partial?).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span
from .numbers import Quantity, find_quantities

_KILL = (r"killed|dead|died|slain|killing|kills|kill|lost\s+their\s+lives|death\s+tolls?|tolls?|fatalities|"
         r"deaths|bodies|perished")
_INJURE = r"wounded|injured|hurt|injuring|wounding|injuries|casualties"
_ARREST = r"arrested|detained|arresting|detaining|taken\s+into\s+custody|rounded\s+up"
KEYWORD = re.compile(rf"\b(?P<kill>{_KILL})\b|\b(?P<injure>{_INJURE})\b|\b(?P<arrest>{_ARREST})\b",
                     re.IGNORECASE)
_UPDATE = re.compile(r"\b(?:rose|risen|climbed|increased|jumped|reached|rises|rising|now\s+stands?|stood)\b",
                     re.IGNORECASE)
_PARTIAL = re.compile(r"\b(?:other|also|one\s+of|among|including)\b", re.IGNORECASE)
_NOT_PEOPLE = re.compile(
    r"^\s*(?:years?|year-old|%|percent|per\s+cent|times|km|kilomet|miles?|days?|hours?|minutes?|weeks?|months?|"
    r"troops|dollars?|million\s+dollars|rockets?|drones?|missiles?|vehicles?|homes?|houses?|buildings?|"
    r"counts?\s+of|charges?)\b", re.IGNORECASE)
_STOP = re.compile(r"[;:]|\bbut\b|\bwhile\b|\bafter\b|\bbefore\b|\bwhen\b|\bsince\b", re.IGNORECASE)
_EARLIER = re.compile(r"\b(?:earlier|initially|at\s+first|first|early|preliminary|initial)\b[^.;]*$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|are|is|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_CONJ_ONE = re.compile(r"\b(?:and|with)\s+(?:an?|one)\s+[A-Za-z]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Figure:
    field: str
    value: int
    qualifier: str | None
    span: Span
    update: bool
    partial: bool
    earlier: bool = False  # stated as an earlier count: "had earlier reported eight dead"


def _field(m: re.Match[str]) -> str:
    if m.group("kill"):
        return "fatalities"
    if m.group("injure"):
        return "injured"
    return "arrested"


def _valid(text: str, q: Quantity) -> bool:
    after = text[q.span.end:q.span.end + 20]
    before = text[max(0, q.span.start - 2):q.span.start]
    if _NOT_PEOPLE.match(after):
        return False
    if before.endswith(",") or before.endswith(", "):
        if re.match(r"\s*,", after) and q.value < 120:
            return False  # an age: "Tamerlan, 26, died"
    return 1800 > q.value or q.value > 2100 or q.qualifier is not None


def _right(text: str, kw_end: int, limit: int) -> list[Quantity]:
    window_end = min(limit, kw_end + 45)
    stop = _STOP.search(text, kw_end, window_end)
    if stop:
        window_end = stop.start()
    m = re.match(r"\s+(?:(?:later|then|now|has|had|have|at(?!\s+(?:least|most))|to|by|up|a|the|total\s+of|of|rose|risen|climbed|reached|"
                 r"increased|jumped|stood|stands|rises|was|is)\s+){0,5}", text[kw_end:window_end])
    lead = kw_end + (m.end() if m else 0)
    qs = [q for q in find_quantities(text, lead, window_end) if _valid(text, q)]
    return qs[:1] if qs and qs[0].span.start - lead <= 1 else []


def _left(text: str, floor: int, kw_start: int) -> list[Quantity]:
    start = max(floor, kw_start - 80)
    for stop in _STOP.finditer(text, start, kw_start):
        start = stop.end()
    qs = [q for q in find_quantities(text, start, kw_start) if _valid(text, q)]
    if not qs:
        return []
    # coordinated subjects: "two other Americans and an Afghani injured" -> 2 + 1
    tail = text[qs[0].span.start:kw_start]
    ones = len(_CONJ_ONE.findall(tail))
    if len(qs) > 1 and all(" and " in text[a.span.end:b.span.start] for a, b in zip(qs, qs[1:], strict=False)):
        total = sum(q.value for q in qs)
        return [Quantity(total + ones, qs[0].qualifier, Span.of(text, qs[0].span.start, qs[-1].span.end))]
    if ones and len(qs) == 1:
        return [Quantity(qs[0].value + ones, qs[0].qualifier, qs[0].span)]
    return [qs[-1]]


def find_figures(text: str, start: int, end: int) -> list[Figure]:
    """Casualty and arrest figures in ``text[start:end]`` (one sentence)."""
    figures: list[Figure] = []
    floor = start
    keywords = list(KEYWORD.finditer(text, start, end))
    for i, m in enumerate(keywords):
        limit = keywords[i + 1].start() if i + 1 < len(keywords) else end
        passive = _PASSIVE.search(text[max(start, m.start() - 25):m.start()])
        qs = (None if passive else _right(text, m.end(), limit)) or _left(text, floor, m.start())
        floor = m.end()
        for q in qs:
            update = bool(_UPDATE.search(text[m.start():q.span.start] if q.span.start > m.start()
                                         else text[q.span.start:m.end()]))
            partial = bool(_PARTIAL.search(text[q.span.start:m.start()] if q.span.start < m.start()
                                           else text[m.end():q.span.end + 25]))
            qual = q.qualifier if q.qualifier != "range" else "range"
            span = Span.of(text, min(q.span.start, m.start()), max(q.span.end, m.end()))
            lead_in = text[max(start, q.span.start - 45):q.span.start]
            earlier = bool(_EARLIER.search(lead_in))
            figures.append(Figure(_field(m), q.value, qual, span, update and not earlier, partial, earlier))
    return _dedupe(figures)


def _dedupe(figures: list[Figure]) -> list[Figure]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for f in figures:
        key = (f.field, f.span.start, f.value)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
