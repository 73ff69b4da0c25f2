"""The visible text blocks of an HTML page, each with a guess at what kind of chrome it is.

A block is the text between two block-level tag boundaries, as a reader sees one line
or paragraph. Its reason comes from the nearest ancestor whose tag, ARIA role, class or
id names a kind of page furniture (data/html_chrome.tsv); unmarked blocks get None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import lxml.etree
import lxml.html

from storytrace.resources import rows

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
        "dialog",
        "menu",
        "option",
        "select",
        "button",
        "label",
    ]
)
INVISIBLE_TAGS = frozenset(
    [
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "input",
        "textarea",
    ]
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
_WS = re.compile(r"\s+")


@dataclass(slots=True)
class Block:
    """One visible line or paragraph of the page."""

    text: str
    reason: str | None
    tag: str
    """The block-level element it sits in (p, li, h1, td, div, ...)."""


@cache
def _markers() -> tuple[dict[str, str], dict[str, str], dict[str, str], list[tuple[str, str]]]:
    """(tag -> reason, role -> reason, class word -> reason, [(class substring, reason)])."""
    tags: dict[str, str] = {}
    roles: dict[str, str] = {}
    words: dict[str, str] = {}
    substrings: list[tuple[str, str]] = []
    for reason, marker in rows("html_chrome.tsv"):
        kind, _, name = marker.partition(":")
        if name and kind == "tag":
            tags.setdefault(name, reason)
        elif name and kind == "role":
            roles.setdefault(name, reason)
        elif "-" in marker:
            substrings.append((marker, reason))
        else:
            words.setdefault(marker, reason)
    return tags, roles, words, substrings


def chrome_reason(el: lxml.html.HtmlElement) -> str | None:
    """What kind of page furniture `el` itself is, by its class and id, role, then tag.

    Class and id come first because they are the most specific: an `<aside>` whose class
    says "related-articles" holds related links, not just a sidebar.
    """
    tags, roles, words, substrings = _markers()
    names = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    if names:
        for word in _WORD_SPLIT.split(names):
            reason = words.get(word.lower())
            if reason:
                return reason
        lowered = names.lower()
        for marker, reason in substrings:
            if marker in lowered:
                return reason
    role = (el.get("role") or "").lower()
    if role in roles:
        return roles[role]
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    return tags.get(tag)


def is_hidden(el: lxml.html.HtmlElement) -> bool:
    """True when the markup itself hides `el` from a reader."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def visible_blocks(root: lxml.html.HtmlElement) -> list[Block]:
    """The page's visible text blocks in reading order (iterative: deep trees are fine)."""
    blocks: list[Block] = []
    parts: list[str] = []
    reasons: list[str | None] = []  # per open element: its own or its nearest ancestor's
    tags: list[str] = []  # the open block-level elements

    def flush() -> None:
        text = _WS.sub(" ", "".join(parts)).strip()
        parts.clear()
        if text:
            blocks.append(Block(text, reasons[-1] if reasons else None, tags[-1] if tags else ""))

    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if event == "start":
            if tag in BLOCK_TAGS:
                flush()  # what came before belongs to the enclosing block
                tags.append(tag)
            skip = tag in INVISIBLE_TAGS or is_hidden(el)
            reasons.append(chrome_reason(el) or (reasons[-1] if reasons else None))
            if skip:
                walker.skip_subtree()
            elif el.text:
                parts.append(el.text)
        else:
            if tag in BLOCK_TAGS:
                flush()
                tags.pop()
            reasons.pop()
            if el.tail:
                parts.append(el.tail)
    flush()
    return blocks
