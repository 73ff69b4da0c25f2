"""The headline of an HTML article: the visible heading above the body, found by the title.

`<title>` and `og:title` usually carry the headline plus the site's name and section
("Covic turns up heat on Schwarzer - Football - Sport"), and the first `<h1>` is often
the site's logo. The headline a reader sees is the heading that the page's title starts
with, or the heading just above the article body; failing both, the title without its
site and section parts.
"""

from __future__ import annotations

import dataclasses
import json
import re

import lxml.html

from storytrace.clean.html_blocks import Block
from storytrace.clean.lines import chrome_phrases
from storytrace.clean.metadata import find_dates
from storytrace.clean.resources import comparable, content_words

_WS = re.compile(r"\s+")
_SEPARATORS = re.compile(r"\s+[|\-–—:»«•·/]{1,2}\s+|\s*::\s*|_{1,2}(?=[A-Z])")
_HEADING_TAGS = {"h1": 3.0, "h2": 2.0, "h3": 1.0, "h4": 0.5}
HEADLINE_WORDS = (4, 25)
CLOSE = 8
"""How many blocks above the body a headline-shaped line with no other sign may sit."""
_NOT_HEADLINE = re.compile(
    r"^(?:by|posted|published|updated|last updated|share|print|e-?mail|advertisement|home)\b"
    r"|[|>»]|\b(?:19|20)\d\d\b.*\d:\d\d|\b(?:am|pm|gmt|est|edt|pst)\b"
    r"|^(?:\d+|an?|one)\s+\w+\s+ago\b"  # a relative date ("2 days ago")
    # A photo credit ("Kenneth Perez © Reuters") or a byline's role ("MARK SMITH, Deputy
    # Business Editor", "Sally Grover - Celebrity News Service News Writer").
    r"|©|\(c\)\s|\b(?:editor|writer|correspondent|reporter|columnist|contributor)s?\s*$",
    re.IGNORECASE,
)
MAX_WORDS = 40
LOOKBACK = 25
BELOW = 3
"""How many blocks below the body's first paragraph a title match still counts much."""
"""How many blocks above the body's first paragraph a headline may sit."""


def _words(text: str) -> int:
    return len(text.split())


def title_candidates(tree: lxml.html.HtmlElement) -> list[str]:
    """What the page's markup says its title is: og/twitter title, JSON-LD headline, <title>."""
    found: list[str] = []
    xpaths = (
        '//meta[@property="og:title" or @name="og:title"]/@content',
        '//meta[@name="twitter:title" or @property="twitter:title"]/@content',
        '//meta[@itemprop="headline"]/@content',
        "//head/title//text()",
        "//title//text()",
    )
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            text = _WS.sub(" ", str(value)).strip()
            if text and text not in found:
                found.append(text)
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("headline"), str):
                text = _WS.sub(" ", item["headline"]).strip()
                if text and text not in found:
                    found.append(text)
    return found


def site_names(tree: lxml.html.HtmlElement) -> list[str]:
    """The names the page's markup gives its site (og:site_name, application-name)."""
    xpath = (
        '//meta[@property="og:site_name" or @name="og:site_name" or '
        '@name="application-name" or @name="apple-mobile-web-app-title"]/@content'
    )
    return [_WS.sub(" ", str(v)).strip() for v in tree.xpath(xpath) if str(v).strip()]


def strip_site(title: str, sites: list[str]) -> str:
    """The title without the parts that name the site or its section.

    The longest part of a title split at separators (` | `, ` - `, `_`) is the headline;
    parts that name the site are dropped first.
    """
    parts = [p.strip() for p in _SEPARATORS.split(title) if p and p.strip()]
    if len(parts) <= 1:
        return title.strip()
    names = {comparable(s) for s in sites if s}
    kept = [p for p in parts if comparable(p) not in names] or parts
    best = max(kept, key=_words)
    # Keep a title whose separator was part of the headline ("Algeria: Al-Qaeda claims ...").
    if _words(best) < 0.5 * sum(_words(p) for p in kept) and len(kept) <= 2:
        return " ".join(kept) if len(kept) == 1 else title.strip()
    return best


def _segments(title: str) -> list[str]:
    """A title and the parts it splits into at separators."""
    parts = [p.strip() for p in _SEPARATORS.split(title) if p and p.strip()]
    return [title, *parts] if len(parts) > 1 else [title]


