"""`storytrace articles`: list stored articles."""

from __future__ import annotations

from operator import itemgetter
from typing import Annotated

import typer

from storytrace.cli import app
from storytrace.cli.common import DbOption, Format, FormatOption, open_corpus, print_records


@app.command()
def articles(
    db: DbOption = "storytrace.db",
    format: FormatOption = Format.table,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet's articles.")] = None,
) -> None:
    """List stored articles by publication time (`--format jsonl`: the clean keys plus id)."""
    with open_corpus(db) as corpus:
        records = corpus.articles(outlet=outlet)
    print_records(
        format,
        records,
        {
            "id": itemgetter("id"),
            "published": itemgetter("published"),
            "outlet": itemgetter("outlet"),
            "headline": itemgetter("headline"),
            "authors": lambda r: ", ".join(r["authors"]),
        },
    )
