"""`storytrace serve`: the store as a web app on this machine."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from storytrace.cli import app
from storytrace.cli.common import DbOption, errors
from storytrace.store import store_kind
from storytrace.web.context import LOOPBACK_HOSTS


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: DbOption = "storytrace.db",
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; the default is this machine only.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")
    ] = 8000,
    max_upload_mb: Annotated[
        float,
        typer.Option("--max-upload-mb", min=0.001, help="Largest upload accepted, in megabytes."),
    ] = 20.0,
) -> None:
    """Serve the store as a web app: stories, articles, entities, search, ingest, export."""
    if store_kind(db) != "sqlite":
        # The web UI's queries (web/queries.py) and its search are SQLite's (FTS5).
        errors.print(
            f"storytrace serve: the web UI reads SQLite stores for now, not {store_kind(db)}; "
            "export from this store, or serve a SQLite store",
            markup=False,
            highlight=False,
        )
        raise typer.Exit(2)
    try:
        import uvicorn

        from storytrace.web.app import create_app
        from storytrace.web.context import WebSettings
    except ImportError as exc:
        errors.print(f'the web UI needs its extra: pip install "storytrace[web]" ({exc})')
        raise typer.Exit(2) from None
    hosts: tuple[str, ...] = LOOPBACK_HOSTS
    if not _is_loopback(host):
        errors.print(
            f"warning: listening on {host}: anyone who can reach this address can read and add "
            "to the store",
            style="yellow",
            markup=False,
        )
        hosts = ("*",) if host in ("0.0.0.0", "::") else (*LOOPBACK_HOSTS, host)
    settings = WebSettings(
        db=Path(db), max_upload_bytes=int(max_upload_mb * 1_000_000), allowed_hosts=hosts
    )
    errors.print(
        f"storytrace: serving {db} on http://{host}:{port}/", markup=False, highlight=False
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
