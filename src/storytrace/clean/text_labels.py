"""What each line of a text page reads as: prose, near-prose, short, a caption, code, a
figures row, a teaser, a repeated line, or chrome with its reason.

The text cleaner (`clean/text.py`) labels every line from its features (`clean/lines.py`)
and then corrects the labels with passes over the page: teasers under their headlines,
lines the page repeats, rows of figures, code blocks, comment stamps. The article run is
chosen from these labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storytrace.clean.lines import Line
from storytrace.clean.metadata import find_dates
from storytrace.clean.text_headline import DIGIT
from storytrace.resources import rows

PROSE, NEAR, SHORT, FIGURES, CODE = "prose", "near", "short", "figures", "code"
REPEATED_HEADING = "repeated heading"
"""A repeated short line kept where it heads a paragraph; it weighs as the chrome it may be
(a modal's "Premium article" over its own notice), so it never carries a run across."""
COMMENTS_MIN_WORDS = 60
"""A run above a comments heading this long is the article the comments are about."""
STRONG_REASONS = frozenset(
    {
        "newsletter form",
        "error-report widget",
        "audio widget",
        "cookie notice",
        "reading time",
    }
)
"""Chrome reasons that drop even a long prose-like line on one phrase."""
_CAPTION_CREDIT = re.compile(
    r"\((?=[^()]*(?:(?<!\d)/|/(?!\d)|\bvia\b|photo|image|getty|reuters|afp|\bap\b|\bepa\b|shutterstock|"
    r"credit|courtesy|foto|bild|archive|handout|pool))[^()]{2,120}\)\s*$",
    re.IGNORECASE,
)
"""A photo credit in parentheses closing a line: a slash between names ("Reuters/John Smith"),
not between figures ("9/10", "12/03/2024"), or an agency's or a credit's word."""
_CAPTION_START = re.compile(
    r"^(?:photo|photograph|image|picture|foto|bild|illustration|caption|pictured)s?"
    r"(?:\s+credit)?\s*:",
    re.IGNORECASE,
)
_CAPTION_TAIL = re.compile(
    r"(?:\b(?:photo|photograph|image|foto|bild)\s*(?:credit)?\s*:|[|/]\s*(?:getty images|"
    r"reuters|afp|ap photo|epa|shutterstock|dpa))[^.!?]{0,60}$",
    re.IGNORECASE,
)
_PHOTO_POSITION = re.compile(
    r"\s\((?:L|R|C|\d(?:st|nd|rd|th) (?:L|R|left|right)|left|right|centre|center)\)\s+[a-z]"
)
"""Where a person stands in a photo, before the caption's verb: "Name (R) clashes with ..."."""
POSITION_CAPTION_WORDS = 60
"""...in a line of at most this many words (a caption, not a paragraph)."""
TOPIC_WORDS = 6
"""A line with the word "copyright" this long and no notice's sign, year or rights uses it
as a topic."""
_NOTICE = re.compile(r"©|\(c\)|\d|rights|droits|rechte|derechos", re.IGNORECASE)
_CAPTION_WORD = re.compile(
    r"(?:photo|photograph|image|picture|foto|bild|credit)s?\b", re.IGNORECASE
)
_TAG = re.compile(r"<[^<>]{0,300}>")
MARKUP_SHARE = 0.4
"""A line with a markup phrase is leaked markup when at least this share of it is tags."""
_HEADLINE_OPENING = re.compile(r"\d+(?!\d|[.)]\s)|[a-z]+[A-Z]")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
ABBREVIATED_END = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){2,}$")
"""A line ending on an abbreviation ("... at Phoenix Suns, 9 P.m.", "... in the U.S."),
whose full stop closes no sentence."""


@dataclass(slots=True)
class Label:
    """What the cleaner decided about one line."""

    kind: str
    """prose, near, short, figures, code, or `chrome`, `boundary`, `caption`."""
    reason: str | None = None


