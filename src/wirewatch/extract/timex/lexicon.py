"""Words the time rules read: numbers, months, weekdays, units, parts of day, seasons."""

from __future__ import annotations

import re

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12, "half a": 0.5,
    "a couple of": 2, "a couple": 2, "couple of": 2, "single": 1,
}
VAGUE_NUMBERS = frozenset({
    "several", "a few", "few", "some", "many", "a number of", "numerous", "the next few",
    "the past few", "the last few", "recent", "coming",
})

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}

# unit word → (TIMEX3 duration letter, is a time unit (PT…), granularity for dates)
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True),
    "day": ("D", False), "night": ("D", False), "week": ("W", False), "fortnight": ("W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("DE", False), "century": ("CE", False),
}
UNIT_SCALE: dict[str, int] = {"fortnight": 2}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

SET_ADVERBS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y",
}

_COMPOUND = re.compile(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]+(\w+)")


def number_value(word: str) -> float | None:
    """The value of a number written in digits or words (``"twenty-four"`` → 24); ``None`` if vague."""
    w = " ".join(word.lower().replace(",", "").split())
    if not w:
        return None
    if w[0].isdigit():
        try:
            return float(w)
        except ValueError:
            return None
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    m = _COMPOUND.fullmatch(w)
    if m and m.group(2) in NUMBER_WORDS and NUMBER_WORDS[m.group(2)] < 10:
        return NUMBER_WORDS[m.group(1)] + NUMBER_WORDS[m.group(2)]
    return None


def unit_of(word: str) -> str:
    """Normalise a unit word (``"Years"`` → ``"year"``, ``"centuries"`` → ``"century"``)."""
    w = word.lower()
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith("s") and w[:-1] in UNITS:
        return w[:-1]
    return w
