"""The `storytrace` command line: one module per command, each a thin layer over storytrace.api."""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    name="storytrace",
    help="Trace news stories across outlets back to their sources.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

# Importing a command module registers its command on `app`.
from storytrace.cli import (  # noqa: E402
    analyze,
    articles,
    clean,
    entities,
    errors,
    export,
    fetch,
    ingest,
    inputs,
    optimize,
    retry,
    serve,
    show,
    speakers,
    statements,
    stories,
)

__all__ = [
    "analyze",
    "app",
    "articles",
    "clean",
    "entities",
    "errors",
    "export",
    "fetch",
    "ingest",
    "inputs",
    "main",
    "optimize",
    "retry",
    "serve",
    "show",
    "speakers",
    "statements",
    "stories",
]


def main() -> None:
    """Console-script entry point; a store that cannot be opened is one line, not a traceback."""
    from storytrace.store import StoreError

    try:
        app()
    except StoreError as exc:
        print(f"storytrace: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
