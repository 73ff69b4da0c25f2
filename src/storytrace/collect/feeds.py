"""RSS and Atom (and JSON Feed) documents to the article links they list, with feedparser."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from typing import Any

import feedparser

from storytrace.model import InputError

from .links import Link


def feed_links(body: bytes, url: str, content_type: str = "") -> list[Link]:
    """The entries' links, in feed order; InputError when the body is no feed at all.

    Relative links are resolved against the feed's own URL. feedparser is given
    bytes, never a URL, so it fetches nothing itself.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    if parsed.get("bozo") and not parsed.get("entries") and not parsed.get("version"):
        raise InputError(f"not a feed ({parsed.get('bozo_exception')})")
    source = parsed.get("feed", {}).get("title")
    links = []
    for entry in parsed.get("entries", []):
        link = _entry_link(entry)
        if link:
            links.append(Link(link, _entry_info(entry, source)))
    return links


def _entry_link(entry: Any) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"].strip()
    link = entry.get("link") or entry.get("id")
    if isinstance(link, str) and link.strip().startswith(("http://", "https://")):
        return link.strip()
    return None


def _entry_info(entry: Any, source: str | None) -> dict[str, Any]:
    info: dict[str, Any] = {}
    if entry.get("title"):
        info["title"] = entry["title"]
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    if published:
        # feedparser gives UTC as a struct_time.
        info["published"] = datetime.fromtimestamp(calendar.timegm(published), UTC).isoformat()
    if source:
        info["feed_title"] = source
    return info
