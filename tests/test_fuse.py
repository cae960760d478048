"""Fusion decisions on synthetic mentions: near-duplicates merge, near-misses stay apart, with reasons."""

from __future__ import annotations

from typing import Any

from wirewatch.fuse import Mention, assign, fuse, fused_id, mentions_from_contract
from wirewatch.fuse.candidates import candidate_pairs
from wirewatch.fuse.pairs import load_model
from wirewatch.fuse.profile import build
from wirewatch.fuse.score import conflicts, type_similarity

BAGHDAD = {"name": "Baghdad", "admin1": "Baghdad", "admin2": None, "country": "Iraq", "country_code": "IQ",
           "lat": 33.34, "lon": 44.40, "geonames_id": 98182, "precision": "city"}
MOSUL = {"name": "Mosul", "admin1": "Nineveh", "admin2": None, "country": "Iraq", "country_code": "IQ",
         "lat": 36.34, "lon": 43.13, "geonames_id": 99072, "precision": "city"}


def event(eid: str = "e1", *, day: str = "2024-01-04", text: str = "Thursday", loc: dict | None = None,
          etype: str = "Explosions/Remote violence", sub: str = "Air/drone strike", evidence: str = "",
          actors: tuple[tuple[str, str, str], ...] = (), claims: tuple[tuple[str, int, str | None], ...] = (),
          status: str = "occurred", precision: str = "day") -> dict[str, Any]:
    return {
        "id": eid, "status": status, "event_type": etype, "sub_event_type": sub, "cameo": "195",
        "plover": {"type": "ASSAULT", "mode": "drone"},
        "date": {"start": day, "end": day, "precision": precision, "text": text},
        "location": BAGHDAD if loc is None else loc,
        "actors": [{"name": n, "role": r, "kind": k, "country_code": None} for n, r, k in actors],
        "fatalities": None, "injured": None,
        "claims": [{"field": f, "value": v, "qualifier": None, "claimant": c, "reported_by": None,
                    "start": 0, "end": 1, "text": "x"} for f, v, c in claims],
        "sources": [], "verification": None, "evidence": [{"start": 0, "end": len(evidence), "text": evidence}],
        "confidence": 0.8,
    }


def mention(aid: str, ev: dict, outlet: str = "Reuters", published: str = "2024-01-04T18:00:00+00:00",
            agency: str | None = None, title: str | None = None) -> Mention:
    return Mention(aid, outlet, published, ev, agency=agency, title=title)


US = ("United States military", "initiator", "external")
NUJABA = ("Harakat al-Nujaba", "target", "political_militia")


def baghdad_story() -> dict[str, Mention]:
    """A drone strike told three times, a rocket attack the same day in the same city, and near-misses: a
    teachers' protest over pay the same day in Baghdad (until 2026-12-07 this was a protest of the militia's
    supporters, which as the strike's sequel now counts as its follow-up: issue #16) and the same strike told of
    Mosul."""
    return {
        "reuters": mention("a1", event(evidence="A U.S. drone strike hit a car carrying Harakat al-Nujaba "
                                                "commanders in eastern Baghdad, killing four, police said.",
                                       actors=(US, NUJABA), claims=(("fatalities", 4, "police"),))),
        "ap": mention("a2", event(evidence="A drone strike on a vehicle in eastern Baghdad killed a Nujaba "
                                           "militia commander and one of his guards, the militia said.",
                                  actors=(NUJABA,), claims=(("fatalities", 2, "militia spokesperson"),)),
                      outlet="Washington Post", agency="AP"),
        "update": mention("a3", event(evidence="The toll from Thursday's U.S. drone strike on a Harakat al-Nujaba "
                                               "car in Baghdad rose to seven, police said.",
                                      actors=(US, NUJABA), claims=(("fatalities", 7, "police"),)),
                          published="2024-01-05T09:00:00+00:00"),
        "rocket": mention("b1", event(evidence="Rockets struck near the U.S. embassy in the Green Zone late on "
                                               "Thursday; no casualties were reported.",
                                      sub="Shelling/artillery/missile attack",
                                      actors=(("Islamic Resistance in Iraq", "initiator", "political_militia"),))),
        "protest": mention("c1", event(evidence="Hundreds of teachers protested in Baghdad over unpaid salaries.",
                                       etype="Protests", sub="Peaceful protest")),
        "mosul": mention("d1", event(evidence="A U.S. drone strike hit a car carrying Harakat al-Nujaba "
                                              "commanders in Mosul, killing four, police said.",
                                     loc=MOSUL, actors=(US, NUJABA))),
    }


def _groups(events) -> set[frozenset[str]]:
    return {frozenset(e.articles) for e in events}


def _p(a: Mention, b: Mention) -> float:
    model = load_model()
    return model.probability(build(a, model.idf, model.default_idf), build(b, model.idf, model.default_idf))


