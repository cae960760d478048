"""Publication dates from a page's date lines and wire dateline (ingest/published.py), and through normalise."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirewatch.ingest import normalise
from wirewatch.ingest.dateline import DateLine, read_date_line
from wirewatch.ingest.published import page_dates, resolve
from wirewatch.ingest.wire import parse_wire_dateline
from wirewatch.model import Article, RawDocument

BODY = "Police said the blast killed two people and wounded five others near the market."


def _line(text: str) -> DateLine:
    found = read_date_line(text)
    assert found is not None, text
    return found


def _page(content: str) -> Article:
    return normalise(RawDocument(source="page.txt", content=content, kind="text"))


def test_open_order_is_decided_by_the_dateline_day() -> None:
    line = _line("04/11/2023")
    assert resolve(line, [line], month_day=(11, 4)) == date(2023, 11, 4)
    assert resolve(line, [line], month_day=(4, 11)) == date(2023, 4, 11)
    assert resolve(line, [line], month_day=(5, 5)) is None  # neither reading: still open


def test_open_order_is_decided_by_the_page_style() -> None:
    line = _line("04/11/2023")
    assert resolve(line, [line, _line("4 November 2023")]) == date(2023, 11, 4)
    assert resolve(line, [line, _line("November 4, 2023")]) == date(2023, 4, 11)
    assert resolve(line, [line, _line("17/11/2023")]) == date(2023, 11, 4)
    assert resolve(line, [line, _line("4 November 2023"), _line("November 4, 2023")]) is None  # styles disagree


def test_open_order_dots_are_day_first_slashes_stay_unknown() -> None:
    assert resolve(_line("04.11.2023")) == date(2023, 11, 4)
    assert resolve(_line("04/11/2023")) is None
    assert resolve(_line("04-11-2023")) is None


def test_year_less_dateline_takes_the_nearest_year_of_a_date_line() -> None:
    wire = parse_wire_dateline("KABUL, Dec 31 (AP) — A bomb exploded.")
    assert wire is not None
    assert page_dates([_line("01.01.2024")], wire) == (date(2024, 1, 1), date(2023, 12, 31))
    assert page_dates([], wire) == ()  # no date line: never a guessed year


def test_pages_with_the_new_forms() -> None:
    cases = {
        f"Blast Hits Market In Kabul\n\n17.11.2023\n\nKABUL, Nov 17 (Khyber News Agency) — {BODY}":
            (date(2023, 11, 17), "Khyber News Agency", "Kabul"),
        f"Blast Hits Market In Bogota\n\nBOGOTA, March 18, 2024 (Andes Press) -\n\n{BODY}":
            (date(2024, 3, 18), "Andes Press", "Bogota"),
        f"Blast Hits Market In Basra\n\nBASRA, Iraq, July 18, 2023 —\n\n{BODY}": (date(2023, 7, 18), None, "Basra"),
        f"Blast Hits Market In Mali\n\n15/11/2023 07:45 GMT\n\nBAMAKO — {BODY}":
            (datetime(2023, 11, 15, 7, 45, tzinfo=UTC), None, "Bamako"),
        f"Blast Hits Market In London\n\nLondon, 3 June 2024 (updated 11:32 BST)\n\n{BODY}":
            (date(2024, 6, 3), None, "London"),
        f"Blast Hits Market In Kabul\n\nKABUL, Nov 17 (Khyber News Agency) — {BODY}": (None, "Khyber News Agency",
                                                                                         "Kabul"),
        f"Blast Hits Market In Kabul\n\n05/11/2023\n\nKABUL, Nov 5 (AP) — {BODY}": (date(2023, 11, 5), "AP", "Kabul"),
        f"Blast Hits Market In Kabul\n\n05/11/2023\n\nKABUL (AP) — {BODY}": (None, "AP", "Kabul"),
    }
    for content, (published, credit, place) in cases.items():
        a = _page(content)
        assert (a.published, a.agency, a.dateline_place) == (published, credit, place), content
        assert a.text.endswith(BODY) and a.title is not None and a.title.startswith("Blast Hits Market")
        assert "\n" not in a.text  # a dateline alone on its line opens the story's first paragraph


def test_dateline_stays_in_the_text_and_date_lines_do_not() -> None:
    a = _page(f"Blast Hits Market In Basra\n\nBASRA, Iraq, July 18, 2023 —\n\n{BODY}\n\nMore text follows here.")
    assert a.text == f"BASRA, Iraq, July 18, 2023 — {BODY}\n\nMore text follows here."
    b = _page(f"Blast Hits Market In Mali\n\n15/11/2023 07:45 GMT\n\nBAMAKO — {BODY}")
    assert "15/11/2023" not in b.text


@pytest.mark.parametrize("content", [
    f"Headline Of The Story\n\nPolice said, 3 June 2024\n\n{BODY}",
    f"Headline Of The Story\n\n{BODY} It happened on 17.11.2023 in the city.",
])
def test_dates_inside_text_are_not_publication_dates(content: str) -> None:
    assert _page(content).published is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2025, 12, 31)), st.sampled_from([".", "/"]),
       st.sampled_from(["KABUL", "GAZA CITY", "PORT-AU-PRINCE"]), st.sampled_from(["AP", "Andes Press"]))
def test_numeric_date_line_with_a_year_less_dateline(day: date, sep: str, place: str, credit: str) -> None:
    numeric = f"{day.day:02d}{sep}{day.month:02d}{sep}{day.year}"  # day-first, as the outlet writes it
    content = f"Blast Hits Market Square\n\n{numeric}\n\n{place}, {day.strftime('%b')} {day.day} ({credit}) — {BODY}"
    a = _page(content)
    assert a.published == day, content  # the dateline's day settles an open order; the line gives the year
    assert a.agency == credit


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2025, 12, 31)),
       st.sampled_from(["%B %d, %Y", "%b %d, %Y", "%d %B %Y"]), st.sampled_from([None, "Iraq", "West Bank"]))
def test_standalone_dateline_page(day: date, fmt: str, region: str | None) -> None:
    head = ", ".join(p for p in ("MOGADISHU", region, day.strftime(fmt)) if p)
    a = _page(f"Forces Retake Central Town\n\n{head} —\n\n{BODY}")
    assert a.published == day and a.dateline_place == "Mogadishu"
    assert a.text == f"{head} — {BODY}"
