"""Wire copy read whole: the capitalised dateline is a place, hyphenated names are one place, the object of
"took control of" is where it happened, and a group that says its fighters carried out the attack is its
initiator (not the patron named in "al Qaeda-linked")."""

from __future__ import annotations

from wirewatch.model import RawDocument


def _extract(resources, text: str, published: str = "2024-03-15"):
    from wirewatch.contract import to_contract
    from wirewatch.pipeline import process

    x = process(RawDocument(source="w.jsonl", content=text, kind="record", id="w", published=published), resources)
    return to_contract(x)


def test_a_capitalised_dateline_places_an_event_the_lead_gives_only_a_country(resources):
    c = _extract(resources, "MOGADISHU, March 15 (Coast Wire) - A suicide bomber rammed a car into the gate of a hotel "
                            "near Somalia's presidential palace on Thursday, killing seven people, police said.")
    assert [p["role"] for p in c["places"] if p["text"] == "MOGADISHU"] == ["dateline"]
    (event,) = [e for e in c["events"] if e["status"] == "occurred"]
    assert event["location"]["name"] == "Mogadishu" and event["location"]["precision"] == "city"


def test_a_hyphenated_town_name_is_one_place(resources):
    c = _extract(resources, "KYIV, May 19 (Agency) - Ukrainian drones struck an oil depot in the town of "
                            "Slavyansk-na-Kubani in Russia's Krasnodar region on Sunday, officials said.", "2024-05-19")
    names = [p["name"] for p in c["places"] if p["text"].startswith("Slavyansk")]
    assert names == ["Slavyansk-na-Kubani"]
    assert c["events"][0]["location"]["name"] == "Slavyansk-na-Kubani"


def test_the_town_taken_is_where_a_takeover_happened_not_the_state_it_is_capital_of(resources):
    c = _extract(resources, "The Rapid Support Forces said on Monday that its fighters had taken full control of "
                            "Wad Madani, the capital of Sudan's Gezira state, after four days of fighting.", "2023-12-19")
    event = next(e for e in c["events"] if e["sub_event_type"] == "Non-state actor overtakes territory")
    assert event["location"]["name"] == "Wad Madani"


def test_a_group_saying_its_fighters_carried_out_the_attack_is_the_initiator(resources):
    c = _extract(resources, "MOGADISHU, March 15 (Coast Wire) - A car bomb exploded at a hotel gate in Mogadishu on "
                            "Thursday, killing seven people, police said. The al Qaeda-linked al-Shabaab group said in a "
                            "statement that its fighters had carried out the attack.")
    event = next(e for e in c["events"] if e["status"] == "occurred")
    initiators = [a["name"] for a in event["actors"] if a["role"] == "initiator"]
    assert any("Shabaab" in n for n in initiators), initiators
    assert not any("Qaeda" in n for n in initiators), initiators


def test_an_affiliation_names_the_doer_only_when_no_other_group_is_named(resources):
    c = _extract(resources, "Islamic State-linked gunmen attacked a village in Cabo Delgado on Monday, killing five "
                            "people, police said.", "2024-01-04")
    event = next(e for e in c["events"] if e["status"] == "occurred")
    assert [a["name"] for a in event["actors"] if a["role"] == "initiator"] == ["Islamic State"]


def test_intercepted_is_disrupted_weapons_use_only_for_weapons():
    from wirewatch.extract.triggers import find_triggers

    def kinds(t: str) -> list[str]:
        return [h.kind for h in find_triggers(t, 0, len(t))]

    assert "disrupted" in kinds("Air defences intercepted 30 drones over Kyiv.")
    assert "disrupted" in kinds("Most of the rockets were intercepted by the Iron Dome.")
    assert "disrupted" not in kinds("A community leader was intercepted by armed men on a rural road.")


def test_shot_several_times_on_a_given_day_is_one_attack(resources):
    c = _extract(resources, "POPAYAN, Colombia, Jan 11 (Wire Desk) - An indigenous community leader was intercepted by "
                            "armed men on a rural road in Cauca province and shot several times, his organisation said on "
                            "Thursday.", "2024-01-11")
    assert [e["sub_event_type"] for e in c["events"]] == ["Attack"]


def test_a_protest_is_told_though_police_kept_the_crowd_away_but_kept_firing_is_a_habit(resources):
    c = _extract(resources, "On 2 May 2024, residents protested at the town hall in Tetovo against a new tax; police "
                            "kept the crowd away from the building. [size=around 200]", "2024-05-04")
    assert [e["event_type"] for e in c["events"] if e["status"] == "occurred"] == ["Protests"]
    c = _extract(resources, "Militants kept firing rockets at the base, officials said.", "2024-05-04")
    assert not [e for e in c["events"] if e["status"] == "occurred"]
