"""The JSON API's response shapes (they make its OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Paged(BaseModel):
    total: int = Field(description="How many items match, over all pages.")
    limit: int
    offset: int
    next: str | None = Field(None, description="The URL of the next page, if any.")


class ArticleItem(BaseModel):
    id: int
    headline: str | None
    outlet: str | None
    published: str | None
    source: str
    url: str | None
    language: str | None
    chars: int = Field(description="Length of the clean body in characters.")
    href: str


class ArticlePage(Paged):
    items: list[ArticleItem]


class StoryItem(BaseModel):
    id: int
    headline: str | None
    articles: list[int] = Field(description="Article ids, oldest first.")
    refs: list[str] = Field(description="The same articles by JSONL id or source.")
    outlets: list[str]
    first_published: str | None
    last_published: str | None
    independent_sources: int | None
    href: str


class StoryPage(Paged):
    items: list[StoryItem]


class EntityItem(BaseModel):
    id: int
    name: str
    kind: str
    aliases: list[str]
    mentions: int
    href: str


class EntityPage(Paged):
    items: list[EntityItem]


class EntityStatement(BaseModel):
    article_id: int
    idx: int
    speaker: str
    speaker_kind: str
    cue: str
    content: str
    direct: bool
    via: int | None
    headline: str | None
    outlet: str | None
    published: str | None


class EntityDetail(EntityItem):
    statements: list[EntityStatement] = Field(description="The latest 200, by date.")
    statement_count: int
    articles: list[int] = Field(description="The latest 1,000 articles that mention it.")
    articles_complete: bool = Field(description="False when more articles mention it.")
    stories: list[StoryItem] = Field(description="The stories of those articles.")
    story_count: int = Field(description="How many stories those articles are in.")


class SearchItem(BaseModel):
    id: int
    headline: str | None
    outlet: str | None
    published: str | None
    source: str
    snippet: str = Field(description="Matching passage as plain text.")
    snippet_html: str = Field(description="The passage, HTML-escaped, with matches in <mark>.")
    rank: float | None = Field(
        description="bm25 score: lower is a better match. None when the results are not ranked."
    )
    href: str


class SearchPage(Paged):
    query: str
    ranked: bool = Field(
        description="True: best match first. False: over 1,000 matches, too many to rank;"
        " the most recently added first."
    )
    total_exact: bool = Field(
        description="False: more than `total` (1,000) articles match; the count stops there."
    )
    items: list[SearchItem]


class Problem(BaseModel):
    detail: Any


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "Bad request (e.g. a search syntax error)."},
    404: {"model": Problem, "description": "Not found."},
}
