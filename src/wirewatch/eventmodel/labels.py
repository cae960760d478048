"""The label space of the event model: ACLED's 25 sub-event types plus ``none``."""

from __future__ import annotations

NONE = "none"

TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Explosions/Remote violence": ("Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
                                   "Chemical weapon"),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}

SUB_EVENT_TYPES: tuple[str, ...] = tuple(s for subs in TAXONOMY.values() for s in subs)
PARENT: dict[str, str] = {sub: etype for etype, subs in TAXONOMY.items() for sub in subs}
#: Class order of the model's output: ``none`` first, then the 25 types in codebook order.
LABELS: tuple[str, ...] = (NONE, *SUB_EVENT_TYPES)

STATUSES: tuple[str, ...] = ("occurred", "threatened", "planned", "denied", "background")
REGISTERS: tuple[str, ...] = ("note", "wire", "lead", "headline", "sentence")
NEG_KINDS: tuple[str, ...] = ("sports", "markets", "politics", "culture", "anniversary", "trial", "crime",
                              "disaster", "accident", "diplomacy", "health", "military_routine", "metaphor",
                              "cyber", "labour", "other")


def event_type_of(label: str) -> str | None:
    """The ACLED event type of a sub-event type (``None`` for ``none``)."""
    return PARENT.get(label)