_PLAIN = {kind: Label(kind) for kind in (PROSE, NEAR, SHORT)}
"""One label for every line of a plain class: labels are replaced, never changed in place,
and most lines are plain (a new one a line cost 1.5% of the cleaner's time)."""


def prose_class(ln: Line, stop_known: bool = True) -> str:
    """prose, near or short, by length, stop-word density and closing punctuation."""
    stop_ok = not stop_known or ln.stop_ratio >= 0.2
    some_stop = not stop_known or ln.stop_ratio >= 0.12
    # A long line with no sentence end in it is a menu or a tag cloud run together.
    sentences = ln.terminal or ln.ends > 0
    if stop_ok and ln.words >= 12 and sentences:
        return PROSE
    if some_stop and ((ln.words >= 5 and ln.terminal) or (15 <= ln.words < 30)):
        return NEAR
    return SHORT


LABEL_CHARS = 40
"""Screen-reader labels (`data/caption_labels.tsv`) and their comma fit in this many characters."""


@cache
def _label_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = {label.lower(): kind for kind, label in rows("caption_labels.tsv")}
    alts = "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True))
    return re.compile(rf"^({alts})\s*[,:]\s*(?=\S)", re.IGNORECASE), kinds


def screen_reader_label(text: str) -> tuple[str, str] | None:
    """A screen-reader label opening a line ("Image caption, ..."): its kind and the rest."""
    head = text[:LABEL_CHARS]
    if "," not in head and ":" not in head:
        return None  # most lines: no label can open them
    pattern, kinds = _label_pattern()
    m = pattern.match(text)
    return (kinds[m[1].lower()], text[m.end() :]) if m else None


def caption_text(text: str) -> str:
    """A caption without its screen-reader label, or the brackets a text browser writes an
    image's alt text in ("[Photo: ...]")."""
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1].strip()
    elif text.endswith("]") and "[" not in text:
        text = text[:-1].strip()  # the end of one it wrapped
    found = screen_reader_label(text)
    return found[1] if found and found[0] == "caption" else text


def is_caption(ln: Line) -> bool:
    """A line describing a photo with its credit: "(Name/Agency via Getty Images)", "Photo: X"."""
    text = ln.text
    if ln.words < 3:
        return False
    if text.endswith(")") and _CAPTION_CREDIT.search(text):
        return True
    if ":" not in text and "|" not in text and "/" not in text:
        return False
    if _CAPTION_START.match(text):
        return True
    # The credit ends the line after the last sentence's end, which the pattern cannot hold:
    # searched there only, not at every character of a sentence that quotes a path or a time.
    tail = text[max(text.rfind("."), text.rfind("!"), text.rfind("?")) + 1 :]
    # Every credit has its colon, bar or slash, most tails none: the pattern, opening on
    # a word boundary, is tried at each character of a tail.
    marked = ":" in tail or "|" in tail or "/" in tail
    return marked and ln.words <= 60 and _CAPTION_TAIL.search(tail) is not None


NOTICE_OPENING = 40
"""A notice's sign, year or rights stand within this many characters of the line's start
("Copyright (c) 2011, ...", "Copyright Associated Press. All rights ..."); a paragraph
opening on the word ("(Copyright: Parts of this paper are reproduced ...)") is no notice."""


def _opens_notice(text: str) -> bool:
    """The line opens on a copyright notice: "Copyright 2008 ...", "(C) 2007 ...", "© ..."."""
    opening = text[:12].lower().lstrip("([")
    return (
        opening.startswith(("copyright", "©", "c)"))
        and _NOTICE.search(text, 0, NOTICE_OPENING) is not None
    )


def _markup_share(text: str) -> float:
    """How much of a line is inside HTML tags."""
    return sum(len(m) for m in _TAG.findall(text)) / max(len(text), 1)


