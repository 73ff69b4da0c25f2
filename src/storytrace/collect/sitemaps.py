"""Sitemaps (XML, news sitemaps, sitemap indexes, and plain-text lists) to the URLs they list."""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree

from storytrace.model import InputError

from .links import Link

_PARSER_ARGS = {"resolve_entities": False, "no_network": True, "huge_tree": False}


def sitemap_links(body: bytes, url: str) -> list[Link]:
    """The URLs a sitemap lists, in order; an index's entries are marked `{"sitemap": True}`.

    A news sitemap's title, publication date and publication name come along as
    `title`, `published` and `outlet`. InputError when the body is no sitemap.
    """
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"http://", b"https://")):
        return _text_sitemap(stripped)
    try:
        root = etree.fromstring(body, etree.XMLParser(recover=True, **_PARSER_ARGS))
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not a sitemap ({exc})") from None
    if root is None or _local(root) not in ("urlset", "sitemapindex"):
        raise InputError("not a sitemap (no urlset or sitemapindex)")
    is_index = _local(root) == "sitemapindex"
    links = []
    for entry in root:
        if not isinstance(entry.tag, str):
            continue  # comments, processing instructions
        fields = _children(entry)
        loc = fields.get("loc")
        if loc is None or not (loc.text or "").strip():
            continue
        info = {"sitemap": True} if is_index else _news_info(fields.get("news"))
        if not is_index and (lastmod := _text(fields.get("lastmod"))):
            info["lastmod"] = lastmod
        links.append(Link(urljoin(url, loc.text.strip()), info))
    return links


def _text_sitemap(body: bytes) -> list[Link]:
    text = body.decode("utf-8", errors="replace")
    return [Link(line.strip()) for line in text.splitlines() if line.strip()]


def _news_info(news: etree._Element | None) -> dict:
    if news is None:
        return {}
    fields = _children(news)
    info = {}
    if title := _text(fields.get("title")):
        info["title"] = title
    if published := _text(fields.get("publication_date")):
        info["published"] = published
    publication = fields.get("publication")
    if publication is not None and (name := _text(_children(publication).get("name"))):
        info["outlet"] = name
    return info


def _children(element: etree._Element) -> dict[str, etree._Element]:
    """Child elements by local name (the first of each), whatever namespace prefix is used."""
    found: dict[str, etree._Element] = {}
    for child in element:
        if isinstance(child.tag, str):
            found.setdefault(_local(child), child)
    return found


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _text(element: etree._Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return " ".join(element.text.split()) or None
