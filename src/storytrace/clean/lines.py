"""The lines of a text page and the shallow features that tell article prose from chrome.

Features are the ones boilerplate research found to generalise (Kohlschütter et
al. 2010, jusText): length, stop-word density, sentence-final punctuation,
whether the line is a list item or a label, and a few phrase tables of page
chrome kept in `data/chrome_*.txt`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, filterfalse
from operator import attrgetter, countOf

from storytrace.clean.columns import BOX_DRAWING, column_lines
from storytrace.clean.markdown import is_markdown, plain_rows
from storytrace.resources import rows

_BULLET = re.compile(r"^(?:[*+•·▪◦●■►▸»]\s*|[>–—-]\s+)+")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(?:#+\s+)*")
_IMAGE_NAME = re.compile(r"\[[^\]\s:(]*_[^\]\s:(]*\]")
"""An image a text browser wrote as its file's name in brackets ("[tab_bottom]",
"[icon_email]"): w3m's dump keeps one wherever an image has no alt text."""
_BULLET_CHARS = frozenset("*+•·▪◦●■►▸»>–—-")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
HAN = "\u3400-\u4dbf\u4e00-\u9fff"
"""Chinese characters (and Japanese kanji), as a regex class's ranges."""
HAN_HANGUL = HAN + "\uac00-\ud7af"
"""...and Korean syllables: the characters people's names in those scripts are written in."""
_CJK = re.compile(rf"[\u3040-\u30ff{HAN_HANGUL}]")
_CJK_LEADS = tuple(bytes([lead]) for lead in range(0xE3, 0xEE))
"""The UTF-8 lead bytes of U+3000-U+DFFF, which hold every script `_CJK` matches (they
stand nowhere else in UTF-8: continuation bytes are 0x80-0xBF)."""
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
TERMINAL = (*".!?…:;。！？", '."', ".”", ".’", "?”", "!”", '?"', '!"', ".)", ".'")
"""Endings of a line that closes a sentence."""
_TIME_ONLY = re.compile(
    r"^(?:\d{1,2}[:.][0-5]\d(?:\s*[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?)"
    r"(?:\s*(?:[A-Z]{2,4}|uhr|h))?$",
    re.IGNORECASE,
)
_KEY_STRIP = " \t.:;,!?|/·•-–—>»«<*+#'\"()[]{}…"


@dataclass(slots=True)
class Line:
    """One non-blank line of a page, with its features."""

    index: int
    """Position among the page's non-blank lines."""
    number: int
    """1-based line number in the page text."""
    text: str
    """Whitespace-normalised, list bullet removed."""
    raw: str
    """Whitespace-normalised as the page has it, bullet and all (the first page line's,
    when the line is a hard-wrapped paragraph: `wrapped`)."""
    bullet: bool
    blank_before: bool
    blank_after: bool
    words: int
    chars: int
    stop_ratio: float
    terminal: bool
    """Ends like a sentence."""
    truncated: bool
    """Ends with an ellipsis: a teaser cut short."""
    key: str
    """Lower-cased text without digits, counters and surrounding punctuation."""
    phrases: tuple[str, ...] = ()
    """Chrome reasons whose phrases occur in the line (`data/chrome_phrases.txt`)."""
    chrome: str | None = None
    """Reason when the whole line is chrome (`data/chrome_lines.txt`)."""
    section: str | None = None
    """Reason when the line heads a non-article section (`data/chrome_sections.txt`)."""
    time_only: bool = False
    """Just a time of day: a news-feed item starts here."""
    repeats: int = 1
    """How often the same line occurs in the page."""
    continues: bool = False
    """A sentence of an over-long page line split apart: it continues the line before."""
    ends: int = 0
    """Sentence-final punctuation marks inside the line (counted for long lines only)."""
    heading: int = 0
    """Markdown heading level ("# Title" is 1), 0 for any other line."""
    linked: float = 0.0
    """Share of the line that is a Markdown link's text (`[text](url)`)."""
    filled: bool = False
    """On a hard-wrapped page, the line runs to the width: the next line's first word
    would not have fitted on it, so the break may be the wrapping's, not the page's."""
    wrapped: tuple[tuple[int, str], ...] = ()
    """The page lines a text browser wrapped this line's sentence onto, after its first
    (`number`, `raw`), as (number, raw) each: the line is their paragraph, read as one
    (`_merge_wrapped`), and each of them is listed when it is removed."""


