"""Fixtures of the hostile-input tests (issue #15): a small database and a web client on it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from wirewatch.store import open_store
from wirewatch.store.synthetic import sample_doc
from wirewatch.web.app import WebSettings, create_app

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def web_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("hostile-web") / "web.sqlite")
    with open_store(path) as s:
        for i in range(4):
            s.upsert_extraction(sample_doc(i, events=2))
    return path


@pytest.fixture(scope="module")
def web_client(web_db):
    settings = WebSettings(db_url=web_db, token=TOKEN, max_body_bytes=200_000, warm=False)
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c
