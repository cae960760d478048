"""Worker processes that die with the process that started them.

A pool worker runs under Python's forkserver (or is spawned), so its parent is not the
``wirewatch ingest`` process; when that process is killed with ``kill -9`` nothing tells the
workers, and each would keep its NLP model (~450 MB) in memory for good.  :func:`die_with`,
called first thing in every worker:

* on Linux asks the kernel to send ``SIGKILL`` when the worker's own parent dies
  (``prctl(PR_SET_PDEATHSIG)``, through ctypes);
* starts a daemon thread that checks every :data:`CHECK_SECONDS` whether the given pid (the
  process that opened the pool) is still alive, and ends the worker when it is not.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

CHECK_SECONDS = 0.5
PR_SET_PDEATHSIG = 1


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except OSError:
        return True  # no /proc (not Linux): os.kill said it exists


def _kill_on_parent_death() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no prctl: the watchdog still runs
        pass


def _watch(pid: int) -> None:
    while alive(pid):
        time.sleep(CHECK_SECONDS)
    os._exit(1)


def die_with(pid: int) -> None:
    """End this process when ``pid`` dies (see the module docstring)."""
    _kill_on_parent_death()
    if not alive(pid):
        os._exit(1)
    threading.Thread(target=_watch, args=(pid,), name="wirewatch-parent-watch", daemon=True).start()
