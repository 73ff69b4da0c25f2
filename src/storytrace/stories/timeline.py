"""A story's timeline: the dated events of its articles, in date order."""

from __future__ import annotations

from collections.abc import Iterable

from storytrace.model import Annotations, Article, TimelineEntry
from storytrace.stories.claims import article_order
from storytrace.stories.items import outlet_name

StoryArticle = tuple[int, Article, Annotations]


def timeline(articles: Iterable[StoryArticle]) -> list[TimelineEntry]:
    """Every DatedEvent of the articles with its article and outlet, ordered by date.

    Order: start date, then end date (a day before the month that holds it), then the
    article's publication order, then place in the text. Events of an undated article
    were placed by its ingest time and keep `anchored=False`, so a reader can tell.
    """
    entries = []
    for article_id, article, notes in articles:
        outlet = outlet_name(article)
        order = article_order(article_id, article)
        for event in notes.dates:
            key = (event.start, event.end, order, event.span)
            entries.append((key, TimelineEntry(article=article_id, outlet=outlet, event=event)))
    entries.sort(key=lambda e: e[0])
    return [entry for _, entry in entries]
