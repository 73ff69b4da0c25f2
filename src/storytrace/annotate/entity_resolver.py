"""Corpus-wide entity resolution: every spelling of one entity gets one canonical name.

The resolver is incremental: it is seeded with the entities already stored and
learns from each article it resolves. Finding the entity of a mention costs a
few dict look-ups (by exact key, folded person key, surname), never a
scan of all entities.

Rules, in order, for one mention (titles such as "President", "U.S. President",
"Secretary General", "Mr." are stripped from a person's name first):

1. a spelling in the gazetteer (data/media_outlets.tsv, data/entity_aliases.tsv)
   is that entry ("US", "the U.S." -> United States; "Bloomberg News" -> Bloomberg);
   an outlet or organization named like an outlet of the corpus (`know_outlet`) is
   that outlet, under its own articles' name ("Harbor Ledger" -> The Harbor Ledger);
2. a one-word name goes to the nearest full name with that surname in the same
   article; a one-word person, to the one full name in the article with that first
   name ("Hillary"); else to the one known person with that surname (a body or
   place of that exact name, if known, keeps a one-word name the model did not
   call a person: "Ford"); else to the entity of that spelling; with two or more
   namesakes known (Donald and Melania Trump) the surname keeps an entity of its
   own; a one-word name that found a person votes "person" whatever its tag;
3. a longer spelling seen before (same exact key) is that entity;
4. a person's full name meets its variants by folded first and last name
   (Volodymyr Zelenskyy = Volodymyr Zelensky), and absorbs an entity known only
   by its bare surname when that surname names no other full-named person;
5. an acronym meets the multiword name it abbreviates when the same article
   spells that name out (then the acronym is a known spelling for later articles);
6. otherwise the spelling starts a new entity.

The canonical name is the most complete frequent form: among the spellings an
entity has been mentioned by, the one with the most words not counting initials
(of spellings up to four words), then the most mentions, then the one seen first.
So "Zelenskyy" becomes "Volodymyr Zelensky" once the full name is seen, "Donald
J. Trump" loses to a more frequent "Donald Trump", and a tie never flips a name
back and forth. Gazetteer entries keep their table name. When a canonical name
changes, `renamed` maps the old name to the new one (and `canonical()` follows
it), so a store can update what it saved under the old name.

An entity's kind is the majority of its mentions' kinds (the gazetteer's kind
for gazetteer entries; a tie never makes a person), so one mis-tag does not
decide it.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from storytrace.annotate.entity_data import EntityData, load_entity_data
from storytrace.annotate.entity_names import (
    acronym,
    acronym_form,
    completeness,
    exact_key,
    own_outlet_spellings,
    person_key,
    strip_title,
    surname_key,
    words,
)
from storytrace.model import Annotations, Entity, EntityKind, Mention, SpeakerKind, Statement

MAX_NAME_WORDS = 4
"""Longer spellings ("President Volodymyr Oleksandrovych Zelensky of Ukraine") never win."""

_NAMED_SPEAKERS = frozenset({SpeakerKind.PERSON, SpeakerKind.ORGANIZATION, SpeakerKind.MEDIA})
"""Speaker kinds whose `speaker` text is a name; the others are descriptions."""
_OUTLET_MAY_BE = frozenset({SpeakerKind.ORGANIZATION, SpeakerKind.MEDIA, SpeakerKind.UNKNOWN})
"""Speaker kinds an outlet's short name may have been given ("CPA said": unknown)."""
_NOT_LEADING = frozenset({"for", "of", "at", "from", "with", "to", "by", "on", "in"})


def _leads_to_name(before: str) -> bool:
    """Whether the words of a speaker before an outlet's name only describe it ("the
    regional newspaper"), not someone tied to it ("a reporter for")."""
    words = before.split()
    return bool(words) and all(w.islower() and w not in _NOT_LEADING for w in words)


# Kind order for ties in the vote: a tie never makes a person of a place or a body.
_TIE_ORDER = (EntityKind.OUTLET, EntityKind.PLACE, EntityKind.ORGANIZATION, EntityKind.PERSON)


