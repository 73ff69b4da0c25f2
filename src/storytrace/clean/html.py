"""The HTML cleaner: a `text/html` Page to an Article, with trafilatura doing the extraction.

trafilatura finds the main text and most metadata; around it we add what news needs:
paragraphs, captions, bylines as lists, a tz-aware publication time, the outlet, and
`removed`, the visible blocks that did not make it into the body, each with a reason.
"""

from __future__ import annotations

import copy
import re
from datetime import datetime

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import Document

from storytrace.clean import cleaners
from storytrace.clean import text as text_page
from storytrace.clean.html_blocks import Block, visible_blocks
from storytrace.clean.html_headline import choose_headline, site_names, title_candidates
from storytrace.clean.html_meta import (
    canonical_url,
    captions,
    choose_published,
    clean_text,
    declares_published,
    image_captions,
    language,
    modified_days,
    stated_published,
    year_guess,
)
from storytrace.clean.html_parse import parse_html
from storytrace.clean.lines import chrome_line, chrome_phrases, line_key
from storytrace.clean.metadata import (
    byline_text,
    credited,
    domain_of,
    find_dates,
    is_credential,
    labelled_published,
    names_nobody,
    outlet_for_domain,
    parse_byline,
    parse_published,
    zone,
)
from storytrace.model import Article, InputError, NoArticle, Options, Page, Removed

MIN_WORDS = 25
"""A body with fewer words than this is no article (a navigation page, a stub)."""
MIN_LONGEST_PARAGRAPH = 10
"""... nor is one whose longest paragraph is shorter than this many words."""
BYLINE_SEARCH = 3
"""Bylines are looked for in this many paragraphs at the top of the body."""
MAX_BYLINE_WORDS = 15
HEADER_BLOCKS = 15
"""Blocks above the body's first paragraph searched for the story's dateline."""
MAX_HEADER_WORDS = 12
"""A paragraph above the first sentence of prose with at most this many words may be the
story header that trafilatura kept (kicker label, headline, "Updated 5:12 PM")."""
_STAMP = re.compile(
    r"^(?:(?:last\s+)?updated?|published|posted|modified)\b[\s:]*"
    r"(?=.*(?:\d{1,2}[:.]\d\d|\b(?:19|20)\d\d\b|\bago\b))",
    re.IGNORECASE,
)
MAX_SUBSTRING_WORK = 500_000_000
"""Blocks x body characters above which removed blocks are matched exactly only."""
_WORD = re.compile(r"\w+")
# trafilatura's output elements that begin or end a paragraph (`hi`, `ref` are inline).
_OUTPUT_BLOCKS = frozenset(
    ["p", "head", "list", "item", "table", "row", "cell", "quote", "code", "lb", "graphic", "div"]
)


