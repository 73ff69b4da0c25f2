"""The language of a text, by py3langid (a naive Bayes model shipped inside the package)."""

from __future__ import annotations

from functools import cache

MIN_CHARS = 40
"""Shorter texts are too little to tell a language by."""
MIN_PROBABILITY = 0.5


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str | None) -> str | None:
    """The ISO 639-1 code of the text's language, or None when too short or unsure."""
    if not text or len(text.strip()) < MIN_CHARS:
        return None
    # The first few thousand characters tell the language as well as the whole text.
    lang, probability = _identifier().classify(text[:4000])
    if probability < MIN_PROBABILITY:
        return None
    return str(lang)