SPLIT_CHARS = 700
"""Lines longer than this are split into sentences: no article paragraph is that long,
but a page that a converter ran into one line is."""
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]?(?=\s|$)")
_CLOSERS = '"”’)'
SENTENCE_MARKS = tuple(mark + closer for mark in ".!?…" for closer in ("", *_CLOSERS))
"""How a sentence ends: its mark, maybe closed by a quote or a bracket."""
_ENDS_BEFORE_SPACE = {
    mark: (mark + " ", {closer: mark + closer + " " for closer in _CLOSERS}) for mark in ".!?…"
}
"""Each sentence mark's ends followed by a space, bare and with each closer."""


def sentence_ends(text: str) -> int:
    """How many sentence-final marks a whitespace-normalised line holds: what
    `len(_SENTENCE_END.findall(text))` counts, by substring counts in C (the pattern walks
    every character of the page's long lines)."""
    n = 0
    closers = [closer for closer in _CLOSERS if closer in text]  # each looked for once
    for mark, (bare, closed) in _ENDS_BEFORE_SPACE.items():
        if mark in text:
            n += text.count(bare)
            for closer in closers:
                n += text.count(closed[closer])
    return n + text.endswith(SENTENCE_MARKS)


def group_sentence_ends(group: list[Line]) -> int:
    """The sentence-final marks of a paragraph's lines, `sentence_ends` of each summed: one
    count over their texts joined by spaces, since every mark `sentence_ends` counts ends
    before a space or at the text's end, and a space joining two lines adds one only where
    the line before ends on a mark, as its own count does (a call a line cost a text
    browser's dump, whose paragraphs are wrapped into many lines, 2% of the cleaner)."""
    return sentence_ends(" ".join([ln.text for ln in group]))


_SENTENCE_SPLIT = re.compile(
    r"\s(?:(?<=[.!?…]\s)\s*(?=[\"“‘(]?[A-Z0-9À-Þ])|(?<=[.!?…][\"”’)]\s)\s*|\s*[|·•]\s+)"
)
"""A sentence's end or a menu's separator: the space after a sentence's last mark (before
a capital, a digit or an opening quote), or a bar or dot between spaces. Every branch
opens on the same space, taken out in front, which `re` scans for in C (a look-behind in
front is tried at every character of the page-long lines this splits)."""


def split_sentences(text: str) -> list[str]:
    """A long line cut at sentence ends and at menu separators ("|", "·")."""
    return [part for part in _SENTENCE_SPLIT.split(text) if part]


def normalise(text: str) -> str:
    """NFC, no zero-width characters or soft hyphens, every run of whitespace one space."""
    return " ".join(_visible(text).split())


def _visible(text: str) -> str:
    """NFC without zero-width characters and soft hyphens."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text)
    for ch in _INVISIBLE:
        if ch in text:
            text = text.replace(ch, "")
    return text


_KEY_DIGITS = re.compile(r"\(\d[\d,.]*\)|\d[\d,.]*")
_HAS_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = re.compile("[0-9]")


def line_key(text: str) -> str:
    """The form a line is looked up and compared by."""
    key = text.lower()
    if _HAS_DIGIT.search(key):
        key = " ".join(_KEY_DIGITS.sub(" ", key).split())
    return key.strip(_KEY_STRIP)


@cache
def _line_table(name: str) -> dict[str, str]:
    return {line_key(text): reason for reason, text in rows(name)}


def trie_pattern(phrases: list[str]) -> str:
    """A regular expression matching any of `phrases`, factored by common prefixes.

    Python's `re` tries the branches of a flat alternation one by one; the
    factored form dispatches on each next character, about three times faster.
    """
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@cache
def _phrase_pattern() -> tuple[tuple[re.Pattern[str], ...], dict[str, str]]:
    """The phrase search at a text's start, the ones after a space and after any other
    non-word character, and each phrase's reason."""
    reason_of = {text.lower(): reason for reason, text in rows("chrome_phrases.txt")}
    # A lookahead finds overlapping phrases ("members to help fund" and "fund our mission").
    # A phrase ending in a sign ("©") may run into the next word ("©2007").
    phrase = r"(?=(" + trie_pattern(list(reason_of)) + r")(?!(?<=\w)\w))"
    # A phrase starts where no word character stands before it. Matching that character
    # (rather than looking behind at every position) lets `re` skip the letters inside
    # words in C: a quarter less time for the page-wide search. Most such characters are
    # spaces, which `re` finds as a literal, at a few instructions a character, where a
    # class costs a call a character (a sixth less time again); the rest are the
    # characters outside ASCII's word characters (a table look-up) that are no word's.
    return (
        re.compile(phrase),
        re.compile(" " + phrase),
        re.compile(r"[^0-9A-Za-z_ ](?<=\W)" + phrase),
    ), reason_of


