"""Assemble one ``Event`` from a cluster of mentions: type, status, date, place, actors, claims."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, cast

from ..model import ActorKind, Claim, DatePrecision, Event, EventDate, Span, Status
from . import instruments, sides
from .claims import aggregate, claims_for
from .clusters import Cluster
from .context import ArticleContext, time_class
from .kinds import ARMED_ACTOR_KINDS, KINDS, EventKind
from .locate import locate
from .model_typing import SentenceScores, arbitrate, reports_nothing
from .participants import ActorRef, refs_for, to_actors
from .roles import sentence_phrases

if TYPE_CHECKING:  # pragma: no cover
    from .mentions import Mention

_SUICIDE = re.compile(r"suicide\s+(?:bomb|attack|blast|vest)\w*|blew\s+(?:himself|herself|themselves)\s+up|"
                      r"killing\s+(?:himself|herself|themselves)|(?:bomb|explosives?)\s+(?:he|she)\s+was\s+(?:carrying|wearing)",
                      re.IGNORECASE)
_NOT_USED = re.compile(r"\b(?:cache|stash|stockpile|haul|defused|dismantled|controlled\s+(?:explosion|detonation)|removed\s+the|"
                       r"foiled|thwarted|intercepted)\b", re.IGNORECASE)
_PEACEFUL_HANDOVER = re.compile(r"\b(?:without|unopposed|no\s+resistance|handed)\b", re.IGNORECASE)
_ACCIDENT = re.compile(r"\b(?:gas|accident\w*|factory|industrial|boiler|fireworks|pipeline|mine\s+collapse|collapsed?|"
                       r"prematurely|ammunition\s+depot|arms\s+depot|electrical\s+fault|short\s+circuit|"
                       r"while\s+(?:planting|assembling|making|building|handling|transporting)\b[^.]{0,40}\b(?:bomb|device|explosives?))\b",
                       re.IGNORECASE)
_STATE = {"state_forces", "external"}
_BLASTS = frozenset({"ied", "car_bomb", "landmine", "bombing", "explosion"})  # what an accident can look like
_PROTESTERS_VIOLENT = re.compile(
    r"\b(?:torched|set\s+(?:\w+\s+){0,4}?(?:on\s+fire|ablaze|alight)|set\s+fire\s+to|burn(?:ed|t)\s+(?:down\s+)?(?:\w+\s+){0,2}?"
    r"(?:cars|vehicles|tyres|tires|buildings?|offices?|shops|banks?|branch|police\s+station|houses)|stormed|ransacked|vandali[sz]ed|"
    r"smashed|(?:hurled|threw|pelted)\s+(?:\w+\s+){0,2}?(?:stones|rocks|bricks|petrol\s+bombs|molotov)|burning\s+(?:tyres|tires|barricades)|"
    r"attacked\s+(?:the\s+)?police|broke\s+through\s+(?:police\s+)?"
    r"(?:lines|barricades|cordons?))\b", re.IGNORECASE)
_PREMATURE = re.compile(r"\b(?:prematurely|while\s+(?:planting|assembling|making|building|handling|transporting))\b",
                        re.IGNORECASE)
_ARMED_PEOPLE = re.compile(r"\b(?:soldiers?|troops|militants?|militiam[ae]n|militias?|fighters?|insurgents?|rebels?|"
                           r"policem[ae]n|police\s+officers?|gunm[ae]n|jihadists?|guerrillas?|paramilitar\w+)\b",
                           re.IGNORECASE)
_PROTESTERS = r"(?:protesters|demonstrators|marchers|protestors)"
_PROTESTERS_KILLED = re.compile(
    rf"\b(?:kill(?:ed|ing)|shot\s+dead|shooting|slaying|murder(?:ed|ing)?|death)\s+(?:of\s+)?(?:[\w-]+\s+){{0,3}}?{_PROTESTERS}\b|"
    rf"\b{_PROTESTERS}\s+(?:\w+\s+){{0,3}}?(?:were|was|have\s+been|had\s+been|been)\s+(?:\w+\s+)?(?:killed|shot)\b",
    re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_WILD = ("attack", "kill")
_HEADLINE_SOURCE = re.compile(r"(?::|\s[-–—])\s*[\w'’. -]{1,40}$")  # "...: officials", "... - TV"


def headline_source_start(text: str, start: int, end: int) -> int:
    """Where a headline's trailing source begins ("Clashes kill 32 civilians: officials"), else ``end``."""
    sentence = text[start:end].rstrip()
    if sentence.endswith((".", "!", "?", '"', "”")):
        return end
    tail = _HEADLINE_SOURCE.search(sentence)
    return start + tail.start() if tail else end


