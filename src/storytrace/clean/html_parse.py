"""Parse untrusted HTML into an lxml tree without crashing or losing the text.

libxml2 stops reading a document at nesting depth 256 and drops everything after, so a
page with absurd nesting (hostile or broken) is re-read with its container tags removed.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from storytrace.model import NoArticle

_PARSER = lxml.html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    remove_comments=True,
    remove_pis=True,
    encoding="utf-8",
)
MAX_TITLE = 500
"""A <title> text longer than this that holds markup means the title was never closed."""
_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
# Tags that only carry structure or style: removing them keeps every word and all paragraphs.
_CONTAINERS = re.compile(
    r"</?(?:div|span|section|article|main|aside|header|footer|nav|font|center|table|tbody|"
    r"thead|tfoot|tr|td|th|ul|ol|dl|dd|dt|b|i|u|em|strong|small|big|a|blockquote|form|"
    r"figure|label|abbr|cite|sup|sub|s|strike|ins|del|mark|q|tt|code|pre|[a-z]+-[a-z-]+)"
    r"\b[^>]*>",
    re.IGNORECASE,
)


def _too_deep(parser: lxml.html.HTMLParser) -> bool:
    return any("depth" in e.message.lower() for e in parser.error_log)


def parse_html(text: str, source: str) -> lxml.html.HtmlElement:
    """The document tree of `text`; raises NoArticle naming `source` when there is none."""
    if not text.strip():
        raise NoArticle(f"{source}: the HTML page is empty")
    tree = _parse(text, source)
    if _too_deep(_PARSER):
        tree = _parse(_CONTAINERS.sub(" ", text), source)
        if _too_deep(_PARSER):
            raise NoArticle(f"{source}: the HTML is nested too deeply to read")
    if _title_swallowed_page(tree):
        tree = _parse(_close_title(text), source)
    return tree


def _title_swallowed_page(tree: lxml.html.HtmlElement) -> bool:
    """True when an unclosed <title> took in the page's markup as its text."""
    title = tree.find(".//title")
    text = title.text if title is not None else None
    return bool(text and len(text) > MAX_TITLE and ("</" in text or "<script" in text.lower()))


def _close_title(text: str) -> str:
    """The page with `</title>` put before the first tag after its unclosed `<title>`."""
    m = _TITLE_OPEN.search(text)
    if m is None:
        return text
    end = text.find("<", m.end())
    return text if end == -1 else f"{text[:end]}</title>{text[end:]}"


def _parse(text: str, source: str) -> lxml.html.HtmlElement:
    # As UTF-8 bytes with the encoding fixed: lxml refuses a str that carries an XML
    # encoding declaration, and the page's own <meta charset> no longer applies.
    data = text.encode("utf-8", errors="replace")
    try:
        return lxml.html.document_fromstring(data, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise NoArticle(f"{source}: the HTML page holds no document ({exc})") from None
