"""Event mentions: trigger hits read against the parse.

A hit becomes a ``Mention`` unless the parse says it is not an event report: a noun
used as a modifier (``attack drones``), a habitual or generic use (``continue to ambush``,
``at least 100 times``, ``previous terrorist attacks``), a hypothetical (``if attacked``),
or a biographical aside (``following his arrest``).  Each mention records the cues the
status decision needs (negated, denied, planned) and the time expression bound to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Span, TimeMention
from .kinds import ARMED_ACTOR_KINDS, KINDS, NEEDS_ARMED_CONTEXT, EventKind
from .triggers import TriggerHit, find_triggers

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..annotate import Annotated

_HABITUAL = re.compile(r"\b(?:\d[\d,]*|dozens\s+of|hundreds\s+of|many|several)\s+times\b|\busually\b|\boften\b|"
                       r"\broutinely\b|\bregularly\b|\brepeatedly\b|\bfrequently\b|\btypically\b|\b(?:almost\s+)?daily\b|"
                       r"\bnightly\b|\bevery\s+(?:day|night|week)\b|\bfor\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+)?"
                       r"(?:\w+\s+)?(?:years|decades)\b", re.IGNORECASE)
_GENERIC_MODS = {"previous", "past", "earlier", "possible", "future", "potential", "similar", "such", "any",
                 "further", "new", "more", "frequent", "regular", "repeated", "deadly"}
_PLAN_LEMMAS = {"plan", "intend", "prepare", "schedule", "expect", "call", "organize", "organise", "announce"}
_DENY_LEMMAS = {"deny", "reject", "dismiss", "refute"}
_HABIT_LEMMAS = {"continue", "tend", "keep"}
_ACT_LEMMAS = {"kill", "hit", "strike", "target", "rock", "wound", "injure", "destroy", "pound", "shake", "claim",
               "leave", "rip", "tear", "damage", "level", "flatten"}
_REPORT_LEMMAS = {"say", "tell", "report", "announce", "confirm", "plead", "charge", "state", "add", "claim",
                  "accuse", "testify", "sentence", "convict", "hear", "publish", "release", "write"}
_POSSESSIVE_PRON = {"his", "her", "their", "my", "our", "your", "its"}


@dataclass(frozen=True, slots=True)
class Mention:
    kind: EventKind
    form: str
    trigger: Span
    sentence: int
    sentence_span: Span
    negated: bool = False
    cue: str | None = None  # planned | denied
    time: TimeMention | None = None
    time_bound: bool = False  # the time is inside the trigger's own phrase ("Saturday's attack")
    anaphoric: bool = False  # "the attack", "this strike": refers to an event already told
    weak: bool = False  # may only join an event found by another mention ("the blast" with no weapon named)


def _root(ann: Annotated, hit: TriggerHit) -> Token | None:
    span = ann.doc.char_span(hit.start, hit.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _governor(tok: Token) -> Token:
    """The verb that governs ``tok`` (``tok`` itself when it is a verb)."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def _chain(tok: Token, depth: int = 6) -> list[Token]:
    out, cur = [], tok
    for _ in range(depth):
        if cur.head is cur:
            break
        cur = cur.head
        out.append(cur)
    return out


_EVENT_HEADS = {"agreement", "deal", "accord", "pact", "attack", "operation", "campaign", "raid", "assault",
                "offensive", "incident", "plot", "talks", "violation", "violations", "march", "rally", "movement",
                "action", "strike", "camp", "vigil", "gathering"}


# Present-tense verbs of headline grammar that the tagger often reads as plural nouns ("US airstrike
# kills IS operative"): a trigger in front of one is its subject, not a modifier.
_HEADLINE_VERBS = frozenset({"kills", "wounds", "injures", "hits", "rocks", "targets", "strikes", "pounds"})


def _is_modifier(tok: Token, hit: TriggerHit) -> bool:
    """``attack drones``: the trigger word only modifies another noun (but ``ceasefire agreement``,
    ``bomb attack`` still report an event)."""
    head = tok.head
    return tok.dep_ in ("compound", "amod") and not (hit.start <= head.idx < hit.end) and head.pos_ == "NOUN" \
        and head.lemma_.lower() not in _EVENT_HEADS and head.lower_ not in _HEADLINE_VERBS


def _used_to(t: Token) -> bool:
    """``used to ambush`` (a past habit), not ``the truck used in the bombing``."""
    nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
    return t.lower_ == "used" and nxt is not None and nxt.lower_ == "to"