def assemble(ctx: ArticleContext, c: Cluster, roles: list[tuple[list[ActorRef], list[ActorRef]]],
             clusters: list[Cluster], index: int, lead: tuple[date, date] | None,
             scores: SentenceScores | None = None) -> Event | None:
    mentions = c.mentions
    if all(m.negated for m in mentions):
        return None
    typed = [m for m in mentions if m.kind.key not in _WILD]
    inits = [r for ini, _ in roles for r in ini]
    if kind_is_act(c):
        inits = [r for r in inits if r.from_dictionary or not _REPORTER.search(r.name)]
    targets = [r for _, tg in roles for r in tg]
    claimers, victims = _sentence_roles(ctx, c)
    inits += claimers
    figures = claims_for(ctx, c, clusters, index)
    armed_dead = any(r.kind in ARMED_ACTOR_KINDS for r in targets + victims) or any(
        cl.field == "fatalities" and cl.victims and _ARMED_PEOPLE.search(cl.victims) for cl in figures)
    if not typed and not inits and not ((any(m.kind.key == "attack" for m in mentions) or armed_dead) and figures):
        # "a cyclone killing 12": deaths without a doer or an attack are not a conflict event; but
        # "Six Shia militiamen killed in Diyala" is one, of a type the text does not tell
        return None
    # an explosion with accident words, or a named bomb that went off in its handlers' hands
    accident = bool(typed) and all(m.kind.key in ("explosion", "bombing", "ied") for m in typed) and any(
        (_ACCIDENT if m.kind.key == "explosion" else _PREMATURE).search(m.sentence_span.text) for m in typed)
    if accident and not inits and not any(r.kind in ARMED_ACTOR_KINDS and r.from_dictionary for r in targets + victims) and \
            not any(_PREMATURE.search(m.sentence_span.text) for m in typed):
        return None  # a gas blast or a depot fire is no conflict event
    if all(m.form == "model" and m.kind.key in _BLASTS for m in mentions) and \
            any(_ACCIDENT.search(m.sentence_span.text) for m in mentions) and not inits and not armed_dead:
        return None  # the same for a blast only the model read: "nine miners killed in a collapse"
    # ACLED codes the accidental blast of a device by those handling it as Disrupted weapons use
    worded = max((m.kind for m in typed), key=lambda k: k.rank) if typed else KINDS["attack"]
    kind = KINDS["disrupted"] if accident else _by_target(_kind(ctx, c, typed, inits), inits, targets + victims)
    confidence, typed_by = None, f"type from {_trigger_list(typed or mentions)}"
    if scores is not None and accident:  # the codebook's own rule for a device set off by its handlers
        confidence = round(1.0 - min((scores.none(m.sentence) for m in mentions), default=0.5), 3)
        typed_by = "type from the rules (an accidental detonation by those handling the device)"
    elif scores is not None:
        other_mentions = [m for j, other in enumerate(clusters) if j != index for m in other.mentions]
        others = frozenset(m.sentence for m in other_mentions)
        taken = frozenset(m.kind.sub_event_type for m in other_mentions
                          if m.kind.sub_event_type and m.sentence in {x.sentence for x in mentions})
        # a worded type that a codebook rule on the story changed ("shot dead three policemen": a shooting
        # of armed men is a battle; "the army overran Kidal": a state that takes ground regains it) stands;
        # an untyped "attack" or "killed" is the model's to type
        ruled = worded.sub_event_type is not None and kind.sub_event_type != worded.sub_event_type
        kind, confidence, typed_by = arbitrate(kind, mentions, scores, others, ruled=ruled, taken=taken)
    when = _own_date(ctx, c, clusters)
    status, why = _status(ctx, c, kind, lead, when)
    if scores is not None and status == "occurred" and reports_nothing(mentions, scores):
        # the trigger words are there, but none of the event's sentences tells an event of the story's
        # time; an earlier event named in passing ("pleaded guilty over the 2013 bombing") still stands
        return None
    if status == "planned" and when is not None and ctx.dct is not None and when.start < ctx.dct \
            and when.text and _WEEKDAY.search(when.text):
        # "called for a shutdown on Thursday": a plan's weekday is the coming one
        when = EventDate(when.start + timedelta(days=7), when.end + timedelta(days=7), when.precision,
                         when.text, when.span)
    if when is None and ctx.dct is not None and status != "background" and \
            not any(time_class(m.time) == "other" for m in c.mentions):
        when = EventDate(ctx.dct, ctx.dct, "day", None, None)
    loc, loc_span, loc_why = locate(ctx, c, clusters, index, status)
    if status != "threatened":
        targets += victims
    named = [r for r in inits if not r.name.startswith("Unidentified")]
    actors = to_actors(named or inits, targets)
    if kind.key == "landmine":  # "a farmer triggered a mine": who set it off is its victim, not its doer
        actors = tuple(replace(a, role="target") if a.role == "initiator" and a.kind == "civilians" else a
                       for a in actors)
    if kind.event_type in ("Riots", "Protests") and loc is not None:
        actors = _as_crowd(kind, actors, loc.country, loc.country_code)
    if not any(a.role == "initiator" for a in actors) and kind.event_type in ("Protests", "Riots") and loc is not None:
        crowd = _crowd(kind, loc.country, loc.country_code)
        if kind.key == "excessive_force":  # the crowd is who the force was used against
            crowd = replace(crowd, role="target")
        actors = (crowd,) + actors
    if not any(a.role == "initiator" for a in actors) and status in ("occurred", "background") and \
            kind.event_type in ("Violence against civilians", "Explosions/Remote violence") and \
            kind.sub_event_type not in ("Air/drone strike",) and loc is not None and loc.country and \
            not accident:
        actors = (_unidentified(loc.country, loc.country_code),) + actors
    claims = sides.with_sides(tuple(figures), actors, ctx.actors, loc.country_code if loc else ctx.dominant_country,
                              when.start if when else ctx.dct)  # whose dead: docs/events.md
    evidence = _evidence(ctx, c, claims)
    sources = _sources(ctx, c, claims)
    return Event(
        id=_event_id(ctx.ann.article.id, mentions[0], kind),
        status=cast("Status", status), event_type=kind.event_type, sub_event_type=kind.sub_event_type, cameo=kind.cameo,
        plover_type=kind.plover_type, plover_mode=kind.plover_mode, date=when, location=loc,
        actors=actors, fatalities=aggregate(claims, "fatalities"), injured=aggregate(claims, "injured"),
        claims=claims, sources=sources,
        verification=ctx.verification or ("claimed by one side" if claimers else None),
        evidence=evidence, confidence=confidence if confidence is not None else _confidence(typed, when, loc, actors),
        weapons=instruments.weapons(c, typed, ctx, evidence),
        targets=instruments.physical_targets(c, ctx, evidence), location_span=loc_span,
        reasons=tuple(r for r in (typed_by, why, loc_why,
                                  f"date from {when.text!r}" if when and when.text else
                                  ("date from the publication date" if when else "no date in the text")) if r),
    )


