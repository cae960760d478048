"""Serve the search page, map, timeline and JSON API (localhost by default)."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help="SQLite path or sqlite:/// URL (default: $WIREWATCH_DB)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--workers", type=int, default=1, help="server processes (default 1)")


def run(args: argparse.Namespace) -> int:
    from ..config import default_db
    from ..errors import ConfigError

    try:
        import uvicorn
    except ImportError:
        raise ConfigError("the web server needs the `web` extra: pip install 'wirewatch[web]'") from None
    from ..web.app import WebSettings, create_app

    settings = WebSettings.from_env(args.db or default_db())
    app = create_app(settings)  # opens the database now: configuration errors show before listening
    print(f"wirewatch serve: http://{args.host}:{args.port}/  (database {settings.db_url})", flush=True)
    if args.workers > 1:
        import os

        os.environ["WIREWATCH_DB"] = settings.db_url
        sock = _listen(args.host, args.port)
        uvicorn.run("wirewatch.web.app:app_from_env", factory=True, fd=sock.fileno(),
                    workers=args.workers, log_level="warning", timeout_graceful_shutdown=5)
    else:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", timeout_graceful_shutdown=5)
    return 0


def _listen(host: str, port: int):
    """A listening socket with TCP_NODELAY, inherited by the worker processes' connections.

    (Sockets handed to worker processes lose asyncio's automatic TCP_NODELAY, and small
    responses then wait about 40 ms for delayed ACKs.)
    """
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock
