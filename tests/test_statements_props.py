"""Bad input never breaks the statement finder: odd quotes, deep nesting, huge or empty text."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storytrace.annotate.statement_quotes import find_quotes
from storytrace.annotate.statements import extract_statements

MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "„", "''", "``"]
WORDS = ["he", "said", "Reuters", "according", "to", "two", "sources", "citing", "the", "plan", ","]
WORDS += [
    ".",
    "\n\n",
    "told",
    "reporters",
    "that",
    "Bloomberg",
    "officials",
    "As",
    "reported",
    "by",
]

FIXTURES = [HealthCheck.function_scoped_fixture]  # the module/session fixtures are not reset

pieces = st.lists(st.sampled_from(MARKS + WORDS), max_size=60).map(" ".join)


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _check(text, statements):
    for i, s in enumerate(statements):
        for span in (s.content_span, s.cue_span, s.speaker_span):
            if span is not None:
                assert 0 <= span[0] <= span[1] <= len(text)
        assert s.content_span[0] < s.content_span[1]
        assert s.via is None or (0 <= s.via < len(statements) and s.via != i)
        assert s.anonymous_count is None or s.anonymous_count > 0


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=pieces)
def test_quotes_within_text(text):
    for q in find_quotes(text):
        assert 0 <= q.span[0] <= q.inner[0] <= q.inner[1] <= q.span[1] <= len(text)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=pieces)
def test_blank_pipeline_never_raises(blank, text):
    _check(text, extract_statements(blank(text)))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=pieces)
def test_parsed_pipeline_never_raises(nlp, text):
    _check(text, extract_statements(nlp(text)))


@pytest.mark.parametrize(
    "text",
    [
        "“He said “she said “they said” it” twice,” the minister said.",
        "“Unbalanced, the minister said. And then “more” was said by no one.",
        "” Closing first, he said “ and opening last",
        "'''''''''''",
        "",
        "The market opened at nine and closed at five.",
    ],
)
def test_odd_quotes_and_no_statement(nlp, text):
    statements = extract_statements(nlp(text))
    _check(text, statements)
    if "said" not in text:
        assert statements == []


def test_nested_three_deep_is_one_quote():
    text = "“One ‘two “three” two’ one,” she said."
    (q,) = find_quotes(text)
    assert text[q.span[0] : q.span[1]] == "“One ‘two “three” two’ one,”"


def test_five_thousand_sentences(blank):
    text = " ".join(
        f"“Point {i} stands,” an official said." if i % 7 == 0 else f"The river rose {i} cm."
        for i in range(5000)
    )
    statements = extract_statements(blank(text))
    _check(text, statements)
    assert len(statements) == len(range(0, 5000, 7))
