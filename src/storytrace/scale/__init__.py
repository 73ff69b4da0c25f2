"""Running the pipeline on more than one core: a local process pool, or a Ray cluster.

`Pipeline.ingest_pages` calls `run_engine` when `Options.workers` > 1 or
`Options.engine` is not `local`. Engines are named in the `engines` registry; see
docs/scale.md for the design and the cost model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from storytrace.registry import Registry

if TYPE_CHECKING:
    from storytrace.model import Page
    from storytrace.pipeline import IngestReport, Outcome, Pipeline

Engine = Callable[
    ["Pipeline", "Iterable[Page]", "Callable[[Outcome], None] | None"], "IngestReport"
]

engines: Registry[Engine] = Registry("engine")


@engines.register("local")
def _local(pipeline: Pipeline, pages: Iterable[Page], on_outcome=None) -> IngestReport:
    from storytrace.scale.pool import ingest_parallel

    return ingest_parallel(pipeline, pages, on_outcome)


@engines.register("ray")
def _ray(pipeline: Pipeline, pages: Iterable[Page], on_outcome=None) -> IngestReport:
    from storytrace.scale.raydata import ingest_ray

    return ingest_ray(pipeline, pages, on_outcome)


def run_engine(
    pipeline: Pipeline,
    pages: Iterable[Page],
    on_outcome: Callable[[Outcome], None] | None = None,
) -> IngestReport:
    """Ingest with the engine `pipeline.options.engine` names (ValueError for an unknown one)."""
    try:
        engine = engines.get(pipeline.options.engine)
    except KeyError as exc:
        raise ValueError(exc.args[0]) from None
    return engine(pipeline, pages, on_outcome)
