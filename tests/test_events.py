"""Event typing, status and roles on short texts written for these tests (one case per ACLED sub-event
type we code, plus factuality). Each text carries a dateline so weekdays resolve."""

from __future__ import annotations

import pytest

from wirewatch.model import RawDocument
from wirewatch.pipeline import process

HEAD = "Tuesday, 12 March 2024 10:00 AM GMT\n\n"


def _events(resources, body: str) -> list:
    x = process(RawDocument(source="test.txt", content="Headline\n\n" + HEAD + body, kind="text"), resources)
    assert not x.failures, x.failures
    return list(x.events)


SUB_TYPES = [
    ("An army drone struck a militant hideout in the village of Mir Ali on Monday, killing three fighters, "
     "officials said.", "Air/drone strike"),
    ("Government warplanes bombed a market in the town of Maaret al-Numan on Monday, killing 11 people, "
     "rescuers said.", "Air/drone strike"),
    ("Rebel artillery shelled residential areas of Donetsk on Monday, killing two civilians.",
     "Shelling/artillery/missile attack"),
    ("A roadside bomb hit a police patrol near Kandahar on Monday, wounding four officers.",
     "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu on Monday, killing five soldiers.",
     "Suicide bomb"),
    ("Attackers threw a grenade into a bus station in Garissa on Monday, wounding nine people.", "Grenade"),
    ("Soldiers clashed with Islamist fighters near the town of Gao on Monday; four soldiers were killed.",
     "Armed clash"),
    ("Gunmen stormed a village in Plateau state on Monday and shot dead 14 villagers, police said.", "Attack"),
    ("Gunmen abducted 20 students from a school in Kaduna state on Monday, police said.",
     "Abduction/forced disappearance"),
    ("Thousands of teachers marched peacefully through Nairobi on Monday to demand higher pay.",
     "Peaceful protest"),
    ("Police fired tear gas to disperse hundreds of protesters in Dhaka on Monday.", "Protest with intervention"),
    ("Rioters torched cars and looted shops in the city of Jos on Monday after a protest turned violent.",
     "Violent demonstration"),
    ("Police arrested 15 opposition activists in Harare on Monday, their lawyer said.", "Arrests"),
    ("The army and the rebels signed a ceasefire agreement in Doha on Monday.", "Agreement"),
    ("Army engineers defused two roadside bombs on the road to Maiduguri on Monday, the military said.",
     "Disrupted weapons use"),
    ("Government forces recaptured the town of Bakhmut from rebel fighters on Monday, the army said.",
     "Government regains territory"),
    ("Islamist fighters seized the town of Djibo on Monday after government troops fled, residents said.",
     "Non-state actor overtakes territory"),
    ("Government forces dropped barrel bombs filled with chlorine gas on the town of Saraqeb on Monday, "
     "medics said, and dozens suffered breathing problems.", "Chemical weapon"),
    ("A mob lynched two men accused of theft in the town of Jalalabad on Monday, police said.", "Mob violence"),
    ("Security forces opened fire on protesters in Khartoum on Monday, killing four demonstrators, medics said.",
     "Excessive force against protesters"),
    ("Soldiers raped at least 12 women during a raid on the village of Kakuma on Monday, a UN report said.",
     "Sexual violence"),
    ("Two rival armed factions merged with the militant group on Monday and pledged allegiance to its leader.",
     "Change to group/activity"),
    ("Rebel fighters set up a new base in the hills outside the town of Kidal on Monday, residents said.",
     "Headquarters or base established"),
    ("Armed men looted shops and torched the market in the town of Kalehe on Monday, residents said.",
     "Looting/property destruction"),
    ("Government troops handed over control of the town of Ras Kamboni to the rebels on Monday under a peace "
     "agreement, officials said.", "Non-violent transfer of territory"),
    ("Hundreds of protesters stormed the parliament building in Nairobi on Monday, setting parts of it on fire.",
     "Violent demonstration"),
]


@pytest.mark.parametrize("body, sub_type", SUB_TYPES, ids=[s for _, s in SUB_TYPES])
def test_sub_event_type(resources, body: str, sub_type: str) -> None:
    events = _events(resources, body)
    types = [e.sub_event_type for e in events if e.status == "occurred"]
    assert sub_type in types, [(e.status, e.sub_event_type, e.evidence[0].text[:60]) for e in events]


