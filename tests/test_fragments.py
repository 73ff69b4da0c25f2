"""A page cut at every tag, as BeautifulSoup's get_text("\\n") writes it."""

from __future__ import annotations

from storytrace.clean import clean
from storytrace.clean.fragments import joined_fragments
from storytrace.model import Options, Page

CUT_PAGE = (
    "Home\nLocal\nSport\n\n\nHarbour bridge reopens after repairs\n\n\n"
    "The harbour bridge reopened to traffic on Tuesday morning after eight months of "
    "repairs to its deck and cables, the \ncity council\n said in a statement.\n\n\n"
    "Engineers found corrosion in three of the main cables last spring, and the council "
    "closed the bridge while the cables were replaced. Leave a \ncomment\n.\n\n\n"
    "Follow the council on \nInstagram\n,\xa0\nYouTube\n\xa0or\xa0\nFacebook\n for news of "
    "the ferry services that carried commuters across the harbour during the closure.\n\n\n"
    "Ferry services will return to their winter timetable next week, \nthe council said\n.\n"
)


def test_the_fragments_of_a_paragraph_cut_at_its_tags_are_one_line_again() -> None:
    lines = [line for line in joined_fragments(CUT_PAGE).split("\n") if line]
    assert lines[4].endswith("the city council said in a statement.")
    assert lines[5].endswith("Leave a comment.")
    assert lines[6] == (
        "Follow the council on Instagram, YouTube or Facebook for news of the ferry services "
        "that carried commuters across the harbour during the closure."
    )
    assert lines[7].endswith("next week, the council said.")
    # The page's own lines stay apart: they are no fragments.
    assert lines[:3] == ["Home", "Local", "Sport"]


def test_a_page_laid_out_by_lines_is_left_as_it_is() -> None:
    page = "Home\nNews\n\nHeadline here\n\nA sentence ends here.\n. A list item\nlast line \nnext\n"
    assert joined_fragments(page) == page


def test_a_page_cut_at_its_tags_keeps_its_whole_article() -> None:
    page = Page.from_bytes("page.txt", CUT_PAGE.encode(), "text/plain", text=CUT_PAGE)
    article = clean(page, Options())
    assert article.headline == "Harbour bridge reopens after repairs"
    assert "Follow the council on Instagram, YouTube or Facebook" in article.body
    assert article.body.endswith("next week, the council said.")
