"""Server-rendered HTML pages: search, article, event, map, timeline."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..search.filters import Filters, chips, sentence, to_params, with_value, without
from ..search.present import article_item
from ..store import Store
from .deps import Page, get_filters, get_store
from .highlight import marks_for_article, segments
from .timeline import chart

router = APIRouter(include_in_schema=False)
FiltersDep = Annotated[Filters, Depends(get_filters)]
StoreDep = Annotated[Store, Depends(get_store)]
PER_PAGE = 20


def qs(pairs: list[tuple[str, str]], **extra: Any) -> str:
    """``?a=1&b=2`` (empty string when nothing), URL-encoded."""
    items = pairs + [(k, str(v)) for k, v in extra.items() if v is not None]
    return "?" + urlencode(items) if items else ""


def safe_url(url: str | None) -> str | None:
    """Only http(s) links leave the page; ``javascript:`` and other schemes are shown as text."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def configure_templates(t: Jinja2Templates) -> None:
    t.env.autoescape = True
    t.env.globals.update(qs=qs, safe_url=safe_url, to_params=to_params)
    t.env.filters["num"] = lambda v: "?" if v is None else f"{v:,}"


def _render(request: Request, name: str, ctx: dict[str, Any]) -> HTMLResponse:
    settings = request.app.state.settings
    base = {"tiles": settings.tiles or "", "tiles_attribution": settings.tiles_attribution}
    return request.app.state.templates.TemplateResponse(request, name, base | ctx)


def _chip_links(f: Filters, path: str) -> list[dict[str, str]]:
    return [{"label": c.label, "sentence": c.sentence, "param": c.param,
             "remove": path + qs(to_params(without(f, c.param, c.value)))} for c in chips(f)]


def _facet_links(f: Filters, facets: dict[str, Any]) -> list[dict[str, Any]]:
    from ..search.facets import FACETS

    out = []
    for name, facet in facets.items():
        param = FACETS[name].param
        values = []
        for v in facet.values:
            selected = v.value in facet.selected
            target = without(f, param, v.value) if selected else _try_with(f, param, v.value)
            values.append({"value": v.value, "count": v.count, "selected": selected,
                           "href": "/" + qs(to_params(target)) if target is not None else None})
        out.append({"name": name, "label": facet.label, "counts_of": facet.counts_of,
                    "timed_out": facet.timed_out, "values": values})
    return out


def _try_with(f: Filters, param: str, value: str) -> Filters | None:
    try:
        return with_value(f, param, value)
    except Exception:  # noqa: BLE001 - a stored value that is not a valid filter gets no link
        return None


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, filters: FiltersDep, store: StoreDep, page: Page = 1) -> HTMLResponse:
    result = store.search(filters, page, PER_PAGE)
    params = to_params(filters)
    pages = {"prev": "/" + qs(params, page=page - 1) if page > 1 else None,
             "next": "/" + qs(params, page=page + 1)
             if page * PER_PAGE < max(result.events.total, result.articles.total) else None}
    return _render(request, "search.html", {
        "filters": filters, "q": filters.q or "", "sentence": sentence(filters),
        "chips": _chip_links(filters, "/"), "facets": _facet_links(filters, store.facets(filters)),
        "events": result.events, "articles": [article_item(a, filters.q) for a in result.articles.items],
        "n_articles": result.articles.total, "page": page, "pages": pages, "params": params,
        "hidden": [(k, v) for k, v in params if k != "q"],
    })


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: StoreDep, event: str | None = None) -> HTMLResponse:
    art = store.get_article(article_id[:200])
    if art is None:
        raise HTTPException(404, "no article with this id")
    segs = segments(art["text"], marks_for_article(art))
    return _render(request, "article.html", {"a": art, "segments": segs, "focus": event,
                                             "source_url": safe_url(art.get("url"))})


@router.get("/events/{event_id:path}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, store: StoreDep) -> HTMLResponse:
    ev = store.get_event(event_id[:200])
    if ev is None:
        raise HTTPException(404, "no event with this id")
    titles = {a["id"]: a for a in ev["article_briefs"]}
    return _render(request, "event.html", {"e": ev, "articles": titles,
                                           "disagreements": disagreements_of(store, ev)})


def disagreements_of(store: Any, ev: dict[str, Any]) -> list[dict[str, str]]:
    """Where the sources of a fused event disagree (``police: 4, militia spokesperson: 2``)."""
    if ev.get("kind") != "fused":
        return []
    try:
        from ..store.fused import fused_doc

        doc = fused_doc(store, ev["id"])
    except Exception:  # noqa: BLE001 - a store without fused records simply has none to show
        return []
    return list((doc or {}).get("disagreements") or [])


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, store: StoreDep) -> HTMLResponse:
    """Followed sources (failing ones first, with their last error) and the latest alerts."""
    from ..watch.state import WatchState, source_statuses

    try:
        sources, alerts = source_statuses(store), WatchState(store).recent_alerts()
    except Exception:  # noqa: BLE001 - a store the watcher has not set up shows empty lists
        sources, alerts = [], []
    return _render(request, "sources.html", {"sources": sources, "alerts": alerts})


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, filters: FiltersDep) -> HTMLResponse:
    params = to_params(filters)
    return _render(request, "map.html", {"chips": _chip_links(filters, "/map"), "sentence": sentence(filters),
                                         "api": "/api/map" + qs(params), "params": params})


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, filters: FiltersDep, store: StoreDep) -> HTMLResponse:
    params = to_params(filters)
    return _render(request, "timeline.html", {"chart": chart(store.timeline(filters)),
                                              "chips": _chip_links(filters, "/timeline"),
                                              "sentence": sentence(filters), "params": params,
                                              "day_link": lambda d: "/" + qs(
                                                  to_params(without(filters, "date", "")) + [("date", d)])})
