"""How does the cost grow?  ``wirewatch bench --scale``.

On the same conflict articles (the demo corpus's conflict articles and the golden articles):
the NLP model alone, the full pipeline in one process, a process pool of N workers and a local
Dask cluster of 2 workers, in articles/s (wall clock of a pass after a warm-up pass) with each
worker's peak resident memory (``VmHWM``); the relevance gate's recall on the dev sets and its
speed-up on the generated non-conflict set; PostgreSQL search + facet latency on synthetic
events; and a projection of GDELT's ~200,000 articles a day onto 16 cores.
"""

from __future__ import annotations

import os
import platform
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model import RawDocument

GDELT_PER_DAY = 200_000
CORES = 16


def conflict_corpus(shared: Path | None) -> list[RawDocument]:
    """Demo articles that must yield events, then the golden articles when ../shared is there."""
    from ..evaluate.golden_eval import demo_articles

    docs = [RawDocument(source=f"demo/{n}.txt", content=t, kind="text")
            for n, t, exp in demo_articles() if exp.get("events_must")]
    if shared is not None:
        docs += [RawDocument(source=str(f), content=f.read_text(encoding="utf-8"), kind="text")
                 for f in sorted((shared / "golden").glob("*.txt"))]
    return docs


def vm_hwm_mib(pid: int | str = "self") -> float | None:
    """Peak resident set size of a process (Linux ``/proc/<pid>/status`` VmHWM), MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def timed_pass(fn: Callable[[], Any], n: int, rounds: int = 1) -> float:
    """Articles/s of the best of ``rounds`` passes (after the caller's warm-up)."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return round(n / best, 2)


def bench_in_process(docs: list[RawDocument], rounds: int) -> dict[str, Any]:
    from ..ingest.normalise import normalise
    from ..pipeline import Resources, process

    res = Resources()
    texts = [normalise(d).text for d in docs]
    nlp = res.annotator.nlp
    [process(d, res) for d in docs]  # warm-up: loads the gazetteer and actors, fills caches
    model = timed_pass(lambda: [nlp(t) for t in texts], len(docs), rounds)
    full = timed_pass(lambda: [process(d, res) for d in docs], len(docs), rounds)
    return {"model_alone_articles_per_s": model, "pipeline_1_worker_articles_per_s": full,
            "pipeline_over_model": round(full / model, 3), "peak_rss_mib_1_worker": vm_hwm_mib(),
            "resources": res}


def bench_pool(docs: list[RawDocument], workers: int, rounds: int) -> dict[str, Any]:
    from ..scale.pool import map_contracts, open_pool, worker_pids

    with open_pool(workers) as pool:
        def one_pass() -> None:
            for _ in map_contracts(docs, workers, chunksize=2, pool=pool):
                pass
        one_pass()  # warm-up: every worker starts and loads its model
        rate = timed_pass(one_pass, len(docs), rounds)
        peaks = [vm_hwm_mib(pid) for pid in worker_pids(pool)]
    return {"workers": workers, "articles_per_s": rate, "peak_rss_mib_per_worker": peaks}


def bench_dask(docs: list[RawDocument], rounds: int) -> dict[str, Any]:
    from ..scale.dask_engine import DaskOptions, dask_client, map_contracts

    opts = DaskOptions(n_workers=2, partition_size=4)
    with dask_client(opts) as client:
        def one_pass() -> None:
            for _ in map_contracts(docs, opts, client):
                pass
        one_pass()
        rate = timed_pass(one_pass, len(docs), rounds)
        peaks = sorted(client.run(vm_hwm_mib).values(), key=lambda v: v or 0)
    return {"workers": 2, "articles_per_s": rate, "peak_rss_mib_per_worker": peaks}


def projection(articles_per_s_per_core: float, share_heavy: float = 1.0, light_per_s: float = 0.0) -> float:
    """Hours for GDELT's daily volume on 16 cores, when ``share_heavy`` of articles take the full
    pipeline and the rest the gated path (``light_per_s`` per core)."""
    per_article = share_heavy / articles_per_s_per_core
    if share_heavy < 1.0 and light_per_s:
        per_article += (1 - share_heavy) / light_per_s
    return round(GDELT_PER_DAY * per_article / CORES / 3600, 2)


def run_scale(shared: Path | None, workers: int, rounds: int = 1, copies: int = 2, dask: bool = True,
              pg_events: int = 0, pg_url: str | None = None, queries: int = 200) -> dict[str, Any]:
    from .gate import bench_gate
    from .pgsearch import bench_postgres

    base = conflict_corpus(shared)
    docs = base * copies
    local = bench_in_process(docs, rounds)
    resources = local.pop("resources")
    out: dict[str, Any] = {
        "benchmark": "scale", "command": "wirewatch bench --scale",
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
        "articles": {"distinct": len(base), "per_pass": len(docs)}, **local,
    }
    out["pool"] = bench_pool(docs, workers, rounds)
    out["pool_1_worker"] = bench_pool(docs, 1, rounds)
    out["pool_speedup_1_to_n"] = round(out["pool"]["articles_per_s"] / out["pool_1_worker"]["articles_per_s"], 3)
    if dask:
        out["dask_local_2_workers"] = bench_dask(docs, rounds)
        out["dask_over_pool"] = round(out["dask_local_2_workers"]["articles_per_s"] / out["pool"]["articles_per_s"], 3)
    out["gate"] = bench_gate(shared, base, resources)
    per_core = out["pool_1_worker"]["articles_per_s"]
    out["gdelt_projection"] = {
        "articles_per_day": GDELT_PER_DAY, "cores": CORES, "per_core_articles_per_s": per_core,
        "hours_all_full_pipeline": projection(per_core),
        "hours_if_20pct_pass_the_gate": projection(per_core, 0.2, out["gate"]["gated_nonconflict_articles_per_s"]),
        "assumes": "linear scaling per core (measured 1 -> N above); the 20% share is an assumption, not a measurement",
    }
    if pg_events or pg_url:  # --pg URL alone times that database as it is
        out["postgres"] = bench_postgres(pg_events, pg_url, queries)
    out["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    out["peak_rss_mib_parent"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def table(r: dict[str, Any]) -> str:
    """A short human summary of :func:`run_scale`'s result."""
    lines = [f"{r['articles']['per_pass']} conflict articles per pass ({r['articles']['distinct']} distinct);"
             f" load average {r['machine']['load_average_at_start']} on {r['machine']['cpus']} CPUs",
             f"  NLP model alone          {r['model_alone_articles_per_s']:>8.2f} articles/s",
             f"  pipeline, in-process     {r['pipeline_1_worker_articles_per_s']:>8.2f} articles/s"
             f" ({r['pipeline_over_model']:.2f} x the model), peak {r['peak_rss_mib_1_worker']} MiB"]
    for key in ("pool_1_worker", "pool", "dask_local_2_workers"):
        if key in r:
            p = r[key]
            lines.append(f"  {key:<24} {p['articles_per_s']:>8.2f} articles/s on {p['workers']} worker(s),"
                         f" peak MiB per worker {p['peak_rss_mib_per_worker']}")
    lines.append(f"  pool 1 -> N speed-up {r['pool_speedup_1_to_n']}; dask / pool {r.get('dask_over_pool')}")
    g = r["gate"]
    lines.append("  gate recall: " + ", ".join(f"{k} {v['kept']}/{v['articles']}" for k, v in g["recall"].items()))
    lines.append(f"  gate: {g['nonconflict_set']['passed_gate']}/{g['nonconflict_set']['articles']} non-conflict"
                 f" passed; non-conflict {g['speedup_nonconflict_vs_conflict']} x faster than conflict articles"
                 f" ({g['speedup_nonconflict_gate_vs_no_gate']} x vs no gate)")
    p = r["gdelt_projection"]
    lines.append(f"  GDELT {p['articles_per_day']:,}/day on {p['cores']} cores: {p['hours_all_full_pipeline']} h"
                 f" (all full pipeline), {p['hours_if_20pct_pass_the_gate']} h if 20% pass the gate")
    if "postgres" in r:
        pg = r["postgres"]
        lines.append(f"  PostgreSQL {pg['events']:,} events: search + facets, three filters:"
                     f" p50 {pg['search_plus_facets_ms']['p50']} ms, p95 {pg['search_plus_facets_ms']['p95']} ms")
    return "\n".join(lines)
