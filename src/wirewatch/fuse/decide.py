"""Decisions: may two groups of mentions be one event, and where does a new mention go.

Two groups merge when a pair across them scores at least ``threshold`` (with text similarity at
least ``min_text``), no pair across them
conflicts (complete link: every member must be compatible with every other), and the mean
score over all pairs across them is at least ``mean_floor`` (no long chains of weak links).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .records import Decision, FusedEvent, Mention
from .score import PairScore, conflicts, score_pair
from .text import TextModel, VectorCache

DEFAULT_THRESHOLD = 0.20
DEFAULT_MEAN_FLOOR = 0.10
DEFAULT_MIN_TEXT = 0.15


@dataclass(frozen=True)
class FuseConfig:
    threshold: float = DEFAULT_THRESHOLD
    mean_floor: float = DEFAULT_MEAN_FLOOR
    min_text: float = DEFAULT_MIN_TEXT  # a link needs this much text similarity: structure alone never merges
    window: int = 1  # days of slack between date intervals for candidates
    batch_idf: bool = True  # ``fuse`` builds IDF from its batch when no TextModel is given


def is_link(s: PairScore, cfg: FuseConfig) -> bool:
    """A pair strong enough to propose a merge."""
    return s.linkable and s.score >= cfg.threshold and s.features.get("text", 0.0) >= cfg.min_text


def group_conflicts(a: Sequence[Mention], b: Sequence[Mention]) -> tuple[str, ...]:
    """The first conflict between any member of ``a`` and any member of ``b`` (empty if none)."""
    for x in a:
        for y in b:
            found = conflicts(x, y)
            if found:
                return found
    return ()


def mean_score(a: Sequence[Mention], b: Sequence[Mention], vectors: VectorCache) -> float:
    scores = [score_pair(x, y, vectors).score for x in a for y in b]
    return sum(scores) / len(scores) if scores else 0.0


def may_merge(a: Sequence[Mention], b: Sequence[Mention], vectors: VectorCache, config: FuseConfig) -> bool:
    if group_conflicts(a, b):
        return False
    if len(a) * len(b) == 1:
        return True
    return mean_score(a, b, vectors) >= config.mean_floor


def _best_link(mention: Mention, event: FusedEvent, vectors: VectorCache, cfg: FuseConfig) -> PairScore | None:
    links = [s for s in (score_pair(mention, m, vectors) for m in event.members) if is_link(s, cfg)]
    return max(links, key=lambda s: s.score) if links else None


def assign(mention: Mention, existing: Sequence[FusedEvent], config: FuseConfig | None = None,
           model: TextModel | None = None) -> Decision:
    """Join the best-scoring compatible event, or start a new one; the decision says why."""
    cfg = config or FuseConfig()
    vectors = VectorCache(model)
    best: tuple[float, str, PairScore] | None = None
    blocked: list[str] = []
    for event in existing:
        found = group_conflicts([mention], event.members)
        if found:
            blocked.append(f"{event.id}: {found[0]}")
            continue
        link = _best_link(mention, event, vectors, cfg)
        if link is None or not may_merge([mention], event.members, vectors, cfg):
            continue
        if best is None or link.score > best[0] or (link.score == best[0] and event.id < best[1]):
            best = (link.score, event.id, link)
    if best is None:
        why = [f"no compatible event scored at least {cfg.threshold:.2f}"] + blocked[:5]
        return Decision("new", None, 0.0, tuple(why))
    return Decision("join", best[1], best[0], best[2].reasons)
