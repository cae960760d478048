"""The web application: server-rendered pages and the JSON API in one FastAPI app.

``create_app(settings)`` builds it; nothing happens at import time.  Every error has
one JSON shape under ``/api`` (``{"error": {"status", "code", "message"}}``) and an
HTML page elsewhere.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import traceback
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import InputError, StoreError, WirewatchError
from ..store import Store, open_store

HERE = Path(__file__).parent
log = logging.getLogger(__name__)
MAX_BODY_BYTES = 5 * 1024 * 1024
INGEST_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Server settings; ``from_env`` reads WIREWATCH_TOKEN, WIREWATCH_TILES, WIREWATCH_TILES_ATTRIBUTION."""

    db_url: str
    token: str | None = None
    tiles: str | None = None  # e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png ; None = offline outlines
    tiles_attribution: str = ""
    max_body_bytes: int = MAX_BODY_BYTES
    ingest_seconds: float = INGEST_SECONDS  # one POST /api/ingest runs the pipeline at most this long
    warm: bool = True  # with writing on, load the NLP model at start-up, not inside the first POST

    @staticmethod
    def from_env(db_url: str) -> WebSettings:
        return WebSettings(db_url=db_url, token=os.environ.get("WIREWATCH_TOKEN") or None,
                           tiles=os.environ.get("WIREWATCH_TILES") or None,
                           tiles_attribution=os.environ.get("WIREWATCH_TILES_ATTRIBUTION", ""))


class Stores:
    """A pool of read-only stores (one per request at a time), plus one writer behind a lock.

    A request borrows a connection for its whole duration: FastAPI may run a dependency and
    its endpoint on different threads, so thread-local connections could be shared by two
    requests at once.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()
        self.write_lock = threading.Lock()
        self._writer: Store | None = None
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def acquire(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            store = open_store(self.url, readonly=True)
            with self._lock:
                self._all.append(store)
            return store

    def release(self, store: Store) -> None:
        self._idle.put(store)

    def writer(self) -> Store:
        if self._writer is None:
            self._writer = open_store(self.url)
            self._all.append(self._writer)
        return self._writer

    def close(self) -> None:
        with self._lock:
            for s in self._all:
                s.close()
            self._all.clear()


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes (by Content-Length, and while streaming)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await error_response(413, "body_too_large", f"request body over {self.limit} bytes")(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            msg = await receive()
            seen += len(msg.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge(f"request body over {self.limit} bytes")
            return msg

        await self.app(scope, limited, send)


class BodyTooLarge(StarletteHTTPException):
    def __init__(self, message: str) -> None:
        super().__init__(413, message)


class CatchAll:
    """The last line: an unexpected exception becomes a 500 in the one error shape, and is not
    re-raised to the server, which would then drop the keep-alive connection."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(msg: Message) -> None:
            nonlocal started
            started = started or msg["type"] == "http.response.start"
            await send(msg)

        try:
            await self.app(scope, receive, watched)
        except Exception:  # noqa: BLE001 - logged; the client gets the one error shape
            log.error("internal error on %s:\n%s", scope.get("path"), traceback.format_exc())
            if not started:
                response = _render_error(Request(scope), 500, "internal_error", "internal error; see the server log")
                await response(scope, receive, send)


def error_body(status: int, code: str, message: str) -> dict[str, object]:
    return {"error": {"status": status, "code": code, "message": message}}


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(error_body(status, code, message), status_code=status)


_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 413: "body_too_large", 422: "invalid_parameter", 499: "client_closed",
          500: "internal_error", 503: "unavailable"}


def _render_error(request: Request, status: int, code: str, message: str):
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return error_response(status, code, message)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "code": code, "message": message},
                                      status_code=status)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _render_error(request, exc.status_code, _CODES.get(exc.status_code, "error"), str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "body", "path"))
            parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
        return _render_error(request, 400, "invalid_parameter", "; ".join(parts) or "invalid request")

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError):
        return _render_error(request, 400, "invalid_parameter", exc.message)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        return _render_error(request, 503, "store_error", exc.message)

    @app.exception_handler(WirewatchError)
    async def other_error(request: Request, exc: WirewatchError):
        return _render_error(request, 400, exc.code, exc.message)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        return _render_error(request, 500, "internal_error", "internal error; see the server log")


def _csp(tiles: str | None) -> str:
    img = "'self' data:"
    if tiles:
        parts = urlsplit(tiles.replace("{s}", "a"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tiles else parts.netloc
        img += f" {parts.scheme}://{host}"
    return (f"default-src 'self'; img-src {img}; script-src 'self'; style-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def create_app(settings: WebSettings) -> FastAPI:
    """The app for one database (migrated now, so configuration errors show at start-up)."""
    from fastapi.templating import Jinja2Templates

    from . import api, ingest, pages

    open_store(settings.db_url).close()
    stores = Stores(settings.db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if settings.token and settings.warm:
            from fastapi.concurrency import run_in_threadpool

            await run_in_threadpool(warm_pipeline)
        yield
        stores.close()

    app = FastAPI(title="Wirewatch", version="1", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Search, facets, map and timeline over stored conflict events. Read-only unless "
                              "the operator sets WIREWATCH_TOKEN (then POST /api/ingest with a bearer token).")
    app.state.settings = settings
    app.state.stores = stores
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    pages.configure_templates(app.state.templates)
    csp = _csp(settings.tiles)
    app.add_middleware(CatchAll)  # innermost of ours: its 500 still gets the security headers

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    _install_errors(app)
    app.include_router(api.router)
    app.include_router(ingest.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app


def warm_pipeline() -> None:
    """Load the NLP model, gazetteer and actor dictionary now (a server that accepts writes)."""
    from ..pipeline import default_resources

    res = default_resources()
    res.warm()


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (multi-worker serving): settings from the environment."""
    from ..config import default_db

    return create_app(WebSettings.from_env(default_db()))