def _habit_words(gov: Token, clause: str, times: Sequence[TimeMention]) -> bool:
    """"routinely ambush", "shelled the town daily": a habit word, unless the act is told in the past
    tense within days the sentence gives ("Between 6 and 8 April, assault groups repeatedly attacked"),
    which is an event as ACLED codes it."""
    if not _HABITUAL.search(clause):
        return False
    return not (gov.tag_ == "VBD" and any(t.precision == "day" and t.start is not None for t in times))


def _habitual(tok: Token, gov: Token, clause: str, headline: bool = False,
              times: Sequence[TimeMention] = ()) -> bool:
    if _habit_words(gov, clause, times):
        return True
    path = [gov, *_chain(gov, 2)]
    dated = any(t.precision == "day" and t.start is not None for t in times)
    if any(t.pos_ == "VERB" and (t.lemma_ in _HABIT_LEMMAS and (k == 0 or path[k - 1].dep_ == "xcomp")
                                 and not (dated and t.tag_ == "VBD") or _used_to(t))
           for k, t in enumerate(path)):
        # "kept firing", "continued to attack"; not "protested ...; police kept the crowd away", nor "Around 2
        # April, Houthi forces kept exchanging fire": a past act on days the sentence gives is an event
        return True
    if gov.tag_ in ("VBZ", "VBP") and gov.pos_ == "VERB" and not headline:  # headlines tell the past in the present
        has_perfect = any(c.lemma_ == "have" and c.dep_ == "aux" for c in gov.children)
        return not has_perfect and gov is tok
    return False


def _generic(tok: Token, kind: str, has_time: bool, has_number: bool) -> bool:
    kids = list(tok.children)
    if any(c.dep_ == "amod" and c.lower_ in _GENERIC_MODS for c in kids):
        return True
    if tok.pos_ == "NOUN" and any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRON for c in kids):
        return not has_time  # "following his arrest": biography, not a dated event
    if tok.tag_ != "NNS" or any(c.dep_ in ("det", "poss", "nummod") for c in kids):
        return False
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.tag_ in ("VBD", "VBN"):
        return False  # "rockets targeted a vehicle": a told act
    if tok.dep_ == "nsubj" and tok.head.lemma_ in _ACT_LEMMAS:
        return False  # headline present: "Turkish air strikes kill Kurdish woman", "Explosions rock Kirkuk"
    if kind in ("attack", "kill"):  # bare "attacks against U.S. forces": a pattern, unless someone's
        return not any(c.dep_ in ("compound", "amod", "nmod") and (c.ent_type_ or c.pos_ == "PROPN")
                       for c in kids)
    return not (has_time or has_number)


def _cues(tok: Token, gov: Token) -> tuple[bool, str | None, bool]:
    """(negated, cue, hypothetical) for the trigger."""
    chain = [gov, *_chain(gov, 4)]
    negated = any(c.dep_ == "neg" for c in gov.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
    hypothetical = any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for t in chain[:2] for c in t.children)
    cue = None
    if any(t.lemma_ in _DENY_LEMMAS for t in chain):
        cue = "denied"
    elif any(c.dep_ in ("amod", "acl") and c.lemma_ in ("plan", "schedule", "call", "announce", "threaten")
             for c in tok.children):
        cue = "planned"  # "the planned protest", "a march called for Thursday"
    elif (any(t.lemma_ in _PLAN_LEMMAS for t in chain[1:]) or any(
            c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in gov.children)) and not _done(gov):
        cue = "planned"
    return negated, cue, hypothetical


def _done(verb: Token) -> bool:
    """A perfect or past verb under an announcement ("announced that they had taken power") tells of a done
    act, not a plan."""
    return verb.tag_ in ("VBD", "VBN") and any(c.dep_ == "aux" and c.lower_ in ("had", "has", "have")
                                               for c in verb.children)


def _anaphoric(tok: Token, hit: TriggerHit) -> bool:
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these")
                                      for c in tok.children)


