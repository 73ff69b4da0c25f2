"""The stories list, kept between requests: reading every story row is the slow part of the
stories page and the entity page on a big store, and it changes only when stories do.
The store's counts and outlet names, on the same page, are kept with it.

The cached rows are rebuilt when an article or input is added (checked per request by
two `MAX(id)` lookups) and at least every `max_age` seconds, since the stories stage may
regroup articles without adding any.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from storytrace.store import Store
from storytrace.web import queries

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
    return StoryIndex(rows, dict(by_article), queries.outlets(store), store.counts())


class StoryCache:
    """One StoryIndex shared by every request thread."""

    def __init__(self, max_age: float = MAX_AGE) -> None:
        self.max_age = max_age
        self._lock = threading.Lock()
        self._building = threading.Lock()
        self._index: StoryIndex | None = None
        self._key: tuple[Any, ...] | None = None
        self._built = 0.0

    def get(self, store: Store) -> StoryIndex:
        key = store.conn.execute(
            "SELECT (SELECT MAX(id) FROM articles), (SELECT MAX(id) FROM inputs)"
        ).fetchone()
        key = tuple(key)
        if (index := self._current(key)) is not None:
            return index
        # One thread builds while the others wait for its result, instead of all building.
        with self._building:
            if (index := self._current(key)) is not None:
                return index
            index = build(store)
            for sort in queries.STORY_SORTS:
                index.in_order(sort)
            with self._lock:
                self._index, self._key, self._built = index, key, time.monotonic()
            return index

    def _current(self, key: tuple[Any, ...]) -> StoryIndex | None:
        with self._lock:
            fresh = time.monotonic() - self._built < self.max_age
            if self._index is not None and key == self._key and fresh:
                return self._index
        return None
