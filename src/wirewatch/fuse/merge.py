"""Build one ``FusedEvent`` from its member mentions: vote on type, keep the most precise date and
place, unite actors, evidence and claims. Every choice is deterministic and independent of the
order of the members."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from . import claims as claims_mod
from .profile import is_follow_up
from .records import FusedEvent, Mention, fused_id

DATE_RANK = {"day": 4, "week": 3, "month": 2, "year": 1}
PLACE_RANK = {"point": 5, "city": 4, "admin2": 3, "admin1": 2, "country": 1}
ROLE_ORDER = {"initiator": 0, "target": 1, "associate": 2}


def _conf(m: Mention) -> float:
    value = m.event.get("confidence")
    return float(value) if isinstance(value, (int, float)) else 0.5


def _incident(members: Sequence[Mention]) -> Sequence[Mention]:
    """The members that tell the incident itself: not follow-ups (an arrest, a trial, a funeral) nor
    document mentions, unless there are no others."""
    told = [m for m in members if not m.document and not is_follow_up(m)]
    return told or [m for m in members if not m.document]


def _vote_type(members: Sequence[Mention]) -> tuple[str | None, str | None, Mention | None]:
    votes: dict[tuple[str, str], float] = {}
    for m in _incident(members):
        if m.event.get("event_type"):
            key = (str(m.event["event_type"]), str(m.event.get("sub_event_type") or ""))
            votes[key] = votes.get(key, 0.0) + _conf(m)
    if not votes:
        return None, None, None
    (etype, sub), _ = max(votes.items(), key=lambda kv: (round(kv[1], 6), bool(kv[0][1]), kv[0]))
    source = max((m for m in _incident(members) if m.event.get("event_type") == etype
                  and (m.event.get("sub_event_type") or "") == sub), key=lambda m: (_conf(m), m.uid))
    return etype, sub or None, source


def _pick(values: Iterable[tuple[Mapping[str, Any], tuple[Any, ...]]], rank: Mapping[str, int]) -> dict | None:
    """The value with the best precision, then the most members, then the smallest key."""
    counts: Counter[tuple[Any, ...]] = Counter()
    first: dict[tuple[Any, ...], Mapping[str, Any]] = {}
    for value, key in values:
        counts[key] += 1
        first.setdefault(key, value)
    if not counts:
        return None
    best = min(counts, key=lambda k: (-rank.get(str(first[k].get("precision")), 0), -counts[k], tuple(map(str, k))))
    return dict(first[best])


def _date(members: Sequence[Mention]) -> dict | None:
    items = []
    for m in _incident(members):
        d = m.event.get("date")
        if d and d.get("start"):
            explicit = bool(d.get("text"))
            items.append((d, (not explicit, d.get("start"), d.get("end"), d.get("precision"))))
    items.sort(key=lambda x: tuple(map(str, x[1])))
    return _pick(items, DATE_RANK)


def _location(members: Sequence[Mention]) -> dict | None:
    items = []
    for m in members:
        loc = m.event.get("location")
        if loc and (loc.get("name") or loc.get("country_code")):
            key = (loc.get("geonames_id") or "", loc.get("name") or "", loc.get("country_code") or "",
                   loc.get("precision") or "")
            items.append((loc, key))
    items.sort(key=lambda x: tuple(map(str, x[1])))
    return _pick(items, PLACE_RANK)


def _actors(members: Sequence[Mention]) -> tuple[dict, ...]:
    seen: dict[tuple[str, str], dict] = {}
    for m in members:
        for a in m.event.get("actors") or ():
            key = (str(a.get("name") or "").lower(), str(a.get("role") or ""))
            if key[0] and key not in seen:
                seen[key] = dict(a)
    return tuple(sorted(seen.values(), key=lambda a: (ROLE_ORDER.get(str(a.get("role")), 9), str(a.get("name")))))


def _evidence(members: Sequence[Mention]) -> tuple[dict, ...]:
    out = []
    for m in members:
        for e in m.event.get("evidence") or ():
            out.append({"article_id": m.article_id, "start": e.get("start"), "end": e.get("end"),
                        "text": e.get("text")})
    return tuple(out)


def _status(members: Sequence[Mention]) -> str | None:
    statuses = Counter(str(m.event.get("status")) for m in members if m.event.get("status"))
    if statuses.get("occurred"):
        return "occurred"
    return min(statuses, key=lambda s: (-statuses[s], s)) if statuses else None


def build_event(members: Iterable[Mention], reasons: Iterable[str] = ()) -> FusedEvent:
    """Merge member mentions into one fused event."""
    ms = tuple(sorted(members, key=lambda m: m.sort_key()))
    if not ms:
        raise ValueError("build_event needs at least one mention")
    etype, sub, typed = _vote_type(ms)
    claims = claims_mod.collect_claims(ms)
    outlets = sorted({str(m.outlet or m.agency) for m in ms if (m.outlet or m.agency)}, key=str.lower)
    weapons = sorted({str(w) for m in ms for w in (m.event.get("weapons") or ())})
    return FusedEvent(
        id=fused_id(ms), members=ms, status=_status(ms), event_type=etype, sub_event_type=sub,
        cameo=typed.event.get("cameo") if typed else None,
        plover=dict(typed.event["plover"]) if typed and typed.event.get("plover") else None,
        date=_date(ms), location=_location(ms), actors=_actors(ms),
        fatalities=claims_mod.figure(claims, "fatalities", ms),
        injured=claims_mod.figure(claims, "injured", ms),
        claims=claims, disagreements=claims_mod.disagreements(claims),
        verification=claims_mod.verification(ms, claims),
        sources=claims_mod.merged_sources(ms, claims), outlets=tuple(outlets),
        evidence=_evidence(ms), confidence=round(max(_conf(m) for m in ms if not m.document)
                                                 if any(not m.document for m in ms) else 0.0, 3),
        weapons=tuple(weapons),
        reasons=tuple(sorted(set(reasons))), casualties_by_side=claims_mod.side_figures(ms),
        follow_ups=tuple(sorted({m.article_id for m in ms if not m.document and is_follow_up(m)})),
    )
