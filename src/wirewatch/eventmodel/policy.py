"""Choose where the model and the rules meet (``extract.model_typing.Policy``) on dev data.

Two kinds of dev data are read once each (normalise, parse, times, places); then event extraction alone
is re-run for each candidate policy, with the model's probabilities computed once per sentence:

- the corpus' dev items: the support-weighted F1 over their labels, where a hard negative's label is
  ``none`` and a prediction is the main event's sub-event type (``threat`` for a threat, ``none`` for no
  event): it rewards finding and typing events and punishes events found in negatives alike;
- whole articles, where the rules' reading across sentences and the model's one sentence at a time
  meet: the golden articles (as copied and with page chrome removed), whose checks must all pass, the
  demo articles, whose share of passing checks counts, and the WikiEvents dev documents, whose event
  detection F1 (the measure of ``wirewatch eval wikievents``) counts.

A policy is better when fewer golden checks fail, then when fewer of the demo and WikiEvents detection
floors (``evaluate/floors.json``: the model must not undo what the rules reached) are missed, then when
the items' F1 plus the demo pass rate plus the WikiEvents detection F1 is higher by more than 0.001;
within that, the one closer to the rules alone.  A coordinate search (each threshold in turn, twice) keeps it to a few dozen runs.
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
    "override_min": (0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95),
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


@dataclass(frozen=True)
class _Story:
    """A golden or demo article read once: what ``pipeline.process`` makes of it, minus the events."""

    expected: dict[str, Any]
    golden: bool
    parts: Any  # (article, ann, places, times, failures) or, for a story the relevance gate turns away, its contract


def _read_stories(res: Any, shared: Path | None) -> list[_Story]:
    from ..evaluate.golden_eval import demo_cases, golden_cases
    from ..extract.times import tag_times
    from ..ingest.normalise import normalise_noted
    from ..model import RawDocument
    from ..pipeline import _relevant, process

    cases = [(c, True) for c in (golden_cases(shared) if shared else [])] + [(c, False) for c in demo_cases()]
    out = []
    for case, golden in cases:
        raw = RawDocument(source=case.source, content=case.text, kind="text")
        article, notes = normalise_noted(raw, 10**9)
        if not _relevant(article):
            from ..contract import to_contract

            out.append(_Story(case.expected, golden, to_contract(process(raw, res))))
            continue
        ann = res.annotator.annotate(article)
        out.append(_Story(case.expected, golden, (article, ann, res.geoparser.find_places(ann), tag_times(ann),
                                                  tuple(notes))))
    return out


@dataclass(frozen=True)
class _Wiki:
    """A WikiEvents dev document read once, with its sentences located in the article text."""

    doc: Any
    parts: Any
    sents: Any


def _read_wiki(res: Any, shared: Path | None) -> list[_Wiki]:
    from ..evaluate.wikievents_eval import load_docs, locate_sentences
    from ..extract.times import tag_times
    from ..ingest.normalise import normalise_noted
    from ..model import RawDocument

    out = []
    for doc in load_docs(shared) if shared else []:
        article, notes = normalise_noted(RawDocument(source=doc.id, content=doc.text, kind="text", id=doc.id), 10**9)
        ann = res.annotator.annotate(article)
        out.append(_Wiki(doc, (article, ann, res.geoparser.find_places(ann), tag_times(ann), tuple(notes)),
                         locate_sentences(doc.sentences, article.text)))
    return out


def _contract(parts: Any, res: Any, model: Any) -> dict[str, Any]:
    from ..contract import to_contract
    from ..extract.events import extract_events
    from ..extract.tags import infer_tags
    from ..model import Extraction

    article, ann, places, times, notes = parts
    events = extract_events(ann, places, times, res.actors, res.geoparser, model)
    return to_contract(Extraction(article, infer_tags(ann, places, events, res.actors), places, times, events, notes))


def _wiki_detection(wiki: list[_Wiki], res: Any, model: Any) -> dict[str, float]:
    """WikiEvents dev event detection (violence family): precision, recall and F1, as the evaluator has them."""
    from ..evaluate.events_eval import Counts
    from ..evaluate.wikievents_eval import detection_counts

    total = Counts()
    for w in wiki:
        c = detection_counts(w.doc, _contract(w.parts, res, model)["events"], w.sents).get("violence")
        if c is not None:
            total.add(c)
    return {k: float(v) for k, v in total.metrics().items()}


def _story_checks(story: _Story, res: Any, model: Any) -> tuple[int, int]:
    """(failed, total) checks of one story under the model's current policy."""
    from ..evaluate.golden import check

    output = story.parts if isinstance(story.parts, dict) else _contract(story.parts, res, model)
    results = check(output, story.expected)
    return sum(not r.passed for r in results), len(results)


