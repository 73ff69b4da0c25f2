"""`storytrace ingest`: record, clean, annotate and store inputs."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from storytrace.cli import app
from storytrace.cli.common import (
    DEFAULT_MODEL,
    DbOption,
    ModelOption,
    PathsArgument,
    WorkersOption,
    console,
    errors,
    exit_for,
    ingest_progress,
    open_corpus,
)
from storytrace.pipeline import IngestReport


class Engine(StrEnum):
    local = "local"
    ray = "ray"


EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="Where cleaning and annotation run: this machine (local), or a Ray cluster (ray; "
        "needs the ray extra).",
    ),
]
AddressOption = Annotated[
    str | None,
    typer.Option(
        "--address",
        help="The Ray cluster to join (with --engine ray); without it Ray starts on this "
        "machine with --workers CPUs.",
    ),
]
ParquetOption = Annotated[
    Path | None,
    typer.Option(
        "--parquet-dir",
        help="Where --engine ray writes its Parquet tables (default: beside the store, "
        "DB.parquet).",
        file_okay=False,
    ),
]


def engine_options(engine: Engine, address: str | None, parquet_dir: Path | None) -> dict[str, Any]:
    """The engine's Options, checked before any store is opened (exit 2 when unusable)."""
    if engine is Engine.ray:
        from storytrace.scale.raydata import RayMissing, require_ray

        try:
            require_ray()
        except RayMissing as exc:
            errors.print(str(exc), style="red", highlight=False, markup=False)
            raise typer.Exit(2) from None
    elif address or parquet_dir:
        errors.print("--address and --parquet-dir need --engine ray", style="red")
        raise typer.Exit(2)
    return {
        "engine": str(engine),
        "address": address,
        "parquet_dir": str(parquet_dir) if parquet_dir else None,
    }


def summary(report: IngestReport) -> str:
    parts = [f"{report.count(s)} {s}" for s in ("ok", "unchanged", "no_article", "error")]
    return f"{len(report.outcomes)} inputs: " + ", ".join(parts)


@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = "storytrace.db",
    model: ModelOption = DEFAULT_MODEL,
    workers: WorkersOption = 1,
    engine: EngineOption = Engine.local,
    address: AddressOption = None,
    parquet_dir: ParquetOption = None,
) -> None:
    """Ingest inputs into the store; identical inputs already stored are left as they are."""
    options = engine_options(engine, address, parquet_dir)
    with open_corpus(db, model, workers, **options) as corpus, ingest_progress() as advance:
        report = corpus.ingest(paths, advance)
    console.print(summary(report), highlight=False)
    exit_for(report)
