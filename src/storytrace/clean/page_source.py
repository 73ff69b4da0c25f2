"""A text page that is an HTML page's source, read as the text a browser would show.

Text pages come from many tools, and some write out markup instead of text: a crawler
that saved the source under a `.txt` name, a converter that an unclosed `<title>` or a
stray comment threw off and that then wrote the rest of the page as it found it
("Headline--> <script src=...></script> <div id="top"> ..."). Cleaned as text, such a page
has no line of prose and no headline, only tags; its visible text is all there under them.
"""

from __future__ import annotations

import re

from storytrace.clean.html_blocks import visible_blocks
from storytrace.clean.html_parse import parse_html

MIN_CLOSING_TAGS = 20
"""A page with fewer closing tags than this is text (a code sample, "a < b")."""
MARKUP_SHARE = 1 / 3
"""...and one whose tags are less than this share of its characters is text with some
markup quoted in it (an article on web development): a page's source is mostly tags."""
_TAG = re.compile(r"</?[A-Za-z!][^<>]{0,300}>")


def is_page_source(text: str) -> bool:
    """Whether a text page is mostly HTML markup: a page's source, not its text."""
    # Most text pages stop at the first test: a count of one character is a third of the
    # time of a count of two.
    if text.count("<") < MIN_CLOSING_TAGS or text.count("</") < MIN_CLOSING_TAGS:
        return False
    tags = sum(len(m) for m in _TAG.findall(text))
    return tags >= MARKUP_SHARE * len(text)


def source_text(text: str, source: str) -> str:
    """The visible text of a page's HTML source, a block to a paragraph, its h1 written as
    a Markdown heading so the text cleaner sees it as one; raises NoArticle when the
    markup holds no document."""
    blocks = visible_blocks(parse_html(text, source))
    return "\n\n".join(f"# {b.text}" if b.tag == "h1" else b.text for b in blocks)
