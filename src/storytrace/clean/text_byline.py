"""The byline of a text page: who wrote the article, read from a few lines around its top.

A converted page writes its byline in many shapes: "By Jane Doe", "Written by" over the
name on the next line, "Jane Doe | Staff Writer", a bare name beside the dateline or over
a role line ("Trending Editor"), "Jane Doe January 23, 2025", or a cue inside a blog's
post line ("On May 2, 2024 By Jane Doe In Travel"). Each shape is tried only on the lines
just above the article's run and in its first lines (the patterns cost little, but a page
has hundreds of lines), and the parsing is `metadata.parse_byline`'s, shared with the HTML
path. A line that names people only with evidence around it (a date, a role, a cue) is
taken; the strongest shape nearest the article wins.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import NamedTuple, Protocol

from storytrace.clean.lines import Line
from storytrace.clean.metadata import (
    CJK_CUES,
    MAX_BYLINE_WORDS,
    NAME_JOINTS,
    byline_roles,
    byline_text,
    credited,
    find_dates,
    is_byline_cue,
    is_person_name,
    month_names,
    outlet_named,
    parse_byline,
)
from storytrace.clean.text_headline import is_credit, is_tool_line
from storytrace.resources import words

_PARTICLES = words("name_particles.txt")

ABOVE = 25
"""Lines above the article's run searched for its byline (as many as for the headline)."""
INTO = 5
"""Lines into the run searched: a byline the run took in under its standfirst."""
DEEPER = 30
"""Lines into the run where a line opening with a cue is still read as the byline (under a
standfirst and a table of contents the run took in)."""
PROSE_LINES = 200
"""The article's first lines searched for a bare name's words written in lower case."""
NEAR = 2
"""A bare name is a byline when a date, a reading time or a role stands this close."""
BARE_WORDS = 12
"""A bare byline line ("Manoj Jain and Jagpreet Chhatwal | Guest Columnists") is this short."""
BARE_NAME_WORDS = 3
"""A name standing alone has at most this many words (particles aside)."""
ROLE_WORDS = 6
"""A role line under a name ("Senior Digital Marketing Manager") is this short."""

CUE, MID_CUE, AFTER, BARE, BARE_UNDER = 0, 1, 2, 3, 4
"""Strength of a byline's shape, best first: a cue opening the line ("By ...", or a cue
line over the names), a cue inside a short line, a cue line below the article ("Reporting
by ..."), a bare name heading its date, reading time or role (a masthead's name over its
date reads as one), a bare name under a date (more often a section's heading)."""

_MID_CUE = re.compile(
    r"(?:(?<=\d)|(?<=\d[ap]m)|(?<=\d\s[ap]m)|(?<=[|•·⋅,_*]))\s*(?:(?i:written|posted)\s+)?"
    r"(?i:by):?\s+(?=[A-Z])|\b(?i:written|posted)\s+(?i:by):?\s+(?=[A-Z])"
)
"""A cue inside a line, after a date or a separator, before a capitalised name ("On May 2,
2025 By Gabby Boucher In Travel"); not "Search By ZIP Code" or "Photo by"."""
_BY = re.compile(r"[Bb][Yy](?<!\w..)(?:\b|(?=[A-Z][a-z]))")
"""The word "by" (alone or over many lines joined). The boundary before "by" is a
look-behind after it, so the pattern opens on a character set, which the regex engine
scans for in C (a leading `\b` is tried at every character: the scan cost 6% of `clean`
on long pages)."""
_LINE_HINT = re.compile(r"[^\w\n]*(?i:von|par|por|di|door|aut|text|reporter|" + CJK_CUES + ")")
"""The other cue words, at a line's start. With `_BY`, what every byline cue holds: a
search that most lines fail, before the cue patterns."""
_HANDLE = re.compile(r"[A-Z][\w'’.-]*[a-z][\w'’.-]*")
"""One capitalised word that a cue may name alone ("Written by Melissa", "By MixmasterFred")."""
_AFTER_NAMES = re.compile(r"\s+(?:in|on|at|for|from|under|filed|\d+\s*min)\b.*$", re.IGNORECASE)
"""What follows the names after a cue inside a line: a category, a date, a reading time."""
_OTHER_CREDIT = re.compile(
    r"\b(?:edited|reviewed|fact[- ]checked|checked|verified|illustrated|produced|photographed)"
    r"\s+by\s*:?\s*$",
    re.IGNORECASE,
)
"""A line over a name crediting someone other than the author ("Reviewed by")."""
_READING_TIME = re.compile(r"^\W*\d+\s*min(?:ute)?s?\b(?:\s*read)?\W*$", re.IGNORECASE)


