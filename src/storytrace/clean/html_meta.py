"""Article metadata from HTML markup: publication time, captions, language, address."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta, tzinfo

import lxml.html

from storytrace.clean.metadata import find_dates, parse_published

_WS = re.compile(r"\s+")
MAX_DATELINE_CHARS = 200
"""Visible lines longer than this are prose; the dates in them are not the page's own."""

# Where pages state their own publication time, most explicit first.
_DATE_XPATHS = (
    '//meta[@property="article:published_time" or @name="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//*[@itemprop="datePublished"]/@datetime',
    '//meta[@name="pubdate" or @name="publishdate" or @name="publish-date" or '
    '@name="parsely-pub-date" or @name="sailthru.date" or @name="dc.date.issued" or '
    '@name="DC.date.issued" or @name="date" or @property="og:published_time"]/@content',
    "//article//time/@datetime",
    "//time[@pubdate]/@datetime",
)


def clean_text(text: str | None) -> str:
    """Whitespace collapsed and stripped."""
    return _WS.sub(" ", text or "").strip()


def _jsonld_dates(tree: lxml.html.HtmlElement, key: str = "datePublished") -> list[str]:
    """`datePublished` (or another `key`'s) values from the page's JSON-LD blocks
    (malformed blocks ignored)."""
    found: list[str] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(found) < 5:
            item = stack.pop()
            if isinstance(item, dict):
                if isinstance(item.get(key), str):
                    found.append(item[key])
                stack.extend(v for v in item.values() if isinstance(v, dict | list))
            elif isinstance(item, list):
                stack.extend(item)
    return found


_MODIFIED_XPATHS = (
    '//meta[@property="article:modified_time" or @name="article:modified_time" or '
    '@property="og:updated_time" or @itemprop="dateModified" or @name="last-modified"]/@content',
    '//*[@itemprop="dateModified"]/@datetime',
)


def modified_days(tree: lxml.html.HtmlElement, default_tz: tzinfo) -> set[date]:
    """The days the page's markup says it was last modified (meta tags, JSON-LD)."""
    values = _jsonld_dates(tree, "dateModified")
    for xpath in _MODIFIED_XPATHS:
        values.extend(str(v) for v in tree.xpath(xpath))
    days = set()
    for value in values:
        parsed = parse_published(value, tz=default_tz)
        if parsed:
            days.add(parsed[0].date())
    return days


_DECLARED_XPATH = (
    '//meta[@property="article:published_time" or @name="article:published_time"]/@content'
)


def declares_published(tree: lxml.html.HtmlElement) -> bool:
    """Whether the page declares its publication time for sharing (Open Graph's
    `article:published_time`). Such pages that show only their last update still date
    the story by that declaration; a page without it means the date it shows, even an
    "Updated ..." one (measured on WCXB: the tune half's update-only pages split along
    this line, and the check half confirmed it)."""
    return any(str(v).strip() for v in tree.xpath(_DECLARED_XPATH))


def stated_published(
    tree: lxml.html.HtmlElement, default_tz: tzinfo
) -> tuple[datetime, str] | None:
    """The publication time the page states in its markup (meta tags, JSON-LD, <time>)."""
    candidates = _jsonld_dates(tree)
    for xpath in _DATE_XPATHS:
        candidates.extend(str(v) for v in tree.xpath(xpath))
    for value in candidates:
        parsed = parse_published(value, tz=default_tz)
        if parsed:
            return parsed
    return None


def visible_days(texts: list[str], tz: tzinfo) -> set[date]:
    """The days written in the page's visible lines (short lines only: datelines, not prose)."""
    days: set[date] = set()
    for text in texts:
        if len(text) <= MAX_DATELINE_CHARS:
            days.update(d.value.date() for d in find_dates(text, tz=tz))
    return days