_SLUG_LINE = re.compile(r"[a-z]+(?:-[a-z]+)+")
"""A line that is one lower-case slug ("information-circle", "partner-logo"): the name a text
browser writes for an image or an icon. Like a caption it weighs nothing in the article's
run (a ranking's rows, each with two icons, no longer cut it) and is no headline; unlike
one, it is removed as "image name" and is no caption of the article."""
IMAGE_NAME = "image name"
_COOKIE = ("cookie notice",)
_COOKIE_CONTEXT = re.compile(
    r"\b(?:use[sd]?|using|accept|allow|consent|browser|website|site|experience|polic(?:y|ies)"
    r"|settings|preferences|partners|device|analytics|privacy|personali[sz]e|advertising"
    r"|ads|cookie)\b",
    re.IGNORECASE,
)
"""A prose line whose only chrome phrase is a cookie notice's is one when it also names what
a site does with cookies."""


def line_label(ln: Line, stop_known: bool, dump: bool = False) -> Label:
    """A line's label from its own features; `stop_known`: the page's language has a
    stop-word list (else prose is told by length and punctuation alone); `dump`: the page
    is a text browser's, its paragraphs hard-wrapped (`Line.wrapped` on some line)."""
    if ln.section:
        return Label("boundary", ln.section)
    if ln.time_only:
        return Label("boundary", "news feed")
    if ln.chrome:
        return Label("chrome", ln.chrome)
    if ln.words == 1 and "-" in ln.text and not ln.bullet and _SLUG_LINE.fullmatch(ln.text):
        return Label("caption", IMAGE_NAME)
    cls = prose_class(ln, stop_known)
    phrases = ln.phrases
    if "markup" in phrases and _markup_share(ln.text) < MARKUP_SHARE:
        # A sentence that quotes a tag (an article about a hijacked site) is no leak.
        phrases = tuple(p for p in phrases if p != "markup")
    if "copyright" in phrases and ln.words >= TOPIC_WORDS and not _NOTICE.search(ln.text):
        # In a heading or a sentence the bare word is a topic ("Copyright Complexity in a
        # Fragmented World", "an established copyright policy"); a notice has its sign,
        # its year or its rights, or is a footer's short link ("Copyright and Trade Mark
        # Notice") or an agency's credit ("Copyright World Entertainment News Network").
        phrases = tuple(p for p in phrases if p != "copyright")
    if phrases == _COOKIE and cls == PROSE and not _COOKIE_CONTEXT.search(ln.text):
        # A sentence about the baked kind ("sandwiches, cookies, bagels"): a consent
        # banner says what the site does with them.
        phrases = ()
    if phrases:
        if "copyright" in phrases and _opens_notice(ln.text):
            # A notice written as sentences under a wire story ("Copyright 2008 Courtesy
            # of The Sports Network.", "(C) 2008 The Associated Press. All rights reserved.
            # This material may not be published ...") ends the article as a short one
            # does; a sentence that names copyright further in ("... without copyright
            # protection.") is the article's, and so is a caption's credit ("Left: ...,
            # (c) The estate").
            return Label("boundary", "copyright")
        reason = phrases[0]
        strong = next((p for p in phrases if p in STRONG_REASONS), None)
        if cls == SHORT or strong or len(phrases) >= 2:
            if reason == "copyright" and cls != PROSE:
                # "Photo ... ©Agency 2025", and as a text browser writes an image's alt
                # text: "[Photo ... ©Agency 2025]", or the end of one it wrapped
                # ("/-/logo © 2024 Hinterland of Things]").
                if _CAPTION_WORD.match(ln.text.lstrip("[")) or (
                    ln.text.endswith("]") and "[" not in ln.text
                ):
                    return Label("caption", "caption")
                return Label("boundary", "copyright")
            return Label("chrome", strong or reason)
    text = ln.text
    # Most lines hold none of the signs a label or a credit needs: no call for them.
    labelled = screen_reader_label(text) if "," in text or ":" in text else None
    if labelled:
        kind = labelled[0]
        return Label("caption", "caption") if kind == "caption" else Label("chrome", kind)
    if (
        ln.words >= 3
        and (text.endswith(")") or ":" in text or "|" in text or "/" in text)
        and is_caption(ln)
    ):
        return Label("caption", "caption")
    if "(" in text and ln.words <= POSITION_CAPTION_WORDS and _PHOTO_POSITION.search(text):
        return Label("caption", "caption")
    if ln.truncated and ln.words >= 8:
        return Label("boundary", "related-article teaser")
    if dump and not ln.terminal and _alt_text(ln):
        # Like an image's name: no weight in the run, removed as "image name".
        return Label("caption", IMAGE_NAME)
    return _PLAIN[cls]


