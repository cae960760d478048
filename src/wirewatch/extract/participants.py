"""Turn role phrases into actors: the curated dictionary first, the text itself otherwise."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..model import Actor, Span
from .roles import RolePhrase

_LEADING = re.compile(r"^(?:the|a|an|some|several|two|three|four|five|\d+|other|local|both|all|its|his|their)\s+",
                      re.IGNORECASE)
_ACTOR_HEADS = {"militant", "gunman", "gunmen", "insurgent", "rebel", "soldier", "troop", "force", "police",
                "militia", "army", "fighter", "jihadist", "extremist", "attacker", "assailant", "bomber",
                "terrorist", "mob", "protester", "demonstrator", "rioter", "military", "man", "men", "officer",
                "commander", "member", "personnel", "civilian", "villager", "worshipper", "student", "child",
                "woman", "people", "resident", "leader", "official", "patrol", "convoy", "guard", "marine",
                "policeman", "ringleader", "general", "spokesperson", "spokesman", "government", "regime",
                "group", "movement", "faction", "unit", "brigade", "battalion", "division", "agent", "service"}


@dataclass(frozen=True, slots=True)
class ActorRef:
    key: str
    name: str
    kind: str
    country_code: str | None
    span: Span
    from_dictionary: bool


_AFFILIATION = re.compile(r"[-\s](?:linked|affiliated|backed|allied|aligned|inspired|supported|sponsored)\b",
                          re.IGNORECASE)


def refs_for(phrase: RolePhrase, text: str, actors: Any, country: str | None, on: date | None,
             geoparser: Any = None, country_at: Any = None, bombing: bool = False,
             is_place: Any = None) -> list[ActorRef]:
    """Actors named inside one role phrase."""
    out: list[ActorRef] = []
    try:
        matches = actors.find(text, phrase.span.start, phrase.span.end) if actors is not None else []
    except TypeError:  # pragma: no cover - older dictionary signature
        matches = actors.find(text[phrase.span.start:phrase.span.end])
    # "the al Qaeda-linked al-Shabaab group": the patron describes the doer the phrase names; with no other
    # group named ("Islamic State-linked gunmen") the affiliation is the best name there is, as ACLED codes it
    own = [m for m in matches if not _AFFILIATION.match(text, m.span.end)]
    if any(not getattr(m, "generic", False) for m in own):
        matches = own
    for m in matches:
        name, kind, cc = actors.resolve(m, country, on)
        entry_id = getattr(getattr(m, "entry", None), "id", name)
        generic = bool(getattr(m, "generic", False))
        out.append(ActorRef(name if generic else str(entry_id), name, kind, cc, m.span, not generic))
    if out:
        return out
    name = _clean(phrase.span.text)
    if name.isupper() and len(name) > 3:
        return []  # "KHARTOUM —": a dateline, not a doer
    state = _state_actor(name, phrase.span, geoparser, country, country_at, bombing)
    if state is not None:
        return [state]
    if not name or (phrase.head not in _ACTOR_HEADS and not name[:1].isupper()):
        return []
    if is_place is not None and is_place(phrase.span.start, phrase.span.end):
        return []  # "Manchester", "Bagram Airfield": a place, not a doer
    kind = actors.kind_of_unknown(name) if actors is not None else "unknown"
    return [ActorRef(name.lower(), name, kind or "unknown", None, phrase.span, False)]


_THE = {"United States", "United Kingdom", "Netherlands", "Philippines", "Central African Republic",
        "Democratic Republic of the Congo", "Gambia", "Bahamas", "United Arab Emirates", "Maldives"}


def _state_actor(name: str, span: Span, geoparser: Any, country: str | None, country_at: Any,
                 bombing: bool = False) -> ActorRef | None:
    """``the United States carried out air strikes``, ``Russian airstrikes``: a state named as the
    doer (by its name or its demonym) stands for its forces."""
    if geoparser is None or not name[:1].isupper() or len(name) > 40 or bombing:
        return None  # "Iraq car bombs kill 15": a country beside a planted bomb is where, not who
    loc = geoparser.country(name)
    if (loc is None or loc.precision != "country") and country_at is not None and " " not in name:
        code = country_at(span.start, span.end)
        loc = geoparser.country(code) if code else None
    if loc is None or loc.country_code is None or loc.precision != "country":
        return None
    kind = "external" if country and country != loc.country_code else "state_forces"
    label = loc.country or loc.name or loc.country_code
    label = f"the {label}" if label in _THE else label
    return ActorRef(f"state:{loc.country_code}", f"Military Forces of {label}", kind, loc.country_code, span, True)


def _clean(s: str) -> str:
    s = re.sub(r"\s+", " ", s.strip(" ,.;:\"“”'’"))
    for _ in range(3):
        s = _LEADING.sub("", s)
    if len(s) > 60:
        s = s[:60].rsplit(" ", 1)[0]
    return s


def to_actors(initiators: list[ActorRef], targets: list[ActorRef]) -> tuple[Actor, ...]:
    """Deduplicated actors with roles; an actor is never both initiator and target."""
    seen: dict[str, Actor] = {}
    for role, refs in (("initiator", initiators), ("target", targets)):
        for r in refs:
            if r.key in seen:
                continue
            seen[r.key] = Actor(r.name, role, r.kind, r.country_code, r.span, r.key)  # type: ignore[arg-type]
    return tuple(seen.values())
