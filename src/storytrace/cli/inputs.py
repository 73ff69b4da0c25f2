"""`storytrace inputs`: every input ever given, so nothing is silently lost."""

from __future__ import annotations

from operator import itemgetter
from typing import Annotated

import typer

from storytrace.cli import app
from storytrace.cli.common import DbOption, Format, FormatOption, open_corpus, print_records


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
    print_records(
        format,
        rows,
        {
            "id": itemgetter("id"),
            "source": itemgetter("source"),
            "sha256": lambda r: r["sha256"][:12],
            "status": itemgetter("status"),
            "error": itemgetter("error"),
        },
    )
