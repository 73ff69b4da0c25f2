"""`storytrace optimize`: compact the store's search index after a large ingest."""

from __future__ import annotations

import typer

from storytrace.cli import app
from storytrace.cli.common import DbOption, open_corpus


@app.command()
def optimize(db: DbOption = "storytrace.db") -> None:
    """Compact the search index and refresh statistics, so searches stay fast on a big store."""
    with open_corpus(db) as corpus:
        corpus.optimize()
    typer.echo("search index compacted, statistics refreshed", err=True)
