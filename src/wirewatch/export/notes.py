"""A ``notes`` sentence per event in ACLED's style: when, who did what to whom, where, the toll.

Example: "On 4 January 2024, United States military carried out an air/drone strike on Harakat
al-Nujaba in Baghdad (Baghdad, Iraq). 7 reported fatalities (low 2, high 7), 6 injured. Figures
differ: police: 7, militia spokesperson: 2."
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .. import dates
from .codes import VIOLENT_TYPES, actor_slots

# sub_event_type -> (phrase with the target, phrase without one)
_PHRASES: dict[str, tuple[str, str]] = {
    "Air/drone strike": ("carried out an air/drone strike on {a2}", "carried out an air/drone strike"),
    "Shelling/artillery/missile attack": ("shelled or fired missiles at {a2}", "shelled or fired missiles"),
    "Remote explosive/landmine/IED": ("detonated an explosive device targeting {a2}", "detonated an explosive device"),
    "Suicide bomb": ("carried out a suicide bombing targeting {a2}", "carried out a suicide bombing"),
    "Grenade": ("threw a grenade at {a2}", "threw a grenade"),
    "Chemical weapon": ("used chemical weapons against {a2}", "used chemical weapons"),
    "Armed clash": ("clashed with {a2}", "clashed with an armed group"),
    "Government regains territory": ("regained territory from {a2}", "regained territory"),
    "Non-state actor overtakes territory": ("took territory from {a2}", "took control of territory"),
    "Peaceful protest": ("demonstrated against {a2}", "demonstrated"),
    "Protest with intervention": ("demonstrated and were dispersed by {a2}", "demonstrated and were dispersed"),
    "Excessive force against protesters": ("used excessive force against {a2}", "used excessive force against protesters"),
    "Violent demonstration": ("rioted against {a2}", "rioted"),
    "Mob violence": ("attacked {a2} as a mob", "engaged in mob violence"),
    "Attack": ("attacked {a2}", "attacked civilians"),
    "Abduction/forced disappearance": ("abducted {a2}", "abducted people"),
    "Sexual violence": ("committed sexual violence against {a2}", "committed sexual violence"),
    "Arrests": ("arrested {a2}", "made arrests"),
    "Agreement": ("reached an agreement with {a2}", "reached an agreement"),
    "Disrupted weapons use": ("foiled an attack or seized weapons of {a2}", "foiled an attack or seized weapons"),
    "Looting/property destruction": ("looted or destroyed property of {a2}", "looted or destroyed property"),
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def _day(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def when(event_date: Mapping[str, Any] | None) -> str:
    d = dates.iso_day((event_date or {}).get("start"))
    if event_date is None or d is None:
        return "On an unknown date"
    precision = event_date.get("precision")
    if precision == "week":
        return f"In the week of {_day(d)}"
    if precision == "month":
        return f"In {_MONTHS[d.month - 1]} {d.year}"
    if precision == "year":
        return f"In {d.year}"
    return f"On {_day(d)}"


def where(loc: Mapping[str, Any] | None) -> str:
    if not loc or not (loc.get("name") or loc.get("country")):
        return ""
    parts = [p for p in (loc.get("admin1"), loc.get("country")) if p and p != loc.get("name")]
    inside = f" ({', '.join(parts)})" if parts else ""
    return f" in {loc.get('name') or loc.get('country')}{inside}"


def _names(actors: list[Mapping]) -> str:
    names = [str(a.get("name")) for a in actors if a.get("name")]
    return " and ".join(names[:2]) if names else ""


def what(event: Mapping[str, Any]) -> str:
    side1, side2 = actor_slots(event)
    a1, a2 = _names(side1), _names(side2)
    if not a1:
        a1 = "unidentified armed men" if event.get("event_type") in VIOLENT_TYPES else "people"
    sub = event.get("sub_event_type")
    with_target, alone = _PHRASES.get(str(sub), ("were involved in an event with {a2}", ""))
    if not alone:
        label = (sub or event.get("event_type") or "an event").lower()
        return f"{a1}: {label}"
    return f"{a1} {with_target.format(a2=a2) if a2 else alone}"


def toll(event: Mapping[str, Any]) -> str:
    fat, inj = event.get("fatalities") or {}, event.get("injured") or {}
    parts = []
    if fat.get("best") is not None:
        spread = fat.get("low") != fat.get("best") or fat.get("high") != fat.get("best")
        extra = f" (low {fat.get('low')}, high {fat.get('high')})" if spread else ""
        parts.append(f"{fat['best']} reported fatalities{extra}")
    if inj.get("best") is not None:
        parts.append(f"{inj['best']} injured")
    text = (", ".join(parts) + ".") if parts else ""
    differ = [d.get("text") for d in event.get("disagreements") or () if d.get("text")]
    if differ:
        text += (" " if text else "") + "Figures differ: " + "; ".join(differ) + "."
    return text


def notes(event: Mapping[str, Any]) -> str:
    """The ACLED-style notes sentence for one fused (or per-article) event dict."""
    sentence = f"{when(event.get('date'))}, {what(event)}{where(event.get('location'))}."
    rest = toll(event)
    return f"{sentence} {rest}" if rest else sentence
