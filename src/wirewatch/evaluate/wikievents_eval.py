"""``wirewatch eval wikievents``: event detection and arguments on WikiEvents dev (KAIROS ontology).

Reads ``shared/data/events-wikievents-dev/dev.jsonl`` at run time.  Each document's sentences are
joined with one space and run through the pipeline as a plain-text article.

Type correspondence (KAIROS -> Wirewatch family, see ``events_eval.event_family``):
``Conflict.Attack.*``, ``Life.Die.*``, ``Life.Injure.*`` -> ``violence`` (PLOVER ASSAULT: ACLED Battles,
Explosions/Remote violence, Violence against civilians, Mob violence); ``Conflict.Demonstrate.*`` ->
``protest`` (PLOVER PROTEST); ``Justice.ArrestJailDetain.*`` -> ``arrest`` (ACLED Arrests);
``Contact.ThreatenCoerce.*`` -> ``threat`` (PLOVER THREATEN).  Other KAIROS types are out of scope.

Detection: a gold event mention is found when a Wirewatch event of its family has an evidence span
overlapping the gold trigger's sentence; a Wirewatch event is correct when one of its evidence spans
overlaps a sentence holding a gold trigger of its family (``anchor``: the event's first evidence span only).

Arguments (document level, head-word match, ``events_eval.filler_match``), from in-scope gold events and
from every Wirewatch event of the ``violence`` family (any status): ``attacker`` (Attacker, Killer,
Injurer) vs initiator actors; ``target`` (Target, Victim) vs target actors plus the event's physical
``targets``; ``place`` (Place) vs the event location (its words in the text, name, province or country).
Gold and predicted fillers are counted once per document and head noun.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .events_eval import (
    Counts,
    Extractor,
    Filler,
    actor_filler,
    claim_victims,
    event_family,
    head,
    require,
    score_fillers,
)

SUBDIR = Path("data") / "events-wikievents-dev"
COMMAND = "wirewatch eval wikievents"
SET = "wikievents"

GOLD_FAMILY = {"Conflict.Attack": "violence", "Life.Die": "violence", "Life.Injure": "violence",
               "Conflict.Demonstrate": "protest", "Justice.ArrestJailDetain": "arrest",
               "Contact.ThreatenCoerce": "threat"}
SLOT_OF_ROLE = {"Attacker": "attacker", "Killer": "attacker", "Injurer": "attacker",
                "Target": "target", "Victim": "target", "Place": "place"}
SLOTS = ("attacker", "target", "place")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    family: str
    sentence: int
    trigger: str
    arguments: tuple[tuple[str, str], ...]  # (KAIROS role, mention text)
    entities: tuple[str, ...] = ()  # the arguments' entity ids, in the same order


@dataclass(frozen=True, slots=True)
class WikiDoc:
    id: str
    sentences: tuple[str, ...]
    events: tuple[GoldEvent, ...]
    clusters: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # entity -> (key, texts)

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def gold_family(event_type: str) -> str | None:
    return GOLD_FAMILY.get(".".join(event_type.split(".")[:2]))


def parse_doc(record: dict[str, Any], clusters: list[list[str]] | None = None) -> WikiDoc:
    """A WikiEvents record; ``clusters`` are its coreference clusters (lists of entity ids), if known."""
    sentences = tuple(str(s[1]) for s in record["sentences"])
    events = []
    for e in record["event_mentions"]:
        fam = gold_family(e["event_type"])
        if fam is None:
            continue
        args = tuple((a["role"], a["text"]) for a in e["arguments"])
        ids = tuple(a["entity_id"] for a in e["arguments"])
        events.append(GoldEvent(e["event_type"], fam, int(e["trigger"]["sent_idx"]), e["trigger"]["text"], args,
                                ids))
    text_of = {m["id"]: m["text"] for m in record.get("entity_mentions") or ()}
    coref: dict[str, tuple[str, tuple[str, ...]]] = {}
    for i, cluster in enumerate(clusters or ()):
        texts = tuple(text_of[m] for m in cluster if m in text_of)
        coref |= {m: (f"c{i}", texts) for m in cluster}
    return WikiDoc(record["doc_id"], sentences, tuple(events), coref)


def load_docs(shared: Path, limit: int | None = None) -> list[WikiDoc]:
    path = require(shared / SUBDIR / "dev.jsonl")
    coref_path = shared / SUBDIR / "coref-dev.jsonlines"
    clusters: dict[str, list[list[str]]] = {}
    if coref_path.exists():
        with coref_path.open(encoding="utf-8") as fh:
            clusters = {r["doc_key"]: r["clusters"] for r in map(json.loads, fh) if r}
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return [parse_doc(r, clusters.get(r["doc_id"])) for r in records[:limit]]


def locate_sentences(sentences: tuple[str, ...], text: str) -> list[tuple[int, int] | None]:
    """Each sentence's character span in the article text (searched in order; ``None`` when not found)."""
    out: list[tuple[int, int] | None] = []
    cursor = 0
    for s in sentences:
        at = text.find(s, cursor)
        if at < 0 and len(s) > 40:  # the normaliser may have changed a character: anchor on the opening words
            at = text.find(s[:40], cursor)
        if at < 0:
            out.append(None)
            continue
        out.append((at, at + len(s)))
        cursor = at + len(s)
    return out


