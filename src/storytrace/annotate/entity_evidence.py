"""Candidate entity mentions in a parsed Doc, each with the evidence for its kind.

The model's NER label is one vote among several: a title before the name
("President Volodymyr Zelensky"), a reporting verb after it ("Yermak said"), a
known news outlet's spelling, a name already known to the corpus resolver. The
votes are summed per entity by `storytrace.annotate.entities`, so no single
lucky (or unlucky) tag decides what a name is.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storytrace.annotate.cues import Lexicon, load_lexicon
from storytrace.annotate.datelines import dateline_pattern
from storytrace.annotate.entity_data import EntityData
from storytrace.annotate.entity_names import (
    exact_key,
    own_outlet_spellings,
    title_before,
    title_length,
)
from storytrace.model import EntityKind

if TYPE_CHECKING:  # spaCy loads only with the model, not for the resolver
    from spacy.tokens import Doc, Span, Token

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
_NAME_LIKE = frozenset({"NOUN", "VERB", "ADJ", "X", "INTJ"})
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


def _body_name(tokens: list[Token] | Span, data: EntityData) -> bool:
    """True when a word of the phrase names a body or place ("Justice Department")."""
    return any(t.text.lower() in data.org_words for t in tokens)


def _titled(appos: Token, data: EntityData) -> bool:
    """Whether an appositive ends on a title ("the retired judge", "its chief executive")."""
    words = tuple(t.lower_ for t in appos.doc[appos.left_edge.i : appos.i + 1])
    return any(words[-n:] in data.titles for n in range(1, min(len(words), data.title_words) + 1))


def _speech_verb(tok: Token, data: EntityData) -> bool:
    low = tok.text.lower()
    return low in data.speech_verbs or (low.endswith("s") and low[:-1] in data.speech_verbs)


def _trim(tokens: list[Token], data: EntityData) -> tuple[list[Token], bool]:
    """Drop leading articles and titles, trailing possessives and function words.

    Returns the remaining tokens and whether a title was dropped.
    """
    titled = False
    while tokens and tokens[0].text.lower() in _LEADING_WORDS:
        tokens = tokens[1:]
    size = title_length([t.text for t in tokens], data.titles, data.title_words)
    name_follows = size and size < len(tokens) and tokens[size].text[:1].isupper()
    if name_follows and not _body_name(tokens, data):
        tokens, titled = tokens[size:], True
    while tokens and (
        tokens[-1].tag_ == "POS"
        or tokens[-1].pos_ in _TRAILING_POS
        or _speech_verb(tokens[-1], data)  # a headline's "Obama Says"
        # a common noun the model ran into the name: "the United Harbour Workers union"
        or (len(tokens) > 1 and tokens[-1].pos_ == "NOUN" and tokens[-1].text.islower())
    ):
        tokens = tokens[:-1]
    # A name never runs over a line break (spaCy makes the break a token): keep what
    # comes before it.
    for i, tok in enumerate(tokens):
        if tok.is_space:
            tokens = tokens[:i]
            break
    return tokens, titled


def _candidate(tokens: list[Token]) -> Candidate:
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    # Built from the tokens: `doc.text` would join the whole document on every call.
    text = "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text
    return Candidate(
        start=start,
        end=end,
        text=text,
        proper=any(t.tag_ in _PROPER_TAGS or t.pos_ == "PROPN" for t in tokens),
        name_shaped=_name_shaped(tokens),
        words=len(tokens),
    )


def _add_context(doc: Doc, span: Span, cand: Candidate, data: EntityData) -> None:
    """Votes from the words around the name: a title before, a reporting verb after."""
    before = doc[max(0, span.start - data.title_words) : span.start]
    words_before = [t.text for t in before if not t.is_space]
    if title_before(words_before, data.titles, data.title_words) and not _body_name(span, data):
        cand.votes[EntityKind.PERSON] += TITLE_VOTE
        cand.evidence = True
    root = span.root
    if any(c.dep_ == "appos" and _titled(c, data) for c in root.children):
        # "Helena Varga, the retired judge who chairs the inquiry, said": the small
        # model tags her an organization.
        cand.votes[EntityKind.PERSON] += TITLE_VOTE
        cand.evidence = True
    head = root.head
    speaks = root.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in data.speech_verbs
    according = (
        root.dep_ == "pobj" and head.text.lower() == "to" and head.head.text.lower() == "according"
    )
    if speaks or according:
        cand.votes[EntityKind.PERSON] += SPEECH_VOTE
        cand.evidence = True


def _in_title(doc: Doc, ent: Span, data: EntityData) -> bool:
    """Whether a body's name is the first word of a title running on past it: "Finance"
    and "Labour" in "Finance Minister Rafael Dunmore", "Labour Minister Anneke Brandt"."""
    if len(ent) != 1:
        return False
    ahead = [t.text for t in doc[ent.start : ent.start + data.title_words]]
    return title_length(ahead, data.titles, data.title_words) > 1


def _from_ents(doc: Doc, data: EntityData) -> list[Candidate]:
    found = []
    for ent in doc.ents:
        kind = LABEL_KIND.get(ent.label_)
        if kind is None or _in_title(doc, ent, data):
            continue
        tokens, titled = _trim(list(ent), data)
        if not tokens:
            continue
        cand = _candidate(tokens)
        cand.votes[kind] += NER_VOTE
        cand.from_ner = True
        if titled:
            cand.votes[EntityKind.PERSON] += TITLE_VOTE
            cand.evidence = True
        _add_context(doc, doc[tokens[0].i : tokens[-1].i + 1], cand, data)
        found.append(cand)
    return found


class _Sorted:
    """Non-overlapping candidates in text order, to find those overlapping a span by bisection."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.items = sorted(candidates, key=lambda c: c.start)
        self.starts = [c.start for c in self.items]

    def overlapping(self, start: int, end: int) -> list[Candidate]:
        i = bisect.bisect_left(self.starts, end)
        found = []
        while i > 0 and self.items[i - 1].end > start:
            i -= 1
            found.append(self.items[i])
        return found


