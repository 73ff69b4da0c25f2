"""Metadata read from a page's own lines: the dateline fallback over a cleaner's removed lines."""

from __future__ import annotations

from datetime import date

import pytest

from storytrace.clean import clean
from storytrace.clean.metadata import dateline_from_removed
from storytrace.model import Options, Page, Removed


def _day(removed: list[Removed]) -> date | None:
    found = dateline_from_removed(removed, tz="UTC")
    return found.value.date() if found else None


def test_the_first_dateline_among_the_removed_lines_is_the_publication_date() -> None:
    removed = [
        Removed("Menu", "before article start"),
        Removed("By Korin MillerPublished: Jan 29, 2025", "before article start"),
        Removed("Feb 2, 2025", "before article start"),
    ]
    assert _day(removed) == date(2025, 1, 29)


def test_an_update_time_is_taken_only_when_no_other_dateline_is_written() -> None:
    update = Removed("Updated Dec. 23, 2024, 1:24 PM EST / Source: TODAY", "before article start")
    assert _day([update, Removed("Published Dec. 20, 2024", "dateline")]) == date(2024, 12, 20)
    assert _day([update]) == date(2024, 12, 23)


def test_a_bylines_date_above_the_article_is_read_however_long_the_byline() -> None:
    byline = Removed(
        "By Ann Lee – Updated Sep 9, 2025 at 1:00 PM EST | Fact-checked by Bo Chan Ward",
        "before article start",
    )
    later = Removed("Figures as of Dec 20, 2025.", "before article start")
    assert _day([byline, later]) == date(2025, 9, 9)
    # Read as a plain dateline, it holds too many other words; a dateline above it still wins.
    assert _day([Removed("June 2, 2025", "before article start"), byline]) == date(2025, 6, 2)
    # A line opening with "By" that names nobody is no byline.
    prose = Removed("By the end of May 3, 2025 the council had met twice", "before article start")
    assert _day([prose]) is None


def test_prose_captions_and_comments_are_no_dateline() -> None:
    removed = [
        Removed(
            "The council first discussed the bridge on March 3, 2021, when engineers found "
            "corrosion in three of the main cables and asked for money to replace them.",
            "before article start",
        ),
        Removed("Oct 1, 2021 | 34 comments", "comments"),
        Removed("Harbour photo, May 2, 2020 (Photo: Reuters)", "caption"),
    ]
    assert _day(removed) is None


def test_a_text_page_with_its_dateline_far_above_the_body_gets_its_date() -> None:
    menu = "\n".join(f"Section {name}" for name in "ABCDEFGHIJKLMNOPQRST")
    prose = (
        "The harbour bridge reopened to traffic on Tuesday morning after eight months of "
        "repairs to its deck and cables, the city council said in a statement.\n\n"
        "Engineers found corrosion in three of the main cables last spring, and the council "
        "closed the bridge to all traffic while the cables were replaced one by one.\n"
    )
    text = f"Published: June 9, 2025\n{menu}\n\nHarbour bridge reopens\n\n{prose}"
    page = Page.from_bytes("page.txt", text.encode(), "text/plain", text=text)
    article = clean(page, Options())
    assert article.published is not None and article.published.date() == date(2025, 6, 9)


def test_of_two_unlabelled_dates_on_one_line_the_earlier_is_the_publication() -> None:
    from storytrace.clean.metadata import parse_date

    # A post's publication and modification times run together, in either order.
    for line in (
        "May 21, 2025April 24, 2025 by Ann Lee",
        "April 24, 2025May 21, 2025 by Ann Lee",
        "Ann 2025-05-21T10:00:00+00:00 April 24th, 2025 | Reviews",
    ):
        found = parse_date(line, tz="UTC")
        assert found is not None and found.value.date() == date(2025, 4, 24), line
    # A label still decides, and an update is passed over however early it is.
    found = parse_date("Updated May 1, 2025 | Published May 3, 2025 | May 9, 2025", tz="UTC")
    assert found is not None and found.value.date() == date(2025, 5, 3)
    found = parse_date("May 9, 2025 | Published: May 12, 2025", tz="UTC")
    assert found is not None and found.value.date() == date(2025, 5, 12)
    # The dateline fallback over removed lines reads them the same way.
    removed = [Removed("Ann 2025-05-21T10:00:00+00:00 April 24th, 2025 | Reviews", "dateline")]
    assert _day(removed) == date(2025, 4, 24)
    byline = Removed("By Ann Lee May 21, 2025April 24, 2025", "before article start")
    assert _day([byline]) == date(2025, 4, 24)


def test_a_dateline_below_the_article_counts_only_when_none_is_above() -> None:
    below = Removed("Published August 13, 2025", "after article end")
    assert _day([below]) == date(2025, 8, 13)
    above = Removed("Posted on July 1, 2024 by infuy", "before article start")
    assert _day([below, above]) == date(2024, 7, 1)


