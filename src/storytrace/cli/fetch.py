"""`storytrace fetch`: articles from URLs, feeds and sitemaps, fetched politely and kept."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from storytrace.cli import app
from storytrace.cli.common import (
    DEFAULT_MODEL,
    DbOption,
    ModelOption,
    console,
    errors,
    open_corpus,
)
from storytrace.cli.ingest import summary as ingest_summary

if TYPE_CHECKING:
    from storytrace.api import FetchReport
    from storytrace.collect import FetchOutcome, FetchRun
    from storytrace.pipeline import Outcome

# The defaults live in FetchOptions; importing httpx for them would slow every command.
DEFAULT_CONCURRENCY = 8
DEFAULT_PER_HOST = 2
DEFAULT_RATE = 1.0
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 20_000_000

TargetsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Article, RSS/Atom feed or sitemap URLs, or files listing URLs one per line"
        " (- for standard input).",
        show_default=False,
        metavar="URL|FILE",
    ),
]


@contextmanager
def fetch_progress() -> Iterator[tuple[Any, Any]]:
    """Two bars on standard error: URLs done out of known, then pages ingested; silent when piped.

    One Rich display for both, since Rich allows one live display at a time.
    """
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.fields[stage]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=errors,
        transient=True,
        disable=not errors.is_terminal,
    )
    with progress:
        fetching = progress.add_task("", total=None, stage="fetching")
        ingesting = progress.add_task("", total=None, stage="ingesting", visible=False)

        pages: dict[str, int] = {}

        def on_fetch(outcome: FetchOutcome, run: FetchRun) -> None:
            pages["total"] = len(run.input_ids)
            counts = ", ".join(f"{run.count(s)} {s}" for s in ("fetched", "skipped", "failed"))
            progress.update(
                fetching, completed=len(run.outcomes), total=run.known, description=counts
            )

        def on_outcome(outcome: Outcome) -> None:
            progress.update(
                ingesting,
                advance=1,
                total=pages.get("total"),
                visible=True,
                description=outcome.source[-40:],
            )

        yield on_fetch, on_outcome


def summary(report: FetchReport) -> str:
    """One line: what came of the URLs, then of the pages."""
    run = report.fetches
    skipped = run.count("skipped")
    reasons = ", ".join(f"{n} {why}" for why, n in sorted(run.skip_reasons().items()))
    parts = [
        f"{run.count('fetched')} fetched",
        f"{skipped} skipped" + (f" ({reasons})" if reasons else ""),
        f"{run.count('failed')} failed",
    ]
    pages = ingest_summary(report.ingest).replace(" inputs:", " pages:", 1)
    return f"{len(run.outcomes)} URLs: " + ", ".join(parts) + "; " + pages


@app.command()
def fetch(
    targets: TargetsArgument,
    db: DbOption = "storytrace.db",
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Fetch again URLs already fetched.")
    ] = False,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Allow loopback, link-local and private addresses."),
    ] = False,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, help="Requests in flight at once.")
    ] = DEFAULT_CONCURRENCY,
    per_host: Annotated[
        int, typer.Option("--per-host", min=1, help="Requests in flight at once to one host.")
    ] = DEFAULT_PER_HOST,
    rate: Annotated[
        float,
        typer.Option("--rate", min=0.0, help="Seconds between request starts to one host."),
    ] = DEFAULT_RATE,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.001, help="Seconds one request may take.")
    ] = DEFAULT_TIMEOUT,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Largest body read; larger is an error.")
    ] = DEFAULT_MAX_BYTES,
    user_agent: Annotated[
        str | None,
        typer.Option("--user-agent", help="User-Agent header (default: storytrace/VERSION)."),
    ] = None,
    model: ModelOption = DEFAULT_MODEL,
) -> None:
    """Fetch articles, feeds and sitemaps into the store, then clean and annotate the pages."""
    from storytrace.collect import FetchOptions

    try:
        options = FetchOptions(
            concurrency=concurrency,
            per_host=per_host,
            rate=rate,
            timeout=timeout,
            max_bytes=max_bytes,
            allow_private=allow_private,
            refresh=refresh,
            **({"user_agent": user_agent} if user_agent is not None else {}),
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    with open_corpus(db, model) as corpus, fetch_progress() as (on_fetch, on_outcome):
        report = corpus.fetch(targets, options, on_fetch=on_fetch, on_outcome=on_outcome)
    console.print(summary(report), highlight=False, markup=False, soft_wrap=True)
    for outcome in report.fetches.failed:
        errors.print(
            f"failed: {outcome.url}: {outcome.error}", highlight=False, markup=False, soft_wrap=True
        )
    for outcome in report.ingest.failed:
        errors.print(
            f"{outcome.status}: {outcome.error}", highlight=False, markup=False, soft_wrap=True
        )
    if report.failed:
        raise typer.Exit(1)
