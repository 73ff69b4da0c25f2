"""The JSON API: the same data as the pages, paged, each item with its `id` and `href`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request

from storytrace.web import queries, views
from storytrace.web.queries import MAX_ID
from storytrace.web.schemas import (
    ERRORS,
    ArticlePage,
    EntityDetail,
    EntityPage,
    SearchPage,
    StoryPage,
)

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)

Id = Annotated[int, Path(ge=1, le=MAX_ID, description="The item's integer id.")]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="Items to skip.")]
Text = Annotated[str | None, Query(max_length=500)]


def _store(request: Request):
    return request.app.state.web.stores.get()


def _next(
    request: Request, total: int, limit: int, offset: int, more: bool | None = None
) -> str | None:
    """The next page's URL; `more` says whether one follows when `total` is a lower bound."""
    if not ((offset + limit < total) if more is None else more):
        return None
    params = dict(request.query_params)
    params["offset"] = str(offset + limit)
    return views.page_url(request.url.path, params)


@router.get("/stories", response_model=StoryPage, summary="Stories, filtered and sorted")
def api_stories(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    sort: Annotated[str, Query(pattern="^(latest|size|outlets)$")] = "latest",
    outlet: Text = None,
    entity: Text = None,
    since: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
) -> dict[str, Any]:
    store = _store(request)
    filters = views.StoryFilters(
        sort,
        outlet or None,
        entity or None,
        views.parse_day(since, "since"),
        views.parse_day(until, "until"),
    )
    rows, _ = views.stories(store, filters, request.app.state.web.story_cache.get(store))
    return {
        "total": len(rows),
        "limit": limit,
        "offset": offset,
        "next": _next(request, len(rows), limit, offset),
        "items": [views.story_item(r) for r in rows[offset : offset + limit]],
    }


@router.get("/stories/{story_id}", summary="One story in full")
def api_story(request: Request, story_id: Id) -> dict[str, Any]:
    story = queries.story(_store(request), story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id}")
    return views.story_json(story)


@router.get("/articles", response_model=ArticlePage, summary="Articles, newest first")
def api_articles(
    request: Request, limit: Limit = 50, offset: Offset = 0, outlet: Text = None
) -> dict[str, Any]:
    total, rows = queries.article_page(
        _store(request), outlet=outlet or None, limit=limit, offset=offset
    )
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": _next(request, total, limit, offset),
        "items": [views.article_item(r) for r in rows],
    }


@router.get("/articles/{article_id}", summary="One article with its annotations")
def api_article(request: Request, article_id: Id) -> dict[str, Any]:
    view = views.article_view(_store(request), article_id)
    if view is None:
        raise HTTPException(404, f"no article {article_id}")
    return views.article_json(view)


@router.get("/entities", response_model=EntityPage, summary="Entities, most mentioned first")
def api_entities(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    kind: Annotated[str | None, Query(pattern="^(person|organization|place|outlet)$")] = None,
) -> dict[str, Any]:
    total, rows = queries.entity_page(_store(request), kind=kind, limit=limit, offset=offset)
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": _next(request, total, limit, offset),
        "items": [views.entity_item(r) for r in rows],
    }


@router.get("/entities/{entity_id}", response_model=EntityDetail, summary="One entity")
def api_entity(request: Request, entity_id: Id) -> dict[str, Any]:
    store = _store(request)
    found = views.entity_detail(store, entity_id, request.app.state.web.story_cache.get(store))
    if found is None:
        raise HTTPException(404, f"no entity {entity_id}")
    return found


@router.get("/search", response_model=SearchPage, summary="Full-text search (SQLite FTS5)")
def api_search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="FTS5 query")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    found = queries.search(_store(request), q, limit=limit, offset=offset)
    return {
        "query": q,
        "ranked": found.ranked,
        "total": found.total,
        "total_exact": found.exact,
        "limit": limit,
        "offset": offset,
        "next": _next(request, found.total, limit, offset, None if found.exact else found.more),
        "items": [views.search_item(r) for r in found.items],
    }
