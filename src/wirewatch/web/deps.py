"""Request dependencies shared by pages and API: the filters (documented in OpenAPI) and the store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Query, Request

from ..search.filters import MAX_COUNT, MAX_QUERY_CHARS, MAX_VALUE_CHARS, Filters, filters_from_params
from ..store import Store

Many = Annotated[list[str] | None, Query(max_length=MAX_VALUE_CHARS)]


def get_filters(
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="full text: words AND-ed, \"phrases\", word*")] = None,
    date: Annotated[str | None, Query(description="one day, YYYY-MM-DD (articles published / events occurring)")] = None,
    since: Annotated[str | None, Query(description="from this day, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="up to this day, YYYY-MM-DD")] = None,
    tag: Annotated[list[str] | None, Query(description="article tag; repeat: all must match")] = None,
    country: Annotated[list[str] | None, Query(description="event country code (ISO 3166-1 alpha-2); repeat: any")] = None,
    admin1: Annotated[list[str] | None, Query(description="event region; repeat: any")] = None,
    type: Annotated[list[str] | None, Query(description="ACLED event type; repeat: any")] = None,
    sub_type: Annotated[list[str] | None, Query(description="ACLED sub-event type; repeat: any")] = None,
    actor: Annotated[list[str] | None, Query(description="actor name; repeat: all must match")] = None,
    status: Annotated[list[str] | None, Query(description="occurred|threatened|planned|denied|background")] = None,
    outlet: Annotated[list[str] | None, Query(description="outlet or agency; repeat: any")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=MAX_COUNT, description="best fatality estimate at least")] = None,
    max_fatalities: Annotated[int | None, Query(ge=0, le=MAX_COUNT, description="best fatality estimate at most")] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="map box W,S,E,N in degrees")] = None,
) -> Filters:
    params: dict[str, list[str]] = {
        "q": [q] if q else [], "date": [date] if date else [], "since": [since] if since else [],
        "until": [until] if until else [], "tag": tag or [], "country": country or [], "admin1": admin1 or [],
        "type": type or [], "sub_type": sub_type or [], "actor": actor or [], "status": status or [],
        "outlet": outlet or [], "bbox": [bbox] if bbox else [],
        "min_fatalities": [str(min_fatalities)] if min_fatalities is not None else [],
        "max_fatalities": [str(max_fatalities)] if max_fatalities is not None else [],
    }
    return filters_from_params(params)


def get_store(request: Request) -> Iterator[Store]:
    """Borrow a read-only store for this request (returned to the pool afterwards)."""
    stores = request.app.state.stores
    store = stores.acquire()
    try:
        yield store
    finally:
        stores.release(store)


Page = Annotated[int, Query(ge=1, le=10_000, description="page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=100, description="results per page (at most 100)")]
