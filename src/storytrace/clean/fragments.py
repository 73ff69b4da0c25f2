"""A page whose inline elements each stand on a line of their own.

The most common way to scrape a page's text, BeautifulSoup's `get_text("\\n")`, ends a
line at every tag: a link or a bold word inside a sentence breaks the paragraph into
fragments ("Leave a ", "comment", "."; "Follow me on ", "Instagram", ", ", "YouTube").
Read as lines, such a paragraph is a column of short items, a menu to the cleaner, and the
article's run stops at the first of them. The fragments show where they were cut: a line
opening on a comma or a full stop, or a line ending on the space before the next word.
A page with enough lines opening so, one of them a mark alone, is read with its fragments
joined again.
"""

from __future__ import annotations

import re

_FRAGMENT_START = re.compile(r"\n[,.;:!?)](?!\.)")
"""A line opening on the punctuation that closes the text before it (not an ellipsis).
No blank before it is looked for: a pattern opening on a newline then a run of blanks
read every indent of a converter's layout (a twentieth of the cleaner's time on
inscriptis's L3S-GN1 texts); this one costs a few microseconds a page."""
MIN_FRAGMENTS = 3
"""A page with fewer lines opening so is laid out by lines, not cut at its tags..."""
FRAGMENT_SHARE = 0.01
"""...and so is one where fewer than this share of its lines open so, ..."""
_MARK_ALONE = re.compile(r"\n[ \t\xa0]*(?:[,.;:)]|\)[.,])[ \t\xa0]*(?=\n)")
"""... or where no line is such a mark alone ("Leave a ", "comment", "."): on the
development pages, 64% of BeautifulSoup's texts of WCXB and 20% of L3S-GN1's change, and
at most 3 of 709 or 621 pages of each other converter (inscriptis, html-text, html2text,
w3m, lynx, links, a browser's copy), with no gain or loss there."""
_EDGE = " \t\xa0"
_CLOSING = ",.;:!?)]”’"


def joined_fragments(text: str) -> str:
    """The page with the fragments of its paragraphs joined into lines; a page laid out by
    lines is returned as it is."""
    starts = len(_FRAGMENT_START.findall(text))
    if starts < MIN_FRAGMENTS:
        return text
    lines = text.split("\n")
    if starts < FRAGMENT_SHARE * sum(1 for line in lines if line.strip(_EDGE)):
        return text
    if _MARK_ALONE.search(text) is None:
        return text
    out: list[str] = []
    open_end = False  # the last line ended on a space: the next text goes on from it
    for line in lines:
        part = line.strip(_EDGE)
        if not part:
            out.append("")
            open_end = False
            continue
        # One blank at a line's edge is the space a tag cut off; more are a layout's indent.
        opens = line[0] in _EDGE and line[1] not in _EDGE
        if out and out[-1] and (open_end or opens or part[0] in _CLOSING):
            glue = "" if part[0] in _CLOSING or out[-1].endswith(("(", "[", "“")) else " "
            out[-1] += glue + part
        else:
            out.append(part)
        open_end = line[-1] in _EDGE and line[-2] not in _EDGE
    return "\n".join(out)
