"""The URLs waiting to be fetched, handed out host by host so one slow host holds up no other."""

from __future__ import annotations

import asyncio
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

from .urls import origin


@dataclass(frozen=True, slots=True)
class Job:
    """One URL to fetch and how it was reached."""

    url: str
    source: str
    """The argument it came from (`FILE:LINE` for a URL list), or the listing feed or sitemap."""
    depth: int = 0
    """0 for a URL the user gave; one more for each feed or sitemap it was found through."""
    listed_in: str | None = None
    info: dict[str, Any] = field(default_factory=dict)
    """What the listing said of it."""


class Frontier:
    """Per-host queues; `get` gives a job from a host with a free slot, in turn."""

    def __init__(self, per_host: int) -> None:
        self.per_host = per_host
        self._queues: dict[str, deque[Job]] = {}
        self._active: Counter[str] = Counter()
        self._outstanding = 0
        self._changed = asyncio.Event()

    @property
    def outstanding(self) -> int:
        """Jobs queued or being worked on."""
        return self._outstanding

    def put(self, job: Job) -> None:
        """Queue a job (no await, so a worker can add what it found before it says it is done)."""
        self._queues.setdefault(origin(job.url), deque()).append(job)
        self._outstanding += 1
        self._changed.set()

    async def get(self) -> Job | None:
        """The next job whose host has a free slot; None once every job is done."""
        while True:
            if self._outstanding == 0:
                return None
            job = self._take()
            if job is not None:
                return job
            # Every waiter is woken by `set`, so clearing here loses no wake-up.
            self._changed.clear()
            await self._changed.wait()

    def done(self, job: Job) -> None:
        """The job is finished; what it found was `put` before this."""
        self._active[origin(job.url)] -= 1
        self._outstanding -= 1
        self._changed.set()

    def _take(self) -> Job | None:
        for host in list(self._queues):
            queue = self._queues[host]
            if not queue:
                del self._queues[host]
            elif self._active[host] < self.per_host:
                # Move the host to the back, so hosts take turns.
                del self._queues[host]
                self._queues[host] = queue
                self._active[host] += 1
                return queue.popleft()
        return None
