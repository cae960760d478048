"""Issue #14: an event's date is the date of its own clause, also in ACLED's note style ("On 31 December
2020,", "Around 31 December 2020 (as reported)", "Between 1 and 3 May", "On the night of 14-15 June")."""

from __future__ import annotations

from datetime import date

import pytest

from wirewatch.extract.times import tag_text
from wirewatch.model import RawDocument


def test_range_opening_day_is_its_own_date():
    found = {t.span.text: t.value for t in tag_text("Between 1 and 3 May 2021, gunmen attacked a village.", None)}
    assert found == {"1": "2021-05-01", "3 May 2021": "2021-05-03"}
    found = {t.span.text: t.value for t in tag_text("On the night of 30 June-1 July 2020, militias clashed.", None)}
    assert found == {"30 June": "2020-06-30", "1 July 2020": "2020-07-01"}  # the year carries back
    assert [t.value for t in tag_text("On 3 and 5 May 2021 protesters marched.", None)] == ["2021-05-05"]


def _extract(resources, text: str, published: str):
    from wirewatch.pipeline import process

    return process(RawDocument(source="n.jsonl", content=text, kind="record", id="n", published=published), resources)


@pytest.mark.parametrize(("text", "published", "start", "end"), [
    ("On 31 December 2020, ISIS militants attacked a PMF checkpoint in Tikrit, Salah ad Din province, "
     "killing two PMF members. 2 fatalities.", "2021-01-04", "2020-12-31", "2020-12-31"),
    ("Around 31 December 2020 (as reported), Iraqi army units clashed with ISIS fighters near Tikrit. "
     "4 fatalities.", "2021-01-02", "2020-12-31", "2020-12-31"),
    ("Between 1 and 3 May, Taliban fighters and army troops clashed in Tagab, Kapisa province. 4 fatalities.",
     "2021-05-05", "2021-05-01", "2021-05-03"),
    ("On the night of 14-15 June 2022, a Turkish drone struck a vehicle in Sinjar, Ninawa province, killing "
     "one fighter. 1 fatality.", "2022-06-20", "2022-06-14", "2022-06-15"),
    # "(as reported)" dates the event as the sources gave it: it is no reporting act whose time is the report's
    ("Around 9 March 2023 (as reported), several hundred traders marched in Kaya, Centre-Nord region, to demand "
     "protection after a convoy was ambushed near Dori the previous week.", "2023-03-15", "2023-03-09", "2023-03-09"),
    # a habit word inside days the sentence gives is a series of acts told as one event
    ("Between 2 and 4 March 2024, Russian assault groups repeatedly attacked Ukrainian positions near Avdiivka, "
     "Pokrovsk district, Donetsk oblast. 0 fatalities.", "2024-03-07", "2024-03-02", "2024-03-04"),
    # a late note: its lead event is nine days old, and it is still the story's own news, not background
    ("On 22 December, RSF fighters opened fire on residents protesting in Rufaa, Al Jazirah state, killing three. "
     "3 fatalities.", "2023-12-31", "2023-12-22", "2023-12-22"),
])
def test_note_style_event_dates(resources, text, published, start, end):
    x = _extract(resources, text, published)
    events = [e for e in x.events if e.status == "occurred"]
    assert events, [e.status for e in x.events]
    when = min(events, key=lambda e: min(s.start for s in e.evidence)).date
    assert when is not None and (when.start, when.end) == (date.fromisoformat(start), date.fromisoformat(end))


def test_a_habit_with_no_days_is_still_no_event(resources):
    x = _extract(resources, "Militants repeatedly attacked army convoys on the road to Dori in the past.", "2023-03-15")
    assert not [e for e in x.events if e.status == "occurred"]


def test_a_date_that_names_a_neighbourhood_is_no_time():
    from wirewatch.extract.times import tag_text

    text = "Fighting broke out in the 7 July neighbourhood of Aden on 3 March 2020."
    assert [m.span.text for m in tag_text(text, date(2020, 3, 5))] == ["3 March 2020"]
