"""The ordered rule registry, compiled once into one scanner.

At each position the rules are tried in registry order (more specific first); the first rule
whose pattern matches *and* whose handler accepts the match wins, and scanning resumes after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from . import rules_absolute as ab
from . import rules_anchored as anc
from . import rules_named as named
from . import rules_relative as rel
from . import rules_span as sp
from .anchors import candidates, lowered
from .patterns import Ctx, Found, Rule


def _by_name(*groups: tuple[Rule, ...]) -> dict[str, Rule]:
    return {r.name: r for g in groups for r in g}


_ORDER = (
    "iso", "anchored", "period-ended", "holiday", "spoken-year", "decade-word", "century", "year-end", "mdy", "dmy", "my", "md", "dm", "clock", "relday", "ago", "year-earlier", "quarter", "the-quarter",
    "reluni", "weekday", "decade", "season", "month", "year", "duration", "bare-plural", "set-every",
    "set-adverb", "overnight", "ref-plural", "in-the-past", "ref",
)


def registry() -> tuple[Rule, ...]:
    """All rules in priority order (explicit, so a new rule is placed on purpose)."""
    rules = _by_name(ab.RULES, rel.RULES, sp.RULES, named.RULES, anc.RULES)
    missing = set(rules) - set(_ORDER)
    if missing:
        raise RuntimeError(f"time rules not placed in grammar._ORDER: {sorted(missing)}")
    return tuple(rules[name] for name in _ORDER)


_NAMED = re.compile(r"\(\?P<\w+>")


class Scanner:
    """The rules with, for each rule index ``i``, a lazily compiled pattern for "rules ``i`` onward"."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        self.compiled = tuple(re.compile(r.pattern, re.IGNORECASE) for r in rules)
        self._tails: dict[int, re.Pattern[str]] = {}

    def tail(self, first: int) -> re.Pattern[str]:
        """One pattern trying rules ``first``… in order.  It runs case-sensitively on lower-cased
        text, so the regex engine can skip alternatives by their first literal."""
        pattern = self._tails.get(first)
        if pattern is None:
            alternatives = "|".join(f"(?P<R{i}>{_NAMED.sub('(?:', self.rules[i].pattern).lower()})"
                                    for i in range(first, len(self.rules)))
            pattern = self._tails[first] = re.compile(alternatives)
        return pattern

    def scan(self, ctx: Ctx) -> Iterator[tuple[int, int, Found, str]]:
        """Yield ``(start, end, found, rule name)`` left to right, without overlaps."""
        pos = 0
        low = lowered(ctx.text)
        for anchor, starts in candidates(ctx.text, low):
            if anchor < pos:
                continue
            for start in starts:
                if start < pos:
                    continue
                hit = self._accept(ctx, low, start, anchor)
                if hit is not None:
                    yield hit
                    pos = hit[1]
                    break

    def _accept(self, ctx: Ctx, low: str, start: int, anchor: int) -> tuple[int, int, Found, str] | None:
        first = 0
        while first < len(self.rules) and (m := self.tail(first).match(low, start)) is not None:
            i = int(m.lastgroup[1:])  # type: ignore[index]
            first = i + 1
            if m.end() <= anchor:
                continue
            rm = self.compiled[i].match(ctx.text, start)
            if rm is None:
                continue
            found = self.rules[i].handler(rm, ctx)
            if found is not None:
                s = found.start if found.start is not None else rm.start()
                e = found.end if found.end is not None else rm.end()
                return s, e, found, self.rules[i].name
        return None


@lru_cache(maxsize=1)
def scanner() -> Scanner:
    """Compile the registry once per process."""
    return Scanner(registry())