def _bind_time(tok: Token, times: list[TimeMention]) -> tuple[TimeMention | None, bool]:
    """A time inside the trigger's own noun phrase ("Saturday's attack", "the May 22 bombing")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None, False
    subtree = list(tok.subtree)
    lo, hi = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
    for t in times:
        if lo <= t.span.start and t.span.end <= hi and t.span.end <= tok.idx + len(tok):
            return t, True
    return None, False


def actor_before(text: str, start: int, actor_spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """An actor named right before a trigger (``IS attacks``, ``Taliban attack``), even when the
    parser misreads it (it tags ``IS`` in ``IS attacks`` as a verb)."""
    for a, b in actor_spans:
        if b <= start and start - b <= 1 and not text[b:start].strip():
            return a, b
    return None


_ARMED_WORDS = re.compile(
    r"\b(?:troops?|soldiers?|militants?|gunmen|gunman|fighters?|insurgents?|rebels?|police(?:men)?|forces|army|"
    r"military|militias?|militiamen|jihadists?|terrorists?|attackers?|assailants?|bombers?|paramilitar\w*|"
    r"guns?|rifles?|bombs?|explosives?|rockets?|missiles?|mortars?|drones?|grenades?|artillery|shells?|IEDs?|"
    r"bullets?|ammunition|knife|knives|machetes?|warplanes?|jets?|tanks?|airstrikes?|gunfire|shooting|helicopters?|"
    r"positions|frontline|front\s+line|offensive|ceasefire|base)\b", re.IGNORECASE)
_CASUALTY_WORDS = re.compile(r"\b(?:killed|killing|kills?|wounded|wounding|wounds|injured|injuring|injures|dead|died|deaths|"
                             r"casualties)\b",
                             re.IGNORECASE)


def armed_context(ann: Annotated, start: int, end: int, actor_kinds: list[tuple[int, int, str]],
                  allow_casualties: bool = True) -> bool:
    """Does the sentence ``[start, end)`` involve armed actors or weapons (or, unless
    ``allow_casualties`` is off, casualties)?"""
    if any(start <= a < end and kind in ARMED_ACTOR_KINDS for a, _, kind in actor_kinds):
        return True
    sentence = ann.text[start:end]
    if _ARMED_WORDS.search(sentence):
        return True
    return allow_casualties and bool(_CASUALTY_WORDS.search(sentence))


def sentence_mentions(ann: Annotated, index: int, times: list[TimeMention],
                      has_number: bool, actor_spans: list[tuple[int, int]] = (),  # type: ignore[assignment]
                      actor_kinds: list[tuple[int, int, str]] = ()) -> list[Mention]:  # type: ignore[assignment]
    """Event mentions in sentence ``index``; ``times`` are the time mentions inside it."""
    start, end = ann.sentences[index]
    text = ann.text
    sent_span = Span.of(text, start, end)
    out: list[Mention] = []
    for hit in find_triggers(text, start, end):
        tok = _root(ann, hit)
        if tok is None or _is_modifier(tok, hit):
            continue
        gov = _governor(tok)
        clause = text[max(start, hit.start - 60):min(end, hit.end + 60)]
        weak = KINDS[hit.kind].key in NEEDS_ARMED_CONTEXT and not armed_context(
            ann, start, end, actor_kinds, allow_casualties=hit.kind != "kill")
        if weak and not _anaphoric(tok, hit):
            continue
        owned = actor_before(text, hit.start, actor_spans) is not None
        headline = not text[start:end].rstrip().endswith((".", "!", "?", '"', "”", "’", "'"))
        if _habitual(tok, gov, clause, headline, times) or (
                not owned and _generic(tok, hit.kind, bool(times), has_number)):
            continue
        if hit.kind == "arrest" and tok.pos_ == "NOUN" and not times:
            continue
        negated, cue, hypothetical = _cues(tok, gov)
        if hypothetical:
            continue
        bound, is_bound = _bind_time(tok, times)
        out.append(Mention(KINDS[hit.kind], hit.form, Span.of(text, hit.start, hit.end), index, sent_span,
                           negated, cue, bound, is_bound, _anaphoric(tok, hit) and not is_bound, weak))
    return _assign_free_times(ann, out, times)


# Words that tell an event of each sub-event type: a mention the model found is anchored on the first
# of them in its sentence (its roles are read around that word), else on the sentence's main verb.
_ANCHOR_WORDS = re.compile(
    r"\b(?:kill|attack|ambush|clash|fight|fought|battl|raid|storm|shoot|shot|fire|strik|struck|hit|bomb|shell|"
    r"pound|explo|blast|detonat|grenade|rocket|missile|mortar|drone|air\s?strike|mine|device|gas|chlorine|sarin|"
    r"kidnap|abduct|seiz|snatch|took|taken|rape|assault|protest|demonstrat|march|rall|gather|riot|mob|lynch|"
    r"beat|burn|torch|loot|raze|demolish|bulldoz|destroy|arrest|detain|captur|recaptur|retak|regain|overr|"
    r"control|withdr|hand|ceasefire|truce|agree|sign|deal|swap|releas|recruit|defect|surrender|join|merg|"
    r"deploy|defus|dismantl|intercept|foil|found|discover|set\s+up|establish|open|coup|grave|disappear)\w*",
    re.IGNORECASE)


def _anchor(ann: Annotated, span: Any, start: int, end: int) -> Token:
    """The word a model-found mention hangs on: an event verb ("stormed", "abducted"), else the first verb
    that does not report speech ("wrested", not "said"), else an event noun, else the sentence's root."""
    words = []
    for m in _ANCHOR_WORDS.finditer(ann.text, start, end):
        hit = ann.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if hit is not None and len(hit):
            words.append(hit.root)
    acts = [t for t in span if t.pos_ == "VERB" and t.lemma_ not in _REPORT_LEMMAS]
    for tok in [*(w for w in words if w.pos_ == "VERB"), *acts, *words]:
        return tok
    return span.root


