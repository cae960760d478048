"""The relevance gate, measured: recall on conflict articles of the dev sets, false alarms and
speed-up on the generated non-conflict set (``wirewatch.scale.nonconflict``)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from ..model import RawDocument

CONFLICT_TYPES = ("Conflict.", "Life.Die", "Life.Injure", "Justice.ArrestJailDetain")


def _recall(texts: list[str]) -> dict[str, Any]:
    from ..scale.relevance import is_relevant

    kept = sum(is_relevant(t)[0] for t in texts)
    return {"articles": len(texts), "kept": kept, "recall": round(kept / len(texts), 4) if texts else None}


def recall_sets(shared: Path | None, conflict_docs: list[RawDocument]) -> dict[str, Any]:
    """Recall per dev set: demo+golden conflict articles, MUC-4 dev documents with a filled
    template, WikiEvents dev documents with events (and those with conflict/death/injury events)."""
    out = {"demo_and_golden_conflict": _recall([d.content for d in conflict_docs])}
    if shared is None:
        return out
    muc = shared / "data" / "events-muc4" / "dev.json"
    if muc.is_file():
        docs = json.loads(muc.read_text(encoding="utf-8")).values()
        out["muc4_dev_with_events"] = _recall([d["doc"] for d in docs if any(d["roles"].values())])
    wiki = shared / "data" / "events-wikievents-dev" / "dev.jsonl"
    if wiki.is_file():
        rows = [json.loads(line) for line in wiki.read_text(encoding="utf-8").splitlines() if line.strip()]
        out["wikievents_dev_with_events"] = _recall([r["text"] for r in rows if r["event_mentions"]])
        out["wikievents_dev_conflict_types"] = _recall(
            [r["text"] for r in rows if any(e["event_type"].startswith(CONFLICT_TYPES) for e in r["event_mentions"])])
    return out


def _rate(fn: Any, docs: list[Any]) -> float:
    fn(docs[:3])  # warm-up
    t0 = time.perf_counter()
    fn(docs)
    return round(len(docs) / (time.perf_counter() - t0), 2)


def bench_gate(shared: Path | None, conflict_docs: list[RawDocument], resources: Any) -> dict[str, Any]:
    from ..scale.nonconflict import nonconflict_texts
    from ..scale.relevance import is_relevant, process_gated

    nc = [RawDocument(source=f"nonconflict/{i:03d}-{desk}.txt", content=t, kind="text")
          for i, (desk, t) in enumerate(nonconflict_texts(72))]
    passed = [d.source for d in nc if is_relevant(d.content)[0]]
    full_conflict = _rate(lambda ds: [process_gated(d, resources, gate=False) for d in ds], conflict_docs)
    full_nc = _rate(lambda ds: [process_gated(d, resources, gate=False) for d in ds], nc)
    gated_nc = _rate(lambda ds: [process_gated(d, resources) for d in ds], nc)
    gated_conflict = _rate(lambda ds: [process_gated(d, resources) for d in ds], conflict_docs)
    t0 = time.perf_counter()
    for d in nc:
        is_relevant(d.content)
    decision_us = (time.perf_counter() - t0) / len(nc) * 1e6
    return {
        "recall": recall_sets(shared, conflict_docs),
        "nonconflict_set": {"articles": len(nc), "generated_by": "wirewatch.scale.nonconflict.nonconflict_texts(72)",
                            "passed_gate": len(passed), "passed": passed},
        "decision_us_per_article": round(decision_us, 1),
        "full_pipeline_conflict_articles_per_s": full_conflict,
        "full_pipeline_nonconflict_articles_per_s": full_nc,
        "gated_nonconflict_articles_per_s": gated_nc,
        "gated_conflict_articles_per_s": gated_conflict,
        "speedup_nonconflict_vs_conflict": round(gated_nc / full_conflict, 1),
        "speedup_nonconflict_gate_vs_no_gate": round(gated_nc / full_nc, 1),
    }
