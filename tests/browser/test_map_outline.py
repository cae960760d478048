"""Issue #14: the world map drew horizontal bands across the whole map, from country outlines that cross
the antimeridian (Russia's Chukotka, Fiji, Antarctica).  A screenshot of the map with no events (the
world view, no tiles) is read back pixel by pixel: the open sea inside those bands must be sea."""

from __future__ import annotations

import base64
import math

REFERENCE_SEA = (0.0, -25.0)  # the equatorial Atlantic: no outline, no band
ZOOM, CENTRE = 2, (25.0, 30.0)  # map.js: the world view when no event is located
# (lat, lon) of open sea that a band would paint: the Norwegian Sea inside Chukotka's band (65-69 N)
# and the South Atlantic inside Fiji's (16.1-16.8 S)
OPEN_SEA = [(lat / 10, 0.0) for lat in range(655, 690, 5)] + [(-lat / 100, -25.0) for lat in range(1610, 1680, 10)]


def _world_px(lat: float, lon: float) -> tuple[float, float]:
    size = 256 * 2 ** ZOOM
    s = math.sin(math.radians(lat))
    return (lon + 180) / 360 * size, (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * size


def _pixels(page, points: list[tuple[float, float]]) -> list[tuple[int, int, int]]:
    png = base64.b64encode(page.screenshot(full_page=False)).decode()
    return page.evaluate("""async ([png, points]) => {
        const img = new Image(); img.src = 'data:image/png;base64,' + png; await img.decode();
        const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
        const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        return points.map(([x, y]) => Array.from(g.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3)));
    }""", [png, points])


def test_world_map_has_no_band_across_the_sea(page, live_server):
    page.goto(live_server + "/map?country=AQ")  # no event: the map keeps its world view
    page.wait_for_selector("#map svg path")  # the outline is drawn
    page.wait_for_function("document.getElementById('map-status').textContent.includes('located')")
    box = page.locator("#map").bounding_box()
    cx, cy = _world_px(*CENTRE)
    at = [(box["x"] + box["width"] / 2 + x - cx, box["y"] + box["height"] / 2 + y - cy)
          for x, y in map(lambda p: _world_px(*p), OPEN_SEA)]
    russia = (55.0, 40.0)
    rx, ry = _world_px(*russia)
    sx, sy = _world_px(*REFERENCE_SEA)
    sea, land, *colours = _pixels(page, [(box["x"] + box["width"] / 2 + sx - cx, box["y"] + box["height"] / 2 + sy - cy),
                                         (box["x"] + box["width"] / 2 + rx - cx, box["y"] + box["height"] / 2 + ry - cy),
                                         *at])
    assert land != sea, "the outline map is not drawn at all"
    painted = [(p, c) for p, c in zip(OPEN_SEA, colours, strict=True) if c != sea]
    assert not painted, f"outline drawn over open sea (sea is {sea}) at {painted}"