def model_mention(ann: Annotated, index: int, kind: EventKind, times: list[TimeMention]) -> Mention | None:
    """A mention of ``kind`` for sentence ``index``, which the event model says reports an event the
    trigger rules did not find; ``None`` when the sentence is hypothetical ("if they attack") or tells a
    habit ("insurgents routinely ambush convoys"), as the rules read them."""
    start, end = ann.sentences[index]
    text = ann.text
    span = ann.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = _anchor(ann, span, start, end)
    gov = _governor(tok)
    negated, cue, hypothetical = _cues(tok, gov)
    clause = text[max(start, tok.idx - 60):min(end, tok.idx + len(tok) + 60)]
    # the habit words only: the present-tense test of the rules misreads past forms like "beat"
    habit = _habit_words(gov, clause, times) or any(t.pos_ == "VERB" and (t.lemma_ in _HABIT_LEMMAS or _used_to(t))
                                            for t in [gov, *_chain(gov, 2)])
    if hypothetical or habit:  # "if they attack", "routinely ambush"
        return None
    bound, is_bound = _bind_time(tok, times)
    trigger = Span.of(text, tok.idx, tok.idx + len(tok))
    m = Mention(kind, "model", trigger, index, Span.of(text, start, end), negated, cue, bound, is_bound)
    return _assign_free_times(ann, [m], times)[0]


def _time_verb(ann: Annotated, t: TimeMention) -> Token | None:
    span = ann.doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
    return _governor(span.root) if span is not None and len(span) else None


_AS_REPORTED = re.compile(r"\(\s*as\s+reported\s*\)", re.IGNORECASE)


def _as_reported(ann: Annotated, verb: Token) -> bool:
    """ACLED's "Around 17 June 2023 (as reported)": the date as the sources gave it, no reporting act."""
    return _AS_REPORTED.search(ann.text, max(0, verb.idx - 12), verb.idx + len(verb) + 4) is not None


def _assign_free_times(ann: Annotated, mentions: list[Mention], times: list[TimeMention]) -> list[Mention]:
    """Times not bound inside a trigger's phrase go to the nearest unbound trigger of the sentence,
    except the time of a reporting or court act (``an official said Thursday``, ``pleaded on
    Wednesday``): it dates the report, not the event told inside it — unless both the time and the
    trigger come before the reporting verb (``set fire to cars on Wednesday night, residents said``)."""
    bound_ids = {id(m.time) for m in mentions if m.time_bound}
    free = [t for t in times if id(t) not in bound_ids and t.type in ("DATE", "TIME")]
    out = []
    for m in mentions:
        tok = None if m.time_bound or m.anaphoric else ann.doc.char_span(m.trigger.start, m.trigger.end, alignment_mode="expand")
        usable = []
        if tok is not None and len(tok):
            gov = _governor(tok.root)
            for t in free:
                verb = _time_verb(ann, t)
                if verb is None or verb == gov or verb.lemma_ not in _REPORT_LEMMAS or (
                        t.span.end <= verb.idx and m.trigger.end <= verb.idx) or _as_reported(ann, verb):
                    usable.append(t)  # "..., on Wednesday night, residents said": the time is the event's
        if not usable and tok is not None and free and m.form != "agent":
            # "the RSF said on Monday its fighters had taken control": the report's time bounds the event
            usable = [t for t in free if t.start is not None]
        if not usable:
            out.append(m)
            continue
        nearest = min(usable, key=lambda t: (t.value is None, abs(t.span.start - m.trigger.start)))
        out.append(Mention(m.kind, m.form, m.trigger, m.sentence, m.sentence_span, m.negated, m.cue,
                           nearest, False, m.anaphoric, m.weak))
    return out
