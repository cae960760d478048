"""Outlines that cross the antimeridian, cut so that a flat map draws them (issue #14).

A ring of GeoJSON whose consecutive points jump from longitude +179 to -179 (Russia's Chukotka,
Fiji, Antarctica in world-atlas) is drawn on a flat map with an edge across the whole world: the
horizontal bands the map showed.  :func:`split_geojson` walks each ring, makes its longitudes
continuous (so the ring may run past 180°), closes a ring that goes round a pole along that pole,
and cuts it at ±180° into pieces that each lie within [-180°, 180°].
"""

from __future__ import annotations

from typing import Any

Point = list[float]
Ring = list[Point]

_WINDOWS = ((-540.0, -180.0), (-180.0, 180.0), (180.0, 540.0))


def crosses(ring: Ring) -> bool:
    """Whether two consecutive points of ``ring`` are more than 180° of longitude apart (an edge along a
    pole, as Antarctica's is once cut, is no crossing)."""
    return any(abs(a[0] - b[0]) > 180 and not abs(a[1]) == abs(b[1]) == 90
               for a, b in zip(ring, ring[1:], strict=False))


def area(ring: Ring) -> float:
    """The ring's area in square degrees (shoelace; unsigned)."""
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False))) / 2


def _unwrap(ring: Ring) -> Ring:
    out = [list(ring[0])]
    for lon, lat, *_ in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append([lon, lat])
    return out


def _clip(ring: Ring, x: float, keep_below: bool) -> Ring:
    """Sutherland-Hodgman against the half-plane lon <= x (or lon >= x)."""
    def inside(p: Point) -> bool:
        return p[0] <= x if keep_below else p[0] >= x

    def cut(a: Point, b: Point) -> Point:
        t = (x - a[0]) / (b[0] - a[0])
        return [x, round(a[1] + t * (b[1] - a[1]), 4)]

    out: Ring = []
    for i, cur in enumerate(ring):
        prev = ring[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(cut(prev, cur))
            out.append(cur)
        elif inside(prev):
            out.append(cut(prev, cur))
    return out


def split_ring(ring: Ring) -> list[Ring]:
    """``ring`` cut at the antimeridian into closed rings within [-180, 180] (itself when it does not cross)."""
    if not crosses(ring):
        return [ring]
    flat = _unwrap(ring)
    if abs(flat[-1][0] - flat[0][0]) > 180:  # round a pole: close it along the pole
        pole = -90.0 if sum(p[1] for p in flat) < 0 else 90.0
        flat = [*flat, [flat[-1][0], pole], [flat[0][0], pole]]
    if flat[0] == flat[-1]:
        flat = flat[:-1]
    pieces = []
    for lo, hi in _WINDOWS:
        part = _clip(_clip(flat, lo, keep_below=False), hi, keep_below=True)
        shift = -lo - 180.0
        moved = [[round(p[0] + shift, 4), p[1]] for p in part]
        if len(moved) >= 3 and area([*moved, moved[0]]) > 1e-6:  # not a sliver along the cut
            pieces.append([*moved, moved[0]])
    return pieces


def _split_polygon(rings: list[Ring]) -> list[list[Ring]]:
    outer, holes = rings[0], rings[1:]
    if not crosses(outer):
        return [[outer, *(h for h in holes if not crosses(h))]]
    return [[piece] for piece in split_ring(outer)]


def split_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    """A Polygon or MultiPolygon with no ring crossing the antimeridian (other geometries unchanged)."""
    if geometry.get("type") == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry.get("type") == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return geometry
    out = [piece for polygon in polygons for piece in _split_polygon(polygon)]
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def split_geojson(collection: dict[str, Any]) -> dict[str, Any]:
    """A FeatureCollection whose outlines are cut at the antimeridian."""
    features = [{**f, "geometry": split_geometry(f["geometry"]) if f.get("geometry") else f.get("geometry")}
                for f in collection.get("features", [])]
    return {**collection, "features": features}
