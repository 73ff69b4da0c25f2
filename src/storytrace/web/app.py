"""Build the web app: pages, JSON API, shipped assets, error pages and security middleware.

from storytrace.web.app import create_app, WebSettings
app = create_app(WebSettings(db=Path("news.db")))   # any ASGI server runs it
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from storytrace.store import Store
from storytrace.web import api, pages
from storytrace.web.context import Stores, WebSettings, static_files
from storytrace.web.jobs import IngestJobs
from storytrace.web.queries import QueryError
from storytrace.web.security import SecurityMiddleware
from storytrace.web.story_cache import StoryCache
from storytrace.web.views import BadRequest

__all__ = ["WebSettings", "create_app"]

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent


@dataclass(slots=True)
class WebState:
    settings: WebSettings
    stores: Stores
    jobs: IngestJobs
    templates: Jinja2Templates
    static: dict[str, tuple[bytes, str]]
    story_cache: StoryCache

    def open_store(self) -> Store:
        return Store(self.settings.db)


def templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name: article text is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


def create_app(
    settings: WebSettings,
    *,
    store_factory: Callable[[], Store] | None = None,
    jobs: IngestJobs | None = None,
) -> FastAPI:
    """The ASGI app over one store. `store_factory` opens a Store (tests give their own)."""
    factory = store_factory or (lambda: Store(settings.db))
    factory().close()  # create or migrate the store once, before any request
    state = WebState(
        settings,
        Stores(factory),
        jobs or IngestJobs(settings.db, settings.options),
        templates(),
        static_files(HERE / "static"),
        StoryCache(opener=factory, path=settings.db),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        state.jobs.close()
        state.story_cache.wait(10)

    app = FastAPI(
        title="storytrace",
        summary="Stories, articles, entities and full-text search over a storytrace store.",
        version="1",
        docs_url=None,  # FastAPI's docs pages load scripts from a CDN; nothing leaves this host
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.web = state
    app.add_middleware(
        SecurityMiddleware,
        max_body=settings.max_upload_bytes,
        allowed_hosts=settings.allowed_hosts,
    )
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        found = state.static.get(name)
        if found is None:
            return Response("not found", 404, media_type="text/plain")
        body, media_type = found
        return Response(body, media_type=media_type, headers={"cache-control": "max-age=3600"})

    _error_handlers(app)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: Any) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    web = request.app.state.web
    text = message if isinstance(message, str) else _validation_text(message)
    return web.templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "message": text, "page_url": lambda p, q: p},
        status_code=status,
    )


def _validation_text(errors: Any) -> str:
    if not isinstance(errors, list):
        return str(errors)
    parts = []
    for e in errors:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else str(e.get("msg")))
    return "; ".join(parts) or "invalid request"


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": errors}, status_code=422)
        return _error(request, 422, errors)

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(sqlite3.OperationalError)
    async def busy(request: Request, exc: sqlite3.OperationalError) -> Response:
        if "locked" in str(exc) or "busy" in str(exc):
            return _error(request, 503, "the store is busy; try again in a moment")
        raise exc
