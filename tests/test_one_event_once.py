"""Issue #14: one event once per article. The Lashio story's page listed "Non-state actor overtakes
territory" twice and "Air/drone strike" twice: each article event fused into a cross-article event was shown
beside that fused event. Within one article, mentions of the same type, time, place and actors are one event."""

from __future__ import annotations

from collections import Counter

from wirewatch.model import RawDocument


def _shown(events: list[dict]) -> Counter:
    return Counter((e["sub_event_type"], e.get("date_start") or (e.get("date") or {}).get("start")) for e in events)


def test_lashio_page_shows_each_event_once(resources, tmp_path):
    from wirewatch.bench.extract import demo_corpus
    from wirewatch.commands.ingest import fuse_stored
    from wirewatch.contract import to_contract
    from wirewatch.pipeline import process
    from wirewatch.store import open_store

    raw = next(d for d in demo_corpus().docs if "lashio" in d.source)
    doc = to_contract(process(raw, resources))
    with open_store(str(tmp_path / "w.sqlite")) as store:
        store.upsert_extraction(doc)
        fuse_stored(store)
        page = store.get_article(doc["article"]["id"])
    shown = _shown(page["events"])
    assert shown[("Non-state actor overtakes territory", "2024-08-03")] == 1
    assert shown[("Air/drone strike", "2024-08-02")] == 1
    assert max(shown.values()) == 1


def test_two_mentions_of_one_strike_are_one_event(resources):
    """The same air strike told in the lead and again lower down, each with its own date and place words,
    is one event with the evidence of both."""
    from wirewatch.pipeline import process

    text = ("Syrian government warplanes struck the town of Maarat al-Numan in Idlib province on Monday, "
            "killing five civilians, rescuers said.\n\n"
            "Residents said the air strike on Maarat al-Numan on Monday hit a market. The town has been bombed "
            "repeatedly.\n\n"
            "Rebels said they would respond.")
    x = process(RawDocument(source="a.txt", content=text, kind="text", published="2024-01-03"), resources)
    strikes = [e for e in x.events if e.sub_event_type == "Air/drone strike" and e.status == "occurred"]
    assert len(strikes) == 1, [(e.sub_event_type, e.date, e.location and e.location.name) for e in x.events]
    assert len(strikes[0].evidence) >= 2


def test_looted_and_burned_is_one_property_event(resources):
    """Looting and burning the same shops are one Looting/property destruction event, not two."""
    from wirewatch.contract import to_contract
    from wirewatch.pipeline import process

    text = ("On 12 July 2021, a crowd looted and burned shops and a warehouse in Pietermaritzburg, KwaZulu-Natal "
            "province, before police dispersed it. 0 fatalities.")
    doc = to_contract(process(RawDocument(source="n.jsonl", content=text, kind="record", id="n",
                                          published="2021-07-14"), resources))
    shown = _shown(doc["events"])
    assert shown[("Looting/property destruction", "2021-07-12")] == 1, shown


def _event(eid: str, kind: str, day: str, place: str, lat: float, initiators: tuple[str, ...] = ()) -> dict:
    return {"id": eid, "sub_event_type": kind, "status": "occurred", "date": {"start": day, "end": day},
            "location": {"name": place, "lat": lat, "lon": 97.75},
            "actors": [{"name": n, "role": "initiator"} for n in initiators]}


def test_twice_finds_the_lashio_pair_and_nothing_else():
    from wirewatch.evaluate.twice import twice

    a = _event("a", "Non-state actor overtakes territory", "2024-08-03", "Lashio", 22.93, ("MNDAA",))
    b = _event("b", "Non-state actor overtakes territory", "2024-08-03", "Lashio", 22.93)
    other_day = _event("c", "Non-state actor overtakes territory", "2024-07-01", "Lashio", 22.93)
    other_side = _event("d", "Non-state actor overtakes territory", "2024-08-03", "Lashio", 22.93, ("KIA",))
    far = _event("e", "Non-state actor overtakes territory", "2024-08-03", "Myitkyina", 25.38)
    assert twice({"events": [a, b]}) == [("Non-state actor overtakes territory", "a", "b")]
    assert twice({"events": [a, other_day, other_side, far]}) == []


def test_one_event_once_merges_two_records_of_one_strike_and_keeps_the_rest():
    from datetime import date

    from wirewatch.extract.dedupe import one_event_once
    from wirewatch.model import Actor, Event, EventDate, Location, Span

    def ev(eid, kind, day, loc, start, initiator=None):
        return Event(id=eid, status="occurred", event_type="Explosions/Remote violence", sub_event_type=kind,
                     cameo=None, plover_type=None, plover_mode=None,
                     date=EventDate(day, day, "day", str(day), None), location=loc,
                     actors=(Actor(initiator, "initiator", "state_forces"),) if initiator else (),
                     fatalities=None, injured=None, claims=(), sources=(), verification=None,
                     evidence=(Span(start, start + 5, "words"),), confidence=0.6)

    town = Location(name="Maarat al-Numan", country_code="SY", admin1="Idlib", lat=35.64, lon=36.67,
                    precision="city")
    province = Location(name="Idlib", country_code="SY", admin1="Idlib", lat=35.9, lon=36.6, precision="admin1")
    monday, tuesday = date(2024, 1, 1), date(2024, 1, 2)
    a = ev("a", "Air/drone strike", monday, province, 0, "Military Forces of Syria")
    b = ev("b", "Air/drone strike", monday, town, 100)
    c = ev("c", "Air/drone strike", tuesday, town, 200)  # the next day: another strike
    d = ev("d", "Shelling/artillery/missile attack", monday, town, 300)
    out = one_event_once((a, b, c, d))
    assert [e.id for e in out] == ["a", "c", "d"]
    merged = out[0]
    assert merged.location == town and [s.start for s in merged.evidence] == [0, 100]
    assert [x.name for x in merged.actors] == ["Military Forces of Syria"]
