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
    "the", "a", "an", "last", "next", "this", "early", "late", "mid", "on", "more", "at", "nearly", "almost",
    "about", "some", "over", "less", "up", "roughly", "approximately", "just", "only", "in", "for", "within",
    "every", "each", "per", "other", "past", "previous", "coming", "current", "earlier", "later", "fiscal",
    "calendar", "end", "beginning", "start", "middle", "first", "second", "third", "fourth", "final",
    "following", "latest", "initial", "remaining", "full", "entire", "whole", "same", "several", "few",
    "many", "couple", "number", "numerous", "dozen", "hundred", "half", "recent", "right", "these", "year",
    "st", "nd", "rd", "th", "most", "preceding", "yesterday", "today", "election", "memorial", "labor",
    "veterans", "independence", "new", "valentine", "christmas", "thanksgiving", "easter", "since", "by",
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
    tokens = list(TOKEN.finditer(text))
    words = [t.group().lower() for t in tokens]
    anchors = [i for i, w in enumerate(words)
               if w in ANCHORS or (w[0].isdigit() and _is_digit_anchor(text, tokens[i].start(), tokens[i].end()))]
    for i in anchors:
        starts = [tokens[j].start() for j in range(max(0, i - LOOKBACK), i)
                  if words[j][0].isdigit() or words[j] in OPENERS]
        starts.append(tokens[i].start())
        yield tokens[i].start(), starts
