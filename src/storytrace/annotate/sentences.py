"""The "sentences" component: sentence spans into the body, never across a paragraph break."""

from __future__ import annotations

import itertools
import re
from typing import Any

from storytrace.annotate import components
from storytrace.model import Annotations, Article, Options, Span

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\w")


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def sentence_spans(text: str, starts: list[int]) -> list[Span]:
    """Sentence spans from the model's sentence starts, also cut at paragraph breaks."""
    cuts = sorted({0, len(text), *starts, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text))})
    spans: list[Span] = []
    for start, end in itertools.pairwise(cuts):
        span = _trimmed(text, start, end)
        if span is None:
            continue
        if spans and not _WORD.search(text, *span) and "\n" not in text[spans[-1][1] : span[0]]:
            # The parser gives a closing quote mark before a paragraph break to the next
            # sentence ('... both parties.' + '"'): it ends the one before.
            spans[-1] = (spans[-1][0], span[1])
            continue
        spans.append(span)
    return _whole_quotes(text, spans)


MAX_QUOTED_SENTENCES = 4
"""Sentences one quotation may join into one: a longer run is left as the model cut it."""


def _opens_quote(text: str, start: int, end: int) -> bool:
    """Whether a double quotation is still open at the end of text[start:end]."""
    open_ = False
    for ch in text[start:end]:
        if ch in "“«":
            open_ = True
        elif ch in "”»":
            open_ = False
        elif ch == '"':
            open_ = not open_
    return open_


def _whole_quotes(text: str, spans: list[Span]) -> list[Span]:
    """Join the sentences of one quotation in a paragraph: '"The ministry does not comment
    on drafts. The budget comes on March 18," a spokesperson said.' is one statement, and a
    claim or a timeline line cut inside it would open a quote it never closes. A quote
    still open at the paragraph's end (multi-paragraph quotes, stray marks) joins nothing."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        start, end = spans[i]
        j = i
        if _opens_quote(text, start, end):
            for k in range(i + 1, min(i + MAX_QUOTED_SENTENCES, len(spans))):
                if "\n" in text[spans[k - 1][1] : spans[k][0]]:
                    break
                if not _opens_quote(text, start, spans[k][1]):
                    j = k
                    break
        out.append((start, spans[j][1]))
        i = j + 1
    return out


@components.register("sentences")
def annotate_sentences(
    doc: Any, article: Article, annotations: Annotations, options: Options
) -> None:
    """Fill `annotations.sentences` with (start, end) offsets into `article.body`."""
    # A pipeline without parser or senter gives paragraphs only, rather than failing.
    starts = [sent.start_char for sent in doc.sents] if doc.has_annotation("SENT_START") else []
    annotations.sentences = sentence_spans(doc.text, starts)
