"""The fetch run's store calls, made on a thread of their own so the event loop never waits on disk.

SQLite gives up the GIL while it writes, so commits overlap with the network. A
store in memory cannot be opened twice; its calls are made inline instead.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from storytrace.store import Store, open_store

T = TypeVar("T")


class StoreWriter:
    """Runs `fn(store, *args)` one call at a time, on one thread with its own connection."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._local = threading.local()
        self._executor: ThreadPoolExecutor | None = None
        if store.path not in ("", ":memory:") and not store.path.startswith("file:"):
            self._executor = ThreadPoolExecutor(
                1, thread_name_prefix="storytrace-fetch-store", initializer=self._open
            )

    def _open(self) -> None:
        self._local.store = open_store(self._store.path)

    def _call(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        return fn(self._local.store, *args)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        if self._executor is None:
            return fn(self._store, *args)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._call, fn, args)

    def close(self) -> None:
        """Close the thread's connection and stop the thread, after the calls in hand."""
        if self._executor is None:
            return
        self._executor.submit(self._close).result()
        self._executor.shutdown()

    def _close(self) -> None:
        store = getattr(self._local, "store", None)
        if store is not None:
            store.close()
