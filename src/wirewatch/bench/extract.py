"""How fast is extraction, per stage, against the NLP model's own cost?

Every figure is wall-clock on this process, one core, after a warm-up pass; peak
memory is the process's maximum resident set size.
"""

from __future__ import annotations

import platform
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import RawDocument


@dataclass(frozen=True)
class Corpus:
    name: str
    docs: tuple[RawDocument, ...]


def demo_corpus() -> Corpus:
    from ..evaluate.golden_eval import demo_articles

    docs = tuple(RawDocument(source=f"demo/{name}.txt", content=text, kind="text")
                 for name, text, _ in demo_articles())
    return Corpus("demo", docs)


def golden_corpus(shared: Path | None) -> Corpus | None:
    if shared is None:
        return None
    files = sorted((shared / "golden").glob("*.txt"))
    return Corpus("golden", tuple(RawDocument(source=str(f), content=f.read_text(encoding="utf-8"), kind="text")
                                  for f in files))


def _paired_rates(a: Callable[[], Any], b: Callable[[], Any], n: int,
                  min_seconds: float) -> tuple[float, float, int]:
    """Articles per second of two passes over the same ``n`` articles, timed in alternation so
    that load from other processes hits both alike; each rate is the best pass (least disturbed)."""
    a(), b()  # warm-up
    best_a = best_b = float("inf")
    rounds, start = 0, time.perf_counter()
    while rounds < 3 or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter()
        a()
        t1 = time.perf_counter()
        b()
        t2 = time.perf_counter()
        best_a, best_b = min(best_a, t1 - t0), min(best_b, t2 - t1)
        rounds += 1
    return n / best_a, n / best_b, rounds


def _stage_costs(corpus: Corpus, resources: Any) -> tuple[dict[str, float], float]:
    """Milliseconds per article spent in each stage (parse done once and shared, as in the pipeline), and
    how many sentences per article the event model read."""
    from ..extract.events import extract_events
    from ..extract.tags import infer_tags
    from ..extract.times import tag_times
    from ..ingest.normalise import normalise

    totals = dict.fromkeys(("normalise", "model", "times", "places", "event model", "events", "tags"), 0.0)
    encoder = _TimedModel(resources.event_model) if resources.event_model is not None else None
    for raw in corpus.docs:
        t0 = time.perf_counter()
        art = normalise(raw)
        t1 = time.perf_counter()
        ann = resources.annotator.annotate(art)
        t2 = time.perf_counter()
        times = tag_times(ann)
        t3 = time.perf_counter()
        places = resources.geoparser.find_places(ann)
        t4 = time.perf_counter()
        before = encoder.seconds if encoder is not None else 0.0
        events = extract_events(ann, places, times, resources.actors, resources.geoparser, encoder)
        t5 = time.perf_counter()
        infer_tags(ann, places, events, resources.actors)
        t6 = time.perf_counter()
        encoded = (encoder.seconds if encoder is not None else 0.0) - before  # the encoder's share of "events"
        for key, a, b in (("normalise", t0, t1), ("model", t1, t2), ("times", t2, t3), ("places", t3, t4),
                          ("events", t4, t5 - encoded), ("tags", t5, t6)):
            totals[key] += b - a
        totals["event model"] += encoded
    n = max(len(corpus.docs), 1)
    sentences = encoder.sentences if encoder is not None else 0
    return {k: round(1000 * v / n, 3) for k, v in totals.items()}, round(sentences / n, 2)


class _TimedModel:
    """The event model as extraction calls it, counting the seconds and sentences it encodes."""

    def __init__(self, model: Any) -> None:
        self.model, self.manifest = model, model.manifest
        self.seconds, self.sentences = 0.0, 0

    def probabilities(self, texts: Any) -> Any:
        t0 = time.perf_counter()
        out = self.model.probabilities(texts)
        self.seconds += time.perf_counter() - t0
        self.sentences += len(texts)
        return out


def measure(corpus: Corpus, resources: Any, min_seconds: float = 3.0) -> dict[str, Any]:
    from ..ingest.normalise import normalise
    from ..pipeline import process

    texts = [normalise(d).text for d in corpus.docs]
    nlp = resources.annotator.nlp
    n = len(corpus.docs)
    model_rate, full_rate, rounds = _paired_rates(lambda: [nlp(t) for t in texts],
                                                  lambda: [process(d, resources) for d in corpus.docs],
                                                  n, min_seconds)
    stages, encoded = _stage_costs(corpus, resources)
    rest = sum(v for k, v in stages.items() if k != "model")
    return {
        "articles": n,
        "mean_chars": round(sum(len(t) for t in texts) / max(n, 1)),
        "model_alone_articles_per_s": round(model_rate, 2),
        "pipeline_articles_per_s": round(full_rate, 2),
        "pipeline_over_model": round(full_rate / model_rate, 3) if model_rate else None,
        "ms_per_article_by_stage": stages,
        "ms_per_article_outside_model": round(rest, 3),
        "sentences_encoded_per_article": encoded,
        "rounds": rounds,
    }


def _rss_mib() -> float:
    """The process's resident memory now (Linux), in MiB."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:  # pragma: no cover - not Linux
        return 0.0


def run_all(shared: Path | None, min_seconds: float = 3.0) -> dict[str, Any]:
    from ..pipeline import Resources

    t0 = time.perf_counter()
    resources = Resources()
    _ = resources.annotator.nlp, resources.geoparser, resources.actors
    before = _rss_mib()
    t1 = time.perf_counter()
    resources.warm()  # what is left: the event model
    model_s, model_mib = time.perf_counter() - t1, _rss_mib() - before
    load_s = time.perf_counter() - t0
    corpora = [c for c in (demo_corpus(), golden_corpus(shared)) if c is not None]
    results = {c.name: measure(c, resources, min_seconds) for c in corpora}
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "benchmark": "extract",
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine()},
        "resources_load_s": round(load_s, 3),
        "event_model_load_s": round(model_s, 3),
        "event_model_mib": round(model_mib, 1),
        "corpora": results,
        "peak_rss_mib": round(peak_mib, 1),
        "command": "wirewatch bench",
    }
