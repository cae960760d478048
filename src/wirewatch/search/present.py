"""Search results as JSON-ready dicts: one shape for the CLI's ``--json`` and the HTTP API."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..store.base import Facet, SearchResult
from .filters import chips, sentence, to_params
from .snippet import snippet


def article_item(item: dict[str, Any], q: str | None) -> dict[str, Any]:
    """A result-list article without its full text, with a snippet near the query words."""
    out = {k: v for k, v in item.items() if k != "text"}
    out["snippet"] = [{"text": t, "match": m} for t, m in snippet(item.get("text") or "", q)]
    return out


def facets_json(facets: dict[str, Facet]) -> dict[str, Any]:
    return {name: {"label": f.label, "counts_of": f.counts_of, "timed_out": f.timed_out,
                   "values": [{"value": v.value, "count": v.count, "selected": v.value in f.selected}
                              for v in f.values]}
            for name, f in facets.items()}


def search_json(result: SearchResult, facets: dict[str, Facet] | None = None) -> dict[str, Any]:
    f = result.filters
    out: dict[str, Any] = {
        "filters": dict(to_params_grouped(to_params(f))),
        "sentence": sentence(f),
        "chips": [asdict(c) for c in chips(f)],
        "page": result.page, "per_page": result.per_page,
        "events": {"total": result.events.total, "items": list(result.events.items)},
        "articles": {"total": result.articles.total,
                     "items": [article_item(a, f.q) for a in result.articles.items]},
    }
    if facets is not None:
        out["facets"] = facets_json(facets)
    return out


def to_params_grouped(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out
