"""`--engine ray`: clean and annotate in a Ray Data actor pool, by way of Parquet.

Three stages, each over less data than the one before:

1. **Workers** (Ray Data): pages -> `Annotate` actors (the model loaded once per
   actor; `concurrency=workers`) -> Parquet, partitioned by publication date:
   `<parquet_dir>/articles/published_date=YYYY-MM-DD/*.parquet`.
2. **Driver, in input order**: read the window's Parquet back, sort by input
   order, annotate again what a newer entity snapshot would answer differently,
   resolve entities, save batch by batch (`driver.InOrder`, as the pool does).
   It writes the clustering features of the saved articles (headline, the lead
   the clusterer reads, date, outlet, canonical entities) to
   `<parquet_dir>/features/`.
3. **Stories**: place the feature rows in stories, in input order.

The driver reads inputs and records each in the store before any worker sees it
(nothing is lost). Inputs go to Ray in windows: a first small one (the workers'
entity snapshot is empty until a batch is resolved), then larger ones (x4, up to
`WINDOW_BATCHES` batches per worker), each with the snapshot the driver has when
it is sent. While Ray works on one window the driver loads the one before, so
the model is not idle while the store is written. A task whose actor dies is retried
by Ray; if it fails again its rows are missing from the Parquet output, so each
of its inputs is tried alone once more (a plain Ray task), and one that fails
alone is recorded as an error.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import time
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storytrace.model import Options, Page, StorytraceError
from storytrace.pipeline import IngestReport, Outcome
from storytrace.scale import features, worker
from storytrace.scale.driver import InOrder, Saved
from storytrace.scale.pool import plugin_modules

if TYPE_CHECKING:
    import pyarrow as pa

    from storytrace.pipeline import Pipeline

log = logging.getLogger(__name__)

EXTRA = "ray"
CRASHED = "worker process died while processing this input (twice)"
WINDOW_BATCHES = 16
"""A window holds at most this many batches per worker (memory in the object store)."""

Window = list[tuple[int, Outcome, Page]]
"""(input order, outcome, page) of the inputs sent to Ray together."""


class RayMissing(StorytraceError):
    """`--engine ray` without Ray installed."""


def require_ray() -> Any:
    """The `ray` module, or a RayMissing error naming the extra to install."""
    try:
        import ray
        import ray.data  # ray without its data extra has no Ray Data
    except ImportError as exc:
        raise RayMissing(
            f"--engine ray needs Ray Data: pip install 'storytrace[{EXTRA}]' ({exc})"
        ) from None
    return ray


@contextmanager
def connected(options: Options) -> Iterator[Any]:
    """Ray, joined at `options.address` or started here with `options.workers` CPUs."""
    ray = require_ray()
    if ray.is_initialized():
        yield ray
        return
    if options.address:
        ray.init(address=options.address, log_to_driver=False, logging_level=logging.WARNING)
    else:
        # Local workers import what this process can: tests and plugins outside the package.
        path = os.pathsep.join(p for p in sys.path if p and os.path.isdir(p))
        ray.init(
            num_cpus=options.workers,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.WARNING,
            runtime_env={"env_vars": {"PYTHONPATH": path}},
        )
    try:
        yield ray
    finally:
        ray.shutdown()


class Annotate:
    """A Ray Data actor: loads the model once, then cleans and annotates batches of pages."""

    def __init__(self, options: Options, snapshot: list, modules: list[str]) -> None:
        import ray

        snapshot = ray.get(snapshot[0])
        worker.start(options, snapshot, modules)
        self.version = snapshot[0]

    def __call__(self, batch: pa.Table) -> pa.Table:
        pages = [pickle.loads(b) for b in batch.column("page").to_pylist()]
        results = worker.process(pages, (self.version, None))
        return features.result_table(
            batch.column("seq").to_pylist(), batch.column("input_id").to_pylist(), results
        )


def ingest_ray(
    pipeline: Pipeline,
    pages: Iterable[Page],
    on_outcome: Callable[[Outcome], None] | None = None,
) -> IngestReport:
    """Like `Pipeline.ingest_pages`, with cleaning and annotation on Ray (see the module doc)."""
    store, options = pipeline.store, pipeline.options
    report = IngestReport()
    root = parquet_root(pipeline)
    run = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]

    def done(outcome: Outcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    with connected(options) as ray, _data_context(), ThreadPoolExecutor(1) as runner:
        pipeline.stories.place_unplaced()
        modules = plugin_modules()
        limit = options.batch_size * options.workers * WINDOW_BATCHES
        size = options.batch_size
        window: Window = []
        in_run: set[int] = set()
        count = sent = 0
        running: tuple[Window, str, Any, Future] | None = None
        # One saver for the run: batches span windows, exactly as one process makes them.
        saved: Saved = []
        saver = InOrder(pipeline, done, place=False, on_saved=saved.extend)

        def place(tag: str) -> None:
            """Stage 3: the saved articles' features to Parquet, then into stories."""
            if saved:
                table = features.write(root / "features", tag, saved)
                pipeline.stories.place_items(features.items(table))
                saved.clear()

        def load(window: Window, tag: str, snapshot: Any, future: Future) -> None:
            """Stage 2: a window's results into the store, in input order."""
            results = _results(ray, options, window, future.result(), snapshot, modules, root, tag)
            for outcome, result in results:
                saver.take(outcome, result)
            place(tag)

        def send(window: Window) -> None:
            nonlocal size, sent, running
            sent += 1
            tag = f"{run}-{sent:05d}"
            snapshot = ray.put((sent, list(pipeline.resolver.entities.values())))
            future = runner.submit(_annotate, ray, options, window, snapshot, modules, root, tag)
            # The driver loads the previous window while Ray works on this one. The first
            # window is loaded at once: until then the workers' snapshot is empty.
            if running:
                load(*running)
            running = (window, tag, snapshot, future)
            if sent == 1:
                load(*running)
                running = None
            size = min(size * 4, limit)

        for page in pages:
            # Recorded before any worker sees it: nothing is lost if anything dies later.
            input_id, todo = store.record_input(page)
            if not todo or input_id in in_run:
                done(Outcome(page.source, "unchanged", input_id=input_id))
                continue
            in_run.add(input_id)
            window.append((count, Outcome(page.source, "ok", input_id=input_id), page))
            count += 1
            if len(window) >= size:
                send(window)
                window = []
        if window:
            send(window)
        if running:
            load(*running)
        saver.flush()
        place(f"{run}-last")
        saver.report()
    pipeline.stories.rebuild_stale()
    return report


