"""GOLDEN.md ``article`` checks on every golden article, as copied and with the page chrome lines removed.

Reads ``../shared/golden`` at run time (skips with a message when it is absent).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from wirewatch.evaluate.golden import strip_chrome  # GOLDEN.md's page-chrome lines
from wirewatch.ingest import normalise, read_paths
from wirewatch.model import Article, RawDocument

NAMES = ("baghdad-strike-2024-01-04", "bagram-suicide-bombing-2015-12-21", "boston-bomb-probe-plea-2014-06-04",
         "deir-ez-zor-roadside-ied", "london-attack-security-services-2017-06-05")
def _norm(s: str) -> str:
    return " ".join(s.split())


def _when(value: str) -> date | datetime:
    return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)


def _check(article: Article, want: dict, *, tags: bool) -> list[str]:
    problems = []
    if "title" in want and _norm(article.title or "") != _norm(want["title"]):
        problems.append(f"title {article.title!r} != {want['title']!r}")
    if "published" in want:
        expected, got = _when(want["published"]), article.published
        if isinstance(expected, datetime):
            ok = isinstance(got, datetime) and got.tzinfo is not None and got == expected
        else:
            ok = article.published_date == expected
        if not ok:
            problems.append(f"published {got!r} != {want['published']}")
    if "outlet_or_agency_any" in want:
        have = {v.casefold() for v in (article.outlet, article.agency) if v}
        if not have & {w.casefold() for w in want["outlet_or_agency_any"]}:
            problems.append(f"outlet/agency {have} not in {want['outlet_or_agency_any']}")
    for chrome in want.get("body_must_not_contain", []):
        if _norm(chrome) in _norm(article.text):
            problems.append(f"chrome in body: {chrome!r}")
    if tags and "tags_include" in want:  # given tags only: inferred tags are the tags stage's job
        given = set(article.given_tags)
        if given:
            missing = [t for t in want["tags_include"] if t not in given]
            problems += [f"given tag missing: {t}" for t in missing]
    return problems


@pytest.fixture(scope="module")
def golden(shared: Path) -> dict[str, tuple[str, dict]]:
    out = {}
    for name in NAMES:
        text = (shared / "golden" / f"{name}.txt").read_text(encoding="utf-8")
        out[name] = (text, json.loads((shared / "golden" / f"{name}.expected.json").read_text(encoding="utf-8")))
    return out


@pytest.mark.shared
@pytest.mark.parametrize("name", NAMES)
def test_golden_article_checks(golden: dict, shared: Path, name: str) -> None:
    [raw] = read_paths([str(shared / "golden" / f"{name}.txt")])
    assert isinstance(raw, RawDocument)
    article = normalise(raw)
    assert _check(article, golden[name][1]["article"], tags=True) == []


@pytest.mark.shared
@pytest.mark.parametrize("name", NAMES)
def test_golden_article_checks_without_chrome(golden: dict, name: str) -> None:
    text, expected = golden[name]
    bare = strip_chrome(text)
    article = normalise(RawDocument(source=f"{name}.txt", content=bare, kind="text"))
    assert _check(article, expected["article"], tags=False) == []


@pytest.mark.shared
def test_golden_details(golden: dict) -> None:
    """What a careful reader takes from the pages beyond GOLDEN.md's article keys."""
    arts = {n: normalise(RawDocument(f"{n}.txt", golden[n][0], "text")) for n in NAMES}
    baghdad, bagram, boston, deir, london = (arts[n] for n in NAMES)
    assert baghdad.given_tags == ("us", "military", "baghdad", "airstrike")
    assert baghdad.agency == "Reuters"
    assert baghdad.captions and baghdad.captions[0].endswith("(Hadi Mizban/AP)")
    assert baghdad.text.startswith("The U.S. military has carried out a strike in Baghdad")
    assert "Thursday, 04 January 2024" not in baghdad.text
    assert (boston.dateline_place, london.dateline_place) == ("Boston", "London")
    assert boston.text.startswith("BOSTON —") and "\n\nMatanov's involvement\n\n" in boston.text
    assert "June 04, 2014" not in boston.text
    assert deir.published is None and bagram.published is None and bagram.title is None
    assert deir.text.startswith("The desert south and east of Deir ez-Zor")  # the subheadline stays
    assert "==" not in bagram.text and "See also" not in bagram.text and "2016 Bagram" not in bagram.text
    assert "Vorderbruggen," in bagram.text and bagram.text.startswith("On December 21, 2015 in Bagram")
    assert len(london.captions) >= 3 and all("FILE -" not in p for p in london.text.split("\n\n"))
    assert "\n\nInsufficient response\n\n" in london.text
    assert "Enough is Enough" not in london.text and "pixels" not in london.text.split()
    for art in arts.values():
        assert "\x00" not in art.text and "\n\n\n" not in art.text and art.text == art.text.strip()
