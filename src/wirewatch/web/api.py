"""The JSON API under /api: everything the pages show, with the same filters and pagination."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query

from ..search.filters import Filters, sentence
from ..search.present import facets_json, search_json
from ..store import Store
from .deps import Page, PerPage, get_filters, get_store

router = APIRouter(prefix="/api", tags=["api"])
FiltersDep = Annotated[Filters, Depends(get_filters)]
StoreDep = Annotated[Store, Depends(get_store)]

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "invalid parameter: {\"error\": {\"status\", \"code\", \"message\"}}"},
    404: {"description": "not found (same error shape)"},
}


@router.get("/search", responses=ERROR_RESPONSES, summary="Articles and events matching the filters")
def api_search(filters: FiltersDep, store: StoreDep, page: Page = 1, per_page: PerPage = 20,
               facets: bool = True) -> dict[str, Any]:
    result = store.search(filters, page, per_page)
    return search_json(result, store.facets(filters) if facets else None)


@router.get("/facets", responses=ERROR_RESPONSES, summary="Facet counts under the filters")
def api_facets(filters: FiltersDep, store: StoreDep) -> dict[str, Any]:
    return {"sentence": sentence(filters), "facets": facets_json(store.facets(filters))}


@router.get("/articles/{article_id:path}", responses=ERROR_RESPONSES, summary="One article with its events and spans")
def api_article(article_id: str, store: StoreDep) -> dict[str, Any]:
    art = store.get_article(article_id[:200])
    if art is None:
        raise HTTPException(404, f"no article with id {article_id[:200]!r}")
    return art


@router.get("/events/{event_id:path}", responses=ERROR_RESPONSES, summary="One event with claims and member articles")
def api_event(event_id: str, store: StoreDep) -> dict[str, Any]:
    ev = store.get_event(event_id[:200])
    if ev is None:
        raise HTTPException(404, f"no event with id {event_id[:200]!r}")
    from .pages import disagreements_of

    return ev | {"disagreements": disagreements_of(store, ev)}


@router.get("/map", responses=ERROR_RESPONSES, summary="Located events as a GeoJSON FeatureCollection")
def api_map(filters: FiltersDep, store: StoreDep,
            limit: Annotated[int, Query(ge=1, le=20_000)] = 5000) -> dict[str, Any]:
    rows = store.events_for_map(filters, limit)
    features = [{"type": "Feature", "id": r["id"],
                 "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                 "properties": {k: v for k, v in r.items() if k not in ("lat", "lon")}} for r in rows]
    return {"type": "FeatureCollection", "features": features, "truncated": len(rows) >= limit}


@router.get("/timeline", responses=ERROR_RESPONSES, summary="Events per day (day-precision dates)")
def api_timeline(filters: FiltersDep, store: StoreDep) -> dict[str, Any]:
    return {"sentence": sentence(filters), "days": [{"date": d, "events": n} for d, n in store.timeline(filters)]}


@router.get("/health", summary="Row counts; 200 when the database answers")
def api_health(store: StoreDep) -> dict[str, Any]:
    return {"ok": True, "counts": store.counts()}
