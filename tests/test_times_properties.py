"""Property-based checks of the time tagger (hypothesis): spans, TIMEX3 syntax, no future for the past."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.extract.times import interval_of, is_valid, tag_text
from wirewatch.extract.timex.calendar import day, week

DCTS = st.dates(min_value=date(1950, 1, 1), max_value=date(2040, 12, 31))
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Expressions a past-tense clause may hold; each must resolve to a time not after the DCT.
PAST_EXPRESSIONS = st.one_of(
    st.sampled_from(WEEKDAYS),
    st.sampled_from(WEEKDAYS).map(lambda w: f"early {w}"),
    st.sampled_from(WEEKDAYS).map(lambda w: f"late on {w}"),
    st.sampled_from(WEEKDAYS).map(lambda w: f"last {w}"),
    st.sampled_from(WEEKDAYS).map(lambda w: f"{w} night"),
    st.sampled_from(MONTHS),
    st.sampled_from(MONTHS).map(lambda m: f"last {m}"),
    st.tuples(st.sampled_from(MONTHS), st.integers(1, 28)).map(lambda t: f"{t[0]} {t[1]}"),
    st.sampled_from(["yesterday", "last week", "last month", "last year", "the day before yesterday",
                     "last night", "yesterday afternoon", "last weekend", "last summer", "last winter"]),
    st.tuples(st.sampled_from(["two", "three", "five", "ten", "a", "11"]),
              st.sampled_from(["days", "weeks", "months", "years"])).map(lambda t: f"{t[0]} {t[1]} ago"),
)
PAST_TEMPLATES = st.sampled_from([
    "Gunmen attacked the convoy on {}.",
    "The army said it had shelled the village {}.",
    "{}, rebels seized the town.",
    "Police arrested two men {}, officials said.",
    "The minister was killed {} in an ambush.",
])

FRAGMENTS = st.sampled_from([
    "Thursday", "last month", "on December 13", "since October", "in 2014", "two days ago", "the past week",
    "three days after the bombing", "the next day", "that night", "later that year", "April 15, 2013", "2015-12-21", "04 January 2024", "09:40 AM EST",
    "for three years", "every week", "each year", "the 1990s", "now", "recently", "the future", "overnight",
    "this week", "earlier this week", "late on Saturday", "May", "Theresa May", "1,500 people", "0:00:30",
    "the third quarter", "a year ago", "next Friday", "will meet on Monday", "Christmas", "nineteen ninety-six",
    "said", "the", "and", ",", ".", "\n", "troops", "killed", "will", "was", "27-year-old", "$5 a year",
])


@settings(max_examples=300, deadline=None)
@given(PAST_TEMPLATES, PAST_EXPRESSIONS, DCTS)
def test_past_tense_references_never_fall_after_the_dct(template: str, expression: str, dct: date) -> None:
    text = template.format(expression)
    mentions = [m for m in tag_text(text, dct) if m.start is not None]
    assert mentions, f"nothing resolved in {text!r}"
    for m in mentions:
        assert m.start <= dct, (text, dct, m)
        if m.precision == "day":
            assert m.end <= dct, (text, dct, m)


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=25).map(" ".join), st.one_of(st.none(), DCTS))
def test_spans_reread_values_are_timex3_and_mentions_do_not_overlap(text: str, dct: date | None) -> None:
    mentions = tag_text(text, dct)
    previous_end = 0
    for m in mentions:
        assert m.span.text == text[m.span.start:m.span.end]
        assert m.span.start >= previous_end and m.span.end > m.span.start
        previous_end = m.span.end
        assert m.value is None or is_valid(m.value), m
        assert m.type in ("DATE", "TIME", "DURATION", "SET")
        if m.start is not None:
            assert m.end is not None and m.start <= m.end and m.precision is not None
            assert interval_of(m.value) == (m.start, m.end, m.precision)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), DCTS))
def test_any_text_is_handled(text: str, dct: date | None) -> None:
    for m in tag_text(text, dct):
        assert m.span.text == text[m.span.start:m.span.end]
        assert m.value is None or is_valid(m.value)


@settings(max_examples=200, deadline=None)
@given(DCTS, st.sampled_from(["Last month", "last week", "yesterday", "Thursday", "this week", "two days ago"]))
def test_relative_expressions_without_dct_are_unknown(dct: date, phrase: str) -> None:
    assert [m.value for m in tag_text(phrase, None)] == [None]
    assert [m.value is not None for m in tag_text(phrase, dct)] == [True]


@given(DCTS)
def test_interval_of_round_trips_days_and_weeks(d: date) -> None:
    assert interval_of(day(d)) == (d, d, "day")
    first, last, precision = interval_of(week(d))  # type: ignore[misc]
    assert precision == "week" and first <= d <= last and last - first == timedelta(days=6)
