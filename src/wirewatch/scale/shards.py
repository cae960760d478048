"""Parquet shards of extraction documents: one file per Dask partition, read back in name order.

Columns: ``seq`` (position of the document in the run's input), ``article_id``, ``title``,
``published``, ``events`` (count), ``event_ids`` (list), ``failures`` (count) and ``contract``
(the whole ``wirewatch.extraction/1`` document as JSON text, the column ``ingest --parquet`` loads).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError

SUFFIX = ".parquet"


def shard_name(block: int, part: int) -> str:
    """Names sort in input order: block (a slice of the input) then partition within it."""
    return f"part-{block:06d}-{part:05d}{SUFFIX}"


def _row(seq: int, doc: dict[str, Any]) -> dict[str, Any]:
    art = doc.get("article") or {}
    events = doc.get("events") or []
    return {"seq": seq, "article_id": art.get("id"), "title": art.get("title"), "published": art.get("published"),
            "events": len(events), "event_ids": [e.get("id") for e in events],
            "failures": len(doc.get("failures") or []),
            "contract": json.dumps(doc, ensure_ascii=False, sort_keys=True)}


def write_shard(docs: Sequence[dict[str, Any]], path: str, first_seq: int = 0) -> dict[str, Any]:
    """Write one shard atomically (temporary file, then rename); returns a small summary."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([_row(first_seq + i, d) for i, d in enumerate(docs)])
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    tmp.replace(target)
    return {"path": str(target), "rows": len(docs), "events": sum(len(d.get("events") or []) for d in docs)}


def shard_files(paths: Sequence[str]) -> list[Path]:
    """The shard files named by ``paths`` (folders expand to their ``*.parquet`` files, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(p.glob(f"*{SUFFIX}"))
        elif p.is_file():
            out.append(p)
        else:
            raise InputError("no such Parquet shard or folder", source=str(p))
    return out


def read_shards(paths: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Contract documents from shards, in shard-name order then row order."""
    import pyarrow.parquet as pq

    for path in shard_files(paths):
        try:
            column = pq.read_table(path, columns=["contract"]).column("contract").to_pylist()
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a bad file
            raise InputError(f"not a Wirewatch Parquet shard (needs a 'contract' column): {exc}",
                             source=str(path)) from exc
        for n, blob in enumerate(column):
            try:
                yield json.loads(blob)
            except (TypeError, json.JSONDecodeError) as exc:
                raise InputError(f"row {n}: contract is not JSON: {exc}", source=str(path)) from None