ALT_TEXT_WORDS = 5
"""A text browser's image description has at least this many words ("a woman models a
striped tee with jeans"); a shorter lower-case line is a tag or a label."""
_NOT_ALT_TEXT = ("by", "posted ", "written ", "updated ", "published ")
"""How a lower-case byline or date line opens ("by: Ann Lee, Dec 17, 2025")."""


def _alt_text(ln: Line) -> bool:
    """On a text browser's dump (a page with hard-wrapped paragraphs), whether a line is
    an image's description: w3m writes an image's alt text where the image stands, as a
    paragraph between blank lines, and a site that describes each of its photos ("a woman
    models a striped tee with jeans") filled the article with them. Such a paragraph opens
    in lower case, ends on no sentence mark and has `ALT_TEXT_WORDS` words at least; a
    byline or a date line in lower case ("by: ann lee", "posted on ...") is none."""
    return (
        ln.blank_before
        and ln.blank_after
        and ln.text[:1].islower()
        and not ln.bullet
        and ln.words >= ALT_TEXT_WORDS
        and not ln.text.startswith(_NOT_ALT_TEXT)
    )


def mark_teasers(lines: list[Line], labels: list[Label], stop_known: bool) -> None:
    """A headline-like line over a paragraph cut off with an ellipsis is a teaser; under
    the article's own prose, such a paragraph is the article's (a thought trailing off, or
    the last paragraph before a paywall)."""
    for i in range(len(lines) - 1):
        if labels[i + 1].reason != "related-article teaser":
            continue  # most lines: nothing to tell
        if lines[i].filled and lines[i + 1].continues and labels[i].kind in (SHORT, NEAR, PROSE):
            # A hard-wrapped paragraph that trails off carries its ellipsis on every line:
            # its later lines go with what its first line was found to be (the article's,
            # under its prose), not read as a teaser under a headline-shaped first line.
            labels[i + 1] = Label(prose_class(lines[i + 1], stop_known))
            continue
        if _cut_paragraph(lines, labels, i + 1):
            labels[i + 1] = Label(prose_class(lines[i + 1], stop_known))
            continue
        # The last item of a bulleted list is no teaser's headline: teasers alternate with
        # their headlines, a list's items follow one another.
        listed = _listed(lines, i)
        # "Read more: <another story's headline>" inside an article names its own story; the
        # line above it is the article's, not that story's headline.
        titled = not lines[i + 1].truncated and lines[i + 1].words >= LINK_TITLE_WORDS
        if (
            not listed
            and not titled
            and labels[i].kind in (SHORT, NEAR, PROSE)
            and _title_like(lines[i])
            and _SENTENCE_INSIDE.search(lines[i].text) is None
        ):
            labels[i] = Label("boundary", "related-article teaser")
            labels[i + 1] = Label("chrome", "related-article teaser")
        elif (
            lines[i + 1].truncated
            and lines[i + 1].section is None  # "Other Recent Articles..." heads a list
            and (listed or _after_prose(lines, labels, i))
        ):
            labels[i + 1] = Label(prose_class(lines[i + 1], stop_known))


def _listed(lines: list[Line], i: int) -> bool:
    """Line `i`, over a line of its own, ends a bulleted list: it and the line above are
    list items, or lines of items a text browser wrapped (without their bullets)."""
    if lines[i + 1].continues:
        # The line under it is its own wrapped end: line `i` is the item itself.
        return i > 0 and lines[i].bullet and lines[i - 1].bullet
    head = item_head(lines, i)
    return head > 0 and lines[head].bullet and lines[item_head(lines, head - 1)].bullet


