"""Who says so: claimants in a sentence (``police and security sources told Reuters``),
the reporting outlet, and verification cues (``could not independently verify``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Span

_SAY = r"(?:said|says|say|told|reported|confirmed|stated|added|announced|claimed|according\s+to|quoted|cited)"
_SOURCE_NOUN = (
    r"(?:officials?|sources?|spokes(?:man|woman|person)|police(?:\s+(?:chief|officer|spokesman))?|"
    r"ministry|army|military|witness(?:es)?|eyewitnesses|residents?|medics?|doctors?|hospital|agency|"
    r"observatory|monitor|group|commander|governor|mayor|statement|media|television|TV|officer|"
    r"authorities|government|prosecutors?|investigators?|(?:news\s+)?agency|daily|newspaper)"
)
# "X told Reuters" / "told Al-Monitor": the outlet that reports the claim.
_TOLD_OUTLET = re.compile(
    r"\btold\s+(?P<outlet>Reuters|AP|AFP|the\s+Associated\s+Press|Agence\s+France-Presse|VOA|the\s+BBC|BBC|"
    r"Al[\s-]Monitor|Al\s+Jazeera|CNN|Xinhua|Anadolu|(?:[A-Z][\w.-]+\s?){1,3}?)(?=[\s,.;]|$)"
)
_CLAIMANT_AFTER = re.compile(
    rf",\s*(?P<who>(?:(?:the|a|an|two|three|several|local|senior|Iraqi|Syrian|U\.S\.|US|[A-Z][\w'’-]*)\s+)*"
    rf"[\w'’.-]*\s*{_SOURCE_NOUN}(?:\s+(?:and|or)\s+(?:[\w'’.-]+\s+){{0,3}}?{_SOURCE_NOUN})?)\s+"
    rf"(?:told|said|reported|confirmed|say|says|added)\b",
)
_SAID_BY = re.compile(
    rf"\b(?:said|says|reported|confirmed|according\s+to)\s+(?P<who>(?:the\s+)?(?:[\w'’.-]+\s+){{0,4}}?"
    rf"{_SOURCE_NOUN}(?:\s+(?:and|or)\s+(?:the\s+)?(?:[\w'’.-]+\s+){{0,3}}{_SOURCE_NOUN})?)",
)
_SUBJECT_SAID = re.compile(
    rf"(?:^|[.;]\s+|\n)\s*(?P<who>(?:(?:The|A|An|Two|Three|Several|Local|Senior|[A-Z][\w'’.-]*|and|or|the)\s+)*"
    rf"[\w'’.-]*\s*{_SOURCE_NOUN}(?:\s+(?:and|or)\s+(?:[\w'’.-]+\s+){{0,2}}?[\w'’.-]+)?)"
    rf"(?:,[^,]{{0,80}},)?\s+(?:said|told|reported|confirmed|say|says|claimed)\b",
)
_NAMED_SOURCE = re.compile(
    r"\b(?P<who>(?:Russia['’]s\s+)?(?:state-run\s+)?(?:Tass|TASS|Reuters|AFP|AP|Al[\s-]Monitor|Xinhua|Anadolu|"
    r"(?:the\s+)?Syrian\s+Observatory\s+for\s+Human\s+Rights|SOHR|Defen[cs]e\s+Ministry|"
    r"(?:the\s+)?Pentagon|(?:the\s+)?White\s+House|Health\s+Ministry|Interior\s+Ministry)"
    r"(?:\s+news\s+agency)?)\s+(?:online\s+)?(?:reported|said|confirmed|says|announced|told)"
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<who>(?:the\s+)?[^,.;]{3,80})")
UNVERIFIED = re.compile(
    r"could\s+not\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*|unverified|purport\w*|"
    r"not\s+(?:been\s+)?independently\s+(?:verif|confirm)\w*|claimed\s+(?:it|that)", re.IGNORECASE)
CONFIRMED = re.compile(r"\bindependently\s+(?:confirmed|verified)\b", re.IGNORECASE)

_AGENCIES = {"reuters": "Reuters", "ap": "AP", "associated press": "AP", "afp": "AFP",
             "agence france-presse": "AFP", "voa": "VOA", "bbc": "BBC", "al-monitor": "Al-Monitor",
             "al monitor": "Al-Monitor", "tass": "Tass", "xinhua": "Xinhua", "anadolu": "Anadolu"}

_OUTLETS = {v.lower() for v in _AGENCIES.values()}


@dataclass(frozen=True, slots=True)
class Attribution:
    claimant: str
    reported_by: str | None
    span: Span


def _clean(who: str) -> str:
    who = re.sub(r"^(?:the|a|an)\s+", "", who.strip(" ,.;:\"“”'"), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", who)


def outlet_name(raw: str) -> str:
    key = re.sub(r"^the\s+", "", raw.strip(), flags=re.IGNORECASE).lower()
    return _AGENCIES.get(key, raw.strip())


@lru_cache(maxsize=4096)
def attributions(sentence: str) -> tuple[tuple[str, str | None, int, int], ...]:
    """(claimant, reported_by, start, end) found in one sentence (offsets into ``sentence``)."""
    found: list[tuple[str, str | None, int, int]] = []
    told = _TOLD_OUTLET.search(sentence)
    outlet = outlet_name(told.group("outlet")) if told else None
    if outlet is None:
        named = [m for m in _NAMED_SOURCE.finditer(sentence) if outlet_name(m.group("who")).lower() in _OUTLETS]
        outlet = outlet_name(named[-1].group("who")) if named else None
    for rx in (_CLAIMANT_AFTER, _SUBJECT_SAID, _SAID_BY, _NAMED_SOURCE, _ACCORDING):
        for m in rx.finditer(sentence):
            who = _clean(m.group("who"))
            if 2 < len(who) < 90 and not any(a <= m.start("who") < b for _, _, a, b in found):
                found.append((who, outlet, m.start("who"), m.end("who")))
    return tuple(sorted(found, key=lambda f: f[2]))


def find_attributions(text: str, start: int, end: int) -> list[Attribution]:
    """Attributions in ``text[start:end]``, spans into ``text``."""
    return [Attribution(who, outlet, Span.of(text, start + a, start + b))
            for who, outlet, a, b in attributions(text[start:end])]


def verification(text: str) -> str | None:
    """Verification status stated by the article, if any."""
    if CONFIRMED.search(text):
        return "independently confirmed"
    if UNVERIFIED.search(text):
        return "unverified"
    return None
