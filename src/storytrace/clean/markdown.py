"""Markdown syntax read as the text it marks up.

Markdown converters (html2text, markdownify, a browser's "copy as Markdown") write a
link as `[text](url)`, an image as `![alt](src)`, emphasis as `**bold**` and `_italic_`,
and escape other signs (`1\\.`). Read as plain text, a link's address is a long run of
words without stop words, an inline image (`data:` URIs run to thousands of characters)
a screenful of noise, and a converter that wraps its lines breaks addresses over several
lines. This module gives back the text a reader sees, each line keeping the number of the
page line it starts on, and tells per line how much of it was link text (menus and
related-article lists are links; an article's sentences mostly are not).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

# A link's address: no spaces except where a converter wrapped it, parentheses one deep
# (`photo(1).jpg`), an optional "title".
_PART = r"(?:[^\s()<>]|\([^\s()<>]*\))*"
_ADDRESS = r"\(\s*<?" + _PART + r"(?:\n" + _PART + r")*>?(?:\s+\"[^\"\n]*\")?\s*\)"
# An inline image's `data:` address may hold spaces and run over many lines.
_IMAGE_SOURCE = r"!\[[^\[\]]{0,500}\](?:\(\s*data:[^()]{0,200000}\)|" + _ADDRESS + ")"
_IMAGE = re.compile(_IMAGE_SOURCE)
# A link's label may hold an image (a logo linking home): `[![Logo](src)](/)`.
_LINK = re.compile(r"\[(?<![\\!]\[)((?:[^\[\]]|" + _IMAGE_SOURCE + r"){0,500})\]" + _ADDRESS)
# Bold, one pattern per mark: each opens on its literal mark, which `re` finds with a fast
# substring search, where one alternation of both marks was tried at every "*" and "_"
# (bullets, addresses), and a leading look-behind at every character of the page.
_STRONG_STARS = re.compile(r"\*\*(?<![\w*]\*\*)(?=\S)(.+?)(?<=\S)\*\*(?![\w*])")
_STRONG_LINES = re.compile(r"__(?<![\w*]__)(?=\S)(.+?)(?<=\S)__(?![\w*])")
_ITALIC = re.compile(r"_(?<![\w*]_)(?=\S)([^_\n]+?)(?<=\S)_(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def is_markdown(text: str) -> bool:
    """Whether the text uses any markdown syntax this module reads."""
    # Substring tests first: they run in C, and most pages have none of these signs. Each
    # sign's first character is looked for alone first: a one-character search stops at
    # the first one (most pages have a "*" near the top) or runs through the page several
    # times as fast as a two-character one (the three cost 1% of the cleaner's time).
    if (
        ("]" in text and "](" in text)
        or ("*" in text and "**" in text)
        or ("_" in text and "__" in text)
    ):
        return True
    return ("_" in text and _ITALIC.search(text) is not None) or (
        "\\" in text and _ESCAPE.search(text) is not None
    )


def without_images(text: str) -> str:
    """The text without its Markdown images (whose `data:` addresses are no prose)."""
    return _IMAGE.sub(" ", text) if "![" in text else text


def plain_rows(text: str) -> tuple[str, list[int], list[float]]:
    """The text with markdown syntax read, the page line number of each of its lines, and
    each line's share of characters that were link text."""
    found = _links_and_images(text) if "](" in text else []
    if not found:  # emphasis and escapes only: every line stays where it is
        n = len(text.splitlines())
        return _inline(text), list(range(1, n + 1)), [0.0] * n
    pieces: list[str] = []
    anchors: list[tuple[int, int, bool]] = []  # (offset in output, in page, verbatim)
    link_spans: list[tuple[int, int]] = []
    out_len = 0
    pos = 0

    def add(piece: str, page_at: int, verbatim: bool) -> None:
        nonlocal out_len
        anchors.append((out_len, page_at, verbatim))
        pieces.append(piece)
        out_len += len(piece)

    for m in found:
        if m.start() > pos:
            add(text[pos : m.start()], pos, True)
        if m.re is _LINK:
            label = " ".join(_IMAGE.sub(" ", m[1]).split())
            if label:
                link_spans.append((out_len, out_len + len(label)))
                add(label, m.start(), False)
        pos = m.end()
    add(text[pos:], pos, True)
    plain = "".join(pieces)
    # Each output line takes the page line its first character came from (lines split
    # as str.splitlines splits them, which is how the page's lines are numbered).
    page_starts = [0, *accumulate(len(ln) for ln in text.splitlines(keepends=True))]
    outs = [a for a, _, _ in anchors]
    numbers: list[int] = []
    shares: list[float] = []
    start = 0
    span_i = 0
    for line in plain.splitlines(keepends=True):
        out_at, page_at, verbatim = anchors[bisect_right(outs, start) - 1]
        at = page_at + (start - out_at if verbatim else 0)
        numbers.append(bisect_right(page_starts, at))
        end = start + len(line)
        linked = 0
        while span_i < len(link_spans) and link_spans[span_i][1] <= start:
            span_i += 1
        j = span_i
        while j < len(link_spans) and link_spans[j][0] < end:
            a, b = link_spans[j]
            linked += min(b, end) - max(a, start)
            j += 1
        visible = len(line.strip())
        shares.append(min(1.0, linked / visible) if visible else 0.0)
        start = end
    return _inline(plain), numbers, shares


def _links_and_images(text: str) -> list[re.Match[str]]:
    """Images and links, in page order, none inside another (an image inside a link's
    label goes with the link, whose label is read again for it)."""
    found = sorted([*_IMAGE.finditer(text), *_LINK.finditer(text)], key=lambda m: m.start())
    out: list[re.Match[str]] = []
    end = -1
    for m in found:
        if m.start() >= end:
            out.append(m)
            end = m.end()
    return out


def strong_read(text: str) -> str:
    """`**word**` and `__word__` read as `word`, the leftmost mark first (as one pattern
    of both marks reads them)."""
    if "__" not in text:
        return _STRONG_STARS.sub(r"\1", text) if "**" in text else text
    if "**" not in text:
        return _STRONG_LINES.sub(r"\1", text)
    # Both marks: the leftmost match of either pattern, as the alternation scans. A match
    # found further on stays the next one of its pattern until a match before it ends past
    # its start (look-behinds read the text before `pos` too).
    pieces: list[str] = []
    pos = 0
    stars = _STRONG_STARS.search(text)
    lines = _STRONG_LINES.search(text)
    while stars or lines:
        first_stars = lines is None or (stars is not None and stars.start() < lines.start())
        m = stars if first_stars else lines
        pieces += (text[pos : m.start()], m[1])
        pos = m.end()
        if stars is not None and stars.start() < pos:
            stars = _STRONG_STARS.search(text, pos)
        if lines is not None and lines.start() < pos:
            lines = _STRONG_LINES.search(text, pos)
    pieces.append(text[pos:])
    return "".join(pieces)


def _inline(text: str) -> str:
    """Emphasis marks and escapes dropped: `**word**` and `\\-` read as `word` and `-`."""
    text = strong_read(text)
    if "_" in text:
        text = _ITALIC.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text
