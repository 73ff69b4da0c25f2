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
SAMPLE_CHARS = 250
"""py3langid walks the text byte by byte in Python (about 2 ms per 1000 characters), and a
paragraph's first sentences tell the language as well as the whole text (400 cost 5% of
the text cleaner's time)."""
SURE_PROBABILITY = 0.9
LONG_SAMPLE_CHARS = 1000
"""Below SURE_PROBABILITY on the short sample, a longer one decides: a headline and lede
full of names can pass for another language in 250 characters (English read as Nigerian
Pidgin at 0.61, and as English at 0.9996 over 1000), and an article taken for another
language is not annotated."""
MIN_STOP_SHARE = 0.15
"""Below this share of its words in any stop-word list, a text's language is not guessed."""
_PUNCTUATION = '.,;:!?"()[]{}<>|/*+=#@&%…“”‘’«»„·•–—'
"""Signs read as spaces between words."""


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str | None) -> str | None:
    """The ISO 639-1 code of the text's language, or None when too short or unsure."""
    if not text or len(text.strip()) < MIN_CHARS:
        return None
    lang, probability = _identifier().classify(text[:SAMPLE_CHARS])
    if probability < SURE_PROBABILITY and len(text) > SAMPLE_CHARS:
        lang, probability = _identifier().classify(text[:LONG_SAMPLE_CHARS])
    if probability < MIN_PROBABILITY:
        return None
    return str(lang)


def stopword_guess(text: str) -> tuple[str | None, float]:
    """The language whose stop-word list covers most of the text's words (None if none
    covers enough), and the share of the words its list covers.

    Microseconds instead of milliseconds: good enough to choose a stop-word list.
    """
    sample = text[:2000].lower()
    for sign in _PUNCTUATION:
        # str.replace runs in C; str.translate with a table looks up every character.
        if sign in sample:
            sample = sample.replace(sign, " ")
    words = sample.split()
    total = len(words)
    if total < 5:
        return None, 0.0
    hits: Counter[str] = Counter()
    languages_of = _stopword_index()
    # Only the stop words counted (a filter in C): counting every word and looking each
    # distinct one up cost a fifth more.
    for word, n in Counter(filter(languages_of.__contains__, words)).items():
        for lang in languages_of[word]:
            hits[lang] += n
    if not hits:
        return None, 0.0
    # Ties go to the alphabetically first language, as they always have.
    best = min(hits, key=lambda lang: (-hits[lang], lang))
    share = hits[best] / total
    return (best if share >= MIN_STOP_SHARE else None), share


@cache
def _stopword_index() -> dict[str, tuple[str, ...]]:
    """Each stop word with the languages whose list has it: one look-up per word of a text
    instead of one per word and language."""
    index: dict[str, list[str]] = {}
    for lang in sorted(stopword_languages()):
        for word in stopwords(lang):
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}