_REPORTER = re.compile(r"\b(?:officials?|spokes(?:man|woman|person)|sources?|witness(?:es)?|ministers?|"
                       r"residents?|reporters?|journalists?|analysts?|authority|authorities|prosecutors?|investigators?|"
                       r"judges?|courts?|ministry)$", re.IGNORECASE)  # who reports or investigates an act did not do it


def kind_is_act(c: Cluster) -> bool:
    """Acts (not threats or statements): their doers are never the people who report them."""
    return not any(m.kind.plover_type == "THREATEN" for m in c.mentions)


def _sentence_roles(ctx: ArticleContext, c: Cluster) -> tuple[list[ActorRef], list[ActorRef]]:
    from .roles import RolePhrase

    claimers: list[ActorRef] = []
    victims: list[ActorRef] = []
    for s in sorted(c.sentences):
        vict, claim = sentence_phrases(ctx.ann, s)
        for p in claim:
            claimers += [r for r in refs_for(p, ctx.ann.text, ctx.actors, ctx.dominant_country, ctx.dct)
                         if r.from_dictionary]
        cut = headline_source_start(ctx.ann.text, *ctx.ann.sentences[s])
        for p in vict:
            if p.span.start >= cut:
                continue
            victims += refs_for(RolePhrase("target", p.span, p.head), ctx.ann.text, ctx.actors,
                                ctx.dominant_country, ctx.dct)
    return claimers, victims


