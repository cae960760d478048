"""`wirewatch export`: from a file of extraction lines, with filters, to every format."""

from __future__ import annotations

import json

import pytest
from test_fuse import MOSUL, event

from wirewatch.cli import COMMANDS
from wirewatch.commands import export as export_command
from wirewatch.errors import WirewatchError
from wirewatch.export import geojson


def main(argv: list[str]) -> int:
    """`wirewatch export ...` through the command module (as ``cli.main`` runs it)."""
    import argparse

    parser = argparse.ArgumentParser(prog="wirewatch export")
    export_command.add_arguments(parser)
    args = parser.parse_args(argv[1:])
    try:
        return export_command.run(args)
    except WirewatchError as exc:
        import sys

        print(f"wirewatch export: {exc}", file=sys.stderr)
        return 2


def test_export_is_a_registered_command():
    assert COMMANDS["export"][0] == "wirewatch.commands.export"


def _line(aid: str, outlet: str, ev: dict, published: str = "2024-01-04T18:00:00+00:00") -> str:
    return json.dumps({"schema": "wirewatch.extraction/1",
                       "article": {"id": aid, "title": None, "published": published, "outlet": outlet,
                                   "agency": None, "byline": None, "url": None, "tags": [], "text": "body"},
                       "places": [], "times": [], "events": [ev], "failures": []})


@pytest.fixture()
def extract_file(tmp_path):
    strike = "A U.S. drone strike hit a car carrying militia commanders in Baghdad, killing four."
    lines = [_line("a1", "Reuters", event(evidence=strike, claims=(("fatalities", 4, "police"),))),
             _line("a2", "AP", event(evidence=strike, claims=(("fatalities", 3, "police"),))),
             _line("m1", "AFP", event(evidence="Protesters marched in Mosul.", loc=MOSUL, etype="Protests",
                                      sub="Peaceful protest", day="2024-01-09"), published="2024-01-09")]
    path = tmp_path / "extract.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_geojson_from_extract_file(extract_file, capsys):
    assert main(["export", "--format", "geojson", "--from", str(extract_file)]) == 0
    fc = json.loads(capsys.readouterr().out)
    assert geojson.validate(fc) == []
    assert sorted(f["properties"]["articles"] for f in fc["features"]) == [["a1", "a2"], ["m1"]]


def test_filters_narrow_the_export(extract_file, tmp_path, capsys):
    out = tmp_path / "x.jsonl"
    assert main(["export", "--format", "plover-jsonl", "--from", str(extract_file), "--type", "protests",
                 "--since", "2024-01-05", "-o", str(out)]) == 0
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r["articles"] for r in rows] == [["m1"]]
    assert main(["export", "--format", "acled-csv", "--from", str(extract_file), "--country", "fr"]) == 0
    assert capsys.readouterr().out.strip().count("\n") == 0  # header only


def test_fused_lines_are_read_back(extract_file, tmp_path):
    first = tmp_path / "fused.jsonl"
    from wirewatch.export.source import events_from_jsonl

    events = events_from_jsonl(str(extract_file))
    first.write_text("".join(json.dumps(e) + "\n" for e in events))
    assert events_from_jsonl(str(first)) == events


def test_errors_name_the_input(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    assert main(["export", "--format", "geojson", "--from", str(bad)]) == 2
    assert "bad.jsonl" in capsys.readouterr().err
    assert main(["export", "--format", "parquet", "--from", str(bad)]) == 2
    assert main(["export", "--format", "geojson", "--from", str(bad), "--since", "May"]) == 2
