"""The trained event model inside event extraction: which sentences report an event, and of what type.

The rules find mentions, roles, dates, places, casualty claims and status cues; the model (see
``wirewatch.eventmodel``) reads every sentence the cue gate lets through and gives calibrated
probabilities over ``none`` and the 25 sub-event types.  Three decisions use them, with thresholds
chosen on the corpus' dev split (``Policy``, stored with the weights):

1. a sentence the rules found nothing in, whose most probable type reaches ``new_event``, gets a
   mention of that type (its roles, date and place then come from the parse, as for any mention);
2. a rule mention in a sentence whose ``none`` probability reaches ``drop`` is dropped;
3. an event's type is the model's when the model's probability of its own type beats the rule type's
   probability by ``override`` (or when the rules gave no type); otherwise the rules' type stands.
   The event's ``confidence`` is the model's probability of the type it ends up with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
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

    @classmethod
    def of(cls, values: Mapping[str, Any] | None) -> Policy:
        values = values or {}
        return cls(**{k: float(values[k]) for k in ("new_event", "drop", "override") if k in values})


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


def score_sentences(ann: Annotated, model: Any, rule_sentences: set[int]) -> SentenceScores:
    """Run ``model`` (an ``EventModel``) once, batched, on the sentences the cue gate lets through and
    on every sentence the rules found a mention in."""
    from ..eventmodel.labels import LABELS

    text = ann.text
    texts = {i: text[s:e] for i, (s, e) in enumerate(ann.sentences) if i in rule_sentences or has_cue(text[s:e])}
    chosen = list(texts)
    type_p, status_p = model.probabilities([texts[i] for i in chosen])
    return SentenceScores(LABELS, texts, dict(zip(chosen, type_p, strict=True)),
                          dict(zip(chosen, status_p, strict=True)), Policy.of(model.manifest.get("policy")))


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


def arbitrate(kind: EventKind, sentences: Sequence[int], scores: SentenceScores) -> tuple[EventKind, float, str]:
    """The event's kind, its confidence and the reason, from the rules' ``kind`` and the model's reading of
    the event's sentences (the one it is most sure reports an event speaks for the event)."""
    read = [s for s in sentences if scores.read(s)]
    if not read:
        return kind, 0.5, "type from the rules (the model did not read the sentence)"
    s = min(read, key=scores.none)
    if kind.plover_type == "THREATEN":  # a threat stays a threat; its confidence is that something is told
        return kind, round(1.0 - scores.none(s), 3), "a threat (rules); the model read an event in it"
    model_type, p_model = scores.best(s)
    p_rule = scores.of_type(s, kind.sub_event_type)
    if kind.sub_event_type == model_type:
        return kind, round(p_model, 3), f"type agreed by rules and model (p={p_model:.2f})"
    if kind.sub_event_type is None or p_model - p_rule >= scores.policy.override:
        return kind_for(model_type, scores.texts[s]), round(p_model, 3), \
            f"type from the model (p={p_model:.2f}; rules said {kind.sub_event_type or 'no type'})"
    return kind, round(p_rule, 3), f"type from the rules (p={p_rule:.2f}; model said {model_type}, p={p_model:.2f})"


@dataclass(frozen=True, slots=True)
class ModelSentence:
    """A sentence the model says reports an event the rules did not find."""

    index: int
    sub_event_type: str
    probability: float


def unfound_events(ann: Annotated, mentions: Sequence[Mention], scores: SentenceScores) -> list[ModelSentence]:
    """Sentences with no rule mention whose most probable label is a sub-event type reaching
    ``policy.new_event``."""
    with_rules = {m.sentence for m in mentions if not m.negated}
    out = []
    for s in sorted(scores.types):
        if s in with_rules:
            continue
        label, p = scores.top(s)
        if label != scores.labels[NONE_INDEX] and p >= scores.policy.new_event:
            out.append(ModelSentence(s, label, p))
    return out


def dropped(mentions: Sequence[Mention], scores: SentenceScores) -> list[Mention]:
    """The rule mentions the model is sure report nothing (``none`` at least ``policy.drop``)."""
    return [m for m in mentions if scores.none(m.sentence) >= scores.policy.drop]