def _coverage(heading: str, titles: list[str]) -> float:
    """How well `heading` matches a markup title: 1.5 for a whole title or its headline
    part, 1 for the start of one, less for a piece of one, 0.5 for a site or section part
    (0 when it is in none)."""
    h = comparable(heading)
    if not h:
        return 0.0
    best = 0.0
    for title in titles:
        segments = _segments(title)
        longest = max(_words(seg) for seg in segments[1:] or segments)
        for k, seg in enumerate(segments):
            t = comparable(seg)
            if not t:
                continue
            main = k == 0 or _words(seg) == longest
            if h == t:
                # The shorter parts of a title name the site or section, not the story.
                best = max(best, 1.5 if main else 0.5)
                continue
            if not main:
                continue  # a heading holding a section's name ("Get Arts Feeds") is no match
            if t.startswith(h) and _words(h) >= 3 and _words(h) >= 0.5 * _words(t):
                best = max(best, 1.0)  # the title goes on with the site's name or junk
            elif _words(h) >= 3 and _starts_title(heading, seg):
                best = max(best, 1.0)  # "Headline, standfirst ..." in one title
            elif h in t:
                best = max(best, len(h) / len(t))
            elif t in h and len(t) >= 0.6 * len(h):
                best = max(best, len(t) / len(h))
    return best


_CLAUSE_END = re.compile(r"^\s*[,;:(\[]")


def _starts_title(heading: str, title: str) -> bool:
    """True when the title opens with the heading and goes on after a comma, colon or
    bracket: the page put its headline and standfirst into one title."""
    if not comparable(title).startswith(comparable(heading)):
        return False
    words = heading.split()
    # Find where the heading's words end in the title, then what follows them.
    pos = 0
    for word in words:
        found = title.find(word, pos)
        if found < 0:
            return False
        pos = found + len(word)
    return bool(_CLAUSE_END.match(title[pos:]))


_OPENING_QUOTES = "'\"‘“«"
"""Quotes a headline may open on ("'No exceptions to settlement freeze'")."""


