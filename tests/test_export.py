"""Exports: every format round-trips (export -> read back -> same events), GeoJSON validates, notes read well."""

from __future__ import annotations

import io
import json

import pytest
from test_fuse import baghdad_story

from wirewatch.export import FORMATS, acled_csv, geojson, module, plover
from wirewatch.export.codes import interaction, summary
from wirewatch.export.notes import notes
from wirewatch.fuse import fuse


@pytest.fixture(scope="module")
def events() -> list[dict]:
    return [e.to_dict() for e in fuse(baghdad_story().values())]


def _without_articles(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in ("articles", "country_code")} for r in rows]


@pytest.mark.parametrize("name", ["plover-jsonl", "geojson"])
def test_json_exports_round_trip(events, name):
    mod = module(name)
    buf = io.StringIO()
    assert mod.write(events, buf) == len(events)
    back = mod.read(io.StringIO(buf.getvalue()))
    assert [mod.summary(r) for r in back] == [summary(e) for e in events]


def test_json_exports_list_member_articles(events):
    buf = io.StringIO()
    plover.write(events, buf)
    merged = next(json.loads(x) for x in buf.getvalue().splitlines() if len(json.loads(x)["articles"]) == 3)
    assert merged["articles"] == ["a1", "a2", "a3"]
    assert merged["event"] == "ASSAULT" and merged["size"] == {"dead": 7, "injured": None}


def test_acled_csv_round_trip_and_codebook_columns(events):
    buf = io.StringIO()
    acled_csv.write(events, buf)
    rows = acled_csv.read(io.StringIO(buf.getvalue()))
    expected = [summary(e) | {"fatalities": summary(e)["fatalities"] or 0} for e in events]
    assert [acled_csv.summary(r) for r in rows] == _without_articles(expected)
    header = buf.getvalue().splitlines()[0].split(",")
    for column in ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1", "actor2",
                   "inter2", "interaction", "country", "admin1", "admin2", "location", "latitude", "longitude",
                   "geo_precision", "source", "source_scale", "notes", "fatalities", "tags"):
        assert column in header
    strike = next(r for r in rows if "a1" in r["notes"] or r["actor1"] == "United States military")
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("8", "3", "38")
    assert strike["time_precision"] == "1" and strike["geo_precision"] == "1" and strike["iso"] == "368"
    assert strike["fatalities"] == "2"  # ACLED's conservative reading: the lowest current figure


def test_parquet_round_trip(events, tmp_path):
    pytest.importorskip("pyarrow")
    mod = module("parquet")
    path = tmp_path / "events.parquet"
    assert mod.write(events, path) == len(events)
    back = mod.read(path)
    assert [mod.summary(r) for r in back] == [summary(e) for e in events]
    merged = next(r for r in back if len(r["articles"]) == 3)
    assert merged["fatalities_best"] == 7 and merged["disagreements"] == ["police: 7, militia spokesperson: 2"]


def test_geojson_is_valid_and_uses_lon_lat(events):
    fc = geojson.collection(events)
    assert geojson.validate(fc) == []
    point = fc["features"][0]["geometry"]["coordinates"]
    assert point == [44.40, 33.34]
    broken = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry":
                                                         {"type": "Point", "coordinates": [44.4, 133.3]},
                                                         "properties": {"articles": []}}]}
    errors = geojson.validate(broken)
    assert any("latitude" in e for e in errors) and any("articles" in e for e in errors)


def test_notes_sentence_in_acled_style(events):
    merged = next(e for e in events if len(e["articles"]) == 3)
    text = notes(merged)
    assert text.startswith("On 4 January 2024, United States military carried out an air/drone strike on "
                           "Harakat al-Nujaba in Baghdad (Iraq).")
    assert "7 reported fatalities (low 2, high 7)" in text
    assert "Figures differ: police: 7, militia spokesperson: 2." in text
    lone = next(e for e in events if e["articles"] == ["b1"])
    assert notes(lone).startswith("On 4 January 2024, Islamic Resistance in Iraq shelled or fired missiles in Baghdad")


def test_interaction_codes():
    assert interaction(1, 3) == 13 and interaction(3, 1) == 13
    assert interaction(1, None) == 10 and interaction(None, None) is None


def test_every_format_is_registered_with_a_module():
    for name in FORMATS:
        mod = module(name)
        assert callable(mod.write) and callable(mod.read) and callable(mod.summary)
