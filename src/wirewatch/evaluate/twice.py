"""The same event shown twice in one article (issue #14): a check of extraction outputs.

Two events of one article are the same event when they have the same sub-event type and status,
their dates overlap (or either is undated), their places are the same (the same name, within
``KM`` of each other, or either unplaced) and their actors do not clash (no named side of one is
missing from the other when both name sides).  This is ACLED's rule for one event: the same actors,
place and day.  ``wirewatch eval demo`` and ``eval golden`` report the pairs it finds.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from ..geo.resolve import distance_km

KM = 25.0


def _overlap(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if not a or not b or not a.get("start") or not b.get("start"):
        return True
    return str(a["start"]) <= str(b.get("end") or b["start"]) and str(b["start"]) <= str(a.get("end") or a["start"])


def _same_place(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if not a or not b:
        return True
    if a.get("name") and a.get("name") == b.get("name"):
        return True
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return False
    return distance_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= KM


def _sides(event: dict[str, Any]) -> frozenset[str]:
    return frozenset(a["name"] for a in event.get("actors") or () if a.get("role") == "initiator")


def _actors_fit(a: dict[str, Any], b: dict[str, Any]) -> bool:
    sa, sb = _sides(a), _sides(b)
    return not sa or not sb or sa <= sb or sb <= sa


def same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two contract events of one article report one event."""
    return (a.get("sub_event_type") == b.get("sub_event_type") and a.get("status") == b.get("status")
            and _overlap(a.get("date"), b.get("date")) and _same_place(a.get("location"), b.get("location"))
            and _actors_fit(a, b))


def twice(output: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(sub-event type, first id, second id) for every pair of events of ``output`` that are one event."""
    events = output.get("events") or []
    return [(a.get("sub_event_type") or "", a.get("id") or "", b.get("id") or "")
            for a, b in combinations(events, 2) if same_event(a, b)]
