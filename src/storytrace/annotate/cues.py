"""The attribution lexicon: reporting verbs, phrases and speaker nouns, read from data files."""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA = resources.files("storytrace") / "data"


def _lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of a packaged data file."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


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

    def has_frame(self, lemma: str, frame: str) -> bool:
        """Whether reporting verb `lemma` takes `frame` (recipient, xcomp, objprep)."""
        return frame in self.verb_frames.get(lemma, frozenset())

    def is_media_name(self, name: str) -> bool:
        """True when `name` (with or without a leading "the") names a news outlet."""
        name = name.strip().strip(".,;:'\"’”")
        if name in self.media_names:
            return True
        low = name.lower()
        for prefix in ("the ", "The "):
            if name.startswith(prefix) and name[len(prefix) :] in self.media_names:
                return True
        return low in self._media_lower

    @property
    def _media_lower(self) -> frozenset[str]:
        return _lowered(self.media_names)


@lru_cache(maxsize=4)
def _lowered(names: frozenset[str]) -> frozenset[str]:
    # Only multiword or long names match case-insensitively: "ap" or "time" must not.
    return frozenset(n.lower() for n in names if len(n) > 4 and n.upper() != n)


def _media_table(path: Path | None = None) -> set[str]:
    """Outlet names from the entities engineer's media table, when it exists."""
    table = Path(str(DATA / "media_outlets.tsv")) if path is None else path
    names: set[str] = set()
    if not table.is_file():
        return names
    with table.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "name":
                continue
            # Any column that looks like a name or a "|"/","-separated alias list counts,
            # except domains; the table's exact layout is owned elsewhere.
            for cell in row:
                for part in cell.replace("|", ";").split(";"):
                    part = part.strip()
                    if part and "." not in part and not part.isdigit() and len(part) < 60:
                        names.add(part)
    return names


def _time_words() -> frozenset[str]:
    """Month and weekday names of the dates stage's English data, lower-cased."""
    data = tomllib.loads((DATA / "dates_en.toml").read_text(encoding="utf-8"))
    return frozenset(name.lower() for part in ("months", "weekdays") for name in data[part])


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load the lexicon once per process."""
    verb_class: dict[str, str] = {}
    verb_forms: dict[str, str] = {}
    verb_frames: dict[str, frozenset[str]] = {}
    for line in _lines("reporting_verbs.tsv"):
        lemma, cls, frames, forms = line.split("\t")
        verb_class[lemma] = cls
        verb_frames[lemma] = frozenset(f for f in frames.split(",") if f != "-")
        for form in forms.split(","):
            verb_forms.setdefault(form, lemma)
    phrases = dict(line.split("\t") for line in _lines("reporting_phrases.tsv"))
    media = set(_lines("media_outlets_fallback.txt")) | _media_table()
    return Lexicon(
        verb_class=verb_class,
        verb_frames=verb_frames,
        verb_forms=verb_forms,
        phrases=phrases,
        anonymous=frozenset(_lines("anonymous_sources.txt")),
        documents=frozenset(_lines("document_nouns.txt")),
        media_nouns=frozenset(_lines("media_nouns.txt")),
        organizations=frozenset(_lines("organization_nouns.txt")),
        titles=frozenset(_lines("speaker_titles.txt")),
        media_names=frozenset(media),
        cue_nouns=dict(line.split("\t") for line in _lines("cue_nouns.tsv")),
        time_words=_time_words(),
    )