def _kind(ctx: ArticleContext, c: Cluster, typed: list[Mention], inits: list[ActorRef]) -> EventKind:
    if not typed:
        return KINDS["attack"]
    kind = max((m.kind for m in typed), key=lambda k: k.rank)
    text = ctx.ann.text
    if kind.event_type == "Explosions/Remote violence" and kind.key in ("bombing", "explosion", "ied"):
        lo = ctx.ann.sentences[min(c.sentences)][0]
        hi = ctx.ann.sentences[min(max(c.sentences) + 2, len(ctx.ann.sentences) - 1)][1]
        if _SUICIDE.search(text, lo, hi):
            return KINDS["suicide"]
    keys = {m.kind.key for m in typed}
    if "disrupted" in keys and any(m.kind.key == "disrupted" and _NOT_USED.search(m.trigger.text) for m in typed):
        return KINDS["disrupted"]  # a cache of grenades found, a bomb dismantled: the weapons were not used
    if "transfer" in keys and kind.key in ("overtake", "regain") and \
            any(m.kind.key == "transfer" and _PEACEFUL_HANDOVER.search(m.trigger.text) for m in typed):
        return KINDS["transfer"]  # "took control of Jalalabad without firing a shot"
    if keys & {"protest", "protest_intervention"} and keys & {"shooting", "excessive_force"}:
        return KINDS["excessive_force"]  # police opened fire on students protesting
    if kind.event_type == "Protests" and any(_PROTESTERS_VIOLENT.search(m.sentence_span.text) for m in c.mentions):
        return KINDS["riot"]  # demonstrators who burn, storm or stone: a violent demonstration (ACLED Riots)
    if keys & {"protest"} and keys & {"arrest"} and kind.event_type == "Protests":
        return KINDS["protest_intervention"]  # police detained marchers: a protest with intervention
    if kind.event_type == "Battles" and inits and all(r.kind in ("civilians", "protesters", "rioters") for r in inits):
        return KINDS["mob"]  # residents of two communities fought running battles: mob violence
    if kind.key == "mob" and any(r.kind == "state_forces" for r in inits):
        return KINDS["execution"]  # soldiers who beat a man to death: an attack, not a mob
    if kind.event_type == "Protests" and not any(m.cue == "planned" for m in typed) and \
            any(_PROTESTERS_KILLED.search(m.sentence_span.text) for m in c.mentions):
        return KINDS["excessive_force"]  # "the army killed 13 protesters", "the slaying of seven demonstrators"
    state = any(r.kind in _STATE for r in inits)
    if kind.key == "overtake" and state:
        return KINDS["regain"]
    if kind.key == "regain" and inits and not state:
        return KINDS["overtake"]
    return kind


