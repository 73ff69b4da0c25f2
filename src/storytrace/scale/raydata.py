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
   publishes its entity snapshot (`Relay`, an actor without CPU), which the map
   actors fetch when its version moved, as the pool sends one with each chunk.
3. **Stories**: the features clustering reads (headline, the lead the clusterer
   reads, date, outlet, canonical entities) of each saved batch, placed in stories
   in input order and written to `<parquet_dir>/features/`.

The driver reads inputs and records each in the store before any worker sees it
(nothing is lost), and sends each batch as soon as it is recorded (`Stream`),
never more than `AHEAD_BATCHES` per worker ahead of the results it has back
(memory in the object store). Batches go to Ray in windows of up to
`WINDOW_BATCHES` per worker, each one Ray Data job whose actors stay for the whole
window and which starts with the window's first batch: its one read task takes the
batches from `Relay` as the driver sends them. The run's first batch goes to a
plain Ray task while the first job's actors load the model; they wait for the
snapshot the driver has once it took that batch (the pool's one-chunk warm-up: an
empty snapshot would make the batches annotated meanwhile stale). A task whose
actor dies is retried by Ray; if it fails again its rows never come back, so at the
window's end each of its inputs is tried alone once more (a plain Ray task), and
one that fails alone is recorded as an error.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import time
import uuid
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from queue import Empty, Queue
from threading import Thread
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from storytrace.model import Options, Page, StorytraceError
from storytrace.pipeline import IngestReport, Outcome
from storytrace.scale import features, worker
from storytrace.scale.driver import InOrder, Saved
from storytrace.scale.pool import plugin_modules

if TYPE_CHECKING:
    from storytrace.pipeline import Pipeline

log = logging.getLogger(__name__)

EXTRA = "ray"
CRASHED = "worker process died while processing this input (twice)"
WINDOW_BATCHES = 256
"""A window (one Ray Data job: its actors load the model once) holds at most this many
batches per worker; it bounds the results the driver holds after a batch is lost."""
AHEAD_BATCHES = 8
"""The driver sends at most this many batches per worker more than it has results for
(memory in the object store)."""
WARM_UP_SECONDS = 300.0
"""An actor waits at most this long for the run's first batch to be taken (see `Relay`)."""
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


class Relay:
    """A Ray actor without CPU: what the driver hands the workers besides Ray Data's rows.

    One process for two small jobs (each Ray actor is a process of its own to start):

    - **The entity snapshot**, for the map actors: published as `[ref]` (a reference
      inside a list is passed on, not fetched) to a `(version, entities)` object in the
      object store. `warm` turns True once the driver has taken the run's first
      batch: until then the snapshot is the one the first batch is annotated with, and
      a batch annotated from it would likely be stale (annotated again in the driver),
      so a new map actor waits, once its model is loaded (the pool's one-chunk warm-up).
    - **The batches of each window**, for its job's read task (`_fed`), which asks for
      them in order and waits for one not sent yet: a job starts with its window's
      first batch, not its last. `None` ends the window.
    """

    def __init__(self) -> None:
        import asyncio

        self.latest_: tuple[int, list | None, bool] = (-1, None, False)
        self.batches: dict[tuple[int, int], list] = {}
        self.ends: dict[int, int] = {}
        self.changed = asyncio.Condition()

    async def publish(self, version: int, ref: list, warm: bool) -> None:
        self.latest_ = (version, ref, warm)

    async def latest(self) -> tuple[int, list | None, bool]:
        return self.latest_

    async def put(self, window: int, index: int, ref: list) -> None:
        async with self.changed:
            self.batches[window, index] = ref
            self.changed.notify_all()

    async def close(self, window: int, count: int) -> None:
        async with self.changed:
            self.ends[window] = count
            self.changed.notify_all()

    async def get(self, window: int, index: int) -> list | None:
        def there() -> bool:
            return (window, index) in self.batches or index >= self.ends.get(window, index + 1)

        async with self.changed:
            await self.changed.wait_for(there)
            return self.batches.pop((window, index), None)


