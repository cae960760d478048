"""``wirewatch eval fusion``: cluster articles into events and score against gold event clusters.

Sets: ``demo`` (Wirewatch's own fictional near-duplicates and near-misses, reported apart),
``gva`` (shared/data/fusion-gva-dev, Gun Violence Archive incidents) and ``basil``
(shared/data/fusion-basil, one event told by three outlets).

How an article is scored: every article runs through the pipeline; its *main event* is its
``occurred`` event of highest confidence (ties: the earliest evidence). The article counts in the
fused event that holds its main event. An article with several events still counts once (main event
only); an article with no event counts alone (``events``) or through a document-level mention built
from its publication date, headline and lead (``events+document``, the system's default).

Measures: pairwise precision/recall/F1 over same-cluster article pairs and B-cubed P/R/F1.
Baselines: ``same_day_country`` (merge articles published the same day whose main events share a
country, unknown counting as one value) and ``tfidf`` (headline + first 80 words, cosine >= 0.3,
within 3 days, single link: the recipe of the shared set's published baseline).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..fuse import fuse, mentions_from_contract
from ..fuse.records import Mention
from ..fuse.text import TextModel, cosine

log = logging.getLogger(__name__)
COMMAND = "wirewatch eval fusion [--limit N]"


@dataclass(frozen=True)
class Doc:
    id: str
    gold: str
    title: str | None
    published: str | None
    outlet: str | None
    text: str
    url: str | None = None


# ---------------------------------------------------------------- sets

def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _whole_clusters(docs: list[Doc], limit: int | None) -> list[Doc]:
    """The first ``limit`` documents in file order, extended so no gold cluster is cut."""
    if limit is None or limit >= len(docs):
        return docs
    keep = {d.gold for d in docs[:limit]}
    return [d for d in docs if d.gold in keep]


def load_demo() -> list[Doc]:
    path = Path(__file__).resolve().parent.parent / "data" / "fusion_demo" / "articles.jsonl"
    return [Doc(r["id"], r["group"], r.get("title"), r.get("published"), r.get("outlet"), r["text"])
            for r in _read_jsonl(path)]


def load_gva(shared: Path) -> list[Doc]:
    rows = _read_jsonl(shared / "data" / "fusion-gva-dev" / "articles.jsonl")
    return [Doc(r["doc_id"], str(r["incident_id"]), r.get("title"), r.get("date"),
                urlparse(r.get("url") or "").hostname, r.get("text") or "", r.get("url")) for r in rows]


def load_basil(shared: Path) -> list[Doc]:
    """BASIL articles; a ``doc_id`` shared by several records (four say "empty") is made unique with the file name."""
    rows = _read_jsonl(shared / "data" / "fusion-basil" / "basil_articles.jsonl")
    counts = Counter(r["doc_id"] for r in rows)
    return [Doc(r["doc_id"] if counts[r["doc_id"]] == 1 else f"{r['doc_id']}:{r.get('file')}", r["event_id"],
                r.get("title"), r.get("date"), r.get("source"), r.get("text") or "", r.get("url")) for r in rows]


# ---------------------------------------------------------------- extraction with a cache

def _pipeline_fingerprint() -> str:
    """A hash of the pipeline's code and model (``$WIREWATCH_FUSION_PIPELINE`` pins an earlier one's cache)."""
    from .events_eval import pipeline_version

    return os.environ.get("WIREWATCH_FUSION_PIPELINE") or pipeline_version()


def _cache_path(doc: Doc, fingerprint: str) -> Path:
    from ..config import cache_dir

    key = hashlib.sha256(json.dumps([doc.id, doc.title, doc.published, doc.outlet, doc.text]).encode()).hexdigest()
    return cache_dir() / "fusion-eval" / fingerprint / key[:2] / f"{key}.json"


def _slim(line: dict[str, Any]) -> dict[str, Any]:
    article = dict(line.get("article") or {})
    article["text"] = " ".join(str(article.get("text") or "").split()[:80])
    return {"article": article, "events": line.get("events") or [], "failures": line.get("failures") or []}


def _extract_one(doc: Doc, resources: Any) -> dict[str, Any]:
    from ..contract import to_contract
    from ..model import RawDocument
    from ..pipeline import process

    raw = RawDocument(source=f"fusion-eval:{doc.id}", content=doc.text, kind="record", id=doc.id,
                      title=doc.title, published=doc.published, url=doc.url, outlet=doc.outlet)
    try:
        return _slim(to_contract(process(raw, resources)))
    except Exception as exc:  # noqa: BLE001 - a broken stage must not stop the evaluation
        return {"article": {"id": doc.id, "title": doc.title, "published": doc.published, "outlet": doc.outlet,
                            "agency": None, "text": " ".join(doc.text.split()[:80])},
                "events": [], "failures": [{"stage": "pipeline", "code": "W900", "message": f"{type(exc).__name__}: {exc}"}]}


def extract_all(docs: Sequence[Doc]) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Extraction lines by doc id, from the cache when the pipeline's code is unchanged."""
    fingerprint = _pipeline_fingerprint()
    out: dict[str, dict[str, Any]] = {}
    resources, cached, started = None, 0, time.perf_counter()
    for doc in docs:
        path = _cache_path(doc, fingerprint)
        if path.exists():
            out[doc.id] = json.loads(path.read_text())
            cached += 1
            continue
        if resources is None:
            from ..pipeline import default_resources

            resources = default_resources()
        line = _extract_one(doc, resources)
        if not any(f.get("stage") == "pipeline" for f in line["failures"]):  # never cache a crash
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(line))
        out[doc.id] = line
    stats = {"cached": cached, "seconds": round(time.perf_counter() - started, 1), "pipeline": fingerprint}
    return out, stats


