"""Casualty figures in a sentence: ``At least four militia fighters were killed and six others
wounded``, ``which killed three people and injured more than 260``, ``the toll rose to four``.

A figure is read on the side of the casualty word where English puts it: after an active
verb (``killing six``), before a passive or reduced one (``six others wounded``).  Each
figure becomes a ``Figure`` (field, value, qualifier, span, update?, partial?, victims).

``victims`` is the noun phrase the number counts, as written (``four militia fighters`` ->
``militia fighters``, ``three of the gunmen`` -> ``gunmen``, ``six others`` -> ``others``).  A list
of victims (``killing 12 soldiers and three civilians``, ``two other Americans and an Afghani``) is
one figure, their sum, with one ``Part`` per group in ``parts``; a figure with an ``including`` list
(``11 others, including two children``) has its groups as parts too, not added to it.  Parts never
count towards the totals (``claims.aggregate``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span
from .numbers import Quantity, find_quantities, parse_number

_KILL = (r"killed|dead|died|slain|killing|kills|kill|lost\s+their\s+lives|death\s+tolls?|tolls?|fatalities|"
         r"deaths|bodies|perished|to\s+death|shot\s+dead")
_INJURE = r"wounded|injured|hurt|injuring|wounding|wounds|injures|injuries|casualties"
_ARREST = r"arrested|detained|arresting|detaining|taken\s+into\s+custody|rounded\s+up"
KEYWORD = re.compile(rf"\b(?P<kill>{_KILL})\b|\b(?P<injure>{_INJURE})\b|\b(?P<arrest>{_ARREST})\b",
                     re.IGNORECASE)
_UPDATE = re.compile(r"\b(?:rose|risen|climbed|increased|jumped|reached|rises|rising|now\s+stands?|stood)\b",
                     re.IGNORECASE)
_PARTIAL = re.compile(r"\b(?:other|also|one\s+of|among|including)\b", re.IGNORECASE)
_NOT_PEOPLE = re.compile(
    r"^\s*(?:years?|year-old|%|percent|per\s+cent|times|km|kilomet|miles?|days?|hours?|minutes?|weeks?|months?|"
    r"troops|dollars?|million\s+dollars|rockets?|drones?|missiles?|vehicles?|homes?|houses?|buildings?|"
    r"counts?\s+of|charges?)\b", re.IGNORECASE)
_STOP = re.compile(r"[;:]|\bbut\b|\bwhile\b|\bafter\b|\bbefore\b|\bwhen\b|\bsince\b", re.IGNORECASE)
_EARLIER = re.compile(r"\b(?:earlier|initially|at\s+first|first|early|preliminary|initial)\b[^.;]*$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|are|is|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_CONJ_ONE_AT = re.compile(r"\b(?:and|with)\s+(?P<one>an?|one)(?=\s+[A-Za-z])", re.IGNORECASE)
# victims: the noun phrase a number counts
_NP_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'’-]*)")
_NOT_NP = frozenset(
    "were was is are be been being have has had and or but nor in on at during near when after as by from with "
    "including among who whom which that while to for since across inside outside around into over under against "
    "along through between amid within the a an this these those its their his her our yesterday today tonight "
    "overnight monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night earlier "
    "later last next according said says say reported so than also both all not no more each per of where he "
    "she they it we you him them north south east west ahead else shot found caught left hit held taken trapped "
    "jan feb mar "
    "apr jun jul aug sep sept oct nov dec january february march april june july august september october "
    "november december".split())
_TOTALS = frozenset({"people", "persons", "individuals", "others"})  # a total before its groups
# victims that say nothing of whose dead they are
NOBODY = frozenset({"people", "persons", "others", "individuals", "men", "victims", "casualties", "them",
                    "those", "bodies", "dead", "more"})
_OF_LEAD = re.compile(r"\s+of\s+(?:the|those|these|its|their|his|her|our)(?=\s)", re.IGNORECASE)
_NOT_HEAD = frozenset({"shots", "bullets", "bullet", "shooting", "wound", "wounds", "block", "hospital", "most",
                       "gather", "times", "rounds"})
_OF = re.compile(r"\s+of(?:\s+the)?(?=\s)", re.IGNORECASE)
_MEMBERS = frozenset({"members", "member", "supporters", "elements", "personnel", "staff", "employees", "officers"})
_DROP = frozenset({"other", "additional", "further", "fellow"})
_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)
_ONE = re.compile(r"(?:an?|one)(?=\s+[A-Za-z])", re.IGNORECASE)
_CLAUSE = re.compile(r"\s+(?:were|was|are|is|have|has|had)\b", re.IGNORECASE)
_INCLUDING = re.compile(r"\s*,?\s+(?:including|among\s+them)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Figure:
    field: str
    value: int
    qualifier: str | None
    span: Span
    update: bool
    partial: bool
    earlier: bool = False  # stated as an earlier count: "had earlier reported eight dead"
    victims: str | None = None  # the noun phrase counted, as written: "militia fighters"
    parts: tuple[Part, ...] = ()  # its groups: "12 soldiers", "three civilians"


@dataclass(frozen=True, slots=True)
class Part:
    """One group of victims inside a figure: ``three civilians``."""

    value: int
    qualifier: str | None
    span: Span
    victims: str | None


@dataclass(frozen=True, slots=True)
class Reading:
    """A figure's number, its victims and, for a list of victims, its groups."""

    quantity: Quantity
    victims: str | None
    parts: tuple[Part, ...] = ()


