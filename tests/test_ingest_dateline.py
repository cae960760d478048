"""Timestamp lines, zone abbreviations and wire datelines."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirewatch.ingest.dateline import (
    ZONE_OFFSETS,
    fixed_zone,
    format_timestamp,
    parse_iso,
    parse_timestamp,
    read_date_line,
    read_month_day,
)
from wirewatch.ingest.wire import parse_wire_dateline, place_name, standalone_dateline

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
    "04/01/2024",  # day/month order unknown on the line alone: not read (the page may decide)
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


# --- numeric date lines, place-prefixed date lines, update notes -------------------------------

GMT = UTC
BST = timezone(timedelta(hours=1))


@pytest.mark.parametrize(("line", "expected"), [
    ("17.11.2023", date(2023, 11, 17)),  # 17 is no month: day-first
    ("15/11/2023 07:45 GMT", datetime(2023, 11, 15, 7, 45, tzinfo=GMT)),
    ("11/17/2023", date(2023, 11, 17)),  # 17 is no month: month-first
    ("05.05.2023", date(2023, 5, 5)),  # the same number twice: no order question
    ("Updated 13-12-2024 10:00 EAT", datetime(2024, 12, 13, 10, 0, tzinfo=timezone(timedelta(hours=3)))),
    ("London, 3 June 2024", date(2024, 6, 3)),
    ("Kyiv, Ukraine, June 3, 2024", date(2024, 6, 3)),
    ("London, 3 June 2024 (updated 11:32 BST)", date(2024, 6, 3)),  # the note is the update, not publication
    ("3 June 2024 (Updated: 4 June 2024 09:00 BST)", date(2024, 6, 3)),
])
def test_new_date_line_forms(line: str, expected: date | datetime) -> None:
    got = parse_timestamp(line)
    assert got == expected and type(got) is type(expected)
    if isinstance(expected, datetime):
        assert isinstance(got, datetime) and got.utcoffset() == expected.utcoffset()


def test_date_line_parts() -> None:
    found = read_date_line("London, 3 June 2024 (updated 11:32 BST)")
    assert found is not None
    assert (found.place, found.order, found.updated) == ("London", "dmy", datetime(2024, 6, 3, 11, 32, tzinfo=BST))
    found = read_date_line("3 June 2024 (Updated: 4 June 2024 09:00 BST)")
    assert found is not None and found.updated == datetime(2024, 6, 4, 9, 0, tzinfo=BST)
    open_order = read_date_line("04/01/2024")
    assert open_order is not None and open_order.value is None and open_order.separator == "/"
    assert open_order.readings == (date(2024, 1, 4), date(2024, 4, 1))  # day-first, then month-first
    assert (open_order.reading(day_first=True), open_order.reading(day_first=False)) == open_order.readings
    assert read_date_line("June 3, 2024").order == "mdy"  # type: ignore[union-attr]
    assert read_date_line("17.11.2023").order == "dmy"  # type: ignore[union-attr]


@pytest.mark.parametrize("line", [
    "17/17/2023",  # no month either way
    "00.11.2023",
    "15.11.23",  # a two-digit year is not read
    "3 June 2024 (updated soon)",  # a note that is not a time
    "MAPUTO, March 12, 2023 —",  # a wire dateline (it stays in the story), not a date line
    "Police said, 3 June 2024",  # a sentence before the date
    "17.11.2023.5",
])
def test_not_date_lines(line: str) -> None:
    assert read_date_line(line) is None
    assert parse_timestamp(line) is None


def test_month_day_without_year() -> None:
    assert read_month_day("Nov 17") == (11, 17)
    assert read_month_day("17 November") == (11, 17)
    assert read_month_day("Feb. 29") == (2, 29)
    for text in ("Nov 17, 2023", "Nov 31", "Nov", "17", "Nov 17 10:00 GMT"):
        assert read_month_day(text) is None, text


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from([".", "/", "-"]),
       st.booleans())
def test_numeric_date_round_trip(day: date, sep: str, day_first: bool) -> None:
    first, second = (day.day, day.month) if day_first else (day.month, day.day)
    line = f"{first:02d}{sep}{second:02d}{sep}{day.year}"
    found = read_date_line(line)
    assert found is not None and day in found.readings
    if day.day > 12 or day.day == day.month:
        assert parse_timestamp(line) == day  # the values decide
    else:
        assert parse_timestamp(line) is None  # the page decides (published.py)
        assert found.reading(day_first=day_first) == day


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 23), st.integers(0, 59),
       st.sampled_from(ZONES), st.sampled_from(["London", "Nairobi", "Rio de Janeiro", "Kyiv, Ukraine"]),
       st.sampled_from(["%d %B %Y", "%B %d, %Y", "%A, %d %B %Y"]))
def test_place_date_update_round_trip(day: date, hour: int, minute: int, zone: str, place: str, fmt: str) -> None:
    line = f"{place}, {day.strftime(fmt)} (updated {hour:02d}:{minute:02d} {zone})"
    found = read_date_line(line)
    assert found is not None and found.value == day and found.place == place, line
    assert found.updated == datetime(day.year, day.month, day.day, hour, minute,
                                     tzinfo=fixed_zone(ZONE_OFFSETS[zone], zone))


# --- the wire dateline grammar: PLACE[, REGION][, DATE][ (AGENCY)] DASH -----------------------

@pytest.mark.parametrize(("text", "place", "region", "day", "month_day", "agency"), [
    ("BOGOTA, March 18, 2024 (Andes Press) - Two soldiers", "Bogota", None, date(2024, 3, 18), None, "Andes Press"),
    ("KABUL, Nov 17 (Khyber News Agency) — A bomb", "Kabul", None, None, (11, 17), "Khyber News Agency"),
    ("BASRA, Iraq, July 18, 2023 — Hundreds", "Basra", "Iraq", date(2023, 7, 18), None, None),
    ("BUNIA, Democratic Republic of Congo, Feb 12, 2024 — Fighters", "Bunia", "Democratic Republic of Congo",
     date(2024, 2, 12), None, None),
    ("MOGADISHU, Jan 23, 2024 — Somali forces", "Mogadishu", None, date(2024, 1, 23), None, None),
    ("PARIS, 17.11.2023 (AFP) - France said", "Paris", None, date(2023, 11, 17), None, "AFP"),
    ("LAGOS, Nigeria, Thursday, March 7, 2024 — Gunmen", "Lagos", "Nigeria", date(2024, 3, 7), None, None),
])
def test_wire_dateline_grammar(text: str, place: str, region: str | None, day: date | None,
                               month_day: tuple[int, int] | None, agency: str | None) -> None:
    d = parse_wire_dateline(text)
    assert d is not None
    assert (d.place, d.region, d.month_day, d.agency) == (place, region, month_day, agency)
    assert (d.date.value if d.date else None) == day
    assert text[d.end - 2:d.end] in ("- ", "— ")


@pytest.mark.parametrize("text", [
    "LONDON, the capital, saw - protests",  # "the capital" is neither a name nor a date
    "KABUL, Nov 17, 2023, 10:00 (AP) — text",
    "BAGHDAD, Iraq, Syria, Jordan, May 1 — text",  # at most two regions
    "BASRA, Iraq, July 18, 2023 —",  # alone on its line: only read when standalone
])
def test_not_wire_dateline_grammar(text: str) -> None:
    assert parse_wire_dateline(text) is None


def test_standalone_dateline() -> None:
    d = standalone_dateline("BASRA, Iraq, July 18, 2023 —")
    assert d is not None and (d.place, d.region) == ("Basra", "Iraq")
    assert standalone_dateline("MOGADISHU, Jan 23, 2024 —\n") is not None
    assert standalone_dateline("BOGOTA (Andes Press) -") is not None
    assert standalone_dateline("BOGOTA, March 18, 2024 (Andes Press)") is None  # no dash
    assert standalone_dateline("KABUL (AP) — A bomb exploded") is None  # the story follows: not alone


CAPS_PLACES = ["BASRA", "GAZA CITY", "DEIR EZ-ZOR", "PORT-AU-PRINCE", "KABUL"]
REGIONS = [None, "Iraq", "Democratic Republic of Congo", "West Bank"]
AGENCIES = [None, "AP", "Reuters", "Khyber News Agency", "Andes Press"]


@given(st.sampled_from(CAPS_PLACES), st.sampled_from(REGIONS), st.dates(date(1950, 1, 1), date(2100, 12, 31)),
       st.sampled_from(["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%b %d", "%B %d", "%d.%m.%Y", None]),
       st.sampled_from(AGENCIES), st.sampled_from(["-", "—", "--", "–"]), st.booleans())
def test_wire_dateline_round_trip(place: str, region: str | None, day: date, fmt: str | None,
                                  agency: str | None, dash: str, alone: bool) -> None:
    written = day.strftime(fmt) if fmt else None
    head = ", ".join(p for p in (place, region, written) if p) + (f" ({agency})" if agency else "") + f" {dash}"
    text = head if alone else f"{head} Police said the attack killed two people."
    d = standalone_dateline(text) if alone else parse_wire_dateline(text)
    assert d is not None, text
    assert d.place == place_name(place) and d.region == region and d.agency == agency
    assert text[d.start:d.place_end] == place
    if fmt and "%Y" in fmt and not (fmt.startswith("%d.") and day.day <= 12 and day.day != day.month):
        assert d.date is not None and d.date.value == day, text
    elif fmt and "%Y" not in fmt:
        assert d.month_day == (day.month, day.day) and d.date is None
    elif fmt is None:
        assert d.date is None and d.month_day is None
