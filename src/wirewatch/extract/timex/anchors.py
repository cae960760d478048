"""Where time expressions can be: anchor words and the words that may open an expression.

Scanning every character with every rule is slow; instead one cheap tokeniser finds *anchor*
tokens (month, weekday, unit and time words, years, clock digits), and the rules are only tried
at the few tokens before each anchor that may open an expression ("the past two weeks").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .lexicon import MONTHS, NUMBER_WORDS, WEEKDAYS

TOKEN = re.compile(r"[A-Za-z]+|\d+")

_UNIT_WORDS = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights", "week",
    "weeks", "weekend", "weekends", "fortnight", "fortnights", "month", "months", "quarter", "quarters",
    "year", "years", "decade", "decades", "century", "centuries",
}
_TIME_WORDS = {
    "today", "tonight", "yesterday", "tomorrow", "now", "current", "currently", "recent", "recently",
    "present", "presently", "nowadays", "lately", "future", "past", "overnight", "noon", "midday",
    "midnight", "hourly", "daily", "weekly", "nightly", "monthly", "quarterly", "annually", "yearly",
    "spring", "summer", "autumn", "fall", "winter", "half", "morning", "afternoon", "evening", "moment",
    "christmas", "thanksgiving", "easter", "halloween", "nineteen", "period", "end", "twenties", "thirties",
    "forties", "fifties", "sixties", "seventies", "eighties", "nineties",
}
ANCHORS = frozenset(_UNIT_WORDS | _TIME_WORDS | set(MONTHS) | set(WEEKDAYS))

OPENERS = frozenset({
    "the", "a", "an", "last", "next", "this", "early", "late", "mid", "more", "at", "nearly", "almost",
    "about", "some", "over", "less", "up", "roughly", "approximately", "just", "only", "in", "for", "within",
    "every", "each", "per", "past", "previous", "coming", "current", "earlier", "later", "fiscal",
    "calendar", "first", "second", "third", "fourth", "final",
    "following", "latest", "initial", "remaining", "full", "entire", "whole", "same", "several", "few",
    "many", "couple", "number", "numerous", "dozen", "hundred", "half", "recent", "right", "these", "year",
    "most", "preceding", "yesterday", "today", "that", "election", "memorial", "labor",
    "veterans", "independence", "new", "valentine", "christmas", "thanksgiving", "easter",
}) | frozenset(NUMBER_WORDS) | frozenset(WEEKDAYS) | frozenset(MONTHS) | frozenset(
    w for w in ("twenty thirty forty fifty sixty seventy eighty ninety one two three four five six seven eight nine "
                "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen").split())

LOOKBACK = 5  # tokens before an anchor that may open its expression ("at least the past 18 months")
LOOKBACK_CHARS = 45


_WORD = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"\d+")
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def _is_digit_anchor(text: str, start: int, end: int) -> bool:
    n = end - start
    if n == 4:
        return True
    if n > 2:
        return False
    nxt = text[end:end + 5]
    if nxt[:1] in (":", ".") and nxt[1:2].isdigit():
        return True
    if re.match(r"\s*[apAP]\.?[mM]\b", nxt):
        return True
    return start > 0 and text[start - 1] in "'\u2019" and nxt[:1] == "0"


def _anchor_spans(text: str, low: str) -> list[tuple[int, int]]:
    """Start and end of every anchor token: whole anchor words (found with ``str.find``) and digit anchors."""
    spans = []
    for word in ANCHORS.intersection(_WORD.findall(low)):
        n, i = len(word), low.find(word)
        while i != -1:
            if (i == 0 or not low[i - 1].isalpha()) and not low[i + n:i + n + 1].isalpha():
                spans.append((i, i + n))
            i = low.find(word, i + n)
    spans.extend(m.span() for m in _DIGITS.finditer(text) if _is_digit_anchor(text, m.start(), m.end()))
    spans.sort()
    return spans


def lowered(text: str) -> str:
    """``text`` in lower case, character for character (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):  # a few non-ASCII letters change length when lowered
        low = text.translate(_ASCII_LOWER)
    return low


def candidates(text: str, low: str | None = None) -> Iterator[tuple[int, list[int]]]:
    """Yield ``(anchor start, candidate starts left to right)`` for each anchor token."""
    low = lowered(text) if low is None else low
    for start, _ in _anchor_spans(text, low):
        window = max(0, start - LOOKBACK_CHARS)
        before = [(m.start(), m.group()) for m in TOKEN.finditer(low, window, start)][-LOOKBACK:]
        starts = [s for s, w in before if w[0].isdigit() or w in OPENERS]
        starts.append(start)
        yield start, starts