def _looks_like_headline(text: str, min_words: int = HEADLINE_WORDS[0]) -> bool:
    """A short line shaped like a headline: not a sentence, a date, a byline or a crumb."""
    n = _words(text)
    if not min_words <= n <= HEADLINE_WORDS[1] or text.rstrip().endswith((".", ":")):
        return False
    # A headline may open on a number or a quote ("11 Palestinians Killed ...", "'No
    # exceptions ...'"), never in lower case.
    first = text.lstrip(_OPENING_QUOTES)[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    return not _NOT_HEADLINE.search(text) and not chrome_phrases(text)


_WEEKDAY_LEAD = re.compile(r"^\W*(?:[A-Z][a-z]+day\b\W*)?")


def _without_date(text: str) -> str | None:
    """The line without a date it opens with ("Wednesday, 09 January 2008 Jeremy Clarkson
    ripped off"); None when the line is a date and little else."""
    found = find_dates(text)
    if not found:
        return text
    date = found[0]
    before = _WEEKDAY_LEAD.sub("", text[: date.start])
    after = text[date.end :].strip(" \t-–—|,:·")
    if not before.strip() and _words(after) >= 2:
        return after
    if _words(f"{before} {after}") <= 1:
        return None
    return text


def _is_site_name(text: str, sites: list[str]) -> bool:
    """True when normalised `text` names the site: its name, its domain spelled out
    ("summit daily" for summitdaily.com) or the domain's initials ("International
    Herald Tribune" for iht.com)."""
    # "The Calgary Sun" for calgarysun.com: an article before the name is no part of it.
    text = text.removeprefix("the ")
    joined = text.replace(" ", "")
    initials = "".join(w[0] for w in text.split())
    for site in sites:
        name = comparable(site)
        if text == name:
            return True
        # Site names are short; a longer text inside a "site name" (trafilatura falls
        # back to the page title for it) is the headline itself.
        if len(text.split()) <= 3 and len(joined) >= 4 and joined in name.replace(" ", ""):
            return True
        label = site.split(".")[0].lower() if "." in site and " " not in site else ""
        if label and len(initials) >= 3 and label == initials:
            return True
        # The domain's name spelled out with a word after it ("Blogger News Network").
        if len(label) >= 5 and len(text.split()) <= 4 and joined.startswith(label):
            return True
    return False


def _without_site_tail(text: str, names: list[str]) -> str:
    """A heading without the site's name a page prints after it ("Headline — LessWrong")."""
    cuts = list(_SEPARATORS.finditer(text))
    while cuts and _is_site_name(comparable(text[cuts[-1].end() :]), names):
        text = text[: cuts.pop().start()]
    return text


_NAVIGATION = re.compile(r"\bnavigation\W*$", re.IGNORECASE)


def _names_site(title: str, names: list[str]) -> bool:
    """True when a title names the site or its menu, not the story."""
    return _is_site_name(comparable(title), names) or bool(_NAVIGATION.search(title))


MAX_SITE_WORDS = 5
"""A longer "site name" is a title that an extractor took for one."""


def _site_names(sites: list[str | None], titles: list[str]) -> list[str]:
    """The site names worth trusting: short, and not the headline part of a title."""
    heads = {comparable(max(_segments(t)[1:], key=_words)) for t in titles if len(_segments(t)) > 2}
    return [
        s
        for s in sites
        if s and _words(s) <= MAX_SITE_WORDS and not (_words(s) >= 4 and comparable(s) in heads)
    ]


def choose_headline(
    blocks: list[Block],
    body_start: int | None,
    titles: list[str],
    sites: list[str | None],
    guess: str | None = None,
    body: str | None = None,
    image_captions: frozenset[str] = frozenset(),
) -> str | None:
    """The article's headline from the page's visible blocks and its markup titles.

    `body_start` is the index in `blocks` of the body's first paragraph, when known.
    In order: a visible block that matches a markup title (best match nearest the body);
    an `<h1>` above the body; an `<h2>`/`<h3>` just above it; the title without its site
    parts; a headline-shaped line just above the body. With the `body` text given, a
    title that shares no word with it names the site or a section, not the story; blocks
    in `image_captions` (the text beside a picture) are no headline unless a title says so.
    """
    names = _site_names(sites, titles)
    # A title that only names the site ("Winnipeg Free Press") says nothing of the story.
    # Nor does a heading that screen readers get over the menu ("bbc.co.uk Navigation"),
    # which trafilatura may take for the title, as it takes the site's name.
    titles = [t for t in titles if not _names_site(t, names)]
    if guess and _names_site(guess, names):
        guess = None
    fallback = titles[0] if titles else guess
    if body is not None:
        vocabulary = content_words(body)
        titles = [t for t in titles if content_words(t) & vocabulary]
        if guess and not content_words(guess) & vocabulary:
            guess = None
    scored: list[tuple[float, str]] = []
    shaped: list[tuple[float, str]] = []
    short: list[tuple[float, str]] = []
    for i, block in enumerate(blocks):
        n = _words(block.text)
        if not 2 <= n <= MAX_WORDS or block.reason in ("navigation", "comments"):
            continue
        text = _without_date(block.text)
        if text is None:
            continue
        if text != block.text:
            block, n = dataclasses.replace(block, text=text), _words(text)
        if _is_site_name(comparable(block.text), names):
            continue
        above = None if body_start is None else body_start - i  # blocks above the body
        nearness = 0.0 if above is None or above < 0 else max(0.0, 1 - above / LOOKBACK)
        coverage = _coverage(block.text, titles)
        if guess and not coverage:
            # An extractor's guess at the title may be any heading: it counts for less.
            coverage = 0.5 * _coverage(block.text, [guess])
        heading = _HEADING_TAGS.get(block.tag, 0.0)
        # A "footer" around the whole story is a page's misuse of the class: only its
        # title match counts. A picture's caption is no headline unless a title says so.
        if block.reason == "footer" and coverage < 1.5:
            continue
        if block.text in image_captions and not heading and coverage < 0.5:
            continue
        # A heading that matches no title must read like a headline: section headings
        # ("Kid's TV", "STATE NEWS") sit above sidebars in the same tags.
        titled = coverage or (
            (heading >= 3.0 or (heading and nearness > 0))
            and n >= HEADLINE_WORDS[0]
            and not chrome_phrases(block.text)
        )
        if titled:
            score = 4 * coverage + heading + 2 * nearness - 2 * bool(block.reason)
            # Below the body's first paragraph is unlikely, unless just below: the body's
            # start is a guess, and a standfirst or dateline may come before the headline.
            if above is not None and above < 0:
                score -= 1 if above >= -BELOW else 3
            scored.append((score, block.text))
        elif above is not None and 0 < above <= CLOSE and _looks_like_headline(block.text):
            shaped.append((-above, block.text))
        elif above is not None and 0 < above <= 2 and _looks_like_headline(block.text, 2):
            short.append((-above, block.text))
    if scored:
        return _without_site_tail(max(scored)[1], names)
    # No visible block matches the title: it is the site's generic title ("Latest football
    # news, transfers, reports"), so a headline-shaped line just above the body wins.
    if shaped:
        return max(shaped)[1]
    first = titles[0] if titles else guess
    if first or (fallback and not short):
        first = first or fallback
        return strip_site(first, names)
    # Nothing else to go by: a short headline right above the body ("Mirror, Mirror").
    return max(short)[1] if short else None
