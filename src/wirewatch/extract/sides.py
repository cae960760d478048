"""Whose dead: the side of an event that a casualty figure's victims belong to.

A claim's ``victims`` (the noun phrase its number counts, ``militia fighters``) maps to a side of
its event (rule documented in docs/events.md, "Casualties per side"):

- nouns that name attackers (``attackers``, ``assailants``, ``bombers``) -> the side of their class
  by the kind rule below (``police killed 25 bombers``: the target), else ``initiator`` (``two of the
  attackers were killed`` when both sides are armed groups, or the attackers' side is not named);
- civilian nouns (the actor dictionary's generic ``civilians`` entry and its kind guesses:
  civilians, residents, villagers, children, women, worshippers, students, farmers ...) ->
  ``civilians``;
- a named actor (``Islamic State militants``) that is the actor of exactly one side -> that side;
- otherwise the victims' kind (from the actor dictionary: ``soldiers`` -> state forces,
  ``militants`` -> an armed group) compared with the kinds of the event's initiators and targets:
  when exactly one side has an actor of that class (state forces or foreign forces; armed groups
  of any kind; crowds), the figure is that side's;
- anything else -> ``None``: ``six people``, ``others``, ``two men``, or a class both sides share.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from ..model import Actor, Claim
from .casualties import NOBODY

SIDE_CLASS = {"state_forces": "state", "external": "state", "rebel_group": "armed", "political_militia": "armed",
              "identity_militia": "armed", "protesters": "crowd", "rioters": "crowd", "civilians": "civilians"}
ROLES = ("initiator", "target")
_ATTACKERS = re.compile(r"\b(?:attackers?|assailants?|bombers?|hijackers?|kidnappers?|perpetrators?|raiders?|"
                        r"shooters?)$", re.IGNORECASE)


def victim_kind(victims: str, dictionary: Any, country: str | None, on: date | None) -> tuple[str | None, str | None]:
    """``(actor name, kind)`` of a victim phrase: the name only for a named (not generic) actor;
    ``None`` for what the dictionary and its kind guesses do not know."""
    if dictionary is None:
        return None, None
    matches = dictionary.find(victims)
    if matches:
        m = matches[-1]  # the head: "members of Iraqi security forces"
        name, kind, _ = dictionary.resolve(m, country, on)
        return (None if m.generic else name), kind
    kind = dictionary.kind_of_unknown(victims)
    return None, (None if kind == "unknown" else kind)


def side_of(victims: str | None, actors: tuple[Actor, ...], dictionary: Any, country: str | None,
            on: date | None) -> str | None:
    """``initiator``, ``target``, ``civilians`` or ``None`` (unclear) for one victim phrase."""
    if not victims or victims.strip().lower() in NOBODY:
        return None
    name, kind = victim_kind(victims, dictionary, country, on)
    if kind == "civilians":
        return "civilians"
    if name is not None:
        named = {a.role for a in actors if a.role in ROLES and a.name == name}
        if len(named) == 1:
            return named.pop()
    wanted = SIDE_CLASS.get(kind or "")
    roles = {a.role for a in actors if a.role in ROLES and SIDE_CLASS.get(a.kind) == wanted}
    if wanted not in (None, "civilians") and len(roles) == 1:
        return roles.pop()
    return "initiator" if _ATTACKERS.search(victims.strip()) else None


def with_sides(claims: tuple[Claim, ...], actors: tuple[Actor, ...], dictionary: Any, country: str | None,
               on: date | None) -> tuple[Claim, ...]:
    """The claims with ``side`` set from their victims and the event's actors."""
    known: dict[str, str | None] = {}
    out = []
    for c in claims:
        if c.victims is None:
            out.append(c)
            continue
        if c.victims not in known:
            known[c.victims] = side_of(c.victims, actors, dictionary, country, on)
        out.append(replace(c, side=known[c.victims]))
    return tuple(out)


def side_actor(side: str, actors: tuple[Actor, ...]) -> str | None:
    """The name of the one actor that stands for ``side`` in the event, else ``None``: for
    ``civilians`` its civilian actor; for ``initiator``/``target`` its one non-civilian actor of
    that role, or, among several, the one whose class the other side lacks (the class rule of
    :func:`side_of`: police and an armed group as targets of an armed group -> the police)."""
    if side == "civilians":
        return _one([a for a in actors if a.kind == "civilians"])
    mine = [a for a in actors if a.role == side and a.kind != "civilians"]
    if len({a.name for a in mine}) > 1:
        other = {SIDE_CLASS.get(a.kind) for a in actors if a.role in ROLES and a.role != side}
        mine = [a for a in mine if SIDE_CLASS.get(a.kind) not in other]
    return _one(mine)


def _one(actors: list[Actor]) -> str | None:
    names = list(dict.fromkeys(a.name for a in actors))
    return names[0] if len(names) == 1 else None
