"""Assemble a `Story` from its articles: copies, claims, provenance, timeline."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from storytrace.model import Annotations, Article, EntityKind, Story
from storytrace.stories.claims import article_order, group_claims, sentence_spans
from storytrace.stories.items import outlet_name
from storytrace.stories.near_duplicates import find_syndicated
from storytrace.stories.provenance import provenance
from storytrace.stories.timeline import timeline

StoryArticle = tuple[int, Article, Annotations]
MAIN_ENTITIES = 10
HEADLINE_CHARS = 200


def build_story(story_id: int, articles: Iterable[StoryArticle]) -> Story:
    """The full account of one story from its (article id, Article, Annotations) triples.

    Syndicated copies are found among the articles and linked to their earliest original;
    claims, provenance, the source count and the timeline are read from originals only.
    The headline is the earliest original's (or its first sentence when it has none).
    """
    ordered = sorted(articles, key=lambda a: article_order(a[0], a[1]))
    if not ordered:
        raise ValueError(f"story {story_id} has no articles")
    syndicated = find_syndicated((aid, art.body, art.published) for aid, art, _ in ordered)
    originals = [a for a in ordered if a[0] not in syndicated]
    trees, independent = provenance(originals)
    times = [art.published for _, art, _ in ordered if art.published is not None]
    outlets: list[str] = []
    for _, art, _ in ordered:
        name = outlet_name(art)
        if name not in outlets:
            outlets.append(name)
    return Story(
        id=story_id,
        headline=_headline(originals),
        articles=[aid for aid, _, _ in ordered],
        outlets=outlets,
        first_published=min(times, key=_stamp) if times else None,
        last_published=max(times, key=_stamp) if times else None,
        entities=main_entities(originals),
        claims=group_claims(originals),
        provenance=trees,
        independent_sources=independent,
        syndicated=syndicated,
        timeline=timeline(originals),
    )


def _stamp(when: datetime) -> float:
    try:
        return when.timestamp()
    except (OverflowError, ValueError, OSError):
        return 0.0


def _headline(originals: list[StoryArticle]) -> str:
    for _, article, _ in originals:
        if article.headline and article.headline.strip():
            return " ".join(article.headline.split())
    _, article, notes = originals[0]
    body = article.body
    spans = sentence_spans(body, notes)
    text = " ".join(body[spans[0][0] : spans[0][1]].split()) if spans else ""
    return text if len(text) <= HEADLINE_CHARS else text[: HEADLINE_CHARS - 1].rstrip() + "…"


def main_entities(originals: Iterable[StoryArticle], limit: int = MAIN_ENTITIES) -> list[str]:
    """Canonical entities named in most of the articles (then most often), outlets left out."""
    articles_naming: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    for _, _, notes in originals:
        names = [
            (m.entity or m.text).strip()
            for m in notes.mentions
            if m.kind != EntityKind.OUTLET and (m.entity or m.text).strip()
        ]
        mentions.update(names)
        articles_naming.update(set(names))
    ranked = sorted(mentions, key=lambda n: (-articles_naming[n], -mentions[n], n))
    return ranked[:limit]
