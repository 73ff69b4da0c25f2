"""`storytrace statements`: who said what, from inputs, without a store."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from storytrace.api import statements as find_statements
from storytrace.cli import app
from storytrace.cli.common import (
    DEFAULT_MODEL,
    Format,
    FormatOption,
    ModelOption,
    PathsArgument,
    add_row,
    console,
    errors,
    write_jsonl,
)
from storytrace.model import Options


@app.command()
def statements(
    paths: PathsArgument,
    format: FormatOption = Format.jsonl,
    no_clean: Annotated[
        bool,
        typer.Option("--no-clean", help="Take the input text as it is: spans index the input."),
    ] = False,
    model: ModelOption = DEFAULT_MODEL,
) -> None:
    """Print every attributed statement in the inputs: speaker, kind, cue, content, via."""
    failed: list[str] = []

    def on_error(source: str, error: str) -> None:
        failed.append(source)
        errors.print(f"error: {error}", style="red", markup=False, highlight=False)

    def on_skip(source: str, reason: str) -> None:
        errors.print(f"note: {source}: {reason}", style="yellow", markup=False, highlight=False)

    found = find_statements(
        paths, Options(model=model), clean_pages=not no_clean, on_error=on_error, on_skip=on_skip
    )
    if format is Format.jsonl:
        write_jsonl(found)
    else:
        table = Table("source", "speaker", "kind", "cue", "content", "via")
        for s in found:
            speaker = s["speaker_entity"] or s["speaker"]
            if s["anonymous_count"]:
                speaker += f" (x{s['anonymous_count']})"
            add_row(
                table,
                s["source"],
                speaker,
                s["speaker_kind"],
                s["cue"],
                s["content"][:100],
                s["via"],
            )
        console.print(table)
    if failed:
        raise typer.Exit(1)
