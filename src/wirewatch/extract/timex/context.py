"""Cheap tense cues around a mention: is the clause about the past or the future?

On the left of the mention, in the same clause, a word in -ed right before it decides (``killed on
Friday``); else the nearest explicit cue (``will``, ``would``, ``said``, ``was``: ``said Friday that he
would …`` is past; ``will redeem preferred shares on Oct. 31`` is future); else any -ed word; with no
cue on the left, the first cue on its right decides.  A deadline word right before the
mention (``by Jan. 14``, ``extended to Nov. 6``) points to the future.
"""

from __future__ import annotations

import re

from .calendar import Direction

_AUX_TAIL = r"(?:\s+(?:not|n't|be|have|been|also|still|probably|likely|soon|then))*(?:\s+\w+)?"
_FUTURE = (
    rf"(?:will|won't|wo n't|'ll|shall|would|may|might|going to|to be){_AUX_TAIL}"
    r"|(?:is|are|was|were) (?:due |set |scheduled |expected |likely )?to(?! have)(?:\s+\w+)?"
    r"|(?:set|due|scheduled|slated|expected|planned|poised|ready) to|plans? to|planning to|scheduled(?: to| for)?|expected(?: to)?|expects? to|upcoming|next|intends? to"
    r"|as soon as|as early as|planned for|set for|slated|due|pending|from now"
)
_PAST = (
    r"was|were|had|did|has|have|been|since|said|says|told|met|ago|last|earlier|began|came|went|took|gave"
    r"|made|held|left|fled|won|lost|fought|struck|shot|hit|sent|spent|sold|bought|brought|thought|kept|paid"
    r"|fell|rose|saw|became|led|ran|got|found|broke|caught|drove|flew|wrote|spoke|stood|knew|heard|felt"
)
# A word in -ed is a weak cue: it may be an adjective ("preferred shares") or a participle.
_WEAK_PAST = (
    r"(?!(?:need|speed|feed|indeed|hundred|seed|proceed|exceed|succeed|shed|breed|deed|greed|embed)\b)"
    r"(?-i:[a-z]{2,}ed)"
)
_CUE = re.compile(rf"\b(?:(?P<future>{_FUTURE})|(?P<past>{_PAST})|(?P<weak>{_WEAK_PAST}))\b", re.IGNORECASE)
_RIGHT_BEFORE = re.compile(r"\s*(?:(?:on|in|at|early|late|until|since|,)\s*)*$", re.IGNORECASE)
_DEADLINE = re.compile(
    r"\b(?:by|until|till|effective|payable|expire|expires|due|of record|(?:extended|postponed|delayed|moved|adjourned|put off)"
    r"(?:\s+\w+){0,3}?\s+(?:to|until))\s*$", re.IGNORECASE)
_PERFECT = re.compile(r"\b(?:had|hadn't)\b", re.IGNORECASE)
_BOUNDARY = re.compile(r"[.;:!?\n]\s|``|''|\"|,\s+(?:where|which|who|when|while|but|and|after|because|as)\b")

BEFORE = 70
AFTER = 40


def clause_window(text: str, start: int, end: int) -> tuple[str, str]:
    """Text before and after the mention, cut at the nearest clause boundary."""
    left = text[max(0, start - BEFORE):start]
    ends = [b.end() for b in _BOUNDARY.finditer(left)]
    if ends:
        left = left[ends[-1]:]
    right = text[end:end + AFTER]
    m = _BOUNDARY.search(right)
    if m:
        right = right[:m.start()]
    return left, right


def tense(text: str, start: int, end: int) -> Direction:
    """``"future"``/``"past"`` from the cue words around the mention, or ``None`` when there is none.

    A deadline (``until Tuesday``, ``payable Dec. 7``, ``extended to Nov. 6``) is future unless
    the clause is in the past perfect (``Until Thursday, they had not …``).
    """
    left, right = clause_window(text, start, end)
    if _DEADLINE.search(left[-16:]):
        return "past" if _PERFECT.search(left) or _PERFECT.search(right) else "future"
    strong = weak = None
    for cue in _CUE.finditer(left):
        if cue.group("weak"):
            weak = cue
        else:
            strong = cue
    if weak is not None and (strong is None or _RIGHT_BEFORE.fullmatch(left, weak.end())):
        return "past"  # "killed on Friday", "announced Wednesday"
    if strong is not None:
        return "future" if strong.group("future") else "past"
    cue = _CUE.search(right)
    if cue is None:
        return None
    return "future" if cue.group("future") else "past"
