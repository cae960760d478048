"""Convert a TopoJSON file (world-atlas countries) to a compact GeoJSON FeatureCollection.

Usage: python scripts/topojson_to_geojson.py IN.topojson OUT.geojson [OBJECT]

Decodes quantised, delta-encoded arcs; keeps each feature's ``name`` property and
rounds coordinates to 2 decimals (about 1 km), enough for an outline map; cuts outlines that
cross the antimeridian (Russia, Fiji, Antarctica) with ``wirewatch.geo.antimeridian`` so that a flat
map does not draw them as bands across the world.  ``--split-only FILE.geojson`` cuts an existing file.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from wirewatch.geo.antimeridian import split_geojson


def decode_arcs(topo: dict[str, Any]) -> list[list[list[float]]]:
    t = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for p in arc:
            if t:
                x, y = x + p[0], y + p[1]
                pts.append([round(x * t["scale"][0] + t["translate"][0], 2),
                            round(y * t["scale"][1] + t["translate"][1], 2)])
            else:
                pts.append([round(p[0], 2), round(p[1], 2)])
        arcs.append(pts)
    return arcs


def ring(indices: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    out: list[list[float]] = []
    for i in indices:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts[1:] if out else pts)
    return out


def geometry(g: dict[str, Any], arcs: list[list[list[float]]]) -> dict[str, Any] | None:
    if g["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in g["arcs"]]}
    if g["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring(r, arcs) for r in poly] for poly in g["arcs"]]}
    return None


def convert(topo: dict[str, Any], name: str = "countries") -> dict[str, Any]:
    arcs = decode_arcs(topo)
    features = []
    for g in topo["objects"][name]["geometries"]:
        geom = geometry(g, arcs)
        if geom is not None:
            features.append({"type": "Feature", "properties": {"name": (g.get("properties") or {}).get("name")},
                             "geometry": geom})
    return split_geojson({"type": "FeatureCollection", "features": features})


def main(argv: list[str]) -> int:
    if argv[1] == "--split-only":
        with open(argv[2]) as fh:
            cut = split_geojson(json.load(fh))
        with open(argv[2], "w") as fh:
            json.dump(cut, fh, separators=(",", ":"))
        return 0
    src, dst = argv[1], argv[2]
    name = argv[3] if len(argv) > 3 else "countries"
    with open(src) as fh:
        topo = json.load(fh)
    with open(dst, "w") as fh:
        json.dump(convert(topo, name), fh, separators=(",", ":"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
