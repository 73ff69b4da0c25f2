"""`storytrace errors`: the failed inputs, with their reasons and whether they can be retried."""

from __future__ import annotations

from operator import itemgetter
from typing import Annotated

import typer

from storytrace.cli import app
from storytrace.cli.common import (
    DbOption,
    Format,
    FormatOption,
    console,
    open_corpus,
    print_records,
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
    print_records(
        format,
        rows,
        {
            "id": itemgetter("id"),
            "source": itemgetter("source"),
            "status": itemgetter("status"),
            "error": itemgetter("error"),
            "retry": lambda r: "yes" if r["retryable"] else "no: no stored bytes",
        },
    )
    if format is Format.table:
        console.print(f"{len(rows)} failed inputs", highlight=False)
