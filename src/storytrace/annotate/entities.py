"""The "entities" component: people, organisations, places and outlets named in an article.

The model's NER is one vote among several (see `entity_evidence`). Candidates
are grouped per entity within the article (same spelling; a bare surname joins
the one full name that has it) and each group takes the kind most of its votes
give, so "Zelenskyy" tagged ORG four times in an article that also says
"President Volodymyr Zelenskyy" is a person. Then mentions that are no names
are dropped: page chrome from the stop list, lower-case words, words that are no
proper nouns, a "person" that is not shaped like a name ("Ctrl + Enter"), and a
one-word "person" seen once with no evidence beyond the tag ("Gift", "Kyiv").

Canonical names across articles are the job of `EntityResolver`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from storytrace.annotate import RESOLVER_KEY, components
from storytrace.annotate.entity_data import EntityData, load_entity_data
from storytrace.annotate.entity_evidence import (
    GAZETTEER_VOTE,
    SPEECH_VOTE,
    SURNAME_VOTE,
    Candidate,
    find_candidates,
    own_outlet_keys,
)
from storytrace.annotate.entity_names import exact_key, person_key, surname_key, words
from storytrace.annotate.entity_resolver import EntityResolver, vote
from storytrace.model import Annotations, Article, EntityKind, Mention, Options

__all__ = ["EntityResolver", "annotate_entities", "decide_kinds"]


class _Group:
    """The candidates of one entity within one article, and their summed votes."""

    __slots__ = ("members", "multiword", "votes")

    def __init__(self) -> None:
        self.members: list[Candidate] = []
        self.votes: Counter[EntityKind] = Counter()
        self.multiword = False
        """Some member is a name of two words or more, not a bare surname."""

    def add(self, cand: Candidate) -> None:
        self.members.append(cand)
        self.votes.update(cand.votes)
        self.multiword = self.multiword or len(words(cand.text)) >= 2

    def absorb(self, other: _Group) -> None:
        self.members += other.members
        self.votes.update(other.votes)
        self.multiword = self.multiword or other.multiword

    @property
    def kind(self) -> EntityKind:
        return vote(self.votes)


def _listed(group: _Group) -> bool:
    """True when a table names the group a body, place or outlet ("Bloomberg", "Jordan")."""
    return any(v >= GAZETTEER_VOTE for k, v in group.votes.items() if k is not EntityKind.PERSON)


def _group(candidates: list[Candidate]) -> list[_Group]:
    by_spelling: defaultdict[str, _Group] = defaultdict(_Group)
    for cand in candidates:
        by_spelling[exact_key(cand.text)].add(cand)
    groups = [g for key, g in by_spelling.items() if key]
    # Variants of a full name ("Volodymyr Zelenskyy", "Volodymyr Zelensky") are one person.
    people: dict[str, _Group] = {}
    rest: list[_Group] = []
    for group in groups:
        if group.kind is EntityKind.PERSON and group.multiword:
            key = person_key(group.members[0].text)
            if key in people:
                people[key].absorb(group)
                continue
            people[key] = group
        rest.append(group)
    by_surname: defaultdict[str, list[_Group]] = defaultdict(list)
    for group in people.values():
        by_surname[surname_key(group.members[0].text)].append(group)
    merged: list[_Group] = []
    for group in rest:
        if group.multiword:
            merged.append(group)
            continue
        namesakes = by_surname.get(surname_key(group.members[0].text), [])
        if not namesakes or _listed(group):
            merged.append(group)
            continue
        for cand in group.members:
            cand.votes[EntityKind.PERSON] += SURNAME_VOTE
            cand.evidence = True
        group.votes[EntityKind.PERSON] += SURNAME_VOTE * len(group.members)
        if len(namesakes) == 1:
            namesakes[0].absorb(group)
        else:
            merged.append(group)  # Donald and Melania Trump: "Trump" stays apart
    return merged


def _keep(cand: Candidate, group: _Group, kind: EntityKind, data: EntityData) -> bool:
    text = " ".join(cand.text.split())
    if text.lower() in data.stoplist or text.islower() or not group.votes.get(kind):
        return False
    if not cand.proper and not cand.evidence:
        return False
    if kind is EntityKind.PERSON:
        if not cand.name_shaped or data.names_group(text):
            return False
        alone = not group.multiword and len(group.members) < 2
        if alone and not any(c.evidence for c in group.members):
            return False
    if not cand.from_ner:
        # A name the model did not tag: kept only as a person, on a title, a namesake
        # or a known name; a reporting verb ("Zelenskiy told Reuters") is enough only
        # for a word the tagger did call a proper noun. A body is kept on its name's
        # last word ("Meridian Terminals, which runs the terminal, says").
        if kind is EntityKind.ORGANIZATION:
            return cand.proper and data.names_body(cand.text)
        if kind is not EntityKind.PERSON:
            return False
        return group.votes[kind] >= (SPEECH_VOTE if cand.proper else SURNAME_VOTE)
    return True


def decide_kinds(candidates: list[Candidate], data: EntityData) -> list[Mention]:
    """Group candidates per entity, vote each group's kind, drop what is no name."""
    mentions = []
    for group in _group(candidates):
        kind = group.kind
        for cand in group.members:
            if _keep(cand, group, kind, data):
                mentions.append(Mention(text=cand.text, span=(cand.start, cand.end), kind=kind))
    mentions.sort(key=lambda m: m.span)
    return mentions


@components.register("entities")
def annotate_entities(
    doc: Any, article: Article, annotations: Annotations, options: Options
) -> None:
    """Fill `annotations.mentions` with the article's named people, bodies, places, outlets."""
    data = load_entity_data()
    resolver: EntityResolver | None = doc.user_data.get(RESOLVER_KEY)
    known = resolver.known_kind if resolver is not None else None
    own = own_outlet_keys(article.outlet)
    annotations.mentions = decide_kinds(find_candidates(doc, data, known, own), data)
