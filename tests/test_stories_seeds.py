"""The two real seed pages, cleaned and annotated, make one story traced to its sources.

The pages are read from ../shared at run time; assertions use short key phrases only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from conftest import SEED_KI, SEED_UP

from storytrace.annotate import Annotator
from storytrace.annotate.entity_resolver import EntityResolver
from storytrace.clean import clean
from storytrace.ingest import read_inputs
from storytrace.model import Options, ProvenanceNode
from storytrace.stories.build import build_story
from storytrace.stories.cluster import StoryIndex
from storytrace.stories.items import story_item
from storytrace.stories.provenance import upstream_outlets

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def triples():
    options = Options(fetched_at=datetime(2025, 1, 15, tzinfo=UTC))
    pages = list(read_inputs([str(SEED_KI), str(SEED_UP)], options))
    articles = [clean(page, options) for page in pages]
    found = Annotator(options).annotate(articles)
    resolver = EntityResolver()
    for notes in found:
        resolver.resolve(notes)
    return [(i + 1, a, n) for i, (a, n) in enumerate(zip(articles, found, strict=True))]


@pytest.fixture(scope="module")
def story(triples):
    return build_story(1, triples)


def walk(node: ProvenanceNode):
    yield node
    for child in node.children:
        yield from walk(child)


def test_both_seed_articles_are_one_story(triples):
    index = StoryIndex()
    placed = [index.add(story_item(i, a, n)) for i, a, n in triples]
    assert placed[0].new and not placed[1].new
    assert placed[0].story == placed[1].story


def test_two_outlets_no_copies(story):
    assert sorted(story.articles) == [1, 2]
    assert len(story.outlets) == 2 and "The Kyiv Independent" in story.outlets
    assert story.syndicated == {}
    assert story.first_published.date() == date(2024, 9, 21)
    assert "victory plan" in story.headline.lower()


def test_bloomberg_is_the_upstream_of_anonymous_sources_in_both_outlets(story):
    assert upstream_outlets(story.provenance)[0] == "Bloomberg"
    for tree in story.provenance:
        [bloomberg] = [n for n in walk(tree) if n.kind == "upstream" and n.name == "Bloomberg"]
        assert any(child.kind == "anonymous" for child in bloomberg.children), tree.name
        assert all(ref["article"] in (1, 2) for ref in bloomberg.refs)


def test_on_record_people_are_only_zelenskyy_and_yermak(story):
    people = {n.name for tree in story.provenance for n in walk(tree) if n.kind == "person"}
    assert any("Zelensk" in p for p in people) and any("Yermak" in p for p in people)
    assert all("Zelensk" in p or "Yermak" in p for p in people), people
    # one canonical Zelenskyy across both spellings
    assert len([p for p in people if "Zelensk" in p]) == 1


def test_bloomberg_counts_once_among_the_independent_sources(story):
    groups = story.independent_sources
    assert 3 <= groups < sum(len(t.refs) for t in story.provenance)


@pytest.mark.parametrize(
    ("start", "end", "phrase"),
    [
        ("2024-09-20", "2024-09-20", "told reporters"),  # "on Friday", published Tuesday 24th
        ("2024-09-23", "2024-09-23", "New York"),  # "on Monday"
        ("2024-09-26", "2024-09-26", "White House"),  # "on Sept. 26"
        ("2024-11-01", "2024-11-30", "G20"),  # "in November"
    ],
)
def test_timeline_has_the_dated_events_with_their_sentences(story, start, end, phrase):
    hits = [
        e
        for e in story.timeline
        if (e.event.start.isoformat(), e.event.end.isoformat()) == (start, end)
    ]
    assert hits, [(e.event.text, e.event.start) for e in story.timeline]
    assert any(phrase in e.event.sentence for e in hits)
    assert all(e.event.anchored for e in hits)


def test_timeline_is_in_date_order(story):
    starts = [e.event.start for e in story.timeline]
    assert starts == sorted(starts)
    assert not any("2.5 years" in e.event.text for e in story.timeline)  # a duration
