"""``POST /api/ingest``: authenticated writes, checked in the order that keeps the server safe.

1. the bearer token, before a byte of the body is read or parsed (``401``/``403``);
2. the body size (``BodyLimit`` middleware, ``413``), then JSON that is not nested too deep;
3. the request shape (pydantic) and every extraction document (``store.validate``), and no
   article or document id twice in one request: any problem is a ``400`` in the one error shape;
4. the pipeline, one article at a time in a worker thread, with a deadline for the whole request
   (``503`` when it passes) and a stop as soon as the client goes away (nothing is stored then);
5. one write under the store's write lock.
"""

from __future__ import annotations

import hmac
import time
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, ValidationError

from ..errors import InputError

router = APIRouter(prefix="/api", tags=["api"])
MAX_ARTICLE_CHARS = 200_000
MAX_REQUEST_CHARS = 1_000_000  # article text in one request: the pipeline runs on all of it


class ArticleIn(BaseModel):
    id: str | None = Field(None, min_length=1, max_length=200)
    text: str = Field(..., max_length=MAX_ARTICLE_CHARS)
    title: str | None = Field(None, max_length=1000)
    published: str | int | None = Field(None)
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    tags: list[str] = Field(default_factory=list, max_length=50)


class IngestIn(BaseModel):
    """Either raw articles (run through the pipeline) or `wirewatch extract` documents, 100 at most."""

    articles: list[ArticleIn] = Field(default_factory=list, max_length=100)
    extractions: list[dict[str, Any]] = Field(default_factory=list, max_length=100)


def check_token(token: str | None, authorization: str | None) -> None:
    """403 when writing is off; 401 unless ``Authorization: Bearer <token>`` matches (constant time,
    compared as bytes so a non-ASCII header is a wrong token, not a ``TypeError``)."""
    if not token:
        raise HTTPException(403, "writing is disabled: the operator has not set WIREWATCH_TOKEN")
    auth = authorization or ""
    given = auth.removeprefix("Bearer ").strip().encode("utf-8", "surrogateescape")
    if not auth.startswith("Bearer ") or not hmac.compare_digest(given, token.encode("utf-8")):
        raise HTTPException(401, "a valid bearer token is needed to write")


async def _body(request: Request) -> IngestIn:
    from ..ingest.read import load_json

    obj, problem = load_json((await request.body()).decode("utf-8", "replace"))
    if problem is not None:
        raise InputError(f"the request body is {problem}")
    try:
        body = IngestIn.model_validate(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise InputError(f"{where or 'body'}: {first.get('msg')} ({exc.error_count()} problem(s))") from None
    _check_extractions(body.extractions)
    _check_ids(body)
    total = sum(len(a.text) for a in body.articles)
    if total > MAX_REQUEST_CHARS:
        raise InputError(f"the articles hold {total:,} characters; one request takes at most {MAX_REQUEST_CHARS:,}")
    return body


def _check_extractions(docs: list[dict[str, Any]]) -> None:
    from ..store.validate import problems

    for i, doc in enumerate(docs):
        found = problems(doc)
        if found:
            raise InputError(f"extractions[{i}] is not a storable extraction document: {'; '.join(found)}")


def _check_ids(body: IngestIn) -> None:
    ids = [a.id for a in body.articles if a.id] + [d["article"]["id"] for d in body.extractions]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise InputError(f"article id(s) used twice in one request: {', '.join(map(repr, dupes[:3]))}")


async def _process(request: Request, articles: list[ArticleIn]) -> list[dict[str, Any]]:
    """Contract documents for the articles, one per worker-thread call; stops at the deadline or
    when the client leaves."""
    from ..contract import to_contract
    from ..model import RawDocument
    from ..pipeline import process

    deadline = time.monotonic() + request.app.state.settings.ingest_seconds
    out = []
    for a in articles:
        if await request.is_disconnected():
            raise HTTPException(499, "the client closed the request; nothing was stored")
        if time.monotonic() > deadline:
            raise HTTPException(503, f"the ingest took over {request.app.state.settings.ingest_seconds:g} s;"
                                     " nothing was stored (send fewer or shorter articles)")
        raw = RawDocument(source=a.id or "api", content=a.text, kind="record", id=a.id, title=a.title,
                          published=None if a.published is None else str(a.published), url=a.url,
                          outlet=a.outlet, tags=tuple(a.tags))
        out.append(to_contract(await run_in_threadpool(process, raw)))
    return out


def _inline(schema: dict[str, Any]) -> dict[str, Any]:
    """A JSON schema with its ``$defs`` references replaced by the definitions (no dangling refs)."""
    defs = schema.pop("$defs", {})

    def sub(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            return sub(defs[ref.rsplit("/", 1)[-1]]) if ref.startswith("#/$defs/") else {k: sub(v) for k, v in node.items()}
        return [sub(v) for v in node] if isinstance(node, list) else node

    return sub(schema)


@router.post("/ingest", summary="Store articles (needs Authorization: Bearer $WIREWATCH_TOKEN)",
             responses={400: {"description": "invalid body: {\"error\": {\"status\", \"code\", \"message\"}}"},
                        401: {"description": "no or wrong token"}, 403: {"description": "writing disabled"},
                        413: {"description": "body too large"}, 503: {"description": "over the time limit"}},
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                 "schema": _inline(IngestIn.model_json_schema())}}}})
async def api_ingest(request: Request) -> dict[str, Any]:
    check_token(request.app.state.settings.token, request.headers.get("authorization"))
    from ..commands.ingest import Tally, store_docs

    body = await _body(request)
    docs = list(body.extractions) + await _process(request, body.articles)
    stores = request.app.state.stores

    def write() -> Tally:
        with stores.write_lock:
            return store_docs(stores.writer(), docs, Tally())

    tally = await run_in_threadpool(write)
    return {"stored": tally.stored, "unchanged": tally.unchanged, "events": tally.events,
            "failures": tally.failures, "warnings": tally.warnings}