class Annotate:
    """A Ray Data actor: loads the model once, then cleans and annotates batches of pages.

    Each batch is annotated with the driver's latest entity snapshot (fetched from
    `Relay` when its version moved), written to `articles/` and returned to the
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
        """Each row a batch of pages (see `Job.put`); back, each row its results (packed)."""
        packed = []
        for blob in batch.column("batch").to_pylist():
            seqs, ids, pages = pickle.loads(blob)
            results = worker.process(pages, self._snapshot())
            table = features.result_table(seqs, ids, results)
            features.write_results(self.folder, table, f"{self.tag}-{seqs[0]:09d}")
            packed.append(features.packed(table))
        return pa.table({"results": pa.array(packed, pa.binary())})


class Publisher:
    """The driver's side of `Relay`'s snapshot: a new one after every batch the driver saves."""

    def __init__(self, ray: Any, pipeline: Pipeline) -> None:
        self.ray, self.pipeline = ray, pipeline
        self.actor = ray.remote(num_cpus=0)(Relay).remote()
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
        publisher = Publisher(ray, pipeline)
        stories = Stories(pipeline, root / "features", run)

        def saved(batch: Saved) -> None:
            publisher.saved()
            stories.place(batch)

        # One saver for the run: batches span windows, exactly as one process makes them.
        saver = InOrder(pipeline, done, place=False, on_saved=saved)
        stream = Stream(ray, options, publisher, plugin_modules(), root, run, saver)
        in_run: set[int] = set()
        count = 0
        for page in pages:
            # Recorded before any worker sees it: nothing is lost if anything dies later.
            input_id, todo = store.record_input(page)
            if not todo or input_id in in_run:
                done(Outcome(page.source, "unchanged", input_id=input_id))
                continue
            in_run.add(input_id)
            stream.add((count, Outcome(page.source, "ok", input_id=input_id), page))
            count += 1
        stream.close()
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
    saved = (
        context.enable_progress_bars,
        context.max_errored_blocks,
        context.target_max_block_size,
    )
    context.enable_progress_bars = False
    # Every block is one row (a batch of pages, or of results): with any smaller target a
    # block goes on as soon as it is made, where the default would gather the read task's
    # batches into one block until the window ends.
    context.target_max_block_size = 1
    # A task whose actor died twice loses its rows instead of failing the dataset:
    # the driver finds them missing and tries each input alone (`_results`).
    context.max_errored_blocks = -1
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    try:
        yield
    finally:
        (
            context.enable_progress_bars,
            context.max_errored_blocks,
            context.target_max_block_size,
        ) = saved


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


class Stream:
    """The driver's side of the workers: batches go out as soon as they are recorded,
    results are taken in input order as they come back.

    The run's first batch goes to a plain Ray task (`_first`); the others to the
    window's Ray Data job (`Job`), started with its first batch. The driver records
    at most `AHEAD_BATCHES` batches per worker more than it has results for (pages
    in the object store), and ends a window after `WINDOW_BATCHES` batches per worker:
    the job ends, and the inputs of a batch that never came back are tried alone.
    """

    def __init__(
        self,
        ray: Any,
        options: Options,
        publisher: Publisher,
        modules: list[str],
        root: Path,
        run: str,
        saver: InOrder,
    ) -> None:
        self.ray, self.options, self.publisher = ray, options, publisher
        self.modules, self.root, self.run, self.saver = modules, root, run, saver
        self.batch: Window = []
        """Recorded, not sent yet."""
        self.items: deque[tuple[int, Outcome, Page]] = deque()
        """Sent, not taken yet, in input order."""
        self.rows: dict[int, worker.Result] = {}
        """Results back and not taken yet (a batch may come back before an earlier one)."""
        self.first: tuple[Window, Any] | None = None
        self.job: Job | None = None
        self.windows = self.sent = self.received = 0
        self.ahead = options.batch_size * options.workers * AHEAD_BATCHES

    @property
    def tag(self) -> str:
        return f"{self.run}-{self.windows:05d}"

    def add(self, item: tuple[int, Outcome, Page]) -> None:
        """One recorded input, the next in input order."""
        self.batch.append(item)
        if len(self.batch) >= self.options.batch_size:
            self._send()
        self._take(block=False)

    def close(self) -> None:
        """Send what is left, then take every result."""
        if self.batch:
            self._send()
        self._end_window()

    def _send(self) -> None:
        batch, self.batch = self.batch, []
        if not self.sent:
            self.windows += 1
            ref = _first_task(self.ray).remote(
                self.options, [self.publisher.ref], self.modules, [page for _, _, page in batch]
            )
            self.first = (batch, ref)
        else:
            if self.job is None:
                self.windows += 1
                self.job = Job(
                    self.ray,
                    self.options,
                    self.publisher,
                    self.modules,
                    self.root,
                    self.tag,
                    self.windows,
                )
            self.job.put(batch)
        self.items.extend(batch)
        self.sent += len(batch)
        while self.sent - self.received > self.ahead and self._waiting():
            self._take(block=True)
        if self.job is not None and self.job.batches >= self.options.workers * WINDOW_BATCHES:
            self._end_window()

    def _waiting(self) -> bool:
        """Whether a result may still come back (else `_take(block=True)` would wait for ever)."""
        return self.first is not None or (self.job is not None and not self.job.ended)

    def _take(self, block: bool) -> None:
        """Take the results back so far in input order; `block`: wait for one more first."""
        if self.first is not None:
            batch, ref = self.first
            if block or self.ray.wait([ref], timeout=0)[0]:
                self.first = None
                self._got(
                    dict(zip((seq for seq, _, _ in batch), self._first(batch, ref), strict=True))
                )
                block = False
        if self.job is not None:
            for table in self.job.results(block):
                self._got(features.rows(features.unpacked(table)))
        while self.items and self.items[0][0] in self.rows:
            seq, outcome, _ = self.items.popleft()
            self.saver.take(outcome, self.rows.pop(seq))
        if self.first is None and self.sent and not self.publisher.warm:
            self.publisher.warmed()

    def _got(self, rows: dict[int, worker.Result]) -> None:
        self.rows.update(rows)
        self.received += len(rows)

    def _end_window(self) -> None:
        """End the window's job; try alone the inputs of a batch that never came back."""
        while self.first is not None:
            self._take(block=True)
        job = self.job
        if job is not None:
            job.close()
            while not job.ended:
                self._take(block=True)
            self.job = None
        missing = [item for item in self.items if item[0] not in self.rows]
        if missing:
            log.warning("%d inputs lost with a dead worker; trying each alone", len(missing))
            self._got(self._alone(missing))
        self._take(block=False)
        assert not self.items, "every input sent has a result"

    def _alone(self, missing: Window) -> dict[int, worker.Result]:
        return _alone(
            self.ray, self.options, missing, self.publisher.ref, self.modules, self.root, self.tag
        )

    def _first(self, first: Window, ref: Any) -> list[worker.Result]:
        """The run's first batch's results (retried once; then each input alone)."""
        try:
            results = self.ray.get(ref)
        except self.ray.exceptions.RayError as exc:
            log.warning("the first batch's worker died (%s); trying each input alone", exc)
            return list(self._alone(first).values())
        seqs, ids = [seq for seq, _, _ in first], [outcome.input_id for _, outcome, _ in first]
        table = features.result_table(seqs, ids, results)
        features.write_results(self.root / "articles", table, f"{self.tag}-{seqs[0]:09d}")
        return results


