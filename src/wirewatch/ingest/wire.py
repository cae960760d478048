"""Wire datelines at the start of a story: ``BAGHDAD (Reuters) -``, ``LONDON —``, ``KABUL, Dec 21 (AP) —``.

Grammar: ``PLACE[, REGION[, REGION]][, DATE][ (AGENCY)] DASH``.  The place is in capitals
(``GAZA CITY``), or in title case when an agency and a dash follow (``Baghdad, Iraq (AP) —``);
a region is a name (``Democratic Republic of Congo``); the date is a written date with or
without a year (``July 18, 2023``, ``Nov 17``, ``17.11.2023``).  Anything else between the place
and the dash means the text is not a dateline.  A dateline may stand on a line of its own
(``BASRA, Iraq, July 18, 2023 —``; :func:`standalone_dateline`): the layout joins it to the
paragraph it opens.

The dateline stays in ``Article.text`` (it is where the story was filed, and later stages
can point at it); :func:`parse_wire_dateline` finds it again with its offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dateline import DateLine, read_date_line, read_month_day
from .sources import canonical

_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][a-z'’.\-]+(?:-[A-Z][a-z]+)?"
_EXTRA = r"(?P<tail>(?:,[ \t\u00a0]*[^,\n()/—–]{1,40}?){0,4}?)"
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
    region: str | None = None
    date: DateLine | None = None  # a date with a year (``July 18, 2023``)
    month_day: tuple[int, int] | None = None  # a date without one (``Nov 17``)


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


_REGION = re.compile(r"[A-Z][\w'’.\-]*(?: (?:[A-Z][\w'’.\-]*|of|the|and|de|del|da|do|al|el|du|la|le|di))*")


@dataclass(frozen=True, slots=True)
class _Tail:
    region: str | None = None
    date: DateLine | None = None
    month_day: tuple[int, int] | None = None


def _read_tail(tail: str) -> _Tail | None:
    """``, Iraq, July 18, 2023`` -> region and date; ``None`` when a part is neither a name nor a date."""
    segments = [s.strip() for s in tail.split(",")[1:]]
    if not segments:
        return _Tail()
    for k in range(min(3, len(segments)), 0, -1):  # a date is the last one to three segments
        text = ", ".join(segments[-k:]).rstrip(". ")
        full = read_date_line(text)
        month_day = None if full is not None else read_month_day(text)
        if full is not None and full.place is None and full.updated is None or month_day is not None:
            names = segments[:-k]
            break
    else:
        full = month_day = None
        names = segments
    if len(names) > 2 or not all(_REGION.fullmatch(n) for n in names):
        return None
    return _Tail(names[0] if names else None, full, month_day)


def _match(text: str, start: int) -> re.Match[str] | None:
    m = _CAPS.match(text, start)
    if m is None or m.group("place").strip() in NOT_PLACES:
        # a title-case opening is a dateline only with an agency and a dash ("Baghdad (AP) —")
        m = _TITLE.match(text, start)
    if m is None or m.group("dash") == ":" and (m.group("agency") or not m.group("place").isupper()):
        return None
    return m


def parse_wire_dateline(text: str, start: int = 0, *, standalone: bool = False) -> WireDateline | None:
    """The wire dateline opening ``text`` at ``start`` (``None`` when the story has none).

    The story must follow on the same line, unless ``standalone``: then the dateline may also
    be the whole line, ending with its dash.
    """
    m = _match(text, start)
    if m is None:
        return None
    place = m.group("place").strip()
    if place in NOT_PLACES or len(place) < 2:
        return None
    ends_line = m.end() >= len(text) or text[m.end()] == "\n"
    if ends_line and not (standalone and m.group("dash") and m.group("dash") != ":"):
        return None
    tail = _read_tail(m.group("tail") or "")
    if tail is None:
        return None
    return WireDateline(place_name(place), _agency(m), start, m.start("place") + len(place), m.end(),
                        tail.region, tail.date, tail.month_day)


def standalone_dateline(line: str) -> WireDateline | None:
    """A dateline that is a whole line (``MOGADISHU, Jan 23, 2024 —``), else ``None``."""
    text = line.strip()
    found = parse_wire_dateline(text, standalone=True)
    return found if found is not None and found.end >= len(text) else None