class _Labelled(Protocol):
    kind: str
    reason: str | None


class Found(NamedTuple):
    """A page's byline: its people, the organisations that signed, and its lines."""

    authors: list[str]
    signatures: list[str]
    lines: list[int]


def find_byline(
    lines: Sequence[Line],
    labels: Sequence[_Labelled],
    run: tuple[int, int],
    after: range,
    taken: dict[int, str],
    is_dateline: Callable[[Line], bool],
    stop: frozenset[str],
) -> Found | None:
    """The article's byline among the lines around the top of its run (or just below it).

    `taken` holds lines already given a reason (only a "byline" there may be read);
    `is_dateline` tells a line that is a date and little else; `stop` are function words
    that no personal name holds (a title-case headline is not a bare name).
    """
    start, end = run
    window = range(max(0, start - ABOVE), min(end + 1, start + INTO))
    page = _Page(lines, labels, taken, window, start, is_dateline, stop, end)
    # Deeper in the run: the lines the body left out as bylines ("By ..." under a
    # disclaimer), and cue lines under a standfirst and a table of contents.
    deeper = {i for i, why in taken.items() if why == "byline" and window.stop <= i <= end}
    page.scanned = min(end + 1, start + DEEPER)
    page.hinted = _hinted(lines, range(window.start, page.scanned))
    deeper.update(
        i
        for i in page.hinted
        if i >= window.stop
        and (is_byline_cue(lines[i].text) or byline_text(lines[i].text) is not None)
    )
    found: list[tuple[int, int, Found]] = []
    for i in [*window, *sorted(deeper)]:
        if not page.usable(i):
            continue
        shape = _shape(page, i)
        # A bare line of common words ("Key Features", "Shipping Fees") or one word after a
        # cue ("By Challenge": a filter) names nobody: the article writes each of those
        # words in lower case.
        if shape is not None and (shape[0] >= BARE or any(" " not in a for a in shape[1].authors)):
            named = shape[1].authors or shape[1].signatures  # "EDB Team" signs bare
            if all(page.in_prose(w) for a in named for w in a.split()):
                shape = None
        if shape is not None:
            distance = start - i if i < start else 2 * (i - start + 1)
            found.append((shape[0], distance, shape[1]))
    for i in after:
        if page.usable(i) and lines[i].words <= MAX_BYLINE_WORDS and byline_text(lines[i].text):
            byline = _cue_byline(lines[i].text)
            if byline is not None:
                found.append((AFTER, i, Found(byline.authors, byline.signatures, [i])))
    if not found and page.bios():
        # Further up, a name standing alone that the author box under the article opens
        # its bio with: a table of contents or a box of other stories stands between.
        found = [
            (BARE_UNDER, start - i, Found(byline.authors, [], [i]))
            for i in range(max(0, start - BIO_ABOVE), window.start)
            if lines[i].text.split(None, 1)[0] in page.bios()
            and page.usable(i)
            and _opens_with_name(page, i)
            and _bio_below(page, _name_first(lines[i].text) or "")
            and (byline := _bare_byline(lines[i].text, stop)) is not None
            and len(byline.authors) == 1
            and _bio_below(page, byline.authors[0])
        ]
    if not found:
        # Further up still, one line that opens with a cue: the only byline on the page's
        # top, over a table of contents or a box of other stories.
        far = [
            (CUE, start - i, Found(byline.authors, byline.signatures, [i]))
            for i in range(max(0, start - BIO_ABOVE), window.start)
            if page.usable(i)
            and lines[i].words <= MAX_BYLINE_WORDS
            and _FAR_CUE.match(lines[i].text)
            and byline_text(lines[i].text) is not None
            and (byline := _cue_byline(lines[i].text)) is not None
            and byline.authors
        ]
        found = far if len(far) == 1 else []
    if not found:
        return None
    best = min(found, key=lambda f: (f[0], f[1]))[2]
    # Organisations that signed a cue line near the byline sign with it ("and The X news desk").
    signatures = [s for _, _, f in found if not f.authors for s in f.signatures]
    authors = credited(best.authors, best.signatures)
    return Found(authors, [*best.signatures, *signatures], best.lines)


