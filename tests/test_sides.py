"""Casualties per side (issue #5): the victims a figure counts, the side of the event they belong to,
per-side low/best/high, and totals that do not move.  Sentences written for these tests."""

from __future__ import annotations

import pytest

from wirewatch.contract import to_contract, validation_errors
from wirewatch.extract.casualties import find_figures
from wirewatch.extract.claims import aggregate, by_side
from wirewatch.extract.sides import side_actor, side_of
from wirewatch.model import Actor, Claim, RawDocument, Span
from wirewatch.pipeline import process

HEAD = "Tuesday, 12 March 2024 10:00 AM GMT\n\n"


def _victims(sentence: str) -> list[tuple[int, str | None, list[tuple[int, str | None]]]]:
    return [(f.value, f.victims, [(p.value, p.victims) for p in f.parts])
            for f in find_figures(sentence, 0, len(sentence))]


@pytest.mark.parametrize("sentence, expected", [
    ("At least seven tribal fighters were killed in the raid.", [(7, "tribal fighters", [])]),
    ("Five of the gunmen died in the firefight.", [(5, "gunmen", [])]),
    ("Nine members of the brigade were wounded.", [(9, "members of the brigade", [])]),
    ("The ambush killed 14 policemen.", [(14, "policemen", [])]),
    ("Three soldiers were killed and eight others wounded.", [(3, "soldiers", []), (8, "others", [])]),
    ("Shelling killed 6 people in the town.", [(6, "people", [])]),
    ("The toll rose to 20.", [(20, None, [])]),
    # a list of groups is one figure, their sum, with the groups as its parts
    ("The bombing killed nine soldiers and four villagers.",
     [(13, None, [(9, "soldiers"), (4, "villagers")])]),
    ("Eleven militants and two civilians were killed.", [(13, None, [(11, "militants"), (2, "civilians")])]),
    # an "including" list breaks a figure down without adding to it
    ("The strike wounded 30 people, including five children and a woman.",
     [(30, "people", [(5, "children"), (1, "woman")])]),
    # a total before its groups is not a list: "12 people, four women and eight men"
    ("Police detained 12 people, four women and eight men, on Friday.", [(12, "people", [])]),
])
def test_victim_phrases(sentence: str, expected: list) -> None:
    assert _victims(sentence) == expected


def _actor(name: str, role: str, kind: str) -> Actor:
    return Actor(name, role, kind)  # type: ignore[arg-type]


MILITIA_ON_ARMY = (_actor("Unidentified Armed Group (Mali)", "initiator", "political_militia"),
                   _actor("Military Forces of Mali", "target", "state_forces"))


@pytest.mark.parametrize("victims, side", [
    ("soldiers", "target"),  # the kind of exactly one side
    ("militants", "initiator"),
    ("gunmen", "initiator"),
    ("assailants", "initiator"),  # the attackers themselves
    ("villagers", "civilians"),
    ("schoolchildren", "civilians"),
    ("people", None),  # says nothing of whose dead
    ("others", None),
    ("men", None),
    ("Americans", None),  # a nationality is no side
    (None, None),
])
def test_side_of_victims(resources, victims: str | None, side: str | None) -> None:
    assert side_of(victims, MILITIA_ON_ARMY, resources.actors, "ML", None) == side


def test_a_kind_both_sides_share_is_unclear(resources) -> None:
    militias = (_actor("Militia A", "initiator", "political_militia"), _actor("Militia B", "target", "identity_militia"))
    assert side_of("fighters", militias, resources.actors, "NG", None) is None


def _claim(field: str, value: int, order: int, side: str | None, victims: str | None = None,
           partial: bool = False) -> Claim:
    return Claim(field, value, Span(order, order + 1, "x"), order=order, side=side, victims=victims, partial=partial)


def test_groups_do_not_change_totals_and_add_up_per_side() -> None:
    # "killing nine soldiers, four policemen and two farmers": one figure of 15 and its three groups
    claims = (_claim("fatalities", 15, 10, None), _claim("fatalities", 9, 10, "target", "soldiers", True),
              _claim("fatalities", 4, 10, "target", "policemen", True),
              _claim("fatalities", 2, 10, "civilians", "farmers", True))
    total = aggregate(claims, "fatalities")
    assert total is not None and (total.low, total.best, total.high) == (15, 15, 15)
    sides = {(s, f): (r.low, r.best, r.high) for s, f, r in by_side(claims)}
    assert sides == {("target", "fatalities"): (13, 13, 13), ("civilians", "fatalities"): (2, 2, 2)}


def test_side_actor_prefers_the_class_the_other_side_lacks() -> None:
    actors = (_actor("Islamic State", "initiator", "rebel_group"), _actor("Police Forces of Iraq", "target", "state_forces"),
              _actor("Unidentified Armed Group (Iraq)", "target", "political_militia"),
              _actor("Civilians (Iraq)", "target", "civilians"))
    assert side_actor("target", actors) == "Police Forces of Iraq"
    assert side_actor("initiator", actors) == "Islamic State"
    assert side_actor("civilians", actors) == "Civilians (Iraq)"


def _event(resources, body: str) -> dict:
    x = process(RawDocument(source="test.txt", content="Headline\n\n" + HEAD + body, kind="text"), resources)
    assert not x.failures, x.failures
    doc = to_contract(x)
    violent = [e for e in doc["events"] if e["fatalities"] or e["injured"]]
    assert violent, doc["events"]
    return violent[0]


