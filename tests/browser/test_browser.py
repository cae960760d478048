"""Headless Chromium: search, add and remove a chip, open an event, its claim highlighted, map markers.

Set WIREWATCH_SCREENSHOTS=DIR to also save a PNG of each page the tests visit into DIR
(the documentation's screenshots come from scripts/screenshots.py on the demo articles).
"""

from __future__ import annotations

import os
from pathlib import Path


def _shot(page, name: str) -> None:
    target = os.environ.get("WIREWATCH_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / f"{name}.png"), full_page=False)


def test_search_add_and_remove_chip(page, live_server):
    page.goto(live_server + "/")
    page.fill("input[name=q]", "drone strike")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=drone+strike*")
    assert page.locator(".chip").count() == 1
    n_before = int(page.locator(".events-list h2 .count").inner_text().replace(",", ""))
    page.locator(".facet[data-facet=country] a", has_text="IQ").first.click()
    page.wait_for_selector(".chip[data-param=country]")
    assert "country IQ" in page.locator(".chips").inner_text()
    n_after = int(page.locator(".events-list h2 .count").inner_text().replace(",", ""))
    assert 0 < n_after <= n_before
    _shot(page, "search")
    page.locator(".chip[data-param=country] a.x").click()
    page.wait_for_function("document.querySelectorAll('.chip[data-param=country]').length === 0")
    assert page.locator(".chip").count() == 1


def test_open_event_and_see_claim_highlighted(page, live_server):
    page.goto(live_server + "/?date=2024-01-04&tag=airstrike")
    page.locator(".events-list li.event a.title").first.click()
    page.wait_for_selector("table.claims-table")
    assert "CAMEO" in page.content()
    assert page.locator("tr.claim").count() >= 1
    page.wait_for_selector("#map .ww-marker")
    _shot(page, "event")
    page.locator("tr.claim a").first.click()
    mark = page.locator("mark.hl-claim.focus").first
    mark.wait_for()
    assert mark.is_visible()
    assert "killing at least" in mark.inner_text()
    target = page.evaluate("location.hash")
    assert target.startswith("#claim-") and page.locator(f"mark{target}").count() == 1
    _shot(page, "article")


def test_map_shows_markers_without_tiles(page, live_server):
    page.goto(live_server + "/map")
    page.wait_for_selector("#map .ww-marker")
    assert page.locator("#map .ww-marker").count() >= 10
    page.wait_for_selector("#map path.leaflet-interactive, #map svg path")
    assert "located event" in page.locator("#map-status").inner_text()
    _shot(page, "map")


def test_timeline_bars_link_to_a_day(page, live_server):
    page.goto(live_server + "/timeline")
    bars = page.locator("svg.timeline rect.bar")
    assert bars.count() >= 5
    _shot(page, "timeline")
    page.locator("svg.timeline a").first.click()
    page.wait_for_selector(".chip[data-param=date]")


def test_a_timed_out_facet_is_named_and_the_results_still_come(page, live_server, monkeypatch):
    """The one facet statement runs out of time: the page says which facets timed out, shows the
    event-column counts (read apart) and every result."""
    from wirewatch.store.sqlite import SQLiteStore

    real = SQLiteStore._timed

    def slow_facet_statement(self, sql, params):
        return None if "event_facets" in sql else real(self, sql, params)

    monkeypatch.setattr(SQLiteStore, "_timed", slow_facet_statement)
    page.goto(live_server + "/?country=IQ&status=occurred&min_fatalities=1")
    notice = page.locator(".facet-notice")
    assert "Actor" in notice.inner_text() and "Tags" in notice.inner_text()
    assert page.locator('.facet.timed-out[data-facet="actor"]').count() == 1
    assert page.locator('.facet[data-facet="country"] li').first.inner_text().startswith("IQ")
    assert page.locator(".events-list li.event").count() >= 1
    assert page.locator(".articles-list li.article").count() >= 1