UNDER_HEADLINE_LINES = 4
"""The article's own meta lines stand within this many lines under its headline."""
CREDIT_LINE_WORDS = 6
"""A credit line without a cue under the headline ("Staff reporter") is this short."""
FRAGMENT_WORDS = 3
"""Lines of this many words or fewer between the headline and its meta lines are passed
over (a tagline, a category, a day without its year)."""


def meta_under(
    lines: Sequence[Line],
    labels: Sequence[_Labelled],
    headline: int,
    is_dateline: Callable[[Line], bool],
) -> list[int]:
    """The lines right under the headline that may be its byline or dateline: past one
    line of prose (its deck) and fragments of a few words ("Glides like air.", a
    category), up to the first longer line that is neither a date, a reading time nor a
    credit ("Staff reporter", "By Ann Lee"): a box of other stories may stand under that,
    with their own bylines and dates."""
    out: list[int] = []
    deck = False
    for i in range(headline + 1, min(len(lines), headline + 1 + UNDER_HEADLINE_LINES)):
        ln, lab = lines[i], labels[i]
        if (
            is_dateline(ln)
            or _READING_TIME.match(ln.text)
            or (ln.words <= MAX_BYLINE_WORDS and byline_text(ln.text) is not None)
            or (ln.words <= CREDIT_LINE_WORDS and is_credit(ln.text))
        ):
            out.append(i)
        elif lab.kind in ("prose", "near") and not deck:
            deck = True
        elif ln.words > FRAGMENT_WORDS:
            break
    return out


def byline_under(
    lines: Sequence[Line],
    labels: Sequence[_Labelled],
    under: list[int],
    taken: dict[int, str],
    start: int,
    is_dateline: Callable[[Line], bool],
    stop: frozenset[str],
) -> Found | None:
    """The byline among the meta lines under the headline (`meta_under`): where the
    headline stands far above the run (`start`) over a table of contents or a box of other
    stories, beyond the window `find_byline` reads. A cue line first ("by Ann Lee"); else a
    name written bare beside the headline's date or reading time ("Ryan Carrigan" over
    "Last Updated: Dec 17, 2025 • 5 min read"), on `find_byline`'s terms for one."""
    page = _Page(lines, labels, taken, range(0), start, is_dateline, stop)
    usable = [i for i in under if page.usable(i)]
    for i in usable:
        if byline_text(lines[i].text):
            byline = _cue_byline(lines[i].text)
            if byline is not None:
                return Found(credited(*byline), byline.signatures, [i])
    if not any(page.meta(j) for j in under):
        return None
    for i in usable:
        if _opens_with_name(page, i) and (byline := _bare_byline(lines[i].text, stop)):
            return Found(byline.authors, byline.signatures, [i])
    return None


_USABLE = frozenset({"byline", "dateline", "repeated line", "reading time"})
"""The reasons a line may have been given and still be read as the byline (`_Page.usable`):
a reading time's line may open with the name ("Ann Lee July 13, 2025 — 7 minutes read")."""


_STANDING = frozenset({"repeated line", "reading time"})
"""The chrome a bare name may stand in (`_standing_alone`)."""


