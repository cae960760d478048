"""Two reports of one strike with different tolls: after ingest the fused event's page and API show
where the sources disagree, with who said what."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from wirewatch.commands.ingest import Tally, fuse_stored, store_docs
from wirewatch.contract import to_contract
from wirewatch.model import RawDocument
from wirewatch.pipeline import process
from wirewatch.store import open_store
from wirewatch.web.app import WebSettings, create_app

A = ("Drone strike kills militants near Kandahar\n\nMonday, 11 March 2024 10:00 AM GMT\n\n"
     "KANDAHAR (Reuters) - A drone strike hit a militant hideout in the village of Nakhonay near Kandahar on "
     "Monday, killing four fighters, police said.")
B = ("Strike near Kandahar kills two, group says\n\nMonday, 11 March 2024 06:00 PM GMT\n\n"
     "KANDAHAR (AFP) - A drone strike on a hideout in the village of Nakhonay near Kandahar on Monday killed "
     "two of its fighters, a spokesman for the group said.")


def test_fused_event_shows_disagreeing_claims(tmp_path: Path, resources) -> None:
    db = str(tmp_path / "w.sqlite")
    docs = [to_contract(process(RawDocument(source=f"{n}.txt", content=t, kind="text"), resources))
            for n, t in (("a", A), ("b", B))]
    assert all(d["events"] for d in docs), [d["events"] for d in docs]
    with open_store(db) as store:
        store_docs(store, docs, Tally())
        assert fuse_stored(store) >= 1
    client = TestClient(create_app(WebSettings.from_env(db)))
    found = client.get("/api/search", params={"q": "Kandahar"}).json()
    fused = [e for e in found["events"]["items"] if e.get("kind") == "fused"]
    assert fused, json.dumps(found["events"]["items"])[:500]
    ev = client.get(f"/api/events/{fused[0]['id']}").json()
    assert sorted(ev["articles"]) == sorted(d["article"]["id"] for d in docs)
    (dis,) = [d for d in ev["disagreements"] if d["field"] == "fatalities"]
    assert "4" in dis["text"] and "2" in dis["text"]
    page = client.get(f"/events/{fused[0]['id']}").text
    assert "Sources disagree" in page and dis["text"].split(",")[0].split(":")[0] in page
