"""Hostile article bodies never break annotation: every component runs, every span fits.

Bodies are built from what attribution and dating trip over (unbalanced and nested
quotes of every kind, reporting verbs, "according to", anonymous sources, names in
odd spellings, date expressions, bare punctuation, blank paragraphs, other scripts)
and run through the real model and all components: sentences, entities, statements,
dates. The Annotator turns a component's exception into an InputError for that
article; here no component may fail at all.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storytrace.model import Annotations, Article, Options

PIECES = [
    "said",
    "told reporters",
    "according to",
    "citing",
    "two people familiar with the matter",
    "Bloomberg reported",
    "Volodymyr Zelenskyy",
    "Zelensky",
    "Mr. Yermak",
    "the ministry",
    "a spokesperson",
    "on Friday",
    "Sept. 31",
    "last week",
    "in 2024",
    "he",
    "she",
    "\u201c",
    "\u201d",
    '"',
    "'",
    "\u00ab",
    "\u00bb",
    ",",
    ".",
    ":",
    "\u2014",
    "(",
    ")",
    "the plan",
    "would",
    "not",
    "\u041a\u0438\u0457\u0432",
    "\u4e2d\u56fd",
]

words = st.lists(st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=8)), max_size=40)
paragraph = words.map(" ".join).map(lambda p: " ".join(p.split()))
bodies = st.lists(paragraph.filter(bool), min_size=1, max_size=6)
published = st.one_of(
    st.none(),
    st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
    ),
)


@pytest.fixture(scope="module")
def annotator(nlp):
    from storytrace.annotate import Annotator

    return Annotator(Options(fetched_at=datetime(2025, 3, 8, tzinfo=UTC)))


def check(body: str, found: Annotations) -> None:
    def inside(span: tuple[int, int] | None) -> None:
        if span is not None:
            assert 0 <= span[0] <= span[1] <= len(body), (span, len(body))

    for start, end in found.sentences:
        inside((start, end))
    for mention in found.mentions:
        inside(mention.span)
        assert body[mention.span[0] : mention.span[1]] == mention.text
    for i, statement in enumerate(found.statements):
        for span in (statement.content_span, statement.cue_span, statement.speaker_span):
            inside(span)
        assert statement.via is None or 0 <= statement.via < len(found.statements)
        assert statement.via != i
    for event in found.dates:
        inside(event.span)
        inside(event.sentence_span)
        assert body[event.span[0] : event.span[1]] == event.text
        assert event.start <= event.end


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(paragraphs=bodies, when=published)
def test_every_component_runs_and_every_span_fits(annotator, paragraphs, when) -> None:
    article = Article(source="hostile", page_sha256="", paragraphs=paragraphs, published=when)
    (found,) = list(annotator.annotate_iter([article]))
    assert isinstance(found, Annotations), found
    check(article.body, found)