@contextmanager
def _data_context() -> Iterator[None]:
    """Ray Data settings for this run, restored afterwards (the process may use Ray for more)."""
    from ray.data import DataContext

    context = DataContext.get_current()
    saved = (context.enable_progress_bars, context.max_errored_blocks)
    context.enable_progress_bars = False
    # A task whose actor died twice loses its rows instead of failing the dataset:
    # the driver finds them missing and tries each input alone (`_results`).
    context.max_errored_blocks = -1
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    try:
        yield
    finally:
        context.enable_progress_bars, context.max_errored_blocks = saved


def parquet_root(pipeline: Pipeline) -> Path:
    """`Options.parquet_dir`, else `<store file>.parquet` beside the store."""
    if pipeline.options.parquet_dir:
        return Path(pipeline.options.parquet_dir)
    path = getattr(pipeline.store, "path", None)
    if not path or path == ":memory:" or "://" in str(path):
        return Path("storytrace.parquet")
    return Path(f"{path}.parquet")


def _results(
    ray: Any,
    options: Options,
    window: Window,
    files: list[Path],
    snapshot: Any,
    modules: list[str],
    root: Path,
    tag: str,
) -> Iterator[tuple[Outcome, worker.Result]]:
    """Each input's result, in input order; inputs whose task died are tried alone, then failed."""
    rows = features.read(files)
    missing = [item for item in window if item[0] not in rows]
    if missing:
        log.warning("%d inputs lost with a dead worker; trying each alone", len(missing))
        rows.update(_alone(ray, options, missing, snapshot, modules, root, tag))
    for seq, outcome, _ in window:
        yield outcome, rows[seq]


def _process_alone(options: Options, snapshot: list, modules: list[str], page: Page) -> Any:
    """A Ray task: one page cleaned and annotated in a worker of its own."""
    import ray

    known = ray.get(snapshot[0])
    worker.ensure_started(options, known, modules)  # a reused worker keeps its model
    return worker.process([page], (known[0], None))[0]


def _alone(
    ray: Any,
    options: Options,
    missing: Window,
    snapshot: Any,
    modules: list[str],
    root: Path,
    tag: str,
) -> dict[int, worker.Result]:
    """Each input of a dead task in a plain Ray task, one at a time, retried once; one
    whose worker dies twice is recorded as an error.

    Not Ray Data: its actor pool was seen to wait for ever on a restarted actor after
    several deaths in one job. One at a time: tasks queued on a worker that dies fail
    with it, so an input is only blamed for its own death. These are the inputs of
    a batch whose actor died twice, so few.
    """
    import pyarrow.parquet as pq

    task = ray.remote(num_cpus=1, max_retries=1)(_process_alone)
    results: dict[int, worker.Result] = {}
    for seq, outcome, page in missing:
        try:
            results[seq] = ray.get(task.remote(options, [snapshot], modules, page))
        except ray.exceptions.RayError as exc:
            log.error("%s: %s (%s)", outcome.source, CRASHED, type(exc).__name__)
            results[seq] = (None, "error", f"{page.source}: {CRASHED}", None, [])
    seqs = list(results)
    ids = [outcome.input_id for _, outcome, _ in missing]
    table = features.result_table(seqs, ids, list(results.values()))
    pq.write_to_dataset(
        table,
        root / "articles",
        partition_cols=["published_date"],
        basename_template=f"{tag}-alone-{{i}}.parquet",
    )
    return results


def _annotate(
    ray: Any,
    options: Options,
    window: Window,
    snapshot: Any,
    modules: list[str],
    root: Path,
    tag: str,
) -> list[Path]:
    """Run the Ray Data stage over a window; returns the Parquet files it wrote."""
    from ray.data.datasource import FilenameProvider

    batch_size = options.batch_size
    items = [
        {"seq": seq, "input_id": outcome.input_id, "page": pickle.dumps(page)}
        for seq, outcome, page in window
    ]
    blocks = -(-len(items) // batch_size)  # a block per batch: a dead task loses one batch
    with warnings.catch_warnings():
        # Ray Data calls the retry settings deprecated (from Ray 2.64; pinned below that) but
        # has no other way to bound them: its default retries a dying task for ever.
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = ray.data.from_items(items, override_num_blocks=blocks).map_batches(
            Annotate,
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=min(options.workers, blocks)),
            num_cpus=1,
            # The snapshot inside a list: an actor restarted after a crash gets it again
            # from the driver's reference instead of from its lost constructor arguments.
            fn_constructor_kwargs={"options": options, "snapshot": [snapshot], "modules": modules},
            # One retry in a restarted actor; a second death drops the batch (see above).
            max_restarts=-1,
            max_task_retries=1,
        )
    folder = root / "articles"
    dataset.write_parquet(
        str(folder),
        partition_cols=["published_date"],
        filename_provider=FilenameProvider(dataset_uuid=tag, file_format="parquet"),
    )
    return sorted(folder.glob(f"published_date=*/{tag}_*.parquet"))