def _overlaps(spans: list[dict[str, Any]], sent: tuple[int, int] | None) -> bool:
    return sent is not None and any(s["start"] < sent[1] and sent[0] < s["end"] for s in spans)


def _evidence(event: dict[str, Any], anchor: bool) -> list[dict[str, Any]]:
    ev = event.get("evidence") or []
    return ev[:1] if anchor else ev


def detection_counts(doc: WikiDoc, events: list[dict[str, Any]], sents: list[tuple[int, int] | None],
                     anchor: bool = False) -> dict[str, Counts]:
    """Per family (and per gold type for recall): gold mentions found and Wirewatch events correct."""
    out: dict[str, Counts] = {}
    for g in doc.events:
        found = any(event_family(e) == g.family and _overlaps(_evidence(e, anchor), sents[g.sentence])
                    for e in events)
        for key in (g.family, f"type:{'.'.join(g.type.split('.')[:2])}", f"type:{g.type}"):
            c = out.setdefault(key, Counts())
            c.gold += 1
            c.tp_gold += found
    for e in events:
        fam = event_family(e)
        if fam is None:
            continue
        correct = any(g.family == fam and _overlaps(_evidence(e, anchor), sents[g.sentence]) for g in doc.events)
        c = out.setdefault(fam, Counts())
        c.pred += 1
        c.tp_pred += correct
    return out


def gold_fillers(doc: WikiDoc, coref: bool = False) -> dict[str, list[list[str]]]:
    """Gold fillers per slot: one per head noun, or (``coref``) one per coreference cluster with all its
    mentions' texts (an argument outside every cluster stands alone)."""
    out: dict[str, dict[str, list[str]]] = {s: {} for s in SLOTS}
    for g in doc.events:
        if g.family != "violence":
            continue
        ids = g.entities or ("",) * len(g.arguments)
        for (role, text), entity in zip(g.arguments, ids, strict=True):
            slot, h = SLOT_OF_ROLE.get(role), head(text)
            if slot is None or h is None:
                continue
            key, texts = doc.clusters.get(entity, (h, (text,))) if coref else (h, (text,))
            out[slot].setdefault(key, []).extend(t for t in texts if t not in out[slot].get(key, ()))
    return {s: list(v.values()) for s, v in out.items()}


def predicted_fillers(events: list[dict[str, Any]]) -> dict[str, list[Filler]]:
    out: dict[str, list[Filler]] = {s: [] for s in SLOTS}
    for e in events:
        if event_family(e) != "violence":
            continue
        for a in e.get("actors") or []:
            filler = actor_filler(a)
            if filler is not None and a.get("role") in ("initiator", "target"):
                out["attacker" if a["role"] == "initiator" else "target"].append(filler)
        out["target"].extend(str(t) for t in e.get("targets") or [])
        out["target"].extend(claim_victims(e, include_attackers=True, numbers=True))
        loc = e.get("location") or {}
        alts = tuple(str(x) for x in (e.get("location_span"), loc.get("name"), loc.get("admin1"), loc.get("country"))
                     if x)
        if alts:
            out["place"].append(alts)
    return out


def role_recall(doc: WikiDoc, pred: dict[str, list[Filler]]) -> dict[str, Counts]:
    """Recall per KAIROS role (Target and Victim apart), each gold mention scored against its slot."""
    out: dict[str, Counts] = {}
    for role in ("Attacker", "Killer", "Injurer", "Target", "Victim", "Place"):
        texts = {t for g in doc.events if g.family == "violence" for r, t in g.arguments if r == role}
        if texts:
            c = score_fillers(pred[SLOT_OF_ROLE[role]], [[t] for t in sorted(texts)])
            out[role] = Counts(0, c.tp_gold, 0, c.gold)
    return out


