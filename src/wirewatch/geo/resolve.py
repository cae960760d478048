"""Resolution: choose each mention's gazetteer entry using evidence from the whole article.

Score of a candidate (higher is better; units are roughly "factors of ten in population"):
- prior: log10(population), a bonus by kind (country > admin1 > admin2 > town), a bonus for our
  curated supplement, a bonus when the text is the entry's main name rather than an alternate;
- the text's own cues: ``, Massachusetts`` qualifiers, ``province``/``county`` suffixes;
- context from the rest of the article: countries named (or implied by demonyms, states and
  unambiguous places), admin-1 names, and distance to the other confidently placed mentions.
Mentions with the same name are one group and get one resolution (one sense per article).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from .gazetteer import Gazetteer
from .mentions import Mention
from .normalize import name_key
from .places import Place

PRECISION_PRIOR = {"country": 3.0, "admin1": 0.0, "admin2": -0.8, "city": 0.0, "point": 0.0}
EPONYMOUS_ADMIN = -3.0
SUPPLEMENT_BONUS = 2.5
MAIN_NAME_BONUS = 1.0
HINT_MATCH, HINT_MISS = 3.0, -2.0
QUALIFIER_MATCH, QUALIFIER_MISS = 6.0, -4.0
COUNTRY_SHARE, COUNTRY_ANY = 3.0, 1.0
ADMIN1_CONTEXT = 2.0
NEAR_50KM, NEAR_200KM = 1.5, 0.8


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Context:
    """Evidence from the article, with each group's own contribution kept apart."""

    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    points: list[tuple[int, float, float]] = field(default_factory=list)
    own: dict[int, list[tuple[str | None, str | None, float]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, group: int, place: Place | None, cc: str | None, weight: float) -> None:
        cc = cc or (place.country_code if place else None)
        admin1 = (place.admin1 or "").lower() if place and place.precision != "country" else None
        if cc:
            self.countries[cc] += weight
        if cc and admin1:
            self.admin1[(cc, admin1)] += weight
        self.own[group].append((cc, admin1, weight))
        if place is not None and place.precision in ("city", "point", "admin2"):
            self.points.append((group, place.lat, place.lon))

    def country_weights(self, group: int) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
        countries, admin1 = dict(self.countries), dict(self.admin1)
        for cc, adm, weight in self.own.get(group, ()):
            if cc:
                countries[cc] -= weight
            if cc and adm:
                admin1[(cc, adm)] -= weight
        return countries, admin1


def prior(place: Place, mention: Mention, qualifier: tuple[Place, ...]) -> float:
    score = math.log10(place.population + 10) + PRECISION_PRIOR[place.precision]
    if place.source != "geonames":
        score += SUPPLEMENT_BONUS
    if name_key(place.name) == mention.key:
        score += MAIN_NAME_BONUS
    if mention.precision_hint is not None:
        score += HINT_MATCH if place.precision == mention.precision_hint else HINT_MISS
    if qualifier:
        score += QUALIFIER_MATCH if any(_inside(place, q) for q in qualifier) else QUALIFIER_MISS
    return score


def _inside(place: Place, container: Place) -> bool:
    if place.country_code != container.country_code or place is container:
        return False
    if container.precision == "country":
        return True
    return (place.admin1 or "").lower() == (container.admin1 or container.name).lower()


def contextual(place: Place, group: int, ctx: Context, weights: tuple[dict, dict]) -> float:
    countries, admin1 = weights
    total = sum(w for w in countries.values() if w > 0)
    score = 0.0
    cc = place.country_code
    if cc and total > 0 and countries.get(cc, 0) > 0:
        score += COUNTRY_ANY + COUNTRY_SHARE * countries[cc] / total
    if place.precision not in ("country", "admin1") and admin1.get((cc or "", (place.admin1 or "").lower()), 0) > 0:
        score += ADMIN1_CONTEXT
    if place.precision in ("city", "point", "admin2"):
        near = min((distance_km(place.lat, place.lon, lat, lon) for g, lat, lon in ctx.points if g != group),
                   default=None)
        if near is not None:
            score += NEAR_50KM if near < 50 else NEAR_200KM if near < 200 else 0.0
    return score


@dataclass(frozen=True)
class Choice:
    """The resolution of one mention: the place (or ``None`` with a reason) and its score margin."""

    place: Place | None
    reason: str | None = None
    margin: float = 0.0


def _group_keys(mentions: list[Mention]) -> list[int]:
    ids: dict[str, int] = {}
    return [ids.setdefault(m.key if not m.country_code else "@" + m.country_code, len(ids)) for m in mentions]


def _ranked(gaz: Gazetteer, members: list[Mention], group: int, ctx: Context | None,
            qualifiers: dict[int, tuple[Place, ...]]) -> list[tuple[float, Place]]:
    """Candidates of a group, best first; the group's cues are pooled over its mentions."""
    lead = members[0]
    qualifier = next((qualifiers[id(m)] for m in members if qualifiers.get(id(m))), ())
    hints = {m.precision_hint for m in members if m.precision_hint}
    hinted = Mention(lead.start, lead.end, lead.key, lead.candidates,
                     precision_hint=next(iter(hints)) if len(hints) == 1 else None)
    weights = ctx.country_weights(group) if ctx is not None else None
    ranked = []
    places = [gaz.place(pid) for pid in dict.fromkeys(c for m in members for c in m.candidates)]
    for place in places:
        score = prior(place, hinted, qualifier)
        if hinted.precision_hint is None and _eponymous_admin(place, places):
            score += EPONYMOUS_ADMIN
        if ctx is not None and weights is not None:
            score += contextual(place, group, ctx, weights)
        ranked.append((score, place))
    ranked.sort(key=lambda x: -x[0])
    return ranked


def _eponymous_admin(place: Place, places: list[Place]) -> bool:
    """An admin area named after a town among the candidates ("Baghdad" the province)."""
    if place.precision not in ("admin1", "admin2"):
        return False
    return any(p.precision in ("city", "point") and _inside(p, place) for p in places)


def _evidence_weight(place: Place, margin: float, single: bool) -> float:
    if place.precision in ("country", "admin1"):
        return 1.0
    return 0.7 if single or margin >= 2.0 else 0.3


def resolve_all(gaz: Gazetteer, mentions: list[Mention], qualifiers: dict[int, tuple[Place, ...]],
                context_countries: tuple[str, ...] = ()) -> list[Choice]:
    """Resolve every mention of one article (two passes: priors, then priors + context)."""
    groups = _group_keys(mentions)
    members: dict[int, list[Mention]] = defaultdict(list)
    for m, g in zip(mentions, groups, strict=True):
        members[g].append(m)
    ctx = Context()
    for cc in context_countries:
        ctx.add(-1, None, cc, 2.0)
    for g, ms in members.items():
        if ms[0].country_code:
            ctx.add(g, None, ms[0].country_code, 0.5 * len(ms))
            continue
        ranked = _ranked(gaz, ms, g, None, qualifiers)
        if ranked:
            margin = ranked[0][0] - ranked[1][0] if len(ranked) > 1 else 9.0
            ctx.add(g, ranked[0][1], None, _evidence_weight(ranked[0][1], margin, len(ranked) == 1))
        for q in {q.name: q for m in ms for q in qualifiers.get(id(m), ())}.values():
            ctx.add(g, q, None, 1.0)
    chosen: dict[int, Choice] = {}
    for g, ms in members.items():
        ranked = _ranked(gaz, ms, g, ctx, qualifiers)
        if not ranked:
            chosen[g] = Choice(None, ms[0].reason or f"no gazetteer entry for {ms[0].key!r}")
        else:
            margin = ranked[0][0] - ranked[1][0] if len(ranked) > 1 else 9.0
            chosen[g] = Choice(ranked[0][1], None, margin)
    return [chosen[g] for g in groups]
