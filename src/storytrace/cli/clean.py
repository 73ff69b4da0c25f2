"""`storytrace clean`: stateless cleaning, no store."""

from __future__ import annotations

import typer

from storytrace.api import clean as clean_paths
from storytrace.cli import app
from storytrace.cli.common import Format, FormatOption, PathsArgument, console, write_jsonl


@app.command()
def clean(paths: PathsArgument, format: FormatOption = Format.jsonl) -> None:
    """Clean pages and print one record per input, in input order (no store)."""
    failed = False
    if format is Format.jsonl:

        def records():
            nonlocal failed
            for record in clean_paths(paths):
                failed |= record["status"] != "ok"
                yield record

        write_jsonl(records())
    else:
        for record in clean_paths(paths):
            failed |= record["status"] != "ok"
            if record["status"] != "ok":
                console.print(record["error"], style="red", markup=False)
                continue
            console.rule(record["source"])
            authors = ", ".join(record["authors"]) or "no byline"
            meta = f"{authors} · {record['published'] or 'no date'} · {record['outlet'] or '?'}"
            console.print(record["headline"] or "(no headline)", style="bold", markup=False)
            console.print(meta, highlight=False, markup=False)
            console.print(record["body"], highlight=False, markup=False)
    if failed:
        raise typer.Exit(1)
