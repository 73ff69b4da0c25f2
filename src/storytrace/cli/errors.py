"""`storytrace errors`: the failed inputs, with their reasons and whether they can be retried."""

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

PendingOption = Annotated[
    bool,
    typer.Option("--pending", help="Also inputs an interrupted run left undone (status pending)."),
]


@app.command()
def errors(
    db: DbOption = "storytrace.db",
    format: FormatOption = Format.table,
    pending: PendingOption = False,
) -> None:
    """List failed inputs with their reasons; `storytrace retry` processes them again."""
    with open_corpus(db) as corpus:
        rows = corpus.errors(pending=pending)
    if format is Format.jsonl:
        write_jsonl(rows)
        return
    table = Table("id", "source", "status", "error", "retry")
    for r in rows:
        retry = "yes" if r["retryable"] else "no: no stored bytes"
        add_row(table, str(r["id"]), r["source"], r["status"], r["error"] or "", retry)
    console.print(table)
    console.print(f"{len(rows)} failed inputs", highlight=False)