def _add_outlets(doc: Doc, found: list[Candidate], data: EntityData) -> list[Candidate]:
    """Known outlet spellings: they replace the NER span they cover or match."""
    if data.outlet_pattern is None:
        return found
    text = doc.text
    index = _Sorted(found)
    replaced: set[int] = set()
    outlets = []
    for m in data.outlet_pattern.finditer(text):
        start, end = m.span()
        if text[start:end].startswith(("the ", "The ")):
            start += 4
        covering = index.overlapping(start, end)
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
        replaced |= {id(c) for c in covering}
        cand = _candidate(list(span))
        cand.start, cand.end, cand.text = start, end, text[start:end]
        cand.votes[EntityKind.OUTLET] += GAZETTEER_VOTE
        cand.evidence = cand.from_ner = True
        outlets.append(cand)
    return [c for c in found if id(c) not in replaced] + outlets


def _weak(doc: Doc, tokens: list[Token], data: EntityData) -> Candidate | None:
    tokens, titled = _trim(tokens, data)
    if not tokens:
        return None
    cand = _candidate(tokens)
    if titled:
        cand.votes[EntityKind.PERSON] += TITLE_VOTE
        cand.evidence = True
    _add_context(doc, doc[tokens[0].i : tokens[-1].i + 1], cand, data)
    return cand


