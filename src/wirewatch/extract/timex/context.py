"""Cheap tense cues around a mention: is the clause about the past or the future?"""

from __future__ import annotations

import re

from .calendar import Direction

_FUTURE = re.compile(
    r"\b(?:will|won't|wo n't|'ll|shall|going to|(?:is|are|was|were) (?:due |set |scheduled |expected )?to(?! have)"
    r"|plans? to|planned|plans|scheduled|expected|expects?|upcoming|next|would|intends?|until|through"
    r"|to be held|to begin|to start|to meet|to vote|to hold|to visit|to resume|from now|begins?|starts?)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|says|ago|last|earlier|\w{2,}ed)\b",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"[.;:!?\n]\s")

BEFORE = 70
AFTER = 35


def clause_window(text: str, start: int, end: int) -> tuple[str, str]:
    """Text before and after the mention, cut at the nearest clause boundary."""
    left = text[max(0, start - BEFORE):start]
    cut = None
    for cut in _BOUNDARY.finditer(left):
        pass
    if cut is not None:
        left = left[cut.end():]
    right = text[end:end + AFTER]
    m = _BOUNDARY.search(right)
    if m:
        right = right[:m.start()]
    return left, right


def tense(text: str, start: int, end: int) -> Direction:
    """``"future"`` if the clause has a future cue, ``"past"`` if it has a past cue, else ``None``."""
    left, right = clause_window(text, start, end)
    near = left[-40:] + " " + right
    if _FUTURE.search(near):
        return "future"
    if _PAST.search(left) or _PAST.search(right):
        return "past"
    return None
