"""clean stage: a Page to an Article, through the cleaner registered for its media type.

`clean/text.py` registers "text/plain", `clean/html.py` registers "text/html";
a user may register more with `@cleaners.register("media/type")`. Metadata that
came with the input (a JSONL record's title, outlet, url, published, id) wins
over what a cleaner read from the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storytrace.clean.language import detect_language
from storytrace.clean.metadata import (
    date_from_url,
    dateline_from_removed,
    domain_of,
    outlet_for_domain,
    parse_published,
)
from storytrace.model import Article, InputError, Options, Page
from storytrace.registry import Registry

Cleaner = Callable[[Page, Options], Article]
cleaners: Registry[Cleaner] = Registry("cleaner")


def clean(page: Page, options: Options) -> Article:
    """The cleaned article of `page`, by the cleaner registered for its media type.

    Raises InputError for a page that could not be read or has no cleaner, and
    NoArticle for a page that holds no article.
    """
    if page.error:
        raise InputError(page.error)
    if page.media_type not in cleaners:
        known = ", ".join(cleaners.names()) or "none"
        raise InputError(
            f"{page.source}: no cleaner for media type {page.media_type!r} (known: {known})"
        )
    article = cleaners.get(page.media_type)(page, options)
    if article.published is None:
        # Any cleaner: a dateline it removed but did not read (outside its header window).
        found = dateline_from_removed(
            article.removed, tz=options.default_timezone, now=options.fetched_at or page.fetched_at
        )
        if found:
            article.published, article.published_precision = found.value, found.precision
    url_day = date_from_url(page.meta.get("url") or article.url, tz=options.default_timezone)
    if url_day and (article.published is None or article.published.date() != url_day.date()):
        # The address names the day the story first ran; a dateline that disagrees is
        # most often an update's.
        article.published, article.published_precision = url_day, "day"
    apply_meta(article, page.meta, options)
    if not article.language:
        article.language = detect_language(article.body)
    return article


def apply_meta(article: Article, meta: dict[str, Any], options: Options) -> None:
    """Let the metadata that came with the input override what the cleaner found."""
    title = _text(meta.get("title"))
    if title:
        article.headline = title
    url = _text(meta.get("url"))
    if url:
        article.url = url
        article.domain = domain_of(url) or article.domain
    outlet = _text(meta.get("outlet"))
    if outlet:
        article.outlet = outlet
    elif url and outlet_for_domain(article.domain):
        article.outlet = outlet_for_domain(article.domain)
    published = parse_published(meta.get("published"), tz=options.default_timezone)
    if published:
        article.published, article.published_precision = published
    ident = meta.get("id")
    if ident is not None and str(ident).strip():
        article.input_id = str(ident).strip()


def _text(value: Any) -> str | None:
    """A metadata value as a stripped string, None when absent or blank."""
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(str(value).split())
    return text or None


# Imported for their registrations.
from storytrace.clean import html as _html_cleaner  # noqa: E402, F401
from storytrace.clean import text as _text_cleaner  # noqa: E402, F401
