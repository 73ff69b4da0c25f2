"""Which format an input is, from its content; the file name is only a hint."""

from __future__ import annotations

import json
import re

TEXT = "text/plain"
HTML = "text/html"
JSONL = "application/jsonl"
WARC = "application/warc"

_JSONL_NAMES = (".jsonl", ".ndjson", ".json")
_HEAD = 65536
_HTML_MARKERS = re.compile(rb"<!doctype\s+html|<(?:html|head|body)[\s>]", re.IGNORECASE)
_HTML_TAGS = re.compile(
    rb"</?(?:p|div|span|a|br|hr|li|ul|ol|h[1-6]|table|tr|td|img|figure|figcaption|section"
    rb"|article|header|footer|nav|main|aside|script|style|meta|link|strong|em|b|i|blockquote)"
    rb"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_MIN_TAGS = 4
_MAX_CHARS_PER_TAG = 2000
# With a JSONL name, a file stays JSONL when some of its lines are broken; without one,
# every line must look like a JSON object.
_MIN_OBJECT_SHARE_NAMED = 0.5


def sniff(data: bytes, name: str = "") -> str:
    """`application/warc`, `application/jsonl`, `text/html` or `text/plain` for gunzipped bytes."""
    if data.startswith(b"WARC/1."):
        return WARC
    if _looks_like_jsonl(data, name.lower().endswith(_JSONL_NAMES)):
        return JSONL
    if looks_like_html(data[:_HEAD]):
        return HTML
    return TEXT


def looks_like_html(head: bytes) -> bool:
    """A doctype, an html/head/body tag, or markup dense enough to be an HTML fragment."""
    if _HTML_MARKERS.search(head):
        return True
    tags = len(_HTML_TAGS.findall(head))
    return tags >= _MIN_TAGS and tags * _MAX_CHARS_PER_TAG >= len(head.strip())


def _looks_like_jsonl(data: bytes, named: bool) -> bool:
    lines = [line.strip() for line in data.splitlines()]
    lines = [line for line in lines if line]
    if not lines or not _is_json_object(lines[0].removeprefix(b"\xef\xbb\xbf")):
        return False
    objects = sum(1 for line in lines if line.startswith(b"{") and line.endswith(b"}"))
    needed = _MIN_OBJECT_SHARE_NAMED if named else 1.0
    return objects >= needed * len(lines)


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
