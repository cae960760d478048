"""Numbers as news writes them: ``at least four``, ``six others``, ``a dozen``, ``more than 260``.

``find_quantities`` returns every quantity in a text slice with its value, a qualifier
(``at least``, ``more than``, ``about``, ``up to``, ``vague``) and its span.  Vague words
follow ACLED's conventions: several/many/a few -> 3, dozens -> 12, hundreds -> 100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span

UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a dozen": 12, "dozen": 12, "half a dozen": 6, "both": 2, "pair": 2, "a pair": 2,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# ACLED: "several", "many", "a few" -> 3 ; "dozens" -> 12 ; "hundreds" -> 100 ; "scores" -> 12
VAGUE = {"several": 3, "many": 3, "a few": 3, "few": 3, "a number of": 3, "some": 3, "dozens of": 12,
         "dozens": 12, "scores of": 12, "scores": 12, "hundreds of": 100, "hundreds": 100,
         "thousands of": 1000, "thousands": 1000, "a handful of": 3, "numerous": 3}
QUALIFIERS = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least", "more than": "more than",
    "over": "more than", "upwards of": "more than", "nearly": "about", "almost": "about", "about": "about",
    "around": "about", "roughly": "about", "approximately": "about", "some": "about", "an estimated": "about",
    "up to": "up to", "as many as": "up to", "at most": "up to", "fewer than": "up to", "less than": "up to",
}

_WORD = "|".join(sorted((re.escape(w) for w in list(UNITS) + list(TENS) + list(SCALES)), key=len, reverse=True))
_NUMERAL = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_NUMBER = (rf"(?:{_NUMERAL})(?:\s+(?:hundred|thousand|million))?"
           rf"|(?:(?:{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}))*)")
_QUAL = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
_RANGE = rf"(?:between\s+)?(?P<lo>{_NUMBER})\s*(?:-|–|to|and)\s*(?P<hi>{_NUMBER})"
QUANTITY_RE = re.compile(
    rf"(?<![\w.,-])(?:(?P<qual>{_QUAL})\s+)?(?:(?P<vague>{_VAGUE})|(?P<num>{_NUMBER}))(?![\w-])",
    re.IGNORECASE,
)
RANGE_RE = re.compile(rf"(?<![\w.,-]){_RANGE}(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    value: int
    qualifier: str | None
    span: Span
    high: int | None = None  # upper bound for ranges ("between 10 and 15")


def parse_number(words: str) -> int | None:
    """``'four'`` -> 4, ``'2,500'`` -> 2500, ``'twenty-one'`` -> 21, ``'1.5 million'`` -> 1500000."""
    s = words.strip().lower().replace("–", "-")
    if not s:
        return None
    m = re.fullmatch(rf"({_NUMERAL})(?:\s+(hundred|thousand|million))?", s)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= SCALES[m.group(2)]
        return int(value)
    if s in UNITS:
        return UNITS[s]
    return _parse_words(s)


def _parse_words(s: str) -> int | None:
    total, current = 0, 0
    tokens = [t for t in re.split(r"[\s-]+", s) if t and t != "and"]
    if not tokens:
        return None
    for tok in tokens:
        if tok in ("a", "an") and current == 0:
            current = 1
        elif tok in UNITS and tok != "dozen":
            current += UNITS[tok]
        elif tok in TENS:
            current += TENS[tok]
        elif tok == "dozen":
            current = max(current, 1) * 12
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok in ("thousand", "million"):
            total += max(current, 1) * SCALES[tok]
            current = 0
        else:
            return None
    return total + current


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, left to right, spans into ``text``."""
    end = len(text) if end is None else end
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in RANGE_RE.finditer(text, start, end):
        lo, hi = parse_number(m.group("lo")), parse_number(m.group("hi"))
        if lo is not None and hi is not None and lo < hi and not _is_year_like(m.group(0)):
            found.append(Quantity(lo, "range", Span.of(text, m.start(), m.end()), high=hi))
            taken.append((m.start(), m.end()))
    for m in QUANTITY_RE.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        q = _quantity(text, m)
        if q is not None:
            found.append(q)
    return sorted(found, key=lambda q: q.span.start)


def _is_year_like(s: str) -> bool:
    return bool(re.search(r"\b(1[89]|20)\d\d\b", s))


def _quantity(text: str, m: re.Match[str]) -> Quantity | None:
    qual = QUALIFIERS.get((m.group("qual") or "").lower())
    if m.group("vague"):
        value = VAGUE[m.group("vague").lower()]
        return Quantity(value, qual or "vague", Span.of(text, m.start(), m.end()))
    raw = m.group("num")
    if raw.lower() in ("a", "an", "no") and not qual:
        return None  # articles are only numbers in specific patterns (handled by casualties)
    number = parse_number(raw)
    if number is None:
        return None
    return Quantity(number, qual, Span.of(text, m.start(), m.end()))
