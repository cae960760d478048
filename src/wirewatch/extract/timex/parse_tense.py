"""Tense of the clause governing a mention, read from a spaCy parse (falls back to cue words)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import context
from .calendar import Direction

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "going"})
_PAST_TAGS = frozenset({"VBD", "VBN"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})  # "the talks resume Monday", "are due on Friday": scheduled


def _governing_verb(token: Any) -> Any | None:
    t = token
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return t
        if t.head is t:
            return None
        t = t.head
    return None


def _verb_tense(verb: Any) -> Direction:
    children = list(verb.children)
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in children):
        return "future"
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        return None
    auxiliaries = [c for c in children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in _PAST_TAGS or any(c.tag_ == "VBD" for c in auxiliaries):
        return "past"
    if any(c.tag_ in _PRESENT_TAGS and c.lower_ in ("has", "have") for c in auxiliaries):
        return "past"  # present perfect
    if verb.tag_ in _PRESENT_TAGS and not auxiliaries:
        return "future"
    return None


def doc_tense(doc: Any, text: str) -> Callable[[int, int], Direction]:
    """A ``tense(start, end)`` function over ``doc``: the cue words (``context.tense``) where they speak,
    else the governing verb (measured on TimeBank+AQUAINT: cue words first is the better order)."""

    def tense(start: int, end: int) -> Direction:
        cue = context.tense(text, start, end)
        if cue is not None:
            return cue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            verb = _governing_verb(span.root)
            if verb is not None:
                return _verb_tense(verb)
        return None

    return tense