# ---------------------------------------------------------------- systems

def main_event(line: dict[str, Any]) -> dict[str, Any] | None:
    events = [e for e in line.get("events") or () if e.get("status") == "occurred"]
    if not events:
        return None
    return max(events, key=lambda e: (e.get("confidence") or 0.0,
                                      -min((s.get("start") or 0 for s in e.get("evidence") or ()), default=0)))


def document_mention(doc: Doc, line: dict[str, Any] | None = None) -> Mention:
    """A mention standing for the whole article: its date, headline and lead, nothing else known."""
    article = (line or {}).get("article") or {}
    event: dict[str, Any] = {"id": "document", "status": "occurred", "event_type": None, "sub_event_type": None, "date": None,
             "location": None, "actors": [], "claims": [], "evidence": [], "confidence": 0.1}
    return Mention(doc.id, article.get("outlet") or doc.outlet, article.get("published") or doc.published, event,
                   agency=article.get("agency"), title=doc.title, lead=" ".join(doc.text.split()[:80]))


def fused_assignment(docs: Sequence[Doc], lines: dict[str, dict[str, Any]], fallback: bool) -> dict[str, str]:
    """Article id -> cluster id from fusing the articles' event mentions."""
    mentions: list[Mention] = []
    main: dict[str, str] = {}
    for doc in docs:
        line = lines.get(doc.id) or {}
        event = main_event(line) if line else None
        if event is not None:
            ms = list(mentions_from_contract(line))
            mentions += ms
            main[doc.id] = next(m.uid for m in ms if m.event is event)
        elif fallback:
            m = document_mention(doc, line)
            mentions.append(m)
            main[doc.id] = m.uid
    cluster_of = {m.uid: e.id for e in fuse(mentions) for m in e.members}
    return {d.id: cluster_of[main[d.id]] if d.id in main else f"alone:{d.id}" for d in docs}


def same_day_country(docs: Sequence[Doc], lines: dict[str, dict[str, Any]]) -> dict[str, str]:
    out = {}
    for d in docs:
        event = main_event(lines.get(d.id) or {}) or {}
        country = (event.get("location") or {}).get("country_code") or "unknown"
        out[d.id] = f"{(d.published or '')[:10]}|{country}"
    return out


def tfidf_baseline(docs: Sequence[Doc], threshold: float = 0.3, days: int = 3) -> dict[str, str]:
    texts = [f"{d.title or ''} {' '.join(d.text.split()[:80])}" for d in docs]
    model = TextModel.build(texts)
    from ..fuse.text import vector

    vecs = [vector(t, model) for t in texts]
    order = sorted(range(len(docs)), key=lambda i: ((docs[i].published or "")[:10], docs[i].id))
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def day(i: int) -> date | None:
        try:
            return date.fromisoformat((docs[i].published or "")[:10])
        except ValueError:
            return None

    for k, i in enumerate(order):
        for j in order[k + 1:]:
            di, dj = day(i), day(j)
            if di is None or dj is None or (dj - di).days > days:
                break
            if cosine(vecs[i], vecs[j]) >= threshold:
                parent[find(i)] = find(j)
    return {d.id: f"c{find(i)}" for i, d in enumerate(docs)}


# ---------------------------------------------------------------- metrics

