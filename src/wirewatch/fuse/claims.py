"""Claims across sources: every figure with its claimant, outlet and time; low/best/high; disagreements.

The rule (documented in docs/fusion.md):

1. Collect every casualty claim of every member mention, with the outlet and publication time of
   the article that reported it. Claims the extractor marked ``superseded`` inside their own
   article (an updated toll in the same story) stay listed but do not count.
2. Each claimant's *latest* figure is its current one (an official toll that rises from 4 to 7
   the next day is an update, not a disagreement). A claimant is its name, lower-cased; claims
   without a claimant belong to the outlet that printed them.
3. ``best`` is the latest figure from the most authoritative claimant class present:
   medical (hospitals, health ministries, coroners) > monitors (UN, ICRC, rights groups,
   observatories) > officials (police, government, army) > media (the outlet's own figure) >
   witnesses and unknown > parties to the fighting (militias, rebels claiming results).
4. ``low`` is the smallest current figure (ACLED's conservative reading: where sources differ,
   the lowest); ``high`` is the largest current figure (UCDP's high estimate).
5. Claimants whose current figures differ make a disagreement: ``police: 4, militia spokesperson: 2``.
6. With no claims, the members' own ranges are combined: min of lows, the latest member's best,
   max of highs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .records import Disagreement, Figure, FusedClaim, Mention
from .text import mention_text, tokens

FIELDS = ("fatalities", "injured")
CLASS_RANK = {"medical": 5, "monitor": 4, "official": 3, "media": 2, "witness": 1, "unknown": 1, "party": 0}
_CLASS_WORDS: tuple[tuple[str, str], ...] = (
    ("medical", r"hospital|medic|doctor|health|coroner|medical examiner|morgue|ambulance|red crescent|paramedic"),
    ("monitor", r"\bun\b|united nations|ocha|icrc|red cross|observatory|human rights|monitor|amnesty|"
                r"watchdog|unicef|unhcr|\bngo\b"),
    ("party", r"militia|rebel|insurgent|\bgroup\b|movement|faction|fighters|taliban|hamas|hezbollah|houthi|"
              r"islamic state|al-shabaab|boko haram|claimed responsibility|jihad"),
    ("official", r"police|ministry|government|official|authorit|army|military|governor|mayor|sheriff|"
                 r"security source|prosecutor|spokes|department|forces|state media"),
    ("witness", r"witness|resident|local|relative|family|neighbo"),
    ("media", r"reporter|journalist|correspondent|reuters|associated press|\bap\b|afp|agence|bbc|cnn|al jazeera"),
)
VERIFIED = "independently confirmed"
ONE_SIDE = "claimed by one side"
UNVERIFIED = "unverified"
WIRE_COPY_JACCARD = 0.8


def claimant_class(claimant: str | None) -> str:
    """The class of a claimant name (``media`` when no claimant is named: the outlet's own figure)."""
    if not claimant:
        return "media"
    low = claimant.lower()
    for name, pattern in _CLASS_WORDS:
        if re.search(pattern, low):
            return name
    return "unknown"


def collect_claims(members: Sequence[Mention]) -> tuple[FusedClaim, ...]:
    """Every claim of every member, with outlet and time, in a canonical order."""
    out = []
    for m in members:
        for c in m.event.get("claims") or ():
            value = c.get("value")
            if not isinstance(value, int) or c.get("field") is None:
                continue
            out.append(FusedClaim(
                field=str(c["field"]), value=value, claimant=c.get("claimant"),
                claimant_class=claimant_class(c.get("claimant")), outlet=m.outlet,
                reported_by=c.get("reported_by"), time=m.published, article_id=m.article_id,
                qualifier=c.get("qualifier"), superseded=bool(c.get("superseded")), text=c.get("text"),
                start=c.get("start"), end=c.get("end")))
    out.sort(key=lambda c: (c.field, c.time or "", c.article_id, c.claimant or "", c.value))
    return tuple(out)


def _claimant_key(c: FusedClaim) -> str:
    return (c.claimant or f"{c.outlet or c.reported_by or 'unattributed'}").strip().lower()


def current_claims(claims: Iterable[FusedClaim], field: str) -> dict[str, FusedClaim]:
    """Each claimant's latest non-superseded claim for ``field``."""
    latest: dict[str, FusedClaim] = {}
    for c in claims:  # sorted by time, so later claims replace earlier ones
        if c.field == field and not c.superseded:
            latest[_claimant_key(c)] = c
    return latest


def figure(claims: Sequence[FusedClaim], field: str, members: Sequence[Mention]) -> Figure:
    current = current_claims(claims, field)
    if not current:
        return _member_figure(members, field)
    values = [c.value for c in current.values()]
    top = max(CLASS_RANK[c.claimant_class] for c in current.values())
    best = max((c for c in current.values() if CLASS_RANK[c.claimant_class] == top),
               key=lambda c: (c.time or "", c.article_id, c.value))
    who = best.claimant or best.outlet or "unattributed"
    basis = f"latest {best.claimant_class} figure: {who}" + (f" via {best.outlet}" if best.outlet else "")
    return Figure(min(values), best.value, max(values), basis)


Dated = tuple[str, str, Mapping[str, Any]]  # (published, article id, a low/best/high mapping)


def _combine(ranges: Sequence[Dated]) -> tuple[int | None, int | None, int | None]:
    """Members' ranges as one: the lowest low, the latest article's best, the highest high."""
    lows = [r["low"] for _, _, r in ranges if r.get("low") is not None]
    highs = [r["high"] for _, _, r in ranges if r.get("high") is not None]
    latest = max(ranges, key=lambda x: (x[0], x[1]))[2]
    return min(lows) if lows else None, latest.get("best"), max(highs) if highs else None


def _member_figure(members: Sequence[Mention], field: str) -> Figure:
    ranges: list[Dated] = [(m.published or "", m.article_id, m.event[field]) for m in members if m.event.get(field)]
    if not ranges:
        return Figure(None, None, None, None)
    return Figure(*_combine(ranges), "combined member ranges (no claims)")


def side_figures(members: Sequence[Mention]) -> tuple[dict[str, Any], ...]:
    """Per-side figures of the fused event from its members' ``casualties_by_side``: for each side and
    field, the lowest low, the latest article's best and the highest high (:func:`_combine`, as for the
    totals), with the side's actor when the members agree on one."""
    groups: dict[tuple[str, str], list[Dated]] = {}
    for m in members:
        for r in m.event.get("casualties_by_side") or ():
            groups.setdefault((str(r.get("side")), str(r.get("field"))), []).append(
                (m.published or "", m.article_id, r))
    out = []
    for (side, fld), rows in sorted(groups.items()):
        low, best, high = _combine(rows)
        actors = {r.get("actor") for _, _, r in rows if r.get("actor")}
        out.append({"side": side, "actor": actors.pop() if len(actors) == 1 else None, "field": fld,
                    "low": low, "best": best, "high": high})
    return tuple(out)


def disagreements(claims: Sequence[FusedClaim]) -> tuple[Disagreement, ...]:
    out = []
    for field in FIELDS:
        current = current_claims(claims, field)
        if len({c.value for c in current.values()}) < 2:
            continue
        ordered = sorted(current.items(), key=lambda kv: (-CLASS_RANK[kv[1].claimant_class], kv[0]))
        text = ", ".join(f"{c.claimant or c.outlet or 'unattributed'}: {c.value}" for _, c in ordered)
        out.append(Disagreement(field, text))
    return tuple(out)


def independent_origins(members: Sequence[Mention]) -> int:
    """Distinct news-gathering origins: agency or outlet, with verbatim wire copies counted once."""
    groups = list(range(len(members)))

    def find(i: int) -> int:
        while groups[i] != i:
            groups[i] = groups[groups[i]]
            i = groups[i]
        return i

    words = [set(tokens(mention_text(m) + " " + (m.lead or ""))) for m in members]
    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            same_origin = members[i].origin is not None and members[i].origin == members[j].origin
            union = words[i] | words[j]
            copy = bool(union) and len(words[i] & words[j]) / len(union) >= WIRE_COPY_JACCARD
            if same_origin or copy:
                groups[find(i)] = find(j)
    known = {find(i) for i, m in enumerate(members) if m.origin is not None}
    return len(known)


def verification(members: Sequence[Mention], claims: Sequence[FusedClaim]) -> str:
    attributed = [c for c in claims if c.claimant]
    if attributed and all(c.claimant_class == "party" for c in attributed):
        return ONE_SIDE
    if independent_origins(members) >= 2:
        return VERIFIED
    stated = sorted({str(m.event.get("verification")) for m in members if m.event.get("verification")})
    return stated[0] if stated else UNVERIFIED


def merged_sources(members: Sequence[Mention], claims: Sequence[FusedClaim]) -> tuple[str, ...]:
    names: set[str] = set()
    for m in members:
        names.update(str(s) for s in (m.event.get("sources") or ()) if s)
    names.update(c.claimant for c in claims if c.claimant)
    return tuple(sorted(names, key=str.lower))


def as_mapping(fig: Figure) -> Mapping[str, int | None]:
    return {"low": fig.low, "best": fig.best, "high": fig.high}
