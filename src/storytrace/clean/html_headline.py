"""The headline of an HTML article: the visible heading above the body, found by the title.

`<title>` and `og:title` usually carry the headline plus the site's name and section
("Covic turns up heat on Schwarzer - Football - Sport"), and the first `<h1>` is often
the site's logo. The headline a reader sees is the heading that the page's title starts
with, or the heading just above the article body; failing both, the title without its
site and section parts.
"""

from __future__ import annotations

import json
import re
import unicodedata

import lxml.html

from storytrace.clean.html_blocks import Block

_WS = re.compile(r"\s+")
_SEPARATORS = re.compile(r"\s+[|\-–—:»«•·/]{1,2}\s+|\s*::\s*|_{1,2}(?=[A-Z])")
_HEADING_TAGS = {"h1": 3.0, "h2": 2.0, "h3": 1.0}
MAX_WORDS = 40
LOOKBACK = 25
"""How many blocks above the body's first paragraph a headline may sit."""


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return _WS.sub(" ", re.sub(r"[^\w\s]", " ", text)).strip()


def _words(text: str) -> int:
    return len(text.split())


def title_candidates(tree: lxml.html.HtmlElement) -> list[str]:
    """What the page's markup says its title is: og/twitter title, JSON-LD headline, <title>."""
    found: list[str] = []
    xpaths = (
        '//meta[@property="og:title" or @name="og:title"]/@content',
        '//meta[@name="twitter:title" or @property="twitter:title"]/@content',
        '//meta[@itemprop="headline"]/@content',
        "//head/title//text()",
        "//title//text()",
    )
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            text = _WS.sub(" ", str(value)).strip()
            if text and text not in found:
                found.append(text)
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("headline"), str):
                text = _WS.sub(" ", item["headline"]).strip()
                if text and text not in found:
                    found.append(text)
    return found


def strip_site(title: str, site_names: list[str]) -> str:
    """The title without the parts that name the site or its section.

    The longest part of a title split at separators (` | `, ` - `, `_`) is the headline;
    parts that name the site are dropped first.
    """
    parts = [p.strip() for p in _SEPARATORS.split(title) if p and p.strip()]
    if len(parts) <= 1:
        return title.strip()
    sites = {_norm(s) for s in site_names if s}
    kept = [p for p in parts if _norm(p) not in sites] or parts
    best = max(kept, key=_words)
    # Keep a title whose separator was part of the headline ("Algeria: Al-Qaeda claims ...").
    if _words(best) < 0.5 * sum(_words(p) for p in kept) and len(kept) <= 2:
        return " ".join(kept) if len(kept) == 1 else title.strip()
    return best


def _coverage(heading: str, titles: list[str]) -> float:
    """How much of the best-matching title `heading` makes up (0 when it is not in one)."""
    h = _norm(heading)
    best = 0.0
    for title in titles:
        t = _norm(title)
        if h and t and h in t:
            best = max(best, len(h) / len(t) + (0.5 if t.startswith(h) else 0.0))
    return best


def choose_headline(
    blocks: list[Block],
    body_start: int | None,
    titles: list[str],
    site_names: list[str],
) -> str | None:
    """The article's headline from the page's visible blocks and its markup titles.

    `body_start` is the index in `blocks` of the body's first paragraph, when known.
    """
    best: tuple[float, str] | None = None
    for i, block in enumerate(blocks):
        n = _words(block.text)
        if not 2 <= n <= MAX_WORDS or block.reason in ("navigation", "footer", "comments"):
            continue
        score = _coverage(block.text, titles) * 4
        if block.tag in _HEADING_TAGS:
            score += _HEADING_TAGS[block.tag]
        elif score == 0:
            continue
        if body_start is not None:
            if body_start - LOOKBACK <= i <= body_start:
                score += 2.0 * (1 - (body_start - i) / LOOKBACK)
            elif i > body_start:
                score -= 3.0
        if block.reason:
            score -= 2.0
        if _norm(block.text) in {_norm(s) for s in site_names if s}:
            score -= 6.0
        if best is None or score > best[0]:
            best = (score, block.text)
    if best is not None and best[0] >= 4.0:
        return best[1]
    return strip_site(titles[0], site_names) if titles else None
