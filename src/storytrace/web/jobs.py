"""Ingest jobs started from the web UI, run one at a time in a background thread.

An upload is ingested from memory through `Storytrace.ingest_bytes`, recorded under
the label `upload:NAME` (the name the browser sent, cut to its last part and used only as
a label: nothing from the request ever becomes a path). Jobs are kept in memory; the
store keeps every input and outcome for good.
"""

from __future__ import annotations

import logging
import queue
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from storytrace.api import Storytrace
from storytrace.model import Options
from storytrace.pipeline import Outcome

log = logging.getLogger(__name__)

JOB_ID = re.compile(r"^[0-9a-f]{32}$")
KEEP_JOBS = 50
# The suffix of an upload is kept only when it is one of these, so format detection gets
# its hint; anything else is stored without one and detected from its content.
SUFFIXES = (".html.gz", ".htm.gz", ".txt.gz", ".jsonl.gz", ".html", ".htm", ".txt", ".jsonl")
SUFFIXES += (".ndjson", ".json", ".gz")


@dataclass(slots=True)
class Upload:
    """One input given through the form: the name the user's browser sent, and the bytes."""

    name: str
    data: bytes


@dataclass(slots=True)
class Job:
    id: str
    names: list[str]
    status: str = "queued"
    """`queued`, `running`, `done` or `failed`."""
    created: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    outcomes: list[Outcome] = field(default_factory=list)
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for outcome in self.outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
        return counts


def safe_suffix(name: str) -> str:
    """A file suffix from a fixed list that matches the given name, or ''."""
    lowered = name.lower()
    return next((s for s in SUFFIXES if lowered.endswith(s)), "")


def upload_label(name: str, n: int) -> str:
    """The label an upload is recorded under: `upload:` and the last part of its name.

    Falls back to `upload:N` plus a known suffix when the name has nothing printable.
    """
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(ch for ch in base if ch.isprintable())[:200].strip()
    return f"upload:{base}" if base else f"upload:{n:03d}{safe_suffix(name)}"


class IngestJobs:
    """A queue of ingest jobs and the one worker thread that runs them."""

    def __init__(
        self,
        db: str | Path,
        options: Options | None = None,
        corpus: Callable[[], Storytrace] | None = None,
    ) -> None:
        self._corpus = corpus or (lambda: Storytrace(db, options))
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.Queue[tuple[Job, list[Upload]] | None] = queue.Queue()
        self._worker: threading.Thread | None = None

    def submit(self, uploads: list[Upload]) -> Job:
        """Queue the uploads; returns at once."""
        job = Job(secrets.token_hex(16), [u.name for u in uploads])
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="ingest", daemon=True)
                self._worker.start()
        self._queue.put((job, uploads))
        return job

    def get(self, job_id: str) -> Job | None:
        if not JOB_ID.match(job_id):
            return None
        with self._lock:
            return self._jobs.get(job_id)

    def recent(self) -> list[Job]:
        with self._lock:
            return list(reversed(self._jobs.values()))

    def close(self, timeout: float = 30) -> None:
        """Finish the queued jobs and stop the worker."""
        self._queue.put(None)
        if self._worker is not None:
            self._worker.join(timeout)

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            job, uploads = item
            job.status = "running"
            try:
                with self._corpus() as corpus:
                    items = [(upload_label(u.name, n), u.data) for n, u in enumerate(uploads, 1)]
                    corpus.ingest_bytes(items, job.outcomes.append)
                job.status = "done"
            except Exception as exc:  # the server goes on; the job says what went wrong
                log.exception("ingest job %s failed", job.id)
                job.error = f"{type(exc).__name__}: {exc}"
                job.status = "failed"
