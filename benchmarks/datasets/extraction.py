"""Readers for the extraction data sets in ../shared/data/extraction (never copied here).

Each reader yields `GoldPage`s: the HTML to give an extractor and the gold text and
metadata to score it against. The formats are described in each data set's README.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

import lxml.html

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "extraction"
L3S = DATA / "l3s-gn1"
WCXB = DATA / "wcxb-dev-articles"

# L3S-GN1 label classes (see its README): headline, body, supplemental, related, comments.
L3S_LABELS = {
    "x-nc-sel0": "boilerplate",
    "x-nc-sel1": "headline",
    "x-nc-sel2": "body",
    "x-nc-sel3": "supplemental",
    "x-nc-sel4": "related",
    "x-nc-sel5": "comments",
}
_SKIP_TAGS = {"script", "style", "noscript"}
_BLOCK_TAGS = set(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
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
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_WS = re.compile(r"\s+")


@dataclass(slots=True)
class GoldPage:
    """One page to extract, with the gold answer."""

    dataset: str
    id: str
    url: str | None
    html: str
    body: str
    """The gold main text (blocks joined by newlines)."""
    title: str | None = None
    author: str | None = None
    published: date | None = None
    latin1_only: bool = False
    """True when the gold maps every character above U+00FF to '?' (L3S-GN1)."""
    extra: dict = field(default_factory=dict)


class Block(NamedTuple):
    """A run of text in an annotated page, its label and its block-level element."""

    label: str | None
    text: str
    element: lxml.html.HtmlElement | None


def _label(el: lxml.html.HtmlElement | None) -> str | None:
    """The label of the nearest labelled ancestor-or-self of `el`."""
    while el is not None:
        classes = (el.get("class") or "").split()
        for cls in classes:
            if cls in L3S_LABELS:
                return L3S_LABELS[cls]
        el = el.getparent()
    return None


def _block_of(el: lxml.html.HtmlElement | None) -> lxml.html.HtmlElement | None:
    """The nearest block-level ancestor-or-self of `el` (where a reader sees a new line)."""
    while el is not None and el.tag not in _BLOCK_TAGS:
        el = el.getparent()
    return el


def l3s_blocks(annotated_html: str) -> list[Block]:
    """The annotated page's text blocks in document order, each with its label.

    A text node takes the label of its nearest labelled ancestor, so nested labels
    (a body span inside a boilerplate div) resolve the way the annotator saw them.
    """
    root = lxml.html.fromstring(annotated_html)
    blocks: list[Block] = []
    for el in root.iter():
        # Comments and processing instructions have no text of their own, only a tail.
        own_text = isinstance(el.tag, str) and el.tag not in _SKIP_TAGS
        if own_text and el.text and el.text.strip():
            blocks.append(Block(_label(el), el.text, _block_of(el)))
        if el.tail and el.tail.strip():
            parent = el.getparent()
            blocks.append(Block(_label(parent), el.tail, _block_of(parent)))
    return blocks


def l3s_headline(blocks: list[Block]) -> str | None:
    """The headline-labelled text of the first block-level element that has any.

    Assessors often labelled the standfirst under the headline as headline too; it sits in
    an element of its own, so only the first element's labelled text is the headline.
    """
    first = next((b for b in blocks if b.label == "headline"), None)
    if first is None:
        return None
    parts = [b.text for b in blocks if b.label == "headline" and b.element is first.element]
    return _WS.sub(" ", " ".join(parts)).strip() or None


def read_l3s(root: Path = L3S, limit: int | None = None) -> Iterator[GoldPage]:
    """L3S-GN1: `original/` goes to the extractor, gold comes from `annotated/` labels."""
    urls: dict[str, str] = {}
    for line in (root / "url-mapping.txt").read_text(encoding="utf-8").splitlines():
        key, _, url = line.partition("\t")
        urls[key.strip().removeprefix("<urn:uuid:").removesuffix(">")] = url.strip()
    for n, path in enumerate(sorted((root / "original").glob("*.html"))):
        if limit is not None and n >= limit:
            return
        uuid = path.stem
        # All files are UTF-8 whatever their <meta charset> says (README).
        html = path.read_text(encoding="utf-8", errors="replace")
        annotated = (root / "annotated" / path.name).read_text(encoding="utf-8", errors="replace")
        blocks = l3s_blocks(annotated)
        body = "\n".join(b.text.strip() for b in blocks if b.label == "body")
        yield GoldPage(
            dataset="l3s-gn1",
            id=uuid,
            url=urls.get(uuid),
            html=html,
            body=body,
            title=l3s_headline(blocks),
            latin1_only=True,
        )


def _gold_date(value: str | None) -> date | None:
    """A WCXB `publish_date`; only full days count (`9999-99` shapes give None)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def read_wcxb(root: Path = WCXB, limit: int | None = None) -> Iterator[GoldPage]:
    """WCXB dev articles; records without main text (README: 4681, 4893) are skipped."""
    n = 0
    for gold_path in sorted((root / "ground-truth").glob("*.json")):
        record = json.loads(gold_path.read_text(encoding="utf-8"))
        gt = record.get("ground_truth") or {}
        body = gt.get("main_content") or ""
        if not body.strip():
            continue
        if limit is not None and n >= limit:
            return
        n += 1
        page_id = gold_path.stem
        with gzip.open(root / "html" / f"{page_id}.html.gz", "rb") as fh:
            html = fh.read().decode("utf-8", errors="replace")
        yield GoldPage(
            dataset="wcxb",
            id=page_id,
            url=record.get("url"),
            html=html,
            body=body,
            title=(gt.get("title") or None),
            author=(gt.get("author") or None),
            published=_gold_date(gt.get("publish_date")),
            extra={"with": gt.get("with") or [], "without": gt.get("without") or []},
        )


READERS = {"l3s-gn1": read_l3s, "wcxb": read_wcxb}
