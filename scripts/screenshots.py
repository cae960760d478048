"""Screenshots of the main pages on the bundled demo articles, for docs/img/.

    python scripts/screenshots.py [--out docs/img]

Runs the pipeline on src/wirewatch/data/demo/*.txt (Wirewatch's own demo articles) into a
temporary database, serves it on a free loopback port, and saves a PNG of the search, event,
article, map and timeline pages with Debian's headless Chromium (``/usr/bin/chromium``).
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_db(path: str) -> None:
    from wirewatch.commands.ingest import Tally, store_docs
    from wirewatch.contract import to_contract
    from wirewatch.ingest.read import read_paths
    from wirewatch.pipeline import process_all
    from wirewatch.store import open_store

    files = sorted(str(p) for p in (ROOT / "src" / "wirewatch" / "data" / "demo").glob("*.txt"))
    with open_store(path) as store:
        tally = store_docs(store, (to_contract(x) for x in process_all(read_paths(files))), Tally())
    print(tally.line(), file=sys.stderr)


def serve(path: str):
    import uvicorn

    from wirewatch.web.app import WebSettings, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(WebSettings(db_url=path)), host="127.0.0.1", port=port,
                                           log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def shoot(base: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "/?q=killed&status=occurred")
        page.screenshot(path=str(out / "search.png"))
        page.locator(".events-list li.event a.title").first.click()
        page.wait_for_selector("table.claims-table")
        page.wait_for_timeout(500)
        page.screenshot(path=str(out / "event.png"))
        link = page.locator("tr.claim a").first
        if link.count():
            link.click()
        else:
            page.locator("section.claims a").first.click()
        page.wait_for_selector("#article-text")
        page.screenshot(path=str(out / "article.png"))
        page.goto(base + "/map")
        page.wait_for_selector("#map .ww-marker")
        page.wait_for_timeout(800)
        page.screenshot(path=str(out / "map.png"))
        page.goto(base + "/timeline")
        page.screenshot(path=str(out / "timeline.png"))
        browser.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=str(ROOT / "docs" / "img"))
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "demo.sqlite")
        build_db(db)
        server, base = serve(db)
        try:
            shoot(base, Path(args.out))
        finally:
            server.should_exit = True
    print(f"screenshots in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
