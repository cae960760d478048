"""Conflict copy names villages the gazetteer does not know. Such a name must not become a namesake abroad:
another language's name of a far town (Boni is Bonn in some language), a loose spelling of one (al-Garma ~
Grarem, Algeria), the first word of a compound (Pul-e-Sokhta, Wadi al-Shay, Thayet Kone village). A town
across the border from the places the article names stays (Nahariya, shelled from southern Lebanon)."""

from __future__ import annotations

from wirewatch.model import RawDocument


def _extract(resources, text: str, published: str = "2024-06-10"):
    from wirewatch.contract import to_contract
    from wirewatch.pipeline import process

    x = process(RawDocument(source="f.jsonl", content=text, kind="record", id="f", published=published), resources)
    return to_contract(x)


def _countries(c) -> set[str]:
    return {p["country_code"] for p in c["places"] if p.get("country_code")} | {
        e["location"]["country_code"] for e in c["events"] if (e.get("location") or {}).get("country_code")}


def test_another_languages_name_of_a_far_town_is_no_place_in_a_story_set_elsewhere(resources):
    c = _extract(resources, "Militants ambushed an army supply column near Boni on Saturday, killing 12 soldiers, "
                            "two officials in Douentza said. The trucks had set out from Mopti a day earlier.")
    assert "DE" not in _countries(c)
    boni = next(p for p in c["places"] if p["text"] == "Boni")
    assert boni["name"] is None and "another name of Bonn" in boni["reason"]
    assert {e["location"]["country_code"] for e in c["events"] if e.get("location")} == {"ML"}


def test_a_place_the_text_puts_after_in_is_a_place_though_a_speech_verb_follows(resources):
    c = _extract(resources, "Gunmen burned a market near the town on Friday, two officials in Douentza said.")
    assert [p["name"] for p in c["places"] if p["text"] == "Douentza"] == ["Douentza"]


def test_a_loose_spelling_of_a_town_abroad_is_no_place_beside_places_of_the_story(resources):
    c = _extract(resources, "Security forces detained six suspected Islamic State members in a raid on a farm near "
                            "al-Garma, east of Fallujah, on Monday, the interior ministry said.", "2025-03-10")
    assert "DZ" not in _countries(c)
    assert all(e["location"]["country_code"] == "IQ" for e in c["events"] if e.get("location"))


def test_a_town_across_the_border_from_the_named_places_stays(resources):
    c = _extract(resources, "On 4 March, Hezbollah launched rockets from near Aitaroun in southern Lebanon at "
                            "Nahariya, damaging two houses. 0 fatalities.", "2024-03-06")
    assert any(p["country_code"] == "IL" for p in c["places"] if p["text"] == "Nahariya")


def test_the_first_word_of_a_compound_name_is_not_a_town(resources):
    c = _extract(resources, "A suicide bomber blew himself up at a checkpoint by the Pul-e-Sokhta bridge in western "
                            "Kabul on Tuesday, killing three people, police said.", "2024-10-08")
    assert not any(p["text"] == "Pul" for p in c["places"])
    assert _countries(c) == {"AF"}


def test_a_name_continued_by_an_arabic_article_is_a_longer_name(resources):
    c = _extract(resources, "Militants attacked an army post near Wadi al-Shay in Kirkuk province overnight, killing "
                            "three soldiers, a security official said.", "2024-12-04")
    assert "IN" not in _countries(c)
    (event,) = [e for e in c["events"] if e["status"] == "occurred"]
    assert event["location"]["country_code"] == "IQ"


def test_a_village_name_of_two_words_is_not_its_last_word(resources):
    c = _extract(resources, "Pupils in Thayet Kone village returned to class on Friday, ten days after an air strike "
                            "destroyed their school.", "2024-12-20")
    assert not any(p["name"] == "Koné" for p in c["places"])
    assert any(p["text"] == "Thayet Kone" and p["name"] is None for p in c["places"])
