"""A Dask cluster: the same per-article function mapped over partitions of a ``dask.bag``.

The input is cut into blocks; each block becomes a bag of raw documents whose partitions are
mapped with :func:`process_partition`.  A worker builds its :class:`~wirewatch.pipeline.Resources`
once (a lazy module-level singleton, so every partition after the first reuses the loaded model).
Results come back partition by partition in input order, at most two blocks in flight, to be
written to the store by the parent, or each partition is written by its worker as one Parquet
shard (``--parquet-out DIR``; on a real cluster DIR must be a folder every worker can write).
Without ``--scheduler`` a ``LocalCluster`` of worker processes (one thread each) is started.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import Failure, RawDocument
from .pool import chunked, contract_of

Item = RawDocument | Failure
BLOCKS_IN_FLIGHT = 2

_WORKER_RESOURCES: Any = None


@dataclass(frozen=True, slots=True)
class DaskOptions:
    scheduler: str | None = None
    n_workers: int = 2  # local cluster only
    partition_size: int = 8
    parquet_out: str | None = None
    gate: bool = True  # the pipeline's relevance gate (--no-gate turns it off)

    @staticmethod
    def from_args(args: argparse.Namespace | None) -> DaskOptions:
        workers = getattr(args, "workers", 1) or 1
        size = getattr(args, "partition_size", 8)
        if size < 1:
            raise ConfigError(f"--partition-size must be at least 1, got {size}", source="--partition-size")
        out = getattr(args, "parquet_out", None)
        out = str(Path(out).expanduser().resolve()) if out and "://" not in out else out  # workers' cwd differs
        return DaskOptions(getattr(args, "scheduler", None), max(2, workers), size, out,
                           not getattr(args, "no_gate", False))


def worker_resources() -> Any:
    """This worker process's resources, built on first use and kept for every later partition."""
    global _WORKER_RESOURCES
    if _WORKER_RESOURCES is None:
        from ..pipeline import Resources

        _WORKER_RESOURCES = Resources()
    return _WORKER_RESOURCES


def process_partition(items: Iterable[Item], gate: bool = True) -> list[dict[str, Any]]:
    """Runs on a worker: contract documents for one partition, in order."""
    res = worker_resources()
    return [contract_of(item, res, gate) for item in items]


def write_partition(docs: list[dict[str, Any]], path: str, first_seq: int) -> dict[str, Any]:
    """Runs on a worker: one partition's documents as one Parquet shard."""
    from .shards import write_shard

    return write_shard(docs, path, first_seq)


@contextmanager
def dask_client(opts: DaskOptions) -> Iterator[Any]:
    """A client of ``opts.scheduler``, or of a local cluster of worker processes closed on exit."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("the dask engine needs the `scale` extra: pip install 'wirewatch[scale]'",
                          source="--engine") from exc
    if opts.scheduler:
        try:
            client = Client(opts.scheduler, timeout="20s")
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler: {exc}", source=opts.scheduler) from exc
        with client:
            yield client
        return
    logging.getLogger("distributed").setLevel(logging.WARNING)  # no per-worker INFO lines on the console
    with LocalCluster(n_workers=opts.n_workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.WARNING) as cluster, Client(cluster) as client:
        yield client


def _block_futures(client: Any, block: list[Item], opts: DaskOptions, block_no: int, first_seq: int) -> list[Any]:
    import dask
    import dask.bag as db

    bag = db.from_sequence(block, partition_size=opts.partition_size).map_partitions(process_partition, opts.gate)
    parts = bag.to_delayed()
    if opts.parquet_out:
        from .shards import shard_name

        sizes = [len(c) for c in chunked(block, opts.partition_size)]
        if len(sizes) != len(parts):  # dask chose other partitions: name them by its own split
            sizes = [opts.partition_size] * len(parts)
        starts = [first_seq + sum(sizes[:i]) for i in range(len(parts))]
        parts = [dask.delayed(write_partition)(p, f"{opts.parquet_out}/{shard_name(block_no, i)}", starts[i])
                 for i, p in enumerate(parts)]
    return client.compute(parts)


def _run_blocks(items: Iterable[Item], opts: DaskOptions, client: Any = None) -> Iterator[Any]:
    """Partition results (document lists, or shard summaries) in input order."""
    if client is None:
        with dask_client(opts) as own:
            yield from _run_blocks(items, opts, own)
        return
    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    block_size = opts.partition_size * max(4, 2 * n_workers)
    pending: deque[list[Any]] = deque()
    seq = 0
    for block_no, block in enumerate(chunked(items, block_size)):
        pending.append(_block_futures(client, block, opts, block_no, seq))
        seq += len(block)
        while len(pending) >= BLOCKS_IN_FLIGHT:
            yield from (f.result() for f in pending.popleft())
    while pending:
        yield from (f.result() for f in pending.popleft())


def map_contracts(items: Iterable[Item], opts: DaskOptions, client: Any = None) -> Iterator[dict[str, Any]]:
    """Contract documents for ``items`` computed on the cluster, yielded in input order."""
    if opts.parquet_out:
        raise ConfigError("--parquet-out writes shards, not the database; run it without --db", source="--parquet-out")
    for docs in _run_blocks(items, opts, client):
        yield from docs


def write_shards(args: argparse.Namespace) -> int:
    """``ingest --engine dask --parquet-out DIR``: every input (read failures too) into shards."""
    from ..ingest.read import read_paths

    if getattr(args, "engine", "local") != "dask":
        raise ConfigError("--parquet-out needs --engine dask", source="--parquet-out")
    opts = DaskOptions.from_args(args)
    t0 = time.perf_counter()
    shards = rows = events = 0
    for summary in _run_blocks(read_paths(args.paths), opts):
        shards, rows, events = shards + 1, rows + summary["rows"], events + summary["events"]
    print(f"wirewatch ingest: {rows} article(s) in {shards} Parquet shard(s) under {opts.parquet_out};"
          f" {events} event(s); {time.perf_counter() - t0:.1f} s. Load them with:"
          f" wirewatch ingest --parquet {opts.parquet_out}", file=sys.stderr)
    return 0
