"""Long bodies: cut into pieces the model can take, and join the parsed pieces again.

spaCy refuses texts longer than `nlp.max_length` and its memory grows with the
length of one text, so a long body is parsed in pieces cut at paragraph breaks
(at line ends or spaces only when one paragraph alone is too long). Each piece
keeps the separator that follows it, so the joined Doc's text is the body
exactly and every character offset indexes into `article.body`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

CHUNK_CHARS = 100_000
"""Longest piece given to the model at once: far below spaCy's 1,000,000 limit."""

_BREAKS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?])\s+"),
    re.compile(r"\s+"),
)


def _cut(text: str, start: int, end: int, limit: int) -> int:
    """Where to end the piece that starts at `start`: after the last break before the limit."""
    window_end = min(end, start + limit)
    for pattern in _BREAKS:
        last = None
        for m in pattern.finditer(text, start + 1, window_end):
            last = m
        if last is not None and last.end() > start:
            return last.end()
    return window_end  # one unbroken run longer than the limit: cut it anywhere


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Pieces of `text`, each at most `limit` characters, that join back to `text`."""
    if len(text) <= limit:
        return [text]
    pieces, start = [], 0
    while start < len(text):
        end = len(text) if len(text) - start <= limit else _cut(text, start, len(text), limit)
        pieces.append(text[start:end])
        start = end
    return pieces


def join_docs(docs: Sequence[Doc]) -> Doc:
    """One Doc from the parsed pieces of one text, offsets intact."""
    if len(docs) == 1:
        return docs[0]
    return Doc.from_docs(list(docs), ensure_whitespace=False)
