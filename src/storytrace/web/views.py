"""The data behind each page, shared by the HTML pages and the JSON API."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode, urlsplit

from markupsafe import Markup, escape

from storytrace.annotate import unsupported_language
from storytrace.model import Annotations, Article, Claim, Story, to_dict
from storytrace.store import Store
from storytrace.web import highlight, provenance, queries
from storytrace.web.story_cache import StoryIndex

SAFE_SCHEMES = ("http", "https")
ENTITY_ARTICLES = 1000
"""An entity's latest this-many articles are listed, and their stories found."""
ENTITY_STATEMENTS = 200
"""An entity's latest this-many statements are read (the JSON API's default)."""


class BadRequest(ValueError):
    """A request parameter that cannot be used as given; the message says why."""


def parse_day(value: str | None, name: str) -> date | None:
    """A YYYY-MM-DD form field, or None when it is empty."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadRequest(f"{name} must be a date written YYYY-MM-DD, not {value!r}") from None


def page_url(path: str, params: dict[str, Any]) -> str:
    """A same-site URL with its query string (empty values left out)."""
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def safe_link(url: str | None) -> str | None:
    """The URL if it is a plain http(s) address a browser may open, else None (shown as text)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in SAFE_SCHEMES and parts.netloc:
        return url.strip()
    return None


# -- stories -----------------------------------------------------------------------------


@dataclass(slots=True)
class StoryFilters:
    sort: str = "latest"
    outlet: str | None = None
    entity: str | None = None
    since: date | None = None
    until: date | None = None

    def params(self) -> dict[str, Any]:
        return {
            "sort": self.sort if self.sort != "latest" else None,
            "outlet": self.outlet,
            "entity": self.entity,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }


def stories(
    store: Store, filters: StoryFilters, index: StoryIndex
) -> tuple[list[dict[str, Any]], str | None]:
    """Stories matching the filters, and a note when a filter matched nothing to filter by."""
    if filters.sort not in queries.STORY_SORTS:
        raise BadRequest(f"sort must be one of {', '.join(queries.STORY_SORTS)}")
    if filters.since and filters.until and filters.since > filters.until:
        raise BadRequest("the 'since' date is after the 'until' date")
    note = None
    story_ids = None
    if filters.entity:
        found = queries.entity_by_name(store, filters.entity)
        story_ids = set()
        if found:
            article_ids = set(queries.entity_article_ids(store, found["name"]))
            story_ids = {r["id"] for r in index.stories_of(article_ids)}
        else:
            note = f"no entity is named {filters.entity!r}"
    rows = queries.filter_stories(
        index.in_order(filters.sort),
        outlet=filters.outlet,
        story_ids=story_ids,
        since=filters.since,
        until=filters.until,
    )
    return rows, note


def story_item(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "href": f"/stories/{row['id']}"}


@dataclass(slots=True)
class ClaimView:
    """A claim as the page shows it: each outlet's wording, and who it rests on."""

    text: str
    outlets: list[str]
    sentences: list[dict[str, Any]]
    """Each: article id (or None), outlet, text."""
    speakers: list[dict[str, Any]]
    """Each distinct speaker: name, kind, and the href of the first statement."""


def claim_view(claim: Claim) -> ClaimView:
    sentences = [
        {
            "article": _int(s.get("article")),
            "outlet": s.get("outlet"),
            "text": str(s.get("text") or ""),
        }
        for s in claim.sentences
        if isinstance(s, dict)
    ]
    speakers = []
    for name, kind, sp in claim.distinct_speakers():
        article, statement = _int(sp.get("article")), _int(sp.get("statement"))
        href = f"/articles/{article}" if article is not None else None
        if href and statement is not None:
            href += f"#statement-{statement}"
        speakers.append({"name": name, "kind": kind, "href": href})
    outlets = list(dict.fromkeys(str(o) for o in claim.outlets))
    return ClaimView(claim.text, outlets, sentences, speakers)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(slots=True)
class OutletColumn:
    name: str
    articles: list[dict[str, Any]]
    unique_claims: list[ClaimView]


@dataclass(slots=True)
class StoryView:
    story: Story
    articles: dict[int, dict[str, Any]]
    columns: list[OutletColumn]
    shared_claims: list[ClaimView]
    drawing: provenance.Drawing
    timeline: list[Any] = field(default_factory=list)


