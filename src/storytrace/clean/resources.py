"""The cleaner's language resources, read once from the package's `data/` folder."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

_CONTENT_WORD = re.compile(r"\w{3,}")


def _lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of a data file."""
    text = resources.files("storytrace").joinpath("data", *name.split("/")).read_text("utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of a data file, comments and blank lines left out."""
    return tuple(tuple(cell.strip() for cell in ln.split("\t")) for ln in _lines(name))


@cache
def words(name: str) -> frozenset[str]:
    """All whitespace-separated words of a data file, lower-cased."""
    return frozenset(w.lower() for ln in _lines(name) for w in ln.split())


@cache
def stopwords(language: str | None) -> frozenset[str]:
    """Function words of a language (ISO 639-1); English when the language has no list."""
    lang = language if language in stopword_languages() else "en"
    return words(f"stopwords/{lang}.txt")


@cache
def stopword_languages() -> frozenset[str]:
    """The languages that have a stop-word list."""
    folder = resources.files("storytrace").joinpath("data", "stopwords")
    return frozenset(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))


def content_words(text: str) -> set[str]:
    """The words of a text that can say what a story is about (no function words)."""
    found = _CONTENT_WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return {w for w in found if w not in stopwords("en") and not w.isdigit()}