@dataclass(slots=True)
class _Record:
    """What the resolver knows about one entity beyond the public `Entity`."""

    forms: Counter[str] = field(default_factory=Counter)
    first_seen: dict[str, int] = field(default_factory=dict)
    votes: Counter[EntityKind] = field(default_factory=Counter)
    keys: set[tuple[str, str]] = field(default_factory=set)
    """(index name, key) pairs pointing at this entity, to re-point them on a rename."""
    fixed_kind: EntityKind | None = None
    """Set for gazetteer entries: their name and kind come from the table."""

    def vote_counts(self) -> dict[str, int]:
        """The votes as `Entity.votes` keeps them: kind value -> mentions."""
        return {kind.value: n for kind, n in sorted(self.votes.items())}


@dataclass(slots=True)
class _Here:
    """What the article being resolved has named so far."""

    persons: list[_Local] = field(default_factory=list)
    """Full names of persons."""
    acronyms: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """Initials of multiword names of bodies and places -> their entities."""
    companies: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """First words of companies' multiword names -> their entities."""


@dataclass(frozen=True, slots=True)
class _Local:
    """A person's full name mentioned in the article being resolved."""

    position: int
    surname: str
    key: str
    """person_key: folded first and last name."""
    name: str

    @property
    def first(self) -> str:
        return self.key.split(" ", 1)[0]


def vote(votes: Counter[EntityKind]) -> EntityKind:
    """The majority kind; ties go to the kind that is not a person."""
    return max(_TIE_ORDER, key=lambda kind: (votes.get(kind, 0), -_TIE_ORDER.index(kind)))


def clean_form(text: str, kind: EntityKind, data: EntityData) -> str:
    """The spelling a mention contributes: trimmed, "the" and possessive off, titles off."""
    form = " ".join(text.split()).strip(' ,;:!?"“”()[]')
    for prefix in ("the ", "The "):
        if form.startswith(prefix) and len(form) > len(prefix):
            form = form[len(prefix) :]
    for suffix in ("'s", "’s", "'", "’"):
        if form.endswith(suffix) and len(form) > len(suffix):
            form = form[: -len(suffix)]
            break
    if kind is EntityKind.PERSON:
        form = strip_title(form, data.titles, data.title_words, data.org_words)
    elif kind is EntityKind.PLACE and form.isupper() and all(len(w) >= 3 for w in form.split()):
        # A dateline's "VARENHOLM" or "SAN FRANCISCO"; an acronym of a place is short ("UK").
        form = form.title() if sum(c.isalpha() for c in form) >= 5 else form
    return form