def _by_target(kind: EventKind, inits: list[ActorRef], targets: list[ActorRef]) -> EventKind:
    """The codebook types an attack by whom it hits: armed men who shoot at soldiers or police fight a
    battle (Armed clash), whoever they are; an attack of no stated manner on civilians is an Attack."""
    if kind.key not in ("attack", "kill", "shooting", "attack_civ") or not targets:
        return kind
    armed_targets = [r for r in targets if r.kind in ARMED_ACTOR_KINDS]
    civilian = any(r.kind == "civilians" for r in targets)
    armed_doer = any(r.kind in ARMED_ACTOR_KINDS or r.kind == "unknown" for r in inits)
    if armed_targets and not civilian and armed_doer and kind.key != "attack_civ":
        return KINDS["clash"]
    if civilian and kind.key in ("attack", "kill") and inits:
        return KINDS["attack_civ"]
    return kind


def _status(ctx: ArticleContext, c: Cluster, kind: EventKind, lead: tuple[date, date] | None,
            when: EventDate | None) -> tuple[str, str]:
    if kind.plover_type == "THREATEN":
        return "threatened", "status threatened: a threat, not an act"
    cues = [m.cue for m in c.mentions if m.kind.key not in _WILD and m.cue]
    if "denied" in cues:
        return "denied", "status denied: the act is denied"
    if cues and cues[0] == "planned":
        return "planned", "status planned: announced, not yet happened"
    if when is not None and ctx.dct is not None and when.start > ctx.dct:
        return "planned", "status planned: dated after publication"
    if when is not None and not ctx.interval_in_frame(when.start, when.end, lead):
        return "background", "status background: dated before the story's own time frame"
    if when is None and any(time_class(m.time) == "other" for m in c.mentions):
        return "background", "status background: an explicit earlier time the story does not date"
    return "occurred", ""


def _own_date(ctx: ArticleContext, c: Cluster, clusters: list[Cluster]) -> EventDate | None:
    """The event's date from its own time expressions (or one it is counted from), else None."""
    dated = c.dated
    if dated:
        best = min(dated, key=lambda m: (not m.time_bound, _days(m)))
        t = best.time
        assert t is not None and t.start is not None and t.end is not None
        first, last, span = _range(ctx, t)
        if (first, last) != (t.start, t.end):  # "Between 8 and 10 September 2020": the whole range
            return EventDate(first, last, _precision(first, last), span.text, span)
        return EventDate(t.start, t.end, t.precision or _precision(t.start, t.end), t.span.text, t.span)
    return _anchored(ctx, c, clusters)


def _range(ctx: ArticleContext, t) -> tuple[date, date, Span]:
    """The interval of the range ``t`` opens or closes ("8" and "10 September 2020" in "Between 8 and
    10 September 2020"), with the span from its first to its last date; else ``t``'s own."""
    from .timex.ranges import range_start

    text = ctx.ann.text
    near = [(m.span.start, m.span.end, m) for m in ctx.times.get(ctx.ann.sentence_index(t.span.start), [])]
    for start, end, m in near:
        if start > t.span.start and m.end is not None and range_start(text, near, m, start) == t.start:
            return t.start, m.end, Span.of(text, t.span.start, end)
    opened = range_start(text, near, t, t.span.start)
    if opened is not None:
        first = next(m for _, _, m in near if m.start == opened and m.span.end <= t.span.start)
        return opened, t.end, Span.of(text, first.span.start, t.span.end)
    return t.start, t.end, t.span


def _days(m: Mention) -> int:
    assert m.time is not None and m.time.start is not None and m.time.end is not None
    return (m.time.end - m.time.start).days


def _anchored(ctx: ArticleContext, c: Cluster, clusters: list[Cluster]) -> EventDate | None:
    from .events import anchor_offset

    for s in sorted(c.sentences):
        start, end = ctx.ann.sentences[s]
        found = anchor_offset(ctx.ann.text[start:end])
        if found is None:
            continue
        days, what = found
        for other in clusters:
            if other is c or other.interval() is None:
                continue
            if any(what in m.trigger.text.lower() for m in other.mentions):
                lo, hi = other.interval()  # type: ignore[misc]
                return EventDate(lo + timedelta(days=days), hi + timedelta(days=days),
                                 _precision(lo, hi), ctx.ann.text[start:end][:60].strip(), None)
    return None


