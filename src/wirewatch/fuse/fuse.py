"""Batch and incremental fusion of mentions into events, independent of input order.

``fuse``: mentions are put in a canonical order; candidate pairs are scored; links at or above
the threshold are taken strongest first (ties by mention ids), and each merges two groups only
when ``decide.may_merge`` allows it (no conflict between any members, mean score high enough).
Groups never interact across the connected components of the candidate graph, so the result
depends only on the *set* of mentions.

``update``: a new batch re-fuses only the link component it touches (the new mentions and every
existing event linked to them, transitively), so the archive is not reprocessed and the result
equals a batch ``fuse`` of everything given the same ``TextModel``. This holds because links are
sorted by (score, ids) and a merge looks only at the two groups it joins: clustering never
crosses the connected components of the link graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from .candidates import are_candidates, candidate_pairs
from .decide import FuseConfig, is_link, may_merge
from .merge import build_event
from .records import FusedEvent, Mention
from .score import score_pair
from .text import TextModel, VectorCache, mention_text


def canonical(mentions: Iterable[Mention]) -> list[Mention]:
    """Mentions sorted by (date, article, event id), one per ``uid``."""
    unique: dict[str, Mention] = {}
    for m in mentions:
        unique.setdefault(m.uid, m)
    return sorted(unique.values(), key=lambda m: (m.sort_key(), m.uid))


def _links(ms: Sequence[Mention], vectors: VectorCache, cfg: FuseConfig) -> list[tuple[float, int, int, tuple]]:
    links = []
    for i, j in candidate_pairs(ms, cfg.window):
        s = score_pair(ms[i], ms[j], vectors)
        if is_link(s, cfg):
            links.append((s.score, i, j, s.reasons))
    links.sort(key=lambda x: (-x[0], ms[x[1]].uid, ms[x[2]].uid))
    return links


def cluster(ms: Sequence[Mention], vectors: VectorCache, cfg: FuseConfig) -> list[tuple[list[int], list[str]]]:
    """Groups of indices into ``ms`` with the reasons of the links that joined them."""
    group = list(range(len(ms)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(ms))}
    reasons: dict[int, list[str]] = {i: [] for i in range(len(ms))}
    for score, i, j, why in _links(ms, vectors, cfg):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        if not may_merge([ms[k] for k in members[gi]], [ms[k] for k in members[gj]], vectors, cfg):
            continue
        keep, drop = min(gi, gj), max(gi, gj)
        for k in members[drop]:
            group[k] = keep
        members[keep] += members.pop(drop)
        reasons[keep] += reasons.pop(drop) + [f"score {score:.2f}: " + "; ".join(why)]
    return [(sorted(idx), reasons[g]) for g, idx in sorted(members.items())]


def fuse(mentions: Iterable[Mention], config: FuseConfig | None = None,
         model: TextModel | None = None) -> list[FusedEvent]:
    """Fuse mentions into events; the result (sorted by id) does not depend on the input order."""
    cfg = config or FuseConfig()
    ms = canonical(mentions)
    if model is None and cfg.batch_idf:
        model = TextModel.build(mention_text(m) for m in ms)
    vectors = VectorCache(model)
    events = [build_event([ms[k] for k in idx], why) for idx, why in cluster(ms, vectors, cfg)]
    return sorted(events, key=lambda e: e.id)


def affected(existing: Sequence[FusedEvent], new: Sequence[Mention], vectors: VectorCache,
             cfg: FuseConfig) -> tuple[list[int], list[Mention]]:
    """Existing events reachable from ``new`` through links (candidate pairs that pass ``is_link``),
    and every mention of the resulting component: the only part of the archive a new batch can change."""
    frontier, pool, taken = list(new), list(new), set()
    while frontier:
        reached = [k for k, e in enumerate(existing) if k not in taken and any(
            are_candidates(m, f, cfg.window) and is_link(score_pair(m, f, vectors), cfg)
            for m in e.members for f in frontier)]
        taken.update(reached)
        frontier = [m for k in reached for m in existing[k].members]
        pool += frontier
    return sorted(taken), pool


def update(existing: Sequence[FusedEvent], new: Iterable[Mention], config: FuseConfig | None = None,
           model: TextModel | None = None) -> list[FusedEvent]:
    """Add mentions to a set of fused events, re-fusing only the link component they touch.

    Text similarity uses ``model`` (or equal word weights when it is ``None``), never an IDF of the
    batch, so the result equals ``fuse(all mentions, config, model)`` whatever the arrival order.
    """
    cfg = replace(config or FuseConfig(), batch_idf=False)
    known = {m.uid for e in existing for m in e.members}
    fresh = [m for m in canonical(new) if m.uid not in known]
    if not fresh:
        return sorted(existing, key=lambda e: e.id)
    touched, pool = affected(existing, fresh, VectorCache(model), cfg)
    drop = set(touched)
    kept = [e for k, e in enumerate(existing) if k not in drop]
    return sorted(kept + fuse(pool, cfg, model), key=lambda e: e.id)