def _field(m: re.Match[str]) -> str:
    if m.group("kill"):
        return "fatalities"
    if m.group("injure"):
        return "injured"
    return "arrested"


def _valid(text: str, q: Quantity) -> bool:
    after = text[q.span.end:q.span.end + 20]
    before = text[max(0, q.span.start - 2):q.span.start]
    if _NOT_PEOPLE.match(after):
        return False
    if before.endswith(",") or before.endswith(", "):
        if re.match(r"\s*,", after) and q.value < 120:
            return False  # an age: "Tamerlan, 26, died"
    return 1800 > q.value or q.value > 2100 or q.qualifier is not None


def _left(text: str, floor: int, kw_start: int) -> list[Reading]:
    start = max(floor, kw_start - 80)
    for stop in _STOP.finditer(text, start, kw_start):
        start = stop.end()
    qs = [q for q in find_quantities(text, start, kw_start) if _valid(text, q)]
    if not qs:
        return []
    # coordinated subjects: "two other Americans and an Afghani injured" -> 2 + 1
    ones = [_part(text, one.end(), kw_start, 1, None, one.start("one")) for one in _CONJ_ONE_AT.finditer(
        text, qs[0].span.start, kw_start)]
    if len(qs) > 1 and all(" and " in text[a.span.end:b.span.start] for a, b in zip(qs, qs[1:], strict=False)):
        groups = [_part(text, q.span.end, kw_start, q.value, q.qualifier, q.span.start) for q in qs] + ones
        total = sum(q.value for q in qs) + len(ones)
        return [Reading(Quantity(total, qs[0].qualifier, Span.of(text, qs[0].span.start, qs[-1].span.end)),
                        _common(groups), tuple(groups))]
    if ones and len(qs) == 1:
        groups = [_part(text, qs[0].span.end, kw_start, qs[0].value, qs[0].qualifier, qs[0].span.start)] + ones
        return [Reading(Quantity(qs[0].value + len(ones), qs[0].qualifier, qs[0].span), _common(groups),
                        tuple(groups))]
    return [Reading(qs[-1], victim_phrase(text, qs[-1].span.end, kw_start)[0])]


def _part(text: str, pos: int, limit: int, value: int, qualifier: str | None, start: int) -> Part:
    victims, end = victim_phrase(text, pos, limit)
    return Part(value, qualifier, Span.of(text, start, max(end, pos)), victims)


def _right(text: str, kw_end: int, limit: int) -> list[Reading]:
    window_end = min(limit, kw_end + 45)
    stop = _STOP.search(text, kw_end, window_end)
    if stop:
        window_end = stop.start()
    m = re.match(r"\s+(?:(?:later|then|now|has|had|have|at(?!\s+(?:least|most))|to|by|up|a|the|total\s+of|of|rose|risen|climbed|reached|"
                 r"increased|jumped|stood|stands|rises|was|is)\s+){0,5}", text[kw_end:window_end])
    lead = kw_end + (m.end() if m else 0)
    qs = [q for q in find_quantities(text, lead, window_end) if _valid(text, q)]
    if not qs or qs[0].span.start - lead > 1:
        return []
    stop = _STOP.search(text, qs[0].span.end, limit)
    return [_listed(text, qs[0], stop.start() if stop else limit)]


def _listed(text: str, q: Quantity, limit: int) -> Reading:
    """The number after an active verb with its victims: a list of groups adds up, an
    ``including`` list breaks the figure down."""
    victims, end = victim_phrase(text, q.span.end, limit)
    if victims is None:
        return Reading(q, None)
    groups, pos, kept = [Part(q.value, q.qualifier, Span.of(text, q.span.start, end), victims)], end, 1
    while victims.lower() not in _TOTALS and (sep := _SEP.match(text, pos, limit)) and \
            (nxt := _group_at(text, sep.end(), limit)):
        groups.append(nxt[0])
        pos = nxt[1]
        kept = len(groups) if "and" in sep.group().lower() else kept
    groups = groups[:kept]
    if len(groups) > 1:
        total = Quantity(sum(g.value for g in groups), q.qualifier, Span.of(text, q.span.start, groups[-1].span.end))
        return Reading(total, _common(groups), tuple(groups))
    inc = _INCLUDING.match(text, end, limit)
    return Reading(q, victims, _group_list(text, inc.end(), limit) if inc else ())


