"""The language resources of entity finding, read once from the packaged data files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storytrace.annotate.entity_names import exact_key, singulars
from storytrace.model import EntityKind
from storytrace.resources import lines, outlets, rows, split


@dataclass(frozen=True, slots=True)
class KnownName:
    """A gazetteer entry: the canonical name and kind a spelling stands for."""

    name: str
    kind: EntityKind


@dataclass(frozen=True, slots=True)
class EntityData:
    """Everything entity finding reads from data files."""

    titles: frozenset[tuple[str, ...]]
    """Lower-cased titles as word tuples ("secretary", "general")."""
    title_words: int
    """The longest title, in words."""
    stoplist: frozenset[str]
    org_words: frozenset[str]
    """Words that make a phrase after a title a body's name, not a person's."""
    body_heads: frozenset[str]
    """Last words that make a name a body's ("Meridian Terminals")."""
    place_heads: frozenset[str]
    """Last words that make a name a place's ("Brennock Bridge", "Heathrow Airport")."""
    company_heads: frozenset[str]
    """Last words of a company's name whose first word alone names it too ("Meridian")."""
    speech_verbs: frozenset[str]
    role_nouns: frozenset[str]
    """Nouns of people's roles and of unnamed sources ("inspector", "official"): their plural
    opening a sentence ("Inspectors warned ...") is a group, not someone's name."""
    gazetteer: dict[str, KnownName]
    """exact_key(spelling) -> canonical entry, for outlets and the alias table."""
    outlet_pattern: re.Pattern[str] | None
    """Finds outlet spellings in running text (case-sensitive, whole words)."""

    def names_body(self, name: str) -> bool:
        """Whether `name` ends in a body's word (`body_heads`: "Meridian Terminals")."""
        return _last_word(name) in self.body_heads

    def names_group(self, name: str) -> bool:
        """Whether a one-word `name` is the plural of a role noun ("Inspectors", "Officials",
        "Authorities"), which the small model tags a person when it opens a sentence."""
        word = name.lower()
        return " " not in word and any(s in self.role_nouns for s in singulars(word))

    def names_place(self, name: str) -> bool:
        """Whether `name` ends in a place's word (`place_heads`: "Brennock Bridge")."""
        return _last_word(name) in self.place_heads


def _last_word(name: str) -> str:
    words = name.split()
    return words[-1].lower() if words else ""


def _outlet_spellings(name: str, aliases: tuple[str, ...]) -> set[str]:
    spellings: set[str] = set()
    for form in (name, *aliases):
        spellings.add(form)
        if form.startswith("The "):
            spellings.add("the " + form[4:])
            if " " in form[4:]:
                spellings.add(form[4:])
    return spellings


@lru_cache(maxsize=1)
def load_entity_data() -> EntityData:
    """Load the entity resources once per process."""
    titles = frozenset(tuple(line.lower().split()) for line in lines("titles.txt"))
    gazetteer: dict[str, KnownName] = {}
    spellings: set[str] = set()
    for outlet in outlets():
        entry = KnownName(outlet.name, EntityKind.OUTLET)
        for form in (outlet.name, *outlet.aliases):
            gazetteer.setdefault(exact_key(form), entry)
        spellings |= _outlet_spellings(outlet.name, outlet.aliases)
    for row in rows("entity_aliases.tsv"):
        name, kind = row[0], EntityKind(row[1])
        entry = KnownName(name, kind)
        for form in (name, *(split(row[2], "|") if len(row) > 2 else ())):
            gazetteer.setdefault(exact_key(form), entry)
    # Longest first, so "Bloomberg News" wins over "Bloomberg" at the same place.
    alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w-])") if alternatives else None
    return EntityData(
        titles=titles,
        title_words=max((len(t) for t in titles), default=0),
        stoplist=frozenset(line.lower() for line in lines("entity_stoplist.txt")),
        org_words=frozenset(line.lower() for line in lines("entity_org_words.txt")),
        body_heads=frozenset(lines("entity_body_heads.txt")),
        place_heads=frozenset(lines("entity_place_heads.txt")),
        company_heads=frozenset(lines("entity_company_heads.txt")),
        speech_verbs=frozenset(lines("entity_speech_verbs.txt")),
        role_nouns=frozenset([*lines("anonymous_sources.txt"), *lines("speaker_titles.txt")]),
        gazetteer=gazetteer,
        outlet_pattern=pattern,
    )
