"""One event once per article (issue #14): when two events of one article are the same event.

Mention clustering (:mod:`.clusters`) joins the mentions of one event.  :func:`one_event_once`, a last
merge of assembled events, is not called by the pipeline: on WikiEvents dev it merged two events the
gold counts apart (detection precision 0.9167 -> 0.9143), while the demo, golden, notes, LGL, GeoVirus
and TimeBank outputs had no event twice without it.  The rule is what :mod:`wirewatch.evaluate.twice`
checks.  Two events are the
same (ACLED's rule: the same actors, place and day) when they have the same sub-event type and
status, their dates overlap (or either is undated), their places are the same (the same name, within
``KM``, or either unplaced) and their initiators do not clash (one side's named initiators are among
the other's, or either names none).  The merged event keeps the first event's id, type, date and
figures and gains the other's evidence, actors, claims, weapons and targets; the more precise place
wins.  :mod:`wirewatch.evaluate.twice` applies the same rule to extraction documents.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..geo.resolve import distance_km
from ..model import Event, Location

KM = 25.0
_RANK = {"point": 5, "city": 4, "admin2": 3, "admin1": 2, "country": 1}

Day = date | str
When = tuple[Day, Day] | None
# (name, lat, lon, country code, admin-1, precision)
Where = tuple[str | None, float | None, float | None, str | None, str | None, str | None] | None


def overlap(a: When, b: When) -> bool:
    """Whether two (start, end) intervals share a day (``None``: undated, fits anything)."""
    if a is None or b is None:
        return True
    return str(a[0]) <= str(b[1]) and str(b[0]) <= str(a[1])


def _holds(area: Where, place: Where) -> bool:
    """A country or admin-1 that holds the other place ("Idlib province" holds Maarat al-Numan)."""
    assert area is not None and place is not None
    if area[5] == "country":
        return bool(area[3]) and area[3] == place[3]
    return area[5] == "admin1" and bool(area[4]) and (area[3], area[4]) == (place[3], place[4])


def same_place(a: Where, b: Where) -> bool:
    """The same name, points within ``KM``, or a country or province holding the other place (``None``:
    unplaced, fits anything)."""
    if a is None or b is None:
        return True
    if (a[0] and a[0] == b[0]) or _holds(a, b) or _holds(b, a):
        return True
    if None in (a[1], a[2], b[1], b[2]):
        return False
    return distance_km(a[1], a[2], b[1], b[2]) <= KM  # type: ignore[arg-type]


def sides_fit(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a or not b or a <= b or b <= a


def _when(e: Event) -> When:
    return None if e.date is None or e.date.start is None else (e.date.start, e.date.end or e.date.start)


def _where(loc: Location | None) -> Where:
    return None if loc is None else (loc.name, loc.lat, loc.lon, loc.country_code, loc.admin1, loc.precision)


def _initiators(e: Event) -> frozenset[str]:
    return frozenset(a.name for a in e.actors if a.role == "initiator")


def same_event(a: Event, b: Event) -> bool:
    return (a.sub_event_type == b.sub_event_type and a.status == b.status and overlap(_when(a), _when(b))
            and same_place(_where(a.location), _where(b.location)) and sides_fit(_initiators(a), _initiators(b)))


def _union(a: tuple, b: tuple) -> tuple:
    return tuple(dict.fromkeys((*a, *b)))


def merge(kept: Event, other: Event) -> Event:
    """``kept`` with ``other``'s evidence; the more precise of the two places."""
    rank = {e.id: _RANK.get((e.location.precision or "") if e.location else "", 0) for e in (kept, other)}
    placed = other if rank[other.id] > rank[kept.id] else kept
    have = {(a.name, a.role) for a in kept.actors}
    return replace(
        kept, location=placed.location, location_span=placed.location_span,
        date=kept.date or other.date, fatalities=kept.fatalities or other.fatalities,
        injured=kept.injured or other.injured,
        actors=(*kept.actors, *(a for a in other.actors if (a.name, a.role) not in have)),
        claims=_union(kept.claims, other.claims), sources=_union(kept.sources, other.sources),
        evidence=tuple(sorted(_union(kept.evidence, other.evidence), key=lambda s: (s.start, s.end))),
        weapons=_union(kept.weapons, other.weapons), targets=_union(kept.targets, other.targets),
        confidence=max(kept.confidence, other.confidence),
        reasons=(*kept.reasons, f"one event with {other.id} (same type, status, time, place and actors)"))


def one_event_once(events: tuple[Event, ...]) -> tuple[Event, ...]:
    """``events`` with every group that reports one event merged into its first member."""
    out: list[Event] = []
    for ev in events:
        at = next((i for i, kept in enumerate(out) if same_event(kept, ev)), None)
        if at is None:
            out.append(ev)
        else:
            out[at] = merge(out[at], ev)
    return tuple(out)
