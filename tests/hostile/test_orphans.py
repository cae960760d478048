"""Issue #15, finding 8: with --workers N, kill -9 of the parent leaves no worker, forkserver or
resource tracker behind (each worker would hold its own NLP model)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from wirewatch.scale.orphans import alive

PROBE = """
import time
from wirewatch.scale.pool import open_pool, process_chunk
pool = open_pool(2, warm=False)
[f.result() for f in [pool.submit(process_chunk, []) for _ in range(4)]]
print(' '.join(str(p) for p in pool._processes), flush=True)
time.sleep(120)
"""


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    parents[int(entry)] = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except OSError:
                continue
    out: set[int] = set()
    frontier = [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in out:
                out.add(child)
                frontier.append(child)
    return out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_their_parent():
    proc = subprocess.Popen([sys.executable, "-c", PROBE], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(p) for p in proc.stdout.readline().split()]
        family = _descendants(proc.pid)
        assert len(workers) == 2 and set(workers) <= family  # workers, forkserver, resource tracker
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(alive(p) for p in family):
            time.sleep(0.2)
        left = [p for p in family if alive(p)]
    finally:
        for p in _descendants(proc.pid) | set(locals().get("family", ())):
            if alive(p):
                os.kill(p, signal.SIGKILL)
    assert not left, f"still running after kill -9 of the parent: {left}"
