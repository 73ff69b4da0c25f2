"""`--engine ray`: clean and annotate in a Ray Data actor pool, results streamed back.

Three stages, each over less data than the one before:

1. **Workers** (Ray Data): pages -> `Annotate` actors (the model loaded once per
   actor; `concurrency=workers`), each batch's results written to Parquet,
   partitioned by publication date
   (`<parquet_dir>/articles/published_date=YYYY-MM-DD/*.parquet`), and streamed
   back to the driver as Arrow tables.
2. **Driver, in input order**: take the results as they come, annotate again what
   a newer entity snapshot would answer differently, resolve entities, save batch
   by batch (`driver.InOrder`, as the pool does). After each saved batch it
   publishes its entity snapshot (`Snapshots`, an actor without CPU), which the map
   actors fetch when its version moved, as the pool sends one with each chunk.
3. **Stories**: the features clustering reads (headline, the lead the clusterer
   reads, date, outlet, canonical entities) of each saved batch, placed in stories
   in input order and written to `<parquet_dir>/features/`.

The driver reads inputs and records each in the store before any worker sees it
(nothing is lost). Inputs go to Ray in windows of up to `WINDOW_BATCHES` batches
per worker (memory in the object store), each one Ray Data job whose actors stay
for the whole window. The run's first batch goes to a plain Ray task while the
first job's actors load the model; they wait for the snapshot the driver has once
it took that batch (the pool's one-chunk warm-up: an empty snapshot would make
the batches annotated meanwhile stale). A task whose actor dies is retried by
Ray; if it fails again its rows never come back, so each of its inputs is tried
alone once more (a plain Ray task), and one that fails alone is recorded as an
error.
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
from contextlib import contextmanager
from pathlib import Path
from queue import Queue
from threading import Thread
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
WINDOW_BATCHES = 64
"""A window holds at most this many batches per worker (memory in the object store)."""
WARM_UP_SECONDS = 300.0
"""An actor waits at most this long for the run's first batch to be taken (see `Snapshots`)."""
FEATURE_ROWS = 4096
"""Feature rows gathered before they are written to a file of `features/`."""

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


class Snapshots:
    """A Ray actor without CPU: the driver's latest entity snapshot, for the map actors.

    Published as `[ref]` (a reference inside a list is passed on, not fetched) to
    a `(version, entities)` object in the object store. `warm` turns True once the
    driver has taken the run's first batch: until then the snapshot is the one the
    first batch is annotated with, and a batch annotated from it would likely be
    stale (annotated again in the driver), so a new map actor waits, once its model
    is loaded (the pool's one-chunk warm-up).
    """

    def __init__(self) -> None:
        self.latest_: tuple[int, list | None, bool] = (-1, None, False)

    def publish(self, version: int, ref: list, warm: bool) -> None:
        self.latest_ = (version, ref, warm)

    def latest(self) -> tuple[int, list | None, bool]:
        return self.latest_


class Annotate:
    """A Ray Data actor: loads the model once, then cleans and annotates batches of pages.

    Each batch is annotated with the driver's latest entity snapshot (fetched from
    `Snapshots` when its version moved), written to `articles/` and returned to the
    driver, which takes the results as they come.
    """

    def __init__(
        self, options: Options, snapshots: Any, modules: list[str], root: str, tag: str
    ) -> None:
        self.snapshots = snapshots
        self.folder, self.tag = Path(root) / "articles", tag
        self.version = -1
        worker.start(options, self._snapshot(), modules)
        # Waiting here, not in a task: Ray Data's executor was seen to hold back every
        # finished batch while an actor's task waited.
        deadline = time.monotonic() + WARM_UP_SECONDS
        while not self._latest()[2] and time.monotonic() < deadline:
            time.sleep(0.2)

    def _latest(self) -> tuple[int, list | None, bool]:
        import ray

        return ray.get(self.snapshots.latest.remote())

    def _snapshot(self) -> worker.Snapshot:
        """The latest snapshot; without its entities if this actor has them already."""
        import ray

        version, ref, _ = self._latest()
        if version == self.version or ref is None:
            return self.version, None
        self.version = version
        return ray.get(ref[0])

    def __call__(self, batch: pa.Table) -> pa.Table:
        seqs = batch.column("seq").to_pylist()
        snapshot = self._snapshot()
        pages = [pickle.loads(b) for b in batch.column("page").to_pylist()]
        results = worker.process(pages, snapshot)
        table = features.result_table(seqs, batch.column("input_id").to_pylist(), results)
        features.write_results(self.folder, table, f"{self.tag}-{seqs[0]:09d}")
        return table


