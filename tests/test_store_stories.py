"""Story storage (store/stories.py) and the fetch log (store/fetchlog.py), on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storytrace.model import Annotations, Article, Page, Story
from storytrace.store import Store, open_store
from storytrace.store import stories as story_store
from storytrace.store.fetchlog import FetchRecord, fetch_rows, last_fetched, log_fetch, stored_input

DAY = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(store_db):
    with open_store(store_db) as s:
        yield s


def add_article(store: Store, n: int, outlet: str, published: datetime | None) -> int:
    text = f"Article {n} about the port strike, from {outlet}."
    page = Page.from_bytes(f"{n}.txt", text.encode(), "text/plain", text=text)
    input_id, _ = store.record_input(page)
    article = Article(
        source=f"{n}.txt",
        page_sha256=page.sha256,
        headline=f"Strike {n}",
        outlet=outlet,
        published=published,
        paragraphs=[text],
        input_id=f"rec-{n}",
    )
    return store.save_article(input_id, article, Annotations())


def test_placements_merges_and_state_are_stored_together(store):
    a = add_article(store, 1, "Ledger", DAY)
    b = add_article(store, 2, "Courier", DAY + timedelta(hours=2))
    c = add_article(store, 3, "Ledger", None)
    assert story_store.load_state(store) is None
    assert store.unplaced_articles() == [a, b, c]  # publication order, undated last
    story_store.assign(store, [(a, 10, 1.0), (b, 11, 0.5)], {}, {"v": 1})
    story_store.assign(store, [(c, 10, 0.7)], {11: 10}, {"v": 2})  # 11 merged into 10
    assert story_store.load_state(store) == {"v": 2}
    assert store.unplaced_articles() == []
    assert story_store.members(store, 10) == [a, b, c]
    assert story_store.members(store, 11) == []
    assert story_store.stale(store) == [10]
    assert store.stories_of([a, c]) == {10}


def test_a_split_moves_placed_articles_and_marks_both_stories_stale(store):
    """A story split moves articles placed in earlier batches; a move into a story that a
    later article of the batch merged away ends in the story it was merged into."""
    a = add_article(store, 1, "Ledger", DAY)
    b = add_article(store, 2, "Courier", DAY + timedelta(hours=1))
    c = add_article(store, 3, "Ledger", DAY + timedelta(hours=2))
    d = add_article(store, 4, "Courier", DAY + timedelta(hours=3))
    from storytrace.stories.build import build_story

    story_store.assign(store, [(a, 1, 1.0), (b, 1, 0.5), (c, 1, 0.5)], {}, {})
    for story_id in story_store.stale(store):
        story_store.save(store, build_story(story_id, [(i, *store.article(i)) for i in (a, b, c)]))
    assert story_store.stale(store) == []
    story_store.assign(store, [(d, 2, 0.4)], {}, {}, moved=[(b, 2)])
    assert story_store.members(store, 1) == [a, c]
    assert story_store.members(store, 2) == [b, d]
    assert story_store.stale(store) == [1, 2]
    story_store.assign(store, [], {2: 3}, {}, moved=[(c, 2)])
    assert story_store.members(store, 3) == [b, c, d]
    assert story_store.members(store, 2) == []


def test_a_built_story_round_trips_and_lists_in_each_order(store):
    ids = [add_article(store, n, o, DAY + timedelta(days=n)) for n, o in enumerate("ABCA")]
    story_store.assign(store, [(ids[0], 1, 1.0), (ids[1], 2, 1.0)], {}, {})
    story_store.assign(store, [(ids[2], 2, 0.9), (ids[3], 3, 1.0)], {}, {})
    for story_id in story_store.stale(store):
        triples = [(i, *store.article(i)) for i in story_store.members(store, story_id)]
        from storytrace.stories.build import build_story

        story_store.save(store, build_story(story_id, triples))
    assert story_store.stale(store) == []
    story = store.story(2)
    assert isinstance(story, Story) and story.articles == [ids[1], ids[2]]
    assert story.outlets == ["B", "C"] and story.first_published == DAY + timedelta(days=1)
    latest = store.story_rows()
    assert [r["story"] for r in latest] == [3, 2, 1]
    assert latest[1]["articles"] == ["rec-1", "rec-2"]
    assert latest[1]["outlets"] == ["B", "C"]
    assert [r["story"] for r in store.story_rows(order="size")] == [2, 1, 3]
    assert [r["story"] for r in store.story_rows(order="outlets")] == [2, 1, 3]
    assert [r["story"] for r in store.story_rows(limit=1, offset=1)] == [2]
    with pytest.raises(KeyError):
        store.story(99)
    story_store.reset(store)
    assert store.story_rows() == [] and story_store.load_state(store) is None


def test_syndicated_copies_are_marked_and_cleared(store):
    a = add_article(store, 1, "A", DAY)
    b = add_article(store, 2, "B", DAY + timedelta(hours=1))
    story_store.assign(store, [(a, 5, 1.0), (b, 5, 1.0)], {}, {})
    story = Story(id=5, headline="Strike", articles=[a, b], outlets=["A", "B"], syndicated={b: a})
    story_store.save(store, story)
    marks = "SELECT article_id, syndicated_of FROM story_articles ORDER BY article_id"
    assert [tuple(r) for r in store.conn.execute(marks)] == [(a, None), (b, a)]
    story.syndicated = {}
    story_store.save(store, story)
    assert [tuple(r) for r in store.conn.execute(marks)] == [(a, None), (b, None)]


def test_the_fetch_log_keeps_every_attempt_and_finds_the_last_fetch(store):
    page = Page.from_bytes("https://ex.org/a", b"<p>hi</p>", "text/html")
    input_id, _ = store.record_input(page)
    at = DAY
    robots = FetchRecord("https://ex.org/robots.txt", "fetched", at, kind="robots", data=b"x")
    first = log_fetch(store, robots)
    failed = FetchRecord("https://ex.org/a", "failed", at, error="timeout", tries=3)
    log_fetch(store, failed)
    fetched = FetchRecord(
        "https://ex.org/a",
        "fetched",
        at,
        final_url="https://ex.org/a2",
        kind="article",
        status=200,
        headers={"content-type": "text/html"},
        input_id=input_id,
    )
    last = log_fetch(store, fetched)
    assert last > first
    assert last_fetched(store, "https://ex.org/a")["id"] == last
    assert last_fetched(store, "https://ex.org/a2")["id"] == last  # reached by redirect
    assert last_fetched(store, "https://ex.org/robots.txt") is None  # robots are not pages
    assert [r["outcome"] for r in fetch_rows(store)] == ["fetched", "failed", "fetched"]
    [row] = fetch_rows(store, "failed")
    assert (row["error"], row["tries"]) == ("timeout", 3)
    assert fetch_rows(store, "fetched")[1]["headers"] == {"content-type": "text/html"}
    assert stored_input(store, input_id)["data"] == b"<p>hi</p>"
    with pytest.raises(ValueError, match="unknown fetch outcome"):
        log_fetch(store, FetchRecord("https://ex.org/b", "lost", at))
