"""Property-based fuzzing (hypothesis) of the doors input comes in by: the readers, the date parser,
the query-parameter parser and the extraction-document validator (issue #15)."""

from __future__ import annotations

import json
import string
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch import dates
from wirewatch.bench.hostile import CONFLICT, DATES, hostile_inputs
from wirewatch.errors import InputError
from wirewatch.ingest.datetext import read_date
from wirewatch.ingest.decode import decode_text
from wirewatch.ingest.normalise import normalise_noted
from wirewatch.ingest.read import read_paths
from wirewatch.ingest.textfix import BIDI_CONTROLS
from wirewatch.model import Failure, RawDocument
from wirewatch.search.filters import PARAMS, filters_from_params
from wirewatch.store import open_store
from wirewatch.store.fused import refresh
from wirewatch.store.records import rows_from_doc
from wirewatch.store.synthetic import sample_doc
from wirewatch.store.validate import checked_document, problems

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEEDS = [h.data for h in hostile_inputs(mutations=0) if len(h.data) < 5000]
hostile_bytes = st.one_of(st.binary(max_size=3000), st.sampled_from(SEEDS),
                          st.builds(lambda a, b, c: a[:len(a) // 2] + b + a[len(a) // 2:] + c,
                                    st.sampled_from(SEEDS), st.binary(max_size=20), st.binary(max_size=20)))
nasty_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=200) | st.sampled_from(
    [v for v in DATES if isinstance(v, str)])


# ---- readers --------------------------------------------------------------------------------------


@FUZZ
@given(hostile_bytes)
def test_decode_gives_text_or_an_input_error(data):
    try:
        decoded = decode_text(data, "fuzz")
    except InputError as exc:
        assert exc.code.startswith("W10")
        return
    assert isinstance(decoded.text, str) and all(code.startswith("W12") for code, _ in decoded.notes)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hostile_bytes, st.sampled_from([".txt", ".html", ".jsonl", ".json", ""]))
def test_readers_never_raise_and_never_drop_silently(tmp_path, data, suffix):
    path = tmp_path / f"in{suffix}"
    path.write_bytes(data)
    items = list(read_paths([str(path)]))
    assert items, "an input without any output or failure"
    for item in items:
        assert isinstance(item, RawDocument | Failure)
        if isinstance(item, Failure):
            assert item.article_id and item.stage == "read" and item.code and item.message


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["", "\u202e", "\u2066", "\u200f"]))
def test_normalised_text_has_no_bidi_controls_and_offsets_hold(text, control):
    try:
        article, notes = normalise_noted(RawDocument("f.txt", control + text + control + CONFLICT, "text"))
    except InputError:
        return
    assert not BIDI_CONTROLS.search(article.text) and not BIDI_CONTROLS.search(article.title or "")
    assert all(n.article_id == article.id for n in notes)


# ---- the date parser -------------------------------------------------------------------------------


@FUZZ
@given(st.one_of(nasty_text, st.integers(), st.sampled_from(DATES), st.floats(), st.none(), st.booleans()))
def test_read_date_never_raises_and_keeps_the_window(value):
    found = read_date(value, now=datetime(2024, 1, 5, 12))
    if found.value is not None:
        assert dates.in_window(found.value)
    else:
        assert found.code is None or found.message


@FUZZ
@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_iso_dates_are_kept_exactly_when_in_the_window(day):
    found = read_date(day.isoformat())
    assert (found.value == day) == dates.in_window(day)
    assert dates.shift(day, 10**6) >= day and dates.shift(day, -(10**6)) <= day  # no OverflowError


# ---- the query-parameter parser --------------------------------------------------------------------

param_names = st.sampled_from([*PARAMS, "date", "since", "until", "min_fatalities", "max_fatalities", "bbox", "junk"])
param_values = st.one_of(nasty_text, st.integers().map(str), st.sampled_from(
    ["0001-01-01", "9999-12-31", "99999999999999999999999", "-1", "1e3", "", " ", "IQ", "occurred", "1,2,3,4",
     "-180,-90,180,90", "nan,nan,nan,nan", "2024-01-04"]))


@FUZZ
@given(st.dictionaries(param_names, st.lists(param_values, max_size=4), max_size=6))
def test_query_parameters_give_filters_or_an_input_error(params):
    try:
        f = filters_from_params(params)
    except InputError as exc:
        assert exc.message
        return
    for day in (f.since, f.until):
        assert day is None or dates.in_window(day)
    for n in (f.min_fatalities, f.max_fatalities):
        assert n is None or 0 <= n <= 10**9


# ---- the extraction-document validator -------------------------------------------------------------

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), nasty_text)
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(st.text(string.ascii_lowercase, max_size=8), inner, max_size=4),
                          max_leaves=20)
KEYS = ["article", "events", "places", "times", "failures", "id", "text", "start", "end", "claims", "evidence",
        "date", "status", "actors", "fatalities", "published", "value", "lat"]


def _mangled(doc: dict, path_keys: list[str], value) -> dict:
    """``doc`` with the value at a random key path (within the document's shape) replaced."""
    node = doc
    for key in path_keys[:-1]:
        nxt = node.get(key) if isinstance(node, dict) else (node[0] if isinstance(node, list) and node else None)
        if not isinstance(nxt, dict | list):
            break
        node = nxt if isinstance(nxt, dict) else (nxt[0] if nxt and isinstance(nxt[0], dict) else node)
    if isinstance(node, dict):
        node[path_keys[-1]] = value
    return doc


@FUZZ
@given(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4), json_value)
def test_validator_refuses_or_the_store_takes_it(path_keys, value):
    _refused_or_stored(_mangled(json.loads(json.dumps(sample_doc(7))), path_keys, value))


def _refused_or_stored(doc) -> None:
    """The validator refuses ``doc`` with W104 (and ``problems`` agrees), or the store takes it and fusion
    reads it: no KeyError, TypeError, OverflowError or sqlite3 error."""
    if problems(doc):
        try:
            checked_document(doc)
        except InputError as exc:
            assert exc.code == "W104" and exc.message
            return
        raise AssertionError(f"problems() and checked_document() disagree on {doc!r:.300}")
    with open_store(":memory:") as s:
        rows_from_doc(doc, "2024-01-05T00:00:00+00:00")
        s.upsert_extraction(doc)
        refresh(s)


@FUZZ
@given(json_value)
def test_validator_never_raises_on_any_json(value):
    assert isinstance(problems(value), list)
    assert isinstance(problems({"article": value, "events": value}), list)


def _paths(node, prefix=()):
    """Every key path in ``node`` (into the first item of each list)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list) and node:
        yield from _paths(node[0], (*prefix, 0))


def _replaced(doc, path, value):
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return doc


ODD_VALUES = [[], {}, ["occurred"], {"a": 1}, True, 10**30, float("nan"), ""]


def test_every_field_given_an_odd_type_is_refused_or_stored():
    """Deterministic sweep behind the fuzzing above: each field of a real-shaped document in turn gets a
    list, an object, a boolean, a huge number, NaN or an empty string (a list in ``status`` once raised
    TypeError: unhashable type), and what the store takes is fused."""
    base = sample_doc(7)
    paths = list(_paths(base))
    assert len(paths) > 40
    for path in paths:
        for value in ODD_VALUES:
            _refused_or_stored(_replaced(json.loads(json.dumps(base)), path, value))
