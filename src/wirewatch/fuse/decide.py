"""Settings of fusion, and where one new mention goes (``assign``: join or new, with reasons).

A mention joins the existing event whose members it matches best on average (the mean calibrated
probability over the event's members, never-scored pairs counting 0), when that mean reaches the
model's threshold: the same rule as average-link clustering, for one mention.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .pairs import PairModel, candidate, load_model
from .profile import build
from .records import Decision, FusedEvent, Mention


@dataclass(frozen=True)
class FuseConfig:
    threshold: float | None = None  # merge threshold on the mean probability (None: the model's own)
    model_path: str | None = None  # another pair model file (None: the shipped one)

    def pair_model(self) -> PairModel:
        return load_model(self.model_path)


def assign(mention: Mention, existing: Sequence[FusedEvent], config: FuseConfig | None = None,
           model: PairModel | None = None) -> Decision:
    """Join the best-matching event, or start a new one; the decision says why."""
    cfg = config or FuseConfig()
    pm = model or cfg.pair_model()
    threshold = cfg.threshold if cfg.threshold is not None else pm.threshold
    p = build(mention, pm.idf, pm.default_idf)
    best: tuple[float, str, list[str]] | None = None
    near: list[str] = []
    for event in existing:
        if any(m.article_id == mention.article_id for m in event.members):
            continue
        others = [build(m, pm.idf, pm.default_idf) for m in event.members]
        probs = [pm.probability(p, o) if candidate(p, o) else 0.0 for o in others]
        mean = sum(probs) / len(probs)
        top = max(range(len(others)), key=lambda k: probs[k])
        if mean >= threshold and (best is None or mean > best[0] or (mean == best[0] and event.id < best[1])):
            best = (mean, event.id, pm.reasons(p, others[top]))
        elif probs[top] > 0:
            near.append(f"{event.id}: mean probability {mean:.2f}; " + "; ".join(pm.reasons(p, others[top])[:3]))
    if best is None:
        why = [f"no event reached a mean probability of {threshold:.2f}"] + near[:5]
        return Decision("new", None, 0.0, tuple(why))
    return Decision("join", best[1], round(best[0], 4), tuple(best[2]))
