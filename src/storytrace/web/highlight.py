"""An article body as paragraphs of escaped text with statements and entities marked.

Spans are character offsets into `article.body` (paragraphs joined by one blank
line). The body is cut at every span boundary; each piece is escaped on its own and
wrapped in markup that we write, so article text never becomes markup.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from markupsafe import Markup, escape

from storytrace.model import Annotations

PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True, slots=True)
class Layer:
    """One highlighted span: its class, and what the piece links to or says on hover."""

    start: int
    end: int
    css: str
    href: str | None = None
    title: str | None = None


def layers(annotations: Annotations, entity_ids: dict[str, int], body_length: int) -> list[Layer]:
    """The spans to mark: statement contents, speakers, cues, and entity mentions."""
    found: list[Layer] = []
    for idx, s in enumerate(annotations.statements):
        speaker = s.speaker_entity or s.speaker
        found.append(
            Layer(
                *s.content_span,
                "statement",
                f"#statement-{idx}",
                f"statement {idx + 1}: {speaker}, {s.cue}",
            )
        )
        if s.speaker_span:
            found.append(Layer(*s.speaker_span, "speaker"))
        if s.cue_span:
            found.append(Layer(*s.cue_span, "cue"))
    for m in annotations.mentions:
        entity_id = entity_ids.get(m.entity or "")
        href = f"/entities/{entity_id}" if entity_id is not None else None
        found.append(Layer(*m.span, f"entity {m.kind.value}", href, m.entity or m.text))
    return [
        layer
        for layer in found
        if 0 <= layer.start < layer.end <= body_length
        and isinstance(layer.start, int)
        and isinstance(layer.end, int)
    ]


def paragraphs(body: str, marks: list[Layer]) -> list[Markup]:
    """The body's paragraphs as markup, each piece escaped and wrapped in its layers."""
    out: list[Markup] = []
    start = 0
    for text in body.split(PARAGRAPH_BREAK):
        end = start + len(text)
        inside = [m for m in marks if m.start < end and m.end > start]
        out.append(_paragraph(body, start, end, inside))
        start = end + len(PARAGRAPH_BREAK)
    return out


def _paragraph(body: str, start: int, end: int, marks: list[Layer]) -> Markup:
    cuts = {start, end}
    for m in marks:
        cuts.update(c for c in (m.start, m.end) if start < c < end)
    points = sorted(cuts)
    html: list[str] = []
    for left, right in itertools.pairwise(points):
        piece: Markup = escape(body[left:right])
        active = [m for m in marks if m.start <= left and m.end >= right]
        # Widest layer outermost, so a mention's link sits inside its statement.
        for m in sorted(active, key=lambda m: m.end - m.start):
            piece = _wrap(piece, m)
        html.append(piece)
    return Markup("").join(html)


def _wrap(inner: Markup, layer: Layer) -> Markup:
    title = Markup(' title="{}"').format(layer.title) if layer.title else Markup("")
    if layer.href and layer.css.startswith("entity"):
        return Markup('<a class="{}" href="{}"{}>{}</a>').format(
            layer.css, layer.href, title, inner
        )
    if layer.css == "statement":
        return Markup('<mark class="statement"{}>{}</mark>').format(title, inner)
    return Markup('<span class="{}"{}>{}</span>').format(layer.css, title, inner)
