"""All local cores: a process pool mapping the per-article pipeline, results in input order.

Each worker builds :class:`wirewatch.pipeline.Resources` once (its initializer loads the NLP
model, gazetteer and actor dictionary), then turns chunks of raw documents into extraction
contract documents.  The parent reads the input and submits chunks from its own thread
(so the store, which the parent alone writes, is never touched from another thread), keeps
a bounded window of chunks in flight, and yields results in the order of the input.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from ..errors import ConfigError, WirewatchError
from ..model import Failure, RawDocument
from .threads import one_blas_thread

T = TypeVar("T")
Item = RawDocument | Failure

DEFAULT_CHUNK = 4
WINDOW_PER_WORKER = 3  # chunks in flight per worker: enough to hide the parent's reading and writing

_RESOURCES: Any = None  # the worker's own Resources, set by the initializer


class PoolError(WirewatchError):
    code = "W910"


def init_worker(warm: bool = True, parent: int | None = None) -> None:
    """Process initializer: tie the worker's life to ``parent`` (the process that opened the pool),
    then build the worker's resources once (loaded now, not per article)."""
    global _RESOURCES
    from ..pipeline import Resources

    if parent is not None:
        from .orphans import die_with

        die_with(parent)

    _RESOURCES = Resources()
    if warm:
        _RESOURCES.warm()


def contract_of(item: Item, resources: Any, gate: bool = True) -> dict[str, Any]:
    """One input (a raw document or a read failure) -> its extraction contract document;
    ``gate=False`` turns the pipeline's relevance gate off (every article gets the full pipeline)."""
    from ..config import PipelineConfig
    from ..contract import to_contract
    from ..pipeline import process, process_all

    if not gate and isinstance(item, RawDocument):
        return to_contract(process(item, resources, PipelineConfig(relevance_gate=False)))
    return to_contract(next(process_all([item], resources)))


def process_chunk(items: list[Item], gate: bool = True) -> list[dict[str, Any]]:
    """Worker task: contract documents for one chunk, in order."""
    if _RESOURCES is None:  # called outside a pool (tests, one-process fallback)
        init_worker(warm=False)
    return [contract_of(item, _RESOURCES, gate) for item in items]


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _context() -> multiprocessing.context.BaseContext:
    """``forkserver`` on Linux (no fork of a threaded parent), ``spawn`` elsewhere."""
    method = os.environ.get("WIREWATCH_MP_START")
    if method is None:
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def open_pool(workers: int, warm: bool = True) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, each building its resources once when it starts and
    exiting when this process dies (even by ``kill -9``: see :mod:`.orphans`)."""
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}", source="--workers")
    one_blas_thread()  # the workers use every core already; each encoder gets one BLAS thread
    return ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=init_worker,
                               initargs=(warm, os.getpid()))


def map_contracts(items: Iterable[Item], workers: int, chunksize: int = DEFAULT_CHUNK,
                  gate: bool = True, pool: ProcessPoolExecutor | None = None) -> Iterator[dict[str, Any]]:
    """Contract documents for ``items`` computed on ``workers`` processes, yielded in input order
    (on ``pool`` when given, which then stays open for the caller)."""
    if chunksize < 1:
        raise ConfigError(f"chunk size must be at least 1, got {chunksize}", source="--chunk")
    if pool is None:
        with open_pool(workers) as own:
            yield from map_contracts(items, workers, chunksize, gate, own)
        return
    window = max(2, workers * WINDOW_PER_WORKER)
    pending: deque[Future[list[dict[str, Any]]]] = deque()
    try:
        for chunk in chunked(items, chunksize):
            pending.append(pool.submit(process_chunk, chunk, gate))
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BrokenProcessPool as exc:
        raise PoolError(f"a worker process died ({exc}); lower --workers if memory is short"
                        " (each worker holds its own NLP model)", source="--workers") from exc
    finally:
        for fut in pending:
            fut.cancel()


def worker_pids(pool: ProcessPoolExecutor) -> list[int]:
    """The pool's worker process ids (for memory figures)."""
    return sorted(getattr(pool, "_processes", None) or {})
