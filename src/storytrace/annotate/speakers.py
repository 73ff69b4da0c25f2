"""Who a speaker phrase names: its kind, its entity, how many anonymous sources it counts.

A speaker phrase is the noun phrase a cue takes as its source ("Andrii Yermak, Head of
the Office ...", "two sources", "the Kremlin", "her memoir", "he"). Pronouns and bare
titles are resolved to the nearest compatible named speaker earlier in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storytrace.annotate.cues import Lexicon, load_lexicon
from storytrace.annotate.entity_data import load_entity_data
from storytrace.annotate.entity_names import exact_key, singulars
from storytrace.model import EntityKind, Mention, Span, SpeakerKind

NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a dozen": 12,
    "both": 2,
    "a pair of": 2,
    "a couple of": 2,
}
_SINGULAR_DETS = {"a", "an", "one", "another", "the", "this", "that", "a single"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_THING_PRONOUNS = {"it"}
_PLURAL_PRONOUNS = {"they", "them"}
_RELATIVE = {"who", "which", "that", "whom"}
TEXT_KEY = "storytrace.statements.text"
"""`doc.user_data` key where extract_statements leaves the text while it runs."""
_NOT_SPEAKER_ENTS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
)
_POSSESSIVE = re.compile(r"['’]s?$")
_ANONYMITY = re.compile(
    r"\b(?:familiar with|(?:not|declined) to be (?:named|identified)|anonymity|"
    r"not authori[sz]ed to|requested anonymity|on background)\b",
    re.I,
)
"""What marks a source as unnamed on purpose, whatever noun describes it."""
_SOME = frozenset({"some", "several", "many", "most", "few", "none"})
_ENT_KIND = {
    "PERSON": EntityKind.PERSON,
    "ORG": EntityKind.ORGANIZATION,
    "GPE": EntityKind.PLACE,
    "NORP": EntityKind.ORGANIZATION,
    "FAC": EntityKind.ORGANIZATION,
    "LOC": EntityKind.PLACE,
}


@dataclass(slots=True)
class Named:
    """A span of the text known to name an entity (a Mention, or one of the doc's ents)."""

    start: int
    end: int
    text: str
    kind: EntityKind


@dataclass(slots=True)
class Speaker:
    """What a speaker phrase turned out to be."""

    name: str
    kind: SpeakerKind
    entity: str | None = None
    count: int | None = None
    span: Span | None = None
    resolved: bool = False


def named_spans(doc: Doc, mentions: list[Mention] | None) -> list[Named]:
    """Named spans from the entities stage when given, else from the parse's own NER."""
    if mentions:
        return sorted(
            (Named(m.span[0], m.span[1], m.text, EntityKind(m.kind)) for m in mentions),
            key=lambda n: n.start,
        )
    named = []
    for e in doc.ents:
        if e.label_ not in _ENT_KIND:
            continue
        start = e.start
        if e.label_ == "PERSON":
            # The NER sometimes keeps only the surname: "Andrii [Yermak]".
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
                if not _name_word(doc[start - 1]) or doc[start - 1].ent_type_ not in (
                    "",
                    "PERSON",
                ):
                    break
                start -= 1
        first = doc[start].idx
        named.append(
            Named(first, e.end_char, text_of(doc)[first : e.end_char], _ENT_KIND[e.label_])
        )
    # The small model often tags a surname alone as ORG or GPE ("Zelenskyy said"): a name
    # that is a person elsewhere in the article, in full or as its last word, is a person.
    people: set[str] = set()
    for n in named:
        if n.kind == EntityKind.PERSON:
            n.text = _POSSESSIVE.sub("", n.text)
            n.end = n.start + len(n.text)
            people.add(n.text)
            people.add(n.text.split()[-1] if n.text.split() else n.text)
    for n in named:
        if n.kind != EntityKind.PERSON and _POSSESSIVE.sub("", n.text) in people:
            n.kind = EntityKind.PERSON
    return named


def text_of(doc: Doc) -> str:
    """`doc.text`, joined once per Doc (spaCy rebuilds it from the tokens on every access)."""
    cached = doc.user_data.get(TEXT_KEY)
    return cached if cached is not None else doc.text


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def _known_non_person(named: list[Named], name: str) -> bool:
    """Whether a name the NER missed here is a place or an organization: by the gazetteer
    (data/entity_aliases.tsv), or because the article tags it so elsewhere and never as a
    person. The NER misses "Kyiv" in "Kyiv remain secretive ...", and a place that speaks
    is its government."""
    data = load_entity_data()
    if data.names_body(name):
        return True  # "Meridian Terminals, which runs the terminal, says"
    known = data.gazetteer.get(exact_key(name))
    if known is not None:
        return known.kind in (EntityKind.PLACE, EntityKind.ORGANIZATION)
    kinds = {n.kind for n in named if n.text == name}
    return bool(kinds) and EntityKind.PERSON not in kinds


def _covering(named: list[Named], start: int, end: int) -> Named | None:
    for n in named:
        if n.start <= start and end <= n.end:
            return n
        if n.start >= end:
            break
    return None


def _name_word(tok: Token) -> bool:
    """A word that can be part of a name: not an honorific ("Sen.") or title ("President")."""
    if tok.text.endswith(".") and len(tok) <= 5:
        return False
    if not any(c.isalpha() for c in tok.text):
        return False  # a quote mark or dash glued into a token the tagger calls PROPN
    return tok.lower_ not in load_lexicon().titles


def _name_chain(head: Token) -> tuple[int, int]:
    """The run of proper nouns ending at a PROPN head, within its phrase ("Andrii Yermak")."""
    doc, left = head.doc, head.i
    lo = head.left_edge.i
    while left - 1 >= lo and doc[left - 1].pos_ == "PROPN" and _name_word(doc[left - 1]):
        left -= 1
    return doc[left].idx, head.idx + len(head)


def _news_word(head: Token) -> bool:
    """Whether a word before `head` makes it the news kind ("news agency", "wire agency")."""
    return any(c.lower_ in ("news", "press", "wire") for c in head.lefts)


def _spelled_out(doc: Doc, acronym: str) -> str | None:
    """The name an acronym stands for where the text defines it ("Continental Press
    Agency (CPA)"), or None."""
    if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()):
        return None
    n = len(acronym)
    pattern = rf"((?:[A-Z][\w'’-]*\s+(?:of\s+|the\s+|and\s+)*){{{n}}})\({acronym}\)"
    for m in re.finditer(pattern, text_of(doc)):
        name = m.group(1).split()
        if "".join(w[0] for w in name if w[0].isupper()) == acronym:
            return " ".join(name)
    return None


