"""Issue #15, finding 7: the API answers hostile requests with 4xx in the one error shape, never 5xx."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time

import pytest
from fastapi.testclient import TestClient

from wirewatch.store import open_store
from wirewatch.store.synthetic import sample_doc
from wirewatch.web.app import WebSettings, create_app

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _error(r, status: int, code: str | None = None) -> None:
    assert r.status_code == status, r.text
    body = r.json()["error"]
    assert body["status"] == status and body["message"] and (code is None or body["code"] == code)


@pytest.mark.parametrize("query", ["min_fatalities=99999999999999999999999", "max_fatalities=1e3",
                                   "page=99999999999999999999", "per_page=-1", "status=happened",
                                   "date=2024-02-30", "since=2024-01-05&until=2024-01-01", "bbox=1,2,3",
                                   "country=IRQ", "limit=0", "date=%00", "q=" + "x" * 300])
def test_bad_query_parameters_are_400(web_client, query):
    _error(web_client.get(f"/api/map?{query}" if "limit" in query else f"/api/search?{query}"), 400)


def test_non_ascii_bearer_token_is_401_not_typeerror(web_client):
    r = web_client.post("/api/ingest", content=b"{}", headers=[(b"authorization", "Bearer é中".encode())])
    _error(r, 401, "unauthorized")


def test_token_is_checked_before_the_body_is_parsed(web_client):
    r = web_client.post("/api/ingest", content=b"{not json", headers={"content-type": "application/json"})
    _error(r, 401, "unauthorized")
    r = web_client.post("/api/ingest", content=b"{not json", headers=AUTH | {"content-type": "application/json"})
    _error(r, 400)


def test_body_size_is_bounded(web_client):
    _error(web_client.post("/api/ingest", content=b"x" * 300_000, headers=AUTH), 413, "body_too_large")


@pytest.mark.parametrize("mangle", [
    lambda d: d["events"][0]["claims"][0].pop("start"), lambda d: d["events"][0].update(status="happened"),
    lambda d: d["events"][0].update(actors=[None]), lambda d: d["article"].update(text=None),
    lambda d: d["events"][0]["fatalities"].update(best=10**30), lambda d: d["places"][0].update(lat=float("nan")),
    lambda d: d["events"][0]["evidence"].append({"start": 5, "end": 10**9}), lambda d: d.update(events={"a": 1}),
    lambda d: d["events"].append(dict(d["events"][0]))])
def test_malformed_extraction_documents_are_400(web_client, mangle):
    doc = sample_doc(30)
    mangle(doc)
    body = json.dumps({"extractions": [doc]}).encode()  # NaN included, as a careless client sends it
    headers = AUTH | {"content-type": "application/json"}
    _error(web_client.post("/api/ingest", content=body, headers=headers), 400, "invalid_parameter")


def test_an_extraction_cannot_take_another_articles_event(web_client, web_db):
    victim = sample_doc(0, events=2)
    thief = sample_doc(31)
    thief["events"][0]["id"] = victim["events"][0]["id"]
    thief["events"][0]["event_type"] = "Riots"
    r = web_client.post("/api/ingest", json={"extractions": [thief]}, headers=AUTH)
    assert r.status_code == 200 and r.json()["failures"] == 1 and r.json()["stored"] == 0
    ev = web_client.get(f"/api/events/{victim['events'][0]['id']}").json()
    assert ev["event_type"] == victim["events"][0]["event_type"]


def test_ids_with_slashes_are_reachable(web_client):
    doc = sample_doc(32)
    doc["article"]["id"] = "wire/2024/01/04?x#y"
    assert web_client.post("/api/ingest", json={"extractions": [doc]}, headers=AUTH).json()["stored"] == 1
    from urllib.parse import quote

    path = quote(doc["article"]["id"], safe="/")
    assert web_client.get(f"/api/articles/{path}").json()["id"] == doc["article"]["id"]
    assert web_client.get(f"/articles/{path}", headers={"accept": "text/html"}).status_code == 200


def test_long_ingest_is_bounded(web_db):
    settings = WebSettings(db_url=web_db, token=TOKEN, warm=False, ingest_seconds=0.0)
    with TestClient(create_app(settings)) as c:
        before = c.get("/api/health").json()["counts"]["articles"]
        r = c.post("/api/ingest", json={"articles": [{"id": "slow-1", "text": "A text."},
                                                     {"id": "slow-2", "text": "Another."}]}, headers=AUTH)
        _error(r, 503, "unavailable")
        assert c.get("/api/health").json()["counts"]["articles"] == before


def test_ingest_stops_when_the_client_leaves():
    import asyncio

    from fastapi import HTTPException

    from wirewatch.web.ingest import ArticleIn, _process

    class Gone:
        class app:  # noqa: N801 - stands in for request.app
            class state:  # noqa: N801
                settings = WebSettings(db_url=":memory:", ingest_seconds=60)

        async def is_disconnected(self) -> bool:
            return True

    # A fresh thread owns a fresh event loop: an earlier test (the browser
    # suite's sync Playwright) may leave a loop running in this thread.
    from concurrent.futures import ThreadPoolExecutor

    def leave() -> None:
        asyncio.run(_process(Gone(), [ArticleIn(text="x")]))  # type: ignore[arg-type]

    with ThreadPoolExecutor(max_workers=1) as pool:
        with pytest.raises(HTTPException) as err:
            pool.submit(leave).result(timeout=60)
    assert err.value.status_code == 499


def test_the_model_loads_at_start_up_when_writes_are_on(web_db, monkeypatch):
    from wirewatch import pipeline

    monkeypatch.setattr(pipeline, "_DEFAULT", None)  # as in a fresh server process
    app = create_app(WebSettings(db_url=web_db, token=TOKEN))
    assert pipeline._DEFAULT is None  # building the app loads nothing
    with TestClient(app):  # start-up
        res = pipeline._DEFAULT
        assert res is not None and res.annotator._nlp is not None and res._geoparser is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_keep_alive_survives_an_internal_error(tmp_path):
    import uvicorn

    db = str(tmp_path / "k.sqlite")
    with open_store(db) as s:
        s.upsert_extraction(sample_doc(1))
    app = create_app(WebSettings(db_url=db, warm=False))

    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/api/boom", boom)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/api/boom")
        r = conn.getresponse()
        assert r.status == 500 and b"internal_error" in r.read()
        sock = conn.sock
        conn.request("GET", "/api/health")  # the same connection: not dropped after the 500
        r = conn.getresponse()
        assert r.status == 200 and conn.sock is sock
        r.read()
        conn.close()
    finally:
        server.should_exit = True
        thread.join(10)
