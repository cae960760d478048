"""Article tags: the golden articles' tags come from the text alone (page chrome removed)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch.extract.actors import ActorDictionary
from wirewatch.extract.tags import MAX_TAGS, infer_tags, slug
from wirewatch.model import Actor, Article, Event, EventDate, Location, PlaceMention, Span

GOLDEN = ["baghdad-strike-2024-01-04", "bagram-suicide-bombing-2015-12-21", "boston-bomb-probe-plea-2014-06-04",
          "deir-ez-zor-roadside-ied", "london-attack-security-services-2017-06-05"]


@pytest.fixture(scope="session")
def annotator():
    from wirewatch.annotate import Annotator

    return Annotator()


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


def annotate(annotator, body: str, title: str | None = None, given: tuple[str, ...] = ()):
    return annotator.annotate(Article(id="t", text=body, title=title, given_tags=given))


def golden_without_chrome(shared: Path, name: str) -> tuple[str | None, str, list[str]]:
    """The golden text with its page chrome lines removed; the headline apart when it has one."""
    from wirewatch.evaluate.golden import strip_chrome

    expected = json.loads((shared / "golden" / f"{name}.expected.json").read_text(encoding="utf-8"))
    text = strip_chrome((shared / "golden" / f"{name}.txt").read_text(encoding="utf-8")).strip()
    title = expected["article"].get("title")
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:
        return title, rest.strip(), expected["article"]["tags_include"]
    return None, text, expected["article"]["tags_include"]


@pytest.mark.shared
@pytest.mark.parametrize("name", GOLDEN)
def test_golden_tags_from_text_alone(shared, annotator, actors, name) -> None:
    title, body, wanted = golden_without_chrome(shared, name)
    assert "Tags:" not in body
    tags = infer_tags(annotate(annotator, body, title), (), (), actors)
    assert set(wanted) <= set(tags), tags
    assert len(tags) <= MAX_TAGS and len(set(tags)) == len(tags)
    assert all(t == t.lower() for t in tags)


@pytest.fixture(scope="module")
def geoparser():
    try:
        from wirewatch.geo import Geoparser
    except ImportError:
        pytest.skip("wirewatch.geo.Geoparser is not available")
    return Geoparser.load()


@pytest.mark.shared
@pytest.mark.parametrize("name", GOLDEN)
def test_golden_tags_with_geoparser_places(shared, annotator, actors, geoparser, name) -> None:
    title, body, wanted = golden_without_chrome(shared, name)
    ann = annotate(annotator, body, title)
    tags = infer_tags(ann, geoparser.find_places(ann), (), actors)
    assert set(wanted) <= set(tags), tags


@pytest.mark.shared
def test_baghdad_without_tags_line_yields_the_seed_tags(shared, annotator, actors) -> None:
    title, body, _ = golden_without_chrome(shared, "baghdad-strike-2024-01-04")
    tags = infer_tags(annotate(annotator, body, title), (), (), actors)
    assert {"us", "military", "baghdad", "airstrike"} <= set(tags)
    assert "iraq" in tags


def test_given_tags_come_first_in_lower_case(annotator, actors) -> None:
    ann = annotate(annotator, "Protesters marched in Nairobi on Tuesday. Police fired tear gas at the protesters.",
                   "Kenya protest", given=("Kenya", "Finance Bill", "kenya"))
    tags = infer_tags(ann, (), (), actors)
    assert tags[:2] == ("kenya", "finance bill")
    assert "protest" in tags
    assert tags.count("kenya") == 1


def test_places_and_events_add_tags(annotator, actors) -> None:
    body = "A car bomb exploded near a market on Monday, officials said. Several people were killed."
    ann = annotate(annotator, body, "Blast kills several")
    loc = Location("Mosul", "IQ", 36.34, 43.13, "city")
    event = Event("e1", "occurred", "Explosions/Remote violence", "Remote explosive/landmine/IED", "183", "ASSAULT",
                  "explosives", EventDate(date(2024, 1, 1), date(2024, 1, 1), "day"), loc,
                  (Actor("Islamic State", "initiator", "rebel_group", None, None, "islamic-state"),),
                  None, None, (), (), None, (), 0.9)
    without = infer_tags(ann, (), (), actors)
    assert "mosul" not in without and "iraq" not in without
    tags = infer_tags(ann, (), (event,), actors)
    assert {"ied", "iraq", "mosul"} <= set(tags)
    assert "islamic-state" not in tags  # one mention through an event is not enough salience


def test_contradicted_places_are_ignored(annotator, actors) -> None:
    body = ("Defense attorney Edward Hayden said the plan was sound. IS fighters and NATO troops were "
            "nowhere near the court, Edward Hayden said.")
    ann = annotate(annotator, body, "Lawyer speaks")

    def mention(surface: str, name: str) -> PlaceMention:
        start = body.index(surface)
        return PlaceMention(Span(start, start + len(surface), surface), Location(name, "US", 0.0, 0.0, "city"), "t")

    wrong = (mention("Hayden", "Mesa"), mention("IS", "Is"), mention("NATO", "Nato"))
    tags = infer_tags(ann, wrong * 2, (), actors)
    assert not {"hayden", "mesa", "is"} & set(tags)  # "nato" may still come as the actor's tag


def test_place_tags_use_the_article_spelling(annotator, actors) -> None:
    body = "A drone strike hit a market in Ethiopia's Amhara region. Amhara has been cut off for weeks."
    ann = annotate(annotator, body, "Strike in Amhara")
    found = [PlaceMention(Span(m, m + 6, "Amhara"), Location("Amara", "ET", 11.5, 38.5, "admin1"), "t")
             for m in (body.index("Amhara"), body.rindex("Amhara"))]
    tags = infer_tags(ann, found, (), actors)
    assert "amhara" in tags and "amara" not in tags and "ethiopia" in tags


def test_region_words_name_places_without_a_geoparser(annotator, actors) -> None:
    body = ("Gunmen killed 12 villagers in Congo's Ituri province, officials said. Attacks in Ituri province "
            "and in Borno state have risen, while Islamic State fighters moved across the United States border.")
    tags = infer_tags(annotate(annotator, body, "Attack in Ituri"), (), (), actors)
    assert "ituri" in tags
    assert "islamic" not in tags and "united" not in tags


def test_territories_are_places_and_countries(annotator, actors) -> None:
    body = "Israeli settlers torched cars in a West Bank village. Violence in the West Bank has risen."
    tags = infer_tags(annotate(annotator, body, "Settlers attack West Bank village"), (), (), actors)
    assert {"west-bank", "palestine", "israel"} <= set(tags)


def test_non_conflict_story_has_no_event_tags(annotator, actors) -> None:
    body = ("The city council approved a new budget for schools and parks on Tuesday. "
            "The mayor said libraries would open longer on weekends.")
    tags = infer_tags(annotate(annotator, body, "Council passes budget"), (), (), actors)
    assert not {"airstrike", "ied", "shelling", "clash", "military", "terrorism"} & set(tags)


def test_country_scheme_and_demonyms(annotator, actors) -> None:
    body = ("British and American officials met Iraqi leaders. The British delegation flew on to Britain. "
            "American diplomats stayed in Baghdad.")
    tags = infer_tags(annotate(annotator, body, "Talks in Baghdad"), (), (), actors)
    assert {"britain", "us", "iraq"} <= set(tags)
    assert "united-kingdom" not in tags and "uk" not in tags


def test_cap_and_empty_text(annotator, actors) -> None:
    assert infer_tags(annotate(annotator, "", None), (), (), actors) == ()
    crowded = " ".join(f"{c} troops clashed with rebels in the capital." for c in
                       ["Iraqi", "Syrian", "Russian", "Turkish", "Iranian", "Malian", "Sudanese", "Somali"])
    tags = infer_tags(annotate(annotator, crowded, "Clashes everywhere"), (), (), actors)
    assert len(tags) <= MAX_TAGS


def test_slug() -> None:
    assert slug("Deir ez-Zor") == "deir-ez-zor"
    assert slug("Bagrām") == "bagram"
    assert slug("Nujaba'a") == "nujabaa"


_TAG_WORDS = ["Iraqi", "police", "Baghdad", "protest", "airstrike", "court", "Taliban", "the", "U.S.", "military",
              "IS", "Is", "Borno state", "Gaza", "-", ",", ".", "\n\n", "ÉCOLE", "İstanbul", "Tags:", "×"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(_TAG_WORDS), max_size=40), title=st.sampled_from(["", "US strike", "ISIS"]),
       given_tags=st.lists(st.sampled_from(["Iraq", "US ", "iraq", "Ünïcode"]), max_size=3))
def test_tags_are_lower_case_unique_and_capped(annotator, actors, words, title, given_tags) -> None:
    ann = annotate(annotator, " ".join(words), title or None, tuple(given_tags))
    tags = infer_tags(ann, (), (), actors)
    assert len(tags) == len(set(tags))
    assert all(t and not any("A" <= ch <= "Z" for ch in t) for t in tags)
    assert len(tags) <= max(MAX_TAGS, len(given_tags))