def item_head(lines: list[Line], i: int) -> int:
    """The first line of the paragraph or list item that line `i` is in: a text browser
    wraps a long list item onto lines without its bullet."""
    while i > 0 and lines[i].continues and lines[i - 1].filled:
        i -= 1
    return i


CUT_PARAGRAPH_WORDS = 50
"""A line that trails off with at least this many words is a paragraph, no teaser's blurb
(a blurb is a sentence or two)."""


def _cut_paragraph(lines: list[Line], labels: list[Label], k: int) -> bool:
    """Line `k` trails off but is the article's own paragraph, cut where the page folds the
    article: long, with the article's prose going on right under it (a teaser's blurb is
    followed by the next teaser's headline, not by prose)."""
    return (
        lines[k].truncated
        and lines[k].words >= CUT_PARAGRAPH_WORDS
        and k + 1 < len(lines)
        and labels[k + 1].kind == PROSE
        and not lines[k + 1].truncated
    )


_SENTENCE_INSIDE = re.compile(r"[a-z]{3}[.!?]\s+[A-Z]")
"""A sentence's end with more after it ("Thank you so much. It's what ..."): a line holding
two sentences is no teaser's headline (an interview's answer over a question that trails
off). Three small letters before the stop, so "U.S. Army" and "St. Louis" are no ends."""
LINK_TITLE_WORDS = 5
"""A "Read more: ..." line this long holds the headline of the story it links to."""
TEASER_ASIDE_LINES = 2
"""A trailing-off paragraph still follows the article's prose across this many asides."""
TEASER_ASIDE_WORDS = 4
"""...each of at most this many words ("Why?", "Thank you.", a one-word subheading)."""


def _after_prose(lines: list[Line], labels: list[Label], i: int) -> bool:
    """Line `i` is prose, or a few short asides under prose ("Why?" between paragraphs)."""
    for k in range(i, max(-1, i - TEASER_ASIDE_LINES - 1), -1):
        if labels[k].kind in (PROSE, NEAR):
            return True
        if labels[k].kind == "boundary" or lines[k].words > TEASER_ASIDE_WORDS:
            return False
    return False


def mark_repeats(lines: list[Line], labels: list[Label]) -> None:
    """A short line that the page repeats is chrome; a repeated paragraph is kept once.

    A short line stays where it heads a paragraph of its own: a subheading that the table
    of contents repeats, or that recurs over each part ("Verdict"). Over a paragraph that
    recurs too (a carousel's cloned slides, a page holding its text twice), it goes.
    """
    where: dict[str, list[int]] = {}
    for ln, lab in zip(lines, labels, strict=True):
        if ln.repeats >= 2 and lab.kind not in ("boundary", "chrome") and lab.reason != IMAGE_NAME:
            where.setdefault(ln.key, []).append(ln.index)
    for key, found in where.items():
        if not _has_letter(key):
            # A key without letters is what is left of a row of figures ("5/1/2013
            # +12.5%" keys as "/ / +%"): rows of one table differ in their figures.
            continue
        if labels[found[0]].kind != SHORT:
            for i in found[1:]:
                labels[i] = Label("chrome", "repeated line")
            continue
        last = len(lines) - 1
        for i in found:
            # Subheadings over paragraphs of their own; a carousel's copies head copies.
            if i < last and labels[i + 1].kind in (PROSE, NEAR) and lines[i + 1].repeats == 1:
                labels[i] = Label(SHORT, REPEATED_HEADING)
            else:
                labels[i] = Label("chrome", "repeated line")


COMMENT_STAMPS_MIN = 2
"""A page with this many readers' comment stamps ("Posted by: name on 9:35am ...", "Name
says:") has a comment thread."""
COMMENT_STAMP_WORDS = 20
"""A stamp line has at most this many words."""
_COMMENT_STAMP = re.compile(
    r"^(?i:posted|submitted) (?i:by):?\s.{1,80}?\s(?:on|at)\s.*\d"
    # A name's words open on a capital ("2. Nancy Reyes Says:"): "The report says:" over a
    # quoted passage is the article's.
    r"|^(?:\d+\.\s*)?(?:[A-Z][\w'.-]*\s+){1,4}(?:says|Says|SAYS):$"
)