def _partitive(head: Token) -> Token | None:
    """The group noun of "one of the sources" (head "one"), or None."""
    if head.lower_ not in NUMBERS and head.lower_ not in _SOME:
        return None
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def count_in(phrase: str) -> int | None:
    """How many sources a phrase's first word states: "A café owner" 1, "two aides" 2."""
    first = phrase.split()[0].lower() if phrase.split() else ""
    if first in NUMBERS:
        return NUMBERS[first]
    return 1 if first in ("a", "an", "another") else None


def count_of(head: Token) -> int | None:
    """How many sources an anonymous phrase states: "two sources" 2, "a source" 1."""
    if head.lower_ in NUMBERS and _partitive(head) is not None:
        return NUMBERS[head.lower_]  # "one of the engineers"
    lefts = [t.lower_ for t in head.lefts]
    for child in head.lefts:
        if child.dep_ in ("nummod", "quantmod") or child.like_num:
            word = child.lower_
            if word.isdigit():
                return int(word)
            if word in NUMBERS:
                return NUMBERS[word]
    joined = " ".join(lefts)
    for phrase, n in NUMBERS.items():
        if " " in phrase and phrase in joined:
            return n
    if head.tag_ in ("NN", "NNP") or (head.tag_ == "" and not head.lower_.endswith("s")):
        return 1
    if head.lower_ in ("someone", "somebody"):
        return 1
    return None


