"""What every request handler reaches: settings, per-thread stores, ingest jobs, templates."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storytrace.model import Options
from storytrace.store import Store

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True, slots=True)
class WebSettings:
    """How the web app runs; `storytrace serve` fills these from its options."""

    db: Path
    max_upload_bytes: int = 20_000_000
    """Largest request body accepted (an upload form with all its files); 413 beyond."""
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    """Host headers answered; others get 400, so a rebinding DNS name cannot reach the app."""
    options: Options = field(default_factory=Options)
    page_size: int = 50

    def __post_init__(self) -> None:
        if self.max_upload_bytes <= 0:
            raise ValueError("max_upload_bytes must be positive")


class Stores:
    """One `Store` per worker thread, opened on first use (SQLite connections stay in their
    thread, and a warm connection keeps its page cache between requests)."""

    def __init__(self, factory: Callable[[], Store]) -> None:
        self._factory = factory
        self._local = threading.local()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._factory()
            self._local.store = store
        return store


def static_files(folder: Path) -> dict[str, tuple[bytes, str]]:
    """The shipped assets, read once into memory: a request names a key, never a path."""
    types = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
    types[".svg"] = "image/svg+xml"
    return {
        p.name: (p.read_bytes(), types.get(p.suffix, "application/octet-stream"))
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix in types
    }