@cleaners.register("text/html")
def clean_html(page: Page, options: Options) -> Article:
    """The article in an HTML page; raises NoArticle when the page holds none."""
    if page.text is None:
        raise InputError(f"{page.source}: no decoded text to clean ({page.error or 'unread'})")
    tree = parse_html(page.text, page.source)
    url = page.meta.get("url") or canonical_url(tree)
    doc = _extract(tree, url)
    paragraphs = _paragraphs(doc) if doc is not None else []
    if not _is_article(paragraphs):
        paragraphs = _fallback_paragraphs(tree)
    if not _is_article(paragraphs):
        raise NoArticle(f"{page.source}: no article text found in the HTML page")

    caps = captions(tree)
    caption_set = set(caps)
    paragraphs = [p for p in paragraphs if p not in caption_set]
    blocks = visible_blocks(tree)
    paragraphs = _drop_chrome(paragraphs)
    url = url or (doc.url if doc is not None else None)
    domain = domain_of(url)
    sitename = doc.sitename if doc is not None else None
    headline = choose_headline(
        blocks,
        _body_start(blocks, paragraphs),
        title_candidates(tree),
        [*site_names(tree), sitename, domain],
        guess=doc.title if doc is not None else None,
        body="\n".join(paragraphs),
        image_captions=image_captions(tree),
    )
    paragraphs = _drop_story_header(paragraphs, headline)
    paragraphs, bylines = _split_bylines(paragraphs)
    if not paragraphs:
        # Its only text was chrome, a caption, a byline or the headline itself.
        raise NoArticle(f"{page.source}: no article text in the HTML page beyond its headline")
    start = _body_start(blocks, paragraphs)
    authors = (
        _authors(doc)
        or _byline_authors(bylines, blocks, start)
        or _text_authors(page, blocks, options)
    )
    header = blocks[max(0, start - HEADER_BLOCKS) : start] if start is not None else []
    top = blocks[start : start + 4] if start is not None else []
    body = (start, _body_end(blocks, paragraphs)) if start is not None else (0, 0)
    published, precision = _published(doc, tree, options, blocks, header, top, body)
    outlet = outlet_for_domain(domain) or sitename or domain
    return Article(
        source=page.source,
        page_sha256=page.sha256,
        headline=headline or None,
        authors=authors,
        published=published,
        published_precision=precision,
        outlet=outlet,
        domain=domain,
        url=url,
        language=language(tree),
        paragraphs=paragraphs,
        captions=caps,
        removed=_removed(blocks, paragraphs, headline, caps, bylines, start),
        input_id=page.meta.get("id"),
    )


def _extract(tree: lxml.html.HtmlElement, url: str | None) -> Document | None:
    """trafilatura's extraction with metadata; None when it finds nothing."""
    try:  # trafilatura works on its own copy of the tree
        return trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False
        )
    except (RecursionError, ValueError, TypeError):
        return None


def _paragraphs(doc: Document) -> list[str]:
    """The paragraphs of trafilatura's output tree: text between block boundaries.

    Paragraphs, headings, list items, table cells and line breaks all end one, so text
    that trafilatura keeps in one table cell or one `<p>` with `<lb/>`s is not run together.
    """
    body = doc.body
    if body is None or len(body) == 0:
        return [clean_text(p) for p in (doc.text or "").split("\n") if clean_text(p)]
    out: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        text = clean_text("".join(parts))
        parts.clear()
        if text:
            out.append(text)

    for event, el in lxml.etree.iterwalk(body, events=("start", "end")):
        boundary = el.tag in _OUTPUT_BLOCKS
        if event == "start":
            if boundary:
                flush()
            parts.append(el.text or "")
        else:
            if boundary:
                flush()
            if el is not body:
                parts.append(el.tail or "")
    flush()
    return out


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _is_article(paragraphs: list[str]) -> bool:
    counts = [_words(p) for p in paragraphs]
    return sum(counts) >= MIN_WORDS and max(counts, default=0) >= MIN_LONGEST_PARAGRAPH


def _fallback_paragraphs(tree: lxml.html.HtmlElement) -> list[str]:
    """trafilatura's baseline (article/paragraph text) when its main extractor finds nothing."""
    try:
        _, text, _ = trafilatura.baseline(copy.deepcopy(tree))
    except (RecursionError, ValueError, TypeError):
        text = ""
    paragraphs = [clean_text(p) for p in (text or "").split("\n") if clean_text(p)]
    if _is_article(paragraphs):
        return paragraphs
    # Last resort: the page's unmarked visible blocks that read like prose.
    return [b.text for b in visible_blocks(tree) if b.reason is None and _words(b.text) >= 8]


