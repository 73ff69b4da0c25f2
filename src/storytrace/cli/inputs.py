"""`storytrace inputs`: every input ever given, so nothing is silently lost."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from storytrace.cli import app
from storytrace.cli.common import (
    DbOption,
    Format,
    FormatOption,
    add_row,
    console,
    open_corpus,
    write_jsonl,
)


@app.command()
def inputs(
    db: DbOption = "storytrace.db",
    format: FormatOption = Format.table,
    status: Annotated[
        str | None, typer.Option(help="Only inputs with this status (ok, error, no_article).")
    ] = None,
) -> None:
    """List every input with its hash, status and error."""
    with open_corpus(db) as corpus:
        rows = corpus.inputs(status)
    if format is Format.jsonl:
        write_jsonl(rows)
        return
    table = Table("id", "source", "sha256", "status", "error")
    for r in rows:
        add_row(table, str(r["id"]), r["source"], r["sha256"][:12], r["status"], r["error"] or "")
    console.print(table)