def _phrase_hits(lowered: str) -> Iterator[tuple[int, str]]:
    """Where each chrome phrase starts in a lower-cased text, and the phrase (not in the
    order of the text: spaces' hits come first)."""
    at_start, after_space, after_other = _phrase_pattern()[0]
    m = at_start.match(lowered)
    if m:
        yield 0, m[1]
    for pattern in (after_space, after_other):
        for m in pattern.finditer(lowered):
            yield m.start(1), m[1]


def chrome_phrases(text: str) -> list[str]:
    """Reasons of the chrome phrases in a text, one per distinct phrase."""
    reason_of = _phrase_pattern()[1]
    seen = {phrase for _, phrase in _phrase_hits(text.lower())}
    return [reason_of[p] for p in sorted(seen)]


def chrome_line(key: str) -> str | None:
    """The reason a whole line (by its key) is chrome, or None."""
    return _line_table("chrome_lines.txt").get(key)


def section_heading(key: str) -> str | None:
    """The reason a line (by its key) opens a section that is not the article, or None."""
    return _line_table("chrome_sections.txt").get(key) or _section_prefix(key)


@cache
def _section_prefixes() -> tuple[re.Pattern[str], dict[str, str]]:
    """Headings given by how they start ("more articles in *" in `chrome_sections.txt`)."""
    reason_of = {
        text[:-2].lower(): reason
        for reason, text in rows("chrome_sections.txt")
        if text.endswith(" *")
    }
    return re.compile("(" + trie_pattern(list(reason_of)) + r")\b"), reason_of


def _section_prefix(key: str) -> str | None:
    pattern, reason_of = _section_prefixes()
    m = pattern.match(key)
    return reason_of[m[1]] if m else None


