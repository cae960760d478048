"""``wirewatch eval muc4``: MUC-4 role fillers (GRIT document-level split) against Wirewatch events.

Reads ``shared/data/events-muc4/{dev,train}.json`` at run time.  The texts are all capitals and
hard-wrapped at about 70 columns; the evaluator joins each paragraph's lines with spaces and, by
default, truecases the text (``truecase.py``; evaluator only, not in the pipeline).  ``dev_uppercase``
scores the same dev documents as given, to show what the capitals cost.

Roles against the fillers of every Wirewatch event of the ``violence`` family (any status):

- ``perp_organization_id``: initiator actors that are entries of the actor dictionary, and
  non-dictionary initiators written as a name (every content word capitalised);
- ``perp_individual_id``: the other initiator actors, and dictionary initiators whose words end in a
  lower-case noun (``FMLN guerrillas``); an actor is read by its words in the text (its span);
- ``phys_tgt_id``: the event's physical ``targets``;
- ``hum_tgt_name``: target actors;
- ``incident_instrument_id``: the event's ``weapons``.

Match rule (``events_eval.filler_match``): head-noun match or containment of content words between a
predicted string and any mention of a gold entity, one to one per document and role (predictions
deduplicated by head noun).  Scores are micro-averaged over documents per role; ``macro`` is the
unweighted mean over the five roles (the "average over the five roles" of the issue's target).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from .events_eval import (
    Counts,
    Extractor,
    Filler,
    actor_filler,
    actor_text,
    claim_victims,
    event_family,
    macro,
    require,
    score_fillers,
    words,
)
from .truecase import truecase

SUBDIR = Path("data") / "events-muc4"
COMMAND = "wirewatch eval muc4"
SET = "muc4"
ROLES = ("perp_individual_id", "perp_organization_id", "phys_tgt_id", "hum_tgt_name", "incident_instrument_id")
SPLITS = ("dev", "train")


def load_split(shared: Path, split: str, limit: int | None = None) -> list[tuple[str, str, dict[str, Any]]]:
    """``(doc id, text, roles)`` in file order."""
    data = json.loads(require(shared / SUBDIR / f"{split}.json").read_text(encoding="utf-8"))
    docs = [(k, v["doc"], v["roles"]) for k, v in data.items()]
    return docs[:limit]


def unwrap(text: str) -> str:
    """Paragraphs (blank-line separated) with their hard-wrapped lines joined by single spaces."""
    paras = [" ".join(line.strip() for line in p.splitlines() if line.strip()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


def _is_name(span: str) -> bool:
    content = [w for w in re.findall(r"[A-Za-z][\w'\-]*", span) if words(w)]
    return bool(content) and all(w[0].isupper() for w in content)


def _ends_in_name(span: str) -> bool:
    """The GRIT human-target role holds names only (MUC-4's HUM TGT: NAME slot; descriptions such as
    'peasants' were a separate slot it leaves out): a target counts when it ends in a capitalised word
    that is not an acronym ('senator Federico Estrada Velez')."""
    toks = re.findall(r"[A-Za-z][\w'\-]*", span)
    return bool(toks) and toks[-1][0].isupper() and not toks[-1].isupper()


def _titled_name(span: str) -> bool:
    """A description followed by a name ('police commander Colonel Waldemar Quintero'): a person, even
    when the description matched an organisation of the dictionary."""
    return re.search(r"\b[a-z][\w'\-]*\s+(?:[A-Z][\w'\-]*\s+){1,4}[A-Z][\w'\-]*$", span) is not None


def _ends_in_common_noun(span: str) -> bool:
    toks = re.findall(r"[A-Za-z][\w'\-]*", span)
    return bool(toks) and toks[-1].islower()


def predicted_fillers(events: list[dict[str, Any]]) -> dict[str, list[Filler]]:
    out: dict[str, list[str]] = {r: [] for r in ROLES}
    for e in events:
        # MUC-4 templates cover attempted and foiled attacks too (stage of execution ATTEMPTED): ACLED codes
        # a bomb found and dismantled as Disrupted weapons use, which is scored here with the violence
        if event_family(e) != "violence" and e.get("sub_event_type") != "Disrupted weapons use":
            continue
        for a in e.get("actors") or []:
            text = actor_text(a)
            if text is None:
                continue
            if a.get("role") == "initiator":
                if a.get("dictionary") or _is_name(text):
                    out["perp_organization_id"].append(actor_filler(a) or text)
                    if _ends_in_common_noun(text):
                        out["perp_individual_id"].append(text)
                else:
                    out["perp_individual_id"].append(text)
            elif a.get("role") == "target" and _ends_in_name(text) and (
                    not a.get("dictionary") or _titled_name(text)):
                out["hum_tgt_name"].append(text)
        out["hum_tgt_name"] += [v for v in claim_victims(e, include_attackers=False) if _ends_in_name(v)]
        out["phys_tgt_id"] += [str(t) for t in e.get("targets") or []]
        out["incident_instrument_id"] += [str(w) for w in e.get("weapons") or []]
    return out


def score_split(docs: list[tuple[str, str, dict[str, Any]]], extract: Extractor, cased: bool) -> dict[str, Any]:
    counts = {r: Counts() for r in ROLES}
    started, with_events = time.perf_counter(), 0
    for doc_id, raw, gold in docs:
        text = unwrap(raw)
        text = truecase(text) if cased else text
        line = extract(doc_id, text)
        with_events += any(event_family(e) == "violence" for e in line["events"])
        pred = predicted_fillers(line["events"])
        for r in ROLES:
            counts[r].add(score_fillers(pred[r], gold.get(r) or []))
    roles = {r: c.metrics() for r, c in counts.items()}
    total = Counts()
    for c in counts.values():
        total.add(c)
    return {"documents": len(docs), "documents_with_violence_event": with_events, "roles": roles,
            "macro": macro(roles), "micro": total.metrics(), "seconds": round(time.perf_counter() - started, 1)}


def evaluate(shared: Path | None, limit: int | None = None, use_cache: bool = True,
             splits: tuple[str, ...] = SPLITS) -> dict[str, Any]:
    out: dict[str, Any] = {"command": COMMAND + (f" --limit {limit}" if limit else "")}
    if shared is None:
        out["shared"] = "absent: set WIREWATCH_SHARED to score MUC-4"
        return out
    extract = Extractor(SET, use_cache)
    for split in splits:
        docs = load_split(shared, split, limit)
        out[split] = score_split(docs, extract, cased=True)
        if split == "dev":
            out["dev_uppercase"] = score_split(docs, extract, cased=False)
    out["extraction"] = {"ran": extract.ran, "cached": extract.cached}
    out["anchors"] = {"conflibert_scr_uncased_macro_f1_test": 0.6397, "target_macro_f1_dev": 0.55}
    return out