def mark_comment_stamps(lines: list[Line], labels: list[Label]) -> None:
    """Readers' comment stamps under the article's prose end the article as a heading would.

    A thread without a "Comments" heading (a newspaper's "Add Comment" link over "Posted
    by: reader, town on 8:21pm Tue 1 Jan 08", a blog's "Name says:") reads as more prose
    and the run took it in. A stamp counts only on a page with more than one and under
    prose: a post's own "Posted by ... on <date>" over its text is its byline.
    """
    # Cheapest tests first: this runs over every line of every page.
    stamps = [
        ln.index
        for ln in lines
        if (
            (ln.text[-1:] == ":" and ln.text[-5:].lower() == "says:")
            or (ln.key[:1] in "ps" and ln.key.startswith(("posted by", "submitted by")))
        )
        and ln.words <= COMMENT_STAMP_WORDS
        and _COMMENT_STAMP.match(ln.text) is not None
    ]
    if len(stamps) < COMMENT_STAMPS_MIN:
        return
    prose = 0
    seen = 0  # lines above `seen` are counted in `prose`
    for i in stamps:
        prose += sum(lines[k].words for k in range(seen, i) if labels[k].kind == PROSE)
        seen = i
        if prose >= COMMENTS_MIN_WORDS and labels[i].kind != "boundary":
            labels[i] = Label("boundary", "comments")


FIGURE_ROWS_MIN = 3
"""This many lines of figures in a row are a table's rows."""


def mark_figure_rows(lines: list[Line], labels: list[Label]) -> None:
    """Rows of a table of figures ("5/1/2013 +12.5%") weigh nothing either way.

    Each row is a short line, and a long table of them would otherwise weigh like a
    sidebar and split the article it stands in; at the article's edges they still stay
    out, since a run never ends on a line that adds nothing.
    """
    rows = 0  # figure rows in a row, up to line k
    for k in range(len(lines) + 1):
        if k < len(lines) and labels[k].kind == SHORT and _figures_only(lines[k]):
            rows += 1
            continue
        if rows >= FIGURE_ROWS_MIN:
            for i in range(k - rows, k):
                labels[i] = Label(FIGURES)
        rows = 0


CODE_LINES_MIN = 3
"""This many lines of code, a few others between, are a listing of the article's."""
CODE_GAP = 2
"""...with at most this many other short lines in a row between two of them ("FROM users u")."""
CODE_LINE_WORDS = 20
"""A program's line has at most this many words: a listing that a converter ran into one
line (inscriptis, html-text) weighs as any other line of its length."""
_CODE = re.compile(
    r"[;{}]$"  # a statement's end, a block's start or end
    r"|\s(?:==|!=|:=|\+=|&&|\|\|)\s|\s(?:=>|->|-->)"  # an operator, an arrow
    r"|\w\s=\s[\w\"'\[{(]"  # an assignment
    r"|\w\.\w+\("  # a method's call
)
_CODE_OPENERS = (
    "//", "/*", "*/", "-- ", "<!--", ">>> ", "$ ",
    "def ", "func ", "function ", "class ", "import ", "from ", "return ", "const ", "let ",
    "var ", "SELECT ", "FROM ", "WHERE ", "CREATE ", "INSERT ", "UPDATE ", "DELETE ",
)  # fmt: skip
"""A program's comment, prompt or keyword: a line opening on one may hold no sign ("import
os", "FROM users u", "-- the slow way")."""
_CODE_STARTS = frozenset(opener[:2] for opener in _CODE_OPENERS)
"""The openers' first two characters: a line opening on none opens on no opener."""
_CODE_ENDS = frozenset(";{}")
"""The last characters `_CODE` takes for a statement's or block's end."""