def count_words(text: str) -> int:
    """Words of a line; scripts written without spaces count two characters a word."""
    n = len(_WORD.findall(text))
    if text.isascii():  # a flag read in C: no script written without spaces
        return n
    cjk = len(_CJK.findall(text))
    return max(n, cjk // 2) if cjk else n


def spaced_words(text: str) -> int:
    """Words of a line as its features count them (`Line.words`): the runs between spaces;
    scripts written without spaces count two characters a word."""
    n = len(text.split())
    if text.isascii():
        return n
    cjk = len(_CJK.findall(text))
    return max(n, cjk // 2) if cjk else n


@cache
def punctuated(stopwords: frozenset[str]) -> frozenset[str]:
    """Stop words as they stand between spaces: "the", "(the", "of,", "that." ...

    Splitting on spaces and looking tokens up in this set is the cheapest exact
    tokenisation Python offers for the stop-word count (no regex, no translate).
    """
    heads, tails = "(\"“‘«'[", ",.;:!?)\"”’»']…"
    out = set(stopwords)
    for w in stopwords:
        out.update(h + w for h in heads)
        out.update(w + t for t in tails)
    return frozenset(out)


def has_cjk(text: str) -> bool:
    """Whether a text holds a character of a script written without spaces (`_CJK`).

    Nearly every page has some non-ASCII character (a curly quote), and the pattern tries
    its class at every character of a page that has none of these scripts: their UTF-8
    lead bytes are looked for first, each by a memchr in C, and the pattern runs only
    where one is found (a fifth of the time on the WCXB pages)."""
    if text.isascii():
        return False
    data = text.encode("utf-8", "surrogatepass")
    return any(lead in data for lead in _CJK_LEADS) and _CJK.search(text) is not None


_Kept = tuple[int, str, bool, str, bool]
"""A page line as `page_lines` keeps it: number, raw text, bullet, text, blank before."""


def page_lines(text: str, stopwords: frozenset[str], page: list[str] | None = None) -> list[Line]:
    """The non-blank lines of a page text with their features; `page`: the text's lines,
    when the caller has split it already."""
    # Only the lines beyond ASCII can hold such a script: they alone are encoded and
    # searched, not the whole page (a line break is none of its characters).
    cjk = has_cjk(text if page is None else "\n".join(filterfalse(str.isascii, page)))
    kept: list[_Kept] = []
    continued: set[int] = set()
    headings: dict[int, int] = {}
    blank_before = True
    numbers: list[int] | None = None
    shares: list[float] = []
    if is_markdown(text):
        text, numbers, shares = plain_rows(text)
        page = None  # the lines of the text as read, not of the page
    linked: dict[int, float] = {}
    line_ends: list[int] = []  # the column each kept line ends at, for `wrap_width`
    for number, original in column_lines(text, page):
        if numbers is not None:
            if shares[number - 1]:
                linked[len(kept)] = shares[number - 1]
            number = numbers[number - 1]
        if not original:
            # A blank line as `_page_text` leaves it (its padding stripped): 309,466 of the
            # 825,313 lines of the WCXB texts, each spared five string tests.
            blank_before = True
            continue
        visible = original if original.isascii() else _visible(original)
        clean = visible.strip()
        if "  " in clean or (
            "\t" in clean or "\x1f" in clean if clean.isascii() else not clean.isprintable()
        ):
            # Only then can it hold a run of spaces or another blank (a tab, a no-break
            # space: none is printable); splitting every line into words cost 5% of the
            # cleaner's time on a converter's padded layout. In ASCII a page line's only
            # blanks besides the space are the tab and the unit separator (the others
            # part lines): two searches in C, where `isprintable` reads each character's
            # Unicode record.
            clean = " ".join(clean.split())
        if not clean:
            blank_before = True
            continue
        if "_" in clean and "[" in clean[1:]:
            # Not an image opening the line: it marks the caption after it, or the layout
            # cell the line's text sits in; nor a line of images alone.
            head = m.end() if (m := _IMAGE_NAME.match(clean)) else 0
            named = " ".join(_IMAGE_NAME.sub(" ", clean[head:]).split())
            clean = f"{clean[:head]} {named}".strip() if named else clean
        level = 0
        if clean[0] == "#" and (h := _MD_HEADING.match(clean)):
            level, clean = len(h[1]), clean[h.end() :] or clean
        elif clean[:2] in ("**", "__") and clean[-2:] == clean[:2] and len(clean) > 4:
            clean = clean[2:-2].strip() or clean
        m = _BULLET.match(clean) if clean[0] in _BULLET_CHARS else None
        bullet = bool(m and m.end() < len(clean))
        body = clean[m.end() :] if bullet and m else clean
        if level:
            headings[len(kept)] = level
        if len(body) > SPLIT_CHARS:
            # A whole page run into one line (a converter that lost the layout): judge it
            # sentence by sentence, and let the body join the kept sentences again.
            for j, part in enumerate(split_sentences(body)):
                if j:
                    continued.add(len(kept))
                kept.append((number, part, False, part, blank_before and not j))
                line_ends.append(0)
        else:
            # A removed line is shown as the page has it, soft hyphens and all.
            raw = clean if visible is original else " ".join(original.split())
            kept.append((number, raw, bullet, body, blank_before))
            line_ends.append(len(original.rstrip()))
        blank_before = False
    if not kept:
        return []
    width = wrap_width(line_ends)
    wrapped: dict[int, list[tuple[int, str]]] = {}
    if width is not None:
        fixed = {*continued, *headings, *linked}
        kept, line_ends, wrapped, moved = _merge_wrapped(kept, line_ends, width, fixed)
        if moved is not None:
            continued = {moved[i] for i in continued}
            headings = {moved[i]: level for i, level in headings.items()}
            linked = {moved[i]: share for i, share in linked.items()}
    # Passes in C instead of one Python step per line: lower-casing and phrase search.
    # Each line is lower-cased on its own: an ASCII line by a table, where the whole page,
    # which nearly always holds a curly quote or a dash beyond ASCII, had every character
    # looked up in Unicode's case tables (2% of the cleaner's instructions). The same
    # text: no rule of `str.lower` reads across a newline (`test_lines_lower_alone`).
    bodies = [k[3] for k in kept]
    lowered = list(map(str.lower, bodies))
    joined = "\n".join(lowered)
    stop = punctuated(stopwords)
    phrases = _phrases_by_line(joined, list(map(len, bodies)))
    lines = _features(kept, lowered, phrases, stop, cjk)
    for i in continued:
        lines[i].continues = True
    for i, level in headings.items():
        lines[i].heading = level
    for i, share in linked.items():
        if i < len(lines):
            lines[i].linked = share
    for i, taken in wrapped.items():
        lines[i].wrapped = tuple(taken)
    _join_wrapped(lines, stop, line_ends, width)
    # Counted in C; a line keeps its one occurrence unless its key recurs (most do not).
    counts = Counter(map(_KEY_OF, lines))
    counts.pop("", None)  # an empty key (a line of figures or signs) counts no repeat
    repeated = {key for key, n in counts.items() if n > 1}
    for ln in lines:
        if ln.key in repeated:
            ln.repeats = counts[ln.key]
    return lines


WRAP_MIN_CHARS = 30
"""A hard-wrapped line (a text browser's dump, a press release in <pre>, an e-mail) is at
least this long; shorter unfinished lines are menu items and labels."""
WRAP_MIN_STOP = 0.15
_OPEN_ENDS = (",", "-", "–", "(", "/", "&")


WRAP_SLACK = 12
"""Lines that end within this many columns of the page's width are filled to it."""
WRAP_SHARE = 0.25
"""A page is hard-wrapped when this share of its longer lines are filled to its width ..."""
WRAP_OVER = 0.03
"""... at most this share runs more than WRAP_SLACK past it (a table, an address) ..."""
WRAP_CLEAR = 0.5
WRAP_CLEAR_OVER = 0.1
"""... or, where this share of them is filled to the width (a text browser's dump with
a wide table or two), at most WRAP_CLEAR_OVER ..."""
WRAP_WIDTHS = range(60, 133)
"""... and the width is one of these: e-mail and text browsers wrap at 72-80 columns, a
wide terminal at 132; a narrower run of similar lines is a menu, a wider one paragraphs
that happen to be as long."""


def wrap_width(ends: list[int]) -> int | None:
    """The width a page's text was hard-wrapped to (a text browser's dump, an e-mail, a
    press release in <pre>), from where its lines end; None for a page of long lines."""
    filled = sorted(e for e in ends if e >= WRAP_MIN_CHARS)
    if len(filled) < 5:
        return None
    width = filled[len(filled) * 9 // 10]  # the widest lines but a few (an address, a table)
    if width not in WRAP_WIDTHS:
        return None
    near = bisect_right(filled, width) - bisect_left(filled, width - WRAP_SLACK)
    over = len(filled) - bisect_right(filled, width + WRAP_SLACK)
    allowed = WRAP_CLEAR_OVER if near >= WRAP_CLEAR * len(filled) else WRAP_OVER
    if near < WRAP_SHARE * len(filled) or over > allowed * len(filled):
        return None
    return width


def _wraps_into(
    a: Line,
    b: Line,
    stop: frozenset[str],
    a_end: int = 0,
    width: int | None = None,
    unwrapped: bool = False,
) -> bool:
    """Line `b` goes on with the sentence that line `a` leaves unfinished. `a_end`: the
    column `a` ends at on a page wrapped to `width`; `unwrapped`: the page keeps its
    paragraphs on lines of their own."""
    if b.blank_before or b.bullet or a.terminal or a.chars < WRAP_MIN_CHARS or a.words < 5:
        return False
    if a.filled and b.text[:1].islower():
        # Filled to the width and going on in lower case: a sentence wrapped, however few
        # its stop words ("... Officers arrested 103 drunken drivers" / "between 6 p.m."),
        # and whatever its last words read as alone ("... share it in the" / "comments.").
        return True
    if a.stop_ratio < WRAP_MIN_STOP or b.chrome or b.section or a.phrases or b.phrases:
        return False  # a list of names, a menu, a widget: judged line by line
    if b.text[:1].islower():
        return not _opens_byline(b, stop)
    last = a.text.rsplit(None, 1)[-1].lower()
    if last in stop or a.text.endswith(_OPEN_ENDS):
        # Not where the page keeps its paragraphs on lines of their own: there a line
        # ending on "now" or "more" over a capital is a headline over its deck ("... 10
        # movies to stream now" / "Need a new movie to watch? ..."), as a browser's copy
        # sets them, with no blank line between.
        return not unwrapped
    # The next line's first word would not have fitted on this one: the break is the
    # wrapping's, even before a name ("... within Adrian / Peterson's reach").
    return width is not None and _overflows(a_end, b, width)


BYLINE_WORDS = 16
"""A lower-case "by" line of at most this many words may be a byline under a headline
("by Ann Lee, Garden Editor | Dec 30, 2025 | Indoor Plants")."""
UNWRAPPED_CHARS = 160
UNWRAPPED_LINES = 3
"""A page with this many lines longer than UNWRAPPED_CHARS keeps each paragraph on a line
of its own (a browser's copy, inscriptis): it was not hard-wrapped."""


def _opens_byline(b: Line, stop: frozenset[str]) -> bool:
    """Line `b` reads as a byline ("by whova | Apr 21, 2025", "by Ann Lee"), not as the end
    of a sentence wrapped onto it ("by the council on Tuesday."): a browser's copy puts a
    headline and the byline under it on consecutive lines, with no blank line between."""
    if not b.text.startswith("by ") or b.words > BYLINE_WORDS or b.terminal:
        return False
    return b.text.split(None, 2)[1].lower() not in stop


def _overflows(end: int, b: Line, width: int) -> bool:
    """Whether the first word of line `b` would not have fitted after column `end` of a
    page wrapped to `width`."""
    return end + 1 + len(b.text.split(None, 1)[0]) > width


def _merge_wrapped(
    kept: list[_Kept], line_ends: list[int], width: int, fixed: set[int]
) -> tuple[list[_Kept], list[int], dict[int, list[tuple[int, str]]], list[int] | None]:
    """The lines of a page hard-wrapped to `width` with each sentence the wrapping broke
    into lower-case lines read as one line, before any line's features are worked out.

    A text browser's dump wraps every paragraph to 80 columns: a third of its lines go on
    with the line above, and every later step judged each of them (1.7 times a browser
    layout's lines for as many words). Only the surest joins are made here, those
    `_join_wrapped` makes on the lines' own text whatever their features: a line of at
    least `WRAP_MIN_CHARS` characters and five words, ending on no sentence mark, filled
    to the width (the next line's first word would not have fitted on it), over a line in
    lower case that is no list item and has no blank line above it. `fixed`: lines that
    keep their own (a Markdown heading or link, a sentence split from an over-long line).

    Returns the lines, where each of them ends, the page lines (number, raw) each merged
    line took in after its first, and each old line's new index (None: nothing merged).
    """
    out: list[_Kept] = []
    ends: list[int] = []
    wrapped: dict[int, list[tuple[int, str]]] = {}
    texts: dict[int, list[str]] = {}  # a merged line's texts, joined once at the end
    moved: list[int] = []
    for j, b in enumerate(kept):
        text = b[3]
        # Cheapest tests first: this runs over every line of a hard-wrapped page.
        if (
            not b[4]
            and text[:1].islower()  # a letter: no rule's box-drawing character
            and not b[2]
            and out
            and j - 1 not in fixed
            and j not in fixed
        ):
            a_text = kept[j - 1][3]  # the page line above, not the paragraph so far
            if (
                len(a_text) >= WRAP_MIN_CHARS
                and not a_text.endswith(TERMINAL)
                and a_text.count(" ") >= 4  # five words: the text is whitespace-normalised
                and line_ends[j - 1] + 1 + len(text.split(None, 1)[0]) > width
            ):
                k = len(out) - 1
                if k in texts:
                    texts[k].append(text)
                    wrapped[k].append((b[0], b[1]))
                else:
                    texts[k] = [out[k][3], text]
                    wrapped[k] = [(b[0], b[1])]
                ends[k] = line_ends[j]
                moved.append(k)
                continue
        moved.append(len(out))
        out.append(b)
        ends.append(line_ends[j])
    if not wrapped:
        return kept, line_ends, wrapped, None
    for k, parts in texts.items():
        number, raw, bullet, _, blank_before = out[k]
        out[k] = (number, raw, bullet, " ".join(parts), blank_before)
    return out, ends, wrapped, moved


_WORDS_OF = attrgetter("words")
_KEY_OF = attrgetter("key")


def _join_wrapped(
    lines: list[Line], stop: frozenset[str], line_ends: list[int], width: int | None
) -> None:
    """Judge the lines of a hard-wrapped paragraph as the paragraph they make.

    Each line stays a line of the page (removed lines keep their numbers), but takes the
    paragraph's length, stop-word density and ending, and the body joins them again.
    `line_ends`: the column each line ends at on the page; `width`: the page's wrapping
    (`wrap_width`), None for a page of long lines.
    """
    unwrapped = width is None and (
        countOf(map(UNWRAPPED_CHARS.__lt__, line_ends), True) >= UNWRAPPED_LINES
    )
    if width is not None:
        for a, b, end in zip(lines, lines[1:], line_ends, strict=False):
            # Not over a rule or a table's border (box-drawing characters): no text goes on.
            a.filled = (
                not b.blank_before
                and ord(b.text[0]) not in BOX_DRAWING
                and _overflows(end, b, width)
            )
    i, last = 0, len(lines) - 1
    while i < last:
        j = i
        while j < last:
            a, b = lines[j], lines[j + 1]
            # `_wraps_into`'s first test, made here: most lines fail it, without a call.
            if b.blank_before or b.bullet or a.terminal or a.chars < WRAP_MIN_CHARS:
                break
            if not _wraps_into(a, b, stop, line_ends[j], width, unwrapped):
                break
            j += 1
        if j > i:
            group = lines[i : j + 1]
            words = sum(map(_WORDS_OF, group))
            stop_ratio = sum(ln.stop_ratio * ln.words for ln in group) / max(1, words)
            # One count over the paragraph: a mark closing a line counts as one before
            # the space that joins it to the next (`group_sentence_ends`).
            ends = group_sentence_ends(group)
            terminal, truncated = group[-1].terminal, group[-1].truncated
            for k, ln in enumerate(group):
                ln.words, ln.stop_ratio, ln.ends = words, stop_ratio, ends
                if k:
                    # A sentence's wrapped end is no heading or menu item of its own
                    # (only a filled line's lower-case next line joins as either).
                    ln.chrome = ln.section = None
                ln.terminal, ln.truncated = terminal, truncated
                ln.continues = ln.continues or k > 0
        i = j + 1


def _phrases_by_line(joined: str, lengths: list[int]) -> list[tuple[str, ...]]:
    """Chrome reasons per line, from one search of the page's lower-cased lines."""
    reason_of = _phrase_pattern()[1]
    found: list[set[str] | None] = [None] * len(lengths)
    line_starts: list[int] | None = None
    for start, phrase in _phrase_hits(joined):
        if line_starts is None:
            line_starts = [0, *accumulate(n + 1 for n in lengths)]
        i = bisect_right(line_starts, start) - 1
        hit = found[i]
        if hit is None:
            found[i] = {phrase}
        else:
            hit.add(phrase)
    # A tuple a line, the empty one shared: a list for each of a page's hundreds of lines
    # cost an allocation and a container for the garbage collector to track.
    return [tuple(reason_of[p] for p in sorted(hit)) if hit else () for hit in found]


def _features(
    kept: list[_Kept],
    lowered: list[str],
    phrases: list[tuple[str, ...]],
    stop: frozenset[str],
    cjk: bool,
) -> list[Line]:
    """A Line with its features for each kept line (one loop: this is the cleaner's hot
    path, a page has hundreds of lines)."""
    chrome_lines = _line_table("chrome_lines.txt")
    sections = _line_table("chrome_sections.txt")
    prefix, prefix_reason = _section_prefixes()
    prefix_firsts = frozenset(p[:1] for p in prefix_reason)  # no call for other lines
    prefix_match, time_only, cjk_chars = prefix.match, _TIME_ONLY.match, _CJK.findall
    key_digits, has_digit, ascii_digit = _KEY_DIGITS.sub, _HAS_DIGIT.search, _ASCII_DIGIT.search
    is_stop = stop.__contains__
    blank_after = [k[4] for k in kept[1:]]
    blank_after.append(False)
    lines: list[Line] = []
    for i, (number, raw, bullet, text, blank_before) in enumerate(kept):
        low = lowered[i]
        tokens = low.split()
        n_tokens = len(tokens)
        n_words = max(n_tokens, len(cjk_chars(text)) // 2) if cjk else n_tokens
        # Counted in C (map, countOf): a Python loop over every word of the page cost more.
        stop_ratio = countOf(map(is_stop, tokens), True) / n_tokens if n_tokens else 0.0
        chrome = section = None
        time_line = False
        if n_words > 12:
            key = low
        else:  # line_key(), inlined: `low` is lower-cased already
            # An ASCII digit looked for first: a set of ten in a table, where `\d` looks
            # each character up in Unicode's records (a line without a digit, most short
            # lines, twice as fast); only a line beyond ASCII may hold another digit.
            digit = ascii_digit(low) or (not low.isascii() and has_digit(low))
            key = (" ".join(key_digits(" ", low).split()) if digit else low).strip(_KEY_STRIP)
            if n_words <= 8:  # whole-line tables: short lines only
                chrome = chrome_lines.get(key)
                section = sections.get(key)
                if section is None and key[:1] in prefix_firsts and (m := prefix_match(key)):
                    section = prefix_reason[m[1]]
                time_line = text[0].isdigit() and time_only(text) is not None
        lines.append(
            Line(
                i,
                number,
                text,
                raw,
                bullet,
                blank_before,
                blank_after[i],
                n_words,
                len(text),
                stop_ratio,
                text.endswith(TERMINAL),
                text.endswith(("…", "...")),
                key,
                phrases[i],
                chrome,
                section,
                time_line,
                1,
                False,
                sentence_ends(text) if n_words >= 30 else 0,
            )
        )
    return lines


def wrapped_on(lines: list[Line], i: int) -> bool:
    """Whether line `i` goes on with a hard-wrapped paragraph of the line above: it shares
    the paragraph's word count (`_join_wrapped`), which a sentence split from an over-long
    line (also `continues`) does not."""
    ln = lines[i]
    return ln.continues and i > 0 and lines[i - 1].words == ln.words


def paragraphs(lines: list[Line], body_idx: list[int]) -> list[str]:
    """The body's paragraphs: kept lines, with split sentences of one line joined again."""
    out: list[str] = []
    prev = -2
    for i in body_idx:
        if lines[i].continues and prev == i - 1 and out:
            out[-1] += " " + lines[i].text
        else:
            out.append(lines[i].text)
        prev = i
    return out


def paragraph_words(lines: list[Line], indexes: Iterable[int]) -> int:
    """The words of these lines, a hard-wrapped paragraph's counted once (its lines each
    carry the whole paragraph's count)."""
    return sum(lines[i].words for i in indexes if not wrapped_on(lines, i))
