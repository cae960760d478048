"""The trained event model inside event extraction: which sentences report an event, and of what type.

The rules find mentions, roles, dates, places, casualty claims and status cues; the model (see
``wirewatch.eventmodel``) reads every sentence the cue gate lets through and gives calibrated
probabilities over ``none`` and the 25 sub-event types.  Three decisions use them, with thresholds
chosen on the corpus' dev split (``Policy``, stored with the weights):

1. a sentence that no event the rules found tells, whose most probable type reaches ``new_event``, gets a
   mention of that type (its roles, date and place then come from the parse, as for any mention);
2. an event found by the rules all of whose sentences have a ``none`` probability of at least ``drop``
   is dropped;
3. an event's type is the model's when the model's probability of its own type reaches ``override_min``
   and beats the rule type's probability by ``override`` (or the rules gave no type); otherwise the rules'
   type stands, and so does a type the rules set by a codebook rule on the actors.
   The event's ``confidence`` is the model's probability of the type it ends up with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .cues import has_cue
from .kinds import KINDS, EventKind

if TYPE_CHECKING:  # pragma: no cover
    from ..annotate import Annotated
    from .mentions import Mention

NONE_INDEX = 0


@dataclass(frozen=True, slots=True)
class Policy:
    """Where model and rules meet (calibrated probabilities)."""

    new_event: float = 0.6
    drop: float = 0.9
    override: float = 0.2
    override_min: float = 0.5  # and the model's type needs at least this probability to replace a rule type

    @classmethod
    def of(cls, values: Mapping[str, Any] | None) -> Policy:
        values = values or {}
        return cls(**{k: float(values[k]) for k in ("new_event", "drop", "override", "override_min") if k in values})


@dataclass(frozen=True, slots=True)
class SentenceScores:
    """The model's calibrated probabilities for the sentences it read (index -> vector over LABELS)."""

    labels: tuple[str, ...]
    texts: Mapping[int, str]
    types: Mapping[int, np.ndarray]
    statuses: Mapping[int, np.ndarray]
    policy: Policy

    def read(self, sentence: int) -> bool:
        return sentence in self.types

    def none(self, sentence: int) -> float:
        return float(self.types[sentence][NONE_INDEX]) if sentence in self.types else 0.0

    def best(self, sentence: int) -> tuple[str, float]:
        """The most probable sub-event type of the sentence (``none`` excluded) and its probability."""
        p = self.types[sentence]
        k = int(p[1:].argmax()) + 1
        return self.labels[k], float(p[k])

    def top(self, sentence: int) -> tuple[str, float]:
        p = self.types[sentence]
        k = int(p.argmax())
        return self.labels[k], float(p[k])

    def status(self, sentence: int) -> tuple[str, float]:
        from ..eventmodel.labels import STATUSES

        p = self.statuses[sentence]
        k = int(p.argmax())
        return STATUSES[k], float(p[k])

    def of_type(self, sentence: int, sub_event_type: str | None) -> float:
        if sub_event_type is None or sentence not in self.types:
            return 0.0
        return float(self.types[sentence][self.labels.index(sub_event_type)])

    def completed(self, ann: Annotated, model: Any, rule_sentences: AbstractSet[int] = frozenset(),
                  first: int | None = None) -> SentenceScores:
        """These scores and, in one batch, those of the sentences not read yet that the rules found a
        mention in or that the cue gate lets through (of the first ``first`` sentences, when given)."""
        text = ann.text
        texts = {i: text[s:e] for i, (s, e) in enumerate(ann.sentences)
                 if i not in self.types and (i in rule_sentences or ((first is None or i < first)
                                                                     and has_cue(text[s:e])))}
        if not texts:
            return self
        chosen = list(texts)
        type_p, status_p = model.probabilities([texts[i] for i in chosen])
        return SentenceScores(self.labels, {**self.texts, **texts},
                              {**self.types, **dict(zip(chosen, type_p, strict=True))},
                              {**self.statuses, **dict(zip(chosen, status_p, strict=True))}, self.policy)


