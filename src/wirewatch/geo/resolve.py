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
from .normalize import name_key, skeleton_key
from .places import Place

PRECISION_PRIOR = {"country": 3.0, "admin1": 0.0, "admin2": -0.8, "city": 0.0, "point": 0.0}
EPONYMOUS_ADMIN = -3.0
SUPPLEMENT_BONUS = 2.5
CAPITAL_BONUS = 1.5
# Curated entries carry no population: this stands in for it, by kind.
NOMINAL_POPULATION = {"country": 10_000_000, "admin1": 1_000_000, "admin2": 100_000, "city": 10_000, "point": 10_000}
MAIN_NAME_BONUS = 1.0
HINT_MATCH, HINT_MISS = 3.0, -2.0
QUALIFIER_MATCH, QUALIFIER_MISS = 6.0, -4.0
COUNTRY_VOTE, ADMIN1_VOTE, ADMIN2_VOTE = 2.0, 2.0, 3.0
TOP_WEIGHT, PLAUSIBLE_WEIGHT, PLAUSIBLE_WITHIN, OTHER_WEIGHT = 1.0, 0.4, 3.0, 0.1
DEMONYM_WEIGHT, CONTEXT_ONLY_WEIGHT, GIVEN_COUNTRY_WEIGHT = 0.5, 0.5, 2.0
NEAR_50KM, NEAR_200KM = 1.5, 0.8
PASSES = 3
# ``_drop_foreign_aliases``: the article is plainly in another country when that country has at least this
# support from the other mentions (one confidently placed mention: 1.0; a given country: 2.0), and a
# candidate's own country counts as supported from this much (a plausible reading of another mention).
FOREIGN_CONTEXT, SUPPORTED = 1.0, 0.4
FOREIGN_KM = 500.0  # ... and far from every place the article names (Nahariya, across the border from Aitaroun, stays)
FOREIGN_CENTRE_KM = 1500.0  # ... or, when it names no town, far from the middle of that country
TOWNS = frozenset({"city", "point", "admin2"})


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def prior(place: Place, mention: Mention, qualifier: tuple[Place, ...]) -> float:
    population = place.population or (NOMINAL_POPULATION[place.precision] if place.source != "geonames" else 0)
    score = math.log10(population + 10) + PRECISION_PRIOR[place.precision]
    if place.source != "geonames":
        score += SUPPLEMENT_BONUS
    if place.feature == "PPLC":
        score += CAPITAL_BONUS
    if _main_key(place) == mention.key:
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
    if container.precision == "admin2":
        return (place.admin2 or "").lower() == (container.admin2 or container.name).lower()
    return (place.admin1 or "").lower() == (container.admin1 or container.name).lower()


def _eponymous_admin(place: Place, places: list[Place]) -> bool:
    """An admin area named like a town inside it among the candidates ("Baghdad" the province)."""
    if place.precision not in ("admin1", "admin2"):
        return False
    own = skeleton_key(name_key(place.name))
    return any(p.precision in ("city", "point") and skeleton_key(name_key(p.name)) == own and _inside(p, place)
               for p in places)


@dataclass
class Group:
    """Mentions sharing one name: they get one resolution."""

    gid: int
    members: list[Mention]
    places: list[Place]
    priors: list[float]
    scores: list[float] = field(default_factory=list)
    weight: float = 1.0
    reason: str | None = None  # why no place is possible, when ``places`` is empty on purpose

    def top(self) -> int:
        values = self.scores or self.priors
        return max(range(len(values)), key=values.__getitem__)


