"""A text page that is an HTML page's source is cleaned as the text the page shows."""

from __future__ import annotations

from storytrace.clean import clean
from storytrace.clean.page_source import is_page_source, source_text
from storytrace.model import Options, Page

PARAGRAPHS = [
    "The harbour bridge reopened to traffic on Tuesday morning after eight months of repairs "
    "to its deck and cables, the city council said in a statement on Monday evening.",
    "Engineers found corrosion in three of the main cables last spring, and the council "
    "closed the bridge to all traffic while the cables were replaced one by one.",
    "Ferry services that carried commuters across the harbour during the closure will return "
    "to their winter timetable next week, the council said.",
]
MENU = ["Home", "Local", "Sport", "Weather", "Contact us"]


def _source() -> str:
    """A converter's output thrown off by an unclosed comment: the title's text, then the
    rest of the page's markup as it stood."""
    scripts = "".join(
        f'<script src="/js/part{n}.js" type="text/javascript"></script> ' for n in range(12)
    )
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    body = "".join(f'<p class="story">{p}</p>\n' for p in PARAGRAPHS)
    return (
        "Harbour News - Bridge reop--> "
        f"{scripts}<style>.story {{ margin: 0 }}</style></head><body>"
        f'<div id="nav"><ul>{menu}</ul></div>'
        f'<div id="story"><h1>Harbour bridge reopens after repairs</h1>'
        f'<div class="meta"><span>Tuesday, 8 January 2008</span></div>{body}</div>'
        '<div id="footer"><a href="/about">About us</a></div></body></html>'
    )


def test_a_text_page_that_is_a_pages_source_gets_its_headline_and_body() -> None:
    text = _source()
    page = Page.from_bytes("page.txt", text.encode(), "text/plain", text=text)
    article = clean(page, Options())
    assert article.headline == "Harbour bridge reopens after repairs"
    assert article.paragraphs == PARAGRAPHS
    assert "<" not in article.body


def test_the_visible_text_of_a_source_leaves_out_scripts_and_styles() -> None:
    shown = source_text(_source(), "page.txt")
    assert "# Harbour bridge reopens after repairs" in shown.split("\n\n")
    assert "part3.js" not in shown and "margin" not in shown


def test_an_article_quoting_some_markup_is_read_as_text() -> None:
    # A web-development article's sample: many tags, but prose is most of the page.
    sample = "\n".join(f"<li><a href='/{m.lower()}'>{m}</a></li>" for m in MENU * 5)
    text = "\n\n".join(PARAGRAPHS * 4) + f"\n\n{sample}\n\n" + "\n\n".join(PARAGRAPHS * 4)
    assert sample.count("</") >= 20
    assert not is_page_source(text)
    assert is_page_source(_source())
