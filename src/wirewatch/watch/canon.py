"""Canonical URLs and content hashes: the two keys that make an item "already seen"."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the click, never change the page.
TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_hsenc",
                      "_hsmi", "ref", "ref_src", "cmpid", "ocid", "smid", "sr_share", "at_medium", "at_campaign"})
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "__twitter")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SPACE = re.compile(r"\s+")


def _tracking(key: str) -> bool:
    k = key.lower()
    return k in TRACKING or k.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters, sorted query."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k))
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def content_hash(text: str) -> str:
    """A hash of the story text with case and whitespace folded (the same wire copy on two sites matches)."""
    folded = _SPACE.sub(" ", text.casefold()).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:32]