def _published(
    doc: Document | None,
    tree: lxml.html.HtmlElement,
    options: Options,
    blocks: list[Block],
    header: list[Block],
    top: list[Block],
    body: tuple[int, int],
) -> tuple[datetime | None, str | None]:
    """The publication time, tz-aware: htmldate's day (trafilatura's, the best single
    source on the benchmark), the markup's, or the story header's dateline, as
    `choose_published` decides."""
    tz = zone(options.default_timezone)
    stated = stated_published(tree, tz)
    found = parse_published(doc.date, tz=tz) if doc is not None and doc.date else None
    texts = [b.text for b in blocks]
    if found is not None and year_guess(found, stated, texts, tz):
        found = None
    chosen = choose_published(
        found,
        stated,
        texts,
        tz,
        header=[b.text for b in header],
        top=[b.text for b in top],
        modified=modified_days(tree, tz),
        # Lines inside the body are the story's own text: a quoted report's "Published ...".
        labelled=labelled_published(
            [(b.text, b.reason) for i, b in enumerate(blocks) if not body[0] < i < body[1]], tz
        ),
        declared=declares_published(tree),
    )
    return chosen or (None, None)


def _drop_chrome(paragraphs: list[str]) -> list[str]:
    """The paragraphs without whole lines that data/chrome_lines.txt lists as page chrome
    ("Back to headlines", "story continues below") and trafilatura let through.

    (Dropping paragraphs whose container's class marks it as related links or comments
    was measured too and lowered body F1: such classes sit on article wrappers as well.)
    """
    # A paragraph with two chrome phrases is a box asking for money or a sign-up, as in
    # the text cleaner ("free and independent ... chip in").
    kept = [p for p in paragraphs if not chrome_line(line_key(p)) and len(chrome_phrases(p)) < 2]
    return kept if _is_article(kept) else paragraphs


def _drop_story_header(paragraphs: list[str], headline: str | None) -> list[str]:
    """The body without the story header trafilatura kept above the first sentence:
    the headline itself, the short lines before it (a kicker such as "Exclusive Politics")
    and time stamps ("Updated 5:12 PM GMT+1", "March 6, 2025")."""
    head = 0
    while head < len(paragraphs) and _words(paragraphs[head]) <= MAX_HEADER_WORDS:
        head += 1
    title = clean_text(headline) if headline else None
    # The headline itself may be longer than a header line.
    span = range(min(head + 1, len(paragraphs)))
    at = next((i for i in span if clean_text(paragraphs[i]) == title), None)
    start = 0 if at is None else at + 1
    while start < head and _is_stamp(paragraphs[start]):
        start += 1
    return paragraphs[start:]


def _is_stamp(text: str) -> bool:
    """A line that is only a publication or update time."""
    if _STAMP.match(text):
        return True
    found = find_dates(text)
    return bool(found) and not _WORD.search(text[: found[0].start] + text[found[0].end :])


def _body_start(blocks: list[Block], paragraphs: list[str]) -> int | None:
    """Index of the block holding the body's first paragraph (None when not found)."""
    # Short first paragraphs are often chrome that trafilatura kept ("One-Minute News").
    for para in [p for p in paragraphs if _words(p) >= 10][:3] or paragraphs[:3]:
        probe = para[:80]
        for i, block in enumerate(blocks):
            if probe in block.text or (len(block.text) > 40 and block.text in para):
                return i
    return None


def _body_end(blocks: list[Block], paragraphs: list[str]) -> int:
    """Index of the block holding the body's last long paragraph (-1 when not found)."""
    for para in ([p for p in paragraphs if _words(p) >= 10][-2:] or paragraphs[-2:])[::-1]:
        probe = para[-80:]
        for i in range(len(blocks) - 1, -1, -1):
            text = blocks[i].text
            if probe in text or (len(text) > 40 and text in para):
                return i
    return -1


def _removed(
    blocks: list[Block],
    paragraphs: list[str],
    headline: str | None,
    caps: list[str],
    bylines: list[str],
    start: int | None = None,
) -> list[Removed]:
    """Every visible block that is not part of the article, with the reason we can tell
    (`start`: the block the body starts at; above it, a byline or date is the page's)."""
    exact = {*paragraphs, headline or "", *caps}
    out = [Removed(text=b, reason="byline") for b in bylines]
    kept = "\n".join(exact)
    # A block may be a piece of a paragraph (a link inside it): look it up in the joined
    # text, unless the page is so big that doing it for every block would be slow.
    substrings = len(blocks) * len(kept) <= MAX_SUBSTRING_WORK
    for i, block in enumerate(blocks):
        if block.text in exact or block.text in bylines or not _WORD.search(block.text):
            continue
        if substrings and block.text in kept:
            continue
        header = start is not None and i < start
        out.append(Removed(text=block.text, reason=_reason(block, header)))
    return out