def _untagged_names(doc: Doc, found: list[Candidate], data: EntityData) -> list[Candidate]:
    """Names the NER missed: proper-noun runs, and lone capitalised words tagged otherwise.

    ("Zelenskyy is presenting ..." may come out as a common noun.) They are kept
    later only if evidence makes them persons: a title, or the surname of a person
    named elsewhere in the article or known to the corpus.
    """
    taken = _Sorted(found)
    weak: list[Candidate] = []
    run: list[Token] = []

    def add(tokens: list[Token]) -> None:
        if not taken.overlapping(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)):
            cand = _weak(doc, tokens, data)
            if cand is not None:
                weak.append(cand)

    for tok in doc:
        if tok.tag_ in _PROPER_TAGS and tok.text[:1].isupper():
            run.append(tok)
            continue
        if run:
            add(run)
            run = []
        if (
            tok.text.isalpha()
            and tok.text[:1].isupper()
            and not tok.is_stop
            and tok.pos_ in _NAME_LIKE
        ):
            add([tok])
    if run:
        add(run)
    return weak


_MEDIA_BEFORE = frozenset(
    {"newspaper", "paper", "broadcaster", "magazine", "tabloid", "daily", "weekly", "outlet"}
)
"""Nouns that make the name right after them an outlet's ("the regional newspaper
Northfield Daily"); "agency", "network" and "station" also lead to other bodies' names."""


def _add_datelines(doc: Doc, found: list[Candidate], text: str) -> list[Candidate]:
    """A dateline's place is a place (the model most often tags "VARENHOLM" a body, or
    nothing); it replaces the candidates it overlaps."""
    index = _Sorted(found)
    replaced: set[int] = set()
    places = []
    for m in dateline_pattern().finditer(text):
        start, end = m.span("place")
        if sum(c.isalpha() for c in m["place"]) < 3:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        replaced |= {id(c) for c in index.overlapping(start, end)}
        cand = _candidate(list(span))
        cand.votes[EntityKind.PLACE] += GAZETTEER_VOTE
        cand.evidence = cand.from_ner = True
        places.append(cand)
    return [c for c in found if id(c) not in replaced] + places if places else found


def own_outlet_keys(outlet: str | None) -> frozenset[str]:
    """The keys (`exact_key`) of the spellings an article gives its own outlet."""
    return frozenset(exact_key(s) for s in own_outlet_spellings(outlet)) - {""}

_OWN_SERVICES = frozenset({"radio", "tv", "television", "online", "news", "world", "digital"})
"""Words that, after the article's own outlet's short name, name another of its services."""


def _names_outlet(text: str, cand: Candidate, lex: Lexicon, own: frozenset[str]) -> bool:
    """Whether a name reads as an outlet the outlet list lacks: the article's own (`own`:
    `own_outlet_keys`), a masthead ("the Harbor Ledger", "Continental Press Agency") or a
    name a media noun leads to."""
    if exact_key(cand.text) in own:
        return True
    if cand.words < 2:
        return False
    words = cand.text.split()
    if len(words) > 1 and exact_key(words[0]) in own and words[1].lower() in _OWN_SERVICES:
        return True  # the outlet's other services: "EBC Radio Eastmarch" in EBC News
    if lex.masthead_at(text, cand.text, cand.start):
        return True
    before = text[max(0, cand.start - 24) : cand.start].split()
    return bool(before) and before[-1] in _MEDIA_BEFORE


def find_candidates(
    doc: Doc,
    data: EntityData,
    known_kind: Callable[[str], EntityKind | None] | None = None,
    own: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Every candidate mention in `doc`, with its votes, in text order; `own` are the keys
    of the article's own outlet's spellings (`own_outlet_keys`)."""
    text, lex = doc.text, load_lexicon()
    found = _add_datelines(doc, _add_outlets(doc, _from_ents(doc, data), data), text)
    found += _untagged_names(doc, found, data)
    for cand in found:
        if cand.name_shaped and _names_outlet(text, cand, lex, own):
            # Before the body's word: "Continental Press Agency" ends in one.
            cand.votes[EntityKind.OUTLET] += TITLE_VOTE
            cand.evidence = True
        elif cand.words >= 2 and data.names_body(cand.text):
            cand.votes[EntityKind.ORGANIZATION] += TITLE_VOTE
            cand.evidence = True
        elif cand.words >= 2 and data.names_place(cand.text):
            cand.votes[EntityKind.PLACE] += TITLE_VOTE
            cand.evidence = True
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
