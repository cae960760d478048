"""``wirewatch eval golden`` and ``wirewatch eval demo``: the pipeline against expected facts.

``golden`` runs every article of ``../shared/golden`` twice, as it is and with its page chrome
removed (:func:`wirewatch.evaluate.golden.strip_chrome`); ``demo`` runs the demo corpus shipped
in ``wirewatch/data/demo``.  Both return pass counts per article, per check kind and per event
key, how many outputs validate against the extraction schema, and the failing checks.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .golden import CheckResult, check, strip_chrome
from .twice import twice

log = logging.getLogger(__name__)

DEMO_PACKAGE = "wirewatch"
DEMO_DIR = ("data", "demo")
MAX_MESSAGE = 400


@dataclass(frozen=True, slots=True)
class Case:
    """One article to run: a label for reports, the source path, the text and its expected facts."""

    label: str
    source: str
    text: str
    expected: dict[str, Any]


# ---------------------------------------------------------------- the articles


@lru_cache(maxsize=1)
def _demo_triples() -> tuple[tuple[str, str, dict[str, Any]], ...]:
    root = resources.files(DEMO_PACKAGE).joinpath(*DEMO_DIR)
    triples = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt"):
            continue
        name = entry.name[: -len(".txt")]
        facts = root.joinpath(f"{name}.expected.json")
        if not facts.is_file():
            raise ConfigError(f"demo article {entry.name} has no {name}.expected.json next to it")
        triples.append((name, entry.read_text(encoding="utf-8"), json.loads(facts.read_text(encoding="utf-8"))))
    return tuple(triples)


def demo_articles() -> list[tuple[str, str, dict[str, Any]]]:
    """The shipped demo corpus as (name, text, expected facts), sorted by name."""
    return [(n, t, json.loads(json.dumps(e))) for n, t, e in _demo_triples()]


def golden_articles(shared: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """The golden articles of ``shared/golden`` as (name, text, expected facts), sorted by name."""
    folder = shared / "golden"
    if not folder.is_dir():
        raise ConfigError(f"{folder} does not exist: set WIREWATCH_SHARED to the shared folder")
    out = []
    for path in sorted(folder.glob("*.txt")):
        facts = path.with_name(path.name[: -len(".txt")] + ".expected.json")
        if not facts.is_file():
            raise ConfigError(f"golden article {path} has no {facts.name}")
        out.append((path.name[: -len(".txt")], path.read_text(encoding="utf-8"),
                    json.loads(facts.read_text(encoding="utf-8"))))
    return out


def golden_cases(shared: Path, limit: int | None = None) -> list[Case]:
    """Each golden article twice: as it is, and with the page chrome lines removed."""
    cases = []
    for name, text, expected in golden_articles(shared)[:limit]:
        source = str(shared / "golden" / f"{name}.txt")
        cases.append(Case(name, source, text, expected))
        cases.append(Case(f"{name} [stripped]", source, strip_chrome(text), expected))
    return cases


def demo_cases(limit: int | None = None) -> list[Case]:
    return [Case(name, f"demo/{name}.txt", text, expected) for name, text, expected in demo_articles()[:limit]]


# ---------------------------------------------------------------- running and scoring


def run_article(source: str, text: str, res: Any = None) -> dict[str, Any]:
    """The extraction-contract object for one plain-text article."""
    from ..contract import to_contract
    from ..model import RawDocument
    from ..pipeline import process

    return to_contract(process(RawDocument(source=source, content=text, kind="text"), res))


def schema_validator(shared: Path | None) -> Callable[[dict[str, Any]], list[str]] | None:
    """A function listing schema errors of one output, or ``None`` when the schema is unavailable."""
    if shared is None or not (shared / "schema" / "extraction.schema.json").is_file():
        return None
    import jsonschema

    schema = json.loads((shared / "schema" / "extraction.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return lambda obj: [f"/{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(obj)]


def _short(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 3] + "..."


@dataclass
class _Tally:
    """Running counts for one evaluation (private, mutable while scoring)."""

    per_article: dict[str, dict[str, int]]
    per_check: Counter[tuple[str, bool]]
    per_field: Counter[tuple[str, bool]]
    failures: list[str]
    twice: dict[str, list[str]]
    schema_ok: int = 0
    schema_checked: int = 0

    def add(self, label: str, results: list[CheckResult]) -> None:
        self.per_article[label] = {"passed": sum(r.passed for r in results), "total": len(results)}
        for r in results:
            self.per_check[(r.key, r.passed)] += 1
            for o in r.outcomes if r.key == "events_must" else ():
                self.per_field[(o.key, o.ok)] += 1
            if not r.passed:
                self.failures.append(_short(f"{label}: {r}"))


def _counts(counter: Counter[tuple[str, bool]]) -> dict[str, dict[str, int]]:
    keys = sorted({k for k, _ in counter})
    return {k: {"passed": counter[(k, True)], "total": counter[(k, True)] + counter[(k, False)]} for k in keys}


def _score_case(case: Case, tally: _Tally, validate: Callable[[dict[str, Any]], list[str]] | None,
                runner: Callable[[str, str], dict[str, Any]]) -> None:
    try:
        output = runner(case.source, case.text)
    except Exception as exc:  # noqa: BLE001 - one broken article must not stop the evaluation
        log.error("pipeline failed on %s: %s", case.label, exc)
        results = [CheckResult(r.check, r.key, False, f"pipeline error: {type(exc).__name__}: {exc}")
                   for r in check({}, case.expected)]
        tally.add(case.label, results)
        return
    if validate is not None:
        tally.schema_checked += 1
        errors = validate(output)
        tally.schema_ok += not errors
        if errors:
            tally.failures.append(_short(f"{case.label}: schema: {'; '.join(errors[:3])}"))
    tally.add(case.label, check(output, case.expected))
    pairs = twice(output)
    if pairs:
        tally.twice[case.label] = [f"{kind}: {a} = {b}" for kind, a, b in pairs]


def evaluate_cases(cases: Iterable[Case], command: str, shared: Path | None,
                   runner: Callable[[str, str], dict[str, Any]] | None = None) -> dict[str, Any]:
    """Run and check every case; the metrics dict of ``wirewatch eval``."""
    tally = _Tally({}, Counter(), Counter(), [], {})
    validate = schema_validator(shared)
    for case in cases:
        log.info("checking %s", case.label)
        _score_case(case, tally, validate, runner or run_article)
    passed = sum(a["passed"] for a in tally.per_article.values())
    total = sum(a["total"] for a in tally.per_article.values())
    return {
        "command": command,
        "articles": len(tally.per_article),
        "articles_all_passed": sum(a["passed"] == a["total"] for a in tally.per_article.values()),
        "checks": {"passed": passed, "total": total, "rate": round(passed / total, 3) if total else 0.0},
        "schema_valid": ({"passed": tally.schema_ok, "total": tally.schema_checked} if validate is not None
                         else "not checked (../shared/schema is absent)"),
        # no article may show one event twice (issue #14; the rule is in ``evaluate.twice``)
        "articles_each_event_once": len(tally.per_article) - len(tally.twice),
        "events_twice": tally.twice,
        "per_article": tally.per_article,
        "per_check": _counts(tally.per_check),
        "per_field": _counts(tally.per_field),
        "failures": tally.failures,
    }


def evaluate_golden(shared: Path | None, limit: int | None) -> dict[str, Any]:
    """``wirewatch eval golden``: the golden articles, as they are and without page chrome."""
    if shared is None:
        raise ConfigError("evaluation set 'golden' needs ../shared/golden; "
                          "set WIREWATCH_SHARED to the shared folder")
    command = "wirewatch eval golden" + (f" --limit {limit}" if limit else "")
    return evaluate_cases(golden_cases(shared, limit), command, shared)


def evaluate_demo(shared: Path | None, limit: int | None) -> dict[str, Any]:
    """``wirewatch eval demo``: the shipped demo corpus (schema checked when ../shared is present)."""
    command = "wirewatch eval demo" + (f" --limit {limit}" if limit else "")
    return evaluate_cases(demo_cases(limit), command, shared)