class _Page:
    """The page's lines as the byline pass reads them, with what it learnt on the way."""

    def __init__(
        self,
        lines: Sequence[Line],
        labels: Sequence[_Labelled],
        taken: dict[int, str],
        window: range,
        start: int,
        is_dateline: Callable[[Line], bool],
        stop: frozenset[str],
        end: int | None = None,
    ) -> None:
        self.lines, self.labels, self.taken, self.window = lines, labels, taken, window
        self.is_dateline, self.stop = is_dateline, stop
        self._meta: dict[int, bool] = {}
        self.hinted: set[int] = set()
        """Lines with a cue's hint among those scanned at once (`_hinted`), up to `scanned`."""
        self.scanned = 0
        self._prose: str | None = None
        self._bios: dict[str, list[str]] | None = None
        self.start = start
        self.end = end
        """The article run's last line, where the byline pass reads the author box under it
        (None: the pass reads no author box)."""

    def bios(self) -> dict[str, list[str]]:
        """The lines at the run's end or under it that may be an author's bio (long enough,
        writing of a person: `_PERSONAL`), by their first word; read once a page."""
        if self._bios is None:
            below = self.lines[max(self.start, self.end - 1) :] if self.end is not None else []
            self._bios = {}
            for ln in below:
                if ln.words >= BIO_WORDS and _PERSONAL.search(ln.text):
                    self._bios.setdefault(ln.text.split(None, 1)[0], []).append(ln.text)
        return self._bios

    def usable(self, i: int) -> bool:
        """Not a caption or a section's boundary, and given no reason but "byline",
        "dateline" (the body leaves out "By Ann Lee Mar 5, 2025" as a date line),
        "repeated line" (the author box under the article repeats the name) or "reading
        time" (`_USABLE`)."""
        return self.labels[i].kind not in ("caption", "boundary") and (
            self.taken.get(i, "byline") in _USABLE
        )

    def meta(self, j: int) -> bool:
        """Whether line `j` is a date or a reading time and little else."""
        if j not in self._meta:
            ln = self.lines[j]
            self._meta[j] = bool(_READING_TIME.match(ln.text)) or self.is_dateline(ln)
        return self._meta[j]

    def in_prose(self, word: str) -> bool:
        """Whether the article's first lines write a word in lower case."""
        if self._prose is None:
            first = self.lines[self.start : self.start + PROSE_LINES]
            self._prose = " ".join(ln.text for ln in first)
        text, word = self._prose, word.lower()
        at = text.find(word)
        while at >= 0:
            before = text[at - 1 : at] if at else " "
            after = text[at + len(word) : at + len(word) + 1] or " "
            if not (before.isalnum() or after.isalnum()):
                return True
            at = text.find(word, at + 1)
        return False


def _hinted(lines: Sequence[Line], scan: range) -> set[int]:
    """The lines in `scan` with a cue's hint: one search over their joined text, where a
    search a line costs a call each."""
    texts = [lines[i].text for i in scan]
    ends = list(accumulate(len(text) + 1 for text in texts))  # each line's end, newline and all
    joined = "\n".join(texts)
    hinted = {scan.start + bisect_right(ends, m.start()) for m in _BY.finditer(joined)}
    hinted.update(i for i in scan if _LINE_HINT.match(lines[i].text))
    return hinted


def _has_cue_hint(text: str) -> bool:
    """Whether a line holds what every byline cue holds (`_hinted` for one line)."""
    return _BY.search(text) is not None or _LINE_HINT.match(text) is not None


def _shape(page: _Page, i: int) -> tuple[int, Found] | None:
    """The strongest byline shape line `i` has, with what it names; None if it is none."""
    lines, stop = page.lines, page.stop
    ln = lines[i]
    if ln.words > MAX_BYLINE_WORDS:
        return None
    if i in page.hinted if i < page.scanned else _has_cue_hint(ln.text):
        shape = _cue_shape(page, i)
        if shape is not None or is_byline_cue(ln.text):
            return shape
    # Cheap tests before the dates around it are read.
    named = _opens_with_name(page, i)
    if not (named or _may_name_body(page, i)):
        byline = _name_in_dateline(page, i)
        return None if byline is None else (BARE, Found(byline.authors, [], [i]))
    where = _beside_evidence(page, i)
    bio = where is None
    if bio:
        # Nothing beside it; but the author box under the article may open its bio with it
        # (looked for before the name is parsed: most such lines are menus' items).
        if not (
            named
            and ln.text.split(None, 1)[0] in page.bios()
            and _bio_below(page, _name_first(ln.text) or "")
        ):
            return None
        where = BARE_UNDER
    byline = _bare_byline(ln.text, stop) if named else _bare_body(ln.text)
    if byline is None or (bio and len(byline.authors) != 1):
        return None
    return where, Found(byline.authors, byline.signatures, [i])


