"""The stories list is read once and kept until the store changes or the copy is too old."""

from __future__ import annotations

from storytrace.model import Page
from storytrace.store import Store
from storytrace.web.story_cache import StoryCache


class CountingStories(Store):
    calls = 0

    def story_rows(self, limit=None, offset=0):
        self.calls += 1
        return [
            {
                "story": 2,
                "headline": "b",
                "articles": [1, 2],
                "outlets": ["X"],
                "first_published": "2025-01-02",
                "last_published": "2025-01-03",
                "independent_sources": 1,
            },
            {
                "story": 1,
                "headline": "a",
                "articles": [3],
                "outlets": ["X", "Y"],
                "first_published": "2025-01-01",
                "last_published": "2025-01-05",
                "independent_sources": 2,
            },
        ]


def test_rows_are_kept_until_an_input_arrives(tmp_path):
    with CountingStories(tmp_path / "s.db") as store:
        cache = StoryCache()
        first = cache.get(store)
        assert cache.get(store) is first and store.calls == 1
        store.record_input(Page.from_bytes("new.txt", b"some text", "text/plain"))
        assert cache.get(store) is not first and store.calls == 2


def test_rows_are_reread_when_older_than_max_age(tmp_path):
    with CountingStories(tmp_path / "s.db") as store:
        cache = StoryCache(max_age=0)
        cache.get(store)
        cache.get(store)
        assert store.calls == 2


def test_index_finds_stories_by_article_and_sorts_each_way(tmp_path):
    with CountingStories(tmp_path / "s.db") as store:
        index = StoryCache().get(store)
        assert [r["id"] for r in index.stories_of({2, 3})] == [2, 1]
        assert index.stories_of({9}) == []
        assert [r["id"] for r in index.in_order("latest")] == [1, 2]
        assert [r["id"] for r in index.in_order("size")] == [2, 1]
        assert [r["id"] for r in index.in_order("outlets")] == [1, 2]