def score_sentences(ann: Annotated, model: Any, rule_sentences: set[int],
                    first: int | None = None) -> SentenceScores:
    """Run ``model`` (an ``EventModel``) once, batched, on the sentences the cue gate lets through and
    on every sentence the rules found a mention in; with ``first``, only the cue sentences among the
    first ``first`` sentences (the rest can be read later with ``SentenceScores.completed``)."""
    from ..eventmodel.labels import LABELS

    empty = SentenceScores(LABELS, {}, {}, {}, Policy.of(model.manifest.get("policy")))
    return empty.completed(ann, model, rule_sentences, first)


# The kind a model-typed event gets: the default kind of its sub-event type, or a more specific one
# whose words the sentence uses (they choose the CAMEO code and PLOVER mode).
_DEFAULT_KIND = {
    "Armed clash": "clash", "Government regains territory": "regain", "Non-state actor overtakes territory": "overtake",
    "Peaceful protest": "protest", "Protest with intervention": "protest_intervention",
    "Excessive force against protesters": "excessive_force", "Violent demonstration": "riot", "Mob violence": "mob",
    "Air/drone strike": "air_strike", "Shelling/artillery/missile attack": "shelling",
    "Remote explosive/landmine/IED": "ied", "Suicide bomb": "suicide", "Grenade": "grenade",
    "Chemical weapon": "chemical", "Attack": "attack_civ", "Abduction/forced disappearance": "abduction",
    "Sexual violence": "sexual", "Agreement": "agreement", "Arrests": "arrest",
    "Change to group/activity": "change_group", "Disrupted weapons use": "disrupted",
    "Headquarters or base established": "base", "Looting/property destruction": "looting",
    "Non-violent transfer of territory": "transfer", "Other": "coup",
}
_SPECIFIC: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "Air/drone strike": (("drone_strike", re.compile(r"\b(?:drones?|UAVs?|unmanned)\b", re.I)),),
    "Shelling/artillery/missile attack": (("missile", re.compile(r"\bmissiles?\b", re.I)),
                                          ("rocket", re.compile(r"\brockets?\b|katyusha", re.I)),
                                          ("mortar", re.compile(r"\bmortars?\b", re.I))),
    "Remote explosive/landmine/IED": (("car_bomb", re.compile(r"\bcar[\s-]bomb|vehicle|\btruck\b|VBIED", re.I)),
                                      ("landmine", re.compile(r"\b(?:land)?mines?\b", re.I))),
    "Attack": (("shooting", re.compile(r"\bsh[oo]t|\bgun|opened fire|gunfire", re.I)),
               ("stabbing", re.compile(r"\bstab|knife|knives|machete", re.I)),
               ("execution", re.compile(r"execut|behead", re.I))),
    "Other": (("mass_grave", re.compile(r"\bgraves?\b|burial|exhum", re.I)),),
    "Looting/property destruction": (("destruction", re.compile(r"demoli|bulldoz|raze|razed|destroy|burn|torch", re.I)),),
}


def kind_for(sub_event_type: str, sentence: str) -> EventKind:
    for key, words in _SPECIFIC.get(sub_event_type, ()):
        if words.search(sentence):
            return KINDS[key]
    return KINDS[_DEFAULT_KIND[sub_event_type]]