def _precision(start: date, end: date) -> DatePrecision:
    days = (end - start).days
    return "day" if days == 0 else "week" if days <= 7 else "month" if days <= 31 else "year"


def _crowd(kind: EventKind, country: str | None, cc: str | None):
    """ACLED names unnamed crowds by role and country: Protesters (Iraq), Rioters (Kenya)."""
    from ..model import Actor

    label, actor_kind = ("Rioters", "rioters") if kind.event_type == "Riots" else ("Protesters", "protesters")
    name = f"{label} ({country})" if country else label
    return Actor(name, "initiator", cast(ActorKind, actor_kind), cc, None, f"{actor_kind}:{cc}")


_QUANTITY = re.compile(r"^(?:tens\s+of\s+|hundreds\s+of\s+)?(?:thousands|hundreds|dozens|scores)(?:\s+of\s+\w+)?$",
                       re.IGNORECASE)


def _as_crowd(kind: EventKind, actors: tuple, country: str | None, cc: str | None) -> tuple:
    """ACLED names a crowd by its role and country: villagers who beat a man to death are Rioters (Uganda),
    'thousands' who march are Protesters (Kenya); named groups keep their names."""
    crowd = _crowd(kind, country, cc)

    def is_crowd(a) -> bool:
        if a.role != "initiator":
            return False
        if kind.event_type == "Riots":
            return a.kind in ("civilians", "protesters")
        return a.kind == "unknown" and bool(_QUANTITY.match(a.name))

    return tuple(replace(a, name=crowd.name, kind=crowd.kind, country_code=cc, canonical_id=crowd.canonical_id)
                 if is_crowd(a) else a for a in actors)


def _unidentified(country: str, cc: str | None):
    from ..model import Actor

    return Actor(f"Unidentified Armed Group ({country})", "initiator", "political_militia", cc, None,
                 "unidentified-armed-group")


def _evidence(ctx: ArticleContext, c: Cluster, claims: tuple[Claim, ...]) -> tuple[Span, ...]:
    """The sentences of the event's mentions and of its casualty claims ("Three other soldiers were
    wounded, Tass reported" tells of the same event without naming it)."""
    seen: dict[int, Span] = {}
    for m in c.mentions:
        seen.setdefault(m.sentence_span.start, m.sentence_span)
    for cl in claims:
        start, end = ctx.ann.sentences[ctx.ann.sentence_index(cl.span.start)]
        seen.setdefault(start, Span.of(ctx.ann.text, start, end))
    return tuple(seen[k] for k in sorted(seen))


def _sources(ctx: ArticleContext, c: Cluster, claims) -> tuple[str, ...]:
    names: list[str] = []
    for s in sorted(c.sentences):
        names += [a.claimant for a in ctx.attributions.get(s, [])]
    names += [cl.claimant for cl in claims if cl.claimant]
    names += [cl.reported_by for cl in claims if cl.reported_by]
    if ctx.agency:
        names.append(ctx.agency)
    return tuple(dict.fromkeys(n for n in names if n))


def _confidence(typed: list[Mention], when: EventDate | None, loc, actors) -> float:
    score = 0.45 + (0.2 if typed else 0) + (0.1 if when else 0) + (0.1 if loc else 0)
    score += 0.1 if any(a.role == "initiator" for a in actors) else 0
    return min(score, 0.95)


def _trigger_list(mentions: list[Mention]) -> str:
    return ", ".join(dict.fromkeys(repr(m.trigger.text) for m in mentions[:4]))


def _event_id(article_id: str, first: Mention, kind: EventKind) -> str:
    raw = f"{article_id}|{first.trigger.start}|{kind.key}".encode()
    return hashlib.sha1(raw).hexdigest()[:16]