_FAR_CUE = re.compile(r"[^\w]*(?:(?:written|posted)\s+)?by\b", re.IGNORECASE)
"""The cue a byline far over the run opens with: "by" itself ("Text", "Von" and the other
cues open menu items as often: "Text Data Annotation")."""
BIO_ABOVE = 60
"""Lines above the article's run where a name whose bio the author box holds is read."""
BIO_WORDS = 12
"""An author's bio under the article is a line of at least this many words."""
_BIO_OPENING = re.compile(r"(?:,| is | was | has )")
_PERSONAL = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b")
"""A bio writes of a person, not of a body ("Google Cloud is a suite of services ...")."""


def _bio_below(page: _Page, name: str) -> bool:
    """Whether a line at the article's end or under it opens an author's bio with the name
    ("Ann Lee is a travel writer ... When she isn't ..."): a person the article is about is
    written of inside it, not there."""
    if not name:
        return False
    bios = page.bios().get(name.split(None, 1)[0], ())
    return any(text.startswith(name) and _BIO_OPENING.match(text, len(name)) for text in bios)


BODY_WORDS = 4
"""A body that signs bare, with no cue, is named in this many words ("DianaHR Team")."""


def _may_name_body(page: _Page, i: int) -> bool:
    """Whether line `i` may name a body of people bare, with no cue ("EDB Team", "Podium
    Staff"): short, capitalised, not a menu's item, holding a body's word
    (`data/byline_bodies.txt`)."""
    ln = page.lines[i]
    if not (_standing_alone(page.labels[i]) and ln.words <= BODY_WORDS and ln.text[:1].isupper()):
        return False
    return not words("byline_bodies.txt").isdisjoint(ln.key.split())


def _bare_body(text: str) -> _Byline | None:
    """The body of people a line names bare (`_may_name_body`), parsed as after a cue."""
    byline = parse_byline(text)
    if byline.authors or not credited([], byline.signatures):
        return None
    return _Byline([], byline.signatures)


def _opens_with_name(page: _Page, i: int) -> bool:
    """Whether line `i` opens with a person's name written bare, with no cue: not a menu's
    item, nor a heading in title case ("About Us", "Case Studies"), nor a name under
    "Edited by"."""
    ln = page.lines[i]
    if not (_standing_alone(page.labels[i]) and 1 < ln.words <= BARE_WORDS):
        return False
    if not ln.text[:1].isupper():
        return False
    first = _name_first(ln.text)
    if not first or (i > 0 and _OTHER_CREDIT.search(page.lines[i - 1].text)):
        return False
    if _has_stopword(first, page.stop) or not _short_name(first):
        return False
    return not all(page.in_prose(w) for w in first.split())


def _standing_alone(label: _Labelled) -> bool:
    """Whether a line labelled so may be a byline written bare: not a menu's item, though
    a line the page repeats may be (the author box under the article repeats the name),
    and one read as a reading time (its name before the date)."""
    return label.kind != "chrome" or label.reason in _STANDING


def _bare_byline(text: str, stop: frozenset[str]) -> _Byline | None:
    """The people of a line that names them bare (`_opens_with_name`), alone or before
    their date, each in two or three words."""
    byline = _names(text, stop) or _dated_name(text, stop)
    if byline is None or not all(_short_name(a) for a in byline.authors):
        return None
    return byline