TIE = 0.001  # objective differences this small are noise on a dev set of this size


def _better(score: tuple[int, int, float], cand: Any, best: tuple[int, int, float], current: Any) -> bool:
    """Fewer golden failures first; then fewer of the demo and WikiEvents detection floors missed; then a
    clearly higher objective; within ``TIE``, the policy closer to the rules alone (higher thresholds:
    fewer events the model adds, drops or retypes)."""
    if score[:2] != best[:2]:
        return score[:2] > best[:2]
    if abs(score[2] - best[2]) > TIE:
        return score[2] > best[2]
    return sum(asdict(cand).values()) > sum(asdict(current).values())


def choose_policy(corpus: Corpus, weights_dir: Path, progress: Callable[[str], None] = print) -> dict[str, Any]:
    """Search the thresholds on dev data, write them into the weights' manifest, return the trace."""
    from ..config import shared_dir
    from ..errors import WirewatchError
    from ..evaluate.gate import load_floors, violations
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
    stories = _read_stories(res, shared_dir())
    wiki = _read_wiki(res, shared_dir())

    floors = load_floors()

    def run(policy: Policy) -> tuple[int, int, float]:
        model.manifest["policy"] = asdict(policy)
        pred = [_main_label(extract_events(r.ann, r.places, r.times, res.actors, res.geoparser, model)) for r in reads]
        items_f1 = objective([r.gold for r in reads] + unreadable, pred + [NONE] * len(unreadable))
        golden_failed = demo_failed = demo_total = demo_whole = 0
        for story in stories:
            failed, total = _story_checks(story, res, model)
            if story.golden:
                golden_failed += failed
            else:
                demo_failed, demo_total, demo_whole = demo_failed + failed, demo_total + total, demo_whole + (not failed)
        demo_rate = 1.0 - demo_failed / demo_total if demo_total else 0.0
        wiki_det = _wiki_detection(wiki, res, model)
        below = len(violations("demo", {"checks": {"rate": demo_rate}, "articles_all_passed": demo_whole,
                                        "schema_valid": {"passed": 10**9}}, floors))
        below += len(violations("wikievents", {"detection": wiki_det}, {"wikievents": {
            k: v for k, v in floors.get("wikievents", {}).items() if k.startswith("detection.")}})) if wiki else 0
        return -golden_failed, -below, round(items_f1 + demo_rate + wiki_det.get("f1", 0.0), 4)

    current = Policy.of(model.model.manifest.get("policy"))
    best = run(current)
    trace = [{"policy": asdict(current), "golden_failed": -best[0], "floors_missed": -best[1], "objective": best[2]}]
    for _ in range(2):
        for name, values in GRID.items():
            for v in values:
                cand = replace(current, **{name: v})
                if cand == current:
                    continue
                score = run(cand)
                trace.append({"policy": asdict(cand), "golden_failed": -score[0], "floors_missed": -score[1],
                              "objective": score[2]})
                if _better(score, cand, best, current):
                    best, current = score, cand
        progress(f"policy {asdict(current)}: golden checks failed {-best[0]}, floors missed {-best[1]}, "
                 f"items F1 + demo pass rate + WikiEvents detection F1 {best[2]}")
    path = weights_dir / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["policy"] = asdict(current) | {
        "golden_checks_failed": -best[0], "floors_missed": -best[1], "objective": best[2], "dev_items": len(reads),
        "stories": len(stories),
        "wikievents_documents": len(wiki),
        "chosen_by": "wirewatch train (coordinate search on dev items, golden, demo and WikiEvents dev)"}
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return {"policy": asdict(current), "golden_checks_failed": -best[0], "floors_missed": -best[1],
            "objective": best[2], "trace": trace,
            "runs": len(trace),
            "seconds": round(time.perf_counter() - started, 1)}