def _capitalised_plural(head: Token, lex: Lexicon) -> str | None:
    """The singular of a source noun's plural that the tagger took for a name, as it does
    after a dateline ("NORTHFIELD, March 5 (CPA) - Inspectors warned ..."); else None."""
    low = head.lower_
    if head.pos_ != "PROPN" or not low.endswith("s") or not head.is_title:
        return None
    if any(c.dep_ == "compound" for c in head.children):
        return None  # "Harbour Inspectors": a name
    return next((s for s in singulars(low) if s in lex.anonymous or s in lex.titles), None)


def classify(
    doc: Doc,
    span: Span,
    head: Token,
    named: list[Named],
    lex: Lexicon,
    extra_media: frozenset[str] = frozenset(),
) -> Speaker:
    """The kind, entity and count of the speaker phrase `span` with head token `head`."""
    text = text_of(doc)[span[0] : span[1]]
    plural = _capitalised_plural(head, lex)
    lemma = plural or _lemma(head)
    hit = _covering(named, head.idx, head.idx + len(head))
    is_media = lex.is_media_name

    def is_outlet(name: str, start: int) -> bool:
        return is_media(name) or lex.masthead_at(text_of(doc), name, start)

    if hit is not None:
        outlet = is_outlet(hit.text, hit.start) or hit.text in extra_media
        defined = _spelled_out(doc, hit.text)
        outlet = outlet or (defined is not None and is_outlet(defined, 0))
        if hit.kind == EntityKind.OUTLET or outlet:
            return Speaker(hit.text, SpeakerKind.MEDIA, hit.text, span=span)
        if hit.kind == EntityKind.PERSON:
            start, end = _name_chain(head) if head.pos_ == "PROPN" else (hit.start, hit.end)
            # The NER sometimes keeps only the surname of "Andrii Yermak".
            name = text_of(doc)[start:end] if start < hit.start and end >= hit.end else hit.text
            return Speaker(name, SpeakerKind.PERSON, name, span=span)
        return Speaker(hit.text, SpeakerKind.ORGANIZATION, hit.text, span=span)
    if head.pos_ == "PROPN" and plural is None:
        start, end = _name_chain(head)
        name = text_of(doc)[start:end]
        if is_outlet(name, start) or name in extra_media or is_media(text):
            return Speaker(name, SpeakerKind.MEDIA, name, span=span)
        if lemma in lex.organizations or _known_non_person(named, name):
            return Speaker(name, SpeakerKind.ORGANIZATION, name, span=span)
        # A name the NER missed or mislabelled (WORK_OF_ART, PRODUCT): speakers with a bare
        # proper name are most often people.
        return Speaker(name, SpeakerKind.PERSON, name, span=span)
    if is_media(text) or text in extra_media:
        return Speaker(text, SpeakerKind.MEDIA, text.removeprefix("the ").strip(), span=span)
    if lemma in lex.anonymous or _ANONYMITY.search(text):
        # "a café owner, who asked not to be named": whoever the noun, the source is
        # unnamed on purpose.
        return Speaker(text, SpeakerKind.ANONYMOUS, None, count_of(head), span=span)
    group = _partitive(head)
    if group is not None and _lemma(group) in lex.anonymous:
        # "one of the sources", "several of the officials"
        return Speaker(text, SpeakerKind.ANONYMOUS, None, NUMBERS.get(head.lower_), span=span)
    if lemma in lex.media_nouns and (lemma not in lex.organizations or _news_word(head)):
        # "agency" is both: a news agency is media, "the agency" alone most often a
        # government's.
        return Speaker(text, SpeakerKind.MEDIA, None, span=span)
    if lemma in lex.documents:
        return Speaker(text, SpeakerKind.DOCUMENT, None, span=span)
    if lemma in lex.organizations:
        return Speaker(text, SpeakerKind.ORGANIZATION, None, span=span)
    if lemma in lex.titles:
        return Speaker(text, SpeakerKind.PERSON, None, span=span)
    if head.is_title and head.pos_ in ("NOUN", "X") and not head.is_stop and head.tag_ != "NNS":
        # Not a plural ("Inspectors warned ..." opening a sentence).
        # An unknown capitalised word the tagger took for a noun ("Zelenskyy told").
        return Speaker(head.text, SpeakerKind.PERSON, head.text, span=span)
    return Speaker(text, SpeakerKind.UNKNOWN, None, span=span)


