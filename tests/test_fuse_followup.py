"""Issue #16's cases through the store and the export: a follow-up arrest story joins the shooting it
reports (weeks later, typed as an arrest, as a follow-up, not a new incident with its own casualties),
two different incidents in one city on one day stay apart, and every stored article is listed as a
main article of exactly one exported event (a document mention when it has no event)."""

from __future__ import annotations

import copy
import io
from typing import Any

from test_fuse import event

from wirewatch.export import plover
from wirewatch.export.source import ExportFilters, events_from_store
from wirewatch.store import open_store
from wirewatch.store.fused import refresh

CHICAGO = {"name": "Chicago", "admin1": "Illinois", "admin2": None, "country": "United States",
           "country_code": "US", "lat": 41.85, "lon": -87.65, "geonames_id": 4887398, "precision": "city"}
SHOOTING = ("Violence against civilians", "Attack")


def _doc(aid: str, published: str, title: str, text: str, events: list[dict[str, Any]],
         outlet: str = "Tribune") -> dict[str, Any]:
    evs = []
    for k, ev in enumerate(events):
        ev = copy.deepcopy(ev)
        ev["id"] = f"{aid}-e{k}"
        ev["evidence"] = [{"start": 0, "end": len(text[:120]), "text": text[:120]}]
        ev["claims"] = [dict(c, start=0, end=1, text=text[:1]) for c in ev["claims"]]
        evs.append(ev)
    return {"schema": "wirewatch.extraction/1",
            "article": {"id": aid, "title": title, "published": published, "outlet": outlet, "agency": None,
                        "byline": None, "url": None, "tags": [], "text": text},
            "places": [{"text": "Chicago", "start": text.find("Chicago"), "end": text.find("Chicago") + 7,
                        **CHICAGO}] if "Chicago" in text else [],
            "times": [], "events": evs, "failures": []}


FIRST = _doc(
    "s1", "2016-03-06T08:00:00-06:00", "Man, 24, shot dead outside Englewood store; woman wounded",
    "CHICAGO - Darnell Whitfield, 24, was shot dead and a 31-year-old woman was wounded outside a corner store in"
    " the 6300 block of South Halsted Street in Englewood late Saturday, Chicago police said. Whitfield was"
    " standing near the store when a gunman walked up and opened fire, police said. He was pronounced dead at"
    " the University of Chicago Medical Center. The woman, Keisha Moreland, was in fair condition. No one was in"
    " custody.",
    [event(day="2016-03-05", text="Saturday", loc=CHICAGO, etype=SHOOTING[0], sub=SHOOTING[1],
           claims=(("fatalities", 1, "police"), ("injured", 1, "police")))])
UPDATE = _doc(
    "s2", "2016-03-06T19:00:00-06:00", "Family mourns Darnell Whitfield, killed in Englewood shooting",
    "Relatives of Darnell Whitfield gathered Sunday near the Englewood store where the 24-year-old was shot and"
    " killed Saturday night. Keisha Moreland, who was wounded in the attack on South Halsted Street, is expected"
    " to recover, Chicago police said. Detectives are looking for a man in a dark hooded sweatshirt.",
    [event(day="2016-03-05", text="Saturday night", loc=CHICAGO, etype=SHOOTING[0], sub=SHOOTING[1],
           claims=(("fatalities", 1, "police"),))], outlet="Sun-Times")
ARREST = _doc(
    "s3", "2016-03-29T12:00:00-05:00", "Man charged with murder in Englewood killing of Darnell Whitfield",
    "A 27-year-old man has been charged with first-degree murder in the fatal shooting of Darnell Whitfield"
    " outside an Englewood store this month, Chicago police said Tuesday. Marcus Tillery was arrested Monday in"
    " the 7000 block of South Racine Avenue and appeared in bond court, where a judge ordered him held without"
    " bail. Prosecutors said Tillery shot Whitfield after an argument and also wounded Keisha Moreland.",
    [event(day="2016-03-28", text="Monday", loc=CHICAGO, etype="Strategic developments", sub="Arrests",
           claims=(("fatalities", 1, "prosecutors"),))], outlet="Sun-Times")
OTHER = _doc(
    "o1", "2016-03-06T09:00:00-06:00", "Teen wounded in Rogers Park drive-by shooting",
    "CHICAGO - A 16-year-old boy was wounded in a drive-by shooting in Rogers Park on the North Side on Saturday"
    " afternoon, Chicago police said. The boy, identified by relatives as Tomas Ybarra, was standing on the"
    " sidewalk in the 1600 block of West Howard Street when someone in a silver sedan fired several shots. He"
    " was taken to St. Francis Hospital in Evanston in good condition.",
    [event(day="2016-03-05", text="Saturday", loc=CHICAGO, etype=SHOOTING[0], sub=SHOOTING[1],
           claims=(("injured", 1, "police"),))], outlet="Sun-Times")
