"""Evidence for the text cleaner's headline choice that the line's own shape does not give.

A text page's header holds many short capitalised lines: the headline, but also the
byline and its agency ("Press Trust of India", "Staff and agencies"), a photo caption,
tool bars ("Print article: Print"), and menus run together ("Home | News | Sport"). What
tells the headline apart is what it shares with the rest of the page: its words come back
in the story's first paragraphs and in the page's address ("/2007/12/27/recycle-trees"),
and pages that start with their `<title>` (a browser's copy, some converters) repeat it
there, often with the site's name after a separator. A line that names people or an
outlet and nothing else is the byline's; a line of tool words is the page's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from storytrace.clean.metadata import (
    find_dates,
    is_credential,
    is_person_name,
    month_names,
    outlet_named,
)
from storytrace.clean.resources import comparable, content_words
from storytrace.resources import words

LEDE_WORDS = 120
"""How many words at the top of the body a headline's words are looked for in."""
TOP_LINES = 3
"""How many lines at the top of the page may be its <title>."""
WEIGHTS: dict[str, float] = {
    # Where the line stands: near the body, over the byline, marked up as a heading.
    "rank": -0.2,  # per candidate line between it and the body
    "above_body": 0.5,
    "near_meta": 2.0,
    "under_meta": -2.0,  # under the lowest candidate over a byline or date
    "contents": -2.0,  # an item of a table of contents
    "trail": -3.0,  # ends on the text of a candidate under it: a breadcrumb
    "h1": 7.0,
    "heading": -0.5,
    "repeated": 0.25,  # a page's <title> and its h1 say the same
    "blank_before": 2.5,
    "bullet": -6.0,
    "first_line": 1.0,
    "far": -1.0,  # more than HEADLINE_WINDOW lines above the body: an h1 or the page's top
    "bare_byline": -2.0,  # the line was read as a byline's bare name ("Om Shanti Om")
    "echo": 0.0,  # repeats the title out of the header's window or inside the body
    "body_rank": 0.0,  # per body line above it (a caption the run took in)
    "part": -3.0,  # part of the line: the rest is a trail or the site's name
    "glued": 0.0,  # the line less the chrome run into it: tools, date, byline, dateline
    "columns": -3.0,  # runs over a gap of a line laid out in columns (`gap_cells`)
    "wrapped": -4.0,  # filled to a hard-wrapped page's width, its text going on below
    # A paragraph's line broken off mid-sentence (a lede's first line in a narrow column):
    "runs_on": -4.0,  # its sentence goes on in the next line, in lower case
    "dangling": -4.0,  # it ends on a word that leaves its sentence open ("... said")
    "photo_credit": -4.0,  # it ends on a photo agency's credit: a caption
    "cut_short": -3.0,  # the start of a candidate above it, cut short
    "deck": -1.0,  # right under a shorter candidate that shares words with the lede
    "plain_deck": -2.5,  # a deck with only the lede for it, sharing words with its headline
    "prose_deck": -2.0,  # a deck written as a sentence under a headline that is none
    "under_related": -3.0,  # right under a related-articles heading: another story's
    "subsumed": -3.0,  # its words a part of a line's above it: a guide's subheading
    # What it says: long enough, no chrome, no sentence.
    "length": 1.0,  # min(words, 12) / 3
    "phrases": -2.0,
    "full_stop": -3.0,
    # What it shares with the page: the lede, the <title>, the address.
    "lede": 7.1,  # share of its words in the lede
    "title_words": 2.0,  # share of its words in the page's first lines
    "title_part": 4.0,  # it is the title, or the title's part before the site's name
    "address": 5.0,  # share of its words in the address (2 or more)
    "unshared": -0.5,  # no word in the lede, the title or the address
    # What it is instead: a byline's credit, a menu, a tool bar.
    "credit": -4.0,
    "credit_loose": -2.0,  # a credit that may be a headline's words (`is_plain_credit`)
    "menu": -5.0,
    "tools": -4.0,
}
"""Score of a headline candidate: the sum of its features times these weights."""
_MENU = re.compile(r"\s[|»›>]\s|\s[|»›>]$|^[|»›>]\s")
_TITLE_PARTS = re.compile(r"\s+[|\-–—:»«•·/]{1,2}\s+|\s*::\s*|:\s+")
_ADDRESS_WORD = re.compile(r"[^\W\d_]+")
_ADDRESS_NOISE = frozenset(
    [
        "www",
        "http",
        "https",
        "html",
        "htm",
        "shtml",
        "php",
        "asp",
        "aspx",
        "jsp",
        "stm",
        "cfm",
        "cgi",
        "index",
        "story",
        "stories",
        "article",
        "articles",
        "news",
        "content",
        "default",
        "display",
        "detail",
        "page",
        "id",
        "com",
        "org",
        "net",
    ]
)


