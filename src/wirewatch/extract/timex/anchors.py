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
    "christmas", "thanksgiving", "easter", "halloween", "nineteen", "period",
}
ANCHORS = frozenset(_UNIT_WORDS | _TIME_WORDS | set(MONTHS) | set(WEEKDAYS))

OPENERS = frozenset({
    "the", "a", "an", "last", "next", "this", "early", "late", "mid", "on", "more", "at", "nearly", "almost",
    "about", "some", "over", "less", "up", "roughly", "approximately", "just", "only", "in", "for", "within",
    "every", "each", "per", "other", "past", "previous", "coming", "current", "earlier", "later", "fiscal",
    "calendar", "end", "beginning", "start", "middle", "first", "second", "third", "fourth", "final",
    "following", "latest", "initial", "remaining", "full", "entire", "whole", "same", "several", "few",
    "many", "couple", "number", "numerous", "dozen", "hundred", "half", "recent", "right", "these", "year",
    "st", "nd", "rd", "th", "most", "preceding", "yesterday", "today",
}) | frozenset(NUMBER_WORDS) | frozenset(WEEKDAYS) | frozenset(MONTHS) | frozenset(
    w for w in ("twenty thirty forty fifty sixty seventy eighty ninety one two three four five six seven eight nine "
                "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen").split())

LOOKBACK = 5


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


def candidates(text: str) -> Iterator[tuple[int, list[int]]]:
    """Yield ``(anchor start, candidate starts left to right)`` for each anchor token."""
    recent: list[tuple[int, str]] = []
    for m in TOKEN.finditer(text):
        start, word = m.start(), m.group().lower()
        is_digit = word[0].isdigit()
        if (_is_digit_anchor(text, start, m.end()) if is_digit else word in ANCHORS):
            starts = [s for s, w in recent if w[0].isdigit() or w in OPENERS]
            starts.append(start)
            yield start, starts
        recent.append((start, word))
        if len(recent) > LOOKBACK:
            recent.pop(0)
