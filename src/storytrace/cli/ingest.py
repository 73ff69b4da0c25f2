"""`storytrace ingest`: record, clean, annotate and store inputs."""

from __future__ import annotations

from storytrace.cli import app
from storytrace.cli.common import (
    DEFAULT_MODEL,
    DbOption,
    ModelOption,
    PathsArgument,
    WorkersOption,
    console,
    exit_for,
    ingest_progress,
    open_corpus,
)
from storytrace.pipeline import IngestReport


def summary(report: IngestReport) -> str:
    parts = [f"{report.count(s)} {s}" for s in ("ok", "unchanged", "no_article", "error")]
    return f"{len(report.outcomes)} inputs: " + ", ".join(parts)


@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = "storytrace.db",
    model: ModelOption = DEFAULT_MODEL,
    workers: WorkersOption = 1,
) -> None:
    """Ingest inputs into the store; identical inputs already stored are left as they are."""
    with open_corpus(db, model, workers) as corpus, ingest_progress() as advance:
        report = corpus.ingest(paths, advance)
    console.print(summary(report), highlight=False)
    exit_for(report)