@dataclass(slots=True)
class HeadlineContext:
    """What the page says besides its header lines: the lede's words, the title's and the
    address's, and the title's parts as a headline would be written."""

    lede: set[str]
    title: set[str]
    title_parts: set[str] = field(default_factory=set)
    """The parts of the page's first lines split at separators, normalised."""
    top: set[str] = field(default_factory=set)
    """The page's first lines, normalised."""
    address: set[str] = field(default_factory=set)
    """Content words of the page address's path."""
    first: set[str] = field(default_factory=set)
    """The page's first line and its parts, normalised: where a converter writes the
    `<title>`."""


def headline_context(
    top_lines: list[str], paragraphs: list[str], url: str | None = None
) -> HeadlineContext:
    """The words of the body's first paragraphs, of the page's first lines and address."""
    head: list[str] = []
    for paragraph in paragraphs:  # the top of the body only: articles run long
        head.extend(paragraph.split())
        if len(head) >= LEDE_WORDS:
            break
    lede = " ".join(head[:LEDE_WORDS])
    top = {comparable(line) for line in top_lines[:TOP_LINES]}
    parts = {comparable(p) for line in top_lines[:TOP_LINES] for p in _TITLE_PARTS.split(line)}
    parts -= top | {""}
    first = (
        {comparable(top_lines[0])} | {comparable(p) for p in _TITLE_PARTS.split(top_lines[0])}
        if top_lines
        else set()
    )
    return HeadlineContext(
        first=first - {""},
        lede=content_words(lede),
        title=content_words(" ".join(top_lines[:TOP_LINES])),
        title_parts=parts,
        top=top,
        address=address_words(url),
    )


def _address_path(url: str | None) -> str | None:
    """The decoded path of a page address; None when `url` is no address."""
    if not url or "://" not in url:
        return None
    try:
        return unquote(urlsplit(url).path)
    except ValueError:
        return None


def address_words(url: str | None) -> set[str]:
    """The content words of a page address's path ("/2007/12/27/recycle-trees.html" ->
    recycle, trees); none for an address without a path or that is no address."""
    path = _address_path(url)
    if path is None:
        return set()
    found = content_words(" ".join(_ADDRESS_WORD.findall(path)))
    return found - _ADDRESS_NOISE


SLUG_MIN_WORDS = 3
"""A page address's slug names its story when it has at least this many content words
("/what-is-digital-marketing/"; "/2008/01/07/sports" names a section)."""
_EXTENSION = re.compile(r"\.\w{2,5}$")


def address_slug(url: str | None) -> frozenset[str]:
    """The content words of the part of a page address's path that names its story: the
    segment with the most ("/sport/article-23430891-details/Proud+Chasetown+claim+the+glory/
    article.do" -> proud, chasetown, claim, glory), when it has `SLUG_MIN_WORDS` or more;
    else none."""
    path = _address_path(url)
    if path is None:
        return frozenset()
    best: set[str] = set()
    for segment in path.split("/"):
        tokens = _ADDRESS_WORD.findall(_EXTENSION.sub("", segment))
        if len(tokens) < max(SLUG_MIN_WORDS, len(best) + 1):
            continue  # no more content words than it has words: it cannot win
        found = content_words(" ".join(tokens)) - _ADDRESS_NOISE
        if len(found) > len(best):
            best = found
    return frozenset(best) if len(best) >= SLUG_MIN_WORDS else frozenset()


SLUG_SHARE = 0.6
"""A line names the address's slug when it holds this share of the slug's words..."""
SLUG_OWN = 0.75
"""...and this share of its own content words are the slug's (a subheading that names the
slug's keywords among others is not the story's name)."""