def needs_antecedent(head: Token, lex: Lexicon) -> bool:
    """True for "he", "it", "they" and definite bare titles ("the president")."""
    low = head.lower_
    if low in _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS:
        return True
    if _lemma(head) in lex.titles and head.pos_ != "PROPN":
        dets = [c.lower_ for c in head.lefts if c.dep_ in ("det", "poss")]
        has_name = any(c.pos_ == "PROPN" for c in head.subtree)
        return bool(dets) and dets[0] in ("the", "this", "that") and not has_name
    return False


def compatible(head: Token, candidate: Speaker) -> bool:
    """Whether a pronoun or title can refer back to `candidate`."""
    low = head.lower_
    if low in _PERSON_PRONOUNS or low not in _THING_PRONOUNS | _PLURAL_PRONOUNS:
        return candidate.kind == SpeakerKind.PERSON and candidate.entity is not None
    if low in _THING_PRONOUNS:
        return candidate.kind in (SpeakerKind.ORGANIZATION, SpeakerKind.MEDIA, SpeakerKind.DOCUMENT)
    return candidate.kind in (SpeakerKind.ORGANIZATION, SpeakerKind.ANONYMOUS) and (
        candidate.count is None or candidate.count > 1
    )


def resolve(
    head: Token,
    span: Span,
    earlier: list[Speaker],
    named: list[Named],
    lex: Lexicon,
) -> Speaker | None:
    """The nearest compatible earlier speaker (or named person) a pronoun or title refers to."""
    for cand in reversed(earlier):
        if compatible(head, cand):
            return Speaker(cand.name, cand.kind, cand.entity, cand.count, span, resolved=True)
    want_person = head.lower_ not in _THING_PRONOUNS | _PLURAL_PRONOUNS
    for n in reversed(named):
        if n.end > span[0]:
            continue
        if want_person and n.kind == EntityKind.PERSON:
            if lex.masthead_at(text_of(head.doc), n.text, n.start):
                continue
            return Speaker(n.text, SpeakerKind.PERSON, n.text, None, span, resolved=True)
        if head.lower_ in _THING_PRONOUNS and n.kind == EntityKind.ORGANIZATION:
            return _body_speaker(n, span, lex)
    return None


def _body_speaker(n: Named, span: Span, lex: Lexicon) -> Speaker:
    """A named organization taken up at `span` (an outlet's name speaks as media)."""
    kind = SpeakerKind.MEDIA if lex.is_media_name(n.text) else SpeakerKind.ORGANIZATION
    return Speaker(n.text, kind, n.text, None, span, resolved=True)


def _bare_the(head: Token) -> bool:
    """Whether `head` has "the" and nothing else before it ("the union", not "the
    Ukrainian government" or "the union's leaders")."""
    return [(c.dep_, c.lower_) for c in head.lefts] == [("det", "the")]


def named_body(head: Token, span: Span, named: list[Named], lex: Lexicon) -> Speaker | None:
    """The organization a bare definite description refers back to: "the union" is the
    nearest earlier organization whose name holds the noun or runs into it ("the United
    Harbour Workers union"), "the ministry" the "Ministry of Labour"; None if there is none."""
    lemma = _lemma(head)
    if head.tag_ != "NN" or lemma not in lex.organizations:
        return None
    if not _bare_the(head):
        return None
    text = text_of(head.doc)
    earlier = [
        (n, n.text.lower().split())
        for n in reversed(named)
        if n.end <= span[0] and n.kind is EntityKind.ORGANIZATION
    ]
    for n, words in earlier:
        after = text[n.end : n.end + len(lemma) + 2].split()[:1]
        if lemma in words or after == [lemma]:
            return _body_speaker(n, span, lex)
    # No name holds the noun: one whose last word is of the noun's kind ("the union" after
    # "the United Harbour Workers").
    heads = lex.body_names.get(lemma, frozenset())
    for n, words in earlier:
        if words and words[-1] in heads:
            return _body_speaker(n, span, lex)
    return None


_CLAUSE_START = re.compile(r",|\s(?:who|which|that|whose|whom)\s")
"""Where a speaker phrase's own words end and a clause about it begins."""


