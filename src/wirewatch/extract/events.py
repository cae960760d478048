"""Events of an article: mentions found, grouped, and assembled into ``Event`` records.

``extract_events`` is the stage function.  The steps, each in its own module:
triggers (``triggers``) -> mentions read against the parse (``mentions``) -> who did it
to whom (``roles``, ``participants``) -> within-article coreference (``clusters``) ->
status, date, place, casualty claims (``assemble``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..model import Event, PlaceMention, TimeMention
from .assemble import assemble, headline_source_start
from .clusters import cluster, fold_protest_arrests
from .context import ArticleContext, time_class
from .kinds import ARMED_ACTOR_KINDS, KINDS
from .mentions import Mention, _governor, _root, model_mention, sentence_mentions
from .model_typing import SentenceScores, kind_for, score_sentences, unfound_events
from .participants import ActorRef, refs_for
from .roles import initiator_phrases, target_phrases
from .triggers import TriggerHit, find_triggers

if TYPE_CHECKING:  # pragma: no cover
    from ..annotate import Annotated

_ANCHOR = re.compile(r"\b(?P<n>\w+|\d+)\s+(?P<unit>day|week|month)s?\s+(?P<dir>after|before|later|earlier)\s+"
                     r"(?:the\s+)?(?P<what>\w+)", re.IGNORECASE)


def extract_events(ann: Annotated, places: tuple[PlaceMention, ...], times: tuple[TimeMention, ...],
                   actors: Any, geoparser: Any, model: Any = None) -> tuple[Event, ...]:
    """Every event the article reports, with its evidence.  ``model`` is the trained event model
    (``wirewatch.eventmodel.EventModel``); without it the trigger rules decide alone.

    With the model, events are assembled from the rules' mentions first; then sentences the model reads
    as an event that no assembled event tells get a mention of the model's type (``_model_mentions``), and
    the events are assembled again with them."""
    ctx = ArticleContext.build(ann, places, times, actors, geoparser)
    mentions = _mentions(ctx)
    # The encoder reads the headline, the lead and the rules' sentences first; the rest of the story only
    # when no event was assembled from them (``_model_mentions`` looks further down only then).
    scores = (score_sentences(ann, model, {m.sentence for m in mentions}, first=LEAD_SENTENCES)
              if model is not None else None)
    heads: dict[int, frozenset[int]] = {}  # per sentence: tokens that head an event word
    events, told = _assembled(ctx, mentions, scores, heads)
    if scores is not None:
        if not told:
            scores = scores.completed(ann, model)
        extra = _model_mentions(ctx, told, scores)
        if extra:
            events, _ = _assembled(ctx, sorted(mentions + extra, key=lambda m: (m.sentence, m.trigger.start)),
                                   scores, heads)
    return events


def _assembled(ctx: ArticleContext, mentions: list[Mention], scores: SentenceScores | None,
               heads: dict[int, frozenset[int]]) -> tuple[tuple[Event, ...], set[int]]:
    """The events of ``mentions`` and the sentences of the clusters that became events."""
    if not mentions:
        return (), set()
    roles = [_roles(ctx, m, heads) for m in mentions]
    lead = _lead_interval(mentions)
    clusters = cluster(mentions, [{r.key for r in ini if r.from_dictionary} for ini, _ in roles],
                       lambda m: ctx.frame_ok(m.time, lead))
    clusters = fold_protest_arrests(clusters)
    role_of = {id(m): r for m, r in zip(mentions, roles, strict=True)}
    events, told = [], set()
    for i, c in enumerate(clusters):
        ev = assemble(ctx, c, [role_of[id(m)] for m in c.mentions], clusters, i, lead, scores)
        if ev is not None:
            events.append(ev)
            told |= c.sentences
    return tuple(events), told


def _mentions(ctx: ArticleContext) -> list[Mention]:
    out: list[Mention] = []
    for i in range(len(ctx.ann.sentences)):
        found = sentence_mentions(ctx.ann, i, ctx.times.get(i, []), bool(ctx.figures.get(i)), ctx.actor_spans,
                                  ctx.actor_kinds)
        for m in found:
            if time_class(m.time) == "frame":
                m = replace(m, time=None, time_bound=False)
            out.append(m)
    return out


LEAD_SENTENCES = 2  # the headline and the lead: where a story tells its own news
# An agreement the model reads in a sentence is made there: signed, reached, agreed, brokered... or a truce
_AGREEING = re.compile(r"\b(?:sign|reach|agree|conclud|struck|strike|strikes|broker|seal|ink|accept|announc|endors|"
                       r"ratif|approv|cease-?fire|truce|armistice|swap|exchang|hand(?:ed|s)?\s+over|releas|negotiat|"
                       r"settle|pact|accord|memorand|commit|pledg|join)\w*", re.IGNORECASE)


def _model_mentions(ctx: ArticleContext, told: set[int], scores: SentenceScores) -> list[Mention]:
    """Mentions of the model's type for sentences it reads as an event that no assembled event tells
    (the rules found nothing there, or what they found did not make an event) (``model_typing``).

    Further down a story with events, a sentence the model alone reads as an event is mostly a detail of
    one of them or talk about it ("All six killed were Americans", "troops sealed off the area", "he said
    being a suicide bomber was OK"): it adds nothing, since as a new event it would be a duplicate or a
    false one, and joined to an event it would lend it the wrong roles and type.  In the headline and
    lead, or in a text with no event yet, it starts an event."""
    out = []
    for found in unfound_events(ctx.ann, told, scores):
        if told and found.index >= LEAD_SENTENCES:
            continue
        status, p_status = scores.status(found.index)
        # a threat told in words the rules did not catch ("vowed to hit back") is a threat, not the act
        kind = KINDS["threat"] if status == "threatened" and p_status >= 0.5 else \
            kind_for(found.sub_event_type, scores.texts[found.index])
        if kind.key == "agreement" and not _AGREEING.search(scores.texts[found.index]):
            continue  # "The deal was a diplomatic coup, analysts said": a deal talked about, not one made
        m = model_mention(ctx.ann, found.index, kind, ctx.times.get(found.index, []))
        if m is not None:
            if time_class(m.time) == "frame":
                m = replace(m, time=None, time_bound=False)
            out.append(m)
    return out


def _lead_interval(mentions: list[Mention]):
    """The own date of the story's first typed event (its time frame when there is no dateline)."""
    typed = [m for m in mentions if m.kind.key not in ("attack", "kill") and m.kind.plover_type != "THREATEN"]
    if not typed:
        return None
    for m in typed:
        if m.sentence == typed[0].sentence and m.time is not None and m.time.start is not None \
                and m.time.end is not None:
            return m.time.start, m.time.end
    return None


def _roles(ctx: ArticleContext, m: Mention,
           heads: dict[int, frozenset[int]]) -> tuple[list[ActorRef], list[ActorRef]]:
    ann = ctx.ann
    tok = _root(ann, TriggerHit(m.kind.key, m.form, m.trigger.start, m.trigger.end))  # type: ignore[arg-type]
    if tok is None:
        return [], []
    gov = _governor(tok)
    on = m.time.start if m.time is not None else ctx.dct
    country = ctx.sentence_country(m.sentence)
    bombing = m.kind.key in ("ied", "car_bomb", "landmine", "bombing", "suicide", "explosion")
    inits = [r for p in initiator_phrases(ann, m, tok, gov, ctx.actor_spans)
             for r in refs_for(p, ann.text, ctx.actors, country, on, ctx.geoparser, ctx.country_at, bombing,
                               ctx.names_place)]
    targets = [r for p in target_phrases(ann, tok, gov, m.kind.key in ("regain", "overtake", "transfer"),
                                         m.kind.plover_type == "THREATEN" and "price" in m.trigger.text.lower())
               for r in refs_for(p, ann.text, ctx.actors, country, on, ctx.geoparser, ctx.country_at)]
    if m.sentence not in heads:
        heads[m.sentence] = _event_heads(ctx, m.sentence)
    inits, targets = (_not_event_words(ctx, m, refs, heads[m.sentence]) for refs in (inits, targets))
    if m.anaphoric and m.kind.key in ("attack", "kill"):
        return [], targets  # "for the murder of X": a reference back, not a new attribution; X is still its victim
    if not inits and _pronoun_subject(gov):
        inits = _antecedent(ctx, m, country, on)
    return inits, targets


def _event_heads(ctx: ArticleContext, sentence: int) -> frozenset[int]:
    """Tokens of the sentence that head a (non-agent) event word: "Clashes", "attacks"."""
    ann = ctx.ann
    start, end = ann.sentences[sentence]
    roots = (_root(ann, h) for h in find_triggers(ann.text, start, end) if h.form != "agent")
    return frozenset(tok.i for tok in roots if tok is not None and tok.pos_ in ("NOUN", "PROPN"))


def _not_event_words(ctx: ArticleContext, m: Mention, refs: list[ActorRef],
                     heads: frozenset[int]) -> list[ActorRef]:
    """Drop the event's own words read as a participant ("Clashes kill 32 civilians", "Iraq attacks kill
    nine": a phrase whose head is an event trigger (``heads``) is no actor; "Russian warplanes struck"
    keeps its warplanes) and, in a headline, the source named after its colon ("...: officials")."""
    ann = ctx.ann
    start, end = ann.sentences[m.sentence]
    cut = headline_source_start(ann.text, start, end)

    def head_is_trigger(r: ActorRef) -> bool:
        span = ann.doc.char_span(r.span.start, r.span.end, alignment_mode="expand")
        return span is not None and len(span) > 0 and span[-1].i in heads

    return [r for r in refs if r.span is None or (r.span.start < cut and not head_is_trigger(r))]


def _pronoun_subject(gov: Any) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in ("they", "he", "she") for c in gov.children)


