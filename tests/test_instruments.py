"""Weapons and physical targets of events (extract/instruments.py), on short texts written for these tests."""

from __future__ import annotations

import pytest

from wirewatch.model import RawDocument
from wirewatch.pipeline import process

HEAD = "Tuesday, 12 March 2024 10:00 AM GMT\n\n"


def _violent(resources, body: str) -> list:
    x = process(RawDocument(source="test.txt", content="Headline\n\n" + HEAD + body, kind="text"), resources)
    assert not x.failures, x.failures
    events = [e for e in x.events if e.plover_type == "ASSAULT"]
    assert events, f"no violent event in {body!r}"
    return events


def _weapons(resources, body: str) -> set[str]:
    return {w for e in _violent(resources, body) for w in e.weapons}


def _targets(resources, body: str) -> set[str]:
    return {t for e in _violent(resources, body) for t in e.targets}


@pytest.mark.parametrize(("body", "expected"), [
    ("Rebels detonated a car bomb outside a police station in the capital on Monday, killing four people.",
     "car bomb"),
    ("Gunmen armed with AK-47 rifles attacked a bus near the border on Monday, killing six passengers.",
     "ak-47 rifle"),
    ("Two missionaries were shot dead on Monday with bursts of machinegun fire, police said.", "machinegun"),
    ("Guerrillas attacked a power pylon with dynamite in the north of the country on Monday, police said.",
     "dynamite"),
    ("Gunmen attacked the offices of a newspaper with Molotov cocktails on Monday, police said.",
     "molotov cocktail"),
])
def test_weapon_named_in_the_sentence(resources, body: str, expected: str) -> None:
    assert expected in _weapons(resources, body)


def test_trigger_weapon_kept_and_not_repeated(resources) -> None:
    got = _weapons(resources, "A drone strike hit a militant hideout near Mir Ali on Monday, killing three fighters.")
    assert "drone" in got
    assert len([w for w in got if w.endswith("drone")]) == 1


def test_seized_weapons_are_not_the_event_weapon(resources) -> None:
    got = _weapons(resources, "Soldiers clashed with rebels near Gao on Monday, killing four, and seized "
                              "rifles and grenades after the fighting.")
    assert "rifle" not in got and "grenade" not in got


def test_an_inventory_is_not_the_event_weapon(resources) -> None:
    got = _weapons(resources, "Rebels ambushed an army patrol near Gao on Monday, killing four soldiers; the army "
                              "later listed 915 rifles, 12 carbines, 11 shotguns and 49 mortars found in a cave.")
    assert not {"carbine", "shotgun"} & got


@pytest.mark.parametrize(("body", "expected"), [
    ("A powerful bomb exploded near the U.S. embassy in La Paz on Monday, wounding two guards.", "U.S. embassy"),
    ("Guerrillas attacked an electric power substation in the capital on Monday, wounding a soldier.",
     "electric power substation"),
    ("Rebels attacked the town on Monday and burned nine vehicles on the coastal highway, police said.",
     "vehicles"),
    ("A car bomb explosion caused heavy damage to the headquarters of the security police on Monday, "
     "killing four people.", "headquarters of the security police"),
])
def test_attacked_facility_is_a_target(resources, body: str, expected: str) -> None:
    got = {t.lower() for t in _targets(resources, body)}
    assert any(expected.lower() in t or t in expected.lower() for t in got), got


def test_facility_only_named_is_not_a_target(resources) -> None:
    got = _targets(resources, "Gunmen shot dead three farmers near Aleppo on Monday; the wounded were taken to the "
                              "city hospital and a nearby school closed, officials said.")
    assert not any("hospital" in t or "school" in t for t in got), got


def test_village_where_an_attack_happened_is_not_a_target(resources) -> None:
    got = _targets(resources, "Rebels attacked an army patrol in the village of Mir Ali on Monday, killing four "
                              "soldiers.")
    assert not any("village" in t for t in got), got


