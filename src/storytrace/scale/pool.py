"""`--workers N`: clean and annotate in a local process pool, store in the main process.

The main process records every input before any worker sees it (a crash loses
nothing: an input left `pending` is redone on the next run), sends chunks of
`Options.batch_size` pages to the pool, and saves the results in input order.
Entity resolution, the store and story placement stay in the main process: they
are corpus-wide state, and SQLite has one writer.

A worker that dies mid-chunk (a segfault in a parser, the OOM killer) breaks the
pool: a fresh pool is started and each input of the unfinished chunks is tried
again alone; an input whose worker dies again is recorded as an error.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from storytrace.model import Page
from storytrace.pipeline import IngestReport, Outcome
from storytrace.scale import worker
from storytrace.scale.driver import InOrder

if TYPE_CHECKING:
    from storytrace.pipeline import Pipeline

log = logging.getLogger(__name__)

Chunk = list[tuple[Outcome, Page]]
CRASHED = "worker process died while processing this input (twice)"


def plugin_modules() -> list[str]:
    """Modules that registered readers, cleaners or components: each worker imports them."""
    from storytrace.annotate import components, load_components
    from storytrace.clean import cleaners
    from storytrace.ingest import readers

    load_components()
    modules = set()
    for registry in (readers, cleaners, components):
        for name in registry.names():
            modules.add(registry.get(name).__module__)
    # `__main__` cannot be imported by name in a spawned worker.
    return sorted(m for m in modules if m != "__main__")


class WorkerPool:
    """A process pool whose workers each hold a loaded model; restartable after a crash."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.workers = pipeline.options.workers
        self.version = 0
        self._known: list | None = None
        self._modules = plugin_modules()
        self._pool = self._start()

    def changed(self) -> None:
        """The main resolver learnt something: later chunks carry a new snapshot."""
        self.version += 1
        self._known = None

    def snapshot(self) -> worker.Snapshot:
        # Sent whole with every chunk (pickled: O(entities)); a worker rebuilds its
        # snapshot only when the version moved.
        if self._known is None:
            self._known = list(self.pipeline.resolver.entities.values())
        return self.version, self._known

    def _start(self) -> ProcessPoolExecutor:
        # spawn, not fork: the main process may hold threads (progress bar, web server).
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=worker.start,
            initargs=(self.pipeline.options, self.snapshot(), self._modules),
        )

    def submit(self, chunk: Chunk) -> Future:
        pages = [page for _, page in chunk]
        try:
            return self._pool.submit(worker.process, pages, self.snapshot())
        except BrokenProcessPool:
            self.restart()
            return self._pool.submit(worker.process, pages, self.snapshot())

    def restart(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._start()

    def results(self, chunk: Chunk, future: Future) -> list[worker.Result]:
        """The chunk's results; after a crash, each input tried alone in a fresh pool."""
        try:
            return future.result()
        except BrokenProcessPool:
            log.warning("a worker died; trying the %d inputs of its chunk one by one", len(chunk))
        self.restart()
        results: list[worker.Result] = []
        for outcome, page in chunk:
            try:
                results.extend(self._pool.submit(worker.process, [page], self.snapshot()).result())
            except BrokenProcessPool:
                log.error("%s: %s", outcome.source, CRASHED)
                results.append((None, "error", f"{page.source}: {CRASHED}", None, []))
                self.restart()
        return results

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def ingest_parallel(
    pipeline: Pipeline,
    pages: Iterable[Page],
    on_outcome: Callable[[Outcome], None] | None = None,
) -> IngestReport:
    """Like `Pipeline.ingest_pages`, with cleaning and annotation in `options.workers` processes.

    The store ends up exactly as one process leaves it: results are taken in input
    order and resolved in the same batches (`batch_size` cleaned articles), and an
    article whose annotation consulted a name the main process now knows differently
    is annotated again in the main process before it is resolved.
    """
    store, options = pipeline.store, pipeline.options
    report = IngestReport()

    def done(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    def take(chunk: Chunk, results: list[worker.Result]) -> None:
        for (outcome, _), result in zip(chunk, results, strict=True):
            saver.take(outcome, result)

    pipeline.stories.place_unplaced()
    pool = WorkerPool(pipeline)
    saver = InOrder(pipeline, done, on_saved=lambda _: pool.changed())
    in_flight: deque[tuple[Chunk, Future]] = deque()
    in_run: set[int] = set()
    chunk: Chunk = []
    try:
        for page in pages:
            # Recorded before any worker sees it: nothing is lost if anything dies later.
            input_id, todo = store.record_input(page)
            if not todo or input_id in in_run:
                done(Outcome(page.source, "unchanged", input_id=input_id))
                continue
            in_run.add(input_id)
            chunk.append((Outcome(page.source, "ok", input_id=input_id), page))
            if len(chunk) >= options.batch_size:
                in_flight.append((chunk, pool.submit(chunk)))
                chunk = []
                # Two chunks per worker keep every worker busy and memory bounded. Until
                # the main process has resolved a first batch, one chunk at a time: the
                # workers' snapshot is empty, and every name a chunk taught would make
                # the chunks sent meanwhile stale (annotated again in the main process).
                window = 2 * pool.workers if pool.version else 0
                while len(in_flight) > window:
                    take(*_next(pool, in_flight))
        if chunk:
            in_flight.append((chunk, pool.submit(chunk)))
        while in_flight:
            take(*_next(pool, in_flight))
        saver.flush()
    finally:
        pool.close()
    saver.report()
    pipeline.stories.rebuild_stale()
    return report


def _next(pool: WorkerPool, in_flight: deque) -> tuple[Chunk, list[worker.Result]]:
    chunk, future = in_flight.popleft()
    return chunk, pool.results(chunk, future)
