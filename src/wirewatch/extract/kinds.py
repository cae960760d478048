"""Event kinds: one row per ACLED sub-event type (and a few Wirewatch refinements),
with its CAMEO code and PLOVER type and mode.  Grounded in TAXONOMY.md (ACLED codebook,
CAMEO 1.1b3, PLOVER draft 2.0).
"""

from __future__ import annotations

from dataclasses import dataclass

ERV = "Explosions/Remote violence"
VAC = "Violence against civilians"
SD = "Strategic developments"


@dataclass(frozen=True, slots=True)
class EventKind:
    key: str
    event_type: str | None
    sub_event_type: str | None
    cameo: str | None
    plover_type: str | None
    plover_mode: str | None
    rank: int  # higher wins when two kinds describe one event (more specific)
    weapon: str | None = None


_ROWS = [
    # key, event_type, sub_event_type, cameo, plover type, plover mode, rank, weapon
    ("suicide", ERV, "Suicide bomb", "1831", "ASSAULT", "suicide-attack", 95, "suicide bomb"),
    ("drone_strike", ERV, "Air/drone strike", "1952", "ASSAULT", "drone", 92, "drone"),
    ("air_strike", ERV, "Air/drone strike", "195", "ASSAULT", "aerial", 90, "aircraft"),
    ("strike", ERV, "Air/drone strike", "195", "ASSAULT", "aerial", 60, None),
    ("chemical", ERV, "Chemical weapon", "2042", "ASSAULT", "unconventional", 93, "chemical agent"),
    ("ied", ERV, "Remote explosive/landmine/IED", "1833", "ASSAULT", "explosives", 85, "IED"),
    ("car_bomb", ERV, "Remote explosive/landmine/IED", "1832", "ASSAULT", "explosives", 86, "car bomb"),
    ("landmine", ERV, "Remote explosive/landmine/IED", "183", "ASSAULT", "explosives", 84, "landmine"),
    ("bombing", ERV, "Remote explosive/landmine/IED", "183", "ASSAULT", "explosives", 70, "bomb"),
    ("explosion", ERV, "Remote explosive/landmine/IED", "183", "ASSAULT", "explosives", 40, "explosive"),
    ("grenade", ERV, "Grenade", "183", "ASSAULT", "explosives", 83, "grenade"),
    ("shelling", ERV, "Shelling/artillery/missile attack", "194", "ASSAULT", "heavy-weapons", 80, "artillery"),
    ("rocket", ERV, "Shelling/artillery/missile attack", "194", "ASSAULT", "heavy-weapons", 75, "rockets"),
    ("mortar", ERV, "Shelling/artillery/missile attack", "194", "ASSAULT", "heavy-weapons", 78, "mortars"),
    ("missile", ERV, "Shelling/artillery/missile attack", "194", "ASSAULT", "heavy-weapons", 77, "missiles"),
    ("clash", "Battles", "Armed clash", "190", "ASSAULT", "firearms", 65, None),
    ("gunfight", "Battles", "Armed clash", "193", "ASSAULT", "firearms", 66, None),
    ("regain", "Battles", "Government regains territory", "190", "ASSAULT", "heavy-weapons", 72, None),
    ("overtake", "Battles", "Non-state actor overtakes territory", "192", "ASSAULT", "heavy-weapons", 72, None),
    ("attack_civ", VAC, "Attack", "180", "ASSAULT", "firearms", 50, None),
    ("shooting", VAC, "Attack", "180", "ASSAULT", "firearms", 55, "firearms"),
    ("stabbing", VAC, "Attack", "180", "ASSAULT", "primitive", 56, "knife"),
    ("execution", VAC, "Attack", "1823", "ASSAULT", "targeted", 57, None),
    ("abduction", VAC, "Abduction/forced disappearance", "181", "ASSAULT", "abduct", 74, None),
    ("sexual", VAC, "Sexual violence", "1821", "ASSAULT", "sexual", 74, None),
    ("protest", "Protests", "Peaceful protest", "141", "PROTEST", "demonstrate", 45, None),
    ("protest_intervention", "Protests", "Protest with intervention", "141", "PROTEST", "demonstrate", 47, None),
    ("excessive_force", "Protests", "Excessive force against protesters", "175", "ASSAULT", "crowd-control", 76, None),
    ("riot", "Riots", "Violent demonstration", "145", "PROTEST", "riot", 58, None),
    ("mob", "Riots", "Mob violence", "145", "ASSAULT", "primitive", 58, None),
    ("arrest", SD, "Arrests", "173", "COERCE", "arrest", 42, None),
    ("agreement", SD, "Agreement", "0871", "AGREE", None, 42, None),
    ("change_group", SD, "Change to group/activity", "0", "MOBILIZE", None, 30, None),
    ("disrupted", SD, "Disrupted weapons use", "171", "COERCE", "seize", 62, None),
    ("base", SD, "Headquarters or base established", "0", "MOBILIZE", None, 30, None),
    ("looting", SD, "Looting/property destruction", "171", "COERCE", "destroy", 35, None),
    ("destruction", SD, "Looting/property destruction", "171", "COERCE", "destroy", 34, None),
    # ACLED's "Other": significant developments of no other type (coups, mass graves found); no PLOVER or
    # CAMEO code fits them, so both stay null.
    ("coup", SD, "Other", "0", None, None, 28, None),
    ("mass_grave", SD, "Other", "0", None, None, 28, None),
    ("transfer", SD, "Non-violent transfer of territory", "0874", "RETREAT", None, 36, None),
    # An attack whose manner is not stated: typed later from its target (civilians -> Attack).
    ("attack", None, None, "180", "ASSAULT", None, 20, None),
    ("kill", None, None, "180", "ASSAULT", None, 10, None),
    ("threat", None, None, "138", "THREATEN", "violence", 15, None),
]

KINDS: dict[str, EventKind] = {
    key: EventKind(key, et, st, cameo if cameo != "0" else None, pt, pm, rank, weapon)
    for key, et, st, cameo, pt, pm, rank, weapon in _ROWS
}

# Kinds that can only refine an event found by another trigger, never start one on their own.
GENERIC = frozenset({"attack", "kill", "explosion", "strike"})
# Words that also have everyday meanings ("the players fought", "attacked the results",
# "a cyclone killing 12", "withdrew from the talks"): they report a conflict event only
# with armed actors or weapons in the same sentence.
NEEDS_ARMED_CONTEXT = frozenset({"clash", "attack", "kill", "explosion", "strike", "shelling", "rocket", "missile",
                                 "overtake", "transfer", "change_group", "disrupted", "base", "regain", "chemical", "destruction", "coup",
                                 "threat"})
# ACLED actor kinds (inter codes 1-4 and 8) that bear arms.
ARMED_ACTOR_KINDS = frozenset({"state_forces", "rebel_group", "political_militia", "identity_militia", "external"})
VIOLENT_TYPES = frozenset({"Battles", ERV, VAC, "Riots"})


def family(kind: EventKind) -> str:
    """A coarse class for within-article merging: violence, protest, arrest, threat, ..."""
    if kind.plover_type == "THREATEN":
        return "threat"
    if kind.event_type in VIOLENT_TYPES or kind.key in GENERIC or kind.key == "excessive_force":
        return "violence"
    if kind.event_type == "Protests":
        return "protest"
    return "looting" if kind.key == "destruction" else kind.key