def year_guess(
    found: tuple[datetime, str], stated: tuple[datetime, str] | None, texts: list[str], tz: tzinfo
) -> bool:
    """Whether htmldate's day is its stand-in for a year alone: 1 January, with no time, that
    neither the markup nor a line of the page gives. htmldate falls back on the copyright
    line ("© 2025 Example Inc.") and returns the year's first day; a page dated by its
    footer would head a story's timeline as its first report."""
    day = found[0].date()
    if found[1] != "day" or (day.month, day.day) != (1, 1):
        return False
    if stated is not None and stated[0].date() == day:
        return False
    return day not in visible_days(texts, tz)


MAX_BODY_DATELINE_REST = 3
"""Words besides its date that a line at the body's top may hold and still be a dateline
("2021-08-09 Emphasizing non-requirements" opens a change-log entry, not the story)."""


def header_dates(
    texts: list[str], tz: tzinfo, max_rest: int | None = None, updates: bool = False
) -> list[tuple[datetime, str, set[date]]]:
    """Publication dates written in the story header's short lines, in order; update
    times ("Updated Jun 16, 2025") left out, or with `updates`, those alone. Each comes
    with the days it may mean: 03/10/2023 is 10 March or 3 October. With `max_rest`, a
    line holding more words than that besides its date is no dateline."""
    out: list[tuple[datetime, str, set[date]]] = []
    for text in texts:
        if len(text) > MAX_DATELINE_CHARS:
            continue
        for d in find_dates(text, tz=tz):
            rest = len((text[: d.start] + " " + text[d.end :]).split())
            if d.updated != updates or (max_rest is not None and rest > max_rest):
                continue
            readings = {d.value.date()}
            readings.update(
                other.value.date()
                for other in find_dates(text[d.start : d.end], tz=tz, day_first=True)
            )
            out.append((d.value, d.precision, readings))
    return out


MAX_ZONE_SHIFT = (timedelta(hours=-12), timedelta(hours=14))
"""The range of UTC offsets: a time stamp's instant falls on these local days somewhere."""


def _same_instant_day(stamp: tuple[datetime, str], day: date) -> bool:
    """Whether a time stamp with its time of day may be the moment a page dates `day` in
    its own zone: 02:17 UTC on 10 December is still 9 December in New York."""
    if stamp[1] == "day" or stamp[0].tzinfo is None:
        return False
    utc = stamp[0].astimezone(UTC).replace(tzinfo=None)
    return (utc + MAX_ZONE_SHIFT[0]).date() <= day <= (utc + MAX_ZONE_SHIFT[1]).date()


def _swapped(day: date) -> date | None:
    """The day with its day and month numbers swapped, when that is a date."""
    try:
        return day.replace(month=day.day, day=day.month) if day.day <= 12 else None
    except ValueError:
        return None


