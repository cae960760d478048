"""Web pages and JSON API: one error shape, escaping of untrusted text, token-guarded writes, limits."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from wirewatch.store import open_store
from wirewatch.store.synthetic import sample_doc
from wirewatch.web.app import WebSettings, create_app

HOSTILE = ('<script>alert("x")</script> <img src=x onerror="alert(1)"> '
           '<a href="javascript:alert(2)">click</a> " onmouseover="alert(3)')


def hostile_doc() -> dict:
    doc = sample_doc(7, extra_text=HOSTILE, title='<script>alert("t")</script>', tags=('<b>tag</b>',))
    doc["article"]["url"] = "javascript:alert(4)"
    doc["article"]["outlet"] = '"><svg onload=alert(5)>'
    doc["events"][0]["actors"][0]["name"] = "<script>alert(6)</script>"
    # a claim whose span covers the hostile text, so it is highlighted too
    text = doc["article"]["text"]
    start = text.index("<script>")
    doc["events"][0]["claims"].append({"field": "injured", "value": 1, "qualifier": None,
                                       "claimant": "<i>x</i>", "reported_by": None, "superseded": False,
                                       "start": start, "end": start + 30, "text": text[start:start + 30]})
    # a lying span (offsets that do not match the text) must be dropped, not rendered
    doc["events"][0]["evidence"].append({"start": 0, "end": 5, "text": "<b>no"})
    return doc


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("web") / "web.sqlite")
    with open_store(path) as s:
        for i in range(4):
            s.upsert_extraction(sample_doc(i, events=2))
        s.upsert_extraction(hostile_doc())
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(WebSettings(db_url=db, token="s3cret", max_body_bytes=50_000, warm=False))) as c:
        yield c


HTML = {"accept": "text/html"}


def _no_live_markup(html: str) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert 'href="javascript:' not in html.lower()
    assert not re.search(r"<[^>]+\son(error|load|mouseover)=", html)


def test_pages_render(client):
    for url in ["/", "/?q=drone&country=IQ", "/map", "/timeline", "/?tag=airstrike&date=2024-01-04"]:
        r = client.get(url, headers=HTML)
        assert r.status_code == 200, url
        assert "text/html" in r.headers["content-type"]
        assert "script-src 'self'" in r.headers["content-security-policy"]


def test_chip_has_remove_link(client):
    html = client.get("/?date=2024-01-04&tag=airstrike", headers=HTML).text
    assert "date 2024-01-04" in html and "tag airstrike" in html
    assert 'href="/?tag=airstrike"' in html  # removing the date chip keeps the tag
    assert 'href="/?date=2024-01-04"' in html


def test_article_page_escapes_everything(client, db):
    doc = hostile_doc()
    r = client.get(f"/articles/{doc['article']['id']}", headers=HTML)
    assert r.status_code == 200
    html = r.text
    _no_live_markup(html)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html or "&lt;script&gt;alert(&quot;x&quot;)" in html
    assert "javascript:alert(4)" in html  # shown as text, not as a link
    assert 'class="hl-claim' in html


def test_event_and_search_pages_escape(client):
    doc = hostile_doc()
    for url in [f"/events/{doc['events'][0]['id']}", "/?q=synthetic", f"/?actor={doc['events'][0]['actors'][0]['name']}"]:
        r = client.get(url, headers=HTML)
        assert r.status_code == 200, url
        _no_live_markup(r.text)


def test_query_echo_is_escaped(client):
    r = client.get('/?q="><script>alert(1)</script>', headers=HTML)
    assert r.status_code == 200
    _no_live_markup(r.text)


def test_highlight_marks_exact_offsets(client):
    doc = sample_doc(0, events=2)
    html = client.get(f"/articles/{doc['article']['id']}?event={doc['events'][0]['id']}", headers=HTML).text
    claim = doc["events"][0]["claims"][0]["text"]
    assert re.search(r'<mark class="[^"]*hl-claim[^"]*"[^>]*id="claim-' + doc["events"][0]["id"] + r'-0">' + claim, html)


def _assert_error(r, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["code"] == code and body["error"]["message"]
    return body


@pytest.mark.parametrize("url, status, code", [
    ("/api/search?date=yesterday", 400, "invalid_parameter"),
    ("/api/search?country=IRQ", 400, "invalid_parameter"),
    ("/api/search?per_page=1000", 400, "invalid_parameter"),
    ("/api/search?page=0", 400, "invalid_parameter"),
    ("/api/search?min_fatalities=abc", 400, "invalid_parameter"),
    ("/api/search?q=" + "x" * 201, 400, "invalid_parameter"),
    ("/api/search?bbox=1,2", 400, "invalid_parameter"),
    ("/api/events/nope", 404, "not_found"),
    ("/api/articles/nope", 404, "not_found"),
    ("/api/nothing-here", 404, "not_found"),
])
def test_api_errors_have_one_shape(client, url, status, code):
    _assert_error(client.get(url), status, code)


def test_api_method_not_allowed(client):
    _assert_error(client.delete("/api/search"), 405, "method_not_allowed")


def test_api_search_and_records(client):
    data = client.get("/api/search", params={"q": "drone strike", "country": "IQ", "per_page": 2}).json()
    assert data["events"]["total"] >= 1 and len(data["events"]["items"]) <= 2
    assert data["sentence"] == "text matches “drone strike” and country is IQ"
    assert {c["param"] for c in data["chips"]} == {"q", "country"}
    assert "facets" in data and data["facets"]["country"]["values"][0]["value"] == "IQ"
    ev = data["events"]["items"][0]
    full = client.get(f"/api/events/{ev['id']}").json()
    assert full["claims"] and full["articles"]
    art = client.get(f"/api/articles/{full['articles'][0]}").json()
    assert art["events"] and art["text"]
    geo = client.get("/api/map", params={"country": "IQ"}).json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    assert client.get("/api/timeline").json()["days"]


def test_api_hostile_query_is_data(client):
    r = client.get("/api/search", params={"q": "'; DROP TABLE articles; --", "actor": "x' OR 1=1 --"})
    assert r.status_code == 200 and r.json()["events"]["total"] == 0
    assert client.get("/api/health").json()["counts"]["articles"] == 5


def test_openapi_documents_filters_and_endpoints(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for p in ["/api/search", "/api/facets", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/map",
              "/api/timeline", "/api/ingest"]:
        assert p in paths
    names = {p["name"] for p in paths["/api/search"]["get"]["parameters"]}
    assert {"q", "date", "tag", "country", "bbox", "page", "per_page", "min_fatalities"} <= names


def test_ingest_needs_token(client):
    doc = sample_doc(20)
    _assert_error(client.post("/api/ingest", json={"extractions": [doc]}), 401, "unauthorized")
    _assert_error(client.post("/api/ingest", json={"extractions": [doc]},
                              headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
    r = client.post("/api/ingest", json={"extractions": [doc]}, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200 and r.json()["stored"] == 1
    r = client.post("/api/ingest", json={"extractions": [doc]}, headers={"Authorization": "Bearer s3cret"})
    assert r.json() == {"stored": 0, "unchanged": 1, "events": 1, "failures": 0, "warnings": 0}
    bad = client.post("/api/ingest", json={"extractions": [{"article": {}}]}, headers={"Authorization": "Bearer s3cret"})
    _assert_error(bad, 400, "invalid_parameter")  # a malformed document is refused whole (issue #15)
    assert "article.id" in bad.json()["error"]["message"]


def test_ingest_disabled_without_token(db):
    with TestClient(create_app(WebSettings(db_url=db))) as c:
        _assert_error(c.post("/api/ingest", json={"extractions": []}), 403, "forbidden")


def test_body_size_limit(client):
    big = {"extractions": [{"x": "y" * 60_000}]}
    _assert_error(client.post("/api/ingest", json=big, headers={"Authorization": "Bearer s3cret"}),
                  413, "body_too_large")


def test_ingest_validation_error_shape(client):
    _assert_error(client.post("/api/ingest", json={"articles": "nope"}, headers={"Authorization": "Bearer s3cret"}),
                  400, "invalid_parameter")


def test_html_errors_are_pages(client):
    r = client.get("/events/<script>", headers=HTML)
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    _no_live_markup(r.text)
    r = client.get("/?date=<script>alert(1)</script>", headers=HTML)
    assert r.status_code == 400
    _no_live_markup(r.text)


def test_static_vendor_files_are_served(client):
    assert client.get("/static/vendor/leaflet.js").status_code == 200
    outline = client.get("/static/vendor/countries.geojson").json()
    assert outline["type"] == "FeatureCollection" and len(outline["features"]) > 150


def test_every_filter_and_setting_is_documented():
    from pathlib import Path

    from wirewatch.search.filters import PARAMS

    doc = (Path(__file__).resolve().parents[1] / "docs" / "web.md").read_text()
    params = [*PARAMS, "date", "since", "until", "min_fatalities", "max_fatalities", "bbox", "page", "per_page"]
    missing = [p for p in params if f"`{p}`" not in doc and f"{p}=" not in doc]
    assert not missing, f"undocumented filters in docs/web.md: {missing}"
    for setting in ("WIREWATCH_TOKEN", "WIREWATCH_TILES", "WIREWATCH_TILES_ATTRIBUTION", "WIREWATCH_DB"):
        assert setting in doc, setting