class Publisher:
    """The driver's side of `Snapshots`: a new snapshot after every batch the driver saves."""

    def __init__(self, ray: Any, pipeline: Pipeline) -> None:
        self.ray, self.pipeline = ray, pipeline
        self.actor = ray.remote(num_cpus=0)(Snapshots).remote()
        self.version = 0
        self.warm = False
        self.ref: Any = None
        self.publish()

    def publish(self) -> None:
        self.ref = self.ray.put((self.version, list(self.pipeline.resolver.entities.values())))
        # Not waited for: Ray runs one caller's calls to an actor in the order they were made.
        self.actor.publish.remote(self.version, [self.ref], self.warm)

    def saved(self) -> None:
        self.version += 1
        self.publish()

    def warmed(self) -> None:
        if not self.warm:
            self.warm = True
            self.publish()


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

    with connected(options) as ray, _data_context():
        pipeline.stories.place_unplaced()
        modules = plugin_modules()
        publisher = Publisher(ray, pipeline)
        stories = Stories(pipeline, root / "features", run)
        limit = options.batch_size * options.workers * WINDOW_BATCHES

        def saved(batch: Saved) -> None:
            publisher.saved()
            stories.place(batch)

        # One saver for the run: batches span windows, exactly as one process makes them.
        saver = InOrder(pipeline, done, place=False, on_saved=saved)
        window: Window = []
        in_run: set[int] = set()
        count = sent = 0
        for page in pages:
            # Recorded before any worker sees it: nothing is lost if anything dies later.
            input_id, todo = store.record_input(page)
            if not todo or input_id in in_run:
                done(Outcome(page.source, "unchanged", input_id=input_id))
                continue
            in_run.add(input_id)
            window.append((count, Outcome(page.source, "ok", input_id=input_id), page))
            count += 1
            if len(window) >= limit:
                sent += 1
                _window(ray, options, window, publisher, modules, root, f"{run}-{sent:05d}", saver)
                window = []
        if window:
            sent += 1
            _window(ray, options, window, publisher, modules, root, f"{run}-{sent:05d}", saver)
        saver.flush()
        stories.flush()
        saver.report()
    pipeline.stories.rebuild_stale()
    return report


class Stories:
    """Stage 3: saved articles' features placed in stories, and written to `features/`."""

    def __init__(self, pipeline: Pipeline, folder: Path, run: str) -> None:
        self.pipeline, self.folder, self.run = pipeline, folder, run
        self.tables: list[pa.Table] = []
        self.rows = self.files = 0

    def place(self, saved: Saved) -> None:
        if not saved:
            return
        table = features.feature_table(saved)
        self.pipeline.stories.place_items(features.items(table))
        self.tables.append(table)
        self.rows += table.num_rows
        if self.rows >= FEATURE_ROWS:
            self.flush()

    def flush(self) -> None:
        """Write the feature rows gathered so far as one file."""
        if self.tables:
            self.files += 1
            features.write(self.folder, f"{self.run}-{self.files:05d}", self.tables)
            self.tables, self.rows = [], 0


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


def _process(options: Options, snapshot: list, modules: list[str], pages: list[Page]) -> Any:
    """A Ray task: pages cleaned and annotated in a worker of its own."""
    import ray

    known = ray.get(snapshot[0])
    worker.ensure_started(options, known, modules)  # a reused worker keeps its model
    return worker.process(pages, (known[0], None))


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
    task = ray.remote(num_cpus=1, max_retries=1)(_process)
    results: dict[int, worker.Result] = {}
    for seq, outcome, page in missing:
        try:
            results[seq] = ray.get(task.remote(options, [snapshot], modules, [page]))[0]
        except ray.exceptions.RayError as exc:
            log.error("%s: %s (%s)", outcome.source, CRASHED, type(exc).__name__)
            results[seq] = (None, "error", f"{page.source}: {CRASHED}", None, [])
    seqs = list(results)
    ids = [outcome.input_id for _, outcome, _ in missing]
    table = features.result_table(seqs, ids, list(results.values()))
    features.write_results(root / "articles", table, f"{tag}-alone")
    return results