def arbitrate(kind: EventKind, mentions: Sequence[Mention], scores: SentenceScores,
              others: frozenset[int] = frozenset(), ruled: bool = False,
              taken: frozenset[str] = frozenset()) -> tuple[EventKind, float, str]:
    """The event's kind, its confidence and the reason, from the rules' ``kind`` and the model's reading of
    the event's sentences.  Each type's support is its highest probability in any of the event's
    sentences: a story that says "drone strike" in one sentence and "rockets struck" in the next supports
    both, and the rules, which read across sentences, keep their type unless the model supports its own
    type by ``policy.override`` more.  The model reads whole sentences, so a sentence that also tells
    another event of the story (``others``: "died after a gunfight with police three days after the
    bombing") speaks for this one only when none of its sentences is its own, and then it does not retype
    it ("seized power ... and detained the president": the coup and the arrest share one reading).

    ``ruled``: the rules' type comes from a codebook rule on who did it to whom (armed men who shoot
    policemen fight a battle; a state's forces retake, others overtake), which the model, reading words,
    does not weigh: it stands, and the model gives its confidence.  ``taken``: the types the rules gave the
    other events of its sentences; when the event has no sentence of its own, the model's reading of the
    sentence belongs to them ("Rebels attacked the town and set fire to the offices": the fire is the
    looting, the attack is not a second looting)."""
    read = sorted({m.sentence for m in mentions if scores.read(m.sentence)})
    own = [s for s in read if s not in others]
    shared = not own  # every sentence of this event also tells another: the model cannot say which it read
    read = own or read
    if not read:
        return kind, 0.5, "type from the rules (the model did not read the sentence)"
    support = np.max(np.stack([scores.types[s] for s in read]), axis=0)
    if shared:
        for label in taken:
            support[scores.labels.index(label)] = 0.0
    if kind.plover_type == "THREATEN":  # a threat stays a threat; its confidence is that something is told
        return kind, round(float(1.0 - min(scores.none(s) for s in read)), 3), \
            "a threat (rules); the model read an event in it"
    k = int(support[1:].argmax()) + 1
    model_type, p_model = scores.labels[k], float(support[k])
    p_rule = float(support[scores.labels.index(kind.sub_event_type)]) if kind.sub_event_type else 0.0
    found_by = "the model" if all(m.form == "model" for m in mentions) else "the rules"
    if kind.sub_event_type == model_type:
        return kind, round(p_model, 3), f"found by {found_by}, type agreed by rules and model (p={p_model:.2f})"
    if ruled and kind.sub_event_type is not None:
        return kind, round(p_rule, 3), \
            f"found by {found_by}, type from a codebook rule on its actors (p={p_rule:.2f}; model said {model_type})"
    if shared and kind.sub_event_type is not None:
        return kind, round(p_rule, 3), f"found by {found_by}, type from the rules: its sentence tells another " \
                                       f"event too (p={p_rule:.2f}; model said {model_type})"
    if p_model >= scores.policy.override_min and (kind.sub_event_type is None
                                                  or p_model - p_rule >= scores.policy.override):
        best = max(read, key=lambda s: float(scores.types[s][k]))
        return kind_for(model_type, scores.texts[best]), round(p_model, 3), \
            f"found by {found_by}, type from the model (p={p_model:.2f}; rules said {kind.sub_event_type or 'no type'})"
    return kind, round(p_rule, 3), \
        f"found by {found_by}, type from the rules (p={p_rule:.2f}; model said {model_type}, p={p_model:.2f})"


@dataclass(frozen=True, slots=True)
class ModelSentence:
    """A sentence the model says reports an event the rules did not find."""

    index: int
    sub_event_type: str
    probability: float


def unfound_events(ann: Annotated, told: set[int], scores: SentenceScores) -> list[ModelSentence]:
    """Sentences no event tells (``told``: the sentences of the events already assembled) whose most
    probable label is a sub-event type reaching ``policy.new_event``."""
    out = []
    for s in sorted(scores.types):
        if s in told:
            continue
        label, p = scores.top(s)
        if label != scores.labels[NONE_INDEX] and p >= scores.policy.new_event:
            out.append(ModelSentence(s, label, p))
    return out


def reports_nothing(mentions: Sequence[Mention], scores: SentenceScores) -> bool:
    """Is the model sure that none of an event's sentences reports an event (``none`` at least
    ``policy.drop`` in each)?  A sentence that only names an event in passing ("pleaded not guilty to
    lying about the bombing") reads as ``none``, but the event still stands when another of its sentences
    tells it, so the test is on the whole event, never on one mention."""
    sentences = {m.sentence for m in mentions}
    return all(scores.read(s) and scores.none(s) >= scores.policy.drop for s in sentences)
