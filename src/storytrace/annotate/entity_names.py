"""Spelling rules for names: the keys under which variant spellings of one name meet.

Pure string functions, no model: `exact_key` folds case, diacritics, dots and a
leading "the"; `fold_token` also folds transliteration variants (Zelenskyy,
Zelensky, Zelenskiy -> "zelensk"); `strip_title` removes a title before a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"'s?$")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")
_DOUBLED = re.compile(r"([^\W\d_])\1+")
_TRAILING_I_Y = re.compile(r"[iy]+$")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le"})


def strip_diacritics(text: str) -> str:
    """Accents off, letters kept: "Zelenskyĭ" -> "Zelenskyi", "Süddeutsche" -> "Suddeutsche"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)
def exact_key(name: str) -> str:
    """The spelling with case, diacritics, punctuation, a possessive and a leading "the" folded.

    "the U.S." and "US" share "us"; "Zelensky's" and "ZELENSKY" share "zelensky".
    """
    text = strip_diacritics(name.translate(_APOSTROPHES)).strip()
    text = _POSSESSIVE.sub("", text)
    text = text.replace("&", " and ").replace(".", "")
    text = _NON_WORD.sub(" ", text.replace("'", "")).lower()
    text = _SPACE.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1 << 16)
def words(name: str) -> tuple[str, ...]:
    """The exact-key words of a name, without generational suffixes (Jr., III)."""
    found = exact_key(name).split()
    while len(found) > 1 and found[-1] in _SUFFIXES:
        found.pop()
    return tuple(found)


@lru_cache(maxsize=1 << 16)
def fold_token(word: str) -> str:
    """A word with transliteration variants folded: doubled letters and trailing -y/-i/-iy."""
    folded = _DOUBLED.sub(r"\1", word)
    stem = _TRAILING_I_Y.sub("", folded)
    # Short words keep their ending: "Li" and "Ly" are different names.
    return stem if len(stem) >= 3 else folded


@lru_cache(maxsize=1 << 16)
def person_key(name: str) -> str:
    """First and last word folded: "Volodymyr Zelenskyy" and "Volodymyr O. Zelensky" meet."""
    found = words(name)
    if not found:
        return ""
    if len(found) == 1:
        return fold_token(found[0])
    return f"{fold_token(found[0])} {fold_token(found[-1])}"


@lru_cache(maxsize=1 << 16)
def surname_key(name: str) -> str:
    """The folded last word: where a bare surname meets the full name."""
    found = words(name)
    return fold_token(found[-1]) if found else ""


def acronym(name: str) -> str:
    """Initials of a multiword name's words ("North Atlantic Treaty Organization" -> "nato").

    Two-letter initials are left out: "U.S. Senate" must not meet "US".
    """
    found = [w for w in exact_key(name).split() if w not in _ACRONYM_SKIP]
    return "".join(w[0] for w in found) if len(found) >= 3 else ""


_OWN_NAME_ENDS = ("news", "online", "radio", "tv")
"""Words an outlet drops when its article names it: "EBC News" writes "EBC said"."""


def singulars(plural: str) -> tuple[str, ...]:
    """The singulars a lower-case plural noun may have ("inspectors", "witnesses",
    "deputies"); none for a word that ends in no "s". Each caller looks them up in its own
    word list, so the wrong ones ("witnesse") find nothing."""
    if not plural.endswith("s"):
        return ()
    return (plural[:-1], plural[:-2], plural[:-3] + "y")


def own_outlet_spellings(outlet: str | None) -> frozenset[str]:
    """The spellings an article gives its own outlet: its name, without "The", its initials
    before a last "News" ("EBC News" -> "EBC"), and its acronym ("Continental Press
    Agency" -> "CPA"). "Africa News" keeps its "News": "Africa said" is no outlet."""
    if not outlet:
        return frozenset()
    name = outlet.removeprefix("The ")
    short = name.rsplit(" ", 1)[0] if name.lower().endswith(_OWN_NAME_ENDS) else ""
    short = short if acronym_form(short) else ""
    return frozenset({outlet, name, short, acronym(name).upper()}) - {""}


def acronym_form(name: str) -> str:
    """The key of a name written as an acronym ("NATO", "I.R.S."), or "" if it is not one."""
    letters = name.replace(".", "").strip()
    if 3 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters.lower()
    return ""


def completeness(name: str) -> int:
    """How complete a spelling is: its words, not counting initials ("Donald J. Trump" -> 2)."""
    return sum(1 for w in words(name) if len(w) > 1)


def title_length(tokens: list[str], titles: Collection[tuple[str, ...]], longest: int) -> int:
    """How many of `tokens`, from the start, form the longest title ("Secretary General" -> 2)."""
    low = [t.lower() for t in tokens[:longest]]
    for size in range(min(longest, len(low)), 0, -1):
        if tuple(low[:size]) in titles:
            return size
    return 0


def title_before(tokens: list[str], titles: Collection[tuple[str, ...]], longest: int) -> bool:
    """True when `tokens` (the words just before a name) end with a title."""
    low = [t.lower() for t in tokens[-longest:]] if longest else []
    return any(tuple(low[len(low) - size :]) in titles for size in range(1, len(low) + 1))


_LINKS = frozenset({"for", "of", "to", "at", "with", "from", "by", "in", "on", "and", "or"})
"""Words that tie a title further on to someone else: no qualifier before a title."""


def strip_title(
    name: str,
    titles: Collection[tuple[str, ...]],
    longest: int,
    org_words: Collection[str] = (),
    qualifiers: int = 3,
) -> str:
    """The name without titles in front: "U.S. President Joe Biden" -> "Joe Biden".

    Up to `qualifiers` words may stand before a title ("U.S.", "NATO", "former");
    nothing is stripped when no capitalised word would be left, or when a word of
    `org_words` shows the rest is a body's name ("Justice Department").
    """
    tokens = name.split()
    if any(t.lower().strip(".,'’") in org_words for t in tokens):
        return name
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for start in range(min(qualifiers, len(tokens) - 1) + 1):
            if start and tokens[start - 1].lower() in _LINKS:
                break  # "A spokesperson for Prime Minister Sofia Rendell" is not Rendell
            size = title_length(tokens[start:], titles, longest)
            cut = start + size
            if size and cut < len(tokens) and tokens[cut][:1].isupper():
                tokens = tokens[cut:]
                changed = True
                break
    return " ".join(tokens)
