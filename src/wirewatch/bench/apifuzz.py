"""A seeded fuzz run against the web app: random hostile requests, every answer's status counted.

Requests mix every route (and junk paths), filter parameters with poison values (huge integers,
dates out of the window, bad enums, control characters, repeated values), ids with ``/``, ``%2F``,
``..`` and non-ASCII, hostile headers (non-ASCII and malformed bearer tokens) and ``POST
/api/ingest`` bodies that are broken JSON, deeply nested, or extraction documents with a field
deleted or given the wrong type.  Used by the tests (no 5xx allowed) and by ``wirewatch bench --hostile``.
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

PATHS = ["/", "/map", "/timeline", "/sources", "/api/search", "/api/facets", "/api/map", "/api/timeline",
         "/api/health", "/api/ingest", "/openapi.json", "/static/app.js", "/articles/", "/events/", "/api/articles/",
         "/api/events/", "/nope", "/api", "/static/../app.py"]
PARAMS = ["q", "date", "since", "until", "tag", "country", "admin1", "type", "sub_type", "actor", "status", "outlet",
          "min_fatalities", "max_fatalities", "bbox", "page", "per_page", "facets", "limit", "event", "junk"]
VALUES = ["0001-01-01", "9999-12-31", "2024-02-30", "2024-01-04", "99999999999999999999999", "-1", "0", "1e3", "NaN",
          "", " ", "IQ", "IRQ", "occurred", "happened", "1,2,3,4", "-181,0,0,0", "nan,nan,nan,nan", "%00", "\x00",
          "é中\u202e", "' OR 1=1 --", '"unclosed', "*", "a" * 300, "<script>alert(1)</script>", "true", "20160217"]
IDS = ["a/b", "a%2Fb", "..", "../../etc/passwd", "%", "é中", "x" * 500, "?x=1", "#", "\u202e", "%00", "null", "1"]
TOKENS = [None, "Bearer s3cret-token", "Bearer wrong", "Bearer ", "bearer s3cret-token", "Basic abc",
          "Bearer s3cret-token\x00", "Bearer é中", "Bearer " + "x" * 5000]


@dataclass
class FuzzResult:
    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        return {"requests": self.requests, "server_errors": len(self.server_errors), "seconds": round(self.seconds, 1),
                "statuses": {str(k): v for k, v in sorted(self.statuses.items())}}


def _query(rng: random.Random) -> list[tuple[str, str]]:
    return [(rng.choice(PARAMS), rng.choice(VALUES)) for _ in range(rng.randrange(0, 6))]


def _path(rng: random.Random) -> str:
    from urllib.parse import quote

    path = rng.choice(PATHS)
    if path.endswith("/") and path != "/":
        path += quote(rng.choice(IDS), safe=rng.choice(["/", "", "%"]))
    return path


def _mangle(doc: Any, rng: random.Random, depth: int = 0) -> Any:
    """A document with one random field deleted, retyped or swapped for a hostile value."""
    if not isinstance(doc, dict | list) or not doc or depth > 6:
        return rng.choice([None, -1, 10**30, "", "x", [], {}, 1.5, True, "9999-12-31"])
    key = rng.choice(list(doc)) if isinstance(doc, dict) else rng.randrange(len(doc))
    roll = rng.random()
    if roll < 0.2 and isinstance(doc, dict):
        del doc[key]
    elif roll < 0.5:
        doc[key] = _mangle(None, rng)
    else:
        doc[key] = _mangle(doc[key], rng, depth + 1)
    return doc


def _body(rng: random.Random) -> tuple[bytes, str]:
    from ..store.synthetic import sample_doc

    roll = rng.random()
    if roll < 0.1:
        return b"[" * rng.choice([10, 1000, 100_000]) + b"]" * 3, "application/json"
    if roll < 0.2:
        return rng.choice([b"{not json", b"", b"\xff\xfe", b"null", b'{"articles": "x"}', b"[]"]), "application/json"
    if roll < 0.25:
        text = rng.choice(["A short note.", "Police said a bomb killed two people in Kabul on Monday.", "\u202e", ""])
        return json.dumps({"articles": [{"id": rng.choice(IDS + [None]), "text": text,
                                         "published": rng.choice(VALUES)}]}).encode(), "application/json"
    doc = sample_doc(rng.randrange(1000))
    for _ in range(rng.randrange(0, 3)):
        doc = _mangle(doc, rng)
    return json.dumps({"extractions": [doc]}, allow_nan=True).encode(), rng.choice(["application/json", "text/plain"])


def _request(client: Any, rng: random.Random) -> Any:
    headers = [(b"accept", rng.choice([b"text/html", b"application/json", b"*/*"]))]
    token = rng.choice(TOKENS)
    if token is not None:
        headers.append((b"authorization", token.encode("utf-8")))
    path = _path(rng)
    if path == "/api/ingest" or rng.random() < 0.05:
        body, ctype = _body(rng)
        headers.append((b"content-type", ctype.encode()))
        return client.request(rng.choice(["POST", "POST", "PUT"]), path, content=body, headers=headers)
    return client.request(rng.choice(["GET"] * 8 + ["HEAD", "DELETE", "OPTIONS"]), path, params=_query(rng),
                          headers=headers)


def fuzz_app(db_url: str, requests: int = 10_000, seed: int = 15, token: str = "s3cret-token") -> FuzzResult:
    """Send ``requests`` random hostile requests to a fresh app on ``db_url`` (through TestClient)."""
    from fastapi.testclient import TestClient

    from ..web.app import WebSettings, create_app

    rng = random.Random(seed)
    result = FuzzResult()
    settings = WebSettings(db_url=db_url, token=token, warm=False, max_body_bytes=1_000_000)
    start = time.perf_counter()
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        for _ in range(requests):
            r = _request(client, rng)
            result.requests += 1
            result.statuses[r.status_code] += 1
            if r.status_code >= 500:
                result.server_errors.append(f"{r.request.method} {r.request.url} -> {r.status_code} {r.text[:200]}")
    result.seconds = time.perf_counter() - start
    return result