def test_monday_resolves_against_the_dateline(resources) -> None:
    (ev,) = [e for e in _events(resources, SUB_TYPES[0][0]) if e.status == "occurred"]
    assert ev.date is not None and ev.date.start.isoformat() == "2024-03-11" and ev.date.precision == "day"


@pytest.mark.parametrize("body, status", [
    ("Militants vowed to retaliate against the army for the killing of their commander.", "threatened"),
    ("The army denied carrying out the air strike on the village of Tabit on Monday.", "denied"),
    ("Opposition parties plan to hold a protest in the capital on Friday, their leaders said.", "planned"),
    ("In 2014, Islamic State fighters seized the city of Mosul, killing hundreds of soldiers.", "background"),
    ("Last month, gunmen killed seven villagers in an attack on the village of Kuda, police said.",
     "background"),
])
def test_status(resources, body: str, status: str) -> None:
    statuses = [e.status for e in _events(resources, body)]
    assert status in statuses and "occurred" not in statuses, statuses


@pytest.mark.parametrize("body", [
    "The players fought until the last second and the fans cheered the home side's attack.",
    "Opposition leaders attacked the election results as unfair and vowed to challenge them in court.",
    "A cyclone made landfall on Saturday night, killing at least 12 people and destroying homes.",
    "A bus collided with a lorry on the highway on Monday, killing nine passengers, police said.",
    "Insurgents routinely ambush convoys on the road and lay mines at night, a commander said.",
    "If attacked, we will respond with force, the minister said.",
])
def test_no_event(resources, body: str) -> None:
    assert [e for e in _events(resources, body) if e.status == "occurred"] == []


def test_roles_and_casualties(resources) -> None:
    body = ("Taliban fighters attacked a police checkpoint in Ghazni province on Monday, killing six policemen "
            "and wounding three, a provincial spokesman said. The death toll later rose to eight.")
    (ev,) = [e for e in _events(resources, body) if e.status == "occurred"]
    roles = {(a.role, a.name) for a in ev.actors}
    assert any(r == "initiator" and "Taliban" in n for r, n in roles), roles
    assert ev.fatalities is not None and ev.fatalities.best == 8
    assert ev.injured is not None and ev.injured.best == 3
    assert ev.location is not None and ev.location.country_code == "AF"
    assert all(s.text == ev.evidence[0].text for s in ev.evidence[:1])


def test_every_span_rereads(resources) -> None:
    body = " ".join(b for b, _ in SUB_TYPES[:6])
    text = process(RawDocument(source="test.txt", content="Headline\n\n" + HEAD + body, kind="text"),
                   resources).article.text
    for ev in _events(resources, body):
        for s in ev.evidence + tuple(c.span for c in ev.claims):
            assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("body", [
    "Soldiers killed 13 protesters during a march in the city of Gondar on Monday, witnesses said.",
    "Crowds marched in Caracas on Monday after the killing of seven demonstrators by the security forces.",
])
def test_killing_protesters_is_excessive_force(resources, body: str) -> None:
    types = [e.sub_event_type for e in _events(resources, body) if e.status == "occurred"]
    assert "Excessive force against protesters" in types, types


def test_premature_blast_is_disrupted_weapons_use_and_a_gas_blast_no_event(resources) -> None:
    body = ("Five Taliban militants were killed in an accidental explosion while planting a device in Ghazni "
            "province on Monday, police said.")
    (ev,) = [e for e in _events(resources, body) if e.status == "occurred"]
    # the codebook: an accidental detonation by those handling the device is Disrupted weapons use
    assert ev.sub_event_type == "Disrupted weapons use"
    assert not any(a.role == "initiator" for a in ev.actors)  # nobody else set it off: no doer is guessed
    gas = "An accidental gas explosion killed four people in a restaurant in Lagos on Monday, firefighters said."
    assert [e for e in _events(resources, gas) if e.status == "occurred"] == []


def test_agentive_modifier_and_shot_to_death(resources) -> None:
    (ev,) = [e for e in _events(resources, "A guerrilla ambush killed four soldiers near the town of Chalatenango, "
                                            "El Salvador, on Monday.") if e.status == "occurred"]
    assert any(a.role == "initiator" and a.span is not None and a.span.text == "guerrilla" for a in ev.actors)
    shot = _events(resources, "Two missionaries were shot to death on Monday night in La Paz by a group of "
                              "gunmen, police said.")
    assert [e.sub_event_type for e in shot if e.status == "occurred"] == ["Attack"]


