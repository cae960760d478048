"""Armed groups and forces of the 1980s-90s Latin American conflicts in the actor dictionary."""

from __future__ import annotations

from datetime import date

import pytest

from wirewatch.evaluate.truecase import truecase
from wirewatch.extract.actors import ActorDictionary


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


@pytest.mark.parametrize(("text", "entry", "kind", "country"), [
    ("Members of the Farabundo Marti National Liberation Front attacked the post.", "fmln", "rebel_group", "SV"),
    ("The FMLN claimed the attack.", "fmln", "rebel_group", "SV"),
    ("The Atlacatl Battalion entered the village.", "salvadoran-rapid-deployment-battalions", "state_forces", "SV"),
    ("The Treasury Police detained him.", "salvadoran-treasury-police", "state_forces", "SV"),
    ("The Guerrilla Army of the Poor ambushed a convoy.", "egp-guatemala", "rebel_group", "GT"),
    ("URNG rebels attacked the town.", "urng", "rebel_group", "GT"),
    ("The contras ambushed a truck.", "nicaraguan-contras", "rebel_group", "NI"),
    ("Sandinista troops repelled the attack.", "sandinista-peoples-army", "state_forces", "NI"),
    ("The Tupac Amaru Revolutionary Movement seized the radio station.", "mrta", "rebel_group", "PE"),
    ("The Rodrigo Franco Command threatened the lawyer.", "rodrigo-franco-command", "political_militia", "PE"),
    ("M-19 guerrillas occupied the palace.", "m-19", "rebel_group", "CO"),
    ("The Extraditables claimed the bombing.", "the-extraditables", "political_militia", "CO"),
    ("Hired killers of the Medellin cartel shot the judge.", "medellin-cartel", "political_militia", "CO"),
    ("The Manuel Rodriguez Patriotic Front bombed the pylons.", "fpmr", "rebel_group", "CL"),
    ("Carabineros dispersed the march.", "carabineros", "state_forces", "CL"),
    ("The Zarate Willka Armed Forces of Liberation claimed the attack.", "zarate-willka", "rebel_group", "BO"),
    ("The Nestor Paz Zamora Commission kidnapped the businessman.", "nestor-paz-zamora-commission", "rebel_group",
     "BO"),
    ("Alfaro Vive guerrillas robbed the bank.", "alfaro-vive", "rebel_group", "EC"),
    ("The Cinchoneros hijacked the plane.", "cinchoneros", "rebel_group", "HN"),
    ("Members of Battalion 3-16 abducted the student.", "battalion-3-16", "state_forces", "HN"),
    ("Kaibiles entered the village.", "kaibiles", "state_forces", "GT"),
    ("The Quintin Lame Armed Movement attacked the town.", "quintin-lame", "rebel_group", "CO"),
    ("Miskito rebels ambushed the patrol.", "miskito-rebels", "rebel_group", "NI"),
    ("Rondas campesinas captured two guerrillas.", "rondas-campesinas", "identity_militia", "PE"),
])
def test_historical_actor_found(actors: ActorDictionary, text: str, entry: str, kind: str, country: str) -> None:
    found = [m for m in actors.find(text) if m.entry.id == entry]
    assert found, [m.entry.id for m in actors.find(text)]
    _, got_kind, cc = actors.resolve(found[0], country, date(1989, 11, 16))
    assert (got_kind, cc) == (kind, country)


def test_state_units_take_the_country_name(actors: ActorDictionary) -> None:
    m = next(m for m in actors.find("The Atlacatl Battalion") if m.entry.id.startswith("salvadoran"))
    name, _, _ = actors.resolve(m, "SV", date(1989, 11, 16))
    assert name.startswith("Military Forces of El Salvador")


def test_death_squads_take_their_country_from_the_text(actors: ActorDictionary) -> None:
    m = actors.find("Salvadoran death squads killed two students.")[0]
    assert m.entry.id == "death-squads"
    assert actors.resolve(m, None)[0] == "Death Squad (El Salvador)"


def test_historical_entries_have_sane_dates(actors: ActorDictionary) -> None:
    ids = {"fmln", "urng", "m-19", "nicaraguan-contras", "sandinista-peoples-army", "the-extraditables"}
    for e in actors.entries:
        if e.id in ids:
            assert e.valid_from is not None and e.valid_from < date(1990, 1, 1), e.id
            assert e.valid_to is not None and e.valid_to > date(1990, 1, 1), e.id
            assert not e.valid_on(date(2024, 1, 1)), e.id


def test_acronym_does_not_match_an_ordinary_word(actors: ActorDictionary) -> None:
    assert not [m for m in actors.find("The far side of the mir station") if m.entry.id in ("mir-chile", "far-guatemala")]


@pytest.mark.parametrize(("caps", "name"), [
    ("MEMBERS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT ATTACKED A POST.",
     "Farabundo Marti National Liberation Front"),
    ("THE TUPAC AMARU REVOLUTIONARY MOVEMENT CLAIMED THE ATTACK.", "Tupac Amaru Revolutionary Movement"),
    ("THE MANUEL RODRIGUEZ PATRIOTIC FRONT BOMBED TWO PYLONS.", "Manuel Rodriguez Patriotic Front"),
    ("THE EXTRADITABLES CLAIMED THE BOMBING.", "Extraditables"),
])
def test_truecase_restores_historical_names(actors: ActorDictionary, caps: str, name: str) -> None:
    cased = truecase(caps)
    assert name in cased, cased
    assert any(name in m.span.text for m in actors.find(cased))


def test_truecase_titles_abbreviations_and_numbered_acronyms() -> None:
    cased = truecase("PRESIDENT ALFREDO CRISTIANI SAID THE U.S. EMBASSY WAS ATTACKED BY M-19 GUERRILLAS. "
                     "THE GENERAL COMMAND DENIED IT. GEN BUSTILLO'S TROOPS ARRIVED.")
    assert "President Alfredo Cristiani said" in cased
    assert "the U.S. embassy" in cased and "M-19 guerrillas" in cased
    assert "The general command denied" in cased  # "general" before a common noun is not a title
    assert "Gen Bustillo's troops" in cased


def test_truecase_names_before_an_appositive_title_and_their_surnames() -> None:
    cased = truecase("A NOTE WAS SENT TO ANTONIO ROLDAN BETANCUR, GOVERNOR OF THE DEPARTMENT. ROLDAN BETANCUR "
                     "DID NOT DISCLOSE IT. THE SOLDIERS, COMMANDER SAID.")
    assert "Antonio Roldan Betancur, governor" in cased and "Roldan Betancur did not" in cased
    assert "The soldiers, commander said" in cased  # one word before a title is not a name


def test_truecase_restores_names_written_without_accents() -> None:
    cased = truecase("A NATIVE OF MEDELLIN CALLED THE BOGOTA OFFICE.")
    assert "Medellin" in cased and "Bogota" in cased