def _cue_shape(page: _Page, i: int) -> tuple[int, Found] | None:
    """The shape of a line with a byline's cue in it: over the names, before them, or
    inside the line after a date."""
    lines, stop = page.lines, page.stop
    ln = lines[i]
    if is_byline_cue(ln.text):  # "Written by" over the names on the next line
        j = i + 1
        if j < len(lines) and page.usable(j) and lines[j].words <= BARE_WORDS:
            # People; else the body that signed ("By" over "EcoCult Staff"); else a handle.
            text = lines[j].text
            byline = _names(text, stop) or _cue_byline(f"By {text}") or _handle(text, stop)
            if byline is not None:
                return CUE, Found(byline.authors, byline.signatures, [i, j])
        return None
    rest = byline_text(ln.text)
    if rest is not None:
        byline = _cue_byline(ln.text) or _handle(rest, stop)
        if byline is not None:
            return CUE, Found(byline.authors, byline.signatures, [i])
    if ln.words <= 25 and page.labels[i].kind != "prose" and _BY.search(ln.text):
        m = _MID_CUE.search(ln.text)
        if m and m.start() > 0 and not _OTHER_CREDIT.search(ln.text[: m.end()].rstrip()):
            names = _AFTER_NAMES.sub("", ln.text[m.end() :])
            byline = _cue_byline(names)
            if byline is not None and not any(_has_stopword(a, stop) for a in byline.authors):
                return MID_CUE, Found(byline.authors, byline.signatures, [i])
    return None


def _name_first(text: str) -> str | None:
    """The person's name a line opens with, alone or before a date (a cheap test before
    the full parse); None when it opens with none."""
    head = _FIRST_PART.split(text, maxsplit=1)[0]
    first = _BEFORE_META.split(head, maxsplit=1)[0]
    if len(first) < len(head) and head[len(first)].isdigit():
        # The month of the date after the name ("Mike Kappel May 18, 2016").
        name, _, last = first.rstrip().rpartition(" ")
        first = name if last.lower().rstrip(".") in month_names() else first
    first = first.strip(" :|•·⋅-–—")
    return first if is_person_name(first) else None


_FIRST_PART = re.compile(r"\s*(?:[,;|/•·⋅]|\s(?:and|&|und|et)\s)\s*")
_DIGIT = re.compile(r"\d")
_BEFORE_META = re.compile(r"\d|\s(?:published|updated|posted|on|at)\b", re.IGNORECASE)
"""Where the name ends in a line that goes on with its date ("Ann Lee Published 10:19am")."""


def _short_name(name: str) -> bool:
    """A bare name is two or three words besides its particles and post-nominals: a longer
    capitalised line is a title ("Smart Home Security Best Picks")."""
    core = [w for w in name.split(",")[0].split() if w.lower() not in _PARTICLES]
    return len(core) <= BARE_NAME_WORDS


def _cue_byline(text: str) -> _Byline | None:
    """People (or the body that signed: "By Podium Staff") named after a cue opening the
    line; None when the cue opens prose ("By signing up, I agree to the Terms ...")."""
    byline = parse_byline(text)
    return _Byline(*byline) if credited(*byline) else None


class _Byline(NamedTuple):
    authors: list[str]
    signatures: list[str]


def _names(text: str, stop: frozenset[str]) -> _Byline | None:
    """The people of a line that only names people, roles and outlets ("Jane Doe | Staff
    Writer", "Manoj Jain and Jagpreet Chhatwal"); None for any other line."""
    text = text.strip(" :|•·-–—")
    if not text or not is_credit(text):
        return None
    byline = parse_byline(text)
    if not byline.authors or any(_has_stopword(a, stop) for a in byline.authors):
        return None
    return _Byline(byline.authors, byline.signatures)


def _handle(text: str, stop: frozenset[str]) -> _Byline | None:
    """One capitalised word after a cue, up to a category, a date or a separator: a first
    name or a user name ("Written by Melissa", "By MixmasterFred in Woodworking")."""
    dates = find_dates(text)
    text = _AFTER_NAMES.sub("", text[: dates[0].start] if dates else text)
    word = re.split(r"\s*[|•·⋅,;(]", text.strip(" :"))[0].strip()
    if not _HANDLE.fullmatch(word) or word.lower() in stop or word.lower() in byline_roles():
        return None
    if outlet_named(word) or is_tool_line(word):
        return None
    return _Byline([word], [])


