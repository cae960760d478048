"""Where an event happened: the place named in its own clause, not where it was reported from.

Order of evidence: a place in the event's sentences introduced by a locative preposition
(``in Baghdad``, ``near the city of Deir ez-Zor``), then any resolved place in those
sentences, then ``the same province`` referring back to the previous located event,
then the story's dominant country at country precision.  Demonyms (``Iraqi``) never
locate an event by themselves.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..geo.recognize import STRUCK
from ..model import Location, PlaceMention, Span
from .clusters import Cluster
from .mentions import _governor

if TYPE_CHECKING:  # pragma: no cover
    from .context import ArticleContext

_LOCATIVE = re.compile(r"\b(?:in|near|at|outside|around|across|inside|into|on|north|south|east|west|"
                       r"northern|southern|eastern|western|central|between)\s+(?:the\s+)?"
                       r"(?:(?:city|town|village|province|district|region|area|capital|outskirts)\s+of\s+)?$",
                       re.IGNORECASE)
_SAME = re.compile(r"\b(?:the\s+)?same\s+(province|city|town|area|region|district|village)\b", re.IGNORECASE)
_UNIT_OF = re.compile(r"\b(?:city|town|village|district|province|region|area|port|capital|county|governorate|"
                      r"municipality|camp|base|centre|center|outskirts|countryside|vicinity|suburbs?|environs|"
                      r"areas|neighbou?rhoods?|parts|edges?|fringes?|periphery|entrance|exit|gates?|heart)\s+of\s+$", re.IGNORECASE)
# "fired mortars from positions around Konduga": where the fire came from, not where the event happened
_ORIGIN = re.compile(r"\bfrom\s+(?:(?:the|their|its|his|rebel|militant|army|government)\s+)?(?:(?:positions?|bases?|"
                     r"territor(?:y|ies)|areas?|side)\s+(?:around|near|in|at|of)\s+)?$", re.IGNORECASE)
# "attacked Damasak", "raided Shambu town": the place attacked is where the event happened (the verbs the
# recognizer reads a place after, and "ambushed")
_ATTACKED = re.compile(r"\b(?:" + "|".join(sorted(STRUCK | {"ambushed"})) + r")\s+(?:the\s+)?"
                       r"(?:(?:city|town|village|locality)\s+of\s+)?$|"
                       r"\bcontrol\s+(?:of|over)\s+(?:the\s+)?(?:(?:city|town|village|locality)\s+of\s+)?$",
                       re.IGNORECASE)
# "residents fled towards Geidam": where people went, not where the event happened
_DESTINATION = re.compile(r"\b(?:fled|flee|fleeing|escaped|displaced|headed|heading|moved|retreated|withdrew|"
                          r"relocated|evacuated|taken|transferred|advancing|advanced)\b[^.;,]{0,30}\b(?:to|towards?|into)\s+"
                          r"(?:the\s+)?(?:(?:city|town|village|area)\s+of\s+)?$", re.IGNORECASE)
# "the release of Pedro Castillo, held in Lima": where someone is kept or comes from, not where the event happened
# (not "living in": "the cost of living in Yala" is where the protest was)
_WHERE_SOMEONE_IS = re.compile(r"\b(?:held|detained|jailed|imprisoned|interned|based|born|exiled)\s+"
                               r"(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
# "Over Khamis Mushait, air defences intercepted a drone": a sentence that opens with "Over X" is above X
_OVER = re.compile(r"\bOver\s+(?:the\s+)?$")
_RANK = {"point": 5, "city": 4, "admin2": 3, "admin1": 2, "country": 1}


_POSSESSOR = re.compile(r"(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*['’]s\s+$")  # "in Iraq's Anbar": Anbar is the locative


_CODED_AS = re.compile(r"\(\s*coded\s+as\s+$", re.IGNORECASE)  # ACLED notes: "(coded as Al Hawijah)"


def _set_apart(doc: Any, start: int, end: int, trigger: Span | None = None) -> bool:
    """Whether the parse sets the words at ``start:end`` apart from the event's clause: inside a relative clause
    that tells an earlier act ("families who had fled fighting around Bara came under shelling") or a
    participle set before the event ("Angered by attacks in Colombo, a crowd burned ...").  With ``trigger``,
    the walk up the parse stops at the verb that governs the trigger (the words are in its clause)."""
    if doc is None:
        return False
    words = doc.char_span(start, end, alignment_mode="expand")
    trig = doc.char_span(trigger.start, trigger.end, alignment_mode="expand") if trigger is not None else None
    if words is None or not len(words) or (trig is not None and not len(trig)):
        return False
    gov = _governor(trig.root).i if trig is not None else -1
    before = min(gov, trig.root.i) if trig is not None else len(doc)
    cur = words.root
    for _ in range(12):
        if cur.i == gov or cur.head.i == cur.i:  # spaCy makes a new Token on each access: compare indices
            return False
        if cur.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "had" for c in cur.children):
            return True
        if cur.dep_ == "advcl" and cur.tag_ in ("VBN", "VBG") and cur.i < before and cur.head.i > cur.i:
            return True
        cur = cur.head
    return False


def _score(text: str, p: PlaceMention, trigger_at: int, attached: int = 1) -> tuple[int, int, int, int, int, int]:
    before = text[max(0, p.span.start - 60):p.span.start]
    coded = 1 if _CODED_AS.search(before) else 0
    owner = _POSSESSOR.search(before)
    if owner:
        before = before[:owner.start()]
    locative = 1 if (_LOCATIVE.search(before) or _UNIT_OF.search(before) or _ATTACKED.search(before)
                     or _opens_with_over(text, p.span.start)) \
        and not _ORIGIN.search(before) and not _DESTINATION.search(before) and not _WHERE_SOMEONE_IS.search(before) else 0
    precision = _RANK.get(p.location.precision or "", 0) if p.location else 0
    in_country = 1 if p.location is not None and p.location.country_code else 0  # not "the Red Sea"
    return (in_country, coded, locative, attached, precision, -abs(p.span.start - trigger_at))


def _opens_with_over(text: str, start: int) -> bool:
    """The place follows a sentence-opening "Over" ("Over Khamis Mushait, air defences intercepted ...")."""
    m = _OVER.search(text, max(0, start - 12), start)
    if m is None:
        return False
    head = text[:m.start()].rstrip(" \t")
    return not head or head[-1] in ".;:!?\n"


def locate(ctx: ArticleContext, c: Cluster, clusters: list[Cluster], index: int,
           status: str) -> tuple[Location | None, Span | None, str]:
    """The event's place, its evidence span and the reason; a province or district is given the point of
    its main town, as ACLED codes an event known only to its province or district."""
    loc, span, why = _locate(ctx, c, clusters, index, status)
    if loc is not None and ctx.geoparser is not None and loc.precision in ("admin1", "admin2"):
        seat = ctx.geoparser.seat(loc)
        if seat is not None and (loc.lat, loc.lon) != seat:
            loc = replace(loc, lat=seat[0], lon=seat[1])
            why += " (placed at the main town of the division)"
    return loc, span, why


def _locate(ctx: ArticleContext, c: Cluster, clusters: list[Cluster], index: int,
            status: str) -> tuple[Location | None, Span | None, str]:
    text = ctx.ann.text
    doc = getattr(ctx.ann, "doc", None)
    first = min(c.mentions, key=lambda m: (m.kind.key in ("attack", "kill"), m.anaphoric, m.sentence,
                                           _set_apart(doc, m.trigger.start, m.trigger.end)))
    own = sorted({m.sentence for m in c.mentions if not m.anaphoric and m.kind.key not in ("attack", "kill")})
    same = _same_place(ctx, c, clusters, index, status)
    for sentences in (own, sorted(c.sentences)):
        cands = [p for s in sentences for p in ctx.places.get(s, []) if ctx.usable_place(p)]
        if cands:
            best = max(cands, key=lambda p: _score(text, p, first.trigger.start,
                                                    0 if _set_apart(doc, p.span.start, p.span.end, first.trigger) else 1))
            if same is not None and best.location is not None and best.location.precision == "country":
                return same
            finer = _dateline_inside(ctx, best)
            if finer is not None and status != "background":
                return finer.location, finer.span, \
                    f"location from the dateline {finer.span.text!r}, inside {best.span.text!r} named by the event"
            return best.location, best.span, f"location from {best.span.text!r}"
    if same is not None:
        return same
    dateline = _dateline_place(ctx)
    if dateline is not None and status != "background":
        return dateline.location, dateline.span, \
            f"location from the dateline {dateline.span.text!r} (no place named in the event's sentences)"
    country = ctx.dominant_country
    if country and ctx.geoparser is not None:
        loc = ctx.geoparser.country(country)
        if loc is not None:
            return loc, None, "location: the story's country (no place named in the event's sentences)"
    return None, None, "no place named for this event"


def _dateline_inside(ctx: ArticleContext, best: PlaceMention) -> PlaceMention | None:
    """The dateline city when the event names only the country or province it lies in."""
    loc = best.location
    if loc is None or loc.precision not in ("country", "admin1"):
        return None
    line = _dateline_place(ctx)
    if line is None or line.location is None or line.location.country_code != loc.country_code:
        return None
    if loc.precision == "admin1" and line.location.admin1 != loc.admin1:
        return None
    return line


def _dateline_place(ctx: ArticleContext) -> PlaceMention | None:
    """The wire dateline's city, when it lies in the story's country: the usual place of a wire
    story's own events when their sentences name none."""
    for places in ctx.places.values():
        for p in places:
            if p.role == "dateline" and p.location is not None and p.location.precision != "country" \
                    and p.location.country_code == ctx.dominant_country:
                return p
    return None


