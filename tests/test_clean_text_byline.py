"""Bylines of text pages in their many shapes, on small invented pages."""
# ruff: noqa: E501  (the invented pages keep their paragraphs on one line, as pages do)

from __future__ import annotations

import pytest

from storytrace.clean import clean
from storytrace.clean.metadata import is_credential, is_person_name, parse_byline
from storytrace.model import Options, Page

BODY = """\
The council of Northport voted on Saturday to rebuild the town's sea wall, which collapsed during the January storms, before the first autumn gales arrive.

The vote passed by nine votes to four after a three-hour debate in which residents of the lower town described flooded kitchens and ruined boats.

Engineers estimate that the work will cost about 14 million euros, most of it covered by a regional flood fund that was set up after the storms of 2019.

Opponents argued that the town should move the harbour instead of rebuilding it, saying that the sea level will keep rising for decades.
"""

MENU = "Home\nNews\nSport\nKey Features\nSubscribe\n\n"
HEADLINE = "Harbour town votes to rebuild its flooded sea wall\n\n"


def _clean(header: str, footer: str = ""):
    text = MENU + HEADLINE + header + "\n\n" + BODY + footer
    page = Page.from_bytes("test:byline", text.encode(), "text/plain", text=text)
    return clean(page, Options())


@pytest.mark.parametrize(
    ("header", "authors"),
    [
        ("By Marta Lindqvist", ["Marta Lindqvist"]),
        ("By\nMarta Lindqvist\nMarch 3, 2024", ["Marta Lindqvist"]),
        ("Written by\n\nMarta Lindqvist", ["Marta Lindqvist"]),
        ("Marta Lindqvist\nMarch 3, 2024", ["Marta Lindqvist"]),
        ("Marta Lindqvist\nTrending Editor", ["Marta Lindqvist"]),
        ("Marta Lindqvist\n9 min read", ["Marta Lindqvist"]),
        ("Marta Lindqvist March 3, 2024 10:01 am", ["Marta Lindqvist"]),
        ("Marta Lindqvist and Tomas Berg | Guest Columnists\nMarch 3, 2024", ["Marta Lindqvist", "Tomas Berg"]),
        ("Marta Lindqvist and Tomas Berg | Guest Columnists", ["Marta Lindqvist", "Tomas Berg"]),
        ("Çelik Nimani\nMarch 3, 2024", ["Çelik Nimani"]),  # a capital outside ASCII
        ("By\nNorthport Gazette Staff\nMarch 3, 2024", ["Northport Gazette Staff"]),
        ("Northport Gazette Team\nMarch 3, 2024", ["Northport Gazette Team"]),  # no cue
        ("Marta Lindqvist May 3, 2024", ["Marta Lindqvist"]),  # "May" is the date's
        ("May 3, 2024 By Marta Lindqvist 4 Comments", ["Marta Lindqvist"]),
        ("On March 3, 2024 By Marta Lindqvist In Coastal News, Weather", ["Marta Lindqvist"]),
        ("Published: Mar 8, 2024 · Modified: May 19, 2025 by Marta Lindqvist · This post may contain affiliate links", ["Marta Lindqvist"]),
        ("By\nMarta Lindqvist, Ph.D.\nUpdated on March 3, 2024", ["Marta Lindqvist, Ph.D."]),
        # A browser's copy runs inline elements together and keeps a style's capitals.
        ("ByMarta Lindqvist\nMarch 3, 2024", ["Marta Lindqvist"]),
        ("BY MARTA LINDQVISTPUBLISHED: MAR 3, 2024", ["Marta Lindqvist"]),
        ("Written by:Marta LindqvistMarta Lindqvist", ["Marta Lindqvist"]),
        ("By the Harbour Team 2–3 minutes", ["the Harbour Team"]),
        # A name before its date on a line read as a reading time.
        ("Marta Lindqvist July 13, 2024 — 7 minutes read", ["Marta Lindqvist"]),
        # A name after the date, or between a dateline's other parts.
        ("Dec 26, 2024 • Marta Lindqvist in Coastal News", ["Marta Lindqvist"]),
        ("12 Comments | Marta Lindqvist | Last Updated: March 11, 2024", ["Marta Lindqvist"]),
        ("March 1, 2024March 8, 2024Marta Lindqvist", ["Marta Lindqvist"]),
        ("12/19/2024 • Friday Letters • Marta Lindqvist", ["Marta Lindqvist"]),
    ],
)
def test_byline_shapes(header: str, authors: list[str]) -> None:
    article = _clean(header)
    assert article.authors == authors
    first = header.split("\n")[0]
    assert {r.text: r.reason for r in article.removed}[first] == "byline"