def story_view(store: Store, story: Story) -> StoryView:
    """A story's outlets side by side, its claims shared and unique, provenance and timeline."""
    briefs = queries.article_briefs(store, story.articles)
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article_id in story.articles:
        brief = briefs.get(article_id)
        if brief:
            by_outlet[brief["outlet"] or "unknown outlet"].append(brief)
    names = list(dict.fromkeys([*story.outlets, *by_outlet]))
    claims = [claim_view(c) for c in story.claims]
    shared = [c for c in claims if len(c.outlets) > 1]
    unique: dict[str, list[ClaimView]] = defaultdict(list)
    for claim in claims:
        if len(claim.outlets) == 1:
            unique[claim.outlets[0]].append(claim)
    columns = [OutletColumn(n, by_outlet.get(n, []), unique.get(n, [])) for n in names]
    timeline = sorted(story.timeline, key=lambda e: (e.event.start, e.event.end, e.article))
    return StoryView(story, briefs, columns, shared, provenance.layout(story.provenance), timeline)


def story_json(story: Story) -> dict[str, Any]:
    return {**to_dict(story), "href": f"/stories/{story.id}"}


# -- articles ----------------------------------------------------------------------------


@dataclass(slots=True)
class ArticleView:
    id: int
    article: Article
    annotations: Annotations
    paragraphs: list[Markup]
    entity_ids: dict[str, int]
    link: str | None
    entities: list[tuple[str, str, int, int | None]]
    """(name, kind, mentions in this article, entity id or None), most mentioned first."""
    not_annotated: str | None = None
    """Why the article has no entities, statements or dates (its language), or None."""


def article_view(store: Store, article_id: int) -> ArticleView | None:
    try:
        article, annotations = store.article(article_id)
    except KeyError:
        return None
    names = [m.entity for m in annotations.mentions]
    names += [s.speaker_entity for s in annotations.statements]
    ids = queries.entity_ids(store, names)
    body = article.body
    marks = highlight.layers(annotations, ids, len(body))
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for m in annotations.mentions:
        counts[(m.entity or m.text, m.kind.value)] += 1
    entities = sorted(
        ((name, kind, n, ids.get(name)) for (name, kind), n in counts.items()),
        key=lambda e: (-e[2], e[0]),
    )
    return ArticleView(
        article_id,
        article,
        annotations,
        highlight.paragraphs(body, marks),
        ids,
        safe_link(article.url),
        entities,
        unsupported_language(article),
    )


def article_item(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "href": f"/articles/{row['id']}"}


def article_json(view: ArticleView) -> dict[str, Any]:
    return {
        "id": view.id,
        **to_dict(view.article),
        "body": view.article.body,
        **to_dict(view.annotations),
        "entity_ids": view.entity_ids,
        "href": f"/articles/{view.id}",
    }


# -- entities ----------------------------------------------------------------------------


def entity_item(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "href": f"/entities/{row['id']}"}


def entity_detail(
    store: Store,
    entity_id: int,
    index: StoryIndex,
    limit: int = ENTITY_ARTICLES,
    *,
    statements: int = ENTITY_STATEMENTS,
    statement_offset: int = 0,
    count_cap: int | None = None,
    stories: int | None = None,
) -> dict[str, Any] | None:
    """An entity with its latest statements and articles, and the stories those are in.

    With `count_cap`, statements are counted no further than one past it (the page then
    says "more than"); without, in full. With `stories`, only the first so many stories
    are listed (`story_count` says how many there are).
    """
    found = queries.entity(store, entity_id)
    if found is None:
        return None
    article_ids = queries.entity_article_ids(store, found["name"], limit)
    said = queries.entity_statements(store, found["name"], statements, statement_offset)
    for s in said:
        s["direct"] = bool(s["direct"])
    cap = None if count_cap is None else count_cap + 1
    found_stories = index.stories_of(set(article_ids))
    return {
        **entity_item(found),
        "statements": said,
        "statement_count": queries.entity_statement_count(store, found["name"], cap),
        "articles": article_ids,
        "articles_complete": len(article_ids) < limit,
        "stories": [story_item(r) for r in found_stories[:stories]],
        "story_count": len(found_stories),
    }


# -- search ------------------------------------------------------------------------------


def snippet_html(snippet: str | None) -> Markup:
    """The snippet escaped piece by piece, matches in <mark>."""
    return Markup("").join(
        Markup("<mark>{}</mark>").format(text) if hit else escape(text)
        for text, hit in queries.snippet_parts(snippet)
    )


def search_item(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "headline": row["headline"],
        "outlet": row["outlet"],
        "published": row["published"],
        "source": row["source"],
        "snippet": queries.plain_snippet(row["snippet"]),
        "snippet_html": str(snippet_html(row["snippet"])),
        "rank": row["rank"],
        "href": f"/articles/{row['id']}",
    }
