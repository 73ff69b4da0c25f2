"""The attribution lexicon: reporting verbs, phrases and speaker nouns, read from data files."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from storytrace.resources import lines, outlets, toml


@dataclass(frozen=True)
class Lexicon:
    """Everything the statement finder knows about the words of attribution."""

    verb_class: dict[str, str]
    """Reporting verb lemma -> class (speech, report, belief, stance, question)."""
    verb_frames: dict[str, frozenset[str]]
    """Reporting verb lemma -> its frames (recipient, xcomp, objprep)."""
    verb_forms: dict[str, str]
    """Lower-cased inflected form -> lemma, for matching without a lemmatizer."""
    phrases: dict[str, str]
    """Multiword phrase -> role (upstream, relay, setting)."""
    anonymous: frozenset[str]
    documents: frozenset[str]
    media_nouns: frozenset[str]
    organizations: frozenset[str]
    titles: frozenset[str]
    media_names: frozenset[str]
    cue_nouns: dict[str, str] = field(default_factory=dict)
    """Noun lemma that can head a cue ("claim", "support", "poll") -> its class."""
    time_words: frozenset[str] = frozenset()
    """Lower-cased month and weekday names and abbreviations (data/dates_en.toml)."""
    word_class: dict[tuple[str, str], str] = field(default_factory=dict)
    """(part: verb, adj or noun; word) -> meaning class of a word of attribution
    (data/attribution_words.tsv: "convinced", "likely", "assessment", "grumble")."""
    mastheads: frozenset[str] = frozenset()
    """Last words of outlets' names: "Gazette", "Times" (data/media_mastheads.txt)."""
    body_names: dict[str, frozenset[str]] = field(default_factory=dict)
    """A body noun -> last words of the names it takes up ("union" -> "workers", ...;
    data/organization_noun_names.tsv)."""

    def class_of(self, part: str, lemma: str, form: str) -> str | None:
        """The meaning class of a word of attribution by its lemma, else its form."""
        cls = self.word_class.get((part, lemma))
        return cls if cls is not None else self.word_class.get((part, form))

    def is_masthead(self, name: str) -> bool:
        """Whether `name` reads as an outlet's masthead: "the Riverton Gazette", "The Daily
        Star" (a leading "the" and a last word of data/media_mastheads.txt)."""
        words = name.strip(".,;:'\"’” ").split()
        if len(words) >= 3 and " ".join(words[-2:]).lower() in _AGENCY_ENDS:
            return True  # "Continental Press Agency": no person's name ends so
        return len(words) >= 2 and words[0] in ("the", "The") and words[-1] in self.mastheads

    def masthead_at(self, text: str, name: str, start: int) -> bool:
        """Whether the name at character `start` of `text` is an outlet's masthead, with the
        "the" before it that the NER and the name chain leave out ("the Riverton Gazette")."""
        before = text[max(0, start - 24) : start].split()
        article = before[-1] if before else ""
        return self.is_masthead(f"{article} {name}" if article in ("the", "The") else name)

    def has_frame(self, lemma: str, frame: str) -> bool:
        """Whether reporting verb `lemma` takes `frame` (recipient, xcomp, objprep)."""
        return frame in self.verb_frames.get(lemma, frozenset())

    def is_media_name(self, name: str) -> bool:
        """True when `name` (with or without a leading "the") names a news outlet."""
        name = name.strip()
        # "Reuters." at a sentence's end, but "Bloomberg L.P." keeps its dot.
        return self._names_outlet(name) or self._names_outlet(name.strip(".,;:'\"’”"))

    def _names_outlet(self, name: str) -> bool:
        bare = name[4:] if name[:4] in ("the ", "The ") else name
        if bare in self.media_names or f"The {bare}" in self.media_names:
            return True
        low = bare.lower()
        return low in self._media_lower or f"the {low}" in self._media_lower

    @property
    def _media_lower(self) -> frozenset[str]:
        return _lowered(self.media_names)


_AGENCY_ENDS = frozenset(
    {"news agency", "press agency", "press association", "news service", "wire service"}
)


@lru_cache(maxsize=4)
def _lowered(names: frozenset[str]) -> frozenset[str]:
    # Only multiword or long names match case-insensitively: "ap" or "time" must not.
    return frozenset(n.lower() for n in names if len(n) > 4 and n.upper() != n)


def _time_words() -> frozenset[str]:
    """Month and weekday names of the dates stage's English data, lower-cased."""
    data = toml("dates_en.toml")
    return frozenset(name.lower() for part in ("months", "weekdays") for name in data[part])


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load the lexicon once per process."""
    verb_class: dict[str, str] = {}
    verb_forms: dict[str, str] = {}
    verb_frames: dict[str, frozenset[str]] = {}
    for line in lines("reporting_verbs.tsv"):
        lemma, cls, frames, forms = line.split("\t")
        verb_class[lemma] = cls
        verb_frames[lemma] = frozenset(f for f in frames.split(",") if f != "-")
        for form in forms.split(","):
            verb_forms.setdefault(form, lemma)
    phrases = dict(line.split("\t") for line in lines("reporting_phrases.tsv"))
    media = {spelling for o in outlets() for spelling in (o.name, *o.aliases)}
    return Lexicon(
        verb_class=verb_class,
        verb_frames=verb_frames,
        verb_forms=verb_forms,
        phrases=phrases,
        anonymous=frozenset(lines("anonymous_sources.txt")),
        documents=frozenset(lines("document_nouns.txt")),
        media_nouns=frozenset(lines("media_nouns.txt")),
        organizations=frozenset(lines("organization_nouns.txt")),
        titles=frozenset(lines("speaker_titles.txt")),
        media_names=frozenset(media),
        cue_nouns=dict(line.split("\t") for line in lines("cue_nouns.tsv")),
        time_words=_time_words(),
        word_class=_word_classes(),
        mastheads=frozenset(lines("media_mastheads.txt")),
        body_names={
            noun: frozenset(heads.split())
            for noun, heads in (line.split("\t") for line in lines("organization_noun_names.tsv"))
        },
    )


def _word_classes() -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for line in lines("attribution_words.tsv"):
        word, part, cls = line.split("\t")
        out.setdefault((part, word), cls)
    return out
