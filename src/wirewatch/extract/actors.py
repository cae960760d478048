"""The curated actor dictionary: armed groups, state forces and generic actor nouns.

``ActorDictionary.load()`` reads the packaged ``data/actors.json`` (and a user file named by
``$WIREWATCH_ACTORS``), ``find(text)`` returns every actor mention (longest match, whole
tokens, case-aware for acronyms: ``IS`` but never ``Is``), and ``resolve(match, country, on)``
turns a mention into an ACLED-style ``(name, kind, country_code)`` for an event's country and
date: ``police`` in Iraq is ``Police Forces of Iraq``; ``U.S. troops`` in Iraq are ``external``;
``government forces`` in Syria in 2019 are ``Military Forces of Syria (2000-2024)``.
The file format is described in ``docs/actors.md``.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import ActorKind, Span

FORMAT = "wirewatch.actors/1"
KINDS: frozenset[str] = frozenset(ActorKind.__args__)  # type: ignore[attr-defined]
ENV_VAR = "WIREWATCH_ACTORS"

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['’ʼ`][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’ʼ`][sS]$")
_JOIN = re.compile(r"[ \t\u00a0\-‐‑–/]{0,3}")
_SPACES = re.compile(r"[ \t\u00a0]{1,2}")
_POSS_JOIN = re.compile(r"(?:['’ʼ`][sS]?)?[ \t\u00a0\-‐‑–]{0,3}")
_STRIP = str.maketrans("", "", ".'’ʼ`")
_MODIFIERS = frozenset({"shiite", "shia", "sunni", "kurdish", "islamist", "special", "elite", "local", "regional",
                        "federal", "national", "paramilitary", "riot", "allied", "proxy", "armed", "rebel", "army"})
_POSS = "'s"  # the trie's key for a possessive ending ("People's Defence Force")


def _fold(s: str) -> str:
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _key(token: str) -> str:
    return _fold(token).translate(_STRIP).lower()


def _compact(token: str) -> str:
    return _fold(token).translate(_STRIP)


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of time in which an actor (or a country's forces) carries another name or kind."""

    start: date | None
    end: date | None
    name: str | None = None
    kind: str | None = None
    country_code: str | None = None
    label: str | None = None

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    formal: str
    tag: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    periods: tuple[Period, ...] = ()
    capitals: tuple[str, ...] = ()  # metonyms: "Moscow said", "the Kremlin"
    regions: tuple[tuple[str, str], ...] = ()  # (name, place tag): parts that are places of their own

    def label_on(self, on: date | None) -> str:
        """`` (2000-2024)``: the regime period of the country's forces on that day, if any."""
        if on is None:
            return ""
        return next((f" ({p.label})" for p in self.periods if p.covers(on)), "")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    name: str
    short: str
    kind: str
    country_code: str | None
    aliases: tuple[str, ...]
    valid_from: date | None = None
    valid_to: date | None = None
    tag: str | None = None
    generic: bool = False
    periods: tuple[Period, ...] = ()
    modified_aliases: tuple[str, ...] = ()

    def valid_on(self, on: date | None) -> bool:
        if on is None:
            return True
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on < self.valid_to)

    def period_on(self, on: date | None) -> Period | None:
        if on is None:
            return None
        return next((p for p in self.periods if p.covers(on)), None)


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """One actor mention. ``country_code`` is the country named in the phrase (``Iraqi police``)."""

    span: Span
    entry: ActorEntry
    generic: bool
    country_code: str | None = None
    candidates: tuple[ActorEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class CountryMention:
    """A country named in the text. ``form``: name | demonym | capital | region (``Gaza``,
    ``Scotland``: then ``place_tag`` is the region's own tag)."""

    span: Span
    code: str
    demonym: bool
    form: str = "name"
    place_tag: str | None = None


@dataclass(frozen=True, slots=True)
class _Term:
    kind: str  # entry | country | stop
    ref: Any
    exact: str | None  # acronyms: the surface (dots, apostrophes removed) must equal this
    capital: bool  # proper names: the first letter must be upper case
    modified_only: bool = False  # "warplanes" counts only after a country ("Russian warplanes")


# A token is (start, end, key, possessive, text before it since the previous token).
_Tok = tuple[int, int, str, bool, str]
_KEYS: dict[str, tuple[str, bool]] = {}
_SPLIT = re.compile(f"({_TOKEN.pattern})")


def _word_key(word: str) -> tuple[str, bool]:
    found = _KEYS.get(word)
    if found is None:
        poss = len(word) > 2 and _POSSESSIVE.search(word) is not None
        found = (_key(word[:-2] if poss else word), poss)
        if len(_KEYS) < 200_000:
            _KEYS[word] = found
    return found


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    """Split once in C (``re.split`` keeps words and gaps), offsets by running sums of lengths."""
    parts = _SPLIT.split(text[start:end])
    offsets = list(accumulate(map(len, parts), initial=start))
    words = parts[1::2]
    cached = _KEYS.get
    kp = [cached(w) or _word_key(w) for w in words]
    keys = [k for k, _p in kp]
    poss = [p for _k, p in kp]
    ends = [e - 2 if p else e for e, p in zip(offsets[2::2], poss, strict=False)]
    return list(zip(offsets[1::2], ends, keys, poss, parts[0::2], strict=False))


# An actor noun used as a modifier names no actor: "terrorist attack", "police station", "army base".
_NOT_ACTOR_NEXT = frozenset(
    "attack attacks operation operations activity activities threat threats plot plots violence enclave "
    "enclaves territory station stations court courts base bases camp camps investigation investigations "
    "strategy policy hotline casualties deaths areas area targets infrastructure headquarters uniform "
    "uniforms vehicle vehicles truck trucks helicopter helicopters aircraft equipment hardware spending "
    "budget service rule coup takeover cordon tape".split())


def _attributive(toks: list[_Tok], j: int) -> bool:
    return j < len(toks) and toks[j][2] in _NOT_ACTOR_NEXT and _SPACES.fullmatch(toks[j][4]) is not None


def _surface(text: str, tok: _Tok) -> str:
    return _compact(text[tok[0]:tok[1]])


def _joined(text: str, toks: list[_Tok], j: int) -> bool:
    """Tokens ``j-1`` and ``j`` may belong to one name: only spaces, hyphens or a slash between
    (or a plural possessive: ``Workers' Party``)."""
    gap = toks[j][4]
    if _JOIN.fullmatch(gap):
        return True
    return gap[:1] in "'’" and text[toks[j - 1][1] - 1] in "sS" and _SPACES.fullmatch(gap, 1) is not None


def _alias_keys(alias: str) -> list[str]:
    keys = []
    for m in _TOKEN.finditer(alias):
        key, poss = _word_key(m.group())
        keys += [key, _POSS] if poss else [key]
    return keys


def _is_acronym(alias: str) -> bool:
    """``IS``, ``M23``, ``ISIS-K``, and mixed-case ones (``LeT``, ``JeM``): they match in their own case."""
    c = _compact(alias).replace("-", "")
    if len(c) > 6 or " " in c or not any(ch.isalpha() for ch in c):
        return False
    return c.isupper() or any(ch.isupper() for ch in c[1:])


class _Trie:
    """Token trie: each path of normalised tokens ends in terminals."""

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}

    def add(self, alias: str, term: _Term) -> None:
        keys = _alias_keys(alias)
        if not keys:
            return
        node = self.root
        for k in keys:
            node = node.setdefault(k, {})
        node.setdefault("", []).append(term)

    def longest(self, toks: list[_Tok], i: int, text: str, modified: bool) -> tuple[int, list[_Term]] | None:
        node: Any = self.root
        best: tuple[int, list[_Term]] | None = None
        j = i
        while j < len(toks):
            if j > i and toks[j - 1][3]:
                node = node.get(_POSS)
                if node is None:
                    break
            nxt = node.get(toks[j][2])
            if nxt is None:
                break
            if j > i and not toks[j - 1][3] and not _joined(text, toks, j):
                break
            node = nxt
            j += 1
            terms = node.get("")
            if terms:
                ok = [t for t in terms if _accept(t, text, toks, i, j, modified)]
                if ok:
                    best = (j, ok)
        return best


