"""The HTML pages: server-rendered, no script needed, every value escaped by the templates."""

from __future__ import annotations

import tempfile
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.datastructures import UploadFile

from storytrace import export
from storytrace.web import queries, views
from storytrace.web.jobs import Upload
from storytrace.web.queries import MAX_ID
from storytrace.web.security import BodyTooLarge

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Offset = Annotated[int, Query(ge=0, le=MAX_ID)]
Text = Annotated[str | None, Query(max_length=500)]
MAX_FILES = 100
SPOOL_BYTES = 8_000_000
ENTITY_LIST = 25
"""Statements, stories and articles on one entity page; statements and articles page."""
COUNT_CAP = 1_000
"""Counts on the entity page stop past this many (it then says "more than")."""
SEARCH_PAGE = 10
"""Results per search page: each needs its own snippet, the costly part of a search."""


def _web(request: Request):
    return request.app.state.web


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return _web(request).templates.TemplateResponse(
        request, name, {"page_url": views.page_url, **context}, status_code=status
    )


def _pager(
    request: Request,
    total: int,
    limit: int,
    offset: int,
    *,
    shown: int | None = None,
    more: bool | None = None,
    exact: bool | None = None,
    param: str = "offset",
) -> dict[str, Any]:
    """Links to the previous and next pages. `shown` and `more` are for a list whose total
    is only a lower bound (a capped count): how many items this page has, and whether more
    follow; `exact` whether `total` is the full count (by default, when `more` is not
    given). `param` names the offset in the query string (a page with two lists has two)."""
    params = dict(request.query_params)
    prev_url = next_url = None
    if offset > 0:
        prev_url = views.page_url(request.url.path, {**params, param: max(0, offset - limit)})
    if (offset + limit < total) if more is None else more:
        next_url = views.page_url(request.url.path, {**params, param: offset + limit})
    last = min(total, offset + limit) if shown is None else offset + shown
    return {
        "total": total,
        "exact": more is None if exact is None else exact,
        "first": offset + 1 if last > offset else 0,
        "last": last,
        "prev": prev_url,
        "next": next_url,
    }


@router.get("/")
def stories_page(
    request: Request,
    offset: Offset = 0,
    sort: Annotated[str, Query(max_length=20)] = "latest",
    outlet: Text = None,
    entity: Text = None,
    since: Text = None,
    until: Text = None,
) -> HTMLResponse:
    store = _web(request).stores.get()
    filters = views.StoryFilters(
        sort,
        outlet or None,
        (entity or "").strip() or None,
        views.parse_day(since, "since"),
        views.parse_day(until, "until"),
    )
    index = _web(request).story_cache.get(store)
    rows, note = views.stories(store, filters, index)
    limit = _web(request).settings.page_size
    return render(
        request,
        "stories.html",
        stories=rows[offset : offset + limit],
        pager=_pager(request, len(rows), limit, offset),
        filters=filters,
        note=note,
        outlets=index.outlets,
        counts=index.counts,
    )


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: Id) -> HTMLResponse:
    store = _web(request).stores.get()
    story = queries.story(store, story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id}")
    return render(request, "story.html", view=views.story_view(store, story))


@router.get("/articles")
def articles_page(request: Request, offset: Offset = 0, outlet: Text = None) -> HTMLResponse:
    store = _web(request).stores.get()
    limit = _web(request).settings.page_size
    total, rows = queries.article_page(store, outlet=outlet or None, limit=limit, offset=offset)
    return render(
        request,
        "articles.html",
        articles=rows,
        pager=_pager(request, total, limit, offset),
        outlet=outlet or "",
        outlets=store.outlets(),
    )


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: Id) -> HTMLResponse:
    view = views.article_view(_web(request).stores.get(), article_id)
    if view is None:
        raise HTTPException(404, f"no article {article_id}")
    return render(request, "article.html", view=view)


@router.get("/entities")
def entities_page(
    request: Request,
    offset: Offset = 0,
    kind: Annotated[str | None, Query(pattern="^(|person|organization|place|outlet)$")] = None,
) -> HTMLResponse:
    limit = _web(request).settings.page_size
    total, rows = queries.entity_page(
        _web(request).stores.get(), kind=kind or None, limit=limit, offset=offset
    )
    return render(
        request,
        "entities.html",
        entities=rows,
        kind=kind or "",
        pager=_pager(request, total, limit, offset),
    )