def test_the_named_explosive_replaces_the_bombing_default(resources) -> None:
    got = _weapons(resources, "Guerrillas carried out a bombing with a dynamite charge at a bank in Lima on Monday, "
                              "wounding two guards.")
    assert "dynamite charge" in got and "bomb" not in got


def test_a_shooting_names_no_generic_firearms(resources) -> None:
    got = _weapons(resources, "Gunmen shot dead three farmers near Aleppo on Monday, officials said.")
    assert "firearms" not in got


def test_stones_are_weapons_only_when_thrown(resources) -> None:
    assert "stone" in _weapons(resources, "A mob attacked the police station in Jos with stones on Monday, "
                                          "injuring four officers.")
    assert "stone" not in _weapons(resources, "Gunmen attacked a village of stone houses near Jos on Monday, "
                                              "killing four villagers.")


def test_set_fire_to_a_facility(resources) -> None:
    got = _targets(resources, "Rebels attacked the town on Monday and set fire to the offices of the electoral "
                              "council, police said.")
    assert any("offices" in t for t in got), got


def test_targets_in_the_casualty_sentence_of_the_event(resources) -> None:
    got = _targets(resources, "Guerrillas shelled the town of Suchitoto on Monday. Four civilians were wounded and "
                              "many houses were destroyed in the shelling, the army said.")
    assert any("houses" in t for t in got), got


def test_one_phrase_per_head_and_no_descriptive_adjectives(resources) -> None:
    body = ("Attackers threw a hand grenade into a crowded vegetable market in Quetta on Monday, wounding nine "
            "people; the grenade exploded near the market entrance.")
    assert _weapons(resources, body) == {"hand grenade"}
    assert "vegetable market" in _targets(resources, body)


def test_water_cannon_is_not_a_weapon(resources) -> None:
    body = "Police fired water cannon and tear gas at protesters in Nairobi on Monday."
    x = process(RawDocument(source="test.txt", content="Headline\n\n" + HEAD + body, kind="text"), resources)
    assert x.events, "no event"
    assert not any("cannon" in w for e in x.events for w in e.weapons)


@pytest.mark.parametrize(("body", "expected"), [
    ("A bomb attack was carried out on Monday in Medellin; the target was a newspaper office, police said.",
     "newspaper office"),
    ("A bomb exploded in Lima on Monday, wounding two people; the explosion took place in a branch office of a "
     "savings bank.", "branch office"),
    ("A bomb exploded on Monday in San Salvador between a hardware store and the central reserve bank, wounding "
     "two guards.", "hardware store"),
    ("A bomb exploded on one of the buses at the terminal in Lima on Monday, killing two passengers.", "buses"),
    ("Rebels attacked the village on Monday, killed the patrol leader and set their houses on fire.", "houses"),
])
def test_more_ways_of_saying_what_was_hit(resources, body: str, expected: str) -> None:
    got = {t.lower() for t in _targets(resources, body)}
    assert any(expected in t for t in got), got


def test_a_bomb_that_failed_to_explode_was_still_used(resources) -> None:
    got = _weapons(resources, "Guerrillas attacked a bank in Lima on Monday, wounding two guards; a car bomb left "
                              "outside did not explode.")
    assert "car bomb" in got


def test_explosive_as_an_adjective_is_not_a_weapon(resources) -> None:
    got = _weapons(resources, "Gunmen attacked a police station in Lima on Monday, killing two officers, in what "
                              "officials called an explosive situation.")
    assert "explosive" not in got


def test_a_military_company_is_not_a_facility(resources) -> None:
    got = _targets(resources, "Rebels attacked an infantry company near the town on Monday, killing four soldiers.")
    assert not any("company" in t for t in got), got


def test_target_phrase_keeps_hyphenated_modifiers_and_balanced_brackets(resources) -> None:
    got = _targets(resources, "Guerrillas attacked a state-owned passenger bus near the capital on Monday, wounding "
                              "four people.")
    assert "state-owned passenger bus" in got, got
