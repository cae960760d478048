"""``wirewatch bench --hostile``: the hardening figures of issue #15, printed and written to a file.

* the hostile corpus (:mod:`.hostile`): inputs, outputs, crashes, silent drops, failures by code;
* the API fuzz run (:mod:`.apifuzz`): requests and statuses (no 5xx allowed);
* big inputs: wall time and peak memory of one fresh process reading and processing a 1 MB and a
  20 MB text (paragraphs of the demo articles repeated) and a 5 MB single line, with the time to
  load the model and gazetteer given apart.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SIZES = (("1 MB paragraphs", 1_000_000, "paragraphs"), ("20 MB paragraphs", 20_000_000, "paragraphs"),
         ("5 MB single line", 5_000_000, "line"))
_SIZE_PROBE = """
import json, resource, sys, time
from wirewatch.ingest.read import read_paths
from wirewatch.pipeline import default_resources, process_all
t0 = time.perf_counter()
res = default_resources().warm()
t1 = time.perf_counter()
out = [(len(x.article.text), len(x.events), [f.code for f in x.failures]) for x in process_all(read_paths([sys.argv[1]]))]
t2 = time.perf_counter()
print(json.dumps({"load_s": round(t1 - t0, 2), "process_s": round(t2 - t1, 2), "total_s": round(t2 - t0, 2),
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  "text_chars": out[0][0], "events": out[0][1], "codes": out[0][2]}))
"""


def big_text(size: int, kind: str) -> str:
    """``size`` characters of news text: the demo articles' paragraphs repeated, or one line."""
    from ..evaluate.golden_eval import demo_articles

    body = "\n\n".join(text for _, text, _ in demo_articles())
    if kind == "line":
        body = " ".join(body.split())
    sep = " " if kind == "line" else "\n\n"
    return (sep.join([body] * (size // len(body) + 1)))[:size]


def measure_size(size: int, kind: str, folder: Path) -> dict[str, Any]:
    """Time and peak memory of a fresh process reading and processing one big text file."""
    path = folder / f"big-{kind}-{size}.txt"
    path.write_text(big_text(size, kind), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _SIZE_PROBE, str(path)], capture_output=True, text=True,
                          timeout=600, check=True)
    return {"bytes": path.stat().st_size} | json.loads(done.stdout.strip().splitlines()[-1])


def run_hardening(fuzz_requests: int = 10_000, sizes: bool = True) -> dict[str, Any]:
    from ..store import open_store
    from ..store.synthetic import sample_doc
    from .apifuzz import fuzz_app
    from .hostile import hostile_inputs, run_hostile, write_inputs

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report = run_hostile(write_inputs(hostile_inputs(), folder / "in"), str(folder / "hostile.sqlite"))
        db = str(folder / "fuzz.sqlite")
        with open_store(db) as s:
            for i in range(6):
                s.upsert_extraction(sample_doc(i, events=2))
        fuzz = fuzz_app(db, fuzz_requests)
        big = {name: measure_size(size, kind, folder) for name, size, kind in SIZES} if sizes else {}
    return {"hostile": report.summary(), "api_fuzz": fuzz.summary(), "big_inputs": big}


def table(result: dict[str, Any]) -> str:
    h, f = result["hostile"], result["api_fuzz"]
    lines = [f"hostile inputs: {h['hostile_inputs']} -> {h['outputs']} output lines, {h['stored_articles']} articles"
             f" stored; crashes {h['crashes']}, silent drops {h['silent_drops']}, unnamed failures"
             f" {h['unnamed_failures']}",
             "  failures/warnings by code: " + ", ".join(f"{k} {v}" for k, v in h["failures_by_code"].items()),
             f"API fuzz: {f['requests']} requests in {f['seconds']} s; 5xx: {f['server_errors']}; statuses: "
             + ", ".join(f"{k} {v}" for k, v in f["statuses"].items())]
    for name, b in result["big_inputs"].items():
        lines.append(f"{name}: {b['process_s']} s to read and process ({b['load_s']} s more to load the model),"
                     f" peak {b['peak_rss_mib']} MiB; {b['text_chars']:,} characters kept, {b['events']} event(s)")
    return "\n".join(lines)
