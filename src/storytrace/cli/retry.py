"""`storytrace retry`: process failed inputs again from the bytes the store kept."""

from __future__ import annotations

from typing import Annotated

import typer

from storytrace.api import Storytrace
from storytrace.cli import app
from storytrace.cli.common import (
    DEFAULT_MODEL,
    DbOption,
    ModelOption,
    console,
    errors,
    ingest_progress,
)
from storytrace.cli.errors import PendingOption
from storytrace.model import Options

_DEFAULTS = Options()


@app.command()
def retry(
    db: DbOption = "storytrace.db",
    model: ModelOption = DEFAULT_MODEL,
    input_id: Annotated[
        list[int] | None,
        typer.Option("--id", help="Retry only this input (repeat for several); default: all."),
    ] = None,
    pending: PendingOption = False,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit", help="Seconds to clean, and to annotate, one input.", min=0.001
        ),
    ] = _DEFAULTS.time_limit or 60.0,
    max_body_chars: Annotated[
        int, typer.Option("--max-body-chars", help="Longest article body, in characters.", min=1)
    ] = _DEFAULTS.max_body_chars,
    max_paragraphs: Annotated[
        int, typer.Option("--max-paragraphs", help="Most paragraphs in one article.", min=1)
    ] = _DEFAULTS.max_paragraphs,
) -> None:
    """Process failed inputs again from their stored bytes (after an upgrade, with other limits)."""
    options = Options(
        model=model,
        time_limit=time_limit,
        max_body_chars=max_body_chars,
        max_paragraphs=max_paragraphs,
    )
    with Storytrace(db, options) as corpus, ingest_progress() as advance:
        report = corpus.retry(input_id, pending=pending, on_outcome=advance)
    run = report.ingest
    parts = [f"{run.count(s)} {s}" for s in ("ok", "unchanged", "no_article", "error")]
    total = len(run.outcomes) + len(report.skipped)
    console.print(
        f"{total} inputs retried: " + ", ".join(parts) + f", {len(report.skipped)} not retryable",
        highlight=False,
    )
    for outcome in report.failed:
        errors.print(
            f"{outcome.status}: {outcome.error}", style="red", highlight=False, markup=False
        )
    if report.failed:
        raise typer.Exit(1)
