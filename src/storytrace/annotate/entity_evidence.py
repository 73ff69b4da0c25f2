"""Candidate entity mentions in a parsed Doc, each with the evidence for its kind.

The model's NER label is one vote among several: a title before the name
("President Volodymyr Zelensky"), a reporting verb after it ("Yermak said"), a
known news outlet's spelling, a name already known to the corpus resolver. The
votes are summed per entity by `storytrace.annotate.entities`, so no single
lucky (or unlucky) tag decides what a name is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from storytrace.annotate.entity_data import EntityData
from storytrace.annotate.entity_names import exact_key, title_before, title_length
from storytrace.model import EntityKind

LABEL_KIND = {
    "PERSON": EntityKind.PERSON,
    "ORG": EntityKind.ORGANIZATION,
    "GPE": EntityKind.PLACE,
    "LOC": EntityKind.PLACE,
    "FAC": EntityKind.PLACE,
}

# Vote weights. A title or a known outlet is near-certain; a reporting verb is weak
# (places and bodies "say" things too) and only tips a close call.
NER_VOTE = 1.0
TITLE_VOTE = 3.0
SPEECH_VOTE = 0.5
SURNAME_VOTE = 2.0
KNOWN_VOTE = 2.0
GAZETTEER_VOTE = 10.0

_PROPER_TAGS = frozenset({"NNP", "NNPS"})
_LEADING_WORDS = frozenset({"the", "a", "an"})
_TRAILING_POS = frozenset({"ADP", "DET", "CCONJ", "PART", "PUNCT", "SPACE", "SCONJ"})


@dataclass(slots=True)
class Candidate:
    """A stretch of the body that may name an entity, with votes for its kind."""

    start: int
    end: int
    text: str
    votes: Counter[EntityKind] = field(default_factory=Counter)
    proper: bool = False
    """At least one token is tagged as a proper noun."""
    name_shaped: bool = False
    """Every word is capitalised letters (dots, hyphens, apostrophes allowed): a possible name."""
    evidence: bool = False
    """Some evidence beyond the NER label (title, reporting verb, gazetteer, known name)."""
    from_ner: bool = False
    words: int = 1


def _name_shaped(tokens: list[Token]) -> bool:
    for tok in tokens:
        letters = tok.text.replace(".", "").replace("-", "").replace("'", "").replace("’", "")
        if not letters.isalpha() or not tok.text[:1].isupper():
            return False
    return True


def _trim(tokens: list[Token], data: EntityData) -> tuple[list[Token], bool]:
    """Drop leading articles and titles, trailing possessives and function words.

    Returns the remaining tokens and whether a title was dropped.
    """
    titled = False
    while tokens and tokens[0].lower_ in _LEADING_WORDS:
        tokens = tokens[1:]
    size = title_length([t.text for t in tokens], data.titles, data.title_words)
    if size and size < len(tokens) and tokens[size].text[:1].isupper():
        tokens, titled = tokens[size:], True
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].pos_ in _TRAILING_POS):
        tokens = tokens[:-1]
    # A name never runs over a line break (spaCy makes the break a token): keep what
    # comes before it.
    for i, tok in enumerate(tokens):
        if tok.is_space:
            tokens = tokens[:i]
            break
    return tokens, titled


def _candidate(doc: Doc, tokens: list[Token]) -> Candidate:
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Candidate(
        start=start,
        end=end,
        text=doc.text[start:end],
        proper=any(t.tag_ in _PROPER_TAGS or t.pos_ == "PROPN" for t in tokens),
        name_shaped=_name_shaped(tokens),
        words=len(tokens),
    )


def _add_context(doc: Doc, span: Span, cand: Candidate, data: EntityData) -> None:
    """Votes from the words around the name: a title before, a reporting verb after."""
    before = doc[max(0, span.start - data.title_words) : span.start]
    if title_before([t.text for t in before if not t.is_space], data.titles, data.title_words):
        cand.votes[EntityKind.PERSON] += TITLE_VOTE
        cand.evidence = True
    root = span.root
    head = root.head
    speaks = root.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in data.speech_verbs
    according = root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"
    if speaks or according:
        cand.votes[EntityKind.PERSON] += SPEECH_VOTE
        cand.evidence = True


def _from_ents(doc: Doc, data: EntityData) -> list[Candidate]:
    found = []
    for ent in doc.ents:
        kind = LABEL_KIND.get(ent.label_)
        if kind is None:
            continue
        tokens, titled = _trim(list(ent), data)
        if not tokens:
            continue
        cand = _candidate(doc, tokens)
        cand.votes[kind] += NER_VOTE
        cand.from_ner = True
        if titled:
            cand.votes[EntityKind.PERSON] += TITLE_VOTE
            cand.evidence = True
        _add_context(doc, doc[tokens[0].i : tokens[-1].i + 1], cand, data)
        found.append(cand)
    return found


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _add_outlets(doc: Doc, found: list[Candidate], data: EntityData) -> list[Candidate]:
    """Known outlet spellings: they replace the NER span they cover or match."""
    if data.outlet_pattern is None:
        return found
    text = doc.text
    for m in data.outlet_pattern.finditer(text):
        start, end = m.span()
        if text[start:end].startswith(("the ", "The ")):
            start += 4
        covering = [c for c in found if _overlaps((c.start, c.end), (start, end))]
        if any(
            c.start <= start and end <= c.end and c.end - c.start > end - start for c in covering
        ):
            continue  # part of a longer name: "Michael Bloomberg", "Bloomberg Philanthropies"
        single_word = " " not in text[start:end] and not text[start:end].isupper()
        if single_word and not any(c.from_ner for c in covering):
            continue  # "Time", "Vox": plain words unless the model saw a name there
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        found = [c for c in found if c not in covering]
        cand = _candidate(doc, list(span))
        cand.start, cand.end, cand.text = start, end, text[start:end]
        cand.votes[EntityKind.OUTLET] += GAZETTEER_VOTE
        cand.evidence = cand.from_ner = True
        found.append(cand)
    return found


def _proper_runs(doc: Doc, found: list[Candidate], data: EntityData) -> list[Candidate]:
    """Runs of proper nouns the NER missed; kept later only if evidence makes them persons."""
    taken = sorted((c.start, c.end) for c in found)
    runs: list[Candidate] = []
    run: list[Token] = []

    def close() -> None:
        if not run:
            return
        tokens, titled = _trim(run, data)
        end = tokens[-1].idx + len(tokens[-1].text) if tokens else 0
        if tokens and not any(_overlaps((tokens[0].idx, end), t) for t in taken):
            cand = _candidate(doc, tokens)
            if titled:
                cand.votes[EntityKind.PERSON] += TITLE_VOTE
                cand.evidence = True
            _add_context(doc, doc[tokens[0].i : tokens[-1].i + 1], cand, data)
            runs.append(cand)
        run.clear()

    for tok in doc:
        if tok.tag_ in _PROPER_TAGS and tok.text[:1].isupper():
            run.append(tok)
        else:
            close()
    close()
    return runs


def find_candidates(
    doc: Doc, data: EntityData, known_kind: Callable[[str], EntityKind | None] | None = None
) -> list[Candidate]:
    """Every candidate mention in `doc`, with its votes, in text order."""
    found = _add_outlets(doc, _from_ents(doc, data), data)
    found += _proper_runs(doc, found, data)
    for cand in found:
        entry = data.gazetteer.get(exact_key(cand.text))
        if entry is not None and entry.kind is not EntityKind.OUTLET:
            cand.votes[entry.kind] += GAZETTEER_VOTE
            cand.evidence = True
        kind = known_kind(cand.text) if known_kind is not None and cand.name_shaped else None
        if kind is not None:
            cand.votes[kind] += KNOWN_VOTE
            cand.evidence = True
    found.sort(key=lambda c: c.start)
    return found
