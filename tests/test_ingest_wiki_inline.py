"""A wiki page whose line breaks were lost: inline section headings still end the story."""

from __future__ import annotations

from wirewatch.ingest.layout import _wiki


def test_inline_see_also_ends_the_page() -> None:
    lines = ["The bombing killed two airmen. ==See also== * 2007 Bagram Airfield bombing ==References== x"]
    assert _wiki(lines) == ["The bombing killed two airmen."]


def test_inline_heading_splits_paragraphs() -> None:
    assert _wiki(["Intro text. ==Aftermath== The city was rebuilt."]) == ["Intro text.", "", "The city was rebuilt."]


def test_equals_signs_in_prose_are_not_headings() -> None:
    lines = ["a == b == c", "The x == 2 case"]
    assert _wiki(lines) == lines