def _make_group(gaz: Gazetteer, gid: int, members: list[Mention], qualifiers: dict[int, tuple[Place, ...]]) -> Group:
    lead = members[0]
    qualifier = next((qualifiers[id(m)] for m in members if qualifiers.get(id(m))), ())
    hints = {m.precision_hint for m in members if m.precision_hint}
    hinted = Mention(lead.start, lead.end, lead.key, lead.candidates,
                     precision_hint=next(iter(hints)) if len(hints) == 1 else None)
    places = [gaz.place(pid) for pid in dict.fromkeys(c for m in members for c in m.candidates)]
    if qualifier and places and any(m.firm_qualifier for m in members) and \
            all(p.precision != "country" for p in places) and \
            not any(_inside(p, q) for p in places for q in qualifier) and \
            not {p.country_code for p in places} & {q.country_code for q in qualifier}:
        # "the village of Kuda, Nigeria" when the gazetteer knows only a Kuda in India; "Al Yusufiyah,
        # Mahmudiya district, Baghdad province" when it knows only Youssoufia in Morocco: no guess
        where = qualifier[-1].name
        return Group(gid, members, [], [], reason=f"no gazetteer entry for {lead.key!r} in {where}")
    priors = []
    for place in places:
        score = prior(place, hinted, qualifier)
        if hinted.precision_hint is None and _eponymous_admin(place, places):
            score += EPONYMOUS_ADMIN
        priors.append(score)
    weight = CONTEXT_ONLY_WEIGHT if all(m.role == "context" for m in members) else 1.0
    if lead.country_code:
        weight *= DEMONYM_WEIGHT
    return Group(gid, members, places, priors, weight=weight)


Votes = dict[tuple[str, str], float]


def _group_votes(group: Group) -> Votes:
    """What one group says about the article's countries (``("XX", "")``) and admin-1s."""
    votes: Votes = {}
    if not group.places:
        return votes
    values = group.scores or group.priors
    top = group.top()
    for i, place in enumerate(group.places):
        w = TOP_WEIGHT if i == top else PLAUSIBLE_WEIGHT if values[i] >= values[top] - PLAUSIBLE_WITHIN else OTHER_WEIGHT
        if w == 0.0 or not place.country_code:
            continue
        w *= group.weight
        keys = [(place.country_code, "")]
        if place.precision != "country" and place.admin1:
            keys.append((place.country_code, place.admin1.lower()))
        if place.precision in ("city", "admin2") and place.admin2:
            keys.append((place.country_code, f"{place.admin1}/{place.admin2}".lower()))
        for key in keys:
            votes[key] = max(votes.get(key, 0.0), w)
    return votes


def _contextual(place: Place, support: Votes, points: list[tuple[float, float]]) -> float:
    cc = place.country_code or ""
    score = COUNTRY_VOTE * math.log1p(max(support.get((cc, ""), 0.0), 0.0))
    if place.precision != "country" and place.admin1:
        score += ADMIN1_VOTE * math.log1p(max(support.get((cc, place.admin1.lower()), 0.0), 0.0))
    if place.precision in ("city", "admin2") and place.admin2:
        key = (cc, f"{place.admin1}/{place.admin2}".lower())
        score += ADMIN2_VOTE * math.log1p(max(support.get(key, 0.0), 0.0))
    if place.precision in TOWNS and points:
        near = _nearest_km(place.lat, place.lon, points)
        score += NEAR_50KM if near < 50 else NEAR_200KM if near < 200 else 0.0
    return score


def _nearest_km(lat: float, lon: float, points: list[tuple[float, float]]) -> float:
    """Distance to the nearest point, skipping points more than ~2 degrees of latitude away."""
    best = 1e9
    for plat, plon in points:
        if abs(plat - lat) < 2.0:
            best = min(best, distance_km(lat, lon, plat, plon))
            if best < 50:
                break
    return best


def _confident_point(g: Group) -> tuple[float, float] | None:
    """The coordinates of a group's choice when it is a town and clearly ahead of the other candidates."""
    confident = bool(g.places) and (len(g.places) == 1 or _margin(g) >= 1.0)
    place = g.places[g.top()] if confident else None
    return (place.lat, place.lon) if place and place.precision in TOWNS else None


def _margin(group: Group) -> float:
    values = sorted(group.scores or group.priors, reverse=True)
    return values[0] - values[1] if len(values) > 1 else 9.0


def _votes(groups: list[Group], given: Votes) -> tuple[list[Votes], Votes]:
    """Each group's votes, and all of them added to the given countries'."""
    votes = [_group_votes(g) for g in groups]
    total: Votes = dict(given)
    for v in votes:
        for key, w in v.items():
            total[key] = total.get(key, 0.0) + w
    return votes, total


def _rescore(groups: list[Group], given: Votes) -> None:
    """One pass: every group's candidates scored with the votes and places of the other groups."""
    votes, total = _votes(groups, given)
    tops = [_confident_point(g) for g in groups]
    for g, own in zip(groups, votes, strict=True):
        support = {k: w - own.get(k, 0.0) for k, w in total.items()}
        points = _other_points(groups, tops, g)
        g.scores = [p + _contextual(place, support, points) for p, place in zip(g.priors, g.places, strict=True)]


