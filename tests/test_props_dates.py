"""Hostile text never breaks the date resolver: every event it returns points into the text.

Text is built from date-like pieces (weekdays, months, impossible days, huge years,
relative phrases, ranges) between arbitrary characters; the anchor runs from year 1
to year 9999, with and without a time zone, or is missing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from storytrace.annotate.dates import resolve_dates

PIECES = [
    "Monday",
    "last Friday",
    "next week",
    "on Sept. 31",
    "February 30, 2024",
    "in November",
    "3 March",
    "March 3-1",
    "between March 3 and March 1",
    "the 31st",
    "10000 BC",
    "year 9999",
    "0001-01-01",
    "9999-12-31",
    "yesterday",
    "two days ago",
    "in 99999999 years",
    "this spring",
    "late 2024",
    "the 1990s",
    "Q4",
    "12/31/99",
    "31.12.2024",
    "at 25:61",
    "1e9 days",
    "Tuesday, Sept. 24",
    "mid-October",
    ".",
    ",",
    "\n\n",
    " ",
    "“",
    "”",
]

texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=12)),
    max_size=40,
).map(" ".join)
zones = st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))])
anchors = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=zones),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
)


def spans_of(text: str, draw_pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(min(a, b), max(a, b)) for a, b in draw_pairs]


@settings(max_examples=300, deadline=None)
@given(
    text=texts,
    published=anchors,
    candidates=st.lists(st.tuples(st.integers(-5, 400), st.integers(-5, 400)), max_size=5),
    sentences=st.lists(st.tuples(st.integers(-5, 400), st.integers(-5, 400)), max_size=5),
)
def test_every_event_points_into_the_text(text, published, candidates, sentences) -> None:
    fallback = datetime(2025, 3, 8, tzinfo=UTC)
    events = resolve_dates(
        text,
        spans_of(text, sentences),
        published,
        fallback,
        candidates=spans_of(text, candidates),
    )
    taken: list[tuple[int, int]] = []
    for event in events:
        start, end = event.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == event.text
        assert event.start <= event.end
        assert event.granularity in ("day", "week", "month", "year", "range")
        s_start, s_end = event.sentence_span
        assert 0 <= s_start <= s_end <= len(text)
        assert event.anchored is (published is not None)
        assert all(end <= a or b <= start for a, b in taken), "events overlap"
        taken.append(event.span)
