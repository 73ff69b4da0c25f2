"""`storytrace entities`: canonical entities with their spellings."""

from __future__ import annotations

from operator import itemgetter
from typing import Annotated

import typer

from storytrace.cli import app
from storytrace.cli.common import DbOption, Format, FormatOption, open_corpus, print_records
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
    print_records(
        format,
        (to_dict(e) for e in found),
        {
            "name": itemgetter("name"),
            "kind": itemgetter("kind"),
            "mentions": itemgetter("mentions"),
            "spellings": lambda e: "; ".join(e["aliases"]),
        },
    )
