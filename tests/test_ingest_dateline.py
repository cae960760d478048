"""Timestamp lines, zone abbreviations and wire datelines."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirewatch.ingest.dateline import ZONE_OFFSETS, fixed_zone, format_timestamp, parse_iso, parse_timestamp
from wirewatch.ingest.wire import parse_wire_dateline, place_name

EST = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(("line", "expected"), [
    ("Thursday, 04 January 2024 09:40 AM EST", datetime(2024, 1, 4, 9, 40, tzinfo=EST)),
    ("June 04, 2014", date(2014, 6, 4)),
    ("Updated: Jan. 4, 2024 at 9:40 p.m. GMT", datetime(2024, 1, 4, 21, 40, tzinfo=UTC)),
    ("Published 10:32 AM EST, Thu January 4, 2024", datetime(2024, 1, 4, 10, 32, tzinfo=EST)),
    ("4 January 2024 09:40 GMT+3", datetime(2024, 1, 4, 9, 40, tzinfo=timezone(timedelta(hours=3)))),
    ("Jan 4 2024 09:40 -0500", datetime(2024, 1, 4, 9, 40, tzinfo=EST)),
    ("2024-01-04T09:40:00Z", datetime(2024, 1, 4, 9, 40, tzinfo=UTC)),
    ("Sunday 4th June 2017 12:15 BST", datetime(2017, 6, 4, 12, 15, tzinfo=timezone(timedelta(hours=1)))),
    ("4 June 2017 12:15 AST", datetime(2017, 6, 4, 12, 15, tzinfo=timezone(timedelta(hours=3)))),
    ("July 4, 2024 10:00 ET", datetime(2024, 7, 4, 10, 0, tzinfo=timezone(timedelta(hours=-4)))),  # EDT in July
    ("January 4, 2024 10:00 ET", datetime(2024, 1, 4, 10, 0, tzinfo=EST)),
])
def test_timestamp_lines(line: str, expected: date | datetime) -> None:
    got = parse_timestamp(line)
    assert got == expected
    assert type(got) is type(expected)
    if isinstance(expected, datetime):
        assert isinstance(got, datetime) and got.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("line", [
    "The strike on June 4, 2014 killed two",  # a sentence, not a timestamp line
    "04/01/2024",  # day/month order unknown: not read
    "0:00:30",  # a video timestamp
    "June 2014",  # no day
    "Thursday 09:40 AM EST",  # no date
    "February 30, 2024",  # no such day
    "",
])
def test_not_timestamps(line: str) -> None:
    assert parse_timestamp(line) is None


def test_time_without_zone_gives_only_the_date() -> None:
    assert parse_timestamp("Thursday, 04 January 2024 09:40 AM") == date(2024, 1, 4)
    assert parse_iso("2024-01-04T09:40:00") == date(2024, 1, 4)


def test_parse_iso() -> None:
    assert parse_iso("2024-01-04") == date(2024, 1, 4)
    assert parse_iso("2024-01-04T09:40:00-05:00") == datetime(2024, 1, 4, 9, 40, tzinfo=EST)
    assert parse_iso("June 04, 2014") == date(2014, 6, 4)
    assert parse_iso("not a date") is None


ZONES = sorted(z for z in ZONE_OFFSETS if len(z) > 1)


@given(st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 12, 31)), st.sampled_from(ZONES))
def test_timestamp_round_trip(naive: datetime, zone: str) -> None:
    when = naive.replace(second=0, microsecond=0, tzinfo=fixed_zone(ZONE_OFFSETS[zone], zone))
    line = format_timestamp(when, zone)
    got = parse_timestamp(line)
    assert got == when, line
    assert isinstance(got, datetime) and got.utcoffset() == when.utcoffset()
    assert got.weekday() == when.weekday()


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
       st.sampled_from(["%B %d, %Y", "%d %B %Y", "%A, %B %d, %Y", "%a %d %b %Y", "%Y-%m-%d", "%b. %d, %Y"]))
def test_date_line_round_trip(day: date, fmt: str) -> None:
    assert parse_timestamp(day.strftime(fmt)) == day


@pytest.mark.parametrize(("text", "place", "agency", "written"), [
    ("BAGHDAD (Reuters) - The U.S. military", "Baghdad", "Reuters", "BAGHDAD"),
    ("LONDON —\u00a0For the second time", "London", None, "LONDON"),
    ("KABUL, Dec 21 (AP) — A suicide bomber", "Kabul", "AP", "KABUL"),
    ("BEIJING, Jan. 4 (Xinhua) -- China said", "Beijing", "Xinhua", "BEIJING"),
    ("MOSCOW, January 4. /TASS/. Russia's", "Moscow", "TASS", "MOSCOW"),
    ("DEIR EZ-ZOR, Syria (AFP) - Gunmen", "Deir Ez-Zor", "AFP", "DEIR EZ-ZOR"),
    ("GAZA CITY, Gaza Strip (AP) — Israeli", "Gaza City", "AP", "GAZA CITY"),
    ("Baghdad, Iraq (AP) — Militia leaders", "Baghdad", "AP", "Baghdad"),
    ("ANKARA (AA) - Turkish forces", "Ankara", "Anadolu", "ANKARA"),
])
def test_wire_datelines(text: str, place: str, agency: str | None, written: str) -> None:
    d = parse_wire_dateline(text)
    assert d is not None
    assert (d.place, d.agency) == (place, agency)
    assert text[d.start:d.place_end] == written
    assert not text[d.end:].startswith((" ", "-", "—"))


@pytest.mark.parametrize("text", [
    "NATO — the alliance said", "The U.S. military has carried out a strike", "UPDATE: the toll rose",
    "Police said (AP) — nothing", "On December 21, 2015 in Bagram, a suicide bomber",
])
def test_not_wire_datelines(text: str) -> None:
    assert parse_wire_dateline(text) is None


def test_place_name() -> None:
    assert place_name("ISTANBUL/ANKARA") == "Istanbul"
    assert place_name("Baghdad") == "Baghdad"