def _group_list(text: str, pos: int, limit: int) -> tuple[Part, ...]:
    """``two children and a woman``: the groups of an ``including`` list."""
    first = _group_at(text, pos, limit)
    if first is None:
        return ()
    groups, end = [first[0]], first[1]
    while (sep := _SEP.match(text, end, limit)) and (nxt := _group_at(text, sep.end(), limit)):
        groups.append(nxt[0])
        end = nxt[1]
    return tuple(groups)


def _group_at(text: str, pos: int, limit: int) -> tuple[Part, int] | None:
    """A counted group starting exactly at ``pos``: ``three civilians``, ``a child``."""
    qs = find_quantities(text, pos, limit)
    if qs and qs[0].span.start == pos and qs[0].qualifier != "vague" and _valid(text, qs[0]):
        value, qual, num_end = qs[0].value, qs[0].qualifier, qs[0].span.end
    elif one := _ONE.match(text, pos, limit):
        value, qual, num_end = 1, None, one.end()
    else:
        return None
    victims, end = victim_phrase(text, num_end, limit)
    if victims is None or _CLAUSE.match(text, end, limit):
        return None  # "and three civilians were wounded": a clause of its own
    return Part(value, qual, Span.of(text, pos, end), victims), end


def _common(groups: list[Part] | tuple[Part, ...]) -> str | None:
    names = {g.victims.lower() if g.victims else None for g in groups}
    return groups[0].victims if len(names) == 1 else None


def victim_phrase(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """The noun phrase a number at ``pos`` counts, as written, and where it ends (``pos`` if none):
    ``militia fighters``, ``of the gunmen`` -> ``gunmen``, ``members of the group``, ``others``."""
    lead = _OF_LEAD.match(text, pos, limit)
    words = _np_words(text, lead.end() if lead else pos, limit, 4)
    if words and text[words[-1][0]:words[-1][1]].lower() in _MEMBERS:
        of = _OF.match(text, words[-1][1], limit)
        more = _np_words(text, of.end(), limit, 3) if of else []
        if more:
            words.append(more[-1])  # "members of the group"
    while len(words) > 1 and text[words[0][0]:words[0][1]].lower() in _DROP:
        words.pop(0)  # "two other members" -> "members"
    head = text[words[-1][0]:words[-1][1]].lower() if words else ""
    if not words or len(head) < 2 or head in _NOT_HEAD or (head.endswith("ed") and len(words) == 1):
        return None, pos
    return text[words[0][0]:words[-1][1]], words[-1][1]


def _np_words(text: str, pos: int, limit: int, most: int) -> list[tuple[int, int]]:
    words: list[tuple[int, int]] = []
    while len(words) < most and (w := _NP_WORD.match(text, pos, limit)):
        word = w.group(1)
        low = word.lower()
        if low in _NOT_NP or KEYWORD.fullmatch(word) or parse_number(low) is not None or \
                (low.endswith("ly") and len(low) > 4) or (words and low.endswith("ed")):
            break
        words.append(w.span(1))
        pos = w.end()
    return words


_NOMINAL = frozenset({"killing", "killings", "deaths", "death", "injuries", "casualties", "fatalities"})
_NOMINAL_OF = re.compile(r"\s+of\b", re.IGNORECASE)


def find_figures(text: str, start: int, end: int) -> list[Figure]:
    """Casualty and arrest figures in ``text[start:end]`` (one sentence)."""
    figures: list[Figure] = []
    floor = start
    keywords = list(KEYWORD.finditer(text, start, end))
    for i, m in enumerate(keywords):
        limit = keywords[i + 1].start() if i + 1 < len(keywords) else end
        passive = _PASSIVE.search(text[max(start, m.start() - 25):m.start()])
        # "the killing of a student", "the deaths of 12 miners": the number is in the complement, never
        # before the noun ("Thousands protested against the killing of a student" counts no dead)
        nominal = _NOMINAL_OF.match(text, m.end()) is not None and m.group(0).lower() in _NOMINAL
        reads = (None if passive else _right(text, m.end(), limit)) or (
            [] if nominal else _left(text, floor, m.start()))
        floor = m.end()
        for r in reads:
            q = r.quantity
            update = bool(_UPDATE.search(text[m.start():q.span.start] if q.span.start > m.start()
                                         else text[q.span.start:m.end()]))
            partial = bool(_PARTIAL.search(text[q.span.start:m.start()] if q.span.start < m.start()
                                           else text[m.end():q.span.end + 25]))
            qual = q.qualifier if q.qualifier != "range" else "range"
            span = Span.of(text, min(q.span.start, m.start()), max(q.span.end, m.end()))
            lead_in = text[max(start, q.span.start - 45):q.span.start]
            earlier = bool(_EARLIER.search(lead_in))
            figures.append(Figure(_field(m), q.value, qual, span, update and not earlier, partial, earlier,
                                  r.victims, r.parts))
    return _dedupe(figures)


def _dedupe(figures: list[Figure]) -> list[Figure]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for f in figures:
        key = (f.field, f.span.start, f.value)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
