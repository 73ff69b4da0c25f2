"""The Ray engine's feature table: stories placed from it are those placed from whole articles."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from storytrace.model import Annotations, Article, EntityKind, Mention
from storytrace.scale import features
from storytrace.stories.cluster import DEFAULT, StoryIndex
from storytrace.stories.items import story_item
from storytrace.stories.terms import content_terms

TOPICS = [
    ["harbour", "council", "ferry", "strike", "union", "vote", "port", "dockers", "wages", "pier"],
    [
        "flood",
        "river",
        "bridge",
        "rain",
        "levee",
        "evacuation",
        "water",
        "cities",
        "classes",
        "statuses",
    ],
    [
        "Zelensky",
        "Zelenskyy",
        "Bloomberg",
        "victory",
        "plan's",
        "plans",
        "talks",
        "Kyiv",
        "U.S.",
        "co-op",
    ],
]
WORDS = [w for topic in TOPICS for w in topic] + [
    "the",
    "and",
    "said",
    "of",
    "a",
    "I",
    "it's",
    "2024",
]


def _body(rng: random.Random, words: int, vocabulary: list[str] = WORDS) -> str:
    text = " ".join(rng.choice(vocabulary) for _ in range(words))
    return text.replace(" the ", ". The ", 3)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400), st.integers(min_value=1, max_value=40))
def test_the_lead_holds_the_first_terms_of_any_text(text: str, terms: int) -> None:
    lead = features.lead(text, terms)
    assert text.startswith(lead)
    assert content_terms(lead)[:terms] == content_terms(text)[:terms]


def test_the_lead_is_shorter_than_a_long_body() -> None:
    body = _body(random.Random(1), 3000)
    lead = features.lead(body)
    assert len(lead) < len(body)
    assert content_terms(lead)[: DEFAULT.body_terms] == content_terms(body)[: DEFAULT.body_terms]


def test_stories_from_the_feature_table_match_stories_from_articles() -> None:
    rng = random.Random(7)
    start = datetime(2024, 9, 20, tzinfo=UTC)
    saved = []
    for i in range(60):
        topic = TOPICS[i % len(TOPICS)]
        body = _body(rng, rng.choice((50, 400, 1500)), [*topic, "the", "said"])
        article = Article(
            source=f"a{i}",
            page_sha256=str(i),
            headline=" ".join(rng.choice(topic) for _ in range(6)),
            published=start + timedelta(hours=rng.randrange(0, 24 * 20)) if i % 7 else None,
            outlet=rng.choice(("Kyiv Independent", "Reuters", None)),
            paragraphs=[body],
        )
        names = rng.sample(("Zelensky", "Yermak", "Bloomberg", "Kyiv"), 2)
        mentions = [
            Mention(text=n, span=(0, len(n)), kind=EntityKind.PERSON, entity=n) for n in names
        ]
        saved.append((i + 1, article, Annotations(mentions=mentions)))
    table = features.feature_table(saved)
    assert table.num_rows == len(saved)
    whole, from_table = StoryIndex(), StoryIndex()
    expected = [whole.add(story_item(*triple)) for triple in saved]
    got = [from_table.add(item) for item in features.items(table)]
    assert [(a.story, a.merged) for a in got] == [(a.story, a.merged) for a in expected]
    assert [round(a.score, 9) for a in got] == [round(a.score, 9) for a in expected]
    assert len({a.story for a in expected}) > 1
    assert sum(len(row) for row in table.column("lead").to_pylist()) < sum(
        len(article.body) for _, article, _ in saved
    )