def test_near_duplicates_merge_and_near_misses_stay_apart():
    story = baghdad_story()
    groups = _groups(fuse(story.values()))
    assert frozenset({"a1", "a2", "a3"}) in groups
    assert {frozenset({"b1"}), frozenset({"c1"})} <= groups


def test_places_far_apart_lower_the_probability_without_forbidding_the_merge():
    story = baghdad_story()
    assert any("km apart" in c for c in conflicts(story["reuters"], story["mosul"]))  # still reported
    assert 0.0 < _p(story["reuters"], story["mosul"]) < _p(story["reuters"], story["update"])


def test_explicit_days_that_differ_lower_the_probability():
    text = "A drone strike hit a car in Baghdad, killing four."
    same = mention("x2", event(day="2024-01-04", evidence=text), published="2024-01-04T20:00:00+00:00")
    other = mention("x3", event(day="2024-01-06", text="Saturday", evidence=text), published="2024-01-06T10:00:00+00:00")
    first = mention("x1", event(day="2024-01-04", evidence=text))
    assert any("different explicit days" in c for c in conflicts(first, other))
    assert _p(first, other) < _p(first, same)


def test_two_events_of_one_article_stay_two():
    a = mention("same", event("e1", evidence="A drone strike hit a car in Baghdad."))
    b = mention("same", event("e2", evidence="A drone strike hit a car in Baghdad."), )
    a2 = Mention("same", a.outlet, a.published, a.event, main=True)
    b2 = Mention("same", b.outlet, b.published, b.event, main=False)
    assert len(fuse([a2, b2])) == 2
    assert _p(a2, b2) == 0.0


def test_imprecise_dates_can_merge_within_window():
    month = event(day="2024-01-01", text="this month", precision="month",
                  evidence="A U.S. drone strike hit a Harakat al-Nujaba car in Baghdad.", actors=(US, NUJABA))
    month["date"]["end"] = "2024-01-31"
    day = baghdad_story()["reuters"]
    assert conflicts(mention("m1", month), day) == ()


def test_type_compatibility_table():
    assert type_similarity({"event_type": "Battles", "sub_event_type": "Armed clash"},
                           {"event_type": "Protests", "sub_event_type": "Peaceful protest"}) == 0.0
    assert type_similarity({"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"},
                           {"event_type": "Explosions/Remote violence",
                            "sub_event_type": "Shelling/artillery/missile attack"}) == 0.7
    assert type_similarity({"event_type": None}, {"event_type": "Battles"}) is None


def test_probability_is_symmetric_and_gives_reasons():
    story = baghdad_story()
    model = load_model()
    a, b = (build(story[k], model.idf, model.default_idf) for k in ("reuters", "update"))
    assert model.probability(a, b) == model.probability(b, a) > model.threshold
    assert any(r.startswith("text") for r in model.reasons(a, b))


def test_candidates_use_the_date_window():
    story = baghdad_story()
    far = mention("z9", event(day="2024-02-10", evidence="A drone strike hit Baghdad."),
                  published="2024-02-10T10:00:00+00:00")
    ms = [story["reuters"], story["ap"], far]
    assert candidate_pairs(ms) == [(0, 1)]


def test_assign_joins_or_starts_new_with_reasons():
    story = baghdad_story()
    existing = fuse([story["reuters"], story["rocket"]])
    joined = assign(story["update"], existing)
    target = next(e for e in existing if "a1" in e.articles)
    assert joined.action == "join" and joined.event_id == target.id
    assert joined.reasons
    new = assign(story["protest"], existing)
    assert new.action == "new" and new.event_id is None
    assert new.reasons[0].startswith("no event reached")


def test_fused_id_is_order_independent_and_lists_articles():
    story = baghdad_story()
    ms = [story["reuters"], story["ap"]]
    assert fused_id(ms) == fused_id(list(reversed(ms)))
    merged = fuse(ms)
    assert len(merged) == 1 and merged[0].to_dict()["articles"] == ["a1", "a2"]


def test_mentions_from_contract_keeps_occurred_events():
    line = {"article": {"id": "art", "outlet": "Reuters", "published": "2024-01-04", "agency": None,
                        "title": "t", "text": "body words"},
            "events": [event("e1"), event("e2", status="background")]}
    ms = list(mentions_from_contract(line))
    assert [m.uid for m in ms] == ["art#e1"]


def test_placeholder_actors_are_not_evidence_of_the_same_event():
    from wirewatch.fuse.score import actor_similarity

    generic = ("Unidentified Armed Group (Nigeria)", "initiator", "political_militia")
    a = event(actors=(generic, ("Civilians (Nigeria)", "target", "civilians")))
    b = event(actors=(generic,))
    assert actor_similarity(a, b) is None
    assert actor_similarity(event(actors=(US, NUJABA)), event(actors=(NUJABA,))) == 0.5