def test_victim_of_an_event_noun(resources) -> None:
    body = "Church leaders condemned the assassination of six Jesuits in San Salvador, El Salvador, on Monday."
    (ev,) = [e for e in _events(resources, body) if e.status == "occurred"]
    assert any(a.role == "target" and a.span is not None and "Jesuits" in a.span.text for a in ev.actors)


@pytest.mark.parametrize("body, sub_type", [
    ("Hundreds of students protesting against fuel prices set fire to a police post and threw stones at officers "
     "in Kisumu, Kenya, on Monday, police said.", "Violent demonstration"),
    ("Youths hurled petrol bombs at riot police in the city of Belfast on Monday night, police said.",
     "Violent demonstration"),
    ("A crowd of villagers beat two suspected cattle thieves to death in the town of Mbale, Uganda, on Monday, "
     "police said.", "Mob violence"),
    ("Residents lynched a suspected thief in the town of Kisumu, Kenya, on Monday, police said.", "Mob violence"),
    ("Soldiers beat a vendor to death at a checkpoint in the town of Goma, Congo, on Monday, witnesses said.",
     "Attack"),
])
def test_riots_and_mobs(resources, body: str, sub_type: str) -> None:
    events = [e for e in _events(resources, body) if e.status == "occurred"]
    assert sub_type in [e.sub_event_type for e in events], [(e.sub_event_type, e.evidence[0].text[:50]) for e in events]
    if sub_type == "Mob violence":
        (ev,) = [e for e in events if e.sub_event_type == sub_type]
        assert [a.name for a in ev.actors if a.role == "initiator"][0].startswith("Rioters")
        if "two" in body:
            assert ev.fatalities is not None and ev.fatalities.best == 2


@pytest.mark.parametrize("body, sub_type", [
    ("A Russian drone dropped a grenade on a car in the town of Kupiansk, Ukraine, on Monday, officials said.",
     "Air/drone strike"),
    ("Russia attacked Odesa, Ukraine, with loitering munitions overnight into Monday, damaging a port building.",
     "Air/drone strike"),
    ("Rebels fired shells filled with chlorine at army positions near Idlib, Syria, on Monday, doctors said.",
     "Chemical weapon"),
    ("Soldiers and rebels traded fire for hours near the town of Kalehe, Congo, on Monday, the army said.",
     "Armed clash"),
    ("Government troops took back the town of Kalehe, Congo, from M23 rebels on Monday, the army said.",
     "Government regains territory"),
    ("Gunmen snatched two aid workers from their car near the town of Gao, Mali, on Monday, officials said.",
     "Abduction/forced disappearance"),
    ("Hundreds of nurses gathered outside the health ministry in Nairobi on Monday demanding unpaid wages.",
     "Peaceful protest"),
    ("Police detained dozens of people who joined a protest march in central Minsk on Monday, rights groups said.",
     "Protest with intervention"),
    ("The two armed groups signed a local peace pact in Bangui, Central African Republic, on Monday, mediators "
     "said.", "Agreement"),
    ("Al-Shabaab fighters set up a new camp in the hills outside the town of Bardere, Somalia, on Monday, "
     "residents said.", "Headquarters or base established"),
    ("Three armed groups in Mali announced the formation of a joint command in Kidal on Monday, their "
     "spokesman said.", "Change to group/activity"),
    ("Armed men burned two telecommunication masts near the town of Bulo Burte, Somalia, on Monday, residents "
     "said.", "Looting/property destruction"),
])
def test_more_codebook_wordings(resources, body: str, sub_type: str) -> None:
    types = [e.sub_event_type for e in _events(resources, body) if e.status == "occurred"]
    assert sub_type in types, types


@pytest.mark.parametrize("body, sub_type", [
    ("Gunmen shot dead three policemen in the town of Maiduguri, Nigeria, on Monday.", "Armed clash"),
    ("Militants attacked an army post in the town of Marte, Nigeria, on Monday, killing four soldiers.",
     "Armed clash"),
    ("Gunmen killed seven villagers in the village of Gidan Ruwa, Nigeria, on Monday, police said.", "Attack"),
])
def test_an_attack_is_typed_by_whom_it_hits(resources, body: str, sub_type: str) -> None:
    types = [e.sub_event_type for e in _events(resources, body) if e.status == "occurred"]
    assert types == [sub_type], types