def _by_side(event: dict) -> dict[tuple[str, str], tuple[str | None, int]]:
    return {(r["side"], r["field"]): (r["actor"], r["best"]) for r in event["casualties_by_side"]}


def test_one_side_only(resources) -> None:
    e = _event(resources, "Jihadist fighters ambushed an army convoy near the town of Gao on Monday, "
                          "killing 17 soldiers, the army said.")
    assert e["fatalities"]["best"] == 17
    assert _by_side(e) == {("target", "fatalities"): ("Military Forces of Mali (2021-)", 17)}
    assert [(c["victims"], c["side"]) for c in e["claims"]] == [("soldiers", "target")]


def test_two_sides_in_one_sentence(resources) -> None:
    e = _event(resources, "Gunmen attacked a police post in the town of Kirkuk on Monday, killing eight policemen "
                          "and two passers-by, officials said.")
    assert e["fatalities"] == {"low": 10, "best": 10, "high": 10}  # the list adds up; its groups do not add again
    sides = _by_side(e)
    assert sides[("target", "fatalities")][1] == 8
    assert sides[("civilians", "fatalities")][1] == 2


def test_attackers_among_the_dead(resources) -> None:
    e = _event(resources, "Militants attacked an army base in the town of Diffa on Monday, killing five soldiers, "
                          "the army said. Three of the attackers were also killed, it said.")
    sides = _by_side(e)
    assert sides[("target", "fatalities")][1] == 5
    assert sides[("initiator", "fatalities")][1] == 3
    assert e["fatalities"]["best"] == 5  # totals keep their rule: the largest figure stated


def test_unclear_victims_have_no_side(resources) -> None:
    e = _event(resources, "A car bomb exploded at a busy market in the town of Baidoa on Monday, killing nine people, "
                          "police said.")
    assert e["fatalities"]["best"] == 9
    assert [c["side"] for c in e["claims"]] == [None]
    assert e["casualties_by_side"] == []


def test_output_still_validates(resources, shared) -> None:
    x = process(RawDocument(source="test.txt", content="Headline\n\n" + HEAD + "Gunmen attacked a police post in the "
                            "town of Kirkuk on Monday, killing eight policemen and two passers-by.", kind="text"),
                resources)
    assert validation_errors(to_contract(x)) == []


def _stored_doc(resources) -> dict:
    x = process(RawDocument(source="sides.txt", content="Headline\n\n" + HEAD + "Gunmen attacked a police post in the "
                            "town of Kirkuk on Monday, killing eight policemen and two passers-by.", kind="text"),
                resources)
    return to_contract(x)


def test_store_round_trip_and_event_page(resources, tmp_path) -> None:
    from fastapi.testclient import TestClient

    from wirewatch.store import open_store
    from wirewatch.web.app import WebSettings, create_app

    doc = _stored_doc(resources)
    event = next(e for e in doc["events"] if e["casualties_by_side"])
    path = str(tmp_path / "sides.sqlite")
    with open_store(path) as s:
        s.upsert_extraction(doc)
        stored = s.get_event(event["id"])
    assert stored is not None
    assert [(c["victims"], c["side"]) for c in stored["claims"]] == [(c["victims"], c["side"]) for c in event["claims"]]
    assert stored["casualties_by_side"] == event["casualties_by_side"]
    # the side shows in the event page's claims table, escaped like every other field
    event["claims"][0]["victims"] = "<script>alert(1)</script>"
    with open_store(path) as s:
        s.upsert_extraction(doc)
    with TestClient(create_app(WebSettings(db_url=path))) as client:
        page = client.get(f"/events/{event['id']}", headers={"accept": "text/html"}).text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<td class="side">target</td>' in page and '<td class="side">civilians</td>' in page
    assert 'By side' in page


def test_attackers_killed_by_the_state_are_its_targets(resources) -> None:
    police_on_bombers = (_actor("Police Forces of Iraq", "initiator", "state_forces"),
                         _actor("Islamic State", "target", "rebel_group"))
    assert side_of("bombers", police_on_bombers, resources.actors, "IQ", None) == "target"
    militias = (_actor("Militia A", "initiator", "political_militia"), _actor("Militia B", "target", "identity_militia"))
    assert side_of("attackers", militias, resources.actors, "NG", None) == "initiator"


def test_postgres_round_trip(resources) -> None:
    """The same columns in PostgreSQL (skips when no server can start, as tests/test_store_postgres.py)."""
    pytest.importorskip("psycopg", reason="the PostgreSQL backend needs psycopg (the `scale` extra)")
    import os

    import psycopg

    from wirewatch.errors import ConfigError
    from wirewatch.scale import pgserver
    from wirewatch.store import open_store

    admin, server = os.environ.get("WIREWATCH_TEST_PG"), None
    if not admin:
        try:
            server = pgserver.start()
        except ConfigError as exc:
            pytest.skip(f"no PostgreSQL: $WIREWATCH_TEST_PG is unset and a throwaway server did not start ({exc})")
        admin = server.url
    name = f"wirewatch_sides_{os.getpid()}"
    try:
        pgserver.create_database(admin, name)
        doc = _stored_doc(resources)
        event = next(e for e in doc["events"] if e["casualties_by_side"])
        with open_store(f"{admin.rpartition('/')[0]}/{name}") as s:
            s.upsert_extraction(doc)
            stored = s.get_event(event["id"])
        assert stored is not None
        assert [(c["victims"], c["side"]) for c in stored["claims"]] == [(c["victims"], c["side"]) for c in event["claims"]]
        assert stored["casualties_by_side"] == event["casualties_by_side"]
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if server is not None:
            pgserver.stop(server)