def test_a_name_repeated_in_the_author_box_below_is_still_the_byline() -> None:
    # Under a deck the run takes in, the line recurs on the page (the author box under the
    # article), which removes it as a repeated line; it is the byline all the same.
    deck = "The town will spend 14 million euros on a new wall after the winter storms broke the old one, and residents say it is overdue.\n\n"
    footer = "\nMarta Lindqvist\n\nMarta Lindqvist writes about the coast for the Gazette.\n"
    article = _clean(deck + "Marta Lindqvist\nHarbour Editor", footer)
    assert article.authors == ["Marta Lindqvist"]


BIO = "\nMarta Lindqvist is a reporter at the Gazette who has covered the coast since 2015. She lives in the lower town.\n"


def test_a_bare_name_whose_bio_closes_the_page_is_the_byline() -> None:
    # Nothing stands beside the name; the author box under the article opens its bio with
    # it and writes of a person.
    assert _clean("Marta Lindqvist").authors == []
    assert _clean("Marta Lindqvist", BIO).authors == ["Marta Lindqvist"]
    # Further up than the byline's window, over a table of contents.
    contents = "".join(f"Part {n} of the plan\n" for n in range(1, 31))
    assert _clean("Marta Lindqvist\n\nContents\n" + contents, BIO).authors == ["Marta Lindqvist"]


def test_the_one_cue_line_far_over_the_article_is_the_byline() -> None:
    contents = "".join(f"Part {n} of the plan\n" for n in range(1, 31))
    # (Not right under the headline, where `byline_under` reads it whatever the distance.)
    top = "A guide in thirty parts to the plan for the sea wall\n\nBy Marta Lindqvist\n\n"
    assert _clean(top + "Contents\n" + contents).authors == ["Marta Lindqvist"]
    # Two of them are a box of other stories' bylines.
    box = "More stories from the coast this week\n\nFerry timetable changes\nBy Tomas Berg\n\n"
    box += "Harbour dues rise again\nBy Marta Lindqvist\n\n"
    assert _clean(box + "Contents\n" + contents).authors == []


def test_the_author_bio_closing_the_article_names_the_author_when_nothing_else_does() -> None:
    article = _clean("", BIO)
    assert article.authors == ["Marta Lindqvist"]
    assert "Marta Lindqvist is a reporter" not in article.body
    # A byline over the article names its author, whoever the bio is of.
    assert _clean("By Tomas Berg", BIO).authors == ["Tomas Berg"]


def test_a_body_written_of_under_the_article_is_no_byline() -> None:
    # "Northport Harbour is ...": a body's description, with no person in it.
    about = "\nNorthport Harbour is a trust that has kept the town's quays and sea walls in repair since 1921.\n"
    assert _clean("Northport Harbour", about).authors == []


def test_no_byline_no_authors() -> None:
    assert _clean("March 3, 2024").authors == []


def test_a_menu_line_beside_a_date_is_no_bare_name() -> None:
    # "Key Features" (in the menu) is two capitalised words over a date, like a name, but
    # the article writes them in lower case: words, not a name.
    body_words = "Its key features are a higher crest and new drains."
    article = _clean("Key Features\nMarch 3, 2024\n\n" + body_words)
    assert article.authors == []


def test_a_category_beside_the_date_is_no_name() -> None:
    # Two capitalised words after a dateline's date read like a name; the article writes
    # them in lower case ("a regional flood fund"): the post's category.
    assert _clean("March 3, 2024 • Flood Fund").authors == []


def test_an_editors_name_is_no_author() -> None:
    assert _clean("Marta Lindqvist\nMarch 3, 2024\nEdited by\nTomas Berg").authors == [
        "Marta Lindqvist"
    ]
    assert _clean("March 3, 2024\nReviewed by\nTomas Berg").authors == []