def _dated_name(text: str, stop: frozenset[str]) -> _Byline | None:
    """A name followed by a date on one line ("Ahmet Serhan January 23, 2025 10:01 am")."""
    dates = find_dates(text)
    if not dates or dates[0].start == 0:
        return None
    name = _BEFORE_META.split(text[: dates[0].start], maxsplit=1)[0].strip(" |•·⋅-–—,")
    if not is_person_name(name) or _has_stopword(name, stop):
        return None
    return _Byline([name], [])


_TWO_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*\s+[A-Z]")
"""Two capitalised words in a row, as a name has them."""
_META_PARTS = re.compile(r"\s+[|•·⋅–—-]\s+")
"""What separates a dateline's date, name, category and counts ("Dec 26, 2025 • Ann Lee")."""


def _name_in_dateline(page: _Page, i: int) -> _Byline | None:
    """The one person a dateline names bare after its date or between its other parts
    ("Dec 26, 2025 • Ann Lee in Project Management", "109 Comments | Jill Winger | Last
    Updated: March 11, 2019", "September 8, 2016Autumn Adams"); a name opening the line is
    `_opens_with_name`'s."""
    ln = page.lines[i]
    if not (
        _standing_alone(page.labels[i]) and 2 < ln.words <= BARE_WORDS and _DIGIT.search(ln.text)
    ):
        return None
    if not _TWO_CAPITALISED.search(ln.text):
        return None  # a name's two words: most datelines have a month's capital alone
    dates = find_dates(ln.text)
    if not dates:
        return None
    bounds = [0, *(x for d in dates for x in (d.start, d.end)), len(ln.text)]
    names = []
    for start, end in zip(bounds[::2], bounds[1::2], strict=True):
        for part in _META_PARTS.split(ln.text[start:end]):
            part = _BEFORE_META.split(_AFTER_NAMES.sub("", part), maxsplit=1)[0]
            part = part.strip(" :|•·⋅-–—,")
            if part and is_person_name(part) and _short_name(part):
                names.append(part)
    if len(names) != 1 or _has_stopword(names[0], page.stop):
        return None
    return _Byline(names, [])


def _has_stopword(text: str, stop: frozenset[str]) -> bool:
    """A function word outside the list's joints: a title-case headline, not a name."""
    tokens = re.split(r"[\s,;/|]+", text.lower())
    return any(t in stop and t not in _JOINTS for t in tokens)


_JOINTS = frozenset(NAME_JOINTS)


def _beside_evidence(page: _Page, i: int) -> int | None:
    """How a bare name at line `i` is told as a byline: BARE when it heads a date, a
    reading time or a role line (or holds a date), BARE_UNDER when it stands under a date;
    None when there is nothing of the kind close to it."""
    lines = page.lines
    if _DIGIT.search(lines[i].text) and find_dates(lines[i].text):
        return BARE
    if i + 1 < len(lines) and _is_role(lines[i + 1].text):
        return BARE
    if _SEPARATOR.search(lines[i].text) and _is_role(_SEPARATOR.split(lines[i].text)[-1]):
        return BARE  # its role after a bar on its own line ("Jane Doe | Guest Columnist")
    if any(page.meta(j) for j in range(i + 1, min(len(lines), i + NEAR + 1))):
        return BARE
    if any(page.meta(j) for j in range(max(page.window.start, i - NEAR), i)):
        return BARE_UNDER
    return None


_SEPARATOR = re.compile(r"\s[|•·⋅]\s")
"""A bar or a dot between spaces, parting a name from its role on one line."""


def _is_role(text: str) -> bool:
    """A short line naming a job, not a person ("Trending Editor", "VP - Technology")."""
    tokens = {t.strip(".,:-–—&|").lower() for t in text.split()}
    jobs = words("byline_jobs.txt")
    return 0 < len(tokens) <= ROLE_WORDS and bool(tokens & jobs) and not is_person_name(text)