def _first_task(ray: Any) -> Any:
    """The plain Ray task of the run's first batch.

    It takes no CPU from Ray's count, so the job's actors start meanwhile: they load
    the model, then wait for it (see `Relay`). Retried once if its worker dies.
    """
    return ray.remote(num_cpus=0, max_retries=1)(_process)


def _fed(relay: Any, window: int) -> Iterator[pa.Table]:
    """The read task: the window's batches from `relay`, one block (of one row) each."""
    import ray

    index = 0
    while (ref := ray.get(relay.get.remote(window, index))) is not None:
        yield ray.get(ref[0])
        index += 1


class Job:
    """One window's Ray Data job: batches in from the driver, result tables back."""

    def __init__(
        self,
        ray: Any,
        options: Options,
        publisher: Publisher,
        modules: list[str],
        root: Path,
        tag: str,
        window: int,
    ) -> None:
        from ray.data.block import BlockMetadata
        from ray.data.datasource import Datasource, ReadTask

        self.ray, self.relay, self.window = ray, publisher.actor, window
        self.batches = 0
        self.ended = False
        relay = self.relay

        class Fed(Datasource):
            def estimate_inmemory_data_size(self) -> None:
                return None

            def get_read_tasks(self, parallelism: int, **_: Any) -> list[ReadTask]:
                metadata = BlockMetadata(
                    num_rows=None, size_bytes=None, input_files=None, exec_stats=None
                )
                return [ReadTask(lambda: _fed(relay, window), metadata)]

        with warnings.catch_warnings():
            # Ray Data calls the retry settings deprecated (from Ray 2.64; pinned below that)
            # but has no other way to bound them: its default retries a dying task for ever.
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset = ray.data.read_datasource(
                Fed(), override_num_blocks=1, num_cpus=0
            ).map_batches(
                Annotate,
                batch_size=1,
                batch_format="pyarrow",
                compute=ray.data.ActorPoolStrategy(size=options.workers),
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
        self.queue: Queue = Queue()
        Thread(target=self._draw, args=(dataset,), daemon=True, name="ray-results").start()

    def _draw(self, dataset: Any) -> None:
        try:
            for table in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
                self.queue.put(table)
        except BaseException as exc:  # raised again in the driver's thread
            self.queue.put(exc)
        self.queue.put(None)

    def put(self, batch: Window) -> None:
        """Send a batch (one row: its pages pickled together, in the object store)."""
        seqs = [seq for seq, _, _ in batch]
        ids = [outcome.input_id for _, outcome, _ in batch]
        blob = pickle.dumps((seqs, ids, [page for _, _, page in batch]))
        ref = self.ray.put(pa.table({"batch": [blob]}))
        # A reference inside a list is passed on, not fetched; calls keep their order.
        self.relay.put.remote(self.window, self.batches, [ref])
        self.batches += 1

    def close(self) -> None:
        """No more batches: the job ends once the actors have finished those sent."""
        self.relay.close.remote(self.window, self.batches)

    def results(self, block: bool) -> list[pa.Table]:
        """The result tables back so far; `block`: wait for one, or the job's end."""
        tables: list[pa.Table] = []
        while not self.ended:
            try:
                item = self.queue.get(block=block and not tables)
            except Empty:
                break
            if item is None:
                self.ended = True
            elif isinstance(item, BaseException):
                raise item
            else:
                tables.append(item)
        return tables


def pa_table(columns: dict[str, list]) -> pa.Table:
    import pyarrow as pa

    return pa.table(columns)
