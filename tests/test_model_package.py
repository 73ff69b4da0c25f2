"""The pinned spaCy model package is the official en_core_web_sm 3.8.0 under another name.

Figures below are from Explosion's published meta for en_core_web_sm 3.8.0
(spacy-models repository, meta/en_core_web_sm-3.8.0.json). The re-upload renames
the package and widens its spaCy range; what it computes must be the same.
"""

from __future__ import annotations

import pytest

OFFICIAL = {
    "version": "3.8.0",
    "spacy_git_version": "5010fcbd3",
    "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"],
    "ents_f": 0.8433119744,
    "dep_las": 0.8991533598,
    "tag_acc": 0.972937262,
    "sents_f": 0.9068156724,
}


def test_default_model_matches_the_official_release(nlp):
    meta = nlp.meta
    assert meta["version"] == OFFICIAL["version"]
    assert meta["spacy_git_version"] == OFFICIAL["spacy_git_version"]
    assert nlp.pipe_names == OFFICIAL["pipeline"]
    for key in ("ents_f", "dep_las", "tag_acc", "sents_f"):
        assert meta["performance"][key] == pytest.approx(OFFICIAL[key], abs=1e-9), key


def test_default_model_loads_offline_and_tags(nlp):
    doc = nlp("Ilse Varga said the port of Velmora would reopen on Monday.")
    assert any(ent.label_ == "DATE" for ent in doc.ents)
    assert any(tok.dep_ == "nsubj" for tok in doc)


def test_unknown_model_name_gives_a_clear_error():
    from storytrace.annotate.nlp import load

    with pytest.raises(RuntimeError, match="not installed"):
        load("no_such_model_package")
