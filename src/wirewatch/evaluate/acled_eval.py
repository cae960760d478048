"""``wirewatch eval acled``: ACLED sub-event typing on the project's own labelled snippets (issue #5).

The snippets (see the README beside them) are short ACLED-style notes and news-wire leads, each
describing one event and labelled with its ACLED event type and sub-event type.  There are three
files, each written blind by a different author:

- ``evaluate/data/acled_snippets.jsonl``, the development set, whose scores are the report's top-level
  keys;
- ``evaluate/data/acled_snippets_test.jsonl``, the second development set, reported under ``dev2``
  (it was the held-out set until its one held-out run, whose errors were then studied);
- ``evaluate/data/acled_snippets_heldout.jsonl``, the held-out test set, reported under ``test``.  It is
  scored once per release on the final code; nobody tunes to it or reads its predictions while
  developing.

All three get the same measures, ship with the package and are read with ``importlib.resources``;
``shared`` is not used.

Each snippet runs through the real pipeline (``events_eval.Extractor``: ``pipeline.process`` with one
``Resources``, ``contract.to_contract``, cached per text and pipeline version) as a plain-text article
with the snippet's ``published`` date.  The predicted label is the sub-event type of the snippet's main
event: the first event, by earliest evidence start, whose status is ``occurred``; else the first event
of any status; else ``none`` (also ``none`` when that event has no sub-event type).

Scores (over the gold labels; a ``none`` prediction or a label no snippet carries is a miss):
accuracy; weighted F1, each gold class's F1 weighted by its support (the CASE 2021 task 2 measure;
the best system scored 0.839 on ACLED event descriptions); macro F1 over the gold classes; the same
weighted F1 on the six event types; per sub-event type precision, recall, F1 and support; weighted F1
per style (``note``/``news``); and the ten most frequent confusions.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError

COMMAND = "wirewatch eval acled"
SET = "acled"
DATA_FILE = "acled_snippets.jsonl"  # the development set (top-level keys)
DEV2_FILE = "acled_snippets_test.jsonl"  # the second development set (held out until its one run)
DEV2_KEY = "dev2"
TEST_FILE = "acled_snippets_heldout.jsonl"  # the held-out test set (see the README beside it)
TEST_KEY = "test"
SPLIT_NOTES = {
    DEV2_KEY: "second development set: held out once (0.673 weighted F1 on 571f9d5), its errors since studied",
    TEST_KEY: "held out: score once per release, on the final code; do not tune to it",
}
NONE = "none"
STYLES = ("note", "news")
ANCHORS = {"case2021_best_weighted_f1": 0.839}

# ACLED's 6 event types and 25 sub-event types (codebook; shared TAXONOMY.md), in codebook order.
TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Explosions/Remote violence": ("Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Chemical weapon"),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
PARENT: dict[str, str] = {sub: etype for etype, subs in TAXONOMY.items() for sub in subs}


@dataclass(frozen=True, slots=True)
class Snippet:
    id: str
    text: str
    published: str
    event_type: str
    sub_event_type: str
    style: str


# ---------------------------------------------------------------- the data

def parse_snippet(record: dict[str, Any], where: str) -> Snippet:
    """One JSONL record as a :class:`Snippet`; a bad record raises ``ConfigError`` naming it."""
    missing = [k for k in ("id", "text", "published", "event_type", "sub_event_type", "style") if not record.get(k)]
    if missing:
        raise ConfigError(f"{where}: missing {', '.join(missing)}")
    sub, etype = str(record["sub_event_type"]), str(record["event_type"])
    if PARENT.get(sub) != etype:
        raise ConfigError(f"{where}: {sub!r} is not an ACLED sub-event type of {etype!r}")
    if record["style"] not in STYLES:
        raise ConfigError(f"{where}: style {record['style']!r} is not one of {', '.join(STYLES)}")
    return Snippet(str(record["id"]), str(record["text"]), str(record["published"]), etype, sub,
                   str(record["style"]))


def load_snippets(limit: int | None = None, data_file: str = DATA_FILE) -> list[Snippet]:
    """The packaged snippets of ``data_file`` (the development set by default), in file order (the
    first ``limit`` of them)."""
    source = resources.files("wirewatch.evaluate").joinpath("data", data_file)
    out: list[Snippet] = []
    for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{data_file} line {n}: not JSON ({exc.msg})") from exc
            out.append(parse_snippet(record, f"{data_file} line {n}"))
    return out[:limit] if limit else out


def load_dev2_snippets(limit: int | None = None) -> list[Snippet]:
    """The second development set's snippets (``DEV2_FILE``), in file order (the first ``limit``)."""
    return load_snippets(limit, DEV2_FILE)


def load_test_snippets(limit: int | None = None) -> list[Snippet]:
    """The held-out test snippets (``TEST_FILE``), in file order (the first ``limit`` of them)."""
    return load_snippets(limit, TEST_FILE)


# ---------------------------------------------------------------- the prediction

def _first_start(event: dict[str, Any]) -> float:
    starts = [s["start"] for s in event.get("evidence") or [] if isinstance(s, dict) and "start" in s]
    return min(starts) if starts else float("inf")