def _same_place(ctx: ArticleContext, c: Cluster, clusters: list[Cluster], index: int,
                status: str) -> tuple[Location, Span, str] | None:
    """``killed in the same province``: the place of the event told before, at that unit."""
    text = ctx.ann.text
    for s in sorted(c.sentences):
        start, end = ctx.ann.sentences[s]
        m = _SAME.search(text, start, end)
        if m:
            prev = _previous_location(ctx, clusters, index, status)
            if prev is not None:
                return _coarsen(prev, m.group(1).lower()), Span.of(text, m.start(), m.end()), \
                    f"location from {m.group(0)!r} (the place of the event told before)"
    return None


def _previous_location(ctx: ArticleContext, clusters: list[Cluster], index: int, status: str) -> Location | None:
    """The sub-national place of the nearest other event told before this one in the text."""
    here = min(clusters[index].sentences)
    order = sorted((j for j in range(len(clusters)) if j != index),
                   key=lambda j: (min(clusters[j].sentences) > here, abs(min(clusters[j].sentences) - here)))
    for j in order:
        c = clusters[j]
        own = {m.sentence for m in c.mentions if not m.anaphoric and m.kind.key not in ("attack", "kill")}
        cands = [p for s in sorted(own) for p in ctx.places.get(s, []) if ctx.usable_place(p)
                 and p.location is not None and p.location.precision != "country"]
        if cands:
            first = min(c.mentions, key=lambda m: m.sentence)
            return max(cands, key=lambda p: _score(ctx.ann.text, p, first.trigger.start)).location
    return None


def _coarsen(loc: Location, unit: str) -> Location:
    if unit in ("province", "region") and loc.admin1:
        return Location(loc.admin1, loc.country_code, loc.lat, loc.lon, "admin1", loc.admin1, None,
                        loc.country, None)
    return loc
