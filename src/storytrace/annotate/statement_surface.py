"""Statements without a dependency parse: quotes with a cue beside them, "according to X".

Used when the pipeline has no parser (a blank `spacy.blank("en")` with a sentencizer):
it finds fewer statements than the parse-based extractor but never guesses wildly.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from storytrace.annotate.cues import Lexicon
from storytrace.annotate.speakers import NUMBERS as _NUMBERS
from storytrace.annotate.statement_quotes import Quote
from storytrace.model import Span, SpeakerKind, Statement

_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_WORD = r"[A-Z][\w.’'-]*|[a-z][\w’'-]*"
_SPEAKER = rf"(?:{_WORD})(?:[ ](?:{_WORD})){{0,7}}"


@lru_cache(maxsize=2)
def _patterns(forms: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    verbs = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    # After a quote: ', he said' / ', said the minister'.
    after = re.compile(
        rf"^[\s,]*(?:(?P<s1>{_SPEAKER})\s+(?P<v1>{verbs})\b|(?P<v2>{verbs})\s+(?P<s2>{_SPEAKER}))"
    )
    # Before a quote: 'The minister said: ' / 'he said, '.
    before = re.compile(rf"(?P<s>{_SPEAKER})\s+(?P<v>{verbs})\s*[:,]?\s*$")
    according = re.compile(r"\b[Aa]ccording to (?P<s>[^,.;:!?\n]{2,80})")
    return after, before, according


def _kind(name: str, lex: Lexicon, media: frozenset[str]) -> tuple[SpeakerKind, int | None]:
    words = name.split()
    last = words[-1].lower().rstrip(".,") if words else ""
    singular = last[:-1] if last.endswith("s") else last
    if name in media or lex.is_media_name(name):
        return SpeakerKind.MEDIA, None
    if last in lex.anonymous or singular in lex.anonymous:
        count = _NUMBERS.get(words[0].lower()) if len(words) > 1 else None
        if count is None and last in lex.anonymous and singular == last:
            count = 1
        return SpeakerKind.ANONYMOUS, count
    if last in lex.documents or singular in lex.documents:
        return SpeakerKind.DOCUMENT, None
    return SpeakerKind.UNKNOWN, None


def _statement(
    text: str,
    name: str,
    name_span: Span,
    cue: str,
    cue_span: Span,
    content: Span,
    direct: bool,
    lex: Lexicon,
    media: frozenset[str],
) -> Statement:
    kind, count = _kind(name, lex, media)
    if name.lower() in _PRONOUNS:
        kind = SpeakerKind.UNKNOWN
    return Statement(
        speaker=name,
        speaker_kind=kind,
        cue=cue,
        content=text[content[0] : content[1]],
        direct=direct,
        content_span=content,
        cue_span=cue_span,
        speaker_span=name_span,
        speaker_entity=name if kind == SpeakerKind.MEDIA else None,
        anonymous_count=count,
    )


def surface_statements(
    doc: Doc, quotes: list[Quote], lex: Lexicon, media: frozenset[str]
) -> list[Statement]:
    """Quotes followed or preceded by speaker + reporting verb, and "according to X" phrases."""
    text = doc.text
    after, before, according = _patterns(tuple(lex.verb_forms))
    out: list[Statement] = []
    for q in quotes:
        tail = text[q.span[1] : q.span[1] + 120]
        m = after.match(tail)
        if m is not None:
            base = q.span[1]
            key = "1" if m.group("s1") else "2"
            s, v = m.span(f"s{key}"), m.span(f"v{key}")
            name = m.group(f"s{key}")
            if lex.verb_class.get(lex.verb_forms.get(m.group(f"v{key}").lower(), "")) != "belief":
                out.append(
                    _statement(
                        text,
                        name,
                        (base + s[0], base + s[1]),
                        m.group(f"v{key}"),
                        (base + v[0], base + v[1]),
                        q.span,
                        True,
                        lex,
                        media,
                    )
                )
                continue
        head_start = max(0, q.span[0] - 120)
        m = before.search(text[head_start : q.span[0]])
        if m is not None:
            s, v = m.span("s"), m.span("v")
            out.append(
                _statement(
                    text,
                    m.group("s"),
                    (head_start + s[0], head_start + s[1]),
                    m.group("v"),
                    (head_start + v[0], head_start + v[1]),
                    q.span,
                    True,
                    lex,
                    media,
                )
            )
    for sent in doc.sents:
        for m in according.finditer(sent.text):
            base = sent.start_char
            rest = (base + m.end(), sent.end_char)
            lead = (sent.start_char, base + m.start())
            content = rest if m.start() < 3 else lead
            content = _strip(text, content)
            if content[1] - content[0] < 3:
                continue
            out.append(
                _statement(
                    text,
                    m.group("s").strip(),
                    (base + m.start("s"), base + m.start("s") + len(m.group("s").strip())),
                    "according to",
                    (base + m.start(), base + m.start() + len("according to")),
                    content,
                    False,
                    lex,
                    media,
                )
            )
    out.sort(key=lambda s: s.content_span)
    return out


def _strip(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start] in " \t\n,;:":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:":
        end -= 1
    return start, end
