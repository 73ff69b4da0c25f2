"""`storytrace entities`: canonical entities with their spellings."""

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
from storytrace.model import to_dict


@app.command()
def entities(
    db: DbOption = "storytrace.db",
    format: FormatOption = Format.table,
    kind: Annotated[str | None, typer.Option(help="person, organization, place or outlet.")] = None,
) -> None:
    """List canonical entities, most mentioned first, with every spelling seen."""
    with open_corpus(db) as corpus:
        found = corpus.entities(kind)
    if format is Format.jsonl:
        write_jsonl(to_dict(e) for e in found)
        return
    table = Table("name", "kind", "mentions", "spellings")
    for e in found:
        add_row(table, e.name, e.kind.value, str(e.mentions), "; ".join(e.aliases))
    console.print(table)
