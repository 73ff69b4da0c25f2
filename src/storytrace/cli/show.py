"""`storytrace show`: one article in full."""

from __future__ import annotations

from typing import Annotated

import typer

from storytrace.cli import app
from storytrace.cli.common import (
    DbOption,
    Format,
    FormatOption,
    console,
    found_or_exit,
    open_corpus,
    write_jsonl,
)
from storytrace.cli.render import article_panel


@app.command()
def show(
    article: Annotated[str, typer.Argument(help="Article id, JSONL id, or source path.")],
    db: DbOption = "storytrace.db",
    format: FormatOption = Format.table,
) -> None:
    """Show an article: clean text, metadata, entities, statements, and what was removed and why."""
    with open_corpus(db) as corpus:
        view = found_or_exit(corpus.article, article)
    if format is Format.jsonl:
        write_jsonl([view.to_dict()])
        return
    console.print(article_panel(view, full=True))
