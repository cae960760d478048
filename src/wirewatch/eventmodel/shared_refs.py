"""Real news sentences from ``../shared/data`` in the event corpus, kept as references, never as text.

A reference names a dataset, a document and the character offsets of one sentence in that document's
text as the dataset's reader gives it, plus the first 12 hex digits of the sentence's SHA-1 so that a
changed source is noticed.  Our label sits beside it.  The text is read from ``shared`` when the
corpus is loaded for training; without ``shared`` these items are skipped (and the training command
says so).

Datasets used for training are the ones whose event typing is not what we evaluate on: MUC-4's train
split (its dev split stays for ``wirewatch eval muc4``), the GVA dev half and BASIL (fusion sets), LGL
(geoparsing) and TimeBank/AQUAINT (times).  WikiEvents, MUC-4 dev and UCDP stay out of training.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

Reader = Callable[[Path], Iterator[tuple[str, str]]]


def _muc4_train(shared: Path) -> Iterator[tuple[str, str]]:
    from ..evaluate.muc_eval import load_split, unwrap

    for doc_id, text, _ in load_split(shared, "train"):
        yield doc_id, unwrap(text)


def _gva(shared: Path) -> Iterator[tuple[str, str]]:
    from ..evaluate.fusion_eval import load_gva

    for d in load_gva(shared):
        yield d.id, d.text


def _basil(shared: Path) -> Iterator[tuple[str, str]]:
    from ..evaluate.fusion_eval import load_basil

    for d in load_basil(shared):
        yield d.id, d.text


def _lgl(shared: Path) -> Iterator[tuple[str, str]]:
    from ..evaluate.geo_eval import read_lgl

    for d in read_lgl(shared / "data" / "geo-lgl" / "lgl.xml"):
        yield d.id, d.text


def _tbaq(shared: Path) -> Iterator[tuple[str, str]]:
    from ..evaluate.time_eval import load_docs

    for d in load_docs(shared):
        yield f"{d.corpus}/{d.name}", d.text


#: Dataset name -> reader of ``(document id, text)``, in the dataset's own order.
READERS: dict[str, Reader] = {"muc4-train": _muc4_train, "gva": _gva, "basil": _basil, "lgl": _lgl,
                              "tbaq": _tbaq}


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class SentenceRef:
    dataset: str
    doc: str
    start: int
    end: int
    sha1: str


_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z\"'])")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets by punctuation and line breaks (enough to cut news into labelling units)."""
    out, pos = [], 0
    for m in _BOUNDARY.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    spans = []
    for a, b in out:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail - lead >= 20:
            spans.append((a + lead, a + trail))
    return spans


def documents(shared: Path, dataset: str) -> dict[str, str]:
    return dict(READERS[dataset](shared))


def resolve(ref: SentenceRef, docs: dict[str, str]) -> str | None:
    """The referenced sentence, or ``None`` when the document is gone or its text changed."""
    text = docs.get(ref.doc)
    if text is None or ref.end > len(text):
        return None
    sent = text[ref.start:ref.end]
    return sent if digest(sent) == ref.sha1 else None


_CUE = re.compile(r"\b(kill|dead|death|wound|injur|attack|bomb|explo|shoot|shot|gun|fire|clash|fight|rebel|"
                  r"guerrill|army|soldier|troop|police|arrest|detain|kidnap|abduct|protest|demonstrat|march|"
                  r"riot|strike|missile|rocket|shell|mortar|grenade|mine|massacre|murder|assassin|hostage|"
                  r"ceasefire|truce|peace|seiz|captur|loot|burn|torch|raid|ambush|terror|militar|war)",
                  re.IGNORECASE)


def sample(shared: Path, dataset: str, n: int, seed: int = 13, cue_share: float = 0.75) -> list[dict]:
    """``n`` candidate sentences for labelling: about ``cue_share`` of them with a violence or protest
    word, the rest at random, at most three per document, each with the sentence before it."""
    rng = random.Random(f"{seed}:{dataset}")
    cued: list[dict] = []
    other: list[dict] = []
    for doc_id, text in READERS[dataset](shared):
        spans = sentences(text)
        picks = rng.sample(range(len(spans)), min(3, len(spans)))
        for k in picks:
            a, b = spans[k]
            sent = text[a:b]
            ctx = text[spans[k - 1][0]:spans[k - 1][1]] if k else ""
            row = {"dataset": dataset, "doc": doc_id, "start": a, "end": b, "sha1": digest(sent), "text": sent,
                   "context_before": ctx}
            (cued if _CUE.search(sent) else other).append(row)
    rng.shuffle(cued)
    rng.shuffle(other)
    k = min(len(cued), round(n * cue_share))
    rows = cued[:k] + other[: n - k]
    rng.shuffle(rows)
    return rows


def _main(argv: list[str]) -> int:
    """``python -m wirewatch.eventmodel.shared_refs sample DATASET N OUT.jsonl`` (candidates, with text,
    for a labeller's eyes only: the file must stay outside the repository)."""
    from ..config import shared_dir

    if len(argv) != 4 or argv[0] != "sample" or argv[1] not in READERS:
        print(f"usage: sample {{{','.join(READERS)}}} N OUT.jsonl")
        return 2
    shared = shared_dir()
    if shared is None:
        print("../shared not found (set WIREWATCH_SHARED)")
        return 2
    rows = sample(shared, argv[1], int(argv[2]))
    with open(argv[3], "w", encoding="utf-8") as fh:
        for i, r in enumerate(rows, 1):
            fh.write(json.dumps({"id": f"{argv[1]}-{i:04d}", **r}, ensure_ascii=False) + "\n")
    print(f"{len(rows)} candidates -> {argv[3]}")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(_main(sys.argv[1:]))
