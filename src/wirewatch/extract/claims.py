"""Casualty claims of one event and their low/best/high aggregation.

Rule (documented in docs/events.md): within one article, a figure introduced as an
update (``the toll rose to four``) supersedes every earlier figure of the same field;
best is the last update, else the largest figure stated (smaller ones are usually parts
of it: ``two other members were killed``); low is the smallest figure that is not a
stated part (ACLED's conservative reading), high the largest.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Claim, Range
from .casualties import Figure
from .clusters import Cluster

if TYPE_CHECKING:  # pragma: no cover
    from .context import ArticleContext

_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests", None}


def _fields(c: Cluster) -> set[str]:
    kinds = c.kinds
    if any(k.plover_type == "THREATEN" for k in kinds):
        return set()
    if any(k.key == "arrest" for k in kinds):
        return {"arrested"}
    if all(k.key == "protest" for k in kinds):
        return set()  # a peaceful protest has no casualties of its own ("marched to mourn the deaths of 12")
    if any(k.event_type in _VIOLENT and k.plover_type in ("ASSAULT", "PROTEST") for k in kinds):
        return {"fatalities", "injured"}
    return set()


def _owner(ctx: ArticleContext, clusters: list[Cluster], sentence: int, figure: Figure) -> int | None:
    here = [(i, m) for i, c in enumerate(clusters) for m in c.mentions if m.sentence == sentence]
    if here:
        best = min(here, key=lambda im: (im[1].anaphoric, abs(im[1].trigger.start - figure.span.start)))
        return best[0]
    preceding = [(sentence - max(s for s in c.sentences if s <= sentence), i)
                 for i, c in enumerate(clusters) if any(s <= sentence for s in c.sentences)]
    preceding = [(d, i) for d, i in preceding if d <= 2]
    return min(preceding)[1] if preceding else None


def claims_for(ctx: ArticleContext, c: Cluster, clusters: list[Cluster], index: int) -> list[Claim]:
    fields = _fields(c)
    if not fields:
        return []
    out: list[Claim] = []
    for s, figures in sorted(ctx.figures.items()):
        for f in figures:
            if f.field not in fields or _owner(ctx, clusters, s, f) != index:
                continue
            attrib = ctx.attributions.get(s, [])
            claimant = attrib[0].claimant if attrib else None
            reported = (attrib[0].reported_by if attrib else None) or ctx.agency
            out.append(Claim(f.field, f.value, f.span, f.qualifier, claimant, reported, f.span.start,
                             update=f.update, partial=f.partial, superseded=f.earlier, victims=f.victims))
            # its groups follow it with the same order: breakdowns, not figures of their own
            out += [Claim(f.field, p.value, p.span, p.qualifier, claimant, reported, f.span.start, partial=True,
                          superseded=f.earlier, victims=p.victims) for p in f.parts]
    return _supersede(out)


def _supersede(claims: list[Claim]) -> list[Claim]:
    """Figures stated before the last update of the same field are superseded by it."""
    last: dict[str, int] = {}
    for cl in claims:
        if cl.update:
            last[cl.field] = max(last.get(cl.field, -1), cl.order)
    out = []
    for cl in claims:
        upd = next((u for u in claims if u.update and u.field == cl.field and u is not cl
                    and abs(u.order - cl.order) < 120 and u.value > cl.value), None)
        out.append(replace(cl, superseded=cl.superseded or cl.order < last.get(cl.field, -1),
                           partial=cl.partial or upd is not None))
    return out


def statements(claims: tuple[Claim, ...] | list[Claim]) -> list[Claim]:
    """The claims that state a figure, without the breakdown groups that follow one (same field and
    order: ``three civilians`` of ``killing 12 soldiers and three civilians``)."""
    seen: set[tuple[str, int]] = set()
    out = []
    for c in claims:
        if (c.field, c.order) not in seen:
            seen.add((c.field, c.order))
            out.append(c)
    return out


def aggregate(claims: tuple[Claim, ...], field: str) -> Range | None:
    """low/best/high for ``field`` from the article's claims (None when nothing is stated)."""
    return _range(statements(claims), field)


def _range(claims: list[Claim], field: str) -> Range | None:
    mine = [c for c in claims if c.field == field]
    if not mine:
        return None
    live = [c for c in mine if not c.superseded] or mine
    whole = [c for c in live if not c.partial] or live
    updates = [c for c in live if c.update]
    best = max(updates, key=lambda c: c.order).value if updates else max(c.value for c in whole)
    low = min(c.value for c in whole)
    return Range(min(low, best), best, max(max(c.value for c in live), best))


SIDES = ("initiator", "target", "civilians")


def side_claims(claims: tuple[Claim, ...]) -> list[Claim]:
    """The claims that count for a side: a figure whose side is known, and the groups of a figure of
    other (or no) side, the groups of one side within one figure added up (``two children and a
    woman`` -> civilians 3); groups of a figure's own side are inside it and not added."""
    out: list[Claim] = []
    groups: dict[tuple[str, int], list[Claim]] = {}
    for c in claims:
        groups.setdefault((c.field, c.order), []).append(c)
    for head, *parts in groups.values():
        if head.side:
            out.append(head)
        summed: dict[str, Claim] = {}
        for p in parts:
            if p.side and p.side != head.side:
                prev = summed.get(p.side)
                summed[p.side] = replace(p, value=(prev.value if prev else 0) + p.value, partial=head.partial)
        out += summed.values()
    return out


def by_side(claims: tuple[Claim, ...]) -> list[tuple[str, str, Range]]:
    """``(side, field, low/best/high)`` per side and field, by the rule of :func:`aggregate`."""
    counted = side_claims(claims)
    out = []
    for side in SIDES:
        mine = [c for c in counted if c.side == side]
        for field in dict.fromkeys(c.field for c in mine):
            r = _range(mine, field)
            if r is not None:
                out.append((side, field, r))
    return out
