"""Geoparser: golden places, transliterations, recognition filters, unknown places, country lookups."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.annotate import Annotator
from wirewatch.geo import Geoparser
from wirewatch.geo.resolve import distance_km
from wirewatch.model import Article


@pytest.fixture(scope="module")
def geo() -> Geoparser:
    return Geoparser.load()


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


def places(geo: Geoparser, annotator: Annotator, text: str, **kw):
    return geo.find_places(annotator.annotate(Article(id="t", text=text, **kw)))


@pytest.mark.parametrize(("name", "cc", "lat", "lon", "km"), [
    ("Baghdad", "IQ", 33.34, 44.40, 10),
    ("Deir ez-Zor", "SY", 35.34, 40.14, 10),
    ("Bagram", "AF", 34.97, 69.28, 30),
    ("London Bridge", "GB", 51.51, -0.09, 5),
    ("London", "GB", 51.51, -0.13, 10),
    ("Manchester", "GB", 53.48, -2.24, 10),
    ("Boston", "US", 42.36, -71.06, 10),
    ("Jurf al-Sakhar", "IQ", 32.88, 44.17, 20),
    ("al-Tanf", "SY", 33.50, 38.66, 20),
])
def test_golden_places(geo: Geoparser, name: str, cc: str, lat: float, lon: float, km: float) -> None:
    loc = geo.resolve(name)
    assert loc is not None and loc.country_code == cc
    assert distance_km(lat, lon, loc.lat, loc.lon) < km


def test_baghdad_is_the_city_with_its_geonames_id(geo: Geoparser) -> None:
    loc = geo.resolve("Baghdad")
    assert loc is not None
    assert (loc.precision, loc.geonames_id, loc.admin1, loc.country) == ("city", 98182, "Baghdad", "Iraq")


@pytest.mark.parametrize("variant", ["Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour", "Deir Ezzor", "Deir ez Zor"])
def test_transliteration_variants_reach_deir_ez_zor(geo: Geoparser, variant: str) -> None:
    loc = geo.resolve(variant)
    assert loc is not None and loc.country_code == "SY"
    assert distance_km(35.34, 40.14, loc.lat, loc.lon) < 60


def test_province_suffix_gives_admin1(geo: Geoparser) -> None:
    loc = geo.resolve("Idlib province")
    assert loc is not None and loc.precision == "admin1" and loc.country_code == "SY"
    assert geo.resolve("Idlib").precision == "city"  # type: ignore[union-attr]


def test_state_qualifier_picks_the_right_quincy(geo: Geoparser) -> None:
    text = "He grew up in Quincy, Massachusetts, and later moved."
    start = text.index("Quincy")
    (loc,) = geo.resolve_mentions(text, [(start, start + 6)])
    assert loc is not None and loc.admin1 == "Massachusetts"
    text = "He grew up in Quincy, Ill., and later moved."
    (loc,) = geo.resolve_mentions(text, [(start, start + 6)])
    assert loc is not None and loc.admin1 == "Illinois"


def test_context_countries_change_the_choice(geo: Geoparser) -> None:
    assert geo.resolve("Alexandria").country_code == "EG"  # type: ignore[union-attr]
    assert geo.resolve("Alexandria", context_countries=("US",)).country_code == "US"  # type: ignore[union-attr]


def test_co_mentioned_places_resolve_each_other(geo: Geoparser) -> None:
    text = "Paris police and Henry County deputies met in Paris, near the Tennessee line."
    spans = [(text.index("Paris"), text.index("Paris") + 5), (17, 29), (text.index("Tennessee"), text.index("Tennessee") + 9)]
    paris, county, state = geo.resolve_mentions(text, spans)
    assert paris is not None and paris.admin1 == "Tennessee"
    assert county is not None and county.admin1 == "Tennessee"


def test_unknown_place_gives_none_with_a_reason(geo: Geoparser) -> None:
    assert geo.resolve("Qwxzyville") is None
    assert geo.resolve("") is None


def test_country_lookup_by_code_alpha3_and_name(geo: Geoparser) -> None:
    for value in ("IQ", "IRQ", "Iraq", "Republic of Iraq"):
        loc = geo.country(value)
        assert loc is not None and loc.country_code == "IQ" and loc.precision == "country"
    assert geo.country("Atlantis") is None


def test_find_places_spans_and_roles(geo: Geoparser, annotator: Annotator) -> None:
    text = "A drone struck near Jurf al-Sakhar, south of Baghdad, and Iraqi officials met in Idlib province."
    found = places(geo, annotator, text)
    for m in found:
        assert m.span.text == text[m.span.start:m.span.end]
    by_text = {m.span.text: m for m in found}
    assert by_text["Jurf al-Sakhar"].location.country_code == "IQ"  # type: ignore[union-attr]
    assert by_text["Baghdad"].location.geonames_id == 98182  # type: ignore[union-attr]
    assert by_text["Iraqi"].role == "adjective" and by_text["Iraqi"].location.precision == "country"  # type: ignore[union-attr]
    assert by_text["Idlib province"].location.precision == "admin1"  # type: ignore[union-attr]


def test_non_locational_uses_are_dropped(geo: Geoparser, annotator: Annotator) -> None:
    found = places(geo, annotator, "Washington said the Baghdad government had not been told.")
    assert [m.span.text for m in found] == []


def test_group_names_are_not_places(geo: Geoparser, annotator: Annotator) -> None:
    found = places(geo, annotator, "Militants of Harakat al Nujaba and Islamic State attacked a base in Deir ez-Zor.")
    assert [m.span.text for m in found] == ["Deir ez-Zor"]


def test_place_inside_event_name_is_kept_alone(geo: Geoparser, annotator: Annotator) -> None:
    found = places(geo, annotator, "Two bombs exploded near the Boston Marathon finish line on Monday.")
    assert [m.span.text for m in found] == ["Boston"]
    assert found[0].location.country_code == "US"  # type: ignore[union-attr]


def test_east_london_resolves_to_london(geo: Geoparser, annotator: Annotator) -> None:
    found = places(geo, annotator, "British police raided homes in east London after the attack.")
    london = [m for m in found if m.span.text == "London"]
    assert london and london[0].location.country_code == "GB"  # type: ignore[union-attr]


def test_dateline_role(geo: Geoparser, annotator: Annotator) -> None:
    text = "BAGHDAD (Reuters) - A rocket hit a base in Anbar on Thursday, officials in Baghdad said."
    found = places(geo, annotator, text, dateline_place="BAGHDAD")
    assert found[0].role == "dateline" and found[0].location.name == "Baghdad"  # type: ignore[union-attr]


def test_unresolvable_ner_place_has_reason(geo: Geoparser, annotator: Annotator) -> None:
    found = places(geo, annotator, "Fighting was reported in Qwxzyville, in northern Syria.")
    unknown = [m for m in found if m.location is None]
    assert all(m.reason for m in unknown)
    assert any(m.span.text == "Syria" and m.location is not None for m in found)


def test_armed_groups_and_agencies_are_not_places(geo: Geoparser, annotator: Annotator) -> None:
    text = "Hamas and the Taliban condemned the strike, Thomson Reuters reported from Kabul."
    found = [m.span.text for m in places(geo, annotator, text)]
    assert found == ["Kabul"]


def test_acronyms_are_not_towns(geo: Geoparser, annotator: Annotator) -> None:
    found = [m.span.text for m in places(geo, annotator, "The UN and FAO sent aid to the US and UK.")]
    assert found == ["US", "UK"]


def test_loose_matches_must_look_alike(geo: Geoparser) -> None:
    assert geo.resolve("Menoufia").country_code == "EG"  # type: ignore[union-attr]  (Al Minufiyah)
    assert geo.resolve("Kogelo") is None  # not a far-off transliteration of some other town
    assert geo.resolve("Caraorman") is None


WORDS = ["Baghdad", "al-Tanf", "Deir ez-Zor", "in", "near", "the", "Iraqi", "said", "Washington", "province",
         "Quincy,", "Mass.", "U.S.", "St.", "Louis", "—", "\n", "Smith", "May", "east", "London", "UN", "(AP)"]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=30))
def test_spans_always_point_into_the_text(geo: Geoparser, annotator: Annotator, words: list[str]) -> None:
    text = " ".join(words)
    for m in places(geo, annotator, text):
        assert m.span.text == text[m.span.start:m.span.end] and m.span.text.strip()
        assert (m.location is None) == (m.reason is not None)
        if m.location is not None:
            assert -90 <= m.location.lat <= 90 and -180 <= m.location.lon <= 180  # type: ignore[operator]


def test_a_country_qualifier_no_candidate_lies_in_leaves_the_town_unresolved(geo: Geoparser,
                                                                            annotator: Annotator) -> None:
    found = places(geo, annotator, "Gunmen attacked the village of Kuda, Nigeria, on Monday.")
    kuda = next(p for p in found if p.span.text == "Kuda")
    assert kuda.location is None and "in Nigeria" in (kuda.reason or "")  # not the Kuda in India
    found = places(geo, annotator, "A bomb exploded in Paris, Texas, on Monday.")
    paris = next(p for p in found if p.span.text == "Paris")
    assert paris.location is not None and paris.location.country_code == "US"


def test_common_nouns_of_a_longer_name_are_no_places(geo: Geoparser, annotator: Annotator) -> None:
    text = "Ministers met at Stormont Castle after bombs exploded in Belfast and near Oxford Street."
    found = {p.span.text: p.location for p in places(geo, annotator, text)}
    assert "Castle" not in found or found["Castle"] is None  # not Castile, New York
    assert found["Belfast"] is not None and found["Belfast"].country_code == "GB"
