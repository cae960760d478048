"""The corpus as training data: items from the written batches and the shared references, their split,
and the texts the model sees for each item.

Splits (``corpus/events/splits.json``):

- ``test``: batches written blind after the model was frozen; never trained or tuned on;
- ``dev``: per batch, ``"all"`` or a fraction of its items (chosen by a hash of the item id, or of the
  document for shared references, so sentences of one document stay together);
- everything else is ``train``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .corpus import CorpusError, Item, files_hash, read_items
from .labels import LABELS, NONE, REGISTERS, STATUSES
from .shared_refs import SentenceRef, documents, resolve

SPLITS = ("train", "dev", "test")
_DATELINE = re.compile(r"^[A-Z][\w .,'()/-]{1,60}?\s*\([^)]{2,40}\)\s*[-\u2013\u2014]+\s*")


@dataclass(frozen=True, slots=True)
class Corpus:
    items: tuple[Item, ...]
    split: dict[str, str]  # item id -> train | dev | test
    version: str  # hash of every corpus file
    skipped: tuple[str, ...]  # why shared references were left out

    def of(self, split: str) -> list[Item]:
        return [i for i in self.items if self.split[i.id] == split]


def corpus_files(root: Path) -> list[Path]:
    """Every file whose bytes make the corpus version the weights are trained from: the batches that train
    or tune (not the blind test batches, which are written after the model is frozen), the shared
    references and the splits."""
    splits = json.loads((root / "splits.json").read_text(encoding="utf-8"))
    test = set(splits.get("test", []))
    files = [p for p in sorted((root / "batches").glob("*.jsonl")) if p.stem not in test]
    return files + sorted((root / "shared").glob("*.jsonl")) + [root / "splits.json"]


def corpus_version(root: Path) -> str:
    return files_hash(corpus_files(root))


def _fraction(key: str) -> float:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def read_refs(path: Path) -> list[tuple[SentenceRef, dict]]:
    """A shared-reference file: one ``{"id", "dataset", "doc", "start", "end", "sha1", "label", ...}`` per line."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            ref = SentenceRef(r["dataset"], r["doc"], int(r["start"]), int(r["end"]), r["sha1"])
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise CorpusError(f"{path.name} line {n}: not a sentence reference ({exc})") from exc
        if "text" in r:
            raise CorpusError(f"{path.name} line {n}: a shared reference must not carry the text")
        out.append((ref, r))
    return out


def load_corpus(root: Path, shared: Path | None) -> Corpus:
    """Read and check every corpus file; shared references are resolved against ``shared``."""
    splits = json.loads((root / "splits.json").read_text(encoding="utf-8"))
    items: list[Item] = []
    for path in sorted((root / "batches").glob("*.jsonl")):
        items += read_items(path)
    skipped: list[str] = []
    ref_batch: dict[str, str] = {}
    for path in sorted((root / "shared").glob("*.jsonl")):
        refs = read_refs(path)
        if shared is None:
            skipped.append(f"{path.name}: {len(refs)} references skipped, ../shared not found")
            continue
        docs = documents(shared, refs[0][0].dataset) if refs else {}
        lost = 0
        for ref, r in refs:
            text = resolve(ref, docs)
            if text is None:
                lost += 1
                continue
            from .corpus import parse_item

            record = {k: v for k, v in r.items() if k not in ("dataset", "doc", "start", "end", "sha1")}
            item = parse_item({**record, "text": text, "register": "sentence"}, f"{path.name} {r.get('id')}")
            items.append(item)
            ref_batch[item.id] = f"{ref.dataset}/{ref.doc}"
        if lost:
            skipped.append(f"{path.name}: {lost} references whose text changed or is gone")
    seen: set[str] = set()
    for i in items:
        if i.id in seen:
            raise CorpusError(f"id {i.id} is used twice")
        seen.add(i.id)
    split = {i.id: _split_of(i, splits, ref_batch.get(i.id)) for i in items}
    return Corpus(tuple(items), split, corpus_version(root), tuple(skipped))


def _split_of(item: Item, splits: dict, doc_key: str | None) -> str:
    if item.batch in splits.get("test", []):
        return "test"
    dev = splits.get("dev", {}).get(item.batch)
    if dev == "all":
        return "dev"
    if isinstance(dev, (int, float)) and _fraction(doc_key or item.id) < dev:
        return "dev"
    return "train"


@dataclass(frozen=True, slots=True)
class Example:
    """One text the model is trained or scored on."""

    text: str
    label: int  # index in LABELS
    status: int  # index in STATUSES, -1 for ``none``
    item_id: str
    register: str


def strip_dateline(text: str) -> str:
    """``GAO, Mali, March 3 (Newsdesk) - Gunmen ...`` -> ``Gunmen ...`` (the pipeline cuts datelines too)."""
    return _DATELINE.sub("", text, count=1)


def views(item: Item, augment: bool) -> list[str]:
    """The texts of an item: the whole item; with ``augment``, also its evidence sentence and the item
    without its dateline, since the pipeline reads sentences of articles whose datelines it removed."""
    texts = [item.text]
    if augment:
        if item.evidence and item.evidence.strip() != item.text.strip():
            texts.append(item.evidence)
        if item.register == "wire":
            bare = strip_dateline(item.text)
            if bare != item.text:
                texts.append(bare)
    return texts


def examples(items: Iterable[Item], augment: bool = False) -> list[Example]:
    out = []
    for item in items:
        label = LABELS.index(item.label)
        status = STATUSES.index(item.status) if item.status else -1
        for text in views(item, augment):
            out.append(Example(text, label, status, item.id, item.register))
    return out


def label_counts(items: Sequence[Item]) -> dict[str, int]:
    return {lab: sum(i.label == lab for i in items) for lab in LABELS}


__all__ = ["Corpus", "Example", "LABELS", "NONE", "REGISTERS", "SPLITS", "STATUSES", "corpus_files",
           "corpus_version", "examples", "label_counts", "load_corpus", "strip_dateline", "views"]