def test_a_protest_over_deaths_counts_no_dead_and_its_crowd_is_protesters(resources) -> None:
    body = "Thousands protested in Nairobi, Kenya, on Monday against the killing of a student by police."
    (ev,) = [e for e in _events(resources, body) if e.sub_event_type == "Peaceful protest"]
    assert ev.fatalities is None  # not 1,000 dead from "Thousands ... killing"
    assert [a.name for a in ev.actors if a.role == "initiator"] == ["Protesters (Kenya)"]
    body = "Hundreds marched in Lagos, Nigeria, on Monday to mourn the deaths of 12 miners."
    (ev,) = [e for e in _events(resources, body) if e.sub_event_type == "Peaceful protest"]
    assert ev.fatalities is None


def test_armed_men_killed_with_no_doer_named_is_an_event(resources) -> None:
    # the rules cannot tell its type; the trained model types it (issue #13), with its probability
    events = _events(resources, "Six militiamen were killed near the town of Baquba, Iraq, on Monday, police said.")
    (ev,) = [e for e in events if e.status == "occurred"]
    assert ev.fatalities is not None and ev.fatalities.best == 6
    assert ev.sub_event_type is None or "type from the model" in ev.reasons[0]
    assert _events(resources, "Nine miners were killed in a collapse near the town of Baquba, Iraq, on Monday.") == []


def test_fired_their_guns_and_the_crowd_is_the_target_of_excessive_force(resources) -> None:
    body = "Police fired their guns during a demonstration in the city of Rangpur, Bangladesh, on Monday."
    (ev,) = [e for e in _events(resources, body) if e.status == "occurred"]
    assert ev.sub_event_type == "Excessive force against protesters"
    assert not any(a.role == "initiator" and a.kind == "protesters" for a in ev.actors)


def test_a_bomb_at_a_factory_is_no_industrial_accident(resources) -> None:
    body = "A bomb exploded outside a paint factory in the city of Medellin, Colombia, on Monday, killing two guards."
    (ev,) = [e for e in _events(resources, body) if e.status == "occurred"]
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
    assert any(a.role == "initiator" for a in ev.actors)


@pytest.mark.parametrize("body, sub_type", [
    ("A militant wearing an explosive vest blew up a checkpoint in Baidoa, Somalia, on Monday, killing four "
     "soldiers.", "Suicide bomb"),
    ("A motorcycle packed with explosives blew up outside a police station in Jamundi, Colombia, on Monday.",
     "Remote explosive/landmine/IED"),
    ("A farmer triggered an anti-tank mine near the village of Kamianka, Ukraine, on Monday and was killed.",
     "Remote explosive/landmine/IED"),
    ("Soldiers gang-raped a woman in a village near Adigrat, Ethiopia, on Monday, her family said.",
     "Sexual violence"),
    ("Rangers took the former prime minister into custody in Islamabad, Pakistan, on Monday.", "Arrests"),
    ("Gendarmes shot dead a teenager taking part in an opposition march in Conakry, Guinea, on Monday.",
     "Excessive force against protesters"),
    ("A helicopter dropped a cylinder filled with chlorine on a building in Douma, Syria, on Monday.",
     "Chemical weapon"),
])
def test_wordings_of_weapons_and_force(resources, body: str, sub_type: str) -> None:
    events = [e for e in _events(resources, body) if e.status == "occurred"]
    assert sub_type in [e.sub_event_type for e in events], [e.sub_event_type for e in events]
    if "mine" in body:  # who set the mine off is its victim
        (ev,) = events
        assert not any(a.role == "initiator" and a.kind == "civilians" for a in ev.actors)


def test_seized_suicide_vests_are_no_suicide_bombing(resources) -> None:
    body = "Police seized two suicide vests and arrested three men in Karachi, Pakistan, on Monday."
    assert "Suicide bomb" not in [e.sub_event_type for e in _events(resources, body)]


@pytest.mark.parametrize("body", [
    "Soldiers seized power in Niamey, Niger, on Monday and detained the president, the army said on television.",
    "Investigators found a mass grave holding at least 30 bodies near the town of Izium, Ukraine, on Monday.",
])
def test_other(resources, body: str) -> None:
    events = [e for e in _events(resources, body) if e.sub_event_type == "Other"]
    assert len(events) == 1 and events[0].plover_type is None and events[0].cameo is None


def test_a_diplomatic_coup_is_no_event(resources) -> None:
    assert _events(resources, "The deal was a diplomatic coup for the minister, analysts said on Monday.") == []


