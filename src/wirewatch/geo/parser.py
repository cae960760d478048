"""``Geoparser``: the geo stage's public face (recognition + resolution over one gazetteer)."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Location, PlaceMention, Span
from . import supplement
from .countrydata import COUNTRY_ABBREVIATIONS, DEMONYMS, PLACE_ABBREVIATIONS, US_STATE_ABBREVIATIONS
from .gazetteer import Gazetteer, load_cached
from .mentions import Mention, hierarchy_text, kind_fits, suffix_hint
from .normalize import name_key
from .places import Place
from .recognize import DIRECTIONS
from .resolve import Choice, resolve_all

if TYPE_CHECKING:  # pragma: no cover
    from ..annotate import Annotated

log = logging.getLogger(__name__)
EXTRACTOR = "wirewatch.geo"
# A province's namesake town is taken as its seat when it has this many people and this share of the
# province's most populous town. In the conflict countries 0.4 takes Bamyan, Koulikoro, Menaka, Magway,
# Tillaberi, Chihuahua (the capitals) and Ondo and Sennar (not); it leaves Balkh, Sagaing, Oyo, Nasarawa
# (namesakes under a quarter of Mazar-e Sharif, Kalemyo, Ibadan, Lafia) to the most populous town.
_SEAT_MIN_PEOPLE = 1000
_SEAT_SHARE = 0.4
# Words of an admin-1 name that say what kind of division it is, not which.
_DIVISION_WORDS = frozenset({"province", "governorate", "region", "state", "oblast", "oblast'", "muhafazat",
                             "velayat", "wilayat", "wilayah", "departamento", "department", "de", "del",
                             "sheng", "division", "prefecture", "county", "district", "rayon", "raion", "kray",
                             "krai", "respublika", "republic", "of", "the", "provincia", "estado", "regional"})
_US_STATES = {"AL": "Alabama", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
              "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "IL": "Illinois",
              "IN": "Indiana", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "MD": "Maryland",
              "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
              "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
              "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
              "ND": "North Dakota", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
              "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
              "TX": "Texas", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
              "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia"}


def division_core(admin1: str) -> str:
    """A division's (or town's) ``name_key`` without the words that name its kind (``Velayat-e Kandahar``
    -> ``kandahar``, ``Salah ad Din Governorate`` -> ``salah ad din``)."""
    words = [w for w in name_key(admin1).split(" ") if w not in _DIVISION_WORDS]
    if words and words[0] == "e":  # "velayat-e" split on the hyphen
        words = words[1:]
    return " ".join(words)


@dataclass
class Geoparser:
    """Finds and resolves places.  Build with ``Geoparser.load()`` once per process."""

    gazetteer: Gazetteer
    abbreviations: dict[str, tuple[int, ...]] = field(default_factory=dict)
    demonyms: dict[str, int] = field(default_factory=dict)
    _demonym_re: re.Pattern[str] | None = None
    _seats: dict[tuple[str, ...], tuple[int, float, float]] | None = None

    @classmethod
    def load(cls) -> Geoparser:
        """The cached package gazetteer plus the supplement(s); builds the cache on first use."""
        started = time.perf_counter()
        gaz = load_cached()
        for place, aliases in supplement.load_all():
            gaz.add(place, aliases)
        parser = cls(gaz)
        parser._index_abbreviations()
        log.debug("geoparser loaded in %.2f s", time.perf_counter() - started)
        return parser

    def _index_abbreviations(self) -> None:
        gaz = self.gazetteer
        for text, cc in COUNTRY_ABBREVIATIONS.items():
            if cc in gaz.countries:
                # a country's other name that is also a town's ("Palestine", Texas; "Russia", Ohio) keeps the
                # towns as candidates: the article's context chooses, as for any namesake
                towns = () if text.isupper() or "." in text else tuple(
                    p for p in gaz.lookup(name_key(text)) if gaz.rows[p][4] != "country")
                self.abbreviations[text] = (gaz.countries[cc], *towns)
        for text, code in US_STATE_ABBREVIATIONS.items():
            found = self._admin1("US", _US_STATES[code])
            if found is not None:
                self.abbreviations[text] = (found,)
        for text, (name, cc) in PLACE_ABBREVIATIONS.items():
            found = sorted((p for p in gaz.lookup(name_key(name)) if gaz.rows[p][1] == cc),
                           key=lambda p: (gaz.rows[p][4] not in ("city", "admin1"), -gaz.rows[p][5]))
            if found:
                self.abbreviations[text] = (found[0],)
        for word, cc in DEMONYMS.items():
            if cc in gaz.countries:
                self.demonyms[word] = gaz.countries[cc]

    def _admin1(self, cc: str, name: str) -> int | None:
        return next((pid for pid in self.gazetteer.lookup(name_key(name))
                     if self.gazetteer.rows[pid][4] == "admin1" and self.gazetteer.rows[pid][1] == cc), None)

    def demonym_pattern(self) -> re.Pattern[str]:
        """``Iraqi``, ``Iraqis``, ``South Korean``: whole words, longest first."""
        if self._demonym_re is None:
            words = sorted(self.demonyms, key=len, reverse=True)
            self._demonym_re = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")s?\b")
        return self._demonym_re

    def seat(self, loc: Location) -> tuple[float, float] | None:
        """The main town of an admin-1 or admin-2 division: where ACLED places an event known only to its
        province or district.  The packages do not mark capitals, so it is the town the province is named
        after when there is one of some size (Kandahar, Faranah, Santa Fe; see ``_SEAT_SHARE``), else its
        most populous town.  ``None`` for other precisions or an unknown division."""
        if loc.precision not in ("admin1", "admin2") or not loc.country_code or not loc.admin1:
            return None
        if self._seats is None:
            self._seats = self._index_seats()
        key = (loc.country_code, loc.admin1.lower()) if loc.precision == "admin1" else \
            (loc.country_code, loc.admin1.lower(), (loc.admin2 or loc.name or "").lower())
        found = self._seats.get(key)
        return (found[1], found[2]) if found else None

    def _index_seats(self) -> dict[tuple[str, ...], tuple[int, float, float]]:
        seats: dict[tuple[str, ...], tuple[int, float, float]] = {}
        namesakes: dict[tuple[str, ...], tuple[int, float, float]] = {}
        for row in self.gazetteer.rows:
            place = Place(*row)
            if place.precision != "city" or not place.country_code or not place.admin1:
                continue
            keys: list[tuple[str, ...]] = [(place.country_code, place.admin1.lower())]
            if place.admin2:
                keys.append((place.country_code, place.admin1.lower(), place.admin2.lower()))
            for key in keys:
                if place.population > seats.get(key, (-1, 0.0, 0.0))[0]:
                    seats[key] = (place.population, place.lat, place.lon)
            key = keys[0]
            if division_core(place.name) == division_core(place.admin1) and place.population > namesakes.get(key, (-1,))[0]:
                namesakes[key] = (place.population, place.lat, place.lon)
        for key, town in namesakes.items():
            if town[0] >= max(_SEAT_MIN_PEOPLE, _SEAT_SHARE * seats[key][0]):
                seats[key] = town
        return seats

    # -- lookups -------------------------------------------------------------------------
    def candidates(self, name: str, loose: bool = True) -> tuple[int, ...]:
        """Gazetteer ids a surface form may refer to (exact key, then loose transliteration keys)."""
        compact = name.replace(" ", "") if "." in name else name
        if compact in self.abbreviations:
            return self.abbreviations[compact]
        key = name_key(name)
        found = self.gazetteer.lookup(key)
        if not found and key.startswith("the "):
            key = key[4:]
            found = self.gazetteer.lookup(key)
        found = found + self.gazetteer.lookup_weak(key)
        return found or (self.gazetteer.lookup_loose(key) if loose else ())

    def location(self, place: Place) -> Location:
        return place.location(self.gazetteer.country_names.get(place.country_code or ""))

    def country(self, code_or_name: str) -> Location | None:
        """A country by ISO alpha-2/alpha-3 code or name, as a ``country``-precision Location."""
        text = code_or_name.strip()
        pid = self.gazetteer.countries.get(text.upper()) if len(text) == 2 else None
        if pid is None and len(text) == 3 and text.isupper():
            import pycountry

            entry = pycountry.countries.get(alpha_3=text)
            pid = self.gazetteer.countries.get(entry.alpha_2) if entry else None
        if pid is None:
            pid = next((c for c in self.candidates(text) if self.gazetteer.rows[c][4] == "country"
                        and self.gazetteer.rows[c][1]), None)
        return self.location(self.gazetteer.place(pid)) if pid is not None else None

    def resolve(self, name: str, context_countries: tuple[str, ...] = ()) -> Location | None:
        """The most likely place for a bare name, given countries known from context."""
        found = self.resolve_mentions(name, [(0, len(name))], context_countries)
        return found[0]

    # -- mentions in a text --------------------------------------------------------------
    def mention_at(self, text: str, start: int, end: int) -> Mention:
        """A mention for a given span, with the cues read from the text around it."""
        surface = text[start:end]
        word = surface.rstrip("s") if surface.endswith("s") and surface[:-1] in self.demonyms else surface
        if word in self.demonyms:
            pid = self.demonyms[word]
            return Mention(start, end, name_key(surface), (pid,), extractor=f"{EXTRACTOR}.demonym",
                           role="adjective", country_code=self.gazetteer.rows[pid][1])
        hint, _ = suffix_hint(text, end)
        key = name_key(surface)
        for suffix in ("province", "governorate", "district", "county", "region", "state", "city", "oblast"):
            if key.endswith(" " + suffix) and not self.gazetteer.lookup(key):
                hint = hint or ("admin2" if suffix in ("district", "county") else "city" if suffix == "city"
                                else "admin1")
                surface = surface[: -len(suffix) - 1]
                key = name_key(surface)
        found = self.candidates(surface) or self.candidates(text[start:end]) or self._named_after(surface)
        return Mention(start, end, key, found, precision_hint=hint)

    def _named_after(self, surface: str) -> tuple[int, ...]:
        """``North Dallas``, ``Salinas Valley``: an unknown name built on a known one takes its place."""
        words = surface.split()
        if len(words) < 2:
            return ()
        if words[0].lower() in DIRECTIONS:
            return self.candidates(" ".join(words[1:]))
        if words[-1].lower() in ("valley", "area", "metro", "township", "region", "basin"):
            return self.candidates(" ".join(words[:-1]))
        return ()

    def qualifiers(self, text: str, mentions: list[Mention]) -> dict[int, tuple[Place, ...]]:
        """The admin-1, admin-2 or country places the text names as holding a mention: ``Quincy,
        Massachusetts``; ``At Tarabshah, Ramadi district, Anbar province``; ``Jindayris (Afrin district,
        Aleppo)``; ``Al Mansurah town in the countryside of Ar-Raqqah governorate``."""
        out: dict[int, tuple[Place, ...]] = {}
        for m in mentions:
            if m.country_code:
                continue
            places: list[Place] = []
            for name, kind, linked in hierarchy_text(text, m.end):
                if kind:  # "Ramadi district", "Anbar province": a division, whichever level GeoNames gives it
                    ids = self.candidates(f"{name} {kind}", loose=False) or self.candidates(name, loose=False)
                    loose = not ids  # "Karene district" read as Keren (Eritrea) by its loose key: no veto
                    ids = ids or self.candidates(f"{name} {kind}") or self.candidates(name)
                    wanted: tuple[str, ...] = ("admin1", "admin2")
                else:  # "Quincy, Massachusetts", "Jindayris (Aleppo)"; "of Russia" is no qualifier
                    loose = False
                    ids = self.candidates(name) or (self.candidates(name.split(" ")[0]) if " " in name else ())
                    wanted = ("admin1", "country") if linked else ("admin1",)
                found = [p for p in map(self.gazetteer.place, ids) if p.precision in wanted and kind_fits(kind, p.feature)]
                m.firm_qualifier |= bool(kind or any(p.precision == "country" for p in found)) and bool(found) and not loose
                places += found
            if places and not (any(self.gazetteer.rows[c][4] == "country" for c in m.candidates)
                               and all(p.precision == "country" for p in places)):
                out[id(m)] = tuple(places)
        return out

    def resolve_mentions(self, text: str, spans: list[tuple[int, int]],
                         context_countries: tuple[str, ...] = ()) -> list[Location | None]:
        """Resolve given spans of ``text`` with the article-context logic (no parse needed)."""
        mentions = [self.mention_at(text, s, e) for s, e in spans]
        choices = resolve_all(self.gazetteer, mentions, self.qualifiers(text, mentions), context_countries)
        return [self.location(c.place) if c.place else None for c in choices]

    def choose(self, text: str, mentions: list[Mention]) -> list[Choice]:
        return resolve_all(self.gazetteer, mentions, self.qualifiers(text, mentions))

    def find_places(self, ann: Annotated) -> tuple[PlaceMention, ...]:
        """Every place mention in the article, resolved (or ``None`` with a reason)."""
        from .recognize import recognize

        text = ann.text
        mentions = recognize(self, ann)
        dateline = ann.article.dateline_place
        choices = resolve_all(self.gazetteer, mentions, self.qualifiers(text, mentions),
                              self._dateline_countries(dateline))
        out = []
        for m, c in zip(mentions, choices, strict=True):
            out.append(PlaceMention(span=Span.of(text, m.start, m.end),
                                    location=self.location(c.place) if c.place else None,
                                    extractor=m.extractor, role=m.role, reason=c.reason))
        return tuple(out)

    def _dateline_countries(self, dateline: str | None) -> tuple[str, ...]:
        if not dateline:
            return ()
        location = self.resolve(dateline)
        return (location.country_code,) if location and location.country_code else ()