def _main_key(place: Place) -> str:
    """The key of the place's main name (``Kabul, Kabul Province`` -> ``kabul``)."""
    return name_key(place.name.split(",")[0])


def _other_name(place: Place, members: list[Mention]) -> bool:
    """The text names the place only by one of its other names (another language's, a loose spelling)."""
    own = _main_key(place)
    return all(m.key != own for m in members)


def _other_points(groups: list[Group], tops: list[tuple[float, float] | None], g: Group) -> list[tuple[float, float]]:
    """The confident town points (``_confident_point``) of the groups other than ``g``."""
    return [t for other, t in zip(groups, tops, strict=True) if t is not None and other is not g]


def _drop_foreign_aliases(gaz: Gazetteer, groups: list[Group], given: Votes) -> None:
    """A town named only by another name of it ("Boni", Bonn in some language; "al-Garma", spelled
    like Grarem in Algeria), in a country nothing else in the article supports, while the article
    is plainly in another country ("near Boni" beside Douentza and Sevare in Mali), is no reading of
    the text: such candidates are dropped, and the group keeps its best candidate in a country the
    article supports, or none ("Boni" is a village the gazetteer does not know)."""
    votes, total = _votes(groups, given)
    tops = [_confident_point(g) for g in groups]
    for g, own in zip(groups, votes, strict=True):
        if not g.places:
            continue
        support = {k[0]: w - own.get(k, 0.0) for k, w in total.items() if not k[1]}
        elsewhere = max((w for cc, w in support.items() if cc), default=0.0)
        if elsewhere < FOREIGN_CONTEXT:
            continue
        points = _other_points(groups, tops, g)
        limit = FOREIGN_KM
        if not points:  # no town to measure from: the middle of each country the article is plainly in
            centres = [gaz.place(gaz.countries[cc]) for cc, w in support.items()
                       if w >= FOREIGN_CONTEXT and cc in gaz.countries]
            points, limit = [(c.lat, c.lon) for c in centres], FOREIGN_CENTRE_KM
        keep = [i for i, p in enumerate(g.places)
                if p.precision not in TOWNS or support.get(p.country_code or "", 0.0) >= SUPPORTED
                or not _other_name(p, g.members)
                or min(distance_km(p.lat, p.lon, lat, lon) for lat, lon in points) <= limit]
        if len(keep) == len(g.places):
            continue
        top = g.places[g.top()]
        if not keep:
            g.reason = (f"{g.members[0].key!r} is only another name of {top.name} ({top.country_code}), "
                        "a country the article does not mention")
        values = g.scores or g.priors
        g.places = [g.places[i] for i in keep]
        g.priors = [g.priors[i] for i in keep]
        g.scores = [values[i] for i in keep]


@dataclass(frozen=True)
class Choice:
    """The resolution of one mention: the place (or ``None`` with a reason) and its score margin."""

    place: Place | None
    reason: str | None = None
    margin: float = 0.0


def _group_keys(mentions: list[Mention]) -> list[int]:
    ids: dict[str, int] = {}
    return [ids.setdefault(m.key if not m.country_code else "@" + m.country_code, len(ids)) for m in mentions]


def resolve_all(gaz: Gazetteer, mentions: list[Mention], qualifiers: dict[int, tuple[Place, ...]],
                context_countries: tuple[str, ...] = ()) -> list[Choice]:
    """Resolve every mention of one article: priors first, then passes that add the context."""
    keys = _group_keys(mentions)
    members: dict[int, list[Mention]] = defaultdict(list)
    for m, k in zip(mentions, keys, strict=True):
        members[k].append(m)
    groups = [_make_group(gaz, k, ms, qualifiers) for k, ms in members.items()]
    given: Votes = {(cc, ""): GIVEN_COUNTRY_WEIGHT for cc in context_countries}
    for _ in range(PASSES - 1):
        _rescore(groups, given)
    _drop_foreign_aliases(gaz, groups, given)
    chosen: dict[int, Choice] = {}
    for g in groups:
        if not g.places:
            chosen[g.gid] = Choice(None, g.reason or g.members[0].reason or
                                   f"no gazetteer entry for {g.members[0].key!r}")
        else:
            chosen[g.gid] = Choice(g.places[g.top()], None, _margin(g))
    return [chosen[k] for k in keys]