def main_event(events: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The first ``occurred`` event by earliest evidence start, else the first event of any status."""
    ordered = sorted(events, key=_first_start)  # stable: ties keep the pipeline's order
    occurred = [e for e in ordered if e.get("status") == "occurred"]
    pool = occurred or ordered
    return pool[0] if pool else None


def predicted_label(events: Sequence[dict[str, Any]]) -> str:
    event = main_event(events)
    return str(event.get("sub_event_type") or NONE) if event is not None else NONE


# ---------------------------------------------------------------- the scores

def per_class(gold: Sequence[str], pred: Sequence[str]) -> dict[str, dict[str, float | int]]:
    """Precision, recall, F1 and support for every gold label (sorted by name)."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    support, predicted = Counter(gold), Counter(pred)
    hits = Counter(g for g, p in zip(gold, pred, strict=True) if g == p)
    out: dict[str, dict[str, float | int]] = {}
    for label in sorted(support):
        p = hits[label] / predicted[label] if predicted[label] else 0.0
        r = hits[label] / support[label]
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[label] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": support[label]}
    return out


def _exact_f1s(gold: Sequence[str], pred: Sequence[str]) -> dict[str, tuple[float, int]]:
    support, predicted = Counter(gold), Counter(pred)
    hits = Counter(g for g, p in zip(gold, pred, strict=True) if g == p)
    return {label: (2 * hits[label] / (support[label] + predicted[label]), support[label]) for label in support}


def weighted_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Support-weighted mean of the gold classes' F1 (F1 = 2·hits / (support + predicted))."""
    if not gold:
        return 0.0
    f1s = _exact_f1s(gold, pred)
    return round(sum(f * n for f, n in f1s.values()) / len(gold), 4)


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Unweighted mean of the gold classes' F1."""
    f1s = _exact_f1s(gold, pred)
    return round(sum(f for f, _ in f1s.values()) / len(f1s), 4) if f1s else 0.0


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold), 4) if gold else 0.0


def confusions(gold: Sequence[str], pred: Sequence[str], top: int = 10) -> dict[str, int]:
    """The ``top`` most frequent errors as ``"gold -> predicted": count`` (ties by name)."""
    counts = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return {f"{g} -> {p}": n for (g, p), n in ranked}


def parent_of(label: str) -> str:
    return PARENT.get(label, NONE)


def score(snippets: Sequence[Snippet], pred: Sequence[str]) -> dict[str, Any]:
    """Every metric of the report from gold snippets and their predicted sub-event types."""
    gold = [s.sub_event_type for s in snippets]
    by_style = {st: [i for i, s in enumerate(snippets) if s.style == st] for st in STYLES}
    return {
        "snippets": len(snippets),
        "accuracy": accuracy(gold, pred),
        "weighted_f1": weighted_f1(gold, pred),
        "macro_f1": macro_f1(gold, pred),
        "event_type": {"accuracy": accuracy([s.event_type for s in snippets], [parent_of(p) for p in pred]),
                       "weighted_f1": weighted_f1([s.event_type for s in snippets], [parent_of(p) for p in pred])},
        "by_style": {st: {"snippets": len(ix), "weighted_f1": weighted_f1([gold[i] for i in ix], [pred[i] for i in ix]),
                          "accuracy": accuracy([gold[i] for i in ix], [pred[i] for i in ix])}
                     for st, ix in by_style.items() if ix},
        "predicted_none": sum(p == NONE for p in pred),
        "top_confusions": confusions(gold, pred),
        "per_sub_event_type": per_class(gold, pred),
    }


def predict(extract: Any, snippets: Sequence[Snippet]) -> tuple[list[str], dict[str, float | int]]:
    """The predicted sub-event type of every snippet, and how the extraction went (runs, cache hits,
    seconds) for these snippets alone; ``extract`` is an ``events_eval.Extractor``."""
    ran, cached, started = extract.ran, extract.cached, time.perf_counter()
    pred = [predicted_label(extract(s.id, s.text, published=s.published)["events"]) for s in snippets]
    return pred, {"ran": extract.ran - ran, "cached": extract.cached - cached,
                  "seconds": round(time.perf_counter() - started, 1)}


def score_file(extract: Any, data_file: str, note: str, limit: int | None = None) -> dict[str, Any]:
    """One extra set's report: its file name, what it is for, and the development set's measures."""
    snippets = load_snippets(limit, data_file)
    pred, stats = predict(extract, snippets)
    out: dict[str, Any] = {"file": data_file, "role": note}
    out |= score(snippets, pred)
    out["extraction"] = stats
    return out


def score_dev2(extract: Any, limit: int | None = None) -> dict[str, Any]:
    """The second development set's report (``DEV2_FILE``)."""
    return score_file(extract, DEV2_FILE, SPLIT_NOTES[DEV2_KEY], limit)


def score_test(extract: Any, limit: int | None = None) -> dict[str, Any]:
    """The held-out test set's report (``TEST_FILE``)."""
    return score_file(extract, TEST_FILE, SPLIT_NOTES[TEST_KEY], limit)


def evaluate(shared: Path | None, limit: int | None = None, use_cache: bool = True,
             with_test: bool = True) -> dict[str, Any]:
    """Run the pipeline on the packaged snippets and score its sub-event types (``shared`` is unused).

    The development set's scores are the top-level keys, the second development set's are under
    ``dev2`` and the held-out test set's under ``test`` (only ``test`` is left out when ``with_test`` is
    false).  ``limit`` takes the first N snippets of each set."""
    from .events_eval import Extractor

    snippets = load_snippets(limit)
    extract = Extractor(SET, use_cache)
    pred, stats = predict(extract, snippets)
    out: dict[str, Any] = {"command": COMMAND + (f" --limit {limit}" if limit else "")}
    out |= score(snippets, pred)
    out["extraction"] = stats
    out["anchors"] = dict(ANCHORS)
    out[DEV2_KEY] = score_dev2(extract, limit)
    if with_test:
        out[TEST_KEY] = score_test(extract, limit)
    return out