def names_slug(text: str, key: str, slug: frozenset[str]) -> bool:
    """Whether a line says what the page address's slug says (`SLUG_SHARE`, `SLUG_OWN`):
    "What is Digital Marketing?" on "/what-is-digital-marketing/". `key` is the line's
    lower-cased text: the slug's words are looked for in it first, as substrings, so that
    most lines cost a few substring tests and no word split."""
    need = SLUG_SHARE * len(slug)
    if sum(w in key for w in slug) < need:
        return False
    own = content_words(text)
    shared = len(own & slug)
    return shared >= need and shared >= SLUG_OWN * len(own)


def covers_slug(text: str, slug: frozenset[str]) -> bool:
    """Whether a text holds `SLUG_SHARE` of the address's slug's words, whatever else it
    says ("Event Management Process: 7 Steps To Planning An Event")."""
    return len(content_words(text) & slug) >= SLUG_SHARE * len(slug)


_HOST_NOISE = frozenset({"www", "com", "org", "net", "co", "uk", "au", "ca", "in", "edu", "gov"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
SITE_MIN_CHARS = 3
"""A site's name shorter than this (its letters and figures) is not matched to the host."""


_WRITTEN_DOMAIN = re.compile(r"\.(?:com|org|net|co\.uk|com\.au|co\.za|tv)$", re.IGNORECASE)
SITE_EXTRA_CHARS = 5
"""A site's name may add this many letters to its host's ("CBN News" on cbn.com), no more
("NFL Preview" on nfl.com is a headline's part)."""


def site_key(text: str) -> str:
    """A site's name as its host would write it: lower case, letters and figures only, no
    leading "the" or written domain ("The Hindu Business Line" -> "hindubusinessline",
    "washingtonpost.com" -> "washingtonpost")."""
    text = _WRITTEN_DOMAIN.sub("", text.strip())
    key = _NOT_ALNUM.sub("", text.lower())
    return key[3:] if key.startswith("the") and text[:4].lower() == "the " else key


def host_key(url: str | None) -> str:
    """The labels of a page address's host that name the site, run together
    ("https://www.foxsports.com.au/..." -> "foxsports", "mitsloan.mit.edu" -> "mitsloanmit")."""
    if not url or "://" not in url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    labels = [label for label in host.split(".") if label not in _HOST_NOISE]
    return "".join(_NOT_ALNUM.sub("", label) for label in labels)


SITE_SEPARATORS = re.compile(r"\s+(?:[|\-–—:»›>/]|::|--)\s+|:\s+|\s*::\s*")
"""Where a page's <title> joins its headline and the site's name, dashes included."""
SECTION_WORDS = 2
"""A part between the headline and the site's name this short is a section ("- World -")."""


def site_cuts(text: str, host: str) -> list[str]:
    """A page's <title> less the site's name, when one end of it names the page's host
    ("Machine learning, explained | MIT Sloan" on mitsloan.mit.edu, "Zee News - Om Shanti
    Om" on zeenews.com), and less a short section beside the name as well ("Sterjovski
    Derby-bound - Football - Fox Sports")."""
    if not host:
        return []
    seps = list(SITE_SEPARATORS.finditer(text))
    if not seps:
        return []
    out: list[str] = []

    def names_host(part: str) -> bool:
        key = site_key(part)
        if len(key) < SITE_MIN_CHARS:
            return False
        return key in host or (host in key and len(key) <= len(host) + SITE_EXTRA_CHARS)

    if names_host(text[seps[-1].end() :]):
        out.append(text[: seps[-1].start()])
        # Sections between the headline and the name ("- Football -"), at a bar or a dash:
        # a colon parts the headline's own words ("Cole: Winning ...").
        k = len(seps) - 1
        while k > 0 and _is_section(text, seps[k - 1], seps[k], seps[k - 1]):
            k -= 1
            out.append(text[: seps[k].start()])
    if names_host(text[: seps[0].start()]):
        out.append(text[seps[0].end() :])
        k = 0
        while k < len(seps) - 1 and _is_section(text, seps[k], seps[k + 1], seps[k + 1]):
            k += 1
            out.append(text[seps[k].end() :])
    return [cut.strip() for cut in out if cut.strip()]


_TITLE_SPLIT = re.compile(r"\s+(?:[|\-–—:»›>/]|::|--)\s+|\s*\|\s*|:\s+")
"""Where a page's <title> may join its headline to the site's name: SITE_SEPARATORS, and a
bar with no spaces ("Headline|ABC 7 News")."""
SHOWN_SLACK = 4
"""A page line this many characters longer or shorter than a part of the title is not
compared with it."""


def shown_part(title: str, lines: list[str]) -> str | None:
    """The part of a page's <title> on one side of a separator that the page shows as a
    line of its own ("Headline - Web Site" over a page with "Headline" as its heading): the
    longest such part with `PART_MIN_WORDS` words or more, or None. What the site's name
    on the other side is does not matter (`site_cuts` needs it to name the host). None as
    well when the page shows the whole title as a line: then it is the headline."""
    parts = set()
    size = len(title.split())
    for m in _TITLE_SPLIT.finditer(title):
        parts.update((title[: m.start()].strip(), title[m.end() :].strip()))
    # The headline is the longer side: the site's name is a few words.
    parts = {p for p in parts if len(p.split()) >= max(PART_MIN_WORDS, size / 2)}
    if not parts:
        return None
    sizes = {len(p) for p in parts} | {len(title)}
    shown = {comparable(p): p for p in parts}
    shown[comparable(title)] = title
    found = [
        shown[key]
        for line in lines
        if any(abs(len(line) - n) <= SHOWN_SLACK for n in sizes)
        and (key := comparable(line)) in shown
    ]
    if not found or title in found:
        return None
    return max(found, key=len)


def _is_section(text: str, left: re.Match[str], right: re.Match[str], cut: re.Match[str]) -> bool:
    """Whether the part of a <title> between two separators names a section ("News",
    "World") that the separator `cut` parts from the headline: a bar, a dash or an arrow (a
    colon parts the headline's own words)."""
    part = text[left.end() : right.start()]
    return len(part.split()) <= SECTION_WORDS and ":" not in cut.group().replace("::", "")


CELLS = 3
"""A line split by bars into at most this many cells is a layout table's row, where the
headline may stand beside its date or a tool bar; more cells make a menu."""
_EMPHASIS = "*_ "
_TABLE_ROW = re.compile(r"^\||\S\|")
TRAIL_WORDS = 4
"""Parts of a breadcrumb or of a title's site name have at most this many words."""
CRUMB_WORDS = 2
"""A crumb of a breadcrumb parted by dashes has at most this many words."""
_TRAIL = re.compile(r"\s+(?:[|»›>/]|::)\s+")
_PART_HINT = re.compile(r" [|»›>/:]")
PART_MIN_WORDS = 4
"""A headline cut from a trail or a title has at least this many words."""


_GAP = re.compile(r"\s{3,}")
"""A gap between two cells of a line a converter laid out in columns (a sentence has one
space between its words)."""


def gap_cells(raw: str, text: str) -> list[str]:
    """The cells of a page line that a converter laid out as a browser does (inscriptis),
    where a layout table's row puts the headline beside a menu's item, the outlet's name or
    the sidebar's first line ("Sports   Headline   Live scores"): the texts between gaps of
    three or more spaces that the line's normalised `text` holds, when there are two or
    more and at most `CELLS` (more make a menu's row). Lines the page's column reading
    already cut into cells give only their own; a cell that is a date and its label ("Print
    Date : Saturday, January 12, 2008") is none."""
    core = raw.strip()
    if "   " not in core and "\t" not in core:
        return []  # most lines: no gap, no pattern run
    cells = [" ".join(c.split()) for c in _GAP.split(core)]
    if not 2 <= len(cells) <= CELLS:
        return []  # one cell, or a menu's row
    return [
        c
        for c in cells
        if c != text
        and c in text
        and not (DIGIT.search(c) and words_besides_date(c) < GLUED_MIN_WORDS)
    ]


_BOLD_LEAD = re.compile(r"[\s|>#*_-]*?(?:\*\*|__)(?P<lead>[^*_]{3,250}?)(?:\*\*|__)\s*\S")
"""A page line that opens on bold text with more after it (html2text's Markdown of a
headline run into the paragraph or the credit after it: "**Headline** Press Association")."""


_ROW_START = " |>"
"""What a plain line may keep before a bold lead: a layout row's bar, a quote's mark."""


def bold_lead(raw: str, text: str) -> str | None:
    """The bold text a Markdown page line opens with, when more follows it on the line and
    the line's plain `text` starts with it; None for any other line."""
    if "**" not in raw and "__" not in raw:
        return None  # most lines: no pattern run
    m = _BOLD_LEAD.match(raw)
    if m is None:
        return None
    lead = " ".join(m["lead"].split())
    # The plain line may keep a layout row's bar before it ("| Headline Press Association").
    plain = text.lstrip(_ROW_START)
    return lead if plain.startswith(lead) and len(lead) < len(plain) else None


def headline_texts(text: str, parts: list[str] | None = None) -> list[str]:
    """The texts in a header line that may be its headline: those of `line_parts` (given
    as `parts` when known), and the headline each holds when it is glued to other text
    (`glued_texts`)."""
    out = list(parts) if parts is not None else line_parts(text)
    for part in list(out):
        out.extend(t for t in glued_texts(part) if t not in out)
    return out


def line_parts(text: str) -> list[str]:
    """The texts in a header line that may be its headline: the line, the cells of a
    layout table's row ("| | Hester Runs Bears to Win | Save Email Print", html2text's
    Markdown of an old page's tables: a row opens with a bar, or a cell's text touches
    one), and the line's end or start when the rest is a trail of short parts (a
    breadcrumb "Home » Sport » Headline", a title "Headline | Outlet"). Dashes are left
    alone: "NFL Preview - Seattle At Green Bay" is a headline (`crumbed`)."""
    if "|" in text and _TABLE_ROW.search(text):
        cells = [c.strip(_EMPHASIS) for c in text.split("|")]
        cells = [c for c in cells if c]
        if len(cells) <= CELLS:
            return [text, *(c for c in cells if c != text)]
    if not _PART_HINT.search(text):
        return [text]
    parts = [p.strip() for p in _TRAIL.split(text)]
    if len(parts) < 2 or not all(parts):
        return [text]
    out = [text]
    sizes = [len(p.split()) for p in parts]
    for kept, rest in ((-1, sizes[:-1]), (0, sizes[1:])):
        if sizes[kept] < PART_MIN_WORDS or parts[kept].count(" - ") > 1:
            continue  # a menu of its own ("NBA - Baseball - Golf - NFL")
        if max(rest) <= TRAIL_WORDS and sum(rest) < sizes[kept]:
            out.append(parts[kept])
    return out


_ARROWS = re.compile(r"\s+[»›>▸→]\s+")
_SLASHES = re.compile(r"\s+/\s*|\s*/\s+")
HOME = "home"
"""The first crumb of most breadcrumbs."""


def crumbed(text: str) -> str | None:
    """The end of a breadcrumb, when it is a headline's length and the crumbs before it are
    a section's name each: parted by dashes, two or more crumbs of a word or two ("Home -
    NHL - Recaps - Headline"); by arrows, any crumbs of up to `TRAIL_WORDS` words ("Home »
    Archive » Financial Literacy » Headline"); by slashes, the same, after "Home" or two or
    more crumbs ("Blog / Reviews / Headline": "Fire / Rescue crews ..." is a headline).
    Else None."""
    if text.count(" - ") >= 2:
        *crumbs, end = text.split(" - ")
        if len(end.split()) >= PART_MIN_WORDS and all(
            0 < len(c.split()) <= CRUMB_WORDS for c in crumbs
        ):
            return end.strip()
    # Most lines hold no crumb sign: substring tests in C (50 ns a line), where each
    # pattern, opening on a run of blanks, is tried at every character (1-2 us a line).
    arrow = "»" in text or "›" in text or ">" in text or "▸" in text or "→" in text
    for pattern, signed in ((_ARROWS, arrow), (_SLASHES, "/" in text)):
        if not signed or not pattern.search(text):
            continue
        *crumbs, end = pattern.split(text)
        if pattern is _SLASHES and len(crumbs) < 2 and crumbs[0].strip().lower() != HOME:
            continue
        if (
            len(end.split()) >= PART_MIN_WORDS
            and end.count(" - ") <= 1  # not a menu of its own ("NBA - Golf - NFL - NHL")
            and all(0 < len(c.split()) <= TRAIL_WORDS for c in crumbs)
        ):
            return end.strip()
    return None


_DECORATION = " *_#|>•·:-–—"
_GLUE = re.compile(r"(?<![^\W\d_])[a-z]{2,}(?=[A-Z][a-z])")
_GLUED_BYLINE = re.compile(
    r"(?:\s+|(?<=[a-z0-9]))By\s+(?=((?!By\b)[A-Z][\w'.-]+(?:\s+(?!By\b)[A-Z][\w'.-]+){1,2}))"
)
"""A byline run into the headline before it, after a space or glued to its last word
("... bowlBy FRANK BODANI", "Kerry endorses ObamaBy Evan Lehmann")."""
_DATE_LABELS = ("published", "posted", "updated", "last updated", "launched", "on", "at")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS += ("mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun")
_DATE_LABEL = re.compile(
    r"(?:\b(?:" + "|".join(_DATE_LABELS + _WEEKDAYS) + r")\b[\s:.,]*)+$", re.IGNORECASE
)
_AGENCY_DATELINE = re.compile(
    r"\s+[A-Z][\w.'-]*(?:,?\s+[A-Z0-9][\w.'-]*){0,4}\s*\([A-Z][\w ]{1,20}\)\s*[-–—:]"
)
DIGIT = re.compile(r"\d")
GLUED_MIN_WORDS = 3
"""A headline cut out of a line it was glued into keeps at least this many words."""


_DATE_WORDS = frozenset(
    {w for label in _DATE_LABELS for w in label.split()}
    | {"by", "am", "pm", "a.m.", "p.m.", *_WEEKDAYS}
)
"""Words of a dateline besides its month and figures."""


def words_besides_date(text: str) -> int:
    """How many of a line's words are neither its date's (month, weekday, label, zone, a
    figure) nor a date label: a dateline that holds a glued headline has a few left."""
    months = month_names()
    count = 0
    for token in text.split():
        bare = token.strip(".,:;|*#()[]-–—").lower()
        if not bare or not bare[0].isalpha() or bare in _DATE_WORDS or bare in months:
            continue
        if token.isupper() and len(bare) <= 4:  # a zone "EST", "GMT"
            continue
        count += 1
    return count


def unemphasised(text: str) -> str:
    """A headline without the Markdown emphasis marks a converter left at its ends, closed
    or not ("### Headline**", "**Headline**" that the Markdown reader did not pair)."""
    return text.strip(_EMPHASIS) or text


def undecorated(text: str) -> str:
    """A line without the markup's decoration around it ("Headline**", "| Headline |")."""
    return text.strip(_DECORATION)


_TOOL_JOINTS = frozenset({"to", "this", "a", "the", "our", "by", "on", "for"})
"""Words that join a tool bar's words ("Subscribe to RSS Feed", "E-mail this to a
friend"): cut off with the tool words after them, never alone."""


def tools_cut(text: str) -> str | None:
    """A line less the tool bar run into it before or after its headline ("Print Email
    Headline", "Headline E-mail Article Print-Friendly Subscribe to RSS Feed"), or None
    when at most one tool word stands at either end (one is often the headline's own)."""
    tools = words("chrome_tool_words.txt")
    tokens = text.split()
    lead = 0
    while lead < len(tokens) and tokens[lead].strip(".:|-").lower() in tools:
        lead += 1
    # From the end: tool words, and a joining word only right before tool words cut off.
    end = i = len(tokens)
    while i > lead:
        token = tokens[i - 1].strip(".:|-").lower()
        if token in tools:
            end = i - 1
        elif token not in _TOOL_JOINTS or i != end:
            break
        i -= 1
    if lead > 1 or end < len(tokens) - 1:
        return " ".join(tokens[lead:end])
    return None


def glued_texts(text: str) -> list[str]:
    """The headline in a line that runs it together with what stood beside it on the page:
    markup's decoration ("Headline**", "| Headline |"), a text browser's image names and
    stars ("Clear * Headline", `_starred`), a tool bar ("Print Email Headline"), the date
    or byline under it with no space between ("...comes into forcePublished: Wednesday, 2
    January", "Headline 17:20, Jan 1 2008", "Headline By David Richards"), the dateline
    that opens the lede ("Headline New Delhi (PTI): ..."), the outlet before a colon ("AFP:
    Headline"), the crumbs before it ("Home - NHL - Recaps - Headline", `crumbed`). Each
    cut is made in turn; the texts it leaves that still have a few words are returned,
    shortest last."""
    out: list[str] = []
    current = text

    def keep(cut: str) -> None:
        nonlocal current
        cut = cut.strip(_DECORATION)
        if cut != current and len(cut.split()) >= GLUED_MIN_WORDS:
            current = cut
            out.append(cut)

    keep(current)
    if " * " in current and (starred := _starred(current)) is not None:
        keep(starred)
    if (end := crumbed(current)) is not None:
        keep(end)
    if (cut := tools_cut(current)) is not None:
        keep(cut)
    if (m := _GLUE.search(current)) is not None:
        keep(current[: m.end()])
    if DIGIT.search(current) and (dates := find_dates(current)):
        if len(current[: dates[0].start].split()) <= 1:
            keep(current[dates[-1].end :])
        else:
            keep(_DATE_LABEL.sub("", current[: dates[0].start].rstrip(" ,;|-–—:")))
    for m in _GLUED_BYLINE.finditer(current) if "By" in current else ():
        if is_person_name(m.group(1)) or m.group(1).isupper():
            keep(current[: m.start()])
            break
    if "(" in current and (m := _AGENCY_DATELINE.search(current)) is not None:
        keep(current[: m.start()])
    head, colon, rest = current.partition(": ")
    if colon and len(head.split()) <= 4 and outlet_named(head) == head:
        keep(rest)
    return out


STAR_WORDS = 2
"""The texts beside a headline between a text browser's stars have at most this many words
each (`_starred`)."""


def _starred(text: str) -> str | None:
    """The headline among the texts that a text browser's stars part on its line: an
    image's name or alt text and the star w3m writes for an inline image or a bullet
    ("Clear * Headline", "[logo] * Headline * * * advertisement"): the longest part, when
    each other part has at most `STAR_WORDS` words; else None (a menu: "News * Sport")."""
    parts = [p for p in (part.strip(" *") for part in text.split(" * ")) if p]
    if len(parts) < 2:
        return None
    main = max(parts, key=len)
    return main if all(len(p.split()) <= STAR_WORDS for p in parts if p is not main) else None


def is_credit(text: str) -> bool:
    """A line that only names the story's people or outlet: a byline without its "By"
    ("Erin Hitchcock, Burnaby Now"), an agency ("Press Trust of India"), a desk."""
    parts = [p.strip() for p in re.split(r"[,;/|]| and ", text) if p.strip()]
    if not parts:
        return False
    roles = words("byline_roles.txt")
    for part in parts:
        tokens = {t.lower().strip(".:") for t in part.split()}
        if tokens & roles or is_credential(part):
            continue
        if not (is_person_name(part) or outlet_named(part)):
            return False
    return True


_CREDIT_JOINTS = frozenset({"by", "of", "the", "and", "for", "from", "at", "in", "&", "-"})
"""Lower-case words a credit may hold besides its role words ("Reporting by", "Press Trust
of India", "The Kyiv Independent news desk")."""
NAME_WORDS = 3
"""A bare name of a credit has at most this many words ("Erin Hitchcock", "Mary Ann Lee")."""


CREDIT_OTHER_WORDS = 4
"""A part of a line with a role word and more content words than this besides its role
words is no credit ("Press Trust of India", "The Kyiv Independent news desk" have two)."""
_CREDIT_PARTS = re.compile(r"[,;/|]| and ")


def is_plain_credit(text: str) -> bool:
    """A credit (`is_credit`) that reads as nothing else (`credit_kind`)."""
    return credit_kind(text) == "credit"


def credit_kind(text: str) -> str | None:
    """ "credit" for a line that only names the story's people or outlet (`is_credit`) and
    reads as nothing else: its role words stand among names ("Reuters staff", not "Gulf
    states urge peace with Iran", whose "with" is a byline's role word), its names have at
    most `NAME_WORDS` words and no function word ("Jane Doe", not "Cowboys Could Assist
    Redskins"), and a known outlet's name is most of it ("WASHINGTON POST", not "It's
    Hammer Time In Silicone Valley"); "credit_loose" for another credit; None for a line
    that is no credit. One pass over the line's parts, as `is_credit` makes."""
    parts = [p.strip() for p in _CREDIT_PARTS.split(text) if p.strip()]
    if not parts:
        return None
    roles = words("byline_roles.txt")
    plain = True
    for part in parts:
        tokens = [t.strip(".:") for t in part.split()]
        lowered = {t.lower() for t in tokens}
        if lowered & roles:
            if not part.isupper() and len(content_words(part) - roles) > CREDIT_OTHER_WORDS:
                # A sentence or a headline that holds a role word ("How to Use Social
                # Media for Ecommerce", "Digital Marketing Costs Demystified"): a credit
                # names a few people or an outlet besides its role words. A line in
                # capitals is a menu ("HOME NEWS COMMENT BUSINESS SPORTS ..."), left as it was.
                return None
            plain = plain and all(
                t.lower() in roles or t.lower() in _CREDIT_JOINTS or t[:1].isupper()
                for t in tokens
                if t
            )
            continue
        if is_credential(part):
            continue
        if is_person_name(part):
            plain = plain and len(tokens) <= NAME_WORDS and not lowered & _CREDIT_JOINTS
            continue
        outlet = outlet_named(part)
        if outlet is None:
            return None
        plain = plain and len(tokens) <= len(outlet.split()) + 1
    return "credit" if plain else "credit_loose"


def is_tool_line(text: str) -> bool:
    """A line made of a page's tool-bar words ("E-mail this to a friend Printable version")."""
    tokens = [t.strip(".:,;|()[]!?'\"").lower() for t in text.split()]
    tools = words("chrome_tool_words.txt")
    if tools.isdisjoint(tokens):
        return False  # most lines: no tool word, so no letters to count
    tokens = [t for t in tokens if t and any(c.isalpha() for c in t)]
    if not tokens:
        return False
    return sum(t in tools for t in tokens) >= 0.6 * len(tokens)


@dataclass(slots=True)
class Candidate:
    """A line that may be the headline: its index, the headline's text in it, its features."""

    index: int
    text: str
    features: dict[str, float]
    rest: str | None = None
    """The paragraph that follows the headline on its line (a bold lead run into the
    body's first paragraph), which stays in the body."""
    tail: int | None = None
    """The line holding the headline's end that a text browser wrapped onto the next page
    line, when that line opens the body: it leaves the body with the headline."""

    @property
    def score(self) -> float:
        return sum(WEIGHTS[k] * v for k, v in self.features.items())


def headline_evidence(text: str, context: HeadlineContext, at_top: bool = False) -> float:
    """How much a header line's relation to the rest of the page says it is the headline
    (positive) or the byline's, a caption's, a tool bar's or a menu's (negative).

    `at_top`: the line is one of the page's first lines, so repeating them is no evidence.
    """
    feats = headline_features(text, context, at_top)
    return sum(WEIGHTS[k] * v for k, v in feats.items())


def headline_features(
    text: str, context: HeadlineContext, at_top: bool = False
) -> dict[str, float]:
    """The features of `headline_evidence`, unweighted."""
    feats: dict[str, float] = {}
    own = content_words(text)
    norm = comparable(text)
    if len(own) >= 2:
        # A headline names what the lede tells; a menu or a byline shares nothing with it.
        lede = len(own & context.lede)
        feats["lede"] = lede / len(own)
        titled = 0
        if not at_top and not own >= context.title:  # the title gets no credit from itself
            titled = len(own & context.title)
            feats["title_words"] = titled / len(own)
        addressed = len(own & context.address)
        if addressed >= 2:
            feats["address"] = addressed / len(own)
        if not (lede or titled or addressed):
            feats["unshared"] = 1.0
        # A repeat of the page's second or third line that the story does not tell is the
        # site's chrome repeated (a search box's "Keyword Search Site Web"): only the first
        # line, where a converter writes the <title>, vouches for a headline on its own.
        untold = not lede and addressed < 2
    else:
        untold = False
    if (norm in context.title_parts or (not at_top and norm in context.top)) and (
        not untold or norm in context.first
    ):
        # The title, or its headline part; the title line gets no credit from itself.
        feats["title_part"] = 1.0
    # A credit that reads as a headline too (a role word or a title-case name in it)
    # counts for less: captions and menu items are pushed down by it, headlines too.
    if (kind := credit_kind(text)) is not None:
        feats[kind] = 1.0
    if _MENU.search(text) or crumbed(text) is not None:
        feats["menu"] = 1.0
    if is_tool_line(text):
        feats["tools"] = 1.0
    return feats
