"""The scale-out options of ``wirewatch ingest`` and the engine registry they choose from.

``contracts(items, args)`` is the one place ``ingest`` asks for contract documents: one
process, a local process pool (``--workers N``) or a Dask cluster (``--engine dask``), all
yielding documents in input order.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import ConfigError
from ..model import Failure, RawDocument

Item = RawDocument | Failure
ENGINES = ("local", "dask")


def add_scale_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("scale-out (docs/scale.md)")
    g.add_argument("--workers", type=int, default=1, metavar="N",
                   help="local engine: N worker processes, each with its own NLP model (default: 1, in-process)")
    g.add_argument("--chunk", type=int, default=4, metavar="K", help="articles per task sent to a worker")
    g.add_argument("--engine", choices=ENGINES, default="local",
                   help="local (this machine) or dask (a dask.distributed cluster)")
    g.add_argument("--scheduler", default=None, metavar="tcp://HOST:8786",
                   help="dask engine: the scheduler address (default: a local cluster of --workers processes, at least 2)")
    g.add_argument("--partition-size", type=int, default=8, metavar="K", help="dask engine: articles per partition")
    g.add_argument("--parquet-out", default=None, metavar="DIR",
                   help="dask engine: write Parquet shards (one per partition) to DIR instead of the database")
    g.add_argument("--no-gate", action="store_true",
                   help="turn the relevance gate off: every article gets the NLP model and extractors"
                        " (by default articles without conflict cues are stored and tagged but skip them)")
    g.add_argument("--parquet", action="store_true",
                   help="PATHs are folders (or files) of Parquet shards written by --parquet-out: store them")


def _sequential(items: Iterable[Item], gate: bool) -> Iterator[dict[str, Any]]:
    from ..pipeline import default_resources
    from .pool import contract_of

    resources = default_resources().warm()  # a missing model fails here, once, not on every article
    for item in items:
        yield contract_of(item, resources, gate)


def contracts(items: Iterable[Item], args: argparse.Namespace | None = None) -> Iterator[dict[str, Any]]:
    """Contract documents for ``items`` in input order, on the engine ``args`` asks for."""
    engine = getattr(args, "engine", "local")
    workers = getattr(args, "workers", 1) or 1
    gate = not getattr(args, "no_gate", False)
    if engine == "dask":
        from . import dask_engine

        return dask_engine.map_contracts(items, dask_engine.DaskOptions.from_args(args))
    if engine != "local":
        raise ConfigError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}", source="--engine")
    if getattr(args, "parquet_out", None):
        raise ConfigError("--parquet-out needs --engine dask", source="--parquet-out")
    if workers > 1:
        from .pool import map_contracts

        return map_contracts(items, workers, getattr(args, "chunk", 4), gate)
    return _sequential(items, gate)
