"""The stories list, kept between requests: reading every story row is the slow part of the
stories page and the entity page on a big store, and it changes only when stories do.
The store's counts and outlet names, on the same page, are kept with it.

The cached rows are rebuilt when an article or input is added (checked per request by
two `MAX(id)` lookups), and after `max_age` seconds when the store's files show a commit
since the last build (the stories stage may regroup articles without adding any). That
second kind of rebuild runs in a background thread on its own store while requests go on
reading the old copy: on a 100,000-article store it takes about a second, which every
request arriving meanwhile would otherwise wait out.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storytrace.store import Store
from storytrace.web import queries

log = logging.getLogger(__name__)
MAX_AGE = 30.0


@dataclass(slots=True)
class StoryIndex:
    rows: list[dict[str, Any]] = field(default_factory=list)
    by_article: dict[int, list[int]] = field(default_factory=dict)
    """Article id -> positions in `rows` of the stories holding it."""

    outlets: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    """The store's table counts and outlets, shown on the stories page, kept alike."""
    _sorted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def in_order(self, sort: str) -> list[dict[str, Any]]:
        """Every story in one of `queries.STORY_SORTS` orders, sorted once per index."""
        if sort not in self._sorted:
            self._sorted[sort] = queries.sort_stories(self.rows, sort)
        return self._sorted[sort]

    def stories_of(self, article_ids: set[int]) -> list[dict[str, Any]]:
        positions = sorted({p for a in article_ids for p in self.by_article.get(a, ())})
        return [self.rows[p] for p in positions]


def build(store: Store) -> StoryIndex:
    rows = queries.story_rows(store)
    by_article: dict[int, list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        for article_id in row["articles"]:
            by_article[article_id].append(position)
    return StoryIndex(rows, dict(by_article), store.outlets(), store.counts())


class StoryCache:
    """One StoryIndex shared by every request thread.

    `opener` opens a Store for a background rebuild (SQLite connections stay in the thread
    that made them); without it, every rebuild happens in the request that needs it.
    `path` is the store's file: when given, a copy past `max_age` is kept on as long as no
    commit has touched the file or its write-ahead log; without it, it is rebuilt.
    """

    def __init__(
        self,
        max_age: float = MAX_AGE,
        opener: Callable[[], Store] | None = None,
        path: Path | str | None = None,
    ) -> None:
        self.max_age = max_age
        self._opener = opener
        self._path = None if path is None else Path(path)
        self._lock = threading.Lock()
        self._building = threading.Lock()
        self._index: StoryIndex | None = None
        self._key: tuple[Any, ...] | None = None
        self._files: tuple[Any, ...] = ()
        self._built = 0.0
        self._refresher: threading.Thread | None = None

    def get(self, store: Store) -> StoryIndex:
        key = _key(store)
        with self._lock:
            index, same = self._index, self._index is not None and key == self._key
            fresh = time.monotonic() - self._built < self.max_age
        if index is not None and same and (fresh or self._unchanged() or self._refresh()):
            return index
        # One thread builds while the others wait for its result, instead of all building.
        with self._building:
            if (index := self._current(key)) is not None:
                return index
            return self._build(store, key)

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a background rebuild, if one runs (for tests and shutdown)."""
        refresher = self._refresher
        if refresher is not None:
            refresher.join(timeout)

    def _build(self, store: Store, key: tuple[Any, ...]) -> StoryIndex:
        files = self._signature()  # before reading: a commit during the build shows next time
        index = build(store)
        for sort in queries.STORY_SORTS:
            index.in_order(sort)
        with self._lock:
            self._index, self._key, self._built = index, key, time.monotonic()
            self._files = files
        return index

    def _signature(self) -> tuple[Any, ...]:
        """Size and modification time of the store's file and of its write-ahead log: a
        commit changes one of them, a reader neither."""
        if self._path is None:
            return ()
        found: list[Any] = []
        for path in (self._path, self._path.with_name(self._path.name + "-wal")):
            try:
                info = path.stat()
            except OSError:
                found.append(None)
            else:
                found.append((info.st_mtime_ns, info.st_size))
        return tuple(found)

    def _unchanged(self) -> bool:
        """Whether nothing was committed since the copy was built; if so, it is kept on."""
        if self._path is None:
            return False
        files = self._signature()
        with self._lock:
            # No file to look at (not a SQLite file on this disk): nothing to tell by.
            if not self._files or files[0] is None or files != self._files:
                return False
            self._built = time.monotonic()
        return True

    def _refresh(self) -> bool:
        """Start a rebuild in a thread of its own unless one runs; False without an opener."""
        if self._opener is None:
            return False
        with self._lock:
            if self._refresher is not None and self._refresher.is_alive():
                return True
            self._refresher = threading.Thread(
                target=self._rebuild, name="storytrace-story-cache", daemon=True
            )
            self._refresher.start()
        return True

    def _rebuild(self) -> None:
        assert self._opener is not None
        try:
            with self._building, self._opener() as store:
                self._build(store, _key(store))
        except Exception:  # the old copy stays; the next request past max_age tries again
            log.exception("rebuilding the stories list failed")
            with self._lock:
                self._built = time.monotonic()

    def _current(self, key: tuple[Any, ...]) -> StoryIndex | None:
        with self._lock:
            fresh = time.monotonic() - self._built < self.max_age
            if self._index is not None and key == self._key and fresh:
                return self._index
        return None


def _key(store: Store) -> tuple[Any, ...]:
    """What changes when an input or article is added."""
    row = store.conn.execute(
        "SELECT (SELECT MAX(id) FROM articles), (SELECT MAX(id) FROM inputs)"
    ).fetchone()
    return tuple(row)
