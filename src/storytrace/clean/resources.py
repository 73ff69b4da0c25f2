"""The cleaner's language resources, read once from the package's `data/` folder."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from storytrace.resources import path, words

_CONTENT_WORD = re.compile(r"\w{3,}")
_NOT_WORD = re.compile(r"[^\w\s]")


@cache
def stopwords(language: str | None) -> frozenset[str]:
    """Function words of a language (ISO 639-1); English when the language has no list."""
    lang = language if language in stopword_languages() else "en"
    return words(f"stopwords/{lang}.txt")


@cache
def stopword_languages() -> frozenset[str]:
    """The languages that have a stop-word list."""
    folder = path("stopwords")
    return frozenset(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))


def content_words(text: str) -> set[str]:
    """The words of a text that can say what a story is about (no function words)."""
    found = _CONTENT_WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    stop = stopwords("en")
    return {w for w in found if w not in stop and not w.isdigit()}


def comparable(text: str) -> str:
    """A line as headline matching compares it: case, width, punctuation and spacing gone."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", text).split())