def _window(
    ray: Any,
    options: Options,
    window: Window,
    publisher: Publisher,
    modules: list[str],
    root: Path,
    tag: str,
    saver: InOrder,
) -> None:
    """Run the Ray Data job over a window, handing results to `saver` in input order as
    they stream back; inputs whose task died are tried alone, then failed.

    The run's first batch goes to a plain Ray task instead, while the job's actors load
    the model: they wait for the snapshot the driver has once it has taken that batch.
    """
    first: Window = []
    if not publisher.warm:
        first, window = window[: options.batch_size], window[options.batch_size :]
    streamed = _in_background(_job(ray, options, window, publisher, modules, root, tag))
    if first:
        results = _first(ray, options, first, publisher, modules, root, tag)
        for (_, outcome, _), result in zip(first, results, strict=True):
            saver.take(outcome, result)
        publisher.warmed()
    rows: dict[int, worker.Result] = {}
    taken = 0
    for table in streamed:
        rows.update(features.rows(table))
        while taken < len(window) and window[taken][0] in rows:
            seq, outcome, _ = window[taken]
            saver.take(outcome, rows.pop(seq))
            taken += 1
    missing = [item for item in window[taken:] if item[0] not in rows]
    if missing:
        log.warning("%d inputs lost with a dead worker; trying each alone", len(missing))
        rows.update(_alone(ray, options, missing, publisher.ref, modules, root, tag))
    for seq, outcome, _ in window[taken:]:
        saver.take(outcome, rows.pop(seq))


def _job(
    ray: Any,
    options: Options,
    window: Window,
    publisher: Publisher,
    modules: list[str],
    root: Path,
    tag: str,
) -> Iterator[pa.Table]:
    """The Ray Data job over a window: result tables as the actors finish them."""
    if not window:
        return
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
            fn_constructor_kwargs={
                "options": options,
                "snapshots": publisher.actor,
                "modules": modules,
                "root": str(root),
                "tag": tag,
            },
            # One retry in a restarted actor; a second death drops the batch (see above).
            max_restarts=-1,
            max_task_retries=1,
        )
    del items  # in the object store now; the window's pages are not held twice
    yield from dataset.iter_batches(batch_size=None, batch_format="pyarrow")


def _in_background(items: Iterator[Any]) -> Iterator[Any]:
    """`items`, drawn from now on in a thread of its own, so the caller works meanwhile."""
    queue: Queue = Queue()
    end = object()

    def draw() -> None:
        try:
            for item in items:
                queue.put(item)
        except BaseException as exc:  # raised again in the caller's thread
            queue.put(exc)
        queue.put(end)

    def drawn() -> Iterator[Any]:
        while (item := queue.get()) is not end:
            if isinstance(item, BaseException):
                raise item
            yield item

    Thread(target=draw, daemon=True, name="ray-results").start()
    return drawn()


def _first(
    ray: Any,
    options: Options,
    first: Window,
    publisher: Publisher,
    modules: list[str],
    root: Path,
    tag: str,
) -> list[worker.Result]:
    """The run's first batch, in a plain Ray task (retried once; then each input alone).

    It takes no CPU from Ray's count, so the job's actors start meanwhile: they load
    the model, then wait for it (see `Snapshots`).
    """
    task = ray.remote(num_cpus=0, max_retries=1)(_process)
    pages = [page for _, _, page in first]
    try:
        results = ray.get(task.remote(options, [publisher.ref], modules, pages))
    except ray.exceptions.RayError as exc:
        log.warning("the first batch's worker died (%s); trying each input alone", exc)
        return list(_alone(ray, options, first, publisher.ref, modules, root, tag).values())
    seqs, ids = [seq for seq, _, _ in first], [outcome.input_id for _, outcome, _ in first]
    table = features.result_table(seqs, ids, results)
    features.write_results(root / "articles", table, f"{tag}-{seqs[0]:09d}")
    return results
