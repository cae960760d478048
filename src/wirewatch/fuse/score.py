"""How alike two mentions are: a weighted score in [0, 1], its reasons, and hard conflicts.

The score starts from ``text`` (TF-IDF cosine of evidence sentences and headline) and adds small
bonuses or penalties (``BONUS``) for ``date`` (same explicit day, overlap, days apart), ``place``
(distance against the places' precision), ``type`` (ACLED type and sub-type compatibility) and
``actors`` (shared actor names). A field unknown on either side adds nothing, so missing data
neither proves nor rules out a match; structure alone cannot merge two unrelated texts.

Conflicts forbid a merge whatever the score (see ``conflicts``): the same article reporting two
events; two explicit days that differ (a date text that names the day, resolved to day precision);
two explicit places (point/city) more than 25 km apart or in different countries; incompatible
event types; a threat and an occurrence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .candidates import coords, day_gap, explicit_place, haversine_km, interval, location, tolerance_km
from .records import Mention
from .text import VectorCache

# The score is in units of text similarity: the TF-IDF cosine of the two mentions, moved up or down
# by what the structured fields say (an unknown field moves nothing).
BONUS = {"same_day": 0.08, "date_overlap": 0.03, "per_extra_day": -0.05,
         "near": 0.08, "within_tolerance": 0.04, "beyond_tolerance": -0.08,
         "same_subtype": 0.08, "compatible_subtype": 0.04, "related_type": -0.04,
         "actors": 0.08, "disjoint_actors": -0.02}
EXPLICIT_PLACE_LIMIT_KM = 25.0

# ACLED types that reporters (and extractors) confuse for one event: an airstrike inside a
# battle, a shooting of civilians described as a clash, a protest that turns into a riot.
RELATED_TYPES = frozenset({
    frozenset({"Battles", "Explosions/Remote violence"}),
    frozenset({"Battles", "Violence against civilians"}),
    frozenset({"Protests", "Riots"}),
    frozenset({"Riots", "Violence against civilians"}),
    frozenset({"Explosions/Remote violence", "Violence against civilians"}),
})
# Sub-event types of one family that can describe the same event.
COMPATIBLE_SUBTYPES = frozenset({
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack"}),
    frozenset({"Remote explosive/landmine/IED", "Suicide bomb"}),
    frozenset({"Remote explosive/landmine/IED", "Grenade"}),
    frozenset({"Armed clash", "Government regains territory"}),
    frozenset({"Armed clash", "Non-state actor overtakes territory"}),
    frozenset({"Peaceful protest", "Protest with intervention"}),
    frozenset({"Protest with intervention", "Excessive force against protesters"}),
    frozenset({"Violent demonstration", "Mob violence"}),
    frozenset({"Attack", "Abduction/forced disappearance"}),
    frozenset({"Attack", "Sexual violence"}),
    frozenset({"Looting/property destruction", "Change to group/activity"}),
})
STATUS_GROUP = {"occurred": "real", "background": "real", "denied": "real",
                "threatened": "intent", "planned": "intent"}


@dataclass(frozen=True)
class PairScore:
    score: float
    features: Mapping[str, float] = field(hash=False)
    conflicts: tuple[str, ...]
    reasons: tuple[str, ...]

    @property
    def linkable(self) -> bool:
        return not self.conflicts


def type_similarity(a: Mapping, b: Mapping) -> float | None:
    """1 same sub-type, 0.7 compatible sub-types, 0.5 same type, 0.3 related types, 0 incompatible; None unknown."""
    ta, tb = a.get("event_type"), b.get("event_type")
    if not ta or not tb:
        return None
    sa, sb = a.get("sub_event_type"), b.get("sub_event_type")
    if ta == tb:
        if sa and sa == sb:
            return 1.0
        if sa and sb and frozenset({sa, sb}) in COMPATIBLE_SUBTYPES:
            return 0.7
        return 0.5
    return 0.3 if frozenset({ta, tb}) in RELATED_TYPES else 0.0


_ARTICLE = re.compile(r"^(the|a|an)\s+")
# ACLED's placeholder names ("Unidentified Armed Group (Nigeria)", "Civilians (Iraq)") say nothing
# about which event it is: two reports sharing one are not evidence of the same event.
_GENERIC = re.compile(r"^(unidentified|unknown|civilians|protesters|rioters|gunmen|militants|police)\b")


def actor_names(event: Mapping) -> set[str]:
    """Specific actor names of an event, lower-cased (placeholders and unknown kinds left out)."""
    names = set()
    for actor in event.get("actors") or ():
        name = _ARTICLE.sub("", str(actor.get("name") or "").lower()).strip()
        if name and actor.get("kind") != "unknown" and not _GENERIC.match(name):
            names.add(name)
    return names


def actor_similarity(a: Mapping, b: Mapping) -> float | None:
    na, nb = actor_names(a), actor_names(b)
    if not na or not nb:
        return None
    return len(na & nb) / len(na | nb)


def _date_feature(a: Mention, b: Mention) -> tuple[float, str | None, str | None]:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return 0.0, None, None
    gap = day_gap(ia, ib)
    if ia.explicit and ib.explicit and ia.start != ib.start:
        return 0.0, None, f"different explicit days: {ia.start} vs {ib.start}"
    if gap == 0:
        if ia.explicit and ib.explicit:
            return BONUS["same_day"], f"same day {ia.start}", None
        precise = ia.precision != "published" or ib.precision != "published"
        return (BONUS["date_overlap"] if precise else 0.0), "dates overlap", None
    return BONUS["per_extra_day"] * (gap - 1), f"{gap} day(s) apart", None


def _place_feature(a: Mention, b: Mention) -> tuple[float, str | None, str | None]:
    la, lb = location(a), location(b)
    ca, cb = (la or {}).get("country_code"), (lb or {}).get("country_code")
    if ca and cb and ca != cb:
        if explicit_place(la) and explicit_place(lb):
            return 0.0, None, f"explicit places in different countries: {ca} vs {cb}"
        return BONUS["beyond_tolerance"], f"different countries: {ca} vs {cb}", None
    pa, pb = coords(la), coords(lb)
    tol = tolerance_km(la, lb)
    if pa is None or pb is None or tol is None:
        same = ca is not None and ca == cb
        return 0.0, ("same country" if same else None), None
    d = haversine_km(pa, pb)
    if explicit_place(la) and explicit_place(lb) and d > EXPLICIT_PLACE_LIMIT_KM:
        return 0.0, None, f"explicit places {d:.0f} km apart"
    if d <= tol / 2:
        value = BONUS["near"]
    else:
        value = BONUS["within_tolerance"] if d <= tol else BONUS["beyond_tolerance"]
    return value, f"{d:.0f} km apart", None


def conflicts(a: Mention, b: Mention) -> tuple[str, ...]:
    """Reasons why two mentions can never be one event (empty when they may be)."""
    out = []
    if a.article_id == b.article_id:
        out.append("one article reports them as separate events")
    for conflict in (_date_feature(a, b)[2], _place_feature(a, b)[2]):
        if conflict:
            out.append(conflict)
    if type_similarity(a.event, b.event) == 0.0:
        out.append(f"incompatible types: {a.event.get('event_type')} vs {b.event.get('event_type')}")
    ga, gb = STATUS_GROUP.get(str(a.event.get("status"))), STATUS_GROUP.get(str(b.event.get("status")))
    if ga and gb and ga != gb:
        out.append(f"status {a.event.get('status')} vs {b.event.get('status')}")
    return tuple(out)


def _type_bonus(similarity: float | None) -> float:
    if similarity is None:
        return 0.0
    if similarity == 1.0:
        return BONUS["same_subtype"]
    if similarity == 0.7:
        return BONUS["compatible_subtype"]
    return BONUS["related_type"] if similarity <= 0.3 else 0.0


def _actor_bonus(similarity: float | None) -> float:
    if similarity is None:
        return 0.0
    return BONUS["actors"] * similarity if similarity > 0 else BONUS["disjoint_actors"]


def score_pair(a: Mention, b: Mention, vectors: VectorCache) -> PairScore:
    """Score two mentions; symmetric in ``a`` and ``b``."""
    date_v, date_r, _ = _date_feature(a, b)
    place_v, place_r, _ = _place_feature(a, b)
    type_v = type_similarity(a.event, b.event)
    actor_v = actor_similarity(a.event, b.event)
    text_v = vectors.similarity(a, b)
    features = {"text": round(text_v, 4), "date": date_v, "place": place_v,
                "type": _type_bonus(type_v), "actors": round(_actor_bonus(actor_v), 4)}
    score = min(1.0, max(0.0, sum(features.values())))
    reasons = [r for r in (date_r, place_r) if r]
    reasons.append(f"text similarity {text_v:.2f}")
    if type_v is not None:
        reasons.append(f"type match {type_v:.1f}")
    if actor_v:
        reasons.append(f"shared actors: {', '.join(sorted(actor_names(a.event) & actor_names(b.event)))}")
    found = conflicts(a, b)
    return PairScore(round(score, 4), features, found, tuple(reasons))
