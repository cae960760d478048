"""Issue #14: outlines crossing the antimeridian (Russia, Fiji, Antarctica) drew bands across the map."""

from __future__ import annotations

import json
from importlib import resources

from wirewatch.geo.antimeridian import area, crosses, split_ring


def _rings(feature: dict) -> list[list[list[float]]]:
    g = feature["geometry"]
    polygons = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def test_shipped_outline_has_no_ring_across_the_antimeridian():
    path = resources.files("wirewatch").joinpath("web", "static", "vendor", "countries.geojson")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    assert not [f["properties"]["name"] for f in features if any(crosses(r) for r in _rings(f))]
    by_name = {f["properties"]["name"]: _rings(f) for f in features}
    for name in ("Russia", "Fiji"):  # kept on both sides of 180 degrees
        assert any(max(p[0] for p in r) == 180 for r in by_name[name])
        assert any(min(p[0] for p in r) == -180 for r in by_name[name])
    assert min(p[1] for r in by_name["Antarctica"] for p in r) == -90  # closed along the pole


def test_split_ring_cuts_an_island_across_180_into_two_pieces_of_its_area():
    island = [[179.0, -16.0], [-179.0, -16.0], [-179.0, -17.0], [179.0, -17.0], [179.0, -16.0]]
    assert crosses(island)
    pieces = split_ring(island)
    assert len(pieces) == 2 and not any(crosses(p) for p in pieces)
    assert sorted((min(p[0] for p in r), max(p[0] for p in r)) for r in pieces) == [(-180, -179), (179, 180)]
    assert abs(sum(area(p) for p in pieces) - 2.0) < 1e-9
    assert split_ring([[10.0, 0.0], [11.0, 0.0], [11.0, 1.0], [10.0, 0.0]]) == \
        [[[10.0, 0.0], [11.0, 0.0], [11.0, 1.0], [10.0, 0.0]]]


def test_a_ring_round_the_pole_is_closed_along_it():
    cap = [[-180.0, -70.0], [0.0, -70.0], [180.0, -70.0], [-180.0, -70.0]]
    (piece,) = split_ring(cap)
    assert not crosses(piece) and min(p[1] for p in piece) == -90
