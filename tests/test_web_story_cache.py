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


def test_an_old_copy_is_kept_while_nothing_is_committed(tmp_path):
    path = tmp_path / "s.db"
    with CountingStories(path) as store:
        cache = StoryCache(max_age=0, opener=lambda: CountingStories(path), path=path)
        first = cache.get(store)
        for _ in range(3):
            assert cache.get(store) is first
        cache.wait(10)
        assert store.calls == 1


def test_a_commit_that_adds_no_article_is_read_in_the_background(tmp_path):
    path = tmp_path / "s.db"
    opened: list[CountingStories] = []

    def opener() -> CountingStories:
        opened.append(CountingStories(path))
        return opened[-1]

    with CountingStories(path) as store:
        cache = StoryCache(max_age=0, opener=opener, path=path)
        first = cache.get(store)
        with store.transaction() as conn:  # the stories stage regrouping, say
            conn.execute("INSERT INTO stories(id, headline) VALUES (7, 'regrouped')")
        assert cache.get(store) is first, "the request is answered from the old copy"
        cache.wait(10)
        assert len(opened) == 1 and opened[0].calls == 1, "rebuilt once, on a store of its own"
        assert store.calls == 1
        second = cache.get(store)
        assert second is not first and cache.get(store) is second


def test_without_a_file_to_watch_an_old_copy_is_reread_in_the_background(tmp_path):
    path = tmp_path / "s.db"
    opened: list[CountingStories] = []

    def opener() -> CountingStories:
        opened.append(CountingStories(path))
        return opened[-1]

    with CountingStories(path) as store:
        cache = StoryCache(max_age=0, opener=opener, path=tmp_path / "elsewhere.db")
        first = cache.get(store)
        assert cache.get(store) is first
        cache.wait(10)
        assert len(opened) == 1 and opened[0].calls == 1