OTHER2 = _doc(
    "o2", "2016-03-06T14:00:00-06:00", "Police seek silver sedan after Rogers Park teen shot",
    "Police are looking for a silver sedan whose occupants shot Tomas Ybarra, 16, on West Howard Street in"
    " Rogers Park on Saturday. Ybarra's mother said her son was walking home from a basketball game. Chicago"
    " police said the teen was not the intended target.",
    [event(day="2016-03-05", text="Saturday", loc=CHICAGO, etype=SHOOTING[0], sub=SHOOTING[1],
           claims=(("injured", 1, "police"),))], outlet="Tribune")
NO_EVENT = _doc(
    "n1", "2016-03-07T10:00:00-06:00", "Englewood neighbors hold vigil for Darnell Whitfield",
    "Neighbors lit candles Monday evening outside the South Halsted Street store in Englewood where Darnell"
    " Whitfield, 24, died over the weekend. His aunt said he had just started a job at a warehouse.",
    [], outlet="Block Club")


def _export(tmp_path, docs) -> list[dict[str, Any]]:
    db = str(tmp_path / "w.sqlite")
    with open_store(db) as store:
        for d in docs:
            store.upsert_extraction(d)
            refresh(store)  # one article at a time, as `wirewatch ingest` of a trickle would
    buf = io.StringIO()
    plover.write(events_from_store(db, ExportFilters()), buf)
    return plover.read(io.StringIO(buf.getvalue()))


def _holding(records, aid: str) -> dict[str, Any]:
    found = [r for r in records if aid in r["main_articles"]]
    assert len(found) == 1, (aid, found)
    return found[0]


def test_a_follow_up_arrest_story_joins_the_shooting_it_reports(tmp_path):
    records = _export(tmp_path, [FIRST, UPDATE, ARREST, OTHER, OTHER2])
    incident = _holding(records, "s1")
    assert incident is _holding(records, "s3") and incident is _holding(records, "s2")
    # the incident is the shooting, on its own day, with one death: the arrest is a follow-up of it
    assert incident["acled_sub_event_type"] == "Attack" and incident["date"] == "2016-03-05"
    assert incident["fatalities"]["best"] == 1
    assert not any(r["acled_sub_event_type"] == "Arrests" for r in records)


def test_two_same_city_same_day_incidents_stay_apart(tmp_path):
    records = _export(tmp_path, [FIRST, UPDATE, OTHER, OTHER2])
    englewood, rogers_park = _holding(records, "s1"), _holding(records, "o1")
    assert englewood is not rogers_park
    assert sorted(englewood["articles"]) == ["s1", "s2"] and sorted(rogers_park["articles"]) == ["o1", "o2"]


def test_an_article_without_an_event_joins_through_its_document_mention(tmp_path):
    docs = [FIRST, UPDATE, ARREST, OTHER, OTHER2, NO_EVENT]
    records = _export(tmp_path, docs)
    assert _holding(records, "n1") is _holding(records, "s1")
    listed = sorted(a for r in records for a in r["main_articles"])
    assert listed == sorted(d["article"]["id"] for d in docs)  # each stored article: one main event


def test_arrival_order_does_not_change_the_export(tmp_path):
    docs = [FIRST, UPDATE, ARREST, OTHER, OTHER2, NO_EVENT]
    forward = _export(tmp_path / "f", docs)
    backward = _export(tmp_path / "b", list(reversed(docs)))
    assert sorted(map(str, forward)) == sorted(map(str, backward))


def test_the_article_lists_its_main_event_first(tmp_path):
    """An article reporting a background event in its lead's wake and its main event lower down by
    date order: the page (``get_article``) lists the main event first and marks it."""
    doc = copy.deepcopy(FIRST)
    main = doc["events"][0]
    later = copy.deepcopy(main)
    later.update(id="s1-e1", confidence=0.3, evidence=[{"start": 200, "end": 260, "text": doc["article"]["text"][200:260]}])
    later["date"] = dict(later["date"], start="2016-03-09", end="2016-03-09")  # sorts first by date
    doc["events"].append(later)
    with open_store(str(tmp_path / "page.sqlite")) as store:
        store.upsert_extraction(doc)
        art = store.get_article("s1")
    assert [e["id"] for e in art["events"]][0] == main["id"]
    assert art["events"][0]["main"] is True
    assert not any(e.get("main") for e in art["events"][1:])
