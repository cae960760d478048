"""Claims across sources: low/best/high rule, disagreements, verification."""

from __future__ import annotations

from test_fuse import baghdad_story, event, mention

from wirewatch.fuse import fuse
from wirewatch.fuse.claims import ONE_SIDE, UNVERIFIED, VERIFIED, claimant_class, independent_origins


def _one(ms):
    events = fuse(ms)
    assert len(events) == 1, [e.articles for e in events]
    return events[0]


def test_best_is_latest_figure_of_most_authoritative_class_low_is_minimum():
    s = baghdad_story()
    fe = _one([s["reuters"], s["ap"], s["update"]])
    assert (fe.fatalities.low, fe.fatalities.best, fe.fatalities.high) == (2, 7, 7)
    assert "official" in (fe.fatalities.basis or "")
    assert [d.text for d in fe.disagreements] == ["police: 7, militia spokesperson: 2"]
    # every claim stays listed, with its outlet and time
    assert {(c.claimant, c.value, c.outlet) for c in fe.claims} == {
        ("police", 4, "Reuters"), ("militia spokesperson", 2, "Washington Post"), ("police", 7, "Reuters")}
    assert all(c.time for c in fe.claims)


def test_a_rising_toll_from_one_claimant_is_an_update_not_a_disagreement():
    s = baghdad_story()
    fe = _one([s["reuters"], s["update"]])
    assert fe.disagreements == ()
    assert (fe.fatalities.low, fe.fatalities.best, fe.fatalities.high) == (7, 7, 7)


def test_medical_figure_beats_official_figure_for_best():
    ev_a = event(evidence="A drone strike hit a car in Baghdad.", claims=(("fatalities", 3, "police"),))
    ev_b = event(evidence="A drone strike hit a car in Baghdad.", claims=(("fatalities", 5, "hospital officials"),))
    fe = _one([mention("p1", ev_a), mention("p2", ev_b, outlet="AFP")])
    assert (fe.fatalities.low, fe.fatalities.best, fe.fatalities.high) == (3, 5, 5)


def test_claimant_classes():
    assert claimant_class("Baghdad police") == "official"
    assert claimant_class("Health Ministry") == "medical"
    assert claimant_class("a Houthi spokesman") == "party"
    assert claimant_class("Syrian Observatory for Human Rights") == "monitor"
    assert claimant_class(None) == "media"


def test_verification_independent_one_side_unverified():
    s = baghdad_story()
    assert _one([s["reuters"], s["ap"]]).verification == VERIFIED
    assert _one([s["reuters"]]).verification == UNVERIFIED
    ev = event(evidence="The militia said its fighters shot down a drone over Baghdad.",
               claims=(("fatalities", 3, "militia spokesperson"),))
    assert _one([mention("m1", ev)]).verification == ONE_SIDE


def test_same_wire_story_on_two_outlets_is_one_origin():
    s = baghdad_story()
    copy = mention("a1-copy", s["reuters"].event, outlet="Al Arabiya English", agency=None)
    assert independent_origins([s["reuters"], copy]) == 1
    fe = _one([s["reuters"], copy])
    assert fe.verification != VERIFIED


def test_without_claims_member_ranges_combine():
    a = event(evidence="A drone strike hit a car in Baghdad, killing four.")
    b = event(evidence="A drone strike hit a car in Baghdad, killing six.")
    a["fatalities"] = {"low": 4, "best": 4, "high": 4}
    b["fatalities"] = {"low": 6, "best": 6, "high": 6}
    fe = _one([mention("r1", a), mention("r2", b, outlet="AP", published="2024-01-05T08:00:00+00:00")])
    assert (fe.fatalities.low, fe.fatalities.best, fe.fatalities.high) == (4, 6, 6)


def test_per_side_figures_of_a_fused_event_combine_its_members():
    ev_a = event(evidence="A drone strike hit a car in Baghdad.", claims=(("fatalities", 3, "police"),))
    ev_b = event(evidence="A drone strike hit a car in Baghdad.", claims=(("fatalities", 5, "police"),))
    side = {"side": "target", "actor": "Harakat al-Nujaba", "field": "fatalities"}
    ev_a["casualties_by_side"] = [side | {"low": 3, "best": 3, "high": 3}]
    ev_b["casualties_by_side"] = [side | {"low": 4, "best": 5, "high": 5}]
    fe = _one([mention("p1", ev_a, published="2024-01-04T10:00:00+00:00"),
               mention("p2", ev_b, outlet="AFP", published="2024-01-04T18:00:00+00:00")])
    assert fe.to_dict()["casualties_by_side"] == [side | {"low": 3, "best": 5, "high": 5}]  # the later report's best