def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _prf(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def scores(pred: dict[str, str], gold: dict[str, str]) -> dict[str, Any]:
    """Pairwise and B-cubed precision/recall/F1 of a clustering ``pred`` against ``gold`` (same keys)."""
    items = sorted(gold)
    joint = Counter((pred[i], gold[i]) for i in items)
    psize, gsize = Counter(pred[i] for i in items), Counter(gold[i] for i in items)
    tp = sum(_pairs(n) for n in joint.values())
    pp, gp = sum(_pairs(n) for n in psize.values()), sum(_pairs(n) for n in gsize.values())
    pair = _prf(tp / pp if pp else 1.0, tp / gp if gp else 1.0)
    bp = sum(joint[(pred[i], gold[i])] / psize[pred[i]] for i in items) / len(items) if items else 0.0
    br = sum(joint[(pred[i], gold[i])] / gsize[gold[i]] for i in items) / len(items) if items else 0.0
    return {"pairwise": pair | {"true_pairs": tp, "predicted_pairs": pp, "gold_pairs": gp},
            "bcubed": _prf(bp, br), "clusters": len(psize)}


def _conflict_kind(reason: str) -> str:
    for word, kind in (("days", "date"), ("km apart", "place"), ("countries", "place"), ("types", "type"),
                       ("status", "status"), ("article", "same_article")):
        if word in reason:
            return kind
    return "other"


def blocked_gold_pairs(docs: Sequence[Doc], lines: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Same-event article pairs whose main events can never merge, counted by the first conflict's kind.

    A diagnostic of the extraction: each is a date, place or type the pipeline made explicit and
    that disagrees between two reports of one event.
    """
    from itertools import combinations

    from ..fuse.score import conflicts

    main: dict[str, Mention] = {}
    for d in docs:
        event = main_event(lines.get(d.id) or {})
        if event is not None:
            main[d.id] = next(m for m in mentions_from_contract(lines[d.id]) if m.event is event)
    by_gold: dict[str, list[str]] = {}
    for d in docs:
        if d.id in main:
            by_gold.setdefault(d.gold, []).append(d.id)
    kinds: Counter[str] = Counter()
    for ids in by_gold.values():
        for a, b in combinations(ids, 2):
            found = conflicts(main[a], main[b])
            kinds[_conflict_kind(found[0]) if found else "none"] += 1
    return dict(sorted(kinds.items()))


def _explicit(line: dict[str, Any]) -> bool:
    event = main_event(line) or {}
    d, loc = event.get("date") or {}, event.get("location") or {}
    return d.get("precision") == "day" and bool(d.get("text")) and loc.get("precision") in ("point", "city")


def evaluate_docs(docs: Sequence[Doc], with_pipeline: bool = True) -> dict[str, Any]:
    gold = {d.id: d.gold for d in docs}
    result: dict[str, Any] = {"articles": len(docs), "gold_clusters": len(set(gold.values()))}
    lines: dict[str, dict[str, Any]] = {}
    if with_pipeline:
        lines, stats = extract_all(docs)
        with_events = [d.id for d in docs if main_event(lines[d.id])]
        result["extraction"] = stats | {"articles_with_event": len(with_events),
                                        "articles_with_failures": sum(bool(x.get("failures")) for x in lines.values())}
        systems: dict[str, Callable[[], dict[str, str]]] = {
            "events+document": lambda: fused_assignment(docs, lines, fallback=True),
            "events": lambda: fused_assignment(docs, lines, fallback=False)}
    else:
        systems = {}
    systems["document"] = lambda: fused_assignment(docs, {}, fallback=True)
    systems["baseline_same_day_country"] = lambda: same_day_country(docs, lines)
    systems["baseline_tfidf"] = lambda: tfidf_baseline(docs)
    for name, run in systems.items():
        started = time.perf_counter()
        pred = run()
        result[name] = scores(pred, gold) | {"seconds": round(time.perf_counter() - started, 2)}
        if name == "events+document":
            result[name]["gold_pairs_by_first_conflict"] = blocked_gold_pairs(docs, lines)
            explicit = [d.id for d in docs if _explicit(lines[d.id])]
            sub = {i: pred[i] for i in explicit}
            result[name]["explicit_subset"] = scores(sub, {i: gold[i] for i in explicit}) | {"articles": len(explicit)}
    return result


def evaluate(shared: Path | None, limit: int | None = None, with_pipeline: bool = True) -> dict[str, Any]:
    """Fusion scores on the demo set and, when ../shared is present, on fusion-gva-dev and fusion-basil."""
    out: dict[str, Any] = {"command": COMMAND + (f" (limit {limit})" if limit else "")}
    out["demo"] = evaluate_docs(load_demo(), with_pipeline)
    if shared is None:
        out["shared"] = "absent: set WIREWATCH_SHARED to score fusion-gva-dev and fusion-basil"
        return out
    for name, loader in (("gva", load_gva), ("basil", load_basil)):
        docs = _whole_clusters(loader(shared), limit)
        log.info("fusion eval %s: %d articles", name, len(docs))
        out[name] = evaluate_docs(docs, with_pipeline)
    return out

