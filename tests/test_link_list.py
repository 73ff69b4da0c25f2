"""A page as `lynx -dump` writes it: link numbers in the text, the addresses listed last."""

from __future__ import annotations

from storytrace.clean import clean
from storytrace.clean.link_list import without_link_list
from storytrace.model import Options, Page

LYNX_PAGE = """   [1]Home [2]Local [3]Sport

Harbour bridge reopens after repairs [spacer.gif]

   By [4]Jane Doe
   March 5, 2025

   The harbour bridge reopened to traffic on Tuesday morning after eight months of repairs
   to its deck and cables, the city council said in a statement on Monday evening.

   Engineers found corrosion in three of the main cables last spring, and the council
   closed the bridge to all traffic while the cables were replaced one by one.

   Ferry services that carried commuters across the harbour during the closure will
   return to their winter timetable next week, the [5]council said.

References

   1. https://coastal.example/
   2. https://coastal.example/local/
   3. https://coastal.example/sport/
   4. https://coastal.example/authors/jane-doe/
   5. https://coastal.example/council/

   Hidden links:
   6. file://localhost/tmp/page.html
"""


def test_lynx_link_numbers_and_its_list_of_links_leave_the_page() -> None:
    text = without_link_list(LYNX_PAGE)
    assert "References" not in text and "https://" not in text
    assert "By Jane Doe" in text and "the council said." in text
    assert "[" not in text


def test_a_page_without_lynx_s_list_keeps_its_bracketed_numbers() -> None:
    # A footnote mark or a section named "References" over prose is the article's own.
    page = "Findings [1] held.\n\nReferences\n\n1. Doe, J. (2020). A study of bridges.\n"
    assert without_link_list(page) == page
    assert without_link_list("A list [2] of things.") == "A list [2] of things."


def test_the_byline_lynx_writes_with_a_link_number_names_the_author() -> None:
    page = Page.from_bytes("page.txt", LYNX_PAGE.encode(), "text/plain", text=LYNX_PAGE)
    article = clean(page, Options())
    assert article.authors == ["Jane Doe"]
    assert article.headline == "Harbour bridge reopens after repairs"
    assert "https://" not in article.body and "[5]" not in article.body