def _accept(term: _Term, text: str, toks: list[_Tok], i: int, j: int, modified: bool) -> bool:
    if term.modified_only and not modified:
        return False
    if term.exact is not None:
        return " ".join(_surface(text, toks[k]) for k in range(i, j)) == term.exact
    return not term.capital or text[toks[i][0]].isupper()


def _pick(terms: list[_Term]) -> list[_Term]:
    for kind in ("entry", "stop", "country"):
        chosen = [t for t in terms if t.kind == kind]
        if chosen:
            return chosen
    return terms


class ActorDictionary:
    """Entries, countries and a compiled token trie. Build once per process with ``load``."""

    def __init__(self, entries: list[ActorEntry], countries: list[Country], stop_phrases: list[str]) -> None:
        self.entries = tuple(entries)
        self.countries = {c.code: c for c in countries}
        self._by_id = {e.id: e for e in entries}
        self._trie = _Trie()
        for c in countries:
            forms: list[tuple[str, str, str | None]] = [(n, "name", None) for n in c.names]
            forms += [(d, "demonym", None) for d in c.demonyms]
            forms += [(n, "capital", None) for n in c.capitals] + [(n, "region", t) for n, t in c.regions]
            for form, kind, tag in forms:
                self._trie.add(form, _Term("country", (c.code, kind, tag), _exact(form), True))
        for p in stop_phrases:
            self._trie.add(p, _Term("stop", None, None, True))
        for e in entries:
            for a in e.aliases:
                self._trie.add(a, _Term("entry", e, _exact(a), not e.generic and a[:1].isupper()))
            for a in e.modified_aliases:
                self._trie.add(a, _Term("entry", e, None, False, modified_only=True))

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, extra_path: str | None = None) -> ActorDictionary:
        """The packaged dictionary plus ``extra_path`` (or ``$WIREWATCH_ACTORS``) if given."""
        from .actor_file import parse_file

        src = resources.files("wirewatch") / "data" / "actors.json"
        base = parse_file(json.loads(src.read_text(encoding="utf-8")), "wirewatch/data/actors.json")
        entries, countries, stops = base
        extra = extra_path or os.environ.get(ENV_VAR)
        if extra:
            path = Path(extra)
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigError(f"cannot read the actor file: {exc}", code="W210", source=str(path)) from exc
            more, more_countries, more_stops = parse_file(raw, str(path), known={c.code for c in countries})
            replaced = {e.id for e in more}
            entries = [e for e in entries if e.id not in replaced] + more
            countries, stops = countries + more_countries, stops + more_stops
        return cls(entries, countries, stops)

    def by_id(self, actor_id: str) -> ActorEntry | None:
        return self._by_id.get(actor_id)

    def country(self, code: str | None) -> Country | None:
        return self.countries.get(code.upper()) if code else None

    # ------------------------------------------------------------------ matching

    def _scan(self, text: str, start: int, end: int | None) -> tuple[list[ActorMatch], list[CountryMention]]:
        toks = _tokens(text, start, len(text) if end is None else end)
        actors: list[ActorMatch] = []
        countries: list[CountryMention] = []
        i, n, root = 0, len(toks), self._trie.root
        while i < n:
            if toks[i][2] not in root:
                i += 1
                continue
            hit = self._trie.longest(toks, i, text, modified=False)
            if hit is None:
                i += 1
                continue
            j, terms = hit
            terms = _pick(terms)
            if terms[0].kind == "entry":
                if not (terms[0].ref.generic and _attributive(toks, j)):
                    actors.append(self._match(text, toks[i][0], toks[j - 1][1], terms, None))
            elif terms[0].kind == "country":
                code, form, tag = terms[0].ref
                span = Span.of(text, toks[i][0], toks[j - 1][1])
                countries.append(CountryMention(span, code, form == "demonym", form, tag))
                j = self._follow(text, toks, i, j, code, actors)
            i = j
        return actors, countries

    def _follow(self, text: str, toks: list[_Tok], i: int, j: int, code: str, out: list[ActorMatch]) -> int:
        """After a country word: ``Iraqi`` (+ ``Shiite``) + ``security forces`` is one actor of that country."""
        k = j
        if j < len(toks) and toks[j][2] in _MODIFIERS and _JOIN.fullmatch(toks[j][4]):
            k = j + 1  # one modifier word may sit between: "Iraqi Shiite militia", "U.S. special forces"
        for at in dict.fromkeys((j, k)):
            if at >= len(toks) or not _POSS_JOIN.fullmatch(toks[at][4]):
                continue
            nxt = self._trie.longest(toks, at, text, modified=True)
            terms = [t for t in _pick(nxt[1]) if t.kind == "entry"] if nxt else []
            if not terms:
                continue
            end = nxt[0]  # type: ignore[index]
            if terms[0].ref.generic:
                out.append(self._match(text, toks[i][0], toks[end - 1][1], terms, code))
            elif at == j:
                out.append(self._match(text, toks[j][0], toks[end - 1][1], terms, None))
            else:
                continue
            return end
        return j

    @staticmethod
    def _match(text: str, s: int, e: int, terms: list[_Term], code: str | None) -> ActorMatch:
        cands = tuple(dict.fromkeys(t.ref for t in terms))
        if len(cands) > 1:  # an alias shared by several entries: the one it names outright comes first
            said = _alias_keys(text[s:e])

            def rank(c: ActorEntry) -> tuple[bool, int]:
                place = next((n for n, a in enumerate(c.aliases) if _alias_keys(a) == said), len(c.aliases))
                return said not in (_alias_keys(c.short), _alias_keys(c.name)), place

            cands = tuple(sorted(cands, key=rank))
        return ActorMatch(Span.of(text, s, e), cands[0], cands[0].generic, code, cands if len(cands) > 1 else ())

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[ActorMatch]:
        """Every actor mention in ``text[start:end]``, in order, longest match first."""
        return self._scan(text, start, end)[0]

    def find_countries(self, text: str, start: int = 0, end: int | None = None) -> list[CountryMention]:
        """Every country name or demonym (``Iraq``, ``Iraqi``, ``U.S.``) outside actor names."""
        return self._scan(text, start, end)[1]

    def scan(self, text: str, start: int = 0, end: int | None = None) -> tuple[list[ActorMatch], list[CountryMention]]:
        """``find`` and ``find_countries`` in one pass."""
        return self._scan(text, start, end)

    # ------------------------------------------------------------------ resolution

    def choose(self, match: ActorMatch, country_code: str | None, on: date | None) -> ActorEntry:
        """Among entries sharing an alias (``ADF``, ``SNA``), the one valid then and there."""
        cands = match.candidates or (match.entry,)

        def score(e: ActorEntry) -> int:
            return 2 * e.valid_on(on) + (country_code is not None and e.country_code == country_code)

        return max(cands, key=score)

    def resolve(self, match: ActorMatch, country_code: str | None, on: date | None = None) -> tuple[str, str, str | None]:
        """``(name, kind, country_code)`` of a mention in an event in ``country_code`` on ``on``."""
        country_code = country_code.upper() if country_code else None
        entry = self.choose(match, country_code, on)
        period = entry.period_on(on)
        kind = (period.kind if period and period.kind else entry.kind)
        template = period.name if period and period.name else entry.name
        home = (period.country_code if period else None) or match.country_code or entry.country_code
        if "{country}" in template:
            home = home or country_code
            template, kind = self._fill(template, kind, home, on, entry)
        if kind == "state_forces" and home and country_code and home != country_code:
            kind = "external"
        return template, kind, home

    def _fill(self, template: str, kind: str, home: str | None, on: date | None, entry: ActorEntry) -> tuple[str, str]:
        country = self.country(home)
        if country is None:
            return entry.short if entry.generic else template.replace(" of {country}", ""), kind
        if kind == "state_forces":
            return template.format(country=country.formal + country.label_on(on)), kind
        return template.format(country=country.name), kind

    def kind_of_unknown(self, noun_phrase: str) -> str:
        """Best-guess ACLED kind of an actor phrase missing from the dictionary."""
        found = self.find(noun_phrase)
        named = [m for m in found if not m.generic or m.country_code]
        if named:
            return named[-1].entry.kind
        if _PROPER_ARMY.search(noun_phrase.strip()):
            return "rebel_group"  # a named "X Liberation Army" that is not a country's army
        return found[-1].entry.kind if found else _guess_kind(noun_phrase)


