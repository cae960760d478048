"""``wirewatch eval corpus`` / ``corpus-test``: event detection and typing on the project's own corpus.

Each item of a split (``corpus/events``, see its README) runs through the real pipeline
(``events_eval.Extractor``: ``pipeline.process`` with one ``Resources``, as ``wirewatch extract`` runs
it) as a plain-text article published on the item's date.  The item's predicted label is the sub-event
type of its main event (``acled_eval.main_event``: the first ``occurred`` event, else the first of any
status), or ``none``.  Beside the product, the same items are scored for the rules alone (the pipeline
with the model switched off) and the model alone (the classifier's top label for the whole item text),
so the combination can be compared with its parts.

Measures (``type`` measures on event items whose status is not ``threatened``, whose contract form is a
threat with no sub-event type):
- ``weighted_f1``, ``accuracy``, ``macro_f1`` of the sub-event type (a ``none`` prediction is a miss);
- ``events_given_none``: share of event items (any status) with no event at all;
- ``negatives_given_event``: share of ``none`` items with an event of any status;
- ``status_accuracy``: the main event's status against the item's, where an event was found;
- per register, per sub-event type, and the top confusions.

``corpus`` scores the dev split; ``corpus-test`` the blind test split, written after the model was
frozen: score it once per frozen model and never tune to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..eventmodel.corpus import Item, overlap
from ..eventmodel.labels import NONE, PARENT, REGISTERS
from .acled_eval import accuracy, confusions, macro_f1, main_event, per_class, weighted_f1

SET = "corpus"


def corpus_root() -> Path:
    """``corpus/events`` of the source tree (the corpus is not installed with the package)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent / "corpus" / "events"
        if (cand / "GUIDE.md").exists():
            return cand
    cand = Path.cwd() / "corpus" / "events"
    if (cand / "GUIDE.md").exists():
        return cand
    from ..errors import ConfigError

    raise ConfigError("the event corpus (corpus/events) was not found; run from a clone of the repository",
                      code="W202")


def _label(event: dict[str, Any] | None) -> str:
    return str(event.get("sub_event_type") or NONE) if event is not None else NONE


def score(items: Sequence[Item], main: Sequence[dict[str, Any] | None], any_event: Sequence[bool]) -> dict[str, Any]:
    """Every measure from gold items, the main event found for each, and whether any event was found."""
    typed = [k for k, i in enumerate(items) if i.is_event and i.status != "threatened"]
    gold = [items[k].label for k in typed]
    pred = [_label(main[k]) for k in typed]
    events = [k for k, i in enumerate(items) if i.is_event]
    negatives = [k for k, i in enumerate(items) if not i.is_event]
    found = [k for k in events if main[k] is not None]
    out: dict[str, Any] = {
        "items": len(items), "typed_items": len(typed), "negatives": len(negatives),
        "weighted_f1": weighted_f1(gold, pred), "accuracy": accuracy(gold, pred), "macro_f1": macro_f1(gold, pred),
        "event_type_weighted_f1": weighted_f1([PARENT[g] for g in gold], [PARENT.get(p, NONE) for p in pred]),
        "events_given_none": round(sum(main[k] is None for k in events) / len(events), 4) if events else None,
        "negatives_given_event": round(sum(any_event[k] for k in negatives) / len(negatives), 4) if negatives else None,
        "status_accuracy": round(sum(main[k].get("status") == items[k].status for k in found) / len(found), 4)
        if found else None,
    }
    out["by_register"] = {}
    for reg in REGISTERS:
        ix = [j for j, k in enumerate(typed) if items[k].register == reg]
        if ix:
            out["by_register"][reg] = {"items": len(ix), "weighted_f1": weighted_f1([gold[j] for j in ix], [pred[j] for j in ix])}
    out["top_confusions"] = confusions(gold, pred, top=12)
    out["per_sub_event_type"] = per_class(gold, pred)
    return out


def _model_only(items: Sequence[Item], model: Any) -> dict[str, Any]:
    """The classifier's top label for each whole item (no rules, no pipeline)."""
    preds = model.predict([i.text for i in items])
    main = [None if p.label == NONE else {"sub_event_type": p.label, "status": p.status} for p in preds]
    return score(items, main, [m is not None for m in main])


def _through_pipeline(items: Sequence[Item], extract: Any) -> tuple[list[dict[str, Any] | None], list[bool]]:
    main, any_event = [], []
    for i in items:
        events = extract(i.id, i.text, published=i.published)["events"]
        main.append(main_event(events))
        any_event.append(bool(events))
    return main, any_event


def gate_recall(items: Sequence[Item]) -> float:
    from ..extract.cues import has_cue

    events = [i for i in items if i.is_event]
    return round(sum(has_cue(i.text) for i in events) / len(events), 4) if events else 0.0


def evaluate_split(split: str, limit: int | None = None, use_cache: bool = True,
                   compare: bool = True) -> dict[str, Any]:
    from ..config import shared_dir
    from ..eventmodel.dataset import load_corpus
    from .events_eval import Extractor

    corpus = load_corpus(corpus_root(), shared_dir())
    items = corpus.of(split)[:limit] if limit else corpus.of(split)
    extract = Extractor(f"{SET}-{split}", use_cache)
    main, any_event = _through_pipeline(items, extract)
    out: dict[str, Any] = {"command": f"wirewatch eval {SET if split == 'dev' else SET + '-' + split}",
                           "split": split, "corpus_version": corpus.version[:12], "skipped": list(corpus.skipped)}
    out |= score(items, main, any_event)
    out["gate_recall"] = gate_recall(items)
    out["overlap_with_train"] = overlap([i.text for i in items], [i.text for i in corpus.of("train")], 8)
    out["anchors"] = {"target weighted F1": 0.85, "target events given none": 0.05,
                      "target negatives given an event": 0.05, "CASE 2021 best (ACLED descriptions)": 0.839}
    if compare:
        rules = Extractor(f"{SET}-{split}-rules", use_cache)
        rules.resources.use_event_model = False
        out["rules_only"] = _summary(score(items, *_through_pipeline(items, rules)))
        out["model_only"] = _summary(_model_only(items, extract.resources.event_model))
    return out


def _summary(report: dict[str, Any]) -> dict[str, Any]:
    keys = ("weighted_f1", "accuracy", "macro_f1", "events_given_none", "negatives_given_event", "status_accuracy")
    return {k: report[k] for k in keys}


def evaluate(shared: Path | None, limit: int | None = None, use_cache: bool = True) -> dict[str, Any]:
    """The dev split (``shared`` is used only to resolve the corpus' references to shared sentences)."""
    return evaluate_split("dev", limit, use_cache)


def evaluate_test(shared: Path | None, limit: int | None = None, use_cache: bool = True) -> dict[str, Any]:
    """The blind test split: once per frozen model."""
    return evaluate_split("test", limit, use_cache)


def counts(items: Sequence[Item]) -> dict[str, int]:
    return dict(Counter(i.label for i in items))