DATELINE_WORDS = 10
"""A removed block this short that holds a date is the page's date line."""


def _reason(block: Block, header: bool = False) -> str:
    if block.reason:
        return block.reason
    if block.tag == "li":
        return "links"
    # The page's own metadata over the story, which trafilatura leaves out of the text:
    # "By Jonas Pereira" and "March 7, 2025 9:10 AM GMT+1" are no boilerplate. (Below the
    # story's start, a date is most often another story's, in a list of them.)
    if header and _is_byline(block.text) and parse_byline(block.text).authors:
        return "byline"
    if header and _words(block.text) <= DATELINE_WORDS and find_dates(block.text):
        return "dateline"
    return "boilerplate"


def _authors(doc: Document | None) -> list[str]:
    """trafilatura's 'A; B' author string as a list of people's names."""
    if doc is None or not doc.author:
        return []
    names: list[str] = []
    for part in doc.author.split(";"):
        # Markup metadata is trusted: a part that does not look like a person's name
        # ("Susan", "Swoogo") is kept as written unless it names nobody ("Undefined"), and
        # one that names a desk, a team or an agency is that body's ("Podium Staff").
        byline = parse_byline(part)
        found = credited(*byline)
        if not found and not byline.signatures:
            part = clean_text(part)
            if names and is_credential(part):
                # "Dylan Bailey; MS; RD": post-nominals sign with the name before them.
                names[-1] += ", " + part
                continue
            found = [] if names_nobody(part) else [part]
        for name in found:
            if name and name not in names:
                names.append(name)
    return names


def _text_authors(page: Page, blocks: list[Block], options: Options) -> list[str]:
    """The byline the text cleaner reads in the page's visible text, where neither the
    markup nor a "By" line near the body names anybody: a bare name over its date ("Ryan
    Carrigan" / "Last Updated: ..."), a cue line over the names, a body that signed."""
    # Without the blocks the markup sets apart (menus, forms, footers, related links), whose
    # title-case items read as bare names; a header may hold the article's own byline.
    text = "\n\n".join(b.text for b in blocks if b.reason in (None, "header"))
    as_text = Page.from_bytes(page.source, text.encode(), "text/plain", text=text, meta=page.meta)
    try:
        return text_page.clean_text(as_text, options).authors
    except (NoArticle, InputError):  # what is left of the page is no text page
        return []


def _is_byline(text: str) -> bool:
    return _words(text) <= MAX_BYLINE_WORDS and byline_text(text) is not None


def _split_bylines(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """The body without the byline lines trafilatura kept at its top, and those lines."""
    head = paragraphs[:BYLINE_SEARCH]
    bylines = [p for p in head if _is_byline(p) and parse_byline(p).authors]
    body = [p for p in head if p not in bylines] + paragraphs[BYLINE_SEARCH:]
    # A credit line closing the story ("Reporting by A; Editing by B") is a byline too.
    if len(body) > 1 and _is_byline(body[-1]) and parse_byline(body[-1]).authors:
        bylines.append(body.pop())
    return body, bylines


def _byline_authors(bylines: list[str], blocks: list[Block], body_start: int | None) -> list[str]:
    """Authors from a "By ..." line at the top of the body or just above it."""
    lines = list(bylines)
    if body_start is not None:
        window = blocks[max(0, body_start - BYLINE_SEARCH * 2) : body_start + BYLINE_SEARCH]
        lines += [b.text for b in window if b.reason is None and _is_byline(b.text)]
    for line in lines:
        authors = parse_byline(line).authors
        if authors:
            return authors
    return []