def test_the_day_in_an_articles_address_is_its_publication_day() -> None:
    from storytrace.clean.metadata import date_from_url

    assert date_from_url("https://example.org/2021/01/18/tool-choices").date() == date(2021, 1, 18)
    assert date_from_url("https://example.org/news/2024-03-05-bridge").date() == date(2024, 3, 5)
    assert date_from_url("https://example.org/2021/13/45/x") is None
    assert date_from_url("https://example.org/items/20210118") is None


def test_a_text_page_takes_the_day_its_address_names_over_a_later_dateline() -> None:
    prose = (
        "The harbour bridge reopened to traffic on Tuesday morning after eight months of "
        "repairs to its deck and cables, the city council said in a statement.\n\n"
        "Engineers found corrosion in three of the main cables last spring, and the council "
        "closed the bridge to all traffic while the cables were replaced one by one.\n"
    )
    text = f"Harbour bridge reopens\nAugust 9, 2021\n\n{prose}"
    url = "https://gazette.example/2021/01/18/harbour-bridge-reopens"
    page = Page.from_bytes("page.txt", text.encode(), "text/plain", text=text, meta={"url": url})
    article = clean(page, Options())
    assert article.published is not None and article.published.date() == date(2021, 1, 18)
    bare = Page.from_bytes("page.txt", prose.encode(), "text/plain", text=prose, meta={"url": url})
    assert clean(bare, Options()).published.date() == date(2021, 1, 18)


def test_labels_and_month_names_glued_to_the_text_before_them_are_read() -> None:
    from storytrace.clean.metadata import find_dates

    found = find_dates("Mental HealthDECEMBER 22, 2022Updated: JANUARY 02, 2026")
    assert [(d.value.date(), d.updated) for d in found] == [
        (date(2022, 12, 22), False),
        (date(2026, 1, 2), True),
    ]
    assert [d.value.date() for d in find_dates("ByJane DoeMar 5, 2025 | 6 comments")] == [
        date(2025, 3, 5)
    ]


@pytest.mark.parametrize(
    ("written", "either_way"),
    [
        ("02/12/2025", True),  # 2 December or 12 February
        ("8-1-2025", True),
        ("13/12/2025", False),  # 13 is no month
        ("12/12/2025", False),  # the same day either way
        ("02.12.2025", False),  # dotted: read day first, as the countries writing it do
        ("Dec 2, 2025", False),
        ("2025-02-12", False),
    ],
)
def test_a_date_in_figures_says_whether_it_reads_either_way(written: str, either_way: bool) -> None:
    from storytrace.clean.metadata import find_dates

    assert find_dates(f"Posted {written} 10:30")[0].either_way is either_way


def test_a_date_is_labelled_published_only_by_the_nearest_label() -> None:
    from storytrace.clean.metadata import find_dates

    found = find_dates("Published May 2, 2024 | Updated May 5, 2024")
    assert [(d.labelled, d.updated) for d in found] == [(True, False), (False, True)]
    assert find_dates("Last published Apr 8, 2024")[0].updated
    assert not find_dates("Last published Apr 8, 2024")[0].labelled


def test_a_text_pages_date_labelled_as_its_publication_beats_an_unlabelled_dateline() -> None:
    prose = (
        "The harbour bridge reopened to traffic on Tuesday morning after eight months of "
        "repairs to its deck and cables, the city council said in a statement.\n\n"
        "Engineers found corrosion in three of the main cables last spring, and the council "
        "closed the bridge to all traffic while the cables were replaced one by one.\n"
    )
    text = (
        f"Harbour bridge reopens\n\nSeptember 30, 2022\n\n{prose}\n"
        "Share this story\n\nOriginally published: 26 Sep 2019\n"
    )
    page = Page.from_bytes("page.txt", text.encode(), "text/plain", text=text)
    assert clean(page, Options()).published.date() == date(2019, 9, 26)


def test_a_month_named_in_an_articles_address_gives_its_day() -> None:
    from storytrace.clean.metadata import date_from_url

    assert date_from_url("https://example.org/news/2008/jan/19/bridge").date() == date(2008, 1, 19)
    assert date_from_url("https://example.org/blog/2023/october/03/x").date() == date(2023, 10, 3)
    assert date_from_url("https://example.org/2008/tags/10/x") is None


def test_date_from_url_malformed_address_is_no_date() -> None:
    # fuzz_clean found it: an HTML page's canonical address "http://[" made urlsplit raise.
    from storytrace.clean.metadata import date_from_url

    assert date_from_url("http://[2024/01/18/story") is None
    assert date_from_url("http://example.com/2024/01/18/story") is not None


def test_chinese_japanese_and_korean_dates_are_read() -> None:
    from storytrace.clean.metadata import find_dates

    found = find_dates("记者 王伟 2025年3月4日 14:30")
    assert [(d.value.date(), d.value.hour, d.precision) for d in found] == [
        (date(2025, 3, 4), 14, "minute")
    ]
    assert [d.value.date() for d in find_dates("2025년 3월 4일")] == [date(2025, 3, 4)]
    assert [d.value.date() for d in find_dates("発行日：2024年9月21日")] == [date(2024, 9, 21)]
