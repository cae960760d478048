"""Wire datelines at the start of a story: ``BAGHDAD (Reuters) -``, ``LONDON —``, ``KABUL, Dec 21 (AP) —``.

The dateline stays in ``Article.text`` (it is where the story was filed, and later stages
can point at it); :func:`parse_wire_dateline` finds it again with its offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sources import canonical

_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][a-z'’.\-]+(?:-[A-Z][a-z]+)?"
_EXTRA = r"(?:,\s*(?P<extra>[A-Z0-9][A-Za-z0-9.'’\- ]{0,30}?)\.?)?"
_AGENCY = r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z .&\-/]{0,40})\)|\s*/(?P<slash>[A-Za-z]{2,12})/\.?)?"
_DASH = r"\s*(?P<dash>--?|—|–|:)?[ \t\u00a0]*"

_NEED_ONE = r"(?(agency)|(?(slash)|(?(dash)|(?!))))"  # an agency or a dash, or no match
_NEED_BOTH = r"(?(dash)|(?!))(?(agency)|(?(slash)|(?!)))"  # an agency and a dash

_CAPS = re.compile(rf"(?P<place>{_CAPS_WORD}(?:[ /]{_CAPS_WORD}){{0,4}}){_EXTRA}{_AGENCY}{_DASH}{_NEED_ONE}")
_TITLE = re.compile(rf"(?P<place>{_TITLE_WORD}(?: {_TITLE_WORD}){{0,3}}){_EXTRA}{_AGENCY}{_DASH}{_NEED_BOTH}")

# All-caps openings that are not places.
NOT_PLACES = frozenset({
    "NATO", "UN", "U.N.", "US", "U.S.", "USA", "UK", "EU", "ISIS", "ISIL", "IS", "FBI", "CIA", "AP", "AFP",
    "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "WATCH", "VIDEO", "LIVE", "ANALYSIS", "OPINION",
    "EDITORIAL", "NOTE", "EDITOR'S NOTE", "CORRECTION", "PHOTOS", "FILE", "WARNING", "FACTBOX",
    "EXPLAINER", "INSIGHT", "UPDATE 1", "URGENT", "FLASH", "A", "I",
})


@dataclass(frozen=True, slots=True)
class WireDateline:
    """A dateline: ``text[start:place_end]`` is the place as written, ``text[start:end]`` the whole dateline."""

    place: str
    agency: str | None
    start: int
    place_end: int
    end: int


def place_name(written: str) -> str:
    """``BAGHDAD`` -> ``Baghdad``; ``DEIR EZ-ZOR`` -> ``Deir Ez-Zor``; ``ISTANBUL/ANKARA`` -> ``Istanbul``."""
    first = written.split("/")[0].strip()
    if not first.isupper():
        return first
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in first.split())


def _agency(m: re.Match[str]) -> str | None:
    raw = (m.group("agency") or m.group("slash") or "").strip()
    if not raw:
        return None
    known = canonical(raw)
    return known[0] if known else raw


def parse_wire_dateline(text: str, start: int = 0) -> WireDateline | None:
    """The wire dateline opening ``text`` at ``start`` (``None`` when the story has none)."""
    m = _CAPS.match(text, start)
    if m is None or m.group("place").strip() in NOT_PLACES:
        # a title-case opening is a dateline only with an agency and a dash ("Baghdad (AP) —")
        m = _TITLE.match(text, start)
        if m is None:
            return None
    if m.group("dash") == ":" and (m.group("agency") or not m.group("place").isupper()):
        return None
    place = m.group("place").strip()
    if place in NOT_PLACES or len(place) < 2 or m.end() >= len(text) or text[m.end()] == "\n":
        return None
    return WireDateline(place_name(place), _agency(m), start, m.start("place") + len(place), m.end())
