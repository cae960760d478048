"""Who did it to whom: initiator and target phrases of a mention, read from the parse.

Initiators: the subject of the verb that carries out the event (``The U.S. military has
carried out a strike``), a possessive or compound modifier of the event noun (``Taliban
attack``, ``Russian airstrikes``), an agent ``by``/``from`` phrase (``mortar fire from the
Islamic State``), or whoever ``claimed responsibility``.  Targets: ``against X``, ``on X``,
``under a convoy of X``, the object of the event verb, and the victims of a passive
``were killed``/``were wounded``.  Nothing is guessed: no phrase, no actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..annotate import Annotated
    from .mentions import Mention

_AGENT_VERBS = {"carry", "launch", "conduct", "attack", "kill", "strike", "fire", "bomb", "detonate", "blow",
                "crash", "ram", "shell", "target", "seize", "capture", "arrest", "detain", "threaten", "vow",
                "stage", "hold", "execute", "abduct", "kidnap", "shoot", "storm", "ambush", "hit", "commit",
                "perpetrate", "overrun", "recapture", "retake", "take", "plant", "raid", "warn", "promise",
                "loot", "torch", "burn", "protest", "march", "rally", "demonstrate", "clash", "fight", "open",
                "retaliate", "avenge", "behead", "massacre", "murder", "gun", "stab", "sign", "agree", "defuse"}
_TARGET_PREPS = {"against", "on", "at", "under", "targeting", "into", "upon"}
_AGENT_PREPS = {"by", "from"}
_VICTIM_VERBS = {"kill", "wound", "injure", "hurt", "die", "abduct", "kidnap", "arrest", "detain", "target"}
_CLAIM = re.compile(r"claim(?:ed|s|ing)?\s+(?:responsibility|(?:that\s+)?(?:they|it|he)\s+(?:were|was)\s+responsible|"
                    r"(?:the\s+|[A-Z][a-z]+day's\s+)?(?:attack|bombing|assault|ambush|blast|killing)s?\b)",
                    re.IGNORECASE)
# "al-Shabaab said in a statement that its fighters had carried out the attack": the speaker claims the act
_OWN_MEN = re.compile(r"\b(?:its|their)\s+(?:fighters|members|militants|men|forces|units|mujahideen|operatives|"
                      r"commandos)\s+(?:had\s+|have\s+)?(?:carried\s+out|conducted|launched|staged|perpetrated|"
                      r"executed)\s+(?:the|this|that|[A-Z][a-z]+day's)\s", re.IGNORECASE)
_SPEECH = {"say", "announce", "state", "declare", "claim"}


@dataclass(frozen=True, slots=True)
class RolePhrase:
    role: str  # initiator | target
    span: Span
    head: str  # lemma of the phrase head, for kind guessing


_LEFT_DEPS = {"compound", "amod", "poss", "case", "nmod", "npadvmod", "quantmod"}


def _left_edge(tok: Token) -> int:
    lo = tok.i
    for c in tok.lefts:
        if c.dep_ in _LEFT_DEPS:
            lo = min(lo, _left_edge(c), c.i)
    return lo


def _phrase(ann: Annotated, tok: Token, role: str) -> RolePhrase:
    """The noun phrase headed by ``tok``: its modifiers, and an ``of`` complement (``leader of X``)."""
    lo, hi = _left_edge(tok), tok.i
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if obj is not None:
                hi = max(hi, obj.i)
    start, end = ann.doc[lo].idx, ann.doc[hi].idx + len(ann.doc[hi])
    return RolePhrase(role, Span.of(ann.text, start, end), tok.lemma_.lower())


def _with_conjuncts(ann: Annotated, tok: Token, role: str) -> list[RolePhrase]:
    out = [_phrase(ann, tok, role)]
    out += [_phrase(ann, c, role) for c in tok.children if c.dep_ == "conj"]
    return out


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "nsubj":
            if c.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                head = verb.head
                head = head.head if head.dep_ == "appos" else head
                return None if head.lemma_ in _EVENT_NOUNS or head.pos_ not in ("NOUN", "PROPN") else head
            return c
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
        parent = verb.head.head
        if parent.dep_ in ("acl",) and parent.head.pos_ in ("NOUN", "PROPN"):
            return parent.head
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def initiator_phrases(ann: Annotated, m: Mention, tok: Token, gov: Token,
                      actor_spans: list[tuple[int, int]] = ()) -> list[RolePhrase]:  # type: ignore[assignment]
    out: list[RolePhrase] = []

    def is_actor(t: Token) -> bool:
        return any(a <= t.idx < b for a, b in actor_spans)

    from .mentions import actor_before

    before = actor_before(ann.text, m.trigger.start, list(actor_spans)) if tok.pos_ in ("NOUN", "PROPN") else None
    if before is not None:
        out.append(RolePhrase("initiator", Span.of(ann.text, *before), tok.lemma_.lower()))
    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN") and \
                    (c.ent_type_ in ("NORP", "ORG", "GPE", "PERSON") or is_actor(c) or
                     c.lemma_.lower() in _AGENTIVE_MODIFIERS) and not (
                        c.ent_type_ == "GPE" and m.kind.event_type in ("Protests", "Riots")):
                out.append(_phrase(ann, c, "initiator"))
    territory = m.kind.key in ("regain", "overtake", "transfer")  # "retook X from Y": Y loses, not acts
    for t in (tok, gov):
        for c in t.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in _AGENT_PREPS and not (territory and c.lower_ == "from"):
                for p in c.children:
                    if p.dep_ == "pobj" and p.lower_ not in _WEAPONS and p.lemma_ not in _WEAPONS and \
                            (p.ent_type_ or p.pos_ == "PROPN" or p.lemma_ in _ACTOR_NOUNS):
                        out += _with_conjuncts(ann, p, "initiator")
    if m.cue == "denied":  # "Hezbollah denied that it had fired the rockets": the denier is the named doer
        denier = next((t for t in [gov, *gov.ancestors] if t.lemma_ in ("deny", "reject", "dismiss")), None)
        subj = _subject(denier) if denier is not None else None
        if subj is not None:
            out += _with_conjuncts(ann, subj, "initiator")
    if m.kind.plover_type == "THREATEN" and "price" in m.trigger.text.lower():
        sayer = _sayer(gov)  # "X said Y would pay a heavy price": X threatens, Y is threatened
        return _with_conjuncts(ann, sayer, "initiator") if sayer is not None else out
    verb = gov if gov.lemma_ in _AGENT_VERBS or gov is tok else None
    if verb is not None and not _passive(verb):
        subj = _subject(verb)
        if subj is not None and (subj.lower_ in _PRONOUNS or _own_generic(subj)):
            subj = _sayer(verb) or (None if subj.lower_ in _PRONOUNS else subj)  # "CTD said it had arrested"
        if subj is not None and subj.lower_ not in _PRONOUNS and subj.lower_ not in ("who", "which", "that") \
                and subj.lemma_.lower() not in _WEAPONS and subj.lower_ not in _WEAPONS:
            out += _with_conjuncts(ann, subj, "initiator")
    return out


_PRONOUNS = {"it", "they", "he", "she", "we", "i"}
_SAY_LEMMAS = {"say", "tell", "announce", "state", "claim", "add", "warn", "confirm", "report"}


def _sayer(verb: Token) -> Token | None:
    """The subject of the reporting verb a clause hangs from (``X said it had ...`` -> X)."""
    for anc in verb.ancestors:
        if anc.lemma_ in _SAY_LEMMAS and anc.pos_ == "VERB":
            subj = next((c for c in anc.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in _PRONOUNS:
                return subj
    return None


def _own_generic(subj: Token) -> bool:
    """``its fighters``, ``their forces``: a doer named only through a pronoun."""
    return subj.lemma_ in _ACTOR_NOUNS and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subj.children)


_EVENT_NOUNS = {"attack", "bombing", "strike", "explosion", "blast", "raid", "shelling", "clash", "incident",
                "assault", "ambush", "killing", "shooting", "airstrike", "fighting", "battle", "war", "protest"}
_WEAPONS = {"ied", "ieds", "bomb", "device", "drone", "rocket", "missile", "mortar", "shell", "grenade", "mine",
            "explosive", "vehicle", "fire", "strike", "airstrike", "blast", "explosion", "artillery", "gunfire"}
# Doers named as the modifier of an event noun: "a terrorist attack", "the guerrilla ambush".
_AGENTIVE_MODIFIERS = {"terrorist", "guerrilla", "rebel", "insurgent", "militant", "jihadist", "extremist",
                       "militia", "gunman", "bandit", "separatist", "paramilitary", "army", "police", "military"}
_ACTOR_NOUNS = {"militant", "gunman", "insurgent", "rebel", "soldier", "troop", "force", "police", "militia",
                "army", "fighter", "jihadist", "extremist", "group", "attacker", "assailant", "bomber",
                "terrorist", "mob", "protester", "demonstrator", "rioter", "military", "man", "men", "drone",
                "policeman", "officer", "commander", "member", "personnel", "civilian", "villager", "worshipper",
                "student", "child", "woman", "people", "resident", "leader", "official", "patrol",
                "convoy", "guard", "service", "marine", "unit", "government", "regime", "state"}


def target_phrases(ann: Annotated, tok: Token, gov: Token, territory: bool = False,
                   price: bool = False) -> list[RolePhrase]:
    out: list[RolePhrase] = []
    if price:  # "the United States and Britain would pay a heavy price"
        subj = next((c for c in gov.children if c.dep_ == "nsubj"), None)
        return _with_conjuncts(ann, subj, "target") if subj is not None else out
    xcomps = [c for c in gov.children if c.dep_ == "xcomp"]  # "threatened to retaliate against X"
    preps = _TARGET_PREPS | {"from"} if territory else _TARGET_PREPS
    for t in (tok, gov, *xcomps):
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                out += [x for p in c.children if p.dep_ == "pobj"
                        and (p.ent_type_ in ("NORP", "ORG", "GPE", "PERSON") or p.lemma_ in _ACTOR_NOUNS)
                        for x in _with_conjuncts(ann, p, "target")]
            elif c.dep_ == "dobj" and (c.ent_type_ in ("NORP", "ORG", "GPE", "PERSON") or c.lemma_ in _ACTOR_NOUNS):
                if t is gov and gov.lemma_ in _AGENT_VERBS | _VICTIM_VERBS or t is tok:
                    out.append(_phrase(ann, c, "target"))
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in _VICTIM_NOUNS:  # "the murder of the governor"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                out += [x for p in c.children if p.dep_ == "pobj" and (
                        p.ent_type_ in ("NORP", "PERSON") or p.lemma_ in _ACTOR_NOUNS or p.pos_ == "PROPN")
                        for x in _with_conjuncts(ann, p, "target")]
    return out


# Event nouns whose "of" complement is the victim: "the assassination of six Jesuits".
_VICTIM_NOUNS = {"murder", "assassination", "killing", "slaying", "death", "kidnapping", "kidnaping",
                 "abduction", "execution", "massacre", "shooting", "beheading", "lynching", "disappearance"}


def sentence_phrases(ann: Annotated, sent: int) -> tuple[list[RolePhrase], list[RolePhrase]]:
    """Sentence-wide evidence: victims of passive casualty verbs, and claims of responsibility."""
    start, end = ann.sentences[sent]
    span = ann.doc.char_span(start, end, alignment_mode="expand")
    victims: list[RolePhrase] = []
    claimers: list[RolePhrase] = []
    if span is None:
        return victims, claimers
    for t in span:
        if t.pos_ == "VERB" and t.lemma_ in _VICTIM_VERBS:
            for c in t.children:
                if c.dep_ == "nsubjpass" or (c.dep_ == "dobj" and t.lemma_ in ("kill", "wound", "injure")):
                    victims += _with_conjuncts(ann, c, "target")
    if _CLAIM.search(ann.text, start, end):
        for t in span:
            if t.lemma_ == "claim" and t.pos_ == "VERB":
                claimers += _subject_phrases(ann, t)
    own = _OWN_MEN.search(ann.text, start, end)
    if own is not None:
        word = ann.doc.char_span(own.start(), own.start() + len(own.group(0).split()[0]), alignment_mode="expand")
        head = word.root if word is not None and len(word) else None
        while head is not None and not (head.pos_ == "VERB" and head.lemma_ in _SPEECH) and head.head is not head:
            head = head.head
        if head is not None and head.lemma_ in _SPEECH:
            claimers += _subject_phrases(ann, head)
    return victims, claimers


def _subject_phrases(ann: Annotated, verb: Token) -> list[RolePhrase]:
    """The subject of a claiming verb, and what stands in apposition to it, as initiators."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return []
    return [_phrase(ann, subj, "initiator"), *(_phrase(ann, c, "initiator") for c in subj.children if c.dep_ == "appos")]