def test_a_cue_below_the_article_beats_a_masthead_over_its_date() -> None:
    # Regression (examples/newsroom golden): "Northfield Daily" over the masthead's date
    # was read as a bare name ahead of "Written by" under the story.
    text = "Northfield Daily\nWed 5 Mar 2025 | 6°C, light rain\n\n" + HEADLINE + BODY + "\nWritten by Hanna Sorel\n"
    article = clean(Page.from_bytes("t", text.encode(), "text/plain", text=text), Options())
    assert article.authors == ["Hanna Sorel"]


def test_a_sentence_opening_with_by_is_no_byline() -> None:
    # Regression: a sign-up form's "By signing up, I agree to the Terms and Privacy Policy"
    # gave the author "Privacy Policy".
    assert parse_byline("By signing up, I agree to the Terms and Privacy Policy.").authors == []
    article = _clean("By Marta Lindqvist", "\nBy entering your email you agree to our Terms of Use and Privacy Policy.\n")
    assert article.authors == ["Marta Lindqvist"]


@pytest.mark.parametrize(
    ("line", "authors", "signatures"),
    [
        ("Dana Bailey, MS, RD", ["Dana Bailey, MS, RD"], []),
        ("Sam Greer, M.D. FACLM", ["Sam Greer, M.D. FACLM"], []),
        ("By Jane Doe, AP", ["Jane Doe"], []),
        ("Rachel Mackay Writer", ["Rachel Mackay"], ["Writer"]),
        ("Written By: Cara Boe Executive Digital Editor", ["Cara Boe"], ["Executive Digital Editor"]),
        ("by Leo Marsh and The Valley Post news desk", ["Leo Marsh"], ["The Valley Post news desk"]),
        ("by Dan Burst, Senior Director, MECLABS Institute", ["Dan Burst"], ["Senior Director"]),
    ],
)
def test_byline_parts(line: str, authors: list[str], signatures: list[str]) -> None:
    byline = parse_byline(line)
    assert byline.authors == authors
    assert byline.signatures == signatures


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("作者：王伟", ["王伟"]),  # a full-width colon after the cue
        ("记者王伟", ["王伟"]),  # the cue runs straight into the name
        ("记者 王伟 李娜", ["王伟", "李娜"]),  # names parted by a space
        ("编辑 陈静、张磊", ["陈静", "张磊"]),  # ... or by the ideographic comma
        ("기자 김민수", []),  # a Korean line with no cue we know names nobody
    ],
)
def test_chinese_bylines(line: str, authors: list[str]) -> None:
    # Regression: the full-width colon and a cue with no space after it left the names
    # unread, and two names parted by a space were read as no name at all.
    assert parse_byline(line).authors == authors


def test_names_and_credentials() -> None:
    assert is_credential("Ph.D.") and is_credential("MD") and is_credential("E-RYT 200")
    assert not is_credential("SEO") and not is_credential("AP")
    assert not is_person_name("The Kyiv Independent")
    assert not is_person_name("MECLABS Institute")
    assert not is_person_name("Northfield Daily")


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Nicoletta Ricci Trending Editor", ["Nicoletta Ricci"]),
        ("Liz Kerr Former McKinsey Consultant", ["Liz Kerr"]),
        ("Luke Kim December", ["Luke Kim"]),
        ("CM Craig Mayhew Last updated", ["Craig Mayhew"]),
        ("This post was written by Dana Pardo", ["Dana Pardo"]),
        ("By Alyssa Maio on January 21, 2023", ["Alyssa Maio"]),
        ("by Matt Miles on Dec 16, 2025 at 11:00 AM", ["Matt Miles"]),
        ("Theresa May", ["Theresa May"]),
        ("By Brett Cruz and Gene Petri, Home Security Expert", ["Brett Cruz", "Gene Petri"]),
        ("JONATHAN MEYERSLAST UPDATED NOV 6, 2025", ["Jonathan Meyers"]),
        ("Colin Gray Colin Gray", ["Colin Gray"]),
        ("Colin GrayColin GrayColin Gray", ["Colin Gray"]),  # link, text and alt text
        ("Paramita (Guha) Ghosh", ["Paramita Ghosh"]),
        ("Released Wednesday", []),  # a date's words
        ("Byron Gale", ["Byron Gale"]),  # a name that opens on "By" is no cue
    ],
)
def test_names_from_markup_and_page_bylines(line: str, authors: list[str]) -> None:
    # What trafilatura's author field and pages run into a name: a job, a month, an
    # avatar's initials, "Last updated"; a surname that is a month in another language.
    assert parse_byline(line).authors == authors
