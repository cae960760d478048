"""The Sources page: a failing feed shows its last error and time, the good one shows ok."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from wirewatch.store import open_store
from wirewatch.watch.sources import Source
from wirewatch.watch.state import WatchState
from wirewatch.web.app import WebSettings, create_app


def test_sources_page_shows_failing_feed(tmp_path: Path) -> None:
    db = str(tmp_path / "w.sqlite")
    good = Source("good-feed", "http://127.0.0.1:9/good.xml", outlet="G")
    bad = Source("broken-feed", "http://127.0.0.1:9/bad.xml")
    with open_store(db) as store:
        state = WatchState(store)
        state.register(good)
        state.register(bad)
        state.record_ok(good, None, None, 3)
        state.record_error(bad, "malformed XML <script>alert(1)</script>")
    html = TestClient(create_app(WebSettings.from_env(db))).get("/sources").text
    assert "broken-feed" in html and "failing" in html and "malformed XML" in html
    assert "<script>alert(1)</script>" not in html  # error text is escaped like article text
    assert html.index("broken-feed") < html.index("good-feed")  # failing first


def test_sources_page_without_watcher_tables(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.sqlite")
    with open_store(db):
        pass
    page = TestClient(create_app(WebSettings.from_env(db))).get("/sources")
    assert page.status_code == 200 and "No sources yet" in page.text
