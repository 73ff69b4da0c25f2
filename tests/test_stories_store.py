"""Odd inputs through the store and the commands: an undated article, a story of one
article, a thousand copies of one article. Sensible output, no exception."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from storytrace.cli import app
from storytrace.model import Annotations, Article, DatedEvent, Page
from storytrace.pipeline import StoryKeeper
from storytrace.store import open_store
from storytrace.stories.build import build_story

T0 = datetime(2025, 3, 4, 9, tzinfo=UTC)
DREDGE = (
    "The harbour authority of Velmora approved a plan to dredge the northern channel. "
    "Fishermen in Velmora fear the dredging will destroy the oyster beds. "
    "Engineers expect the first dredging barges to arrive on Friday."
)
VIOLIN = (
    "A violinist from Ostrava won the Paganini competition in Genoa. "
    "The jury praised her performance of the second Paganini concerto in the final. "
    "The Ostrava conservatory where she studied plans a concert on Friday."
)
runner = CliRunner()


def save(store, n: int, body: str, published: datetime | None, outlet: str) -> tuple:
    """Record and save one article whose 'on Friday' is resolved as the pipeline would."""
    art = Article(
        source=f"a{n}.txt",
        page_sha256=f"sha{n}",
        headline=body.split(".")[0],
        published=published,
        outlet=outlet,
        paragraphs=[body],
    )
    at = body.index("on Friday")
    anchor = (published or T0 + timedelta(days=30)).date()  # undated: the ingest day
    friday = anchor - timedelta(days=(anchor.weekday() - 4) % 7 or 7)
    notes = Annotations(
        dates=[
            DatedEvent(
                text="on Friday",
                span=(at, at + 9),
                start=friday,
                end=friday,
                granularity="day",
                sentence=body[body.rindex(". ") + 2 :],
                sentence_span=(body.rindex(". ") + 2, len(body)),
                anchored=published is not None,
            )
        ],
    )
    page = Page.from_bytes(art.source, f"{n}{body}".encode(), "text/plain", text=body)
    input_id, _ = store.record_input(page)
    return store.save_article(input_id, art, notes), art, notes


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "odd.db")


def test_an_undated_article_and_a_story_of_one_article(db):
    with open_store(db) as store:
        keeper = StoryKeeper(store)
        keeper.place([save(store, 1, DREDGE, T0, "Harbour Post")])
        keeper.place([save(store, 2, VIOLIN, None, "Genoa Daily")])  # no publication time
        keeper.rebuild_stale()
        rows = {tuple(r["articles"]): r for r in store.story_rows()}
    assert set(rows) == {("a1.txt",), ("a2.txt",)}  # two stories of one article each
    undated = rows[("a2.txt",)]
    assert undated["first_published"] is None and undated["last_published"] is None
    for args in (["stories"], ["stories", "--format", "jsonl"], ["timeline", "2"], ["story", "2"]):
        result = runner.invoke(app, [*args, "--db", db], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    with open_store(db) as store:
        (entry,) = store.story(undated["story"]).timeline
    assert not entry.event.anchored  # placed by ingest time, and marked so


def test_a_thousand_copies_are_one_story_with_one_original(db):
    with open_store(db) as store:
        keeper = StoryKeeper(store)
        triples = [
            save(store, n, DREDGE, T0 + timedelta(minutes=n), f"Outlet {n % 9}")
            for n in range(1, 1001)
        ]
        for start in range(0, 1000, 250):
            keeper.place(triples[start : start + 250])
        keeper.rebuild_stale()
        (row,) = store.story_rows()
        story = store.story(row["story"])
        alone = build_story(1, [triples[0]])
    assert len(row["articles"]) == 1000
    assert len(story.syndicated) == 999 and set(story.syndicated.values()) == {triples[0][0]}
    assert all(len(c.sentences) == 1 for c in story.claims)  # copies echo nothing
    assert len(story.timeline) == 1
    assert story.independent_sources == alone.independent_sources


def test_a_split_in_a_later_batch_moves_stored_articles_and_rebuilds_both_stories(db):
    """The clusterer's split repair reaches the store: articles placed in an earlier batch
    move to the story split off, and both stories are rebuilt."""
    from dataclasses import replace

    from storytrace.stories.cluster import StoryIndex
    from tests.test_stories_cluster import arrests, place_all

    items = arrests()
    with open_store(db) as store:
        ids = {}
        for it in items:
            art = Article(
                source=f"r{it.article}.txt",
                page_sha256=f"r{it.article}",
                headline=it.headline,
                published=it.published,
                outlet=f"Outlet {it.article}",
                paragraphs=[it.body],
            )
            raw = f"{it.article}{it.body}".encode()  # two reports share a body
            page = Page.from_bytes(art.source, raw, "text/plain", text=it.body)
            input_id, _ = store.record_input(page)
            ids[it.article] = store.save_article(input_id, art, Annotations())
        stored = [replace(it, article=ids[it.article]) for it in items]
        keeper = StoryKeeper(store)
        keeper.place_items(stored[:4])
        keeper.rebuild_stale()
        keeper.place_items(stored[4:])
        assert keeper.rebuild_stale() == 2
        got = {tuple(sorted(r["articles"])) for r in store.story_rows()}
    expected: dict[int, list[str]] = {}
    for article, story in place_all(StoryIndex(), items).items():
        expected.setdefault(story, []).append(f"r{article}.txt")
    assert len(got) == 2 and got == {tuple(sorted(v)) for v in expected.values()}
