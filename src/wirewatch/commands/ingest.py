"""Run the pipeline on articles and store them (idempotent: a re-run changes nothing and loses nothing).

Each article is committed on its own, so a crash loses at most the article in hand;
running the same command again stores what is missing and leaves the rest as is.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="article file(s), .jsonl batch, folder, or - for stdin")
    p.add_argument("--db", default=None, help="SQLite path or sqlite:/// URL (default: $WIREWATCH_DB, then the data dir)")
    p.add_argument("--extractions", action="store_true",
                   help="PATHs are JSONL output of `wirewatch extract`: store them without running the pipeline")
    p.add_argument("--skip-existing", action="store_true",
                   help="do not re-process input records whose id is already stored (faster resume)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    from ..scale.options import add_scale_arguments

    add_scale_arguments(p)  # --workers, --engine dask, --parquet-out, --parquet (docs/scale.md)


@dataclass
class Tally:
    seen: int = 0
    stored: int = 0
    unchanged: int = 0
    skipped: int = 0
    events: int = 0
    failures: int = 0
    warnings: int = 0

    def line(self) -> str:
        return (f"wirewatch ingest: {self.seen} article(s) read, {self.stored} stored, {self.unchanged} unchanged,"
                f" {self.skipped} skipped; {self.events} event(s); {self.failures} failure(s) and"
                f" {self.warnings} warning(s) recorded")


def _progress(items: Iterable[Any], disable: bool) -> Iterable[Any]:
    if disable:
        return items
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm ships with the test environment
        return items
    return tqdm(items, unit="article", file=sys.stderr, disable=None, mininterval=0.5)


def extraction_docs(paths: list[str]) -> Iterator[dict[str, Any]]:
    """Contract documents from JSONL files (``-`` is stdin).  A line that is not a storable document
    (not UTF-8, not JSON, nested too deep, a missing span start ...) or that repeats an earlier
    article id becomes a failure document (no text, one failure naming the file and line): the batch
    goes on."""
    from ..errors import BAD_RECORD, DUPLICATE_ID, NOT_FOUND
    from ..ingest.read import load_json
    from ..store.validate import problems

    first: dict[str, str] = {}
    for path in paths:
        try:
            fh = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
        except OSError as exc:
            yield _failure_doc(path, NOT_FOUND, f"{path}: cannot read the file ({exc.strerror or exc})")
            continue
        with fh:
            for n, raw in enumerate(fh, 1):
                where = f"{path}:{n}"
                if not raw.strip():
                    continue
                try:
                    doc, problem = load_json(raw.decode("utf-8"))
                except UnicodeDecodeError as exc:
                    doc, problem = None, f"not UTF-8 ({exc.reason})"
                found = [problem] if problem else problems(doc)
                if found:
                    yield _failure_doc(where, BAD_RECORD, f"{where}: not a storable extraction document: "
                                       + "; ".join(found))
                    continue
                aid = doc["article"]["id"]
                if aid in first:
                    yield _failure_doc(where, DUPLICATE_ID, f"{where}: article id {aid!r} was already used at"
                                       f" {first[aid]} in this batch; this document is refused")
                    continue
                first[aid] = where
                yield doc


def _failure_doc(where: str, code: str, message: str) -> dict[str, Any]:
    """A document that only carries a read failure (``store_docs`` records it and stores nothing)."""
    return {"article": {"id": where, "text": ""}, "failures": [{"stage": "read", "code": code, "message": message}]}


def _pipeline_docs(paths: list[str], store: Any, skip_existing: bool, tally: Tally,
                   args: argparse.Namespace | None = None) -> Iterator[dict[str, Any]]:
    from ..ingest.read import read_paths
    from ..model import Failure, RawDocument
    from ..scale.options import contracts

    def raws() -> Iterator[RawDocument]:
        for item in read_paths(paths):
            if isinstance(item, Failure):
                tally.seen += 1
                tally.failures += 1
                store.record_failure(item.article_id, item.stage, item.code, item.message)
                continue
            if skip_existing and item.id and store.get_article(item.id) is not None:
                tally.seen += 1
                tally.skipped += 1
                continue
            yield item

    yield from contracts(raws(), args)  # in input order: one process, --workers N, or --engine dask


def store_docs(store: Any, docs: Iterable[dict[str, Any]], tally: Tally) -> Tally:
    """Upsert each document in its own transaction; a bad document becomes a recorded failure."""
    from ..errors import WirewatchError

    for doc in docs:
        tally.seen += 1
        art = doc.get("article") or {}
        if not art.get("text") and doc.get("failures"):  # unreadable input: keep only the failure
            for f in doc["failures"]:
                store.record_failure(art.get("id"), f.get("stage", "?"), f.get("code", "?"), f.get("message", ""))
            tally.failures += len(doc["failures"])
            continue
        try:
            res = store.upsert_extraction(doc)
        except WirewatchError as exc:
            store.record_failure(art.get("id"), "store", exc.code, exc.message)
            tally.failures += 1
            continue
        tally.stored += res.changed
        tally.unchanged += not res.changed
        tally.events += res.events
        tally.failures += res.failures
        tally.warnings += res.warnings
    return tally


def run(args: argparse.Namespace) -> int:
    from ..config import default_db
    from ..store import open_store

    tally = Tally()
    if getattr(args, "parquet_out", None):
        from ..scale.dask_engine import write_shards

        return write_shards(args)
    with open_store(args.db or default_db()) as store:
        if args.extractions:
            docs: Iterable[dict[str, Any]] = extraction_docs(args.paths)
        elif getattr(args, "parquet", False):
            from ..scale.shards import read_shards

            docs = read_shards(args.paths)
        else:
            docs = _pipeline_docs(args.paths, store, args.skip_existing, tally, args)
        store_docs(store, _progress(docs, args.no_progress), tally)
        fused = fuse_stored(store)
    print(tally.line() + (f"; {fused} fused event(s) updated" if fused else ""), file=sys.stderr)
    return 0


def fuse_stored(store: Any) -> int:
    """Merge the new articles' events with reports of the same events already stored (docs/fusion.md);
    every SQL store (SQLite, PostgreSQL) keeps fused events."""
    from ..store.base import SQLStore

    if not isinstance(store, SQLStore):
        return 0
    from ..store.fused import refresh

    return refresh(store)
