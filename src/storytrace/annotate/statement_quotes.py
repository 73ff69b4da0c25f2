"""Finding quoted passages in text: curly, straight, doubled, single quotes and guillemets.

Only the outermost quotes are returned; quotes nested inside them belong to their
content. A quote may run over several paragraphs when each continuing paragraph
opens with the same quote mark and the earlier ones leave it open, as newspapers
print it. An opening mark that is never closed is ignored rather than guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storytrace.model import Span

# Opening mark -> the closing marks that end it. Scraped text mixes curly and straight
# marks (an editor's “ closed by a typed "), and some sites print ” at both ends.
_DOUBLE_PAIRS = {
    "“": ("”", '"'),
    "„": ("“", "”", "\""),
    "«": ("»",),
    '"': ('"', "”"),
    "”": ("”",),
    "''": ("''",),
    "``": ("''",),
}
_SINGLE_PAIRS = {"‘": ("’",), "'": ("'",)}
_DOUBLE_RE = re.compile(r"``|''|[“”„«»\"]")
_SINGLE_RE = re.compile(r"[‘’']")
_PARAGRAPH_RE = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage: `span` includes the marks, `inner` excludes them."""

    span: Span
    inner: Span


def _paragraphs(text: str) -> list[Span]:
    spans, start = [], 0
    for m in _PARAGRAPH_RE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _can_open(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark in ('"', "''", "'", "”"):
        # A straight mark (or a closing one used to open) opens after a space or bracket
        # and before a word character.
        return (before.isspace() or before in "([{—–-/:;,") and not after.isspace()
    if mark == "‘":
        return not before.isalnum()
    return True


def _can_close(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark in ("’", "'"):
        # Not an apostrophe inside a word ("it’s", "Zelensky's").
        return not after.isalnum() and not before.isspace()
    if mark in ('"', "''"):
        return not before.isspace() or not after.isalnum()
    return True


def _scan(text: str, start: int, end: int, pattern: re.Pattern, pairs: dict) -> list[tuple]:
    """Pair the marks in text[start:end]: closed (open, close) pairs and a dangling open."""
    closed: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []  # (position, opening mark)
    for m in pattern.finditer(text, start, end):
        i, mark = m.start(), m.group()
        if stack and mark in pairs[stack[-1][1]] and _can_close(text, i, mark):
            pos, _ = stack.pop()
            if not stack:
                closed.append((pos, i + len(mark)))
            continue
        if mark in pairs and _can_open(text, i, mark):
            # Straight marks cannot nest: a second one while one is open closes nothing
            # (handled above) or is an opener for a curly nest only.
            if stack and mark in ('"', "''", "'") and stack[-1][1] == mark:
                continue
            stack.append((i, mark))
    dangling = stack[0] if stack else None
    if dangling is not None:
        # An opener never closed here: pair the marks after it as if it were not there.
        more, _ = _scan(text, dangling[0] + len(dangling[1]), end, pattern, pairs)
        closed.extend(more)
    return [closed, dangling]


def find_quotes(text: str, *, single: bool = True) -> list[Quote]:
    """The outermost quotes of `text`, in order, as character spans."""
    quotes: list[Quote] = []
    paragraphs = _paragraphs(text)
    carry: int | None = None  # start of a quote left open by the previous paragraph
    carry_mark = ""
    for k, (ps, pe) in enumerate(paragraphs):
        if carry is not None:
            lead = text[ps:pe].lstrip()
            lead_at = pe - len(lead)
            # The continuing paragraph reopens with the same mark. One that opens with
            # another is a quote of its own, not a continuation: in an excerpt whose
            # paragraphs open with " and never close, a paragraph of dialogue opening
            # with “ would otherwise pair the excerpt's " with the dialogue's ”.
            if lead.startswith(carry_mark):
                closed, dangling = _scan(text, lead_at, pe, _DOUBLE_RE, _DOUBLE_PAIRS)
                if closed and closed[0][0] == lead_at:
                    end = closed[0][1]
                    quotes.append(_quote(text, carry, end))
                    rest = [c for c in closed[1:]]
                    quotes.extend(_quote(text, a, b) for a, b in rest)
                    carry = None
                    _add_single(text, (end, pe), quotes, single)
                    if dangling is not None:
                        carry, carry_mark = dangling
                    continue
                if not closed and dangling is not None and dangling[0] == lead_at:
                    continue  # still open: the quote runs on
            carry = None
        closed, dangling = _scan(text, ps, pe, _DOUBLE_RE, _DOUBLE_PAIRS)
        quotes.extend(_quote(text, a, b) for a, b in closed)
        gaps_end = dangling[0] if dangling is not None else pe
        _add_single(text, (ps, gaps_end), quotes, single, closed)
        if dangling is not None and k + 1 < len(paragraphs):
            carry, carry_mark = dangling
    quotes.sort(key=lambda q: (q.span[0], -q.span[1]))
    outer: list[Quote] = []
    for q in quotes:
        if outer and q.span[0] < outer[-1].span[1]:
            continue  # inside (or crossing) an earlier quote: part of its content
        outer.append(q)
    return outer


def _add_single(
    text: str,
    window: Span,
    quotes: list[Quote],
    single: bool,
    doubles: list[tuple[int, int]] | None = None,
) -> None:
    """Single-quoted passages of `window` that are outside every double-quoted one."""
    if not single:
        return
    start, end = window
    cuts = sorted(d for d in (doubles or []) if start <= d[0] < end)
    pieces, pos = [], start
    for a, b in cuts:
        pieces.append((pos, a))
        pos = b
    pieces.append((pos, end))
    for a, b in pieces:
        if b > a:
            closed, _ = _scan(text, a, b, _SINGLE_RE, _SINGLE_PAIRS)
            quotes.extend(_quote(text, s, e) for s, e in closed)


def _quote(text: str, start: int, end: int) -> Quote:
    open_len = 2 if text.startswith(("''", "``"), start) else 1
    close_len = 2 if text.endswith("''", start, end) and end - start >= 4 else 1
    inner_start = start + open_len
    return Quote(span=(start, end), inner=(inner_start, max(inner_start, end - close_len)))


def quote_at(quotes: list[Quote], pos: int) -> Quote | None:
    """The quote whose span contains character `pos`, if any."""
    for q in quotes:
        if q.span[0] <= pos < q.span[1]:
            return q
        if q.span[0] > pos:
            break
    return None
