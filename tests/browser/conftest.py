"""Browser fixtures: a live server on a free loopback port and Debian's headless Chromium via Playwright.

The tests skip with a message when /usr/bin/chromium or Playwright is missing;
``scripts/install-browser.sh`` installs Chromium (CI runs it first).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("WIREWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[str]:
    import uvicorn

    from wirewatch.store import open_store
    from wirewatch.store.synthetic import sample_doc
    from wirewatch.web.app import WebSettings, create_app

    db = str(tmp_path_factory.mktemp("browser") / "b.sqlite")
    with open_store(db) as s:
        s.upsert_extraction(sample_doc(0, day=date(2024, 1, 4), kind=0, tags=("us", "military")))
        for i in range(1, 12):
            s.upsert_extraction(sample_doc(i, day=date(2024, 1, 1 + i % 9), events=1 + i % 2))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(WebSettings(db_url=db)), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start in 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: run `bash scripts/install-browser.sh` (Debian chromium) to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.set_default_timeout(10_000)
    yield p
    context.close()
