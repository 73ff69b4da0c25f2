"""Spelling rules for names: the keys under which variant spellings of one name meet.

Pure string functions, no model: `exact_key` folds case, diacritics, dots and a
leading "the"; `fold_token` also folds transliteration variants (Zelenskyy,
Zelensky, Zelenskiy -> "zelensk"); `strip_title` removes a title before a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_POSSESSIVE = re.compile(r"'s?$")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")
_DOUBLED = re.compile(r"(\w)\1+")
_TRAILING_I_Y = re.compile(r"[iy]+$")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le"})


def strip_diacritics(text: str) -> str:
    """Accents off, letters kept: "Zelenskyĭ" -> "Zelenskyi", "Süddeutsche" -> "Suddeutsche"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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


def words(name: str) -> list[str]:
    """The exact-key words of a name, without generational suffixes (Jr., III)."""
    found = exact_key(name).split()
    while len(found) > 1 and found[-1] in _SUFFIXES:
        found.pop()
    return found


def fold_token(word: str) -> str:
    """A word with transliteration variants folded: doubled letters and trailing -y/-i/-iy."""
    folded = _DOUBLED.sub(r"\1", word)
    stem = _TRAILING_I_Y.sub("", folded)
    # Short words keep their ending: "Li" and "Ly" are different names.
    return stem if len(stem) >= 3 else folded


def person_key(name: str) -> str:
    """First and last word folded: "Volodymyr Zelenskyy" and "Volodymyr O. Zelensky" meet."""
    found = words(name)
    if not found:
        return ""
    if len(found) == 1:
        return fold_token(found[0])
    return f"{fold_token(found[0])} {fold_token(found[-1])}"


def surname_key(name: str) -> str:
    """The folded last word: where a bare surname meets the full name."""
    found = words(name)
    return fold_token(found[-1]) if found else ""


def acronym(name: str) -> str:
    """Initials of a multiword name's words ("North Atlantic Treaty Organization" -> "nato")."""
    found = [w for w in exact_key(name).split() if w not in _ACRONYM_SKIP]
    return "".join(w[0] for w in found) if len(found) >= 2 else ""


def acronym_form(name: str) -> str:
    """The key of a name written as an acronym ("NATO", "U.N."), or "" if it is not one."""
    letters = name.replace(".", "").strip()
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters.lower()
    return ""


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


def strip_title(
    name: str, titles: Collection[tuple[str, ...]], longest: int, qualifiers: int = 3
) -> str:
    """The name without titles in front: "U.S. President Joe Biden" -> "Joe Biden".

    Up to `qualifiers` words may stand before a title ("U.S.", "NATO", "former");
    nothing is stripped when no capitalised word would be left.
    """
    tokens = name.split()
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for start in range(min(qualifiers, len(tokens) - 1) + 1):
            size = title_length(tokens[start:], titles, longest)
            cut = start + size
            if size and cut < len(tokens) and tokens[cut][:1].isupper():
                tokens = tokens[cut:]
                changed = True
                break
    return " ".join(tokens)
