"""``wirewatch eval time``: TIMEX3 tagging and normalisation on TimeBank + AQUAINT (TempEval-3 style).

Reads the TimeML files under ``shared/data/time-tbaq/TBAQ-cleaned`` at run time. Gold: the TIMEX3
tags inside ``<TEXT>``; DCT: the TIMEX3 with ``functionInDocument="CREATION_TIME"``. Each document goes
through ``pipeline.process`` with the default configuration as a record published on its DCT (the path
of ``wirewatch extract``: the relevance gate on, the parse's tense; ``through.py``). Scores: relaxed
span match (any overlap, one to one), precision / recall / F1, value accuracy over matched spans, value
F1 = F1 × value accuracy (as TempEval-3 scores it), per gold type and per corpus; and the speed of the
time stage alone (``tag_text``, no parse).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError

SUBDIR = Path("data") / "time-tbaq" / "TBAQ-cleaned"
TYPES = ("DATE", "TIME", "DURATION", "SET")
CORPORA = ("AQUAINT", "TimeBank")  # not ``testpipeline/`` (a tool's sample, not a corpus)
COMMAND = "wirewatch eval time"
SPEED_REPEATS = 3  # speed is the best of this many passes (the machine is shared)

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>')
_TEXT = re.compile(r"<TEXT>(.*)</TEXT>", re.S)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(frozen=True, slots=True)
class TimeDoc:
    name: str
    corpus: str
    text: str
    dct: date | None
    gold: tuple[GoldTimex, ...]


def _unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace(
        "&amp;", "&")


def parse_timeml(path: Path) -> TimeDoc:
    """Plain text of ``<TEXT>`` with the TIMEX3 spans re-anchored on it, and the DCT."""
    raw = path.read_text(encoding="utf-8")
    body = _TEXT.search(raw)
    if body is None:
        raise InputError("no <TEXT> element", source=str(path))
    dct = None
    if (m := _DCT.search(raw)) is not None:
        value = dict(_ATTR.findall(m.group(0))).get("value", "")
        if re.match(r"\d{4}-\d{2}-\d{2}", value):
            dct = date.fromisoformat(value[:10])
    parts: list[str] = []
    gold: list[GoldTimex] = []
    open_: list[tuple[int, dict[str, str]]] = []
    length, pos, chunk = 0, 0, body.group(1)
    for t in _TAG.finditer(chunk):
        piece = _unescape(chunk[pos:t.start()])
        parts.append(piece)
        length += len(piece)
        pos = t.end()
        if t.group(2) != "TIMEX3":
            continue
        if t.group(1) == "":
            open_.append((length, dict(_ATTR.findall(t.group(3)))))
        elif open_:
            start, attrs = open_.pop()
            gold.append(GoldTimex(start, length, "", attrs.get("type", "DATE"), attrs.get("value")))
    parts.append(_unescape(chunk[pos:]))
    text = "".join(parts)
    gold = [GoldTimex(g.start, g.end, text[g.start:g.end], g.type, g.value) for g in gold]
    return TimeDoc(path.name, path.parent.name, text, dct, tuple(gold))


def load_docs(shared: Path, limit: int | None = None) -> list[TimeDoc]:
    root = shared / SUBDIR
    files = sorted(f for corpus in CORPORA for f in (root / corpus).glob("*.tml"))
    if not files:
        raise ConfigError(f"no TimeML files under {root}; is the shared data folder complete?")
    return [parse_timeml(f) for f in files[:limit]]


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    matched_gold: int = 0
    matched_system: int = 0
    value_correct: int = 0
    type_correct: int = 0

    def metrics(self) -> dict[str, Any]:
        p = self.matched_system / self.system if self.system else 0.0
        r = self.matched_gold / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.value_correct / self.matched_gold if self.matched_gold else 0.0
        return {"gold": self.gold, "system": self.system, "precision": p, "recall": r, "f1": f1,
                "value_accuracy": acc, "value_f1": f1 * acc,
                "type_accuracy": self.type_correct / self.matched_gold if self.matched_gold else 0.0}


def align(gold: Iterable[GoldTimex], system: Iterable[Any]) -> list[tuple[GoldTimex | None, Any | None]]:
    """One-to-one relaxed alignment (any character overlap), left to right."""
    pairs: list[tuple[GoldTimex | None, Any | None]] = []
    sys_left = sorted(system, key=lambda s: s.span.start)
    used: set[int] = set()
    for g in sorted(gold, key=lambda g: g.start):
        hit = next((i for i, s in enumerate(sys_left)
                    if i not in used and s.span.start < g.end and g.start < s.span.end), None)
        if hit is None:
            pairs.append((g, None))
        else:
            used.add(hit)
            pairs.append((g, sys_left[hit]))
    pairs.extend((None, s) for i, s in enumerate(sys_left) if i not in used)
    return pairs


def _count(tallies: dict[str, Tally], pairs: list[tuple[GoldTimex | None, Any | None]]) -> None:
    """Recall and value accuracy per gold type; precision per system type."""
    for g, s in pairs:
        gold_keys = ("all", g.type) if g is not None else ()
        sys_keys = ("all", s.type) if s is not None else ()
        for key in gold_keys:
            tallies.setdefault(key, Tally()).gold += 1
        for key in sys_keys:
            tallies.setdefault(key, Tally()).system += 1
        if g is None or s is None:
            continue
        for key in sys_keys:
            tallies[key].matched_system += 1
        for key in gold_keys:
            t = tallies[key]
            t.matched_gold += 1
            t.value_correct += s.value == g.value
            t.type_correct += s.type == g.type


def run(docs: list[TimeDoc]) -> tuple[dict[str, Tally], list[tuple[TimeDoc, list[Any]]], float]:
    from ..extract.times import tag_text

    tag_text("warm-up: compile the rules on Monday", None)
    outputs = []
    started = time.process_time()  # CPU time of this process: one core, whatever else the machine runs
    for doc in docs:
        outputs.append((doc, list(tag_text(doc.text, doc.dct))))
    elapsed = time.process_time() - started
    tallies: dict[str, Tally] = {"all": Tally()}
    for doc, mentions in outputs:
        _count(tallies, align(doc.gold, mentions))
    return tallies, outputs, elapsed


# What dateparser does with expressions the issue names, resolved against Thursday 4 January 2024 09:40.
DATEPARSER_BASE = datetime(2024, 1, 4, 9, 40)
DATEPARSER_CASES: tuple[tuple[str, str | None, str], ...] = (
    # (text, PREFER_DATES_FROM, what a reader means)
    ("Thursday", "past", "2024-01-04"),
    ("October", "current_period", "2023-10"),
    ("October", "past", "2023-10"),
    ("late on Saturday", "past", "2023-12-30"),
    ("early Monday", "past", "2024-01-01"),
    ("since October", "past", "2023-10"),
    ("last month", None, "2023-12"),
    ("the past week", None, "P1W"),
    ("two days ago", None, "2024-01-02"),
)


def probe_dateparser(calls: int = 20) -> dict[str, Any]:
    """Run ``dateparser`` on the cases above and time it (``{"installed": False}`` without it)."""
    try:
        import dateparser
    except ImportError:
        return {"installed": False}
    results = {}
    for text, prefer, meant in DATEPARSER_CASES:
        settings: dict[str, Any] = {"RELATIVE_BASE": DATEPARSER_BASE}
        if prefer:
            settings["PREFER_DATES_FROM"] = prefer
        got = dateparser.parse(text, settings=settings, languages=["en"])
        results[f"{text} [{prefer or 'default'}]"] = {"dateparser": got.isoformat() if got else None, "meant": meant}
    timings = {}
    for text in ("Thursday", "late on Saturday"):
        for label, kwargs in (("en", {"languages": ["en"]}), ("auto language", {})):
            started = time.process_time()
            for _ in range(calls):
                dateparser.parse(text, settings={"RELATIVE_BASE": DATEPARSER_BASE}, **kwargs)
            timings[f"{text} [{label}]"] = (time.process_time() - started) / calls * 1000
    return {"installed": True, "base": DATEPARSER_BASE.isoformat(), "cases": results, "ms_per_call": timings}


def evaluate_parsed(shared: Path, limit: int | None = None) -> dict[str, Any]:
    """The same scores for ``tag_times`` on spaCy-parsed documents (tense from the parse; slow: ~1 min)."""
    from ..annotate import Annotator
    from ..extract.times import tag_times
    from ..model import Article

    annotator = Annotator()
    tallies: dict[str, Tally] = {"all": Tally()}
    for doc in load_docs(shared, limit):
        ann = annotator.annotate(Article(id=doc.name, text=doc.text, published=doc.dct))
        _count(tallies, align(doc.gold, tag_times(ann)))
    return tallies["all"].metrics()


def through_pipeline(docs: list[TimeDoc], runner: Any = None) -> list[tuple[TimeDoc, list[Any]]]:
    """Each document's time mentions as ``pipeline.process`` finds them, on the document's own offsets."""
    from dataclasses import replace

    from ..model import Span
    from .through import Runner

    runner = runner or Runner()
    out = []
    for doc in docs:
        x, to_original = runner.run(doc.name, doc.text, doc.dct)
        mapped = [(to_original(t.span.start, t.span.end), t) for t in x.times]
        out.append((doc, [replace(t, span=Span.of(doc.text, *where)) for where, t in mapped if where is not None]))
    return out


def _tallies(outputs: list[tuple[TimeDoc, list[Any]]]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {"all": Tally()}
    for doc, mentions in outputs:
        _count(tallies, align(doc.gold, mentions))
    return tallies


def evaluate(shared: Path | None, limit: int | None = None) -> dict[str, Any]:
    if shared is None:
        raise ConfigError("`wirewatch eval time` needs the shared data folder (set WIREWATCH_SHARED to ../shared)")
    from .through import Runner

    docs = load_docs(shared, limit)
    runner = Runner()
    outputs = through_pipeline(docs, runner)
    tallies = _tallies(outputs)
    elapsed = min(run(docs)[2] for _ in range(SPEED_REPEATS))
    chars = sum(len(d.text) for d in docs)
    result: dict[str, Any] = {"command": COMMAND + (f" --limit {limit}" if limit else ""),
                              "documents": len(docs), "pipeline": runner.report()}
    result.update(tallies["all"].metrics())
    result["per_type"] = {t: tallies[t].metrics() for t in TYPES if t in tallies}
    result["tag_text_alone"] = _tallies([(d, list(m)) for d, m in run(docs)[1]])["all"].metrics()
    result["per_corpus"] = {}
    for corpus in CORPORA:
        part = [(d, m) for d, m in outputs if d.corpus == corpus]
        if part:
            metrics = _tallies(part)["all"].metrics()
            result["per_corpus"][corpus] = {"documents": len(part), "gold": metrics["gold"],
                                            "f1": metrics["f1"], "value_f1": metrics["value_f1"]}
    result["dateparser"] = probe_dateparser()
    result["speed"] = {"cpu_seconds_best_of_3": elapsed, "chars": chars, "chars_per_second": chars / elapsed if elapsed else 0.0,
                       "articles_3kb_per_second": chars / elapsed / 3000 if elapsed else 0.0}
    return result
