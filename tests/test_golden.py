"""Golden articles of ../shared/golden: every GOLDEN.md check passes, as is and without page chrome.

These run the whole pipeline; they fail until the extractors produce the facts (that is the point).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from wirewatch.config import shared_dir
from wirewatch.errors import ConfigError
from wirewatch.evaluate.golden import check, chrome_kind, strip_chrome, validate_expected
from wirewatch.evaluate.golden_eval import evaluate_golden, golden_articles, run_article

VARIANTS = ("as-is", "stripped")


def _golden_names() -> list[str]:
    root = shared_dir()
    if root is None or not (root / "golden").is_dir():
        return ["(shared absent)"]
    return sorted(p.name[: -len(".txt")] for p in (root / "golden").glob("*.txt"))


NAMES = _golden_names()


def _text(shared: Path, name: str, variant: str) -> str:
    text = (shared / "golden" / f"{name}.txt").read_text(encoding="utf-8")
    return strip_chrome(text) if variant == "stripped" else text


def _expected(shared: Path, name: str) -> dict[str, Any]:
    return json.loads((shared / "golden" / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def outputs(shared, resources):
    cache: dict[tuple[str, str], dict[str, Any]] = {}

    def get(name: str, variant: str) -> dict[str, Any]:
        if (name, variant) not in cache:
            source = str(shared / "golden" / f"{name}.txt")
            cache[(name, variant)] = run_article(source, _text(shared, name, variant), resources)
        return cache[(name, variant)]

    return get


@pytest.fixture(scope="module")
def validator(shared):
    schema = json.loads((shared / "schema" / "extraction.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_golden_set_is_present(shared):
    assert len(golden_articles(shared)) >= 5


@pytest.mark.parametrize("name", NAMES)
def test_golden_expected_facts_are_well_formed(shared, name):
    assert validate_expected(_expected(shared, name), name) == []


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", NAMES)
def test_golden_checks_pass(shared, outputs, name, variant):
    results = check(outputs(name, variant), _expected(shared, name))
    failed = [str(r) for r in results if not r.passed]
    assert not failed, f"{name} [{variant}]: {len(failed)} of {len(results)} checks fail:\n" + "\n".join(failed)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", NAMES)
def test_golden_output_validates_against_schema(outputs, validator, name, variant):
    errors = [f"/{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(outputs(name, variant))]
    assert not errors, f"{name} [{variant}]:\n" + "\n".join(errors[:20])


def test_stripping_removes_exactly_the_chrome_lines_of_the_worked_example(shared):
    text = (shared / "golden" / "baghdad-strike-2024-01-04.txt").read_text(encoding="utf-8")
    kinds = [chrome_kind(line) for line in text.splitlines() if chrome_kind(line)]
    assert kinds == ["filter chip", "tags", "photo credit", "copyright"]
    stripped = strip_chrome(text)
    assert "Tags:" not in stripped and "(Hadi Mizban/AP)" not in stripped and "©" not in stripped
    assert len(text.splitlines()) - len(stripped.splitlines()) == 4


def test_evaluate_golden_needs_shared():
    with pytest.raises(ConfigError, match="golden"):
        evaluate_golden(None, None)
