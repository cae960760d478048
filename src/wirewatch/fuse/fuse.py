"""Batch and incremental fusion of mentions into events, independent of input order.

``fuse``: every mention gets a profile (``profile.build``, under the pair model's fixed IDF table);
candidate pairs come from an index (``cluster.candidate_pairs``); each is scored by the learned pair
model (``pairs.PairModel``: a calibrated probability); average-link clustering at the model's
threshold groups them (``cluster.average_link``). Nothing depends on the order of the input.

``update``: a new batch re-fuses only the components it touches: the new mentions and every
existing event reachable from them through links (pairs scoring at least the threshold),
transitively. Clustering never crosses such components, so the result equals a batch ``fuse`` of
everything, whatever the arrival order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .cluster import average_link, candidate_pairs, scored_pairs
from .decide import FuseConfig
from .merge import build_event
from .pairs import PairModel, candidate
from .profile import Profile, build
from .records import FusedEvent, Mention


def canonical(mentions: Iterable[Mention]) -> list[Mention]:
    """Mentions sorted by (date, article, event id), one per ``uid``."""
    unique: dict[str, Mention] = {}
    for m in mentions:
        unique.setdefault(m.uid, m)
    return sorted(unique.values(), key=lambda m: (m.sort_key(), m.uid))


def profiles(ms: Sequence[Mention], model: PairModel) -> list[Profile]:
    return [build(m, model.idf, model.default_idf) for m in ms]


def _reasons(group: list[int], ps: Sequence[Profile], probs: dict[tuple[int, int], float],
             model: PairModel, threshold: float) -> list[str]:
    inside = set(group)
    out = []
    for (i, j), p in sorted(probs.items()):
        if i in inside and j in inside and p >= threshold:
            out.append(f"p {p:.2f}: " + "; ".join(model.reasons(ps[i], ps[j])))
    return out


def fuse(mentions: Iterable[Mention], config: FuseConfig | None = None,
         model: PairModel | None = None) -> list[FusedEvent]:
    """Fuse mentions into events; the result (sorted by id) does not depend on the input order."""
    cfg = config or FuseConfig()
    pm = model or cfg.pair_model()
    threshold = cfg.threshold if cfg.threshold is not None else pm.threshold
    ms = canonical(mentions)
    ps = profiles(ms, pm)
    probs = scored_pairs(ps, pm, candidate_pairs(ps))
    groups = average_link(ps, probs, threshold, [m.main for m in ms])
    events = [build_event([ms[k] for k in g], _reasons(g, ps, probs, pm, threshold)) for g in groups]
    return sorted(events, key=lambda e: e.id)


def affected(existing: Sequence[FusedEvent], new: Sequence[Mention], model: PairModel,
             threshold: float) -> tuple[list[int], list[Mention]]:
    """Existing events reachable from ``new`` through links, and every mention of the resulting
    component: the only part of the archive a new batch can change."""
    old = [(k, build(m, model.idf, model.default_idf)) for k, e in enumerate(existing) for m in e.members]
    frontier = [build(m, model.idf, model.default_idf) for m in new]
    taken: set[int] = set()
    while frontier:
        reached = {k for k, p in old if k not in taken and any(
            candidate(p, f) and model.probability(p, f) >= threshold for f in frontier)}
        taken |= reached
        frontier = [p for k, p in old if k in reached]
    pool = list(new) + [m for k in sorted(taken) for m in existing[k].members]
    return sorted(taken), pool


def update(existing: Sequence[FusedEvent], new: Iterable[Mention], config: FuseConfig | None = None,
           model: PairModel | None = None) -> list[FusedEvent]:
    """Add mentions to a set of fused events, re-fusing only the components they touch; the result
    equals ``fuse`` of all mentions whatever the arrival order."""
    cfg = config or FuseConfig()
    pm = model or cfg.pair_model()
    threshold = cfg.threshold if cfg.threshold is not None else pm.threshold
    known = {m.uid for e in existing for m in e.members}
    fresh = [m for m in canonical(new) if m.uid not in known]
    if not fresh:
        return sorted(existing, key=lambda e: e.id)
    touched, pool = affected(existing, fresh, pm, threshold)
    drop = set(touched)
    kept = [e for k, e in enumerate(existing) if k not in drop]
    return sorted(kept + fuse(pool, cfg, pm), key=lambda e: e.id)
