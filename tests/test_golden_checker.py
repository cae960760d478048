"""The golden checker itself, on small synthetic outputs (no pipeline needed)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from wirewatch.evaluate.golden import (
    check,
    chrome_kind,
    haversine_km,
    same_published,
    strip_chrome,
    validate_expected,
)
from wirewatch.evaluate.golden_keys import contains_word, names_match

EVIDENCE = "At least four militia fighters were killed and six others wounded in the drone strike"


def make_event(**over: Any) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "id": "e1", "status": "occurred", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike", "cameo": "195", "plover": {"type": "ASSAULT", "mode": "drone"},
        "date": {"start": "2024-01-04", "end": "2024-01-04", "precision": "day", "text": "Thursday"},
        "location": {"name": "Baghdad", "admin1": "Baghdad", "admin2": None, "country": "Iraq", "country_code": "IQ",
                     "lat": 33.34, "lon": 44.40, "geonames_id": 98182, "precision": "city"},
        "actors": [{"name": "Military Forces of the United States", "role": "initiator", "kind": "external"},
                   {"name": "Harakat al-Nujaba", "role": "target", "kind": "political_militia"}],
        "fatalities": {"low": 4, "best": 4, "high": 4}, "injured": {"low": 6, "best": 6, "high": 6},
        "claims": [{"field": "fatalities", "value": 4, "qualifier": "at least", "claimant": "police",
                    "reported_by": "Reuters", "start": 0, "end": 10, "text": "x"}],
        "sources": ["U.S. official", "police and security sources"],
        "verification": "unverified", "evidence": [{"start": 0, "end": len(EVIDENCE), "text": EVIDENCE}],
        "confidence": 0.9,
    }
    for key, value in over.items():
        ev[key] = value
    return ev


def make_output(events: list[dict[str, Any]], **article: Any) -> dict[str, Any]:
    art = {"id": "a1", "title": "US Carries Out Strike", "published": "2024-01-04T09:40:00-05:00",
           "outlet": None, "agency": "Reuters", "tags": ["us", "baghdad"], "text": "The body."}
    art.update(article)
    return {"schema": "wirewatch.extraction/1", "article": art, "places": [], "times": [], "events": events,
            "failures": []}


def only(results):
    assert len(results) == 1, results
    return results[0]


def with_location(**loc: Any) -> dict[str, Any]:
    ev = make_event()
    ev["location"] = dict(ev["location"], **loc)
    return ev


# (item, an event that fails exactly that item) for every event key of GOLDEN.md
KEY_CASES = [
    ({"status": "occurred"}, make_event(status="background")),
    ({"event_type": "Explosions/Remote violence"}, make_event(event_type="Battles")),
    ({"sub_event_type": "Air/drone strike"}, make_event(sub_event_type="Shelling/artillery/missile attack")),
    ({"date_precision": "day"}, make_event(date={"start": "2024-01-01", "end": "2024-01-07", "precision": "week"})),
    ({"country_code": "IQ"}, with_location(country_code="SY")),
    ({"plover_type": "ASSAULT"}, make_event(plover={"type": "THREATEN", "mode": None})),
    ({"cameo_root": "19"}, make_event(cameo="183")),
    ({"date": "2024-01-04"}, make_event(date={"start": "2024-01-05", "end": "2024-01-05", "precision": "day"})),
    ({"date_month": "2024-01"}, make_event(date={"start": "2023-12-28", "end": "2024-01-04", "precision": "week"})),
    ({"date_year": "2024"}, make_event(date={"start": "2023-12-01", "end": "2023-12-31", "precision": "month"})),
    ({"location_name_any": ["baghdad"]}, with_location(name="Basra")),
    ({"lat": 33.34, "lon": 44.40, "max_km": 30}, with_location(lat=30.51, lon=47.78)),
    ({"initiator_any": ["United States"]}, make_event(actors=[{"name": "Iran", "role": "initiator", "kind": "external"}])),
    ({"target_any": ["Nujaba"]}, make_event(actors=[{"name": "Kataib Hezbollah", "role": "target",
                                                     "kind": "political_militia"}])),
    ({"fatalities_best": 4}, make_event(fatalities={"low": 2, "best": 2, "high": 2})),
    ({"injured_best": 6}, make_event(injured=None)),
    ({"claims_must": [{"field": "fatalities", "value": 4}]}, make_event(claims=[])),
    ({"sources_any": ["police"]}, make_event(sources=["U.S. official"])),
    ({"evidence_must_quote_any": ["six others wounded"]},
     make_event(evidence=[{"start": 0, "end": 5, "text": "A strike hit a car."}])),
    ({"text_near": "drone strike"}, make_event(evidence=[{"start": 0, "end": 5, "text": "A strike hit a car."}])),
]


@pytest.mark.parametrize(("item", "bad_event"), KEY_CASES, ids=[next(iter(i)) for i, _ in KEY_CASES])
def test_each_key_passes_and_fails(item, bad_event):
    expected = {"events_must": [dict(item, name="n")]}
    assert only(check(make_output([make_event()]), expected)).passed
    result = only(check(make_output([bad_event]), expected))
    assert not result.passed
    key = "lat/lon/max_km" if "lat" in item else next(iter(item))
    assert result.failed_keys == (key,)
    assert key in result.message and "closest is event #0" in result.message


@pytest.mark.parametrize(("item", "bad_event"), KEY_CASES, ids=[next(iter(i)) for i, _ in KEY_CASES])
def test_each_key_in_a_must_not(item, bad_event):
    expected = {"events_must_not": [dict(item, why="w")]}
    assert not only(check(make_output([make_event()]), expected)).passed
    assert only(check(make_output([bad_event]), expected)).passed


def test_date_interval_contains_the_day():
    week = make_event(date={"start": "2024-01-01", "end": "2024-01-07", "precision": "week"})
    assert only(check(make_output([week]), {"events_must": [{"date": "2024-01-04"}]})).passed
    assert not only(check(make_output([make_event(date=None)]), {"events_must": [{"date": "2024-01-04"}]})).passed


def test_whole_word_names():
    assert not contains_word("Abu Aqeel al-Moussawi", "US")
    assert contains_word("U.S. military", "U.S.")
    assert contains_word("police and security sources", "Police")
    assert not contains_word("policeman", "police")
    assert names_match("Nujaba", "Harakat al Nujaba")  # contained in the expected fragment
    assert names_match("Harakat al Nujaba leadership", "Harakat al Nujaba")  # contains it
    moussawi = make_event(actors=[{"name": "Abu Aqeel al-Moussawi", "role": "initiator", "kind": "unknown"}])
    item = {"events_must": [{"initiator_any": ["US"]}]}
    assert not only(check(make_output([moussawi]), item)).passed
    item = {"events_must": [{"initiator_any": ["al-Moussawi"]}]}
    assert only(check(make_output([moussawi]), item)).passed


def test_actor_role_matters():
    ev = make_event(actors=[{"name": "United States", "role": "target", "kind": "external"}])
    assert not only(check(make_output([ev]), {"events_must": [{"initiator_any": ["United States"]}]})).passed


def test_sources_whole_words():
    ev = make_event(sources=["policeman"])
    assert not only(check(make_output([ev]), {"events_must": [{"sources_any": ["police"]}]})).passed


def test_distinct_events_use_bipartite_matching_not_greedy():
    strike = make_event()
    threat = make_event(id="e2", status="threatened")
    expected = {"events_must": [
        {"name": "any event in Iraq", "country_code": "IQ"},   # greedy would take event #0 here
        {"name": "the strike", "status": "occurred"},          # ... and leave nothing for this one
    ]}
    results = check(make_output([strike, threat]), expected)
    assert [r.passed for r in results] == [True, True]
    assert {r.event for r in results} == {0, 1}


def test_one_event_cannot_satisfy_two_items():
    expected = {"events_must": [{"status": "occurred"}, {"country_code": "IQ"}]}
    results = check(make_output([make_event()]), expected)
    assert sorted(r.passed for r in results) == [False, True]
    failed = next(r for r in results if not r.passed)
    assert "distinct event" in failed.message


def test_no_events_message():
    result = only(check(make_output([]), {"events_must": [{"status": "occurred"}]}))
    assert not result.passed and "no events" in result.message


def test_closest_event_is_named_with_its_failing_keys():
    far = make_event(status="background", date={"start": "2023-12-01", "end": "2023-12-31", "precision": "month"})
    near = make_event(id="e2", fatalities={"low": 2, "best": 2, "high": 2})
    item = {"events_must": [{"status": "occurred", "fatalities_best": 4, "date": "2024-01-04"}]}
    result = only(check(make_output([far, near]), item))
    assert result.event == 1 and result.failed_keys == ("fatalities_best",)
    assert "expected 4, got 2" in result.message


def test_must_not_needs_all_keys_and_names_the_offender():
    item = {"events_must_not": [{"why": "history", "status": "occurred", "date_year": "2014"}]}
    assert only(check(make_output([make_event()]), item)).passed
    old = make_event(date={"start": "2014-06-01", "end": "2014-06-30", "precision": "month"})
    result = only(check(make_output([make_event(), old]), item))
    assert not result.passed and result.event == 1 and "event #1" in result.message


def test_text_near_in_must_not():
    item = {"events_must_not": [{"status": "occurred", "text_near": "900 troops"}]}
    ev = make_event(evidence=[{"start": 0, "end": 9, "text": "The United States has 900 troops in Syria"}])
    assert not only(check(make_output([ev]), item)).passed
    assert only(check(make_output([make_event()]), item)).passed


def test_max_occurred_events_on_a_day_in_a_country():
    key = "max_occurred_events_on_2024-01-04_in_IQ"
    other_day = make_event(date={"start": "2024-01-03", "end": "2024-01-03", "precision": "day"})
    threat = make_event(status="threatened")
    syria = with_location(country_code="SY")
    assert only(check(make_output([make_event(), other_day, threat, syria]), {key: 1})).passed
    result = only(check(make_output([make_event(), make_event(id="e2")]), {key: 1}))
    assert not result.passed and "2 events" in result.message
    assert not only(check(make_output([make_event()]), {key: 0})).passed


def test_max_events():
    assert only(check(make_output([]), {"max_events": 0})).passed
    result = only(check(make_output([make_event(status="background")]), {"max_events": 0}))
    assert not result.passed and result.key == "max_events"


@pytest.mark.parametrize(("expected", "got", "ok"), [
    ("2024-01-04T09:40:00-05:00", "2024-01-04T09:40:00-05:00", True),
    ("2024-01-04T09:40:00-05:00", "2024-01-04T14:40:00+00:00", True),
    ("2024-01-04T09:40:00-05:00", "2024-01-04T14:40:00Z", True),
    ("2024-01-04T09:40:00-05:00", "2024-01-04T09:40:00+00:00", False),
    ("2024-01-04T09:40:00-05:00", "2024-01-04", False),
    ("2024-01-04T09:40:00-05:00", "2024-01-04T09:40:00", False),
    ("2017-06-05", "2017-06-05", True),
    ("2017-06-05", "2017-06-05T08:00:00+01:00", True),
    ("2017-06-05", "2017-06-04", False),
    ("2017-06-05", None, False),
    ("2017-06-05", "June 5", False),
])
def test_published_same_instant(expected, got, ok):
    assert same_published(expected, got)[0] is ok
    result = only(check(make_output([], published=got), {"article": {"published": expected}}))
    assert result.passed is ok


def test_article_checks():
    out = make_output([], title="  US Carries Out\nStrike ", outlet="Newsmax", agency=None,
                      tags=["us", "baghdad"], text="Body. All rights reserved.")
    expected = {"article": {"title": "US Carries Out Strike", "outlet_or_agency_any": ["newsmax"],
                            "tags_include": ["us", "airstrike"], "body_must_not_contain": ["All rights reserved"]}}
    by_key = {r.key: r for r in check(out, expected)}
    assert by_key["article.title"].passed
    assert by_key["article.outlet_or_agency_any"].passed
    assert not by_key["article.tags_include"].passed and by_key["article.tags_include"].failed_keys == ("airstrike",)
    assert not by_key["article.body_must_not_contain"].passed
    assert not only(check(make_output([], agency="AP"), {"article": {"outlet_or_agency_any": ["Reuters"]}})).passed


def test_malformed_expected_is_refused():
    assert validate_expected({"events_must": [{"staus": "occurred"}]})
    assert validate_expected({"events_must_not": [{"why": "no checkable key"}]})
    assert validate_expected({"events_must": [{"lat": 1.0, "lon": 2.0}]})
    assert validate_expected({"max_events": -1})
    assert validate_expected({"article": {"titel": "x"}})
    assert validate_expected({"max_occurred_events_on_2024-01-04_in_IQ": 1, "max_events": 0}) == []
    with pytest.raises(ValueError, match="unknown key 'staus'"):
        check(make_output([]), {"events_must": [{"staus": "occurred"}]})


def test_check_does_not_change_its_inputs():
    out, expected = make_output([make_event()]), {"events_must": [{"status": "occurred"}]}
    before = copy.deepcopy((out, expected))
    check(out, expected)
    assert (out, expected) == before


def test_haversine():
    assert haversine_km(33.34, 44.40, 33.34, 44.40) == 0
    assert 440 < haversine_km(33.34, 44.40, 30.51, 47.78) < 460  # Baghdad - Basra


CHROME_PAGE = """ date 2024-01-04 ×
Tags: us | military | baghdad | airstrike

Headline Here

Fighters stand outside the building after the strike on Thursday. (Hadi Mizban/AP)

The strike hit a vehicle, the official said (he declined to give his name).
Ratio was 12/5 (12/5)

© 2024 Thomson/Reuters. All rights reserved.
"""


def test_strip_chrome():
    stripped = strip_chrome(CHROME_PAGE)
    for gone in ("date 2024-01-04 ×", "Tags:", "Hadi Mizban/AP", "All rights reserved"):
        assert gone not in stripped
    for kept in ("Headline Here", "The strike hit a vehicle", "(12/5)"):
        assert kept in stripped
    assert [chrome_kind(line) for line in CHROME_PAGE.splitlines() if chrome_kind(line)] == [
        "filter chip", "tags", "photo credit", "copyright"]
    assert strip_chrome(stripped) == stripped
