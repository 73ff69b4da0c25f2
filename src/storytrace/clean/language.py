"""The language of a text: by py3langid (a model shipped inside the package) for the article,
and by stop-word counts for the quick guess the cleaner needs before it knows the article.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from storytrace.clean.resources import stopword_languages, stopwords

MIN_CHARS = 40
"""Shorter texts are too little to tell a language by."""
MIN_PROBABILITY = 0.5
SAMPLE_CHARS = 400
"""py3langid walks the text byte by byte in Python (about 2 ms per 1000 characters), and a
paragraph tells the language as well as the whole text."""
MIN_STOP_SHARE = 0.15
"""Below this share of its words in any stop-word list, a text's language is not guessed."""
_PUNCT_TO_SPACE = str.maketrans(dict.fromkeys('.,;:!?"()[]{}<>|/*+=#@&%…“”‘’«»„·•–—', " "))


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str | None) -> str | None:
    """The ISO 639-1 code of the text's language, or None when too short or unsure."""
    if not text or len(text.strip()) < MIN_CHARS:
        return None
    lang, probability = _identifier().classify(text[:SAMPLE_CHARS])
    if probability < MIN_PROBABILITY:
        return None
    return str(lang)


def stopword_language(text: str) -> str | None:
    """The language whose stop-word list covers most of the text's words; None if none does.

    Microseconds instead of milliseconds: good enough to choose a stop-word list.
    """
    counts = Counter(text[:2000].lower().translate(_PUNCT_TO_SPACE).split())
    total = sum(counts.values())
    if total < 5:
        return None
    best, share = None, 0.0
    for lang in sorted(stopword_languages()):
        stop = stopwords(lang)
        hits = sum(n for w, n in counts.items() if w in stop) / total
        if hits > share:
            best, share = lang, hits
    return best if share >= MIN_STOP_SHARE else None
