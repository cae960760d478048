"""Shared parts of the event evaluations (``wikievents``, ``muc4``, ``ucdp``).

- :func:`extract_cached` runs the real pipeline (``pipeline.process`` + ``contract.to_contract``) on one
  text, with one ``Resources`` per run, and caches the contract line under
  ``cache_dir()/eval/<set>/<sha1 of text + pipeline code version>.json``.  Actor dicts in the cached line
  carry two extra keys the contract leaves out: ``span`` (the actor's words in the text, or ``None``) and
  ``dictionary`` (whether the actor is an entry of the curated actor dictionary).
- :func:`head` / :func:`filler_match` are the argument matching rules (head noun or containment).
- :func:`score_fillers` aligns predicted strings with gold entities one to one and counts hits.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import cache_dir
from ..errors import ConfigError

PIPELINE_PARTS = ("ingest", "extract", "geo", "eventmodel")
PIPELINE_FILES = ("annotate.py", "pipeline.py", "contract.py", "model.py", "config.py", "scale/relevance.py",
                  "data/actors.json",
                  "data/places_supplement.csv",
                  "data/eventmodel/manifest.json")  # names the trained weights by their hash

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")
_BRACKETS = re.compile(r"[\[(][^\])]*[\])]")
STOPWORDS = frozenset("""a an the of and or in on at to for by with from this that these those his her their its
our your my some any several two three four five six seven eight nine ten many other others another one each
all both who which whom whose was were is are be been being said alleged""".split())


# ---------------------------------------------------------------- words and heads

def words(text: str) -> list[str]:
    """Lower-cased content words, possessives and bracketed asides dropped, plurals singularised.

    An acronym spelled like a stop word (``IS`` for Islamic State) is kept when it is the whole phrase
    or the phrase is not all capitals (``IS attacks``).
    """
    text = _BRACKETS.sub(" ", text)
    raw = _WORD.findall(text)
    acronyms_ok = len(raw) == 1 or not text.isupper()
    out = []
    for original in raw:
        w = original.lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        w = w.strip("'-")
        if not w:
            continue
        if w not in STOPWORDS:
            out.append(singular(w))
        elif acronyms_ok and len(original) > 1 and original.isupper():
            out.append(w)
    return out


def singular(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def head(text: str) -> str | None:
    """The head noun of a noun phrase: the last content word before an ``of``/``from`` complement.

    ``members of the FMLN`` -> ``member``; ``The Taliban`` -> ``taliban``; ``a roadside IED`` -> ``ied``.
    """
    text = _BRACKETS.sub(" ", text)
    first = re.split(r"\s(?:of|from|who|which|that|in|at|on)\s", f" {text} ", maxsplit=1, flags=re.I)[0]
    ws = words(first) or words(text)
    return ws[-1] if ws else None


def filler_match(pred: str, gold: str) -> bool:
    """Head-noun match or containment (of content words), the MUC-4 role-filler rule.

    True when the two heads are equal, or when every content word of one is among the other's
    (``FMLN`` vs ``members of the FMLN``; ``bomb`` vs ``car bomb``).
    """
    hp, hg = head(pred), head(gold)
    if hp is None or hg is None:
        return False
    if hp == hg:
        return True
    wp, wg = set(words(pred)), set(words(gold))
    return bool(wp) and bool(wg) and (wp <= wg or wg <= wp)


# ---------------------------------------------------------------- scoring

@dataclass
class Counts:
    """True positives, predictions and gold items for one slot (micro-averaged over documents)."""

    tp_pred: int = 0
    tp_gold: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp_pred += other.tp_pred
        self.tp_gold += other.tp_gold
        self.pred += other.pred
        self.gold += other.gold

    def metrics(self) -> dict[str, float | int]:
        return prf(self.tp_pred, self.pred, self.tp_gold, self.gold)


def prf(tp_pred: int, pred: int, tp_gold: int, gold: int) -> dict[str, float | int]:
    """Precision over predictions, recall over gold items; both 0 when their denominator is 0."""
    p = tp_pred / pred if pred else 0.0
    r = tp_gold / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "pred": pred, "gold": gold,
            "matched": tp_gold}


Filler = str | tuple[str, ...]  # one predicted filler: a string, or alternative strings for one item


def _alts(p: Filler) -> tuple[str, ...]:
    return (p,) if isinstance(p, str) else tuple(p)


def dedupe(preds: Iterable[Filler]) -> list[Filler]:
    """Predicted fillers with one item per head noun of its first string (first seen wins), empty heads dropped."""
    seen: dict[str, Filler] = {}
    for p in preds:
        alts = _alts(p)
        h = head(alts[0]) if alts else None
        if h is not None and h not in seen:
            seen[h] = p
    return list(seen.values())


def score_fillers(preds: Sequence[Filler], gold: Sequence[Sequence[str]],
                  match: Callable[[str, str], bool] = filler_match) -> Counts:
    """One-to-one greedy alignment of predicted fillers with gold entities (any of an entity's mentions).

    Predictions are deduplicated by head noun first; a prediction given as alternatives (a place's
    name, province and country) matches when any alternative does; each gold entity matches once.
    """
    items = dedupe(preds)
    used: set[int] = set()
    tp = 0
    for p in items:
        hit = next((i for i, mentions in enumerate(gold)
                    if i not in used and any(match(a, m) for a in _alts(p) for m in mentions)), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    return Counts(tp, tp, len(items), len(gold))


def macro(rows: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Unweighted mean of precision, recall and F1 over slots."""
    n = len(rows) or 1
    return {k: round(sum(float(r[k]) for r in rows.values()) / n, 4) for k in ("precision", "recall", "f1")}


# ---------------------------------------------------------------- pipeline with a cache

@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of the pipeline's code: a cached extraction is reused only by the same code."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha1()
    files = [root / f for f in PIPELINE_FILES] + [p for d in PIPELINE_PARTS for p in sorted((root / d).rglob("*"))
                                                  if p.is_file() and p.suffix in (".py", ".json", ".tsv", ".txt",
                                                                                  ".yaml", ".csv")]
    for p in files:
        if p.exists():
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()[:12]


def cache_path(set_name: str, text: str, published: str | None) -> Path:
    key = hashlib.sha1(f"{text}\x00{published}\x00{pipeline_version()}".encode()).hexdigest()
    return cache_dir() / "eval" / set_name / f"{key}.json"


class Extractor:
    """Runs the pipeline once per text (one ``Resources`` per run), reading and filling the cache."""

    def __init__(self, set_name: str, use_cache: bool = True) -> None:
        self.set_name = set_name
        self.use_cache = use_cache
        self._resources: Any = None
        self.cached = 0
        self.ran = 0

    @property
    def resources(self) -> Any:
        if self._resources is None:
            from ..pipeline import Resources

            self._resources = Resources()
        return self._resources

    def __call__(self, doc_id: str, text: str, kind: str = "text", published: str | None = None) -> dict[str, Any]:
        path = cache_path(self.set_name, text, published)
        if self.use_cache and path.exists():
            self.cached += 1
            return json.loads(path.read_text(encoding="utf-8"))
        line = self._run(doc_id, text, kind, published)
        self.ran += 1
        if self.use_cache and not any(f.get("code") == "W900" for f in line["failures"]):
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_suffix(f".{os.getpid()}.part")  # write then rename: parallel runs never read half a file
            part.write_text(json.dumps(line), encoding="utf-8")
            part.replace(path)
        return line

    def _run(self, doc_id: str, text: str, kind: str, published: str | None) -> dict[str, Any]:
        from ..contract import to_contract
        from ..model import RawDocument
        from ..pipeline import process

        raw = RawDocument(source=f"eval-{self.set_name}:{doc_id}", content=text, kind=kind,  # type: ignore[arg-type]
                          id=doc_id, published=published)
        x = process(raw, self.resources)
        line = to_contract(x)
        for ev, event in zip(line["events"], x.events, strict=True):
            for ad, actor in zip(ev["actors"], event.actors, strict=True):
                ad["span"] = actor.span.text if actor.span is not None else None
                ad["dictionary"] = bool(actor.canonical_id and self.resources.actors.by_id(actor.canonical_id))
            ev["location_span"] = event.location_span.text if event.location_span is not None else None
        return {"article": {"id": line["article"]["id"], "text": line["article"]["text"],
                            "published": line["article"]["published"]},
                "events": line["events"], "failures": line["failures"]}


def claim_victims(event: dict[str, Any], include_attackers: bool, numbers: bool = False) -> list[str]:
    """The people the event's casualty claims count, as written ("six policemen"): they are its victims
    (KAIROS Victim, MUC-4 human target). Attackers among the dead are left out when asked. With
    ``numbers``, a claim that names no people gives its number ("injuring 260": KAIROS marks "260")."""
    out = []
    for c in event.get("claims") or []:
        if c.get("field") not in ("fatalities", "injured") or (not include_attackers and c.get("side") == "initiator"):
            continue
        if c.get("victims"):
            out.append(str(c["victims"]))
        elif numbers and c.get("value") is not None:
            out.append(str(c["value"]))
    return out


def require(path: Path) -> Path:
    if not path.exists():
        raise ConfigError(f"{path} is missing; is the shared data folder complete?")
    return path


def actor_text(actor: dict[str, Any]) -> str | None:
    """The words an actor was found by (its span); ``None`` for an actor with no words in the text.

    Such actors (the ``Unidentified Armed Group`` default for a doer-less attack, forces inferred from a
    country) are not role fillers: role-filler sets score strings of the text.
    """
    span = actor.get("span")
    return str(span) if span else None


def actor_filler(actor: dict[str, Any]) -> Filler | None:
    """An actor as a role filler: its words in the text and, for an entry of the curated dictionary, its
    canonical name as an alternative (the system knows that "FMLN" is the Farabundo Marti National
    Liberation Front and that "the army" there is the Military Forces of El Salvador)."""
    text = actor_text(actor)
    if text is None:
        return None
    name = re.sub(r"\s*\([^)]*\)\s*$", "", str(actor.get("name") or "")).strip()
    return (text, name) if actor.get("dictionary") and name and name != text else text


# PLOVER/ACLED families used to decide whether a Wirewatch event and a gold event type correspond.
def event_family(event: dict[str, Any]) -> str | None:
    plover = (event.get("plover") or {}).get("type")
    if event.get("sub_event_type") == "Arrests":
        return "arrest"
    if plover == "ASSAULT" or event.get("event_type") in ("Battles", "Explosions/Remote violence",
                                                             "Violence against civilians"):
        return "violence"
    if plover == "PROTEST":
        return "protest"
    if plover == "THREATEN":
        return "threat"
    return None
