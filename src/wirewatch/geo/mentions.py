"""A candidate place mention before resolution, and the text cues read around it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import GeoPrecision

# A word after a name that says what kind of place it is ("Idlib province", "Laurel County").
SUFFIX_PRECISION: dict[str, GeoPrecision] = {
    "province": "admin1", "governorate": "admin1", "state": "admin1", "region": "admin1", "oblast": "admin1",
    "prefecture": "admin1", "department": "admin1", "wilayat": "admin1", "emirate": "admin1",
    "district": "admin2", "county": "admin2", "parish": "admin2", "municipality": "admin2",
    "territory": "admin2", "raion": "admin2", "borough": "admin2",
}
_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w.’']*\.?)(?:\s+(?:of\s+)?[A-Z][\w.’']*)?)")


@dataclass
class Mention:
    """A span that names a place, with its gazetteer candidates and cues from the text."""

    start: int
    end: int
    key: str
    candidates: tuple[int, ...]
    extractor: str = "wirewatch.geo.gazetteer"
    role: str = "mention"
    precision_hint: GeoPrecision | None = None
    qualifier: tuple[int, ...] = ()
    country_code: str | None = None  # set for demonyms: the country they name
    reason: str | None = None
    evidence: dict[str, float] = field(default_factory=dict)


def suffix_hint(text: str, end: int) -> tuple[GeoPrecision | None, int]:
    """The precision named by a word right after ``end`` and where that word ends."""
    match = re.match(r"\s+([A-Za-z]+)\b", text[end:end + 20])
    if match:
        precision = SUFFIX_PRECISION.get(match.group(1).lower())
        if precision is not None:
            return precision, end + match.end()
    return None, end


def qualifier_text(text: str, end: int) -> tuple[str, int] | None:
    """``, Massachusetts`` / ``, Mass.`` right after a name: the qualifier and its end offset."""
    match = _QUALIFIER.match(text, end)
    if match is None:
        return None
    return match.group(1), match.end(1)