def _exact(alias: str) -> str | None:
    return " ".join(_compact(m.group()) for m in _TOKEN.finditer(alias)) if _is_acronym(alias) else None


_GUESSES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.I), k)
    for p, k in (
        (r"\b(tribe|tribal|clan|ethnic|communal|self-defen[cs]e|vigilante|herd(er|sm[ae]n))", "identity_militia"),
        (r"\b(protest|demonstrat|marcher|activist|striker)", "protesters"),
        (r"\b(riot|mob|looter)", "rioters"),
        (r"\b(civilian|villager|resident|worshipp?er|student|child|women|farmer|journalist|passenger|people"
         r"|persons|bystander|pedestrian|shopper|pilgrim)", "civilians"),
        (r"\b(peacekeep|mercenar|contractor|coalition|mission)", "external"),
        (r"\b(police|army|soldier|troop|military|armed forces|gendarm|navy|air force|guard|general|colonel"
         r"|lieutenant|sergeant|corporal|admiral)", "state_forces"),
        (r"\b(rebel|insurg|guerr?ill|separatist|liberation|front|movement)", "rebel_group"),
        (r"\b(militia|gunm[ae]n|militant|fighter|brigade|battalion|gang|cartel|jihadist|extremist|group)",
         "political_militia"),
    )
)


_PROPER_ARMY = re.compile(r"^(?:[A-Z][\w'’-]*\s+)+(?:Army|Forces?|Front)$")


def _guess_kind(phrase: str) -> str:
    return next((k for p, k in _GUESSES if p.search(phrase)), "unknown")
