"""Per-article facts the event assembler reads many times: sentences' times, figures,
attributions and places, the story's time frame and its dominant country."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..model import Location, PlaceMention, TimeMention
from .attribution import Attribution, find_attributions, verification
from .casualties import Figure, find_figures

if TYPE_CHECKING:  # pragma: no cover
    from ..annotate import Annotated

FRAME_DAYS = 7  # events dated more than a week before publication are background
LATE_REPORT_DAYS = 31  # ... unless the story's lead event is that old: a late report (a weekly round-up, a note)
_NOT_LOCATIVE = re.compile(r"\b(?:against|by|with|for|to|toward)\s+(?:the\s+)?$", re.IGNORECASE)
_IN = re.compile(r"\b(?:in|near|at|outside|inside|across)\s+(?:the\s+)?(?:\w+\s+of\s+)?$", re.IGNORECASE)
_DEICTIC = re.compile(r"\b(?:this|today|tonight|yesterday|week|weekend|monday|tuesday|wednesday|thursday|friday|"
                      r"saturday|sunday|recent|recently|now|currently|earlier|overnight|morning|evening|night|"
                      r"afternoon|hours?)\b", re.IGNORECASE)


def time_class(t: TimeMention | None) -> str:
    """'none', 'resolved', 'frame' (deictic, story's own time) or 'other' (an explicit other time)."""
    if t is None:
        return "none"
    if t.start is not None:
        return "resolved"
    if t.type not in ("DATE", "TIME") or _DEICTIC.search(t.span.text) or t.value in ("PRESENT_REF", "PAST_REF"):
        return "frame"
    return "other"


@dataclass
class ArticleContext:
    ann: Annotated
    dct: date | None
    times: dict[int, list[TimeMention]]
    figures: dict[int, list[Figure]]
    attributions: dict[int, list[Attribution]]
    places: dict[int, list[PlaceMention]]
    dominant_country: str | None
    agency: str | None
    verification: str | None
    geoparser: Any
    actors: Any
    actor_spans: list[tuple[int, int]]
    actor_kinds: list[tuple[int, int, str]]

    @classmethod
    def build(cls, ann: Annotated, places: tuple[PlaceMention, ...], times: tuple[TimeMention, ...],
              actors: Any, geoparser: Any) -> ArticleContext:
        starts = [s for s, _ in ann.sentences]

        def sent_of(char: int) -> int:
            return max(bisect.bisect_right(starts, char) - 1, 0)

        by_time: dict[int, list[TimeMention]] = defaultdict(list)
        for t in times:
            by_time[sent_of(t.span.start)].append(t)
        by_place: dict[int, list[PlaceMention]] = defaultdict(list)
        for p in places:
            by_place[sent_of(p.span.start)].append(p)
        text = ann.text
        figures = {i: find_figures(text, s, e) for i, (s, e) in enumerate(ann.sentences)}
        attributions = {i: find_attributions(text, s, e) for i, (s, e) in enumerate(ann.sentences)}
        art = ann.article
        published = art.published
        dct = published.date() if isinstance(published, datetime) else published
        matches = actors.find(text) if actors is not None else []
        spans = [(m.span.start, m.span.end) for m in matches]
        kinds = [(m.span.start, m.span.end, m.entry.kind) for m in matches]
        ctx = cls(ann, dct, by_time, figures, attributions, by_place, None,
                  art.agency or art.outlet, verification(text), geoparser, actors, spans, kinds)
        ctx.dominant_country = _dominant(ann, tuple(p for p in places if ctx.usable_place(p)))
        return ctx

    def usable_place(self, p: PlaceMention) -> bool:
        """A resolved place that says where something is: not an agent, a target or part of a name."""
        if p.location is None or p.role == "adjective" or p.location.lat is None:
            return False
        if _NOT_LOCATIVE.search(self.ann.text[max(0, p.span.start - 20):p.span.start]):
            return False
        if any(a <= p.span.start < b or p.span.start <= a < p.span.end for a, b in self.actor_spans):
            return False
        return not self._continues_name(p)

    def _continues_name(self, p: PlaceMention) -> bool:
        """``Marathon`` in ``Boston Marathon``: a place word right after another place is part of a name."""
        return any(q is not p and q.span.end < p.span.start and p.span.start - q.span.end == 1
                   and self.ann.text[q.span.end] == " " for s in self.places.values() for q in s)

    def sentence_country(self, sentence: int) -> str | None:
        """The country of the first place a sentence puts something in, else the story's country."""
        places = [p for p in self.places.get(sentence, []) if self.usable_place(p)]
        text = self.ann.text
        places.sort(key=lambda p: not _IN.search(text[max(0, p.span.start - 25):p.span.start]))
        for p in places:
            if p.location is not None and p.location.country_code:
                return p.location.country_code
        return self.dominant_country

    def names_place(self, start: int, end: int) -> bool:
        """Is ``[start, end)`` (a role phrase) just the name of a sub-national place?"""
        for s in self.places.values():
            for p in s:
                if p.location is not None and p.location.precision != "country" and \
                        p.span.start <= start + 2 and end - 2 <= p.span.end + 12:
                    return True
        return False

    def country_at(self, start: int, end: int) -> str | None:
        """The country a demonym or country name inside ``[start, end)`` stands for."""
        for s in self.places.values():
            for p in s:
                if start <= p.span.start < end and p.location is not None and p.location.precision == "country":
                    return p.location.country_code
        return None

    def frame_ok(self, t: TimeMention | None, lead: tuple[date, date] | None) -> bool:
        """Is a resolved time inside the story's own time frame?"""
        if t is None or t.start is None or t.end is None:
            return time_class(t) != "other"
        return self.interval_in_frame(t.start, t.end, lead)

    def interval_in_frame(self, start: date, end: date, lead: tuple[date, date] | None) -> bool:
        """Does ``[start, end]`` hold the publication day (or the lead event's, with no dateline), or
        start at most a week before it?  Otherwise it is background."""
        anchor = self.dct or (lead[1] if lead else None)
        if anchor is None:
            return False
        if start <= anchor <= end or start >= anchor - timedelta(days=FRAME_DAYS):
            return True
        # "On 23 December, RSF fighters opened fire ..." published on 1 January: the lead tells the story's
        # own news, late; what happened from a week before it on is the story's time too
        late_lead = self.dct is not None and lead is not None and \
            self.dct - timedelta(days=LATE_REPORT_DAYS) <= lead[0] < self.dct - timedelta(days=FRAME_DAYS)
        return late_lead and start >= lead[0] - timedelta(days=FRAME_DAYS)  # type: ignore[index]


def _dominant(ann: Annotated, places: tuple[PlaceMention, ...]) -> str | None:
    counts: Counter[str] = Counter()
    lead_end = ann.sentences[min(2, len(ann.sentences) - 1)][1] if ann.sentences else 0
    for p in places:
        loc: Location | None = p.location
        if loc is None or not loc.country_code:
            continue
        weight = 2 if p.span.start < lead_end else 1
        before = ann.text[max(0, p.span.start - 25):p.span.start]
        weight *= 3 if (p.role == "dateline" or _IN.search(before)) else 1
        counts[loc.country_code] += weight
    return counts.most_common(1)[0][0] if counts else None
