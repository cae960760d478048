"""Choose where the model and the rules meet (``extract.model_typing.Policy``) on the dev split.

Every dev item is read once (normalise, parse, times, places); then event extraction alone is re-run
for each candidate policy, with the model's probabilities computed once per sentence.  The objective is
the support-weighted F1 over the dev items' labels, where a hard negative's label is ``none`` and a
prediction is the main event's sub-event type (``threat`` for a threat, ``none`` for no event): it
rewards finding and typing events and punishes events found in negatives alike.  A coordinate search
(each threshold in turn, twice) keeps it to a few dozen runs.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from .dataset import Corpus
from .labels import NONE

GRID: dict[str, tuple[float, ...]] = {
    "new_event": (0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95, 1.01),
    "drop": (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01),
    "override": (0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 1.01),
}


class _MemoModel:
    """An ``EventModel`` whose probabilities are computed once per text, with a policy set from outside."""

    def __init__(self, model: Any):
        self.model = model
        self.manifest = dict(model.manifest)
        self._memo: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def probabilities(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        new = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if new:
            tp, sp = self.model.probabilities(new)
            self._memo.update({t: (a, b) for t, a, b in zip(new, tp, sp, strict=True)})
        if not texts:
            return self.model.probabilities([])
        return (np.stack([self._memo[t][0] for t in texts]), np.stack([self._memo[t][1] for t in texts]))


@dataclass(frozen=True)
class _Read:
    gold: str
    ann: Any
    places: Any
    times: Any


def _main_label(events: Sequence[Any]) -> str:
    if not events:
        return NONE
    ordered = sorted(events, key=lambda e: min((s.start for s in e.evidence), default=10**9))
    occurred = [e for e in ordered if e.status == "occurred"]
    e = (occurred or ordered)[0]
    return e.sub_event_type or ("threat" if e.plover_type == "THREATEN" else NONE)


def objective(gold: Sequence[str], pred: Sequence[str]) -> float:
    from ..evaluate.acled_eval import weighted_f1

    return weighted_f1(gold, pred)


def choose_policy(corpus: Corpus, weights_dir: Path, progress: Callable[[str], None] = print) -> dict[str, Any]:
    """Search the thresholds on the dev split, write them into the weights' manifest, return the trace."""
    from ..errors import WirewatchError
    from ..extract.events import extract_events
    from ..extract.model_typing import Policy
    from ..extract.times import tag_times
    from ..ingest.normalise import normalise
    from ..model import RawDocument
    from ..pipeline import Resources
    from .classifier import MANIFEST, EventModel

    started = time.perf_counter()
    res = Resources()
    model = _MemoModel(EventModel.load(weights_dir))
    items = [i for i in corpus.of("dev") if i.status != "threatened"]
    reads: list[_Read] = []
    unreadable: list[str] = []  # items the pipeline refuses (as it would in use): no event, whatever the policy
    for i in items:
        try:
            article = normalise(RawDocument(source=f"policy:{i.id}", content=i.text, kind="text", id=i.id,
                                            published=i.published))
        except WirewatchError:
            unreadable.append(i.label)
            continue
        ann = res.annotator.annotate(article)
        reads.append(_Read(i.label, ann, res.geoparser.find_places(ann), tag_times(ann)))

    def run(policy: Policy) -> float:
        model.manifest["policy"] = asdict(policy)
        pred = [_main_label(extract_events(r.ann, r.places, r.times, res.actors, res.geoparser, model)) for r in reads]
        return objective([r.gold for r in reads] + unreadable, pred + [NONE] * len(unreadable))

    current = Policy.of(model.model.manifest.get("policy"))
    best = run(current)
    trace = [{"policy": asdict(current), "objective": best}]
    for _ in range(2):
        for name, values in GRID.items():
            for v in values:
                cand = replace(current, **{name: v})
                if cand == current:
                    continue
                score = run(cand)
                trace.append({"policy": asdict(cand), "objective": score})
                if score > best:
                    best, current = score, cand
        progress(f"policy {asdict(current)}: dev objective {best}")
    path = weights_dir / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["policy"] = asdict(current) | {"dev_objective": best, "dev_items": len(reads),
                                            "chosen_by": "wirewatch train (coordinate search on the dev split)"}
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return {"policy": asdict(current), "dev_objective": best, "runs": len(trace),
            "seconds": round(time.perf_counter() - started, 1)}