def _typing(doc: WikiDoc, events: list[dict[str, Any]], sents: list[tuple[int, int] | None]) -> tuple[int, int]:
    """DetonateExplode mentions found, and those found by an ACLED ``Explosions/Remote violence`` event."""
    found = typed = 0
    for g in doc.events:
        if g.type != "Conflict.Attack.DetonateExplode":
            continue
        hits = [e for e in events if event_family(e) == "violence" and _overlaps(e.get("evidence") or [],
                                                                                  sents[g.sentence])]
        found += bool(hits)
        typed += any(e.get("event_type") == "Explosions/Remote violence" for e in hits)
    return found, typed


def _add(total: dict[str, Counts], part: dict[str, Counts]) -> None:
    for k, c in part.items():
        total.setdefault(k, Counts()).add(c)


def argument_counts(doc: WikiDoc, pred: dict[str, list[Filler]], coref: bool = False) -> dict[str, Counts]:
    """Per slot, and over all slots (``all``), the document's argument matches."""
    gold = gold_fillers(doc, coref)
    out = {slot: score_fillers(pred[slot], gold[slot]) for slot in SLOTS}
    out["all"] = Counts()
    for slot in SLOTS:
        out["all"].add(out[slot])
    return out


def _arguments(counts: dict[str, Counts]) -> dict[str, Any]:
    return counts.get("all", Counts()).metrics() | {s: counts.get(s, Counts()).metrics() for s in SLOTS}


def evaluate(shared: Path | None, limit: int | None = None, use_cache: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"command": COMMAND + (f" --limit {limit}" if limit else "")}
    if shared is None:
        out["shared"] = "absent: set WIREWATCH_SHARED to score WikiEvents dev"
        return out
    docs = load_docs(shared, limit)
    extract = Extractor(SET, use_cache)
    started = time.perf_counter()
    det: dict[str, Counts] = {}
    anchor: dict[str, Counts] = {}
    args: dict[str, Counts] = {}
    args_coref: dict[str, Counts] = {}
    roles: dict[str, Counts] = {}
    unlocated, found_dx, typed_dx, statuses = 0, 0, 0, Counter()
    for doc in docs:
        line = extract(doc.id, doc.text)
        events = line["events"]
        sents = locate_sentences(doc.sentences, line["article"]["text"])
        unlocated += sum(s is None for s in sents)
        _add(det, detection_counts(doc, events, sents))
        _add(anchor, detection_counts(doc, events, sents, anchor=True))
        pred = predicted_fillers(events)
        _add(args, argument_counts(doc, pred))
        _add(args_coref, argument_counts(doc, pred, coref=True))
        _add(roles, role_recall(doc, pred))
        f, t = _typing(doc, events, sents)
        found_dx, typed_dx = found_dx + f, typed_dx + t
        statuses.update(e.get("status") for e in events if event_family(e) == "violence")
    out |= {
        "documents": len(docs),
        "gold_events": {k: c.gold for k, c in sorted(det.items()) if k.startswith("type:")},
        "detection": det.pop("violence", Counts()).metrics(),
        "detection_anchor": anchor.pop("violence", Counts()).metrics(),
        "detection_other_families": {k: c.metrics() for k, c in sorted(det.items()) if not k.startswith("type:")},
        "recall_by_gold_type": {k[5:]: c.metrics()["recall"] for k, c in sorted(det.items()) if k.startswith("type:")},
        "typing": {"detonate_explode_found": found_dx,
                   "as_explosions_remote_violence": round(typed_dx / found_dx, 4) if found_dx else 0.0},
        "arguments": _arguments(args),
        "arguments_coref": _arguments(args_coref),
        "argument_recall_by_role": {r: c.metrics()["recall"] for r, c in roles.items()},
        "violence_events_by_status": dict(statuses),
        "extraction": {"ran": extract.ran, "cached": extract.cached, "unlocated_sentences": unlocated,
                       "seconds": round(time.perf_counter() - started, 1)},
        "anchors": {"bart_gen_arg_identification_head_f1_test": 0.7175, "target_argument_f1": 0.65,
                    "target_detection_f1": 0.85},
    }
    return out