def _antecedent(ctx: ArticleContext, m: Mention, country: str | None, on: Any) -> list[ActorRef]:
    """``They killed 23 soldiers``: the last armed actor named in this or the two sentences before."""
    lo = ctx.ann.sentences[max(0, m.sentence - 2)][0]
    before = [(a, b) for a, b, kind in ctx.actor_kinds if lo <= a < m.trigger.start and kind in ARMED_ACTOR_KINDS]
    if not before:
        return []
    a, b = before[-1]
    from ..model import Span
    from .roles import RolePhrase

    phrase = RolePhrase("initiator", Span.of(ctx.ann.text, a, b), "")
    return [r for r in refs_for(phrase, ctx.ann.text, ctx.actors, country, on, ctx.geoparser, ctx.country_at)
            if r.from_dictionary]


def anchor_offset(sentence: str) -> tuple[int, str] | None:
    """``three days after the bombing`` -> (+3 days, 'bombing')."""
    from .numbers import parse_number

    m = _ANCHOR.search(sentence)
    if not m:
        return None
    n = parse_number(m.group("n"))
    if n is None:
        return None
    days = n * {"day": 1, "week": 7, "month": 30}[m.group("unit").lower()]
    sign = 1 if m.group("dir").lower() in ("after", "later") else -1
    return sign * days, m.group("what").lower()
