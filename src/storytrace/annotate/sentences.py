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
    return spans


@components.register("sentences")
def annotate_sentences(
    doc: Any, article: Article, annotations: Annotations, options: Options
) -> None:
    """Fill `annotations.sentences` with (start, end) offsets into `article.body`."""
    # A pipeline without parser or senter gives paragraphs only, rather than failing.
    starts = [sent.start_char for sent in doc.sents] if doc.has_annotation("SENT_START") else []
    annotations.sentences = sentence_spans(doc.text, starts)
