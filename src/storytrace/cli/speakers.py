"""`storytrace speakers`: the stored statements, grouped by who made them."""

from __future__ import annotations

from operator import itemgetter
from typing import Annotated

import typer

from storytrace.cli import app
from storytrace.cli.common import DbOption, Format, FormatOption, open_corpus, print_records


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
            columns = {
                "article": itemgetter("article_id"),
                "outlet": itemgetter("outlet"),
                "cue": itemgetter("cue"),
                "content": lambda r: r["content"][:120],
                "direct": lambda r: "yes" if r["direct"] else "no",
            }
        else:
            rows = corpus.speakers()
            columns = {
                # Statements with no source ("is expected to", "was seen as") group under
                # the empty name: say so rather than print a blank.
                "speaker": lambda r: r["speaker"] or "(no source named)",
                "kind": itemgetter("speaker_kind"),
                "statements": itemgetter("statements"),
                "articles": itemgetter("articles"),
                "outlets": lambda r: ", ".join(r["outlets"]),
            }
    print_records(format, rows, columns)
