"""Options and output helpers shared by every command."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table
from rich.text import Text

from storytrace.api import Storytrace
from storytrace.model import Options
from storytrace.pipeline import IngestReport, Outcome

T = TypeVar("T")

console = Console()
errors = Console(stderr=True)

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="The store: a SQLite file, or a postgresql:// URL.",
        envvar="STORYTRACE_DB",
    ),
]
PathsArgument = Annotated[
    list[str], typer.Argument(help="Files, folders (recursive), globs, or - for standard input.")
]
ModelOption = Annotated[
    str,
    typer.Option("--model", help="spaCy pipeline to annotate with (an installed package name)."),
]

WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        min=1,
        help="Processes that clean and annotate in parallel (1: all in this process).",
    ),
]


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"


FormatOption = Annotated[Format, typer.Option("--format", help="Output format.")]

DEFAULT_MODEL = Options().model


def found_or_exit(get: Callable[[Any], T], ref: Any) -> T:
    """`get(ref)`, or the lookup's message and exit 1 when there is no such thing."""
    try:
        return get(ref)
    except KeyError as exc:
        console.print(exc.args[0], style="red", markup=False)
        raise typer.Exit(1) from None


def add_row(table: Table, *values: object) -> None:
    """Add a row of untrusted values: shown as plain text, never parsed as Rich markup."""
    table.add_row(*(Text("" if v is None else str(v)) for v in values))


def open_corpus(
    db: str, model: str = DEFAULT_MODEL, workers: int = 1, **options: Any
) -> Storytrace:
    return Storytrace(db, Options(model=model, workers=workers, **options))


def write_jsonl(records: Iterable[dict[str, Any]]) -> None:
    """One JSON object per line on standard output, flushed as it goes."""
    out = sys.stdout
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    out.flush()


Columns = dict[str, Callable[[dict[str, Any]], object]]


def print_records(format: Format, records: Iterable[dict[str, Any]], columns: Columns) -> None:
    """Records as JSON lines, or as a table: one column per header, its value from its function."""
    if format is Format.jsonl:
        write_jsonl(records)
        return
    table = Table(*columns)
    for record in records:
        add_row(table, *(value(record) for value in columns.values()))
    console.print(table)


@contextmanager
def ingest_progress() -> Iterator[Any]:
    """A progress line on standard error while inputs stream through; silent when piped."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
    )
    with progress:
        task = progress.add_task("ingesting", total=None)

        def advance(outcome: Outcome) -> None:
            progress.update(task, advance=1, description=f"ingesting {outcome.source[-40:]}")

        yield advance


def exit_for(report: IngestReport) -> None:
    """Exit 1 when any input failed (the rest were processed), else return."""
    for outcome in report.failed:
        errors.print(
            f"{outcome.status}: {outcome.error}", style="red", highlight=False, markup=False
        )
    if report.failed:
        raise typer.Exit(1)
