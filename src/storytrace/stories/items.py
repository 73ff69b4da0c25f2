"""What the stories stage reads of a stored article: `StoryItem`s and outlet names."""

from __future__ import annotations

from storytrace.model import Annotations, Article, EntityKind, StoryItem

UNKNOWN_OUTLET = "unknown outlet"


def outlet_name(article: Article) -> str:
    """The outlet an article is shown under: its outlet, else its domain, else 'unknown outlet'."""
    return (article.outlet or article.domain or UNKNOWN_OUTLET).strip() or UNKNOWN_OUTLET


def story_item(article_id: int, article: Article, annotations: Annotations | None) -> StoryItem:
    """The clustering input of one article: text, time, outlet and canonical entities.

    Outlets named in the text are left out of the entities: that two articles both cite
    Bloomberg says little about whether they tell the same story.
    """
    entities = []
    for m in annotations.mentions if annotations else ():
        if m.kind == EntityKind.OUTLET:
            continue
        name = (m.entity or m.text or "").strip()
        if name:
            entities.append((name, str(m.kind)))
    return StoryItem(
        article=article_id,
        headline=article.headline,
        body=article.body,
        published=article.published,
        outlet=outlet_name(article),
        entities=entities,
        input_id=article.input_id,
    )
