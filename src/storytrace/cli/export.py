"""`storytrace export`: articles, statements or stories as JSONL, CSV or Parquet."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from storytrace import export as exporter
from storytrace.cli import app
from storytrace.cli.common import DbOption, errors
from storytrace.store import open_store, store_kind


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ExportWhat(StrEnum):
    articles = "articles"
    statements = "statements"
    stories = "stories"


@app.command("export")
def export_command(
    format: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = (
        ExportFormat.jsonl
    ),
    what: Annotated[ExportWhat, typer.Option("--what", help="Which rows to export.")] = (
        ExportWhat.articles
    ),
    db: DbOption = "storytrace.db",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="File to write; standard output when left out.", dir_okay=False
        ),
    ] = None,
) -> None:
    """Export articles, statements or stories from the store as JSONL, CSV or Parquet."""
    if store_kind(db) == "sqlite" and not Path(db).exists():
        errors.print(f"no store at {db}", markup=False)
        raise typer.Exit(1)
    if output is None and format is ExportFormat.parquet and sys.stdout.isatty():
        errors.print("Parquet is binary: pass --output FILE or redirect standard output")
        raise typer.Exit(2)
    with open_store(db) as store:
        try:
            if output is None:
                count = exporter.write(store, what.value, format.value, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            else:
                with open(output, "wb") as out:
                    count = exporter.write(store, what.value, format.value, out)
        except exporter.ExportError as exc:
            errors.print(str(exc), markup=False)
            raise typer.Exit(2) from None
    errors.print(f"exported {count} {what.value}", markup=False, highlight=False)
