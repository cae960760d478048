"""The same event shown twice in one article (issue #14): a check of extraction documents.

Two events of one document are one event by the rule of :mod:`wirewatch.extract.dedupe` (the same
sub-event type and status, overlapping dates, the same place, initiators that do not clash), read
here from the contract's JSON.  ``wirewatch eval demo`` and ``eval golden`` report the pairs found,
and the evaluators that run documents through the pipeline count the articles that have one.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from ..extract.dedupe import When, Where, overlap, same_place, sides_fit


def _when(event: dict[str, Any]) -> When:
    d = event.get("date") or {}
    return (d["start"], d.get("end") or d["start"]) if d.get("start") else None


def _where(event: dict[str, Any]) -> Where:
    loc = event.get("location")
    return None if not loc else (loc.get("name"), loc.get("lat"), loc.get("lon"), loc.get("country_code"),
                                 loc.get("admin1"), loc.get("precision"))


def _initiators(event: dict[str, Any]) -> frozenset[str]:
    return frozenset(a["name"] for a in event.get("actors") or () if a.get("role") == "initiator")


def same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two contract events of one article report one event."""
    return (a.get("sub_event_type") == b.get("sub_event_type") and a.get("status") == b.get("status")
            and overlap(_when(a), _when(b)) and same_place(_where(a), _where(b))
            and sides_fit(_initiators(a), _initiators(b)))


def twice(output: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(sub-event type, first id, second id) for every pair of events of ``output`` that are one event."""
    events = output.get("events") or []
    return [(a.get("sub_event_type") or "", a.get("id") or "", b.get("id") or "")
            for a, b in combinations(events, 2) if same_event(a, b)]