class EntityResolver:
    """Maps mention spellings to canonical entities across a corpus, incrementally."""

    def __init__(self, known: Iterable[Entity] = (), data: EntityData | None = None) -> None:
        self.data = data or load_entity_data()
        self.entities: dict[str, Entity] = {}
        """Canonical name -> Entity: what a store persists."""
        self.renamed: dict[str, str] = {}
        """Old canonical name -> current one, for every rename so far."""
        self.changed: set[str] = set()
        """Names of entities created or updated since the last `drain_changes()`."""
        self._records: dict[str, _Record] = {}
        self._exact: dict[str, str] = {}
        self._person: dict[str, str] = {}
        self._surname: defaultdict[str, set[str]] = defaultdict(set)
        self._clock = itertools.count()
        self.outlets: dict[str, str] = {}
        """exact_key of an outlet's short name -> the outlet's name (`know_outlet`)."""
        for entity in known:
            self._seed(entity)

    # -- public -------------------------------------------------------------------------

    def know_outlet(self, outlet: str | None) -> None:
        """Learn an outlet of the corpus: its name and short names ("CPA" for Continental
        Press Agency, `own_outlet_spellings`) then name it in other outlets' articles too
        ("first reported by Northfield Daily")."""
        if not outlet or outlet in self.outlets.values():
            return
        for spelling in own_outlet_spellings(outlet):
            self.outlets.setdefault(exact_key(spelling), outlet)
        self._adopt_outlet(outlet)

    def _adopt_outlet(self, outlet: str) -> None:
        """Entities made from an outlet's spellings before the corpus knew it as an outlet
        (an earlier batch's "Harbor Ledger" or "EBC") become that outlet, so the entities
        do not depend on the order the articles came in."""
        for spelling in sorted(own_outlet_spellings(outlet)):
            name = self._exact.get(exact_key(spelling))
            if name is None or name not in self.entities:
                continue
            if name == outlet:
                # Seeded from a store, the outlet's entity has no fixed kind yet, and its
                # name could lose to a spelling without "The" on the next settle.
                self._records[outlet].fixed_kind = EntityKind.OUTLET
                self._settle(outlet)
                continue
            if self.entities[name].kind not in (EntityKind.OUTLET, EntityKind.ORGANIZATION):
                continue
            if outlet in self.entities:
                self._merge(name, outlet)
            else:
                self._rename(name, outlet)
            self._records[outlet].fixed_kind = EntityKind.OUTLET
            self._settle(outlet)
            self.changed.add(outlet)

    def resolve_batch(self, batch: Iterable[tuple[Annotations, str | None]]) -> None:
        """`resolve` a batch of articles, each with its outlet, learning every outlet of the
        batch first: one cited before its own article comes ("first reported by Northfield
        Daily") is an outlet whatever the input order."""
        batch = list(batch)
        for _, outlet in batch:
            self.know_outlet(outlet)
        for notes, outlet in batch:
            self.resolve(notes, outlet)

    def resolve(self, annotations: Annotations, outlet: str | None = None) -> None:
        """Set `Mention.entity` (and kind) and `Statement.speaker_entity` for one article
        (of `outlet`, whose short names the resolver learns first)."""
        self.know_outlet(outlet)
        mentions = annotations.mentions
        forms = [clean_form(m.text, m.kind, self.data) for m in mentions]
        # Full names first, so a bare surname can find one that comes later in the text.
        order = sorted(range(len(mentions)), key=lambda i: (len(words(forms[i])) < 2, i))
        here = _Here()
        touched: set[str] = set()
        for i in order:
            mention, form = mentions[i], forms[i]
            if not exact_key(form):
                continue
            name = self._find(form, mention.kind, mention.span[0], here)
            if name is None:
                name = self._create(form, mention.kind)
            elif name not in self.entities:  # a gazetteer entry's or an outlet's first mention
                entry = self.data.gazetteer.get(exact_key(form))
                name = self._gazetteer_entity(name, entry.kind if entry else EntityKind.OUTLET)
            # A one-word name that found a person's full name is that person's surname:
            # it votes "person", whatever the model tagged it.
            single = len(words(form)) == 1
            kind = EntityKind.PERSON if single and self._is_full_person(name) else mention.kind
            self._count(name, form, kind)
            mention.entity = name
            touched.add(name)
            if single:
                continue
            if mention.kind is EntityKind.PERSON:
                here.persons.append(
                    _Local(mention.span[0], surname_key(form), person_key(form), name)
                )
            else:
                if acronym(form):
                    here.acronyms[acronym(form)].add(name)
                if words(form)[-1] in self.data.company_heads:
                    here.companies[words(form)[0]].add(name)
        renames = {old: self._settle(old) for old in touched}
        for mention in mentions:
            if mention.entity is not None:
                mention.entity = renames.get(mention.entity, mention.entity)
                mention.kind = self.entities[mention.entity].kind
        for statement in annotations.statements:
            self._resolve_speaker(statement, mentions, here)

    def lookup(self, name: str, kind: EntityKind = EntityKind.PERSON) -> str | None:
        """The canonical name a spelling would resolve to, without learning anything."""
        form = clean_form(name, kind, self.data)
        if not exact_key(form):
            return None
        found = self._find(form, kind, 0, _Here())
        # The gazetteer answers even for entities not mentioned yet; they are not known.
        return found if found in self.entities else None

    def known_kind(self, name: str) -> EntityKind | None:
        """The kind of the known entity a spelling would resolve to, if any (learns nothing).

        Read as a person's spelling, so a bare surname finds its full name. Only
        settled kinds answer: a gazetteer entry's, or a person known by a full name.
        A kind that is just the vote so far ("Caldmouth" called a person by one
        mis-tag) would add its vote to every later mention and lock itself in, so
        the corpus's entities would depend on how it was split into batches.
        """
        found = self.lookup(name, EntityKind.PERSON)
        if found is None:
            return None
        if self._records[found].fixed_kind is not None or self._is_full_person(found):
            return self.entities[found].kind
        return None

    def canonical(self, name: str) -> str:
        """The current canonical name of an entity, following renames since it was given."""
        return self.renamed.get(name, name)

    def drain_changes(self) -> tuple[list[Entity], dict[str, str]]:
        """Entities changed since the last call, and the renames so far (for a store)."""
        changed = [self.entities[n] for n in sorted(self.changed) if n in self.entities]
        self.changed.clear()
        return changed, dict(self.renamed)

    # -- finding ------------------------------------------------------------------------

    def _find(self, form: str, kind: EntityKind, position: int, here: _Here) -> str | None:
        key = exact_key(form)
        known = self.data.gazetteer.get(key)
        if known is not None:
            return known.name
        outlet = self.outlets.get(key)
        if outlet and kind in (EntityKind.OUTLET, EntityKind.ORGANIZATION):
            # "the Harbor Ledger", "EBC": an outlet of the corpus, under the name its own
            # articles give it ("The Harbor Ledger", "EBC News").
            return outlet
        if len(words(form)) == 1:
            return (
                self._find_company(form, here)
                or self._find_single(form, kind, position, here)
                or self._find_acronym(form, kind, here)
            )
        if key in self._exact:
            return self._exact[key]
        if kind is EntityKind.PERSON:
            return self._person.get(person_key(form)) or self._bare_surname(surname_key(form))
        return None

    def _find_single(self, form: str, kind: EntityKind, position: int, here: _Here) -> str | None:
        """A one-word name: a surname, a first name, or a one-word entity of its own."""
        surname = surname_key(form)
        nearby = [
            (abs(n.position - position), n.name) for n in here.persons if n.surname == surname
        ]
        if nearby:
            return min(nearby)[1]
        if kind is EntityKind.PERSON:
            # "Hillary" in an article that names Hillary Clinton, and no other Hillary.
            firsts = {n.name for n in here.persons if n.first == surname}
            if len(firsts) == 1:
                return firsts.pop()
        exact = self._exact.get(exact_key(form))
        full = [n for n in self._surname.get(surname, ()) if self._is_full_person(n)]
        # The one person with this surname, unless a body or place of that name is
        # known and the model did not call this one a person ("Ford" the company).
        if len(full) == 1 and (kind is EntityKind.PERSON or exact is None):
            return full[0]
        if exact is not None:
            return exact
        # No full name, or several (Donald and Melania Trump): the surname's own entity.
        bare = self._person.get(surname)
        return bare if bare is not None and not self._is_full_person(bare) else None

    def _bare_surname(self, surname: str) -> str | None:
        """The entity known only by this surname, if no full-named person has it."""
        candidates = self._surname.get(surname, ())
        if any(self._is_full_person(n) for n in candidates):
            return None
        bare = [n for n in candidates if self.entities[n].kind is EntityKind.PERSON]
        return bare[0] if len(bare) == 1 else None

    def _find_company(self, form: str, here: _Here) -> str | None:
        """A company's first word, in an article that spells out its full name once
        ("Meridian" after "Meridian Terminals"), and names no person of that surname."""
        key = words(form)[0]
        names = here.companies.get(key, set())
        if len(names) != 1 or any(n.surname == surname_key(form) for n in here.persons):
            return None
        return next(iter(names))

    def _find_acronym(self, form: str, kind: EntityKind, here: _Here) -> str | None:
        """An acronym whose expansion the same article spells out ("IAEA" after the name).

        Only within the article: across a corpus "ACA" names too many things. Once
        linked, the acronym is a spelling of the entity and is found by exact key.
        """
        short = acronym_form(form) if kind is not EntityKind.PERSON else ""
        names = here.acronyms.get(short, set()) if short else set()
        return next(iter(names)) if len(names) == 1 else None

    def _is_full_person(self, name: str) -> bool:
        entity = self.entities[name]
        return entity.kind is EntityKind.PERSON and len(words(name)) >= 2

    # -- learning -----------------------------------------------------------------------

    def _gazetteer_entity(self, name: str, kind: EntityKind) -> str:
        created = self._create(name, kind)
        self._records[created].fixed_kind = kind
        return created

    def _create(self, form: str, kind: EntityKind) -> str:
        name = form
        # A different entity holds this spelling now, or held it before a rename.
        while name in self.entities or name in self.renamed:
            name = f"{form} ({kind.value})" if name == form else name + "'"
        self.entities[name] = Entity(name=name, kind=kind)
        self._records[name] = _Record()
        self._index(name, form, kind)
        self.changed.add(name)
        return name

    def _index(self, name: str, form: str, kind: EntityKind) -> None:
        record = self._records[name]
        key = exact_key(form)
        self._exact.setdefault(key, name)
        record.keys.add(("exact", key))
        if kind is EntityKind.PERSON:
            pkey = person_key(form)
            self._person.setdefault(pkey, name)
            record.keys.add(("person", pkey))
            surname = surname_key(form)
            self._surname[surname].add(name)
            record.keys.add(("surname", surname))

    def _count(self, name: str, form: str, kind: EntityKind) -> None:
        record = self._records[name]
        if form not in record.forms:
            record.first_seen[form] = next(self._clock)
            if len(words(form)) >= 2 or kind is not EntityKind.PERSON:
                # Multiword spellings become keys of their own; a bare surname stays in
                # the surname index only, so it can never be stolen by a namesake.
                self._index(name, form, kind if record.fixed_kind is None else record.fixed_kind)
        record.forms[form] += 1
        record.votes[kind] += 1
        self.entities[name].mentions += 1
        self.changed.add(name)

    def _settle(self, name: str) -> str:
        """Recompute an entity's kind, aliases and canonical name; rename it if needed."""
        record = self._records[name]
        entity = self.entities[name]
        entity.kind = record.fixed_kind or vote(record.votes)
        entity.votes = record.vote_counts()
        if record.fixed_kind is None:
            best = max(
                record.forms,
                key=lambda f: (
                    completeness(f) if len(words(f)) <= MAX_NAME_WORDS else 0,
                    record.forms[f],
                    -record.first_seen.get(f, -1),
                ),
            )
            if best != name and best not in self.entities:
                self._rename(name, best)
                name = best
        entity = self.entities[name]
        entity.aliases = [f for f, _ in record.forms.most_common() if f != name]
        return name

    def _rename(self, old: str, new: str) -> None:
        entity = self.entities.pop(old)
        record = self._records.pop(old)
        entity.name = new
        self.entities[new] = entity
        self._records[new] = record
        self._repoint(old, new, record.keys)

    def _merge(self, old: str, new: str) -> None:
        """Fold entity `old` into entity `new`: its spellings, votes and mentions."""
        entity, record = self.entities.pop(old), self._records.pop(old)
        into = self._records[new]
        into.forms.update(record.forms)
        for form, seen in record.first_seen.items():
            into.first_seen.setdefault(form, seen)
        into.votes.update(record.votes)
        into.keys |= record.keys
        self.entities[new].mentions += entity.mentions
        self.changed.add(new)
        self._repoint(old, new, record.keys)

    def _repoint(self, old: str, new: str, keys: set[tuple[str, str]]) -> None:
        """Point the index entries and renames of entity `old` at `new`."""
        indexes = {"exact": self._exact, "person": self._person}
        for index, key in keys:
            if index in indexes:
                if indexes[index].get(key) == old:
                    indexes[index][key] = new
            else:
                members = self._surname[key]
                members.discard(old)
                members.add(new)
        for before, after in self.renamed.items():
            if after == old:
                self.renamed[before] = new
        self.renamed[old] = new
        # A name given back ("The Harbor Ledger" -> "Harbor Ledger" -> "The Harbor
        # Ledger") is a live entity again, not a rename of itself.
        self.renamed.pop(new, None)
        self.changed.discard(old)
        self.changed.add(new)

    def _seed(self, entity: Entity) -> None:
        known = self.data.gazetteer.get(exact_key(entity.name))
        name = self._create(entity.name, entity.kind)
        record = self._records[name]
        if known is not None and known.name == name:
            record.fixed_kind = known.kind
        record.forms[name] = max(entity.mentions, 1)
        record.first_seen[name] = next(self._clock)
        if entity.votes:
            record.votes.update({EntityKind(k): n for k, n in entity.votes.items()})
        else:  # a store from before votes were kept
            record.votes[entity.kind] = max(entity.mentions, 1)
        for alias in entity.aliases:
            if alias != name and alias not in record.forms:
                record.forms[alias] = 1
                record.first_seen[alias] = next(self._clock)
                if len(words(alias)) >= 2 or entity.kind is not EntityKind.PERSON:
                    self._index(name, alias, entity.kind)
        self.entities[name].mentions = entity.mentions
        self.entities[name].aliases = [a for a in entity.aliases if a != name]
        self.entities[name].votes = record.vote_counts()
        self.changed.discard(name)

    # -- speakers -----------------------------------------------------------------------

    def _resolve_speaker(self, statement: Statement, mentions: list[Mention], here: _Here) -> None:
        surface = statement.speaker_entity
        outlet = self.outlets.get(exact_key(surface or statement.speaker or ""))
        if outlet and statement.speaker_kind in _OUTLET_MAY_BE:
            # "as first reported by CPA" in another outlet's article: Continental Press
            # Agency, an outlet of the corpus, by the short name its own articles use.
            statement.speaker_kind, surface = SpeakerKind.MEDIA, outlet
            statement.speaker_entity = outlet
        if surface is None and statement.speaker_kind in _NAMED_SPEAKERS:
            surface = statement.speaker
        if not surface:
            return  # "one person familiar with Zelenskyy's talks" is no Zelenskyy
        form = clean_form(surface, EntityKind.PERSON, self.data)
        key = exact_key(form)
        if not key:
            return
        name = None
        if statement.speaker_span is not None:
            start, end = statement.speaker_span
            for mention in mentions:
                m_start, m_end = mention.span
                overlaps = m_start < end and start < m_end
                if overlaps and mention.entity and exact_key(mention.text) == key:
                    name = mention.entity
                    break
                if (
                    statement.speaker_kind is SpeakerKind.MEDIA
                    and mention.kind is EntityKind.OUTLET
                    and mention.entity
                    and m_end == end
                    and _leads_to_name(statement.speaker[: -len(mention.text)])
                ):
                    name = mention.entity  # "the regional newspaper Northfield Daily"
                    break
        if name is None:
            position = statement.speaker_span[0] if statement.speaker_span else 0
            name = self._find(form, EntityKind.PERSON, position, here)
        if name is None:
            return
        statement.speaker_entity = name
        entity = self.entities.get(name)
        if (
            entity is not None
            and entity.kind is EntityKind.OUTLET
            and statement.speaker_kind is SpeakerKind.ORGANIZATION
        ):
            # "first reported by Northfield Daily": no "the" or "newspaper" in this article
            # says it is an outlet, but the corpus knows it as one.
            statement.speaker_kind = SpeakerKind.MEDIA