@router.get("/entities/{entity_id}")
def entity_page(
    request: Request, entity_id: Id, said: Offset = 0, offset: Offset = 0
) -> HTMLResponse:
    store = _web(request).stores.get()
    found = views.entity_detail(
        store,
        entity_id,
        _web(request).story_cache.get(store),
        statements=ENTITY_LIST,
        statement_offset=said,
        count_cap=COUNT_CAP,
        stories=ENTITY_LIST,
    )
    if found is None:
        raise HTTPException(404, f"no entity {entity_id}")
    page = queries.entity_article_ids(store, found["name"], ENTITY_LIST + 1, offset)
    briefs = queries.article_briefs(store, page[:ENTITY_LIST])
    articles = [briefs[i] for i in page[:ENTITY_LIST] if i in briefs]
    count = found["statement_count"]
    shown = len(found["statements"])
    exact = count <= COUNT_CAP
    more_said = (said + shown < count) if exact else shown == ENTITY_LIST
    return render(
        request,
        "entity.html",
        entity=found,
        articles=articles,
        said_pager=_pager(
            request,
            min(count, COUNT_CAP),
            ENTITY_LIST,
            said,
            shown=shown,
            more=None if exact else more_said,
            param="said",
        ),
        articles_pager=_pager(
            request,
            len(found["articles"]),
            ENTITY_LIST,
            offset,
            shown=len(articles),
            more=len(page) > ENTITY_LIST,
            exact=found["articles_complete"],
        ),
    )


@router.get("/search")
def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    offset: Offset = 0,
) -> HTMLResponse:
    store = _web(request).stores.get()
    query = q.strip()
    if not query:
        return render(request, "search.html", q="", results=None)
    limit = SEARCH_PAGE
    try:
        found = queries.search(store, query, limit=limit, offset=offset)
    except queries.QueryError as exc:
        return render(
            request,
            "search.html",
            status=400,
            q=query,
            results=None,
            error=str(exc),
            suggestion=queries.phrase(query),
        )
    return render(
        request,
        "search.html",
        q=query,
        results=[{**r, "snippet_html": views.snippet_html(r["snippet"])} for r in found.items],
        pager=_pager(
            request,
            found.total,
            limit,
            offset,
            shown=len(found.items),
            more=None if found.exact else found.more,
        ),
        found=found,
    )


# -- ingest ------------------------------------------------------------------------------


@router.get("/ingest")
def ingest_form(request: Request) -> HTMLResponse:
    return _ingest_form(request)


def _ingest_form(request: Request, error: str | None = None, status: int = 200) -> HTMLResponse:
    web = _web(request)
    return render(
        request,
        "ingest.html",
        status=status,
        error=error,
        jobs=web.jobs.recent(),
        limit_mb=web.settings.max_upload_bytes / 1_000_000,
    )


@router.post("/ingest")
async def ingest_submit(request: Request) -> Response:
    limit = _web(request).settings.max_upload_bytes
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=20, max_part_size=limit)
    except (HTTPException, BodyTooLarge):
        raise
    except Exception as exc:  # a malformed multipart body is the client's error
        return _ingest_form(request, f"could not read the form: {exc}", 400)
    uploads: list[Upload] = []
    for value in form.getlist("files"):
        # A file field left empty still sends a part, with no name and no bytes: skip it.
        # A named empty file is an input like any other, recorded with its error.
        if isinstance(value, UploadFile) and (value.filename or value.size):
            uploads.append(Upload(value.filename or "upload", await value.read()))
    pasted = form.get("text")
    if isinstance(pasted, str) and pasted.strip():
        uploads.append(Upload("pasted text", pasted.encode("utf-8")))
    await form.close()
    if not uploads:
        return _ingest_form(request, "choose at least one file, or paste a page's text", 400)
    job = await run_in_threadpool(_web(request).jobs.submit, uploads)
    return RedirectResponse(f"/ingest/{job.id}", status_code=303)


@router.get("/ingest/{job_id}")
def ingest_status(request: Request, job_id: Annotated[str, Path(max_length=64)]) -> HTMLResponse:
    web = _web(request)
    job = web.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "no such ingest job (jobs are kept until the server stops)")
    store = web.stores.get()
    rows = [
        {
            "name": display_name(o.source),
            "status": o.status,
            "error": o.error,
            "article": o.article_id or store.article_for_input(o.input_id),
        }
        for o in list(job.outcomes)
    ]
    return render(request, "job.html", job=job, rows=rows)


def display_name(source: str) -> str:
    """The name the user gave for an uploaded input (its source is `upload:NAME`)."""
    return source.removeprefix("upload:")


# -- export ------------------------------------------------------------------------------


@router.get("/export/{what}.{fmt}")
async def export_download(request: Request, what: str, fmt: str) -> Response:
    if what not in export.WHAT or fmt not in export.FORMATS:
        raise HTTPException(
            404,
            f"exports are /export/WHAT.FORMAT with WHAT one of {', '.join(export.WHAT)}"
            f" and FORMAT one of {', '.join(export.FORMATS)}",
        )
    web = _web(request)
    # Written whole in one worker thread (SQLite connections stay in their thread), spilled
    # to an anonymous temporary file past a few megabytes, then streamed out.
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (closed by chunks)

    def build() -> None:
        export.write(web.stores.get(), what, fmt, spool)
        spool.seek(0)

    try:
        await run_in_threadpool(build)
    except BaseException:
        spool.close()
        raise

    def chunks():
        with spool:
            while chunk := spool.read(1 << 16):
                yield chunk

    headers = {"content-disposition": f'attachment; filename="storytrace-{what}.{fmt}"'}
    return StreamingResponse(chunks(), media_type=export.MEDIA_TYPES[fmt], headers=headers)