def same_noun(head: Token, span: Span, earlier: list[Speaker]) -> Speaker | None:
    """The earlier speaker a bare "the <noun>" takes up by its noun: "the engineer" after
    "one of the engineers, who asked not to be named", "the people" after "three people who
    have read a draft"; None if no earlier speaker has the noun."""
    if head.pos_ != "NOUN" or not _bare_the(head):
        return None
    lemma = _lemma(head)
    forms = {lemma, head.lower_, lemma + "s", lemma + "es"}
    for cand in reversed(earlier):
        if cand.kind is SpeakerKind.UNKNOWN or cand.resolved:
            continue
        if head.tag_ == "NNS" and cand.count == 1:
            continue  # "the allies" are more than the "one ally" who spoke before
        core = _CLAUSE_START.split(cand.name.lower(), maxsplit=1)[0]  # "three people"
        if forms & set(re.findall(r"[\w'’-]+", core)):
            count = 1 if head.tag_ == "NN" and cand.kind is SpeakerKind.ANONYMOUS else cand.count
            return Speaker(cand.name, cand.kind, cand.entity, count, span, resolved=True)
    return None


def unnamed_group_before(head: Token, span: Span, lex: Lexicon) -> Speaker | None:
    """The unnamed group a bare "they" takes up when no earlier speaker fits: the last
    plural subject of an anonymous kind in its sentence or the one before ("Some Western
    officials are advising against ... They do not see it as a breakthrough")."""
    if head.lower_ not in _PLURAL_PRONOUNS:
        return None
    sent = head.sent
    start = head.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for tok in reversed(head.doc[start : head.i]):
        subject = tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ == "NNS"
        if subject and _lemma(tok) in lex.anonymous:
            phrase = (tok.left_edge.idx, tok.idx + len(tok))
            name = text_of(head.doc)[phrase[0] : phrase[1]]
            return Speaker(name, SpeakerKind.ANONYMOUS, None, count_of(tok), span, resolved=True)
    return None


def one_of_them(head: Token, earlier: list[Speaker]) -> bool:
    """Whether a bare "One" speaks for one of the unnamed group just before: "Two senior
    officials said ... One said ..."."""
    if head.lower_ != "one" or any(True for _ in head.children) or not earlier:
        return False
    last = earlier[-1]
    return last.kind is SpeakerKind.ANONYMOUS and (last.count is None or last.count > 1)


def is_relative(head: Token) -> bool:
    """ "who" / "which" as the subject of a relative clause."""
    return head.lower_ in _RELATIVE and head.tag_ in ("WP", "WDT", "")


def is_time(tok: Token, lex: Lexicon) -> bool:
    """A date, time or amount ("Monday", "Sept.", "2016", "40 percent"): it says nothing."""
    if _partitive(tok) is not None:
        return False  # "One of the engineers, who ..."
    if tok.ent_type_ in _NOT_SPEAKER_ENTS:
        return True
    return tok.ent_type_ == "" and tok.lower_.rstrip(".") in lex.time_words


def relative_antecedent(rel: Token, lex: Lexicon) -> Token | None:
    """What the relative subject `rel` ("which", "who") stands for, or None.

    The parse hangs a relative clause on the noun before it, but in "Bloomberg reported on
    Monday, which cited two officials" that noun is a date, and a date cites no one: the
    antecedent is then the subject (or the agent) of the clause the date belongs to. The
    same holds for a relative clause the parse attaches to the verb itself.
    """
    clause = rel.head
    if clause.dep_ == "relcl" and not is_time(clause.head, lex):
        return clause.head
    node, hops = (clause.head if clause.dep_ == "relcl" else clause), 0
    if node is clause:
        if clause.dep_ not in ("advcl", "conj", "parataxis") or clause.head is clause:
            return None
        node = clause.head
    while node.pos_ not in ("VERB", "AUX") and node.head is not node and hops < 3:
        node, hops = node.head, hops + 1
    for child in node.children:
        if child.dep_ == "nsubj":
            return None if is_time(child, lex) or child.i == rel.i else child
        if child.dep_ == "agent":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None
