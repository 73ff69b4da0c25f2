"""`storytrace articles`: list stored articles."""

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
def articles(
    db: DbOption = "storytrace.db",
    format: FormatOption = Format.table,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet's articles.")] = None,
) -> None:
    """List stored articles by publication time (`--format jsonl`: the clean keys plus id)."""
    with open_corpus(db) as corpus:
        records = corpus.articles(outlet=outlet)
    if format is Format.jsonl:
        write_jsonl(records)
        return
    table = Table("id", "published", "outlet", "headline", "authors")
    for r in records:
        add_row(
            table,
            str(r["id"]),
            r["published"] or "",
            r["outlet"] or "",
            r["headline"] or "",
            ", ".join(r["authors"]),
        )
    console.print(table)
