"""``wirewatch bench --fusion N[,N...]``: the time fusion adds to ingest, on synthetic streams of N articles.

A stream is built from the real fusion sets (the project's conflict-news set, and GVA and BASIL when
../shared is present): their cached extractions (documents not yet extracted take part with their
text alone, as articles without events), copied as often as needed. Each copy gets its own article
and event ids, its dates moved by a whole number of days drawn for the copy (within
``SPAN_DAYS``: the density of a stream grows with N, as an archive's does), and its people renamed
(each surname gets a suffix of the copy), so copies of one story are other incidents, not one.

Measured: storing the documents as ``wirewatch ingest --extractions`` does (``store_docs``), then
fusing them as ``ingest`` does (``fuse_stored``), both in batches of ``BATCH`` articles (fusion
after each batch, as a stream would: each batch is fused against the whole archive before it).
Reported: seconds and ms per article of each, fusion's share of the stored ingest, and of an ingest
that runs the pipeline (at ``pipeline_ms``, the pipeline's own measured ms per article). Times are
the process's CPU time (``time.process_time``; one process, one core), so other work on a shared
machine does not inflate them; wall-clock seconds are reported beside. Each batch's figures are
logged as it ends and kept in ``batches`` (whether the cost of an article grows with the archive).
"""

from __future__ import annotations

import json
import logging
import random
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
BATCH = 1000
SPAN_DAYS = 4 * 365
SEED = 16


def _base_docs(shared: Path | None) -> list[dict[str, Any]]:
    from ..evaluate import fusion_eval as fe
    from ..fuse.train import cached_lines

    docs = fe.load_conflict()
    if shared is not None:
        docs += fe.load_gva(shared) + fe.load_basil(shared)
    lines, _ = cached_lines(docs)
    out = []
    for d in docs:
        line = lines.get(d.id) or {"schema": "wirewatch.extraction/1",
                                   "article": {"id": d.id, "title": d.title, "published": d.published,
                                               "outlet": d.outlet, "agency": None, "byline": None, "url": d.url,
                                               "tags": [], "text": d.text},
                                   "places": [], "times": [], "events": [], "failures": []}
        out.append(line)
    return out


def _shift(value: Any, days: int) -> Any:
    from datetime import date, timedelta

    if not isinstance(value, str) or len(value) < 10:
        return value
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return (day + timedelta(days=days)).isoformat() + value[10:]


def _copy(line: dict[str, Any], k: int, days: int) -> dict[str, Any]:
    from ..fuse.names import find_names

    text = line["article"]["text"] or ""
    title = line["article"].get("title") or ""
    suffix = "".join(chr(ord("a") + int(c)) for c in str(k))
    for surname in sorted(find_names(f"{title} {text}").surnames, key=len, reverse=True):
        pattern = re.compile(rf"\b{re.escape(surname)}\b", re.IGNORECASE)
        text = pattern.sub(lambda m: m.group(0) + suffix, text)
        title = pattern.sub(lambda m: m.group(0) + suffix, title)
    doc = json.loads(json.dumps(line))
    aid = f"{line['article']['id']}~{k}"
    doc["article"].update(id=aid, text=text, title=title, published=_shift(doc["article"].get("published"), days))
    doc["places"] = []  # offsets of the renamed text are not kept; events keep their place
    doc["times"] = []
    for e in doc.get("events") or ():
        e["id"] = f"{e.get('id')}~{k}"
        if e.get("date"):
            e["date"] = dict(e["date"], start=_shift(e["date"].get("start"), days), end=_shift(e["date"].get("end"), days))
        e["evidence"] = []
        e["claims"] = []
    doc["failures"] = []
    return doc


def stream(base: list[dict[str, Any]], n: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(SEED)
    copies = (n + len(base) - 1) // len(base)
    made = 0
    for k in range(copies):
        days = 0 if k == 0 else rng.randrange(-SPAN_DAYS // 2, SPAN_DAYS // 2)
        for line in base:
            if made == n:
                return
            yield line if k == 0 else _copy(line, k, days)
            made += 1


def run(sizes: list[int], shared: Path | None, pipeline_ms: float | None = None) -> dict[str, Any]:
    from ..commands.ingest import Tally, fuse_stored, store_docs
    from ..store import open_store

    base = _base_docs(shared)
    out: dict[str, Any] = {"base_articles": len(base), "batch": BATCH, "span_days": SPAN_DAYS, "sizes": {}}
    for n in sizes:
        store_s = fuse_s = wall_s = 0.0
        batches: list[dict[str, Any]] = []
        done = 0
        with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "bench.sqlite")) as store:
            batch: list[dict[str, Any]] = []
            for doc in [*stream(base, n), None]:
                if doc is not None:
                    batch.append(doc)
                if batch and (doc is None or len(batch) == BATCH):
                    w0, t0 = time.perf_counter(), time.process_time()
                    store_docs(store, batch, Tally())
                    t1 = time.process_time()
                    fuse_stored(store)
                    t2 = time.process_time()
                    store_s += t1 - t0
                    fuse_s += t2 - t1
                    wall_s += time.perf_counter() - w0
                    done += len(batch)
                    batches.append({"articles": done, "store_ms": round(1000 * (t1 - t0) / len(batch), 2),
                                    "fuse_ms": round(1000 * (t2 - t1) / len(batch), 2)})
                    log.info("bench fusion %d/%d: %s", done, n, batches[-1])
                    batch = []
            conn = store.conn  # type: ignore[attr-defined]  # a SQLite store
            events = conn.execute("SELECT count(*) FROM events WHERE kind = 'fused'").fetchone()[0]
            links = conn.execute("SELECT count(*) FROM fusion_links").fetchone()[0]
        row = {"store_s": round(store_s, 1), "fuse_s": round(fuse_s, 1),
               "store_ms_per_article": round(1000 * store_s / n, 2), "fuse_ms_per_article": round(1000 * fuse_s / n, 2),
               "fusion_share_of_stored_ingest": round(fuse_s / (store_s + fuse_s), 3),
               "fused_events": events, "links": links, "wall_s": round(wall_s, 1), "clock": "process CPU time",
               "batches": batches}
        if pipeline_ms:
            total = pipeline_ms * n / 1000 + store_s + fuse_s
            row["fusion_share_of_pipeline_ingest"] = round(fuse_s / total, 3)
        out["sizes"][str(n)] = row
    if pipeline_ms:
        out["pipeline_ms_per_article"] = pipeline_ms
    return out
