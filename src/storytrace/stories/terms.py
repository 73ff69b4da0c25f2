"""Content words of a text: what clustering, near-duplicate detection and claims compare."""

from __future__ import annotations

import re
from functools import cache

from storytrace.resources import words as words_in

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")


@cache
def stopwords() -> frozenset[str]:
    """Function words and reporting vocabulary, from `data/story_stopwords_en.txt`."""
    return words_in("story_stopwords_en.txt")


def words(text: str) -> list[str]:
    """Lower-cased word tokens (hyphenated words and abbreviations kept whole)."""
    return [m.group(0).lower() for m in _WORD.finditer(text)]


@cache
def stem(word: str) -> str:
    """A light suffix stripper: possessive and plural, so "plans" and "plan's" meet "plan"."""
    word = _POSSESSIVE.sub("", word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_terms(text: str) -> list[str]:
    """Stemmed content words in text order (stop words and one-letter tokens dropped)."""
    stop = stopwords()
    out = []
    for w in words(text):
        if len(w) < 2 or w in stop:
            continue
        w = stem(w)
        if w not in stop:
            out.append(w)
    return out
