"""The lines of a text page and the shallow features that tell article prose from chrome.

Features are the ones boilerplate research found to generalise (Kohlschütter et
al. 2010, jusText): length, stop-word density, sentence-final punctuation,
whether the line is a list item or a label, and a few phrase tables of page
chrome kept in `data/chrome_*.txt`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from storytrace.clean.resources import rows

_BULLET = re.compile(r"^(?:[*+•·▪◦●■►▸»]\s*|[>–—-]\s+)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
TERMINAL = (*".!?…:;。！？", '."', ".”", ".’", "?”", "!”", '?"', '!"', ".)", ".'")
"""Endings of a line that closes a sentence."""
_TIME_ONLY = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?)"
    r"(?:\s*(?:[A-Z]{2,4}|uhr|h))?$",
    re.IGNORECASE,
)
_KEY_STRIP = " \t.:;,!?|/·•-–—>»«<*+#'\"()[]{}…"


@dataclass(slots=True)
class Line:
    """One non-blank line of a page, with its features."""

    index: int
    """Position among the page's non-blank lines."""
    number: int
    """1-based line number in the page text."""
    text: str
    """Whitespace-normalised, list bullet removed."""
    raw: str
    """Whitespace-normalised as the page has it, bullet and all."""
    bullet: bool
    blank_before: bool
    blank_after: bool
    words: int
    chars: int
    stop_ratio: float
    terminal: bool
    """Ends like a sentence."""
    truncated: bool
    """Ends with an ellipsis: a teaser cut short."""
    capitals: float
    """Share of words that start with a capital letter."""
    key: str
    """Lower-cased text without digits, counters and surrounding punctuation."""
    phrases: list[str] = field(default_factory=list)
    """Chrome reasons whose phrases occur in the line (`data/chrome_phrases.txt`)."""
    chrome: str | None = None
    """Reason when the whole line is chrome (`data/chrome_lines.txt`)."""
    section: str | None = None
    """Reason when the line heads a non-article section (`data/chrome_sections.txt`)."""
    time_only: bool = False
    """Just a time of day: a news-feed item starts here."""
    repeats: int = 1
    """How often the same line occurs in the page."""


def normalise(text: str) -> str:
    """NFC, no zero-width characters, every run of whitespace one space."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return " ".join(text.split())


def line_key(text: str) -> str:
    """The form a line is looked up and compared by."""
    key = re.sub(r"\(\d[\d,.]*\)|\d[\d,.]*", " ", text.lower())
    return " ".join(key.split()).strip(_KEY_STRIP)


@cache
def _line_table(name: str) -> dict[str, str]:
    return {line_key(text): reason for reason, text in rows(name)}


@cache
def _phrase_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    reason_of = {text.lower(): reason for reason, text in rows("chrome_phrases.txt")}
    alts = sorted(reason_of, key=len, reverse=True)
    # A lookahead finds overlapping phrases ("members to help fund" and "fund our mission").
    pattern = re.compile(r"(?<!\w)(?=(" + "|".join(re.escape(a) for a in alts) + r")(?!\w))")
    return pattern, reason_of


def chrome_phrases(text: str) -> list[str]:
    """Reasons of the chrome phrases in a text, one per distinct phrase."""
    pattern, reason_of = _phrase_pattern()
    seen = {m[1] for m in pattern.finditer(text.lower())}
    return [reason_of[p] for p in sorted(seen)]


def chrome_line(key: str) -> str | None:
    """The reason a whole line (by its key) is chrome, or None."""
    return _line_table("chrome_lines.txt").get(key)


def section_heading(key: str) -> str | None:
    """The reason a line (by its key) opens a section that is not the article, or None."""
    return _line_table("chrome_sections.txt").get(key)


def count_words(text: str) -> int:
    """Words of a line; scripts written without spaces count two characters a word."""
    n = len(_WORD.findall(text))
    cjk = len(_CJK.findall(text))
    return max(n, cjk // 2) if cjk else n


def page_lines(text: str, stopwords: frozenset[str]) -> list[Line]:
    """The non-blank lines of a page text with their features."""
    raw = text.splitlines()
    lines: list[Line] = []
    blank_before = True
    for number, original in enumerate(raw, start=1):
        clean = normalise(original)
        if not clean:
            blank_before = True
            if lines:
                lines[-1].blank_after = True
            continue
        m = _BULLET.match(clean)
        bullet = bool(m and m.end() < len(clean))
        body = clean[m.end() :] if bullet and m else clean
        line = _features(len(lines), number, body, bullet, blank_before, stopwords)
        line.raw = clean
        lines.append(line)
        blank_before = False
    counts = Counter(ln.key for ln in lines if ln.key)
    for ln in lines:
        ln.repeats = counts.get(ln.key, 1)
    return lines


def _features(
    index: int, number: int, text: str, bullet: bool, blank_before: bool, stop: frozenset[str]
) -> Line:
    tokens = _WORD.findall(text)
    n_words = count_words(text)
    lowered = [t.lower() for t in tokens]
    stop_ratio = sum(t in stop for t in lowered) / len(tokens) if tokens else 0.0
    capitals = sum(t[0].isupper() for t in tokens) / len(tokens) if tokens else 0.0
    key = line_key(text)
    return Line(
        index=index,
        number=number,
        text=text,
        raw=text,
        bullet=bullet,
        blank_before=blank_before,
        blank_after=False,
        words=n_words,
        chars=len(text),
        stop_ratio=stop_ratio,
        terminal=text.endswith(TERMINAL),
        truncated=text.endswith(("…", "...")),
        capitals=capitals,
        key=key,
        phrases=chrome_phrases(text),
        chrome=chrome_line(key) if n_words <= 8 else None,
        section=section_heading(key) if n_words <= 8 else None,
        time_only=bool(_TIME_ONLY.match(text)),
    )