def _code_line(ln: Line) -> bool:
    """Line `ln` reads as a program's: no list item, no template's placeholder ("{{ title }}")."""
    text = ln.text
    if ln.bullet or ln.words > CODE_LINE_WORDS or "{{" in text or "{%" in text:
        return False
    if text.startswith(_CODE_OPENERS):
        return True
    # A lone "{title}" is a template's placeholder too.
    return _CODE.search(text) is not None and not (text[:1] == "{" and " " not in text)


def mark_code(lines: list[Line], labels: list[Label]) -> None:
    """A program's listing in the article weighs nothing either way.

    A text browser and a browser's copy keep a listing's lines apart: short lines each, which
    cost like a menu and cut the article at its first listing, and lines that recur from one
    listing to the next ("if err != nil {"), which went as repeated lines. A listing is this
    many lines of code, with a few other short lines between; only its short lines change.
    """
    block: list[int] = []  # the listing's code lines so far
    for ln, lab in zip(lines, labels, strict=True):
        if lab.kind != SHORT and lab.reason != "repeated line":
            continue
        text = ln.text
        # Cheapest tests first: this runs over most lines of every page, and a line of code
        # holds one of these signs, ends on one or opens on one of `_CODE_OPENERS`.
        if not (
            "=" in text
            or "(" in text
            or ">" in text
            or text[-1:] in _CODE_ENDS
            or text[:2] in _CODE_STARTS
        ) or not _code_line(ln):
            continue
        k = ln.index
        if block and k - block[-1] > CODE_GAP + 1:
            _code_block(labels, block)
            block = []
        block.append(k)
    _code_block(labels, block)


def _code_block(labels: list[Label], block: list[int]) -> None:
    """The short and repeated lines from the block's first code line to its last weigh
    nothing, where the block holds enough code lines to be a listing."""
    if len(block) < CODE_LINES_MIN:
        return
    for k in range(block[0], block[-1] + 1):
        if labels[k].kind == SHORT or labels[k].reason == "repeated line":
            labels[k] = Label(CODE)


def _figures_only(ln: Line) -> bool:
    # The letter first: it is found at once in most lines, the digit after a whole scan.
    return not _has_letter(ln.key) and DIGIT.search(ln.text) is not None


_LETTER = re.compile(r"[^\W\d_]")


def _has_letter(text: str) -> bool:
    return _LETTER.search(text) is not None


def _title_like(ln: Line) -> bool:
    """Reads as a headline: a few words, capitalised start, no closing full stop."""
    return title_shape(ln.text, ln.words)


def title_shape(text: str, words: int, headline: bool = False) -> bool:
    """`headline`: a headline may also open on a figure ("26 killed in suicide attack") or
    a brand written in camel case ("iTunes does movie deal with Fox")."""
    if not 2 <= words <= 30 or len(text) > 250:
        return False
    first = text[:1]
    # A script without case (Chinese, Arabic, Hindi ...) has no capital to open on.
    caseless = first.isalpha() and not first.isupper() and not first.islower()
    # Any opening quote: straight, curly, guillemets, German low marks, and the backtick
    # of old wire copy ("`Atonement' Up for British Film Awards").
    if not (first.isupper() or caseless or first in "\"'‘“«‹„‚`"):
        if not (headline and _HEADLINE_OPENING.match(text)):
            return False
        if len(_LETTER_WORD.findall(text)) < 2:  # a time stamp, no headline
            return False
    if text.endswith("."):
        return text.endswith("...") or (headline and ABBREVIATED_END.search(text) is not None)
    return not text.endswith((",", ":", ";"))


NOISE_AFTER_DATE = re.compile(r"^[\W\d]*(?:\d+\s*min(?:ute)?s?\s*read)?[\W]*$", re.IGNORECASE)


def is_dateline(ln: Line) -> bool:
    """A dateline: a date with at most a few words or a reading time after it."""
    if ln.words > 14:
        return False
    found = find_dates(ln.text)
    return bool(found) and (ln.words <= 10 or NOISE_AFTER_DATE.match(ln.text[found[0].end :]))
