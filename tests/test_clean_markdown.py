"""Text pages written in Markdown (html2text's defaults, markdownify), on invented pages."""
# ruff: noqa: E501  (the invented pages keep their paragraphs on one line, as pages do)

from __future__ import annotations

from storytrace.clean import clean
from storytrace.clean.markdown import plain_rows, without_images
from storytrace.model import Options, Page

LOGO = "[![Tidewater Gazette](data:image/svg+xml,%3Csvg viewBox='0 0 86 12' xmlns='http://www.w3.org/2000/svg'%3E%3Cpath d='M12.5\n4.25c-.75-.5-1.5-.875-2.625-.875-1.375-.025-2.5.625-2.5 1.875.025 1.25\n1.25 1.5 2.375 1.75 1.125.175 2.05.35 2.025 1.275-.05 1.05-1.25 1.25-2.05\n1.25-.875 0-1.8-.325-2.35-1.125l-.45.425c.55.875 1.675 1.3 2.8 1.3s2.6-.375\n2.65-1.8c.075-1.5-1.5-1.7-2.65-1.9-.8-.15-1.925-.325-1.95-1.175 z'/%3E%3C/svg%3E)](/)"

PAGE = f"""\
{LOGO}

* [News](/news)
* [Sport](/sport)

# Ferry line to the islands [resumes](/tag/ferries-and-boats-of-the-north-coast-region) after the winter storms

The ferry between Brindle and the [outer islands](https://example.org/places/outer-islands-and-the-north-coast-archipelago "Outer islands") sailed again on Monday, after [storm damage](https://example.org/news/2024/03/storm-damage-to-the-brindle-pier-and-the-harbour-office) to the pier kept it in port for six weeks.

The operator said that the _Northern Star_ would run **twice a day** until June, and that the summer timetable of four crossings would start on the 1st\\. of July, as in earlier years.

Islanders had relied on a small fishing boat for [medicine and post](https://example.org/news/2024/02/how-the-islands-got-their-medicine-and-their-post-during-the-closure), which could not sail in high winds and carried no cars.

Related: [Pier repairs cost more than planned](/news/pier-repairs-cost-more-than-planned)
"""


def _clean(text: str):
    return clean(Page.from_bytes("page.md", text.encode(), "text/plain", text=text), Options())


def test_markdown_links_are_read_as_their_text():
    article = _clean(PAGE)
    body = article.body
    assert "outer islands sailed again on Monday, after storm damage to the pier" in body
    assert "for medicine and post, which could not sail" in body
    assert "example.org" not in body and "](" not in body


def test_markdown_emphasis_and_escapes_are_dropped_from_the_body():
    body = _clean(PAGE).body
    assert "that the Northern Star would run twice a day until June" in body
    assert "the 1st. of July" in body
    assert "**" not in body and "_Northern" not in body and "\\" not in body


def test_page_opening_with_a_data_uri_image_is_a_text_page():
    # The logo's address is digits and signs: read as text, the page's first 4,000
    # characters would have too few letters to be prose and the page would be refused.
    article = _clean(LOGO * 6 + "\n\n" + PAGE)
    assert "sailed again on Monday" in article.body
    assert "data:image" not in without_images(LOGO)


def test_removed_markdown_lines_keep_their_page_line_numbers():
    article = _clean(PAGE)
    page_lines = PAGE.splitlines()
    for removed in article.removed:
        assert removed.line is not None
        first_word = removed.text.split()[0].strip("*[]#")
        assert first_word in page_lines[removed.line - 1], (removed, page_lines[removed.line - 1])


def test_plain_rows_numbers_and_link_shares():
    text = "Intro line\n\n[Wrapped link\ntext](https://example.org/a-\nb-c) and more words here\n[Home](/)\n"
    plain, numbers, shares = plain_rows(text)
    lines = plain.splitlines()
    assert lines[2] == "Wrapped link text and more words here"
    assert numbers[2] == 3 and numbers[3] == 6
    assert lines[3] == "Home" and shares[3] == 1.0
    assert shares[0] == 0.0 and 0.3 < shares[2] < 0.6


def test_text_without_markdown_is_unchanged():
    text = "A line with [brackets] and (parentheses) but no link.\nsnake_case_name stays\n"
    plain, numbers, _ = plain_rows(text)
    assert plain == text and numbers == [1, 2]
