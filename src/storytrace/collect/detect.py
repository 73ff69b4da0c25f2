"""What a response is, from its content type and a sniff of its body: feed, sitemap or page."""

from __future__ import annotations

import io
import re

from lxml import etree

from storytrace.ingest.binary import binary_reason
from storytrace.ingest.detect import looks_like_html

FEED = "feed"
SITEMAP = "sitemap"
HTML = "text/html"
TEXT = "text/plain"

_FEED_ROOTS = frozenset({"rss", "feed", "RDF", "channel"})
_SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_JSON_FEED_TYPES = ("application/feed+json",)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_XML_START = re.compile(rb"^\s*(?:<\?xml|<!--|<[A-Za-z_])")
_URL_LINE = re.compile(rb"^\s*https?://\S+\s*$", re.IGNORECASE)
_HEAD = 65536


def media_type(content_type: str) -> str:
    """`text/html` from `text/html; charset=utf-8`."""
    return content_type.split(";", 1)[0].strip().lower()


def charset(content_type: str) -> str | None:
    """The charset a Content-Type header names, if any."""
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def xml_root(body: bytes) -> str | None:
    """The local name of the document element, if the body starts like XML."""
    head = body[:_HEAD].removeprefix(b"\xef\xbb\xbf")
    if not _XML_START.match(head):
        return None
    parser_args = {"resolve_entities": False, "no_network": True, "recover": True}
    try:
        for _event, element in etree.iterparse(io.BytesIO(body), events=("start",), **parser_args):
            return etree.QName(element).localname
    except (etree.XMLSyntaxError, ValueError):
        return None
    return None


def classify(body: bytes, content_type: str) -> str | None:
    """`feed`, `sitemap`, `text/html`, `text/plain`, or None for anything else (PDF, images).

    The body decides over the header: servers label feeds `text/xml`, sitemaps
    `application/octet-stream`, and pages anything at all.
    """
    kind = media_type(content_type)
    root = xml_root(body)
    if root in _SITEMAP_ROOTS:
        return SITEMAP
    if root in _FEED_ROOTS or kind in _FEED_TYPES:
        return FEED
    head = body[:_HEAD]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        # JSON: a JSON Feed, or nothing storytrace reads.
        return FEED if kind in _JSON_FEED_TYPES or b"jsonfeed.org/version" in head else None
    if root == "html" or kind in _HTML_TYPES or looks_like_html(head):
        return HTML
    if kind in ("text/plain", "") and _is_url_list(head):
        return SITEMAP  # a text sitemap: one URL per line
    if kind == "text/plain" or (not kind and root is None and _is_text(head)):
        return TEXT
    return None


def _is_url_list(head: bytes) -> bool:
    lines = [line for line in head.splitlines() if line.strip()]
    return bool(lines) and all(_URL_LINE.match(line) for line in lines[:1000])


def _is_text(head: bytes) -> bool:
    return binary_reason(head) is None
