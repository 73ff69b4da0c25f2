"""Feeds to the article links they list: RSS and Atom with feedparser, JSON Feed by hand."""

from __future__ import annotations

import calendar
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from storytrace.model import InputError

from .links import Link


def feed_links(body: bytes, url: str, content_type: str = "") -> list[Link]:
    """The entries' links, in feed order; InputError when the body is no feed at all.

    Relative links are resolved against the feed's own URL. feedparser is given
    bytes, never a URL, so it fetches nothing itself.
    """
    if body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return json_feed_links(body, url)
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


def json_feed_links(body: bytes, url: str) -> list[Link]:
    """The items of a JSON Feed (jsonfeed.org), which feedparser 6.0 does not read."""
    try:
        feed = json.loads(body)
    except ValueError as exc:
        raise InputError(f"not a feed (invalid JSON: {exc})") from None
    if not isinstance(feed, dict) or "jsonfeed.org" not in str(feed.get("version", "")):
        raise InputError("not a feed (JSON without a jsonfeed.org version)")
    links = []
    for item in feed.get("items") or []:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        if isinstance(link, str) and link.strip():
            info = {key: item[key] for key in ("title",) if isinstance(item.get(key), str)}
            if isinstance(item.get("date_published"), str):
                info["published"] = item["date_published"]
            if isinstance(feed.get("title"), str):
                info["feed_title"] = feed["title"]
            links.append(Link(urljoin(url, link.strip()), info))
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
