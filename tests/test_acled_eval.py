"""The ACLED snippet sets are valid, and ``wirewatch eval acled`` scores them with the right arithmetic."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from wirewatch.errors import ConfigError
from wirewatch.evaluate import EVALUATORS, acled_eval
from wirewatch.evaluate.acled_eval import (
    DATA_FILE,
    DEV2_FILE,
    PARENT,
    TAXONOMY,
    TEST_FILE,
    Snippet,
    load_dev2_snippets,
    load_snippets,
    load_test_snippets,
    main_event,
    parse_snippet,
    predicted_label,
    score,
)

# ---------------------------------------------------------------- the data

@pytest.fixture(scope="module")
def snippets() -> list[Snippet]:
    return load_snippets()


def test_taxonomy_is_acleds_six_types_and_25_sub_types() -> None:
    assert len(TAXONOMY) == 6
    assert len(PARENT) == 25
    assert PARENT["Air/drone strike"] == "Explosions/Remote violence"
    assert PARENT["Arrests"] == "Strategic developments"
    assert PARENT["Mob violence"] == "Riots"


def test_taxonomy_matches_shared_taxonomy_and_schema(shared: Path) -> None:
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]+?) \| [^|]+\|$", (shared / "TAXONOMY.md").read_text(), re.M)
    table = {sub: etype for etype, sub in rows if etype in TAXONOMY}
    assert table == PARENT
    schema = json.loads((shared / "schema" / "extraction.schema.json").read_text())
    enum = schema["$defs"]["event"]["properties"]["sub_event_type"]["enum"]
    assert {x for x in enum if x is not None} == set(PARENT)


def test_every_label_is_an_acled_sub_type_under_its_parent(snippets: list[Snippet]) -> None:
    assert len(snippets) >= 200
    for s in snippets:
        assert PARENT[s.sub_event_type] == s.event_type, s.id


def test_ids_unique_texts_unique_dates_valid(snippets: list[Snippet]) -> None:
    assert len({s.id for s in snippets}) == len(snippets)
    assert len({s.text for s in snippets}) == len(snippets)
    for s in snippets:
        assert date.fromisoformat(s.published) <= date(2026, 12, 31), s.id
        assert 40 <= len(s.text) <= 600, s.id


def test_every_sub_type_has_at_least_six_snippets(snippets: list[Snippet]) -> None:
    counts = Counter(s.sub_event_type for s in snippets)
    assert set(counts) == set(PARENT)
    assert min(counts.values()) >= 6, counts.most_common()[-3:]


def test_styles_are_about_half_each_and_look_like_their_style(snippets: list[Snippet]) -> None:
    styles = Counter(s.style for s in snippets)
    assert abs(styles["note"] - styles["news"]) <= len(snippets) // 10
    for s in snippets:
        if s.style == "note":
            assert re.match(r"(On|Between) \d{1,2} ", s.text), s.id
        else:
            assert re.match(r"[A-Z][A-Z .'-]+, .*\) - ", s.text), s.id


def test_a_record_under_the_wrong_parent_is_refused() -> None:
    bad = {"id": "x", "text": "t", "published": "2024-01-01", "event_type": "Battles",
           "sub_event_type": "Grenade", "style": "note"}
    with pytest.raises(ConfigError, match="Grenade"):
        parse_snippet(bad, "test record")


def test_registered() -> None:
    assert EVALUATORS["acled"] == "wirewatch.evaluate.acled_eval:evaluate"


# ---------------------------------------------------------------- the prediction

def _event(sub: str | None, status: str, start: int | None) -> dict:
    evidence = [] if start is None else [{"start": start, "end": start + 5, "text": "x"}]
    return {"sub_event_type": sub, "status": status, "evidence": evidence}


def test_main_event_is_the_earliest_occurred_event() -> None:
    events = [_event("Attack", "occurred", 50), _event("Arrests", "threatened", 0),
              _event("Armed clash", "occurred", 10), _event("Grenade", "occurred", None)]
    assert main_event(events)["sub_event_type"] == "Armed clash"
    assert predicted_label(events) == "Armed clash"


def test_without_an_occurred_event_the_earliest_of_any_status() -> None:
    events = [_event("Attack", "planned", 30), _event("Agreement", "denied", 5)]
    assert predicted_label(events) == "Agreement"
    assert predicted_label([]) == "none"
    assert predicted_label([_event(None, "occurred", 0)]) == "none"


# ---------------------------------------------------------------- the arithmetic, by hand

def _snip(i: int, sub: str, style: str) -> Snippet:
    return Snippet(f"t{i}", f"text {i}", "2024-01-01", PARENT[sub], sub, style)


def test_scores_computed_by_hand() -> None:
    gold = ["Armed clash", "Armed clash", "Armed clash", "Attack", "Attack", "Grenade"]
    pred = ["Armed clash", "Armed clash", "Attack", "Attack", "none", "Suicide bomb"]
    styles = ["note", "news", "note", "news", "note", "news"]
    out = score([_snip(i, g, st) for i, (g, st) in enumerate(zip(gold, styles, strict=True))], pred)
    # Armed clash: support 3, predicted 2, hits 2 -> P 1, R 2/3, F1 0.8
    # Attack: support 2, predicted 2, hits 1 -> P 0.5, R 0.5, F1 0.5
    # Grenade: support 1, predicted 0 -> F1 0 (Suicide bomb has no support: outside the average)
    assert out["per_sub_event_type"]["Armed clash"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8,
                                                       "support": 3}
    assert out["per_sub_event_type"]["Attack"]["f1"] == 0.5
    assert out["per_sub_event_type"]["Grenade"]["f1"] == 0.0
    assert "Suicide bomb" not in out["per_sub_event_type"]
    assert out["weighted_f1"] == round((3 * 0.8 + 2 * 0.5 + 1 * 0.0) / 6, 4) == 0.5667
    assert out["macro_f1"] == round((0.8 + 0.5 + 0.0) / 3, 4) == 0.4333
    assert out["accuracy"] == 0.5
    assert out["predicted_none"] == 1
    # event types: Battles support 3, predicted 2, hits 2 -> 0.8; Violence against civilians support 2,
    # predicted 2, hits 1 -> 0.5; Explosions/Remote violence support 1, predicted 1, hit 1 -> 1.0
    assert out["event_type"]["weighted_f1"] == round((3 * 0.8 + 2 * 0.5 + 1 * 1.0) / 6, 4) == 0.7333
    assert out["event_type"]["accuracy"] == 0.6667
    # notes: gold AC, AC, AT; pred AC, AT, none -> AC: support 2, predicted 1, hit 1 -> 2/3; AT: 0
    assert out["by_style"]["note"]["weighted_f1"] == round(2 * (2 / 3) / 3, 4) == 0.4444
    # news: gold AC, AT, GR; pred AC, AT, SB -> AC 1, AT 1, GR 0
    assert out["by_style"]["news"]["weighted_f1"] == round(2 / 3, 4)
    assert out["top_confusions"] == {"Armed clash -> Attack": 1, "Attack -> none": 1,
                                     "Grenade -> Suicide bomb": 1}


def test_perfect_predictions_score_one(snippets: list[Snippet]) -> None:
    out = score(snippets, [s.sub_event_type for s in snippets])
    assert out["weighted_f1"] == out["macro_f1"] == out["accuracy"] == out["event_type"]["weighted_f1"] == 1.0
    assert out["top_confusions"] == {}


# ---------------------------------------------------------------- the second dev set and the held-out test set
# These tests check the files only.  The pipeline never runs on them here; the held-out test set
# (acled_snippets_heldout.jsonl) is scored once per release, by ``wirewatch eval acled`` on the final code
# (see evaluate/data/README.md), and nobody reads its predictions while developing.

EXTRA_SETS = {DEV2_FILE: "t", TEST_FILE: "h"}  # file -> id prefix
FREQUENT = ("Armed clash", "Attack", "Air/drone strike", "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED", "Peaceful protest", "Protest with intervention", "Arrests",
            "Abduction/forced disappearance", "Looting/property destruction", "Mob violence",
            "Violent demonstration")


def _load(data_file: str) -> list[Snippet]:
    return load_snippets(None, data_file)


def test_loaders_read_their_own_files() -> None:
    assert {s.id[0] for s in load_dev2_snippets()} == {"t"}
    assert {s.id[0] for s in load_test_snippets()} == {"h"}
    assert [s.id for s in load_test_snippets(3)] == ["h001", "h002", "h003"]


@pytest.mark.parametrize("data_file", list(EXTRA_SETS))
def test_extra_set_labels_are_acled_sub_types_under_their_parents(data_file: str) -> None:
    extra = _load(data_file)
    assert len(extra) >= 200
    for s in extra:
        assert PARENT[s.sub_event_type] == s.event_type, s.id


@pytest.mark.parametrize("data_file", list(EXTRA_SETS))
def test_extra_set_ids_and_texts_unique_and_apart_from_the_other_sets(data_file: str) -> None:
    extra = _load(data_file)
    ids = [s.id for s in extra]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(EXTRA_SETS[data_file] + r"\d{3}", i) for i in ids)
    texts = {s.text for s in extra}
    assert len(texts) == len(extra)
    for other in {DATA_FILE, *EXTRA_SETS} - {data_file}:
        others = _load(other)
        assert not set(ids) & {s.id for s in others}, other
        assert not texts & {s.text for s in others}, other
    for s in extra:
        assert date.fromisoformat(s.published) <= date(2026, 12, 31), s.id
        assert 40 <= len(s.text) <= 600, s.id


@pytest.mark.parametrize("data_file", list(EXTRA_SETS))
def test_extra_set_has_every_sub_type_at_least_six_times(data_file: str) -> None:
    counts = Counter(s.sub_event_type for s in _load(data_file))
    assert set(counts) == set(PARENT)
    assert min(counts.values()) >= 6, counts.most_common()[-3:]
    assert min(counts[f] for f in FREQUENT) >= 10


@pytest.mark.parametrize("data_file", list(EXTRA_SETS))
def test_extra_set_has_both_styles_about_half_each(data_file: str) -> None:
    extra = _load(data_file)
    styles = Counter(s.style for s in extra)
    assert set(styles) == {"note", "news"}
    assert abs(styles["note"] - styles["news"]) <= len(extra) // 10
    for s in extra:
        if s.style == "note":
            assert re.match(r"(On|Between) \d{1,2} ", s.text), s.id
        else:
            assert re.match(r"[A-Z][A-Z .'-]+, .*\) - ", s.text), s.id
    for sub in PARENT:  # each sub-type in both styles, so neither style's score hides a type
        assert {s.style for s in extra if s.sub_event_type == sub} == {"note", "news"}, sub


def test_extra_sets_ship_with_the_package_and_are_documented() -> None:
    from importlib import resources

    data = resources.files("wirewatch.evaluate").joinpath("data")
    readme = data.joinpath("README.md").read_text(encoding="utf-8")
    for data_file in EXTRA_SETS:
        assert data.joinpath(data_file).is_file()
        assert data_file in readme
    assert "held-out" in readme.lower() and "`dev2`" in readme
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    assert '"evaluate/data/*.jsonl"' in pyproject.read_text(encoding="utf-8")


class _NoEvents:
    """Stands in for ``events_eval.Extractor``: no pipeline, no events, records which ids it was given."""

    seen: list[str] = []

    def __init__(self, set_name: str, use_cache: bool = True) -> None:
        self.ran = self.cached = 0

    def __call__(self, doc_id: str, text: str, kind: str = "text", published: str | None = None) -> dict:
        type(self).seen.append(doc_id)
        self.ran += 1
        return {"events": []}


def test_report_keeps_dev_keys_and_adds_dev2_and_the_test_split(monkeypatch: pytest.MonkeyPatch) -> None:
    from wirewatch.evaluate import events_eval

    _NoEvents.seen = []
    monkeypatch.setattr(events_eval, "Extractor", _NoEvents)
    out = acled_eval.evaluate(None, limit=2)
    dev_keys = {"command", "snippets", "accuracy", "weighted_f1", "macro_f1", "event_type", "by_style",
                "predicted_none", "top_confusions", "per_sub_event_type", "extraction", "anchors"}
    assert dev_keys <= set(out)
    assert out["snippets"] == 2 and out["extraction"]["ran"] == 2
    for key, data_file in (("dev2", DEV2_FILE), ("test", TEST_FILE)):
        split = out[key]
        assert set(score([], [])) <= set(split), key
        assert split["file"] == data_file and split["snippets"] == 2 and split["extraction"]["ran"] == 2
        assert split["predicted_none"] == 2 and split["weighted_f1"] == 0.0
        assert split["role"]
    assert [i[0] for i in _NoEvents.seen] == ["s", "s", "t", "t", "h", "h"]
    _NoEvents.seen = []
    without = acled_eval.evaluate(None, limit=1, with_test=False)
    assert "test" not in without and without["dev2"]["file"] == DEV2_FILE
    assert [i[0] for i in _NoEvents.seen] == ["s", "t"]
