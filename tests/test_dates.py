"""Date expressions resolved against the publication time: a table of what we handle."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storytrace.annotate.dates import resolve_dates

TUE = datetime(2024, 9, 24, 10, 0, tzinfo=UTC)  # Tuesday 24 September 2024
SAT = datetime(2024, 9, 21, 17, 59, tzinfo=UTC)
INGEST = datetime(2025, 1, 15, 8, 0, tzinfo=UTC)

# (sentence, published, expression, expected start, expected end, granularity)
TABLE = [
    ("He told reporters on Friday that it works.", TUE, "on Friday", "2024-09-20", None, "day"),
    ("He said in New York on Monday that it works.", TUE, "on Monday", "2024-09-23", None, "day"),
    ("She spoke Tuesday in Kyiv.", TUE, "Tuesday", "2024-09-24", None, "day"),
    ("He will speak on Friday.", TUE, "on Friday", "2024-09-27", None, "day"),
    ("They plan to meet on Monday.", TUE, "on Monday", "2024-09-30", None, "day"),
    ("We meet next Friday.", TUE, "next Friday", "2024-09-27", None, "day"),
    ("It happened last Tuesday.", TUE, "last Tuesday", "2024-09-17", None, "day"),
    ("They met Friday night.", TUE, "Friday night", "2024-09-20", None, "day"),
    ("He is expected to arrive on Sept. 26.", TUE, "on Sept. 26", "2024-09-26", None, "day"),
    (
        "Bloomberg reported on Sept. 21, citing sources.",
        TUE,
        "on Sept. 21",
        "2024-09-21",
        None,
        "day",
    ),
    ("Miller said on Nov. 20 that it was done.", SAT, "on Nov. 20", "2023-11-20", None, "day"),
    ("The vote on Nov. 5 decides it.", SAT, "on Nov. 5", "2024-11-05", None, "day"),
    (
        "The summit was on July 12, 2024, in Vilnius.",
        TUE,
        "on July 12, 2024",
        "2024-07-12",
        None,
        "day",
    ),
    ("Talks began 12 July 2023.", TUE, "12 July 2023", "2023-07-12", None, "day"),
    ("It was signed on 2022-02-24.", TUE, "on 2022-02-24", "2022-02-24", None, "day"),
    ("He was there on Jan. 5.", TUE, "on Jan. 5", "2024-01-05", None, "day"),
    (
        "Elections will be held on Jan. 5.",
        datetime(2024, 11, 2, tzinfo=UTC),
        "on Jan. 5",
        "2025-01-05",
        None,
        "day",
    ),
    (
        "They meet ahead of the G20 in November.",
        TUE,
        "in November",
        "2024-11-01",
        "2024-11-30",
        "month",
    ),
    ("Prices rose in March.", TUE, "in March", "2024-03-01", "2024-03-31", "month"),
    ("He visited last November.", TUE, "last November", "2023-11-01", "2023-11-30", "month"),
    (
        "The vote is due in early November.",
        TUE,
        "in early November",
        "2024-11-01",
        "2024-11-10",
        "range",
    ),
    ("It opened in May 2023.", TUE, "in May 2023", "2023-05-01", "2023-05-31", "month"),
    ("The war began in 2014.", TUE, "in 2014", "2014-01-01", "2014-12-31", "year"),
    ("He will visit the U.S. next week.", TUE, "next week", "2024-09-30", "2024-10-06", "week"),
    ("He is in the U.S. this week.", TUE, "this week", "2024-09-23", "2024-09-29", "week"),
    ("It fell last week.", TUE, "last week", "2024-09-16", "2024-09-22", "week"),
    ("It rose last month.", TUE, "last month", "2024-08-01", "2024-08-31", "month"),
    (
        "It rose last month.",
        datetime(2024, 1, 3, tzinfo=UTC),
        "last month",
        "2023-12-01",
        "2023-12-31",
        "month",
    ),
    ("Sales fell last year.", TUE, "last year", "2023-01-01", "2023-12-31", "year"),
    ("They met yesterday.", TUE, "yesterday", "2024-09-23", None, "day"),
    ("They meet tomorrow.", TUE, "tomorrow", "2024-09-25", None, "day"),
    ("They met three days ago.", TUE, "three days ago", "2024-09-21", None, "day"),
    ("They met over the weekend.", TUE, "over the weekend", "2024-09-21", "2024-09-22", "range"),
    ("He launched it this summer.", TUE, "this summer", "2024-06-01", "2024-08-31", "range"),
    ("It grew earlier this month.", TUE, "earlier this month", "2024-09-01", "2024-09-24", "range"),
    ("Jazz thrived in the 1950s.", TUE, "the 1950s", "1950-01-01", "1959-12-31", "range"),
    ("Prices fell in the late 1990s.", TUE, "the late 1990s", "1996-01-01", "1999-12-31", "range"),
    ("WASHINGTON, MAY 3, 2013 The vote was held.", TUE, "MAY 3, 2013", "2013-05-03", None, "day"),
    ("Talks resumed THURSDAY in Geneva.", TUE, "THURSDAY", "2024-09-19", None, "day"),
    # "by" before someone's name is no deadline
    (
        "The draft, first reported by the Gazette on Thursday, cuts grants.",
        TUE,
        "on Thursday",
        "2024-09-19",
        None,
        "day",
    ),
    # an intention or expectation reported in the past tense points ahead
    (
        "He would not comment until a joint session, which he hoped to hold on Thursday.",
        TUE,
        "on Thursday",
        "2024-09-26",
        None,
        "day",
    ),
    (
        "A meeting with the union was expected on Thursday.",
        TUE,
        "on Thursday",
        "2024-09-26",
        None,
        "day",
    ),
    # "since" spans from then up to the article's day
    (
        "The agency had asked for more funding three times since 2018.",
        TUE,
        "since 2018",
        "2018-01-01",
        "2024-09-24",
        "range",
    ),
    # a closed quote's own tense says nothing of the date after it
    (
        'She said the inquiry would examine "who decided what" during hearings in June.',
        TUE,
        "in June",
        "2025-06-01",
        "2025-06-30",
        "month",
    ),
    # what someone was asked or urged to do lies ahead
    (
        'He asked the public to "wait for the real budget" on Oct. 18.',
        TUE,
        "on Oct. 18",
        "2024-10-18",
        None,
        "day",
    ),
    (
        "The mayor urged residents to stay indoors on Thursday.",
        TUE,
        "on Thursday",
        "2024-09-26",
        None,
        "day",
    ),
    # the publication's own time zone decides the day
    (
        "They met yesterday.",
        datetime(2024, 9, 24, 23, 30, tzinfo=timezone(timedelta(hours=-5))),
        "yesterday",
        "2024-09-23",
        None,
        "day",
    ),
]


@pytest.mark.parametrize(("sentence", "published", "expression", "start", "end", "gran"), TABLE)
def test_resolves_against_publication(sentence, published, expression, start, end, gran):
    events = resolve_dates(sentence, [(0, len(sentence))], published, INGEST)
    assert [e.text for e in events] == [expression]
    event = events[0]
    assert event.start == date.fromisoformat(start)
    assert event.end == date.fromisoformat(end or start)
    assert event.granularity == gran
    assert event.anchored
    assert event.sentence == sentence
    assert sentence[event.span[0] : event.span[1]] == expression


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 2.5 years into the war, Kyiv faced a choice.",
        "Partners want to back the harbour town for as long as it takes.",
        "Three years of reporting, funded by readers.",
        "You may go, he said, and march on.",
        "The Good Friday Agreement holds.",
        "He scored 12 points in 24 minutes.",
        "The 1,000 members joined.",
    ],
)
def test_not_dates(sentence):
    assert resolve_dates(sentence, [], TUE, INGEST) == []


def test_spacy_candidates_durations_skipped_and_bare_month_read():
    text = "It lasted 2.5 years. The November vote and the 2019 accord stand."
    spans = [(text.index("2.5 years"), text.index("2.5 years") + 9)]
    spans.append((text.index("November"), text.index("November") + 8))
    spans.append((text.index("2019"), text.index("2019") + 4))
    events = resolve_dates(text, [], TUE, INGEST, candidates=spans)
    assert [(e.text, e.start.isoformat(), e.granularity) for e in events] == [
        ("November", "2024-11-01", "month"),
        ("2019", "2019-01-01", "year"),
    ]


def test_a_wire_datelines_date_is_no_event_of_the_story():
    """Regression (example corpus): "CALDMOUTH, March 4 (CPA) - ... on Tuesday" put its
    sentence on the timeline twice, once for the day the report was filed."""
    text = (
        "CALDMOUTH, March 4 (CPA) - More than 30 ships were waiting on Tuesday as the "
        "strike entered its second day.\nThe talks resumed on March 5."
    )
    spans = [(text.index("March 4"), text.index("March 4") + 7)]
    events = resolve_dates(text, [], TUE, INGEST, candidates=spans)
    assert [e.text for e in events] == ["on Tuesday", "on March 5"]


def test_numbers_and_ages_tagged_as_dates_are_not_dates():
    text = "The actress, 33, and her 85-year-old father left. The 2008-09 season ended in 2007-08."
    spans = [(text.index("33"), text.index("33") + 2)]
    spans.append((text.index("85-year-old"), text.index("85-year-old") + 11))
    spans.append((text.index("2008-09 season"), text.index("2008-09 season") + 14))
    spans.append((text.index("2007-08"), text.index("2007-08") + 7))
    assert resolve_dates(text, [], TUE, INGEST, candidates=spans) == []


def test_without_sentences_an_abbreviation_does_not_end_one():
    text = "Biden will meet him on Sept. 26 at the White House. Mr. Smith said so."
    (event,) = resolve_dates(text, [], TUE, INGEST)
    assert event.sentence == "Biden will meet him on Sept. 26 at the White House."


def test_dateparser_last_resort_for_an_entity_our_patterns_miss():
    text = "The deal dates from the 3rd of September."
    a = text.index("the 3rd")
    events = resolve_dates(text, [], TUE, INGEST, candidates=[(a, len(text) - 1)])
    assert len(events) == 1
    assert events[0].start == date(2024, 9, 3)


def test_undated_article_uses_ingest_time_and_says_so():
    text = "The minister said on Friday that talks would go on next week."
    events = resolve_dates(text, [], None, INGEST)  # INGEST is a Wednesday
    assert [(e.text, e.start.isoformat(), e.anchored) for e in events] == [
        ("on Friday", "2025-01-10", False),
        ("next week", "2025-01-20", False),
    ]


def test_sentence_is_the_one_holding_the_expression():
    text = "First sentence here. He left on Monday. Third one."
    sentences = [(0, 20), (21, 39), (40, 50)]
    (event,) = resolve_dates(text, sentences, TUE, INGEST)
    assert event.sentence == "He left on Monday."
    assert event.sentence_span == (21, 39)


PIECES = [
    *"abcdefghijklmnopqrstuvwxyz ,.-0123456789\n\x00é",
    *("Friday ", "Sept. ", "Nov ", "May ", "last ", "next ", "in ", "on ", "2024 ", "31 "),
    *("February ", "9999 ", "0000 ", "ago ", "weekend ", "yesterday ", "the ", "said ", "will "),
]


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    published=st.one_of(
        st.none(),
        st.datetimes(
            min_value=datetime(1, 1, 8), max_value=datetime(9999, 12, 20), timezones=st.just(UTC)
        ),
    ),
    spans=st.lists(st.tuples(st.integers(-5, 250), st.integers(-5, 250)), max_size=5),
)
def test_never_raises_on_odd_text(text, published, spans):
    events = resolve_dates(text, spans, published, INGEST, candidates=spans)
    for e in events:
        assert e.start <= e.end
        assert text[e.span[0] : e.span[1]] == e.text
        assert e.anchored == (published is not None)
