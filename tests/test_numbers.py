"""Numbers and casualty figures: the patterns news uses, and properties of every span."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirewatch.extract.casualties import find_figures
from wirewatch.extract.numbers import find_quantities, parse_number


@pytest.mark.parametrize("words, value", [
    ("four", 4), ("2,500", 2500), ("twenty-one", 21), ("a dozen", 12), ("two dozen", 24),
    ("half a dozen", 6), ("three hundred and five", 305), ("1.5 million", 1_500_000), ("one hundred", 100),
])
def test_parse_number(words: str, value: int) -> None:
    assert parse_number(words) == value


@pytest.mark.parametrize("text, value, qualifier", [
    ("at least four", 4, "at least"), ("more than 100", 100, "more than"), ("dozens of", 12, "vague"),
    ("hundreds of", 100, "vague"), ("several", 3, "vague"), ("nearly 30", 30, "about"), ("up to 15", 15, "up to"),
])
def test_quantities_with_qualifiers(text: str, value: int, qualifier: str) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.qualifier) == (value, qualifier)


def test_range_is_one_quantity() -> None:
    (q,) = find_quantities("between 10 and 15 people")
    assert (q.value, q.high, q.qualifier) == (10, 15, "range")


def _figs(sentence: str) -> list[tuple[str, int]]:
    return [(f.field, f.value) for f in find_figures(sentence, 0, len(sentence))]


@pytest.mark.parametrize("sentence, expected", [
    ("At least four militia fighters were killed and six others wounded in the drone strike.",
     [("fatalities", 4), ("injured", 6)]),
    ("The attack, which killed three people and injured more than 260.", [("fatalities", 3), ("injured", 260)]),
    ("Six American service members were killed with two other Americans and an Afghani injured.",
     [("fatalities", 6), ("injured", 3)]),
    ("A suicide bomber blew himself up, killing six NATO service members.", [("fatalities", 6)]),
    ("Dozens of people were injured when police fired tear gas.", [("injured", 12)]),
    ("Police arrested 12 people in connection with the attack.", [("arrested", 12)]),
    ("More than two dozen fighters were killed.", [("fatalities", 24)]),
    ("Tamerlan, 26, died after a gunfight with police.", []),
    ("The blast destroyed 40 homes.", []),
])
def test_casualty_patterns(sentence: str, expected: list[tuple[str, int]]) -> None:
    assert _figs(sentence) == expected


def test_update_is_marked() -> None:
    s = "The death toll later rose to four after one fighter died of his wounds."
    figs = find_figures(s, 0, len(s))
    assert figs[0].value == 4 and figs[0].update


def test_earlier_count_is_marked() -> None:
    s = "Civil defence workers had earlier reported eight dead."
    (f,) = find_figures(s, 0, len(s))
    assert f.value == 8 and f.earlier and not f.update


_WORDS = st.sampled_from(["killed", "wounded", "at least", "four", "12", "people", "dozens of", "the", "and",
                          "were", "injuring", "more than", "toll", "rose to", ",", "police said", "2,500"])


@given(st.lists(_WORDS, max_size=25), st.text(max_size=30))
def test_every_span_rereads_from_the_text(words: list[str], noise: str) -> None:
    text = noise + " " + " ".join(words)
    for q in find_quantities(text):
        assert text[q.span.start:q.span.end] == q.span.text
    for f in find_figures(text, 0, len(text)):
        assert text[f.span.start:f.span.end] == f.span.text
        assert f.value >= 0
