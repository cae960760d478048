"""The event corpus the project owns: reading, checking, hashing and splitting it.

Items are JSON lines (``corpus/events/GUIDE.md`` gives the format and the labelling rules).  Two kinds
of file feed training:

- written items (``batches/*.jsonl``): the text is ours and lives in the file;
- references to real sentences in ``../shared/data`` (``shared/*.jsonl``): the file keeps the
  document id, the character offsets and our label, never the text, which is read from ``shared`` when
  the corpus is loaded.

``python -m wirewatch.eventmodel.corpus check FILE...`` validates files and prints their counts.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .labels import LABELS, NEG_KINDS, NONE, REGISTERS, STATUSES

_ID = re.compile(r"^[a-z][a-z0-9]*-\d{4,5}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CC = re.compile(r"^[A-Z]{2}$")


class CorpusError(ValueError):
    """A corpus line that breaks the format; the message names the file, line and problem."""


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled text."""

    id: str
    text: str
    label: str
    status: str | None
    register: str
    batch: str
    published: str | None = None
    country: str | None = None
    fatalities: int | None = None
    evidence: str | None = None
    neg_kind: str | None = None
    border: str | None = None

    @property
    def is_event(self) -> bool:
        return self.label != NONE


def parse_item(record: object, where: str) -> Item:
    """Validate one decoded JSON record; raise :class:`CorpusError` naming ``where`` and the problem."""
    if not isinstance(record, dict):
        raise CorpusError(f"{where}: not a JSON object")
    problems: list[str] = []
    rid, text, label = record.get("id"), record.get("text"), record.get("label")
    if not isinstance(rid, str) or not _ID.match(rid):
        problems.append(f"id {rid!r} is not '<batch>-<digits>'")
    if not isinstance(text, str) or len(text.strip()) < 8:
        problems.append("text is missing or too short")
    if label not in LABELS:
        problems.append(f"label {label!r} is not one of the 25 sub-event types or 'none'")
    status = record.get("status")
    if label == NONE:
        if status is not None:
            problems.append("a 'none' item has status null")
        if record.get("neg_kind") not in NEG_KINDS:
            problems.append(f"neg_kind {record.get('neg_kind')!r} is not one of {', '.join(NEG_KINDS)}")
    elif status not in STATUSES:
        problems.append(f"status {status!r} is not one of {', '.join(STATUSES)}")
    register = record.get("register")
    if register not in REGISTERS:
        problems.append(f"register {register!r} is not one of {', '.join(REGISTERS)}")
    published = record.get("published")
    if published is not None and (not isinstance(published, str) or not _DATE.match(published)):
        problems.append(f"published {published!r} is not YYYY-MM-DD")
    if register in ("note", "wire") and published is None:
        problems.append(f"a {register} item needs 'published'")
    country = record.get("country")
    if country is not None and (not isinstance(country, str) or not _CC.match(country)):
        problems.append(f"country {country!r} is not an ISO alpha-2 code")
    fatalities = record.get("fatalities")
    if fatalities is not None and (not isinstance(fatalities, int) or isinstance(fatalities, bool)
                                   or fatalities < 0):
        problems.append(f"fatalities {fatalities!r} is not a non-negative integer or null")
    evidence = record.get("evidence")
    if evidence is not None and (not isinstance(evidence, str) or not isinstance(text, str) or evidence not in text):
        problems.append("evidence is not an exact substring of text")
    if problems:
        raise CorpusError(f"{where}: " + "; ".join(problems))
    assert isinstance(rid, str) and isinstance(text, str) and isinstance(label, str) and isinstance(register, str)
    return Item(id=rid, text=text, label=label, status=status, register=register, batch=rid.split("-")[0],
                published=published, country=country, fatalities=fatalities, evidence=evidence,
                neg_kind=record.get("neg_kind"), border=record.get("border"))


def read_items(path: Path) -> list[Item]:
    """Every item of one JSONL file; the first bad line raises :class:`CorpusError`."""
    items: list[Item] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name} line {n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{where}: not JSON ({exc.msg} at column {exc.colno})") from exc
        item = parse_item(record, where)
        if item.id in seen:
            raise CorpusError(f"{where}: id {item.id} is used twice")
        seen.add(item.id)
        items.append(item)
    return items


def files_hash(paths: Iterable[Path]) -> str:
    """SHA-256 over the files' names and bytes, in name order: the corpus version the weights record."""
    h = hashlib.sha256()
    for p in sorted(paths, key=lambda q: q.name):
        h.update(p.name.encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def summary(items: Sequence[Item]) -> str:
    """Counts per label, register and status, as a small text table."""
    by_label = Counter(i.label for i in items)
    lines = [f"{len(items)} items ({sum(i.is_event for i in items)} events, {by_label[NONE]} none)"]
    for label in LABELS:
        regs = Counter(i.register for i in items if i.label == label)
        lines.append(f"  {by_label[label]:5d}  {label:38s} " + " ".join(f"{r}={regs[r]}" for r in REGISTERS))
    lines.append("  registers: " + ", ".join(f"{r}={n}" for r, n in Counter(i.register for i in items).most_common()))
    lines.append("  statuses: " + ", ".join(f"{s}={n}" for s, n in Counter(i.status for i in items).most_common()))
    negs = Counter(i.neg_kind for i in items if i.label == NONE)
    if negs:
        lines.append("  negatives: " + ", ".join(f"{k}={n}" for k, n in negs.most_common()))
    countries = Counter(i.country for i in items if i.country)
    lines.append(f"  countries: {len(countries)} (" + ", ".join(f"{c}={n}" for c, n in countries.most_common(12)) + ", ...)")
    return "\n".join(lines)


def _main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "check":
        print("usage: python -m wirewatch.eventmodel.corpus check FILE.jsonl...", file=sys.stderr)
        return 2
    items: list[Item] = []
    ok = True
    for name in argv[1:]:
        try:
            items += read_items(Path(name))
        except (CorpusError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            ok = False
    texts = Counter(i.text.strip().lower() for i in items)
    dupes = [t for t, n in texts.items() if n > 1]
    if dupes:
        print(f"error: {len(dupes)} texts occur more than once, e.g. {dupes[0][:80]!r}", file=sys.stderr)
        ok = False
    print(summary(items))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))


_WORD = re.compile(r"[a-z0-9]+")


def ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def overlap(items: Sequence[str], others: Sequence[str], n: int = 8) -> dict[str, float | int]:
    """How many of ``items`` share at least one word ``n``-gram with any of ``others`` (a leak check
    between splits and against the evaluation sets), and the share of their n-grams that do."""
    seen: set[tuple[str, ...]] = set()
    for t in others:
        seen |= ngrams(t, n)
    hit_items = shared = total = 0
    for t in items:
        grams = ngrams(t, n)
        common = len(grams & seen)
        hit_items += bool(common)
        shared += common
        total += len(grams)
    return {"items": len(items), "items_sharing_an_ngram": hit_items,
            "share_of_ngrams": round(shared / total, 4) if total else 0.0, "n": n}
