"""Per-host politeness: how many requests may be in flight to a host, and how often one starts."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class HostGate:
    """A host's concurrency limit and the minimum interval between its request starts."""

    def __init__(self, per_host: int, interval: float) -> None:
        self._slots = asyncio.Semaphore(per_host)
        self._turn = asyncio.Lock()
        self.interval = interval
        self._next_start = 0.0

    def slow_down(self, interval: float) -> None:
        """Start requests no more often than every `interval` s (robots.txt Crawl-delay)."""
        self.interval = max(self.interval, interval)

    def defer(self, seconds: float) -> None:
        """Start no request to this host for `seconds` (a 429's Retry-After, a 5xx backoff)."""
        self._next_start = max(self._next_start, time.monotonic() + seconds)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one of the host's slots, entered no sooner than the host's next start time."""
        async with self._slots:
            async with self._turn:
                # `defer` may push the start time back while we sleep: look again after waking.
                while (wait := self._next_start - time.monotonic()) > 0:
                    await asyncio.sleep(wait)
                self._next_start = time.monotonic() + self.interval
            yield


class Gates:
    """One HostGate per origin, made on first use."""

    def __init__(self, per_host: int, interval: float) -> None:
        self.per_host = per_host
        self.interval = interval
        self._gates: dict[str, HostGate] = {}

    def __getitem__(self, origin: str) -> HostGate:
        gate = self._gates.get(origin)
        if gate is None:
            gate = self._gates[origin] = HostGate(self.per_host, self.interval)
        return gate
