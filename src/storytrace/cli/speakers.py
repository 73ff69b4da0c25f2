"""`storytrace speakers`: the stored statements, grouped by who made them."""

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
def speakers(
    db: DbOption = "storytrace.db",
    format: FormatOption = Format.table,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Only this speaker's statements, in full.")
    ] = None,
) -> None:
    """List speakers with their kind and number of statements, or one speaker's statements."""
    with open_corpus(db) as corpus:
        if speaker:
            rows = corpus.statements(speaker)
            if format is Format.jsonl:
                write_jsonl(rows)
                return
            table = Table("article", "outlet", "cue", "content", "direct")
            for r in rows:
                add_row(
                    table,
                    r["article_id"],
                    r["outlet"],
                    r["cue"],
                    r["content"][:120],
                    "yes" if r["direct"] else "no",
                )
            console.print(table)
            return
        found = corpus.speakers()
    if format is Format.jsonl:
        write_jsonl(found)
        return
    table = Table("speaker", "kind", "statements", "articles", "outlets")
    for r in found:
        add_row(
            table,
            r["speaker"],
            r["speaker_kind"],
            r["statements"],
            r["articles"],
            ", ".join(r["outlets"]),
        )
    console.print(table)
