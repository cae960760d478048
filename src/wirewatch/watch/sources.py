"""The sources file: the feeds, sitemaps and pages the watcher follows (TOML, edited by the user).

::

    [[source]]
    name = "example-wire"            # unique; the key for state in the database
    url = "https://example.org/rss"
    kind = "rss"                     # auto | rss | atom | jsonfeed | page | sitemap (feeds are sniffed)
    interval = 900                   # seconds between polls (at least 10)
    language = "en"
    outlet = "Example Wire"          # stored as the article's outlet
    fetch_pages = true               # fetch each item's page (false: use the feed's own text)
    allow_networks = ["10.1.0.0/16"] # links and redirects of this source may reach these networks
                                     # (by default only public addresses: no loopback, private,
                                     # link-local or metadata address; see docs/security.md)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import ConfigError
from .netguard import parse_networks

KINDS = ("auto", "rss", "atom", "jsonfeed", "page", "sitemap")
FEED_KINDS = frozenset({"auto", "rss", "atom", "jsonfeed"})
MIN_INTERVAL = 10
DEFAULT_INTERVAL = 900
_KEYS = frozenset({"name", "url", "kind", "interval", "language", "outlet", "fetch_pages", "allow_networks"})


@dataclass(frozen=True, slots=True)
class Source:
    """One followed URL with its polling interval and the outlet its articles are stored under."""

    name: str
    url: str
    kind: str = "rss"
    interval: int = DEFAULT_INTERVAL
    language: str | None = None
    outlet: str | None = None
    fetch_pages: bool = True
    allow_networks: tuple[str, ...] = ()

    @property
    def is_feed(self) -> bool:
        return self.kind in FEED_KINDS


def _check_url(url: Any, where: str) -> str:
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise ConfigError(f"{where}: 'url' must be an http(s) URL, not {url!r}")
    return url


def source_from_table(table: Any, where: str, min_interval: int = MIN_INTERVAL) -> Source:
    """One ``[[source]]`` table as a :class:`Source`; a bad field raises ConfigError naming it."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: a source must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(_KEYS))})")
    url = _check_url(table.get("url"), where)
    name = table.get("name") or urlsplit(url).netloc + urlsplit(url).path
    kind = table.get("kind", "rss")
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind={kind!r} is not one of {', '.join(KINDS)}")
    interval = table.get("interval", DEFAULT_INTERVAL)
    if not isinstance(interval, int) or isinstance(interval, bool) or interval < min_interval:
        raise ConfigError(f"{where}: interval={interval!r} must be a whole number of seconds >= {min_interval}")
    for key in ("name", "language", "outlet"):
        if table.get(key) is not None and not isinstance(table[key], str):
            raise ConfigError(f"{where}: {key!r} must be a string")
    fetch_pages = table.get("fetch_pages", True)
    if not isinstance(fetch_pages, bool):
        raise ConfigError(f"{where}: 'fetch_pages' must be true or false")
    allow = table.get("allow_networks", [])
    if not isinstance(allow, list) or not all(isinstance(n, str) for n in allow):
        raise ConfigError(f"{where}: 'allow_networks' must be a list of CIDR strings")
    parse_networks(allow, f"{where}: allow_networks")
    return Source(str(name), url, kind, interval, table.get("language"), table.get("outlet"), fetch_pages,
                  tuple(allow))


def load_sources(path: str | Path, min_interval: int = MIN_INTERVAL) -> list[Source]:
    """Every ``[[source]]`` in a TOML file; names must be unique."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the sources file ({exc.strerror or exc})", source=str(p)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the sources file is not valid TOML ({exc})", source=str(p)) from exc
    tables = data.get("source", [])
    if not isinstance(tables, list) or not tables:
        raise ConfigError("the sources file has no [[source]] tables", source=str(p))
    out = [source_from_table(t, f"{p} source {i + 1}", min_interval) for i, t in enumerate(tables)]
    names = [s.name for s in out]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"source names must be unique; repeated: {', '.join(dupes)}", source=str(p))
    return out


def url_sources(urls: list[str], interval: int = DEFAULT_INTERVAL) -> list[Source]:
    """Sources for URLs given on the command line: feeds are sniffed, anything else is an article page."""
    return [Source(name=u, url=_check_url(u, u), kind="auto", interval=interval) for u in urls]