@pytest.mark.parametrize("body, sub_type", [
    ("Hundreds of families held a candlelight vigil outside the parliament in Accra, Ghana, on Monday.",
     "Peaceful protest"),
    ("Teachers gathered in front of the ministry in Harare, Zimbabwe, on Monday calling for higher salaries.",
     "Peaceful protest"),
    ("Police blocked a march by opposition supporters in Lilongwe, Malawi, on Monday and fired tear gas.",
     "Protest with intervention"),
    ("Villagers accused a man of theft and burned him to death in Wabag, Papua New Guinea, on Monday.",
     "Mob violence"),
    ("Gunmen took two teachers from their school near Kaduna, Nigeria, on Monday and their whereabouts remain "
     "unknown.", "Abduction/forced disappearance"),
    ("The armed group said on Monday in Kidal, Mali, that it had decided to dissolve itself and hand in its weapons.",
     "Change to group/activity"),
    ("The rebels took control of the town of Kibumba, Congo, on Monday without firing a shot.",
     "Non-violent transfer of territory"),
    ("Army officers announced on state television in Ouagadougou, Burkina Faso, on Monday that they had taken "
     "power.", "Other"),
    ("Soldiers found a cache of rifles and grenades hidden by rebels near Argelia, Colombia, on Monday.",
     "Disrupted weapons use"),
    ("Soldiers and rebels shot at each other for an hour near the town of Cotabato, Philippines, on Monday.",
     "Armed clash"),
    ("A minibus carrying traders came under fire from gunmen near Gusau, Nigeria, on Monday, killing four "
     "passengers.", "Attack"),
    ("Two rounds fired from rebel positions hit a camp for displaced people near Goma, Congo, on Monday.",
     "Shelling/artillery/missile attack"),
    ("Troops knocked down three family homes in the village of Silwan on Monday, residents said.",
     "Looting/property destruction"),
    ("Supporters of the opposition leader torched a supermarket and hurled stones at police in Dakar, Senegal, "
     "on Monday.", "Violent demonstration"),
])
def test_second_set_of_codebook_wordings(resources, body: str, sub_type: str) -> None:
    events = [e for e in _events(resources, body) if e.status == "occurred"]
    assert sub_type in [e.sub_event_type for e in events], [e.sub_event_type for e in events]
    if sub_type == "Violent demonstration":  # the torching is part of the riot, not an event of its own
        assert [e.sub_event_type for e in events] == ["Violent demonstration"]


def test_an_announced_done_act_is_no_plan_and_investigators_are_no_doers(resources) -> None:
    body = ("Army officers announced on state television in Ouagadougou, Burkina Faso, on Monday that they had "
            "taken power.")
    assert [e.status for e in _events(resources, body) if e.sub_event_type == "Other"] == ["occurred"]
    body = ("A bomb exploded outside a bakery in Lyon, France, on Monday, injuring 13 people. The counterterrorism "
            "authority announced that it has opened a probe into the explosion.")
    (ev,) = [e for e in _events(resources, body) if e.status == "occurred"]
    assert not any(a.role == "initiator" and "authority" in a.name for a in ev.actors)


def test_arrests_join_the_protest_they_end_but_not_the_one_they_cause(resources) -> None:
    body = ("Residents gathered in central Novosibirsk, Russia, on Monday to protest against the mobilisation. "
            "Police detained about 30 of them.")
    assert "Protest with intervention" in [e.sub_event_type for e in _events(resources, body)]
    body = ("Fishermen gathered at the harbour in Rameswaram, India, on Monday to protest the arrest of their "
            "colleagues by the coast guard.")
    types = [e.sub_event_type for e in _events(resources, body) if e.status == "occurred"]
    assert "Peaceful protest" in types and "Protest with intervention" not in types


def test_a_buried_explosive_device_is_an_ied(resources) -> None:
    body = ("Maoist rebels blew up a vehicle carrying police personnel with a buried explosive device in "
            "Bijapur, India, on Monday, killing eight policemen.")
    assert "Remote explosive/landmine/IED" in [e.sub_event_type for e in _events(resources, body)]


def test_a_deal_talked_about_is_no_agreement_and_a_deal_made_is(resources) -> None:
    assert not [e for e in _events(resources, "The deal was a diplomatic coup for the minister, analysts said on "
                                              "Monday.") if e.sub_event_type == "Agreement"]
    made = _events(resources, "The army and the rebels signed a ceasefire agreement in Juba on Monday.")
    assert [e.sub_event_type for e in made] == ["Agreement"]
