"""Event evaluations (``wikievents``, ``muc4``, ``ucdp``): matching rules, scoring, and small real runs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from wirewatch.evaluate import EVALUATORS, get
from wirewatch.evaluate.events_eval import Counts, event_family, filler_match, head, prf, score_fillers, words
from wirewatch.evaluate.muc_eval import predicted_fillers as muc_fillers
from wirewatch.evaluate.muc_eval import unwrap
from wirewatch.evaluate.truecase import truecase
from wirewatch.evaluate.ucdp_eval import (
    GoldRow,
    Record,
    date_ok,
    fatality_checks,
    is_story_headline,
    km,
    location_ok,
    main_event,
    predicted_sides,
    score,
    side_kind,
)
from wirewatch.evaluate.wikievents_eval import (
    GoldEvent,
    WikiDoc,
    argument_counts,
    detection_counts,
    gold_fillers,
    locate_sentences,
    predicted_fillers,
)
from wirewatch.evaluate.wikievents_eval import predicted_fillers as wiki_fillers

# ---------------------------------------------------------------- heads and the match rule


def test_head_is_last_content_word_before_a_complement() -> None:
    assert head("members of the FMLN") == "member"
    assert head("The Taliban") == "taliban"
    assert head("a roadside IED") == "ied"
    assert head("FOUR POWERFUL ROCKETS") == "rocket"
    assert head("the") is None
    assert head("IS") == "is" and head("IS attacks") == "attack" and filler_match("IS", "IS")
    assert words("Russia's army (regular)") == ["russia", "army"]


@pytest.mark.parametrize("pred,gold,ok", [
    ("guerrillas", "GUERRILLAS", True),             # same head, case and number aside
    ("FMLN", "FMLN", True),
    ("car bomb", "BOMB", True),                     # same head
    ("bomb", "DYNAMITE AND GRENADE", False),
    ("Shining Path", "SHINING PATH MEMBERS", True),  # containment of content words
    ("police station", "STATION WAGON", False),     # different heads, neither contains the other
    ("the", "THE ARMY", False),                     # no content word
])
def test_filler_match(pred: str, gold: str, ok: bool) -> None:
    assert filler_match(pred, gold) is ok


def test_score_fillers_perfect_empty_and_one_to_one() -> None:
    gold = [["SHINING PATH MEMBERS", "TERRORISTS"], ["BOMB"], ["LUIS MORALES"]]
    perfect = score_fillers(["Shining Path members", "bomb", "Luis Morales"], gold)
    assert perfect.metrics()["precision"] == 1.0 and perfect.metrics()["recall"] == 1.0
    empty = score_fillers([], gold)
    assert (empty.pred, empty.gold, empty.metrics()["f1"]) == (0, 3, 0.0)
    # two predictions with one head count once; one gold entity is matched once
    dup = score_fillers(["terrorists", "the terrorists", "rebels"], gold)
    assert (dup.pred, dup.tp_gold) == (2, 1)
    # a prediction given as alternatives matches through any of them
    alt = score_fillers([("the province", "Helmand", "Afghanistan")], [["Afghanistan"]])
    assert alt.tp_gold == 1


def test_prf_and_counts() -> None:
    assert prf(0, 0, 0, 0)["f1"] == 0.0
    c = Counts(1, 1, 2, 4)
    c.add(Counts(1, 1, 2, 0))
    m = c.metrics()
    assert (m["precision"], m["recall"]) == (0.5, 0.5)


def test_event_family() -> None:
    assert event_family({"plover": {"type": "ASSAULT"}}) == "violence"
    assert event_family({"event_type": "Explosions/Remote violence", "plover": None}) == "violence"
    assert event_family({"sub_event_type": "Arrests", "plover": {"type": "COERCE"}}) == "arrest"
    assert event_family({"plover": {"type": "PROTEST"}}) == "protest"
    assert event_family({"plover": {"type": "AGREE"}}) is None


# ---------------------------------------------------------------- WikiEvents

SENTS = ("Gunmen attacked a checkpoint in Kabul.", "Two soldiers were killed.", "Talks resumed on Monday.")
DOC = WikiDoc("d1", SENTS, (
    GoldEvent("Conflict.Attack.Unspecified", "violence", 0, "attacked",
              (("Attacker", "Gunmen"), ("Target", "checkpoint"), ("Place", "Kabul"))),
    GoldEvent("Life.Die.Unspecified", "violence", 1, "killed", (("Victim", "soldiers"),)),
))


def _event(start: int, end: int, actors: list[dict[str, Any]], place: str | None = None) -> dict[str, Any]:
    text = " ".join(SENTS)
    return {"plover": {"type": "ASSAULT"}, "event_type": "Battles", "status": "occurred",
            "evidence": [{"start": start, "end": end, "text": text[start:end]}], "actors": actors, "targets": [],
            "location": {"name": place} if place else None, "location_span": place}


def test_wikievents_perfect_and_empty_predictions() -> None:
    text = " ".join(SENTS)
    sents = locate_sentences(SENTS, text)
    assert sents[1] == (text.index("Two"), text.index("Two") + len(SENTS[1]))
    perfect = [_event(0, len(text) - len(SENTS[2]) - 1,
                      [{"role": "initiator", "span": "Gunmen"}, {"role": "target", "span": "checkpoint"},
                       {"role": "target", "span": "two soldiers"}], "Kabul")]
    det = detection_counts(DOC, perfect, sents)["violence"].metrics()
    assert (det["precision"], det["recall"]) == (1.0, 1.0)
    gold, pred = gold_fillers(DOC), predicted_fillers(perfect)
    for slot in ("attacker", "target", "place"):
        assert score_fillers(pred[slot], gold[slot]).metrics()["f1"] == 1.0
    none = detection_counts(DOC, [], sents)["violence"]
    assert (none.pred, none.gold, none.tp_gold) == (0, 2, 0)
    # an event whose evidence is the talks sentence is wrong, and finds nothing
    wrong = detection_counts(DOC, [_event(text.index("Talks"), len(text), [])], sents)["violence"]
    assert (wrong.pred, wrong.tp_pred, wrong.tp_gold) == (1, 0, 0)


def test_coreference_aware_gold_fillers() -> None:
    doc = WikiDoc("d2", SENTS, (
        GoldEvent("Life.Die.Unspecified", "violence", 1, "killed", (("Victim", "general"), ("Killer", "IS")),
                  ("T1", "T2")),
        GoldEvent("Conflict.Attack.Unspecified", "violence", 1, "attack", (("Target", "Gladkikh"),), ("T3",))),
        {"T1": ("c0", ("general", "Gladkikh")), "T3": ("c0", ("general", "Gladkikh"))})
    assert gold_fillers(doc)["target"] == [["general"], ["Gladkikh"]]
    assert gold_fillers(doc, coref=True)["target"] == [["general", "Gladkikh"]]
    assert gold_fillers(doc, coref=True)["attacker"] == [["IS"]]  # outside every cluster: alone
    pred = {"attacker": [], "target": ["Vyacheslav Gladkikh"], "place": []}
    got = argument_counts(doc, pred, coref=True)
    assert (got["target"].tp_gold, got["target"].gold, got["all"].gold) == (1, 1, 2)


def test_actor_with_no_words_is_not_a_filler() -> None:
    pred = predicted_fillers([_event(0, 10, [{"role": "initiator", "span": None, "name": "Unidentified Armed Group"}])])
    assert pred["attacker"] == []


# ---------------------------------------------------------------- MUC-4


def test_unwrap_and_truecase() -> None:
    raw = "GUERRILLAS OF THE FARABUNDO MARTI NATIONAL LIBERATION\nFRONT (FMLN) ATTACKED A POST IN SAN SALVADOR.\n\n   THE FMLN DENIED IT."
    text = unwrap(raw)
    assert text.count("\n\n") == 1 and "LIBERATION FRONT" in text
    cased = truecase(text)
    assert len(cased) == len(text)
    assert cased.startswith("Guerrillas of the") and "(FMLN) attacked" in cased and "San Salvador" in cased
    assert "The FMLN denied it." in cased
    assert truecase("Mixed case stays as it is.") == "Mixed case stays as it is."


def test_muc_fillers_by_role() -> None:
    events = [{"plover": {"type": "ASSAULT"}, "actors": [
        {"role": "initiator", "span": "Shining Path", "dictionary": True},
        {"role": "initiator", "span": "FMLN guerrillas", "dictionary": True},
        {"role": "initiator", "span": "unidentified individuals", "dictionary": False},
        {"role": "target", "span": "Luis Morales", "dictionary": False},
        {"role": "initiator", "span": None, "dictionary": True}],
        "targets": ["substation"], "weapons": ["bomb"]},
        {"plover": {"type": "AGREE"}, "actors": [{"role": "initiator", "span": "FARC"}], "targets": [], "weapons": []}]
    got = muc_fillers(events)
    assert got["perp_organization_id"] == ["Shining Path", "FMLN guerrillas"]
    assert got["perp_individual_id"] == ["FMLN guerrillas", "unidentified individuals"]
    assert got["hum_tgt_name"] == ["Luis Morales"]  # a name; a description would not count
    titled = [{"plover": {"type": "ASSAULT"}, "targets": [], "weapons": [], "actors": [
        {"role": "target", "span": "police commander Colonel Waldemar Quintero", "dictionary": True},
        {"role": "target", "span": "Treasury Police", "dictionary": True}]}]
    assert muc_fillers(titled)["hum_tgt_name"] == ["police commander Colonel Waldemar Quintero"]
    assert (got["phys_tgt_id"], got["incident_instrument_id"]) == (["substation"], ["bomb"])


def test_casualty_victims_are_target_fillers() -> None:
    claims = [{"field": "fatalities", "value": 6, "victims": "policemen", "side": "target"},
              {"field": "fatalities", "value": 2, "victims": "attackers", "side": "initiator"},
              {"field": "arrested", "value": 3, "victims": "suspects", "side": None},
              {"field": "injured", "value": 4, "victims": None, "side": None}]
    events = [{"plover": {"type": "ASSAULT"}, "actors": [], "targets": [], "weapons": [], "claims": claims}]
    assert muc_fillers(events)["hum_tgt_name"] == []  # the role holds names, not descriptions
    claims[0]["victims"] = "Mayor Luis Morales"
    assert muc_fillers(events)["hum_tgt_name"] == ["Mayor Luis Morales"]  # dead attackers are no human target
    # KAIROS victims include dead attackers, and a count with no noun is marked on its number ("injuring 4")
    assert wiki_fillers(events)["target"] == ["Mayor Luis Morales", "attackers", "4"]


# ---------------------------------------------------------------- UCDP

ROW = GoldRow("1", date(2014, 6, 5), date(2014, 6, 5), 34.1966, 43.8739, frozenset({"state", "nonstate"}), 3, 3, 4)


def test_ucdp_checks() -> None:
    assert side_kind("Government of Iraq") == "state" and side_kind("Civilians") == "civilians"
    assert side_kind("IS") == "nonstate"
    assert km(34.0, 43.0, 34.0, 43.0) == 0.0 and 100 < km(34.0, 43.0, 35.0, 43.0) < 112
    ev = {"plover": {"type": "ASSAULT"}, "status": "occurred", "confidence": 0.5,
          "date": {"start": "2014-06-06", "end": "2014-06-06"}, "location": {"lat": 34.3, "lon": 43.9},
          "actors": [{"kind": "state_forces"}, {"kind": "unknown"}], "fatalities": {"best": 3}}
    assert not date_ok(ev, (ROW,)) and date_ok(ev, (ROW,), 1)
    assert location_ok(ev, (ROW,)) and not location_ok(ev | {"location": {"lat": 36.0, "lon": 43.9}}, (ROW,))
    assert predicted_sides(ev) == {"state"}
    checks = fatality_checks(ev, (ROW, ROW))
    assert checks["reported"] and checks["exact_any_row"] and not checks["exact_story"]
    assert checks["within_story_range"] is False  # the story range is the sums over rows: 6..8
    assert main_event([ev | {"status": "background", "confidence": 0.9}, ev])["status"] == "occurred"
    assert main_event([]) is None and fatality_checks(None, (ROW,))["reported"] is False


def test_story_headlines_and_score() -> None:
    assert is_story_headline("Militants attack Iraq's Samarra, sparking heavy fighting")
    assert not is_story_headline("April 2nd 2017: (I468) Yarmouk neighborhood, West Mosul, Nineveh province, Iraq")
    assert not is_story_headline("October 5th, 2014: Hit, Anbar province, Iraq")
    assert not is_story_headline("Iraq: Programme summary of Gali Kurdistan Satellite TV news 0800 gmt 22 Jun 14")
    assert not is_story_headline("afp")
    rec = Record("r1", "Clashes kill 3 in Samarra", "2014-06-05", (ROW,))
    ev = {"plover": {"type": "ASSAULT"}, "status": "occurred", "confidence": 0.5,
          "date": {"start": "2014-06-05", "end": "2014-06-05"}, "location": {"lat": 34.2, "lon": 43.87},
          "actors": [{"kind": "state_forces"}, {"kind": "rebel_group"}], "fatalities": {"best": 3}}
    perfect = score([rec], {"r1": {"events": [ev]}})
    assert (perfect["event_found"], perfect["date"], perfect["location_50km"], perfect["sides"]["f1"]) == (1, 1, 1, 1)
    assert perfect["fatalities"]["exact_story"] == 1.0
    empty = score([rec], {"r1": {"events": []}})
    assert (empty["event_found"], empty["date_1day"], empty["sides"]["recall"], empty["fatalities"]["reported"]) == (
        0, 0, 0, 0)


# ---------------------------------------------------------------- small real runs


def _leaves(value: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, f"{path}.{k}" if path else k)]
    return [(path, value)]


RATE_KEYS = ("precision", "recall", "f1", "date", "date_1day", "location_50km", "event_found", "reported",
             "exact_story", "within_story_range", "exact_any_row", "as_explosions_remote_violence")


@pytest.mark.parametrize("name,limit,keys", [
    ("wikievents", 1, ("detection.f1", "arguments.f1", "arguments.attacker.f1", "arguments.place.f1")),
    ("muc4", 2, ("dev.macro.f1", "dev.roles.hum_tgt_name.f1", "dev_uppercase.macro.f1", "train.micro.f1")),
    ("ucdp", 15, ("event_found", "date_1day", "location_50km", "sides.f1", "fatalities.reported")),
])
def test_evaluator_runs_the_pipeline(name: str, limit: int, keys: tuple[str, ...], shared: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # a real run into an empty extraction cache (the gazetteer keeps its own cache)
    monkeypatch.setattr("wirewatch.evaluate.events_eval.cache_dir", lambda: tmp_path)
    assert name in EVALUATORS
    result = get(name)(shared, limit)
    assert result["command"].startswith(f"wirewatch eval {name}")
    leaves = dict(_leaves(result))
    for key in keys:
        assert isinstance(leaves[key], float), key
    for path, value in leaves.items():
        if path.split(".")[-1] in RATE_KEYS:
            assert 0.0 <= value <= 1.0, (path, value)
    assert any(p.endswith(".json") for p in map(str, (tmp_path / "eval").rglob("*")))


def test_a_dictionary_actor_also_fills_by_its_canonical_name() -> None:
    from wirewatch.evaluate.events_eval import actor_filler, score_fillers

    fmln = {"span": "FMLN", "name": "Farabundo Marti National Liberation Front (El Salvador)", "dictionary": True}
    assert actor_filler(fmln) == ("FMLN", "Farabundo Marti National Liberation Front")
    assert actor_filler({"span": "gunmen", "name": "gunmen", "dictionary": False}) == "gunmen"
    assert actor_filler({"span": None, "name": "Unidentified Armed Group", "dictionary": True}) is None
    c = score_fillers([actor_filler(fmln)], [["FARABUNDO MARTI NATIONAL LIBERATION FRONT"]])
    assert (c.tp_gold, c.gold) == (1, 1)


def test_muc_scores_foiled_attacks_too() -> None:
    foiled = [{"plover": {"type": "COERCE"}, "event_type": "Strategic developments",
               "sub_event_type": "Disrupted weapons use", "actors": [], "targets": ["bridge"], "weapons": ["bomb"]},
              {"plover": {"type": "AGREE"}, "event_type": "Strategic developments", "sub_event_type": "Agreement",
               "actors": [], "targets": ["office"], "weapons": ["rifle"]}]
    got = muc_fillers(foiled)
    assert (got["phys_tgt_id"], got["incident_instrument_id"]) == (["bridge"], ["bomb"])