def choose_published(
    found: tuple[datetime, str] | None,
    stated: tuple[datetime, str] | None,
    texts: list[str],
    tz: tzinfo,
    header: list[str] | None = None,
    top: list[str] | None = None,
    modified: set[date] | None = None,
    labelled: tuple[datetime, str] | None = None,
    declared: bool = True,
) -> tuple[datetime, str] | None:
    """The publication time from htmldate's day (`found`), the markup's (`stated`) and
    the dateline in the story header (`header`, the lines above the body, and `top`,
    its first lines, where only a bare dateline counts).

    A reader's date is the one written on the page. One the page calls its publication
    (`labelled`, see `labelled_published`) comes first; a header dateline beats a machine
    date that it contradicts (a machine time stamp that is the dateline's moment in another
    zone agrees with it, and gives the time), unless it is the day the markup says the page
    was `modified` (an update shown without its label) and the page `declared` its
    publication for sharing (see `declares_published`). A page that declares none is dated
    by the day it shows, even an update: its header's "Updated ..." counts when the header
    shows no other date. A machine date that is one reading of an ambiguous dateline
    (03/10/2023) is taken. Otherwise, when the two machine dates disagree, the markup's wins
    over htmldate's reading of it with day and month swapped and over htmldate's pick of the
    last modification, then the one written somewhere in the page's `texts` wins,
    htmldate's by default; when they agree, the markup's gives the time of day.
    """
    machines = [c for c in (stated, found) if c is not None]
    if labelled is not None:
        day = labelled[0].date()
        agreeing = [c for c in machines if c[0].date() == day]
        agreeing = agreeing or [c for c in machines if _same_instant_day(c, day)]
        return agreeing[0] if agreeing else labelled
    written = header_dates(header or [], tz) + header_dates(top or [], tz, MAX_BODY_DATELINE_REST)
    machine = {c[0].date() for c in (stated, found) if c is not None}
    if declared:
        updates = (modified or set()) - machine
        written = [w for w in written if w[0].date() not in updates]
    elif not written:
        written = header_dates(header or [], tz, updates=True)
    if written:
        days = set().union(*(readings for _, _, readings in written))
        agreeing = [c for c in (stated, found) if c is not None and c[0].date() in days]
        # A time stamp that is the dateline's moment in another zone says it more exactly.
        agreeing = agreeing or [c for c in machines if _same_instant_day(c, written[0][0].date())]
        if agreeing:
            return agreeing[0]
        # Datelines of several days above the story are a list of other stories' bylines;
        # the markup and htmldate agreeing on another day outweigh them.
        several = len({w[0].date() for w in written}) > 1
        if not (several and stated and found and stated[0].date() == found[0].date()):
            return written[0][:2]
    if stated is None or found is None:
        return stated or found
    if stated[0].date() in (found[0].date(), _swapped(found[0].date())):
        return stated
    if found[0].date() in (modified or set()) - {stated[0].date()}:
        return stated
    days = visible_days(texts, tz)
    if stated[0].date() in days and found[0].date() not in days:
        return stated
    return found


def captions(tree: lxml.html.HtmlElement) -> list[str]:
    """Photo captions: <figcaption> and elements whose class marks a caption."""
    found: list[str] = []
    xpath = (
        "//figcaption | //*[contains(concat(' ', translate(@class, "
        "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), ' '), 'caption')]"
    )
    for el in tree.xpath(xpath):
        if el.xpath("ancestor::figcaption"):
            continue
        text = clean_text(el.text_content())
        if 3 <= len(text) <= 600 and text not in found and not any(text in f for f in found):
            found.append(text)
    return found


MAX_CAPTION_WORDS = 40


def image_captions(tree: lxml.html.HtmlElement) -> frozenset[str]:
    """Texts that caption a picture without saying so in their markup: the element right
    after an `<img>` (`<img ...><div>The two leaders met in Doha</div>`), and a visible
    repeat of an image's alt or title text."""
    found: set[str] = set()
    for img in tree.iter("img"):
        for attr in ("alt", "title"):
            text = clean_text(img.get(attr))
            if len(text.split()) >= 3:
                found.add(text)
        after = img.getnext()
        if after is not None and isinstance(after.tag, str) and after.tag not in ("p", "img"):
            text = clean_text(after.text_content())
            if text and len(text.split()) <= MAX_CAPTION_WORDS:
                found.add(text)
    return frozenset(found)


def language(tree: lxml.html.HtmlElement) -> str | None:
    """The page's declared language as an ISO 639-1 code (`en-GB` -> `en`)."""
    lang = tree.get("lang") or tree.get("xml:lang")
    if not lang:
        metas = tree.xpath('//meta[@http-equiv="content-language"]/@content')
        lang = metas[0] if metas else None
    code = (lang or "").strip().split("-")[0].split("_")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


def canonical_url(tree: lxml.html.HtmlElement) -> str | None:
    """The page's own address: <link rel=canonical> or og:url."""
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        for value in tree.xpath(xpath):
            value = str(value).strip()
            if value.startswith(("http://", "https://")):
                return value
    return None
