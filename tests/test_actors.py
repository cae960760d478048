"""The actor dictionary: data checks, alias families, case rules, country context, dates, user files."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.errors import ConfigError
from wirewatch.extract.actors import KINDS, ActorDictionary, ActorMatch


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


def ids(actors: ActorDictionary, text: str) -> list[str]:
    return [m.entry.id for m in actors.find(text)]


def one(actors: ActorDictionary, text: str) -> ActorMatch:
    found = actors.find(text)
    assert len(found) == 1, [(m.span.text, m.entry.id) for m in found]
    return found[0]


# ------------------------------------------------------------------ the data file


def test_dictionary_size_and_fields(actors: ActorDictionary) -> None:
    named = [e for e in actors.entries if not e.generic]
    assert len(named) >= 150
    assert len({e.id for e in actors.entries}) == len(actors.entries)
    for e in actors.entries:
        assert e.kind in KINDS, e.id
        assert e.aliases or e.modified_aliases, e.id
        assert e.tag is None or e.tag == e.tag.lower(), e.id
        assert e.country_code is None or actors.country(e.country_code) is not None, e.id
        if e.valid_from and e.valid_to:
            assert e.valid_from < e.valid_to, e.id


def test_every_alias_finds_its_own_entry(actors: ActorDictionary) -> None:
    missing = []
    for e in actors.entries:
        for alias in e.aliases:
            hits = actors.find(alias)
            if not any(m.span.start == 0 and (m.entry is e or e in m.candidates) for m in hits):
                missing.append((e.id, alias))
    assert missing == []


def test_country_tags_are_lowercase_and_unique(actors: ActorDictionary) -> None:
    tags = [c.tag for c in actors.countries.values()]
    assert all(t == t.lower() and " " not in t for t in tags)
    assert len(set(tags)) == len(tags)
    assert actors.country("US").tag == "us" and actors.country("GB").tag == "britain"


# ------------------------------------------------------------------ alias families

FAMILIES = {
    "harakat-al-nujaba": ["Harakat al-Nujaba", "Harakat al Nujaba", "Nujaba", "Nujaba'a", "al-Nujaba movement",
                          "Harakat Hezbollah al-Nujaba", "the Nujaba’a headquarters"],
    "kataib-hezbollah": ["Kata'ib Hezbollah", "Kataib Hizballah", "KH", "Kata’ib Hezbollah"],
    "popular-mobilization-forces": ["Popular Mobilization Forces", "PMF", "Hashd al-Shaabi",
                                    "Popular Mobilization Force", "Popular Mobilisation Forces"],
    "islamic-state": ["Islamic State", "IS", "ISIS", "ISIL", "Daesh", "Islamic State in Iraq and Syria",
                      "Islamic State of Iraq and the Levant", "IS’ last remaining territory"],
    "al-shabaab": ["Al Shabaab", "al-Shabab", "al-Shabaab", "Harakat al-Shabaab al-Mujahideen"],
    "taliban": ["Taliban", "the Taleban", "Taliban's spokesman"],
    "tatmadaw": ["Tatmadaw", "Myanmar military", "Myanmar junta"],
    "rsf": ["RSF", "Rapid Support Forces"],
    "saf": ["SAF", "Sudanese Armed Forces"],
    "wagner-group": ["Wagner", "Wagner Group", "PMC Wagner"],
    "africa-corps": ["Africa Corps", "Russia's Africa Corps"],
    "houthis": ["Houthis", "Ansar Allah", "Ansarallah", "Houthi rebels"],
    "hamas": ["Hamas"],
    "qassam-brigades": ["Qassam Brigades", "Izz al-Din al-Qassam Brigades"],
    "hezbollah": ["Hezbollah", "Hizballah"],
    "pkk": ["PKK", "Kurdistan Workers' Party"],
    "sdf": ["SDF", "Syrian Democratic Forces"],
    "ypg": ["YPG", "People's Protection Units"],
    "hts": ["HTS", "Hayat Tahrir al-Sham", "Hay'at Tahrir al-Sham"],
    "jnim": ["JNIM", "Jama'at Nusrat al-Islam wal-Muslimin"],
    "iswap": ["ISWAP", "Islamic State West Africa Province"],
    "boko-haram": ["Boko Haram"],
    "m23": ["M23", "March 23 Movement"],
    "al-qaeda": ["al-Qaeda", "al Qaida", "Al-Qa'ida"],
    "aqap": ["AQAP", "al-Qaeda in the Arabian Peninsula"],
    "fano": ["Fano militia", "Fano"],
    "tplf": ["TPLF", "Tigray People's Liberation Front", "Tigray Defense Forces"],
    "arakan-army": ["Arakan Army"],
    "pdf-myanmar": ["PDF", "People's Defence Force", "People's Defense Forces"],
    "ndf": ["NDF", "National Defense Forces", "National Defence Forces"],
    "nato": ["NATO", "NATO service members"],
}


@pytest.mark.parametrize("entry_id,texts", sorted(FAMILIES.items()))
def test_alias_family(actors: ActorDictionary, entry_id: str, texts: list[str]) -> None:
    for text in texts:
        found = [m for m in actors.find(text) if m.entry.id == entry_id or entry_id in {c.id for c in m.candidates}]
        assert found, text
        name, kind, _cc = actors.resolve(found[0], actors.by_id(entry_id).country_code, date(2024, 1, 4))
        assert name and "{" not in name and kind in KINDS


def test_longest_match_wins(actors: ActorDictionary) -> None:
    assert ids(actors, "Kata'ib Hezbollah fighters") == ["kataib-hezbollah", "unidentified-armed-group"]
    assert ids(actors, "the Islamic State West Africa Province") == ["iswap"]
    assert ids(actors, "Syria's National Defense Forces") == ["ndf"]


def test_is_only_in_capitals(actors: ActorDictionary) -> None:
    assert ids(actors, "Is this the end? It is.") == []
    assert ids(actors, "IS fighters attacked") == ["islamic-state", "unidentified-armed-group"]
    assert ids(actors, "Asked whether it is true, he said ISIS was to blame.") == ["islamic-state"]


def test_mixed_case_acronyms_keep_their_case(actors: ActorDictionary) -> None:
    assert ids(actors, "Let them go, said the LeT commander.") == ["lashkar-e-taiba"]
    assert ids(actors, "Jem and JeM") == ["jaish-e-mohammed"]


def test_us_pronoun_is_not_the_united_states(actors: ActorDictionary) -> None:
    assert actors.find_countries("Tell us more about it.") == []
    assert [c.code for c in actors.find_countries("US and U.S. and American")] == ["US", "US", "US"]


def test_whole_words_only(actors: ActorDictionary) -> None:
    assert ids(actors, "Hamasaki and Talibanesque") == []
    assert actors.find_countries("Iraqis in Iraq, not Iraqistan") != []
    assert [c.span.text for c in actors.find_countries("Iraqistan")] == []


def test_spans_point_into_the_text(actors: ActorDictionary) -> None:
    text = "Intro. The U.S. military struck Kata'ib Hezbollah in Iraq."
    for m in actors.find(text, start=7):
        assert text[m.span.start:m.span.end] == m.span.text
    assert [m.span.text for m in actors.find(text, start=7)] == ["U.S. military", "Kata'ib Hezbollah"]
    assert actors.find(text, start=0, end=6) == []


def test_stop_phrases_are_not_countries(actors: ActorDictionary) -> None:
    assert actors.find_countries("across Latin America and the Niger Delta") == []


# ------------------------------------------------------------------ resolution with country and date


def test_police_take_the_event_country(actors: ActorDictionary) -> None:
    m = one(actors, "police said")
    assert actors.resolve(m, "IQ") == ("Police Forces of Iraq", "state_forces", "IQ")
    assert actors.resolve(m, "GB") == ("Police Forces of the United Kingdom", "state_forces", "GB")
    assert actors.resolve(m, None) == ("Police Forces", "state_forces", None)


def test_named_country_police_abroad_are_external(actors: ActorDictionary) -> None:
    m = one(actors, "British police")
    assert m.country_code == "GB"
    assert actors.resolve(m, "GB")[1] == "state_forces"
    assert actors.resolve(m, "FR") == ("Police Forces of the United Kingdom", "external", "GB")


def test_foreign_forces_are_external(actors: ActorDictionary) -> None:
    m = one(actors, "The U.S. military carried out a strike")
    assert actors.resolve(m, "IQ", date(2024, 1, 4)) == ("Military Forces of the United States", "external", "US")
    assert actors.resolve(m, "US", date(2024, 1, 4))[1] == "state_forces"
    irgc = one(actors, "the IRGC")
    assert actors.resolve(irgc, "SY")[1] == "external"
    assert actors.resolve(irgc, "IR")[1] == "state_forces"
    iraqi = one(actors, "Iraqi security forces were deployed")
    assert actors.resolve(iraqi, "IQ") == ("Military Forces of Iraq", "state_forces", "IQ")


def test_government_forces_depend_on_country_and_year(actors: ActorDictionary) -> None:
    m = one(actors, "government forces shelled the town")
    assert actors.resolve(m, "SY", date(2019, 5, 1))[0] == "Military Forces of Syria (2000-2024)"
    assert actors.resolve(m, "SY", date(2025, 3, 1))[0] == "Military Forces of Syria (2024-)"
    assert actors.resolve(m, "SY", None)[0] == "Military Forces of Syria"
    assert actors.resolve(m, "MM", date(2022, 1, 1))[0] == "Military Forces of Myanmar (2021-)"
    assert actors.resolve(one(actors, "the regime"), "SY", date(2019, 5, 1))[0].startswith("Military Forces of Syria")


def test_validity_periods_change_name_and_kind(actors: ActorDictionary) -> None:
    taliban = one(actors, "the Taliban")
    assert actors.resolve(taliban, "AF", date(2015, 12, 21)) == ("Taliban", "rebel_group", "AF")
    name, kind, _ = actors.resolve(taliban, "AF", date(2022, 3, 1))
    assert kind == "state_forces" and "Taliban" in name and "Afghanistan (2021-)" in name
    rsf = one(actors, "RSF")
    assert actors.resolve(rsf, "SD", date(2020, 1, 1))[1] == "state_forces"
    assert actors.resolve(rsf, "SD", date(2024, 1, 1))[1] == "rebel_group"
    wagner = actors.by_id("wagner-group")
    assert wagner is not None and wagner.valid_on(date(2020, 1, 1)) and not wagner.valid_on(date(2025, 1, 1))


def test_shared_alias_is_chosen_by_country(actors: ActorDictionary) -> None:
    m = one(actors, "ADF")
    assert {e.id for e in m.candidates} == {"adf", "ambazonia-separatists"}
    assert actors.resolve(m, "CD")[0] == "Allied Democratic Forces"
    assert actors.resolve(m, "CM")[0] == "Ambazonian Separatists"
    rsf = one(actors, "RSF")
    assert rsf.entry.id == "rsf"  # without context: the Sudanese force
    assert actors.resolve(rsf, "SD", date(2024, 1, 1))[0] == "Rapid Support Forces"
    assert actors.resolve(rsf, "FR", date(2024, 1, 1))[0] == "Reporters Without Borders"
    sdf = one(actors, "SDF")
    assert actors.resolve(sdf, "SY")[0] == "Syrian Democratic Forces"
    assert actors.resolve(sdf, "JP")[0] == "Military Forces of Japan"
    shabaab = one(actors, "al-Shabaab")
    assert actors.resolve(shabaab, "SO")[0] == "Al Shabaab"
    assert actors.resolve(shabaab, "MZ")[0] == "Islamic State Mozambique Province"


def test_generic_non_state_actors(actors: ActorDictionary) -> None:
    assert actors.resolve(one(actors, "unidentified armed men"), "NG") == (
        "Unidentified Armed Group (Nigeria)", "political_militia", "NG")
    assert actors.resolve(one(actors, "protesters gathered"), "KE") == ("Protesters (Kenya)", "protesters", "KE")
    assert actors.resolve(one(actors, "an angry mob"), "IN")[1] == "rioters"
    assert actors.resolve(one(actors, "villagers fled"), "ML") == ("Civilians (Mali)", "civilians", "ML")
    assert actors.resolve(one(actors, "Iraqi militia"), None)[0] == "Unidentified Militia (Iraq)"
    assert actors.resolve(one(actors, "gunmen"), None) == ("Unidentified Armed Group", "political_militia", None)


def test_actor_nouns_as_modifiers_are_not_actors(actors: ActorDictionary) -> None:
    assert ids(actors, "a terrorist attack near the police station and the army base") == []
    assert ids(actors, "the terrorists attacked police") == ["unidentified-armed-group", "state-police"]
    assert ids(actors, "a militant group") == ["unidentified-armed-group"]


def test_weapon_nouns_need_a_country(actors: ActorDictionary) -> None:
    assert ids(actors, "one-way attack drones") == []
    m = one(actors, "Russian warplanes struck")
    assert actors.resolve(m, "SY") == ("Military Forces of Russia", "external", "RU")


def test_kind_of_unknown(actors: ActorDictionary) -> None:
    assert actors.kind_of_unknown("the militia") == "political_militia"
    assert actors.kind_of_unknown("rebels") == "rebel_group"
    assert actors.kind_of_unknown("protesters") == "protesters"
    assert actors.kind_of_unknown("Zande tribal fighters") == "identity_militia"
    assert actors.kind_of_unknown("Northern Liberation Army") == "rebel_group"
    assert actors.kind_of_unknown("Iraqi Army") == "state_forces"
    assert actors.kind_of_unknown("the Black Hand gang") == "political_militia"
    assert actors.kind_of_unknown("a committee") == "unknown"
    assert actors.kind_of_unknown("three people") == "civilians"
    assert actors.kind_of_unknown("a Russian major general") == "state_forces"


# ------------------------------------------------------------------ user files


def _write(tmp_path, content) -> str:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    return str(path)


def test_user_file_from_environment(tmp_path, monkeypatch) -> None:
    path = _write(tmp_path, {"format": "wirewatch.actors/1", "actors": [
        {"id": "zande-defence", "name": "Zande Defence Committee", "kind": "identity_militia",
         "country_code": "SS", "aliases": ["Zande Defence Committee", "ZDC"]},
        {"id": "fano", "name": "Fano (Amhara)", "kind": "identity_militia", "country_code": "ET",
         "aliases": ["Fano"]}]})
    monkeypatch.setenv("WIREWATCH_ACTORS", path)
    mine = ActorDictionary.load()
    assert actors_ids(mine, "ZDC fighters and the Zande Defence Committee") == ["zande-defence", "zande-defence"]
    assert mine.by_id("fano").name == "Fano (Amhara)"  # a user entry replaces the packaged one


def actors_ids(d: ActorDictionary, text: str) -> list[str]:
    return [m.entry.id for m in d.find(text) if not m.entry.generic]


@pytest.mark.parametrize("bad,words", [
    ({"format": "wirewatch.actors/1", "actors": [{"id": "x", "name": "X", "kind": "army", "aliases": ["X"]}]},
     ["actor 'x'", "kind 'army'"]),
    ({"format": "wirewatch.actors/1", "actors": [{"id": "y", "name": "Y", "kind": "rebel_group"}]},
     ["actor 'y'", "alias"]),
    ({"format": "wirewatch.actors/1", "actors": [{"id": "z", "name": "Z", "kind": "rebel_group",
                                                  "aliases": ["Z"], "valid_from": "2020-13-01"}]},
     ["actor 'z'", "ISO date"]),
    ({"format": "wirewatch.actors/1", "actors": [{"id": "w", "name": "W", "kind": "rebel_group",
                                                  "aliases": ["W"], "country_code": "XX"}]},
     ["actor 'w'", "'XX'"]),
    ({"format": "something-else"}, ["format"]),
])
def test_bad_user_file_names_file_and_entry(tmp_path, bad, words) -> None:
    path = _write(tmp_path, bad)
    with pytest.raises(ConfigError) as err:
        ActorDictionary.load(path)
    message = str(err.value)
    assert path in message
    for w in words:
        assert w in message


def test_unreadable_user_file(tmp_path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.json"):
        ActorDictionary.load(str(path))


# ------------------------------------------------------------------ many matches
# (speed is measured by `wirewatch bench`, not by timed unit tests)


def test_matching_a_5kb_article_finds_every_mention(actors: ActorDictionary) -> None:
    para = ("The U.S. military said Kata'ib Hezbollah and the Popular Mobilization Forces attacked "
            "Iraqi security forces near Mosul, while police and villagers fled the fighting. ")
    text = (para * 40)[:5000]
    found = actors.find(text)
    assert len(found) > 100
    assert all(text[m.span.start:m.span.end] == m.span.text for m in found)


# ------------------------------------------------------------------ properties

_WORDS = st.sampled_from(["the", "U.S.", "military", "Iraqi", "police", "IS", "Is", "Kata'ib", "Hezbollah", "’s",
                          "People's", "Defence", "Force", "al-Shabaab", "-", ",", ".", " ", "\n", "gunmen", "Russia",
                          "terrorist", "attack", "Shiite", "militia", "Syria’s", "National", "Defense", "Forces"])


@settings(max_examples=200, deadline=None)
@given(words=st.lists(_WORDS, max_size=30), seps=st.lists(st.sampled_from([" ", "", "\n", " - "]), max_size=30),
       cut=st.integers(min_value=0, max_value=40))
def test_spans_are_exact_ordered_and_inside_the_window(actors: ActorDictionary, words, seps, cut) -> None:
    text = "".join(w + (seps[i] if i < len(seps) else " ") for i, w in enumerate(words))
    start = min(cut, len(text))
    end = len(text) - min(cut, len(text) - start)
    found = actors.find(text, start, end)
    last = start
    for m in found:
        assert text[m.span.start:m.span.end] == m.span.text
        assert last <= m.span.start < m.span.end <= end
        last = m.span.end
    for c in actors.find_countries(text, start, end):
        assert text[c.span.start:c.span.end] == c.span.text and start <= c.span.start
