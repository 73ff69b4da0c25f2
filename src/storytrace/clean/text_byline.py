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
from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol

from storytrace.clean.lines import Line
from storytrace.clean.metadata import (
    MAX_BYLINE_WORDS,
    byline_text,
    find_dates,
    is_byline_cue,
    is_person_name,
    parse_byline,
)
from storytrace.clean.text_headline import is_credit
from storytrace.resources import words

_PARTICLES = words("name_particles.txt")

ABOVE = 25
"""Lines above the article's run searched for its byline (as many as for the headline)."""
INTO = 5
"""Lines into the run searched: a byline the run took in under its standfirst."""
NEAR = 2
"""A bare name is a byline when a date, a reading time or a role stands this close."""
BARE_WORDS = 12
"""A bare byline line ("Manoj Jain and Jagpreet Chhatwal | Guest Columnists") is this short."""
BARE_NAME_WORDS = 3
"""A name standing alone has at most this many words (particles aside)."""
ROLE_WORDS = 6
"""A role line under a name ("Senior Digital Marketing Manager") is this short."""

CUE, MID_CUE, AFTER, BARE = 0, 1, 2, 3
"""Strength of a byline's shape, best first: a cue opening the line ("By ...", or a cue
line over the names), a cue inside a short line, a cue line below the article ("Reporting
by ..."), a bare name with evidence beside it (a masthead's name over its date reads as
one)."""

_MID_CUE = re.compile(r"(?:^|[\s|•·,])(?:(?i:written|posted)\s+)?(?i:by):?\s+(?=[A-Z])")
"""A cue inside a line, before a capitalised name ("... 2025 By Gabby Boucher In Travel")."""
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
    found: list[tuple[int, int, Found]] = []
    prose: set[str] | None = None

    def usable(i: int) -> bool:
        return labels[i].kind not in ("caption", "boundary") and taken.get(i, "byline") == "byline"

    # Deeper in the run, the lines the body left out as bylines ("By ..." under a
    # disclaimer or a standfirst).
    deeper = [i for i in range(window.stop, end + 1) if taken.get(i) == "byline"]
    for i in [*window, *deeper]:
        if not usable(i):
            continue
        shape = _shape(lines, labels, i, window, usable, is_dateline, stop)
        if shape is not None and shape[0] == BARE:
            # A bare line of common words ("Key Features", "Shipping Fees") names nobody:
            # the article writes each of its words in lower case.
            prose = _lower_words(lines, run) if prose is None else prose
            if all(w.lower() in prose for a in shape[1].authors for w in a.split()):
                shape = None
        if shape is not None:
            distance = start - i if i < start else 2 * (i - start + 1)
            found.append((shape[0], distance, shape[1]))
    for i in after:
        if usable(i) and lines[i].words <= MAX_BYLINE_WORDS and byline_text(lines[i].text):
            byline = _cue_byline(lines[i].text)
            if byline is not None:
                found.append((AFTER, i, Found(byline.authors, byline.signatures, [i])))
    if not found:
        return None
    best = min(found, key=lambda f: (f[0], f[1]))[2]
    # Organisations that signed a cue line near the byline sign with it ("and The X news desk").
    signatures = [s for _, _, f in found if not f.authors for s in f.signatures]
    return Found(best.authors, [*best.signatures, *signatures], best.lines)


def _shape(
    lines: Sequence[Line],
    labels: Sequence[_Labelled],
    i: int,
    window: range,
    usable: Callable[[int], bool],
    is_dateline: Callable[[Line], bool],
    stop: frozenset[str],
) -> tuple[int, Found] | None:
    """The strongest byline shape line `i` has, with what it names; None if it is none."""
    ln = lines[i]
    if ln.words > MAX_BYLINE_WORDS:
        return None
    if is_byline_cue(ln.text):  # "Written by" over the names on the next line
        j = i + 1
        if j < len(lines) and usable(j) and lines[j].words <= BARE_WORDS:
            byline = _names(lines[j].text, stop)
            if byline is not None:
                return CUE, Found(byline.authors, byline.signatures, [i, j])
        return None
    if byline_text(ln.text) is not None:
        byline = _cue_byline(ln.text)
        if byline is not None:
            return CUE, Found(byline.authors, byline.signatures, [i])
    if ln.words <= 25 and labels[i].kind != "prose":
        m = _MID_CUE.search(ln.text)
        if m and m.start() > 0:
            names = _AFTER_NAMES.sub("", ln.text[m.end() :])
            byline = _cue_byline(names)
            if byline is not None and not any(_has_stopword(a, stop) for a in byline.authors):
                return MID_CUE, Found(byline.authors, byline.signatures, [i])
    if ln.words <= BARE_WORDS and not (i > 0 and _OTHER_CREDIT.search(lines[i - 1].text)):
        byline = _names(ln.text, stop) or _dated_name(ln.text, stop)
        if (
            byline is not None
            and all(_short_name(a) for a in byline.authors)
            and _beside_evidence(lines, i, window, is_dateline)
        ):
            return BARE, Found(byline.authors, byline.signatures, [i])
    return None


def _short_name(name: str) -> bool:
    """A bare name is two or three words besides its particles and post-nominals: a longer
    capitalised line is a title ("Smart Home Security Best Picks")."""
    core = [w for w in name.split(",")[0].split() if w.lower() not in _PARTICLES]
    return len(core) <= BARE_NAME_WORDS


def _lower_words(lines: Sequence[Line], run: tuple[int, int]) -> set[str]:
    """The words the article's run writes in lower case."""
    return {
        w
        for ln in lines[run[0] : run[1] + 1]
        for w in _WORD.findall(ln.text)
        if w.islower()
    }


_WORD = re.compile(r"[\w'’-]+")


def _cue_byline(text: str) -> _Byline | None:
    """People named after a cue opening the line; None when the cue opens prose ("By
    signing up, I agree to the Terms and Privacy Policy")."""
    byline = parse_byline(text)
    return _Byline(byline.authors, byline.signatures) if byline.authors else None


class _Byline(NamedTuple):
    authors: list[str]
    signatures: list[str]


def _names(text: str, stop: frozenset[str]) -> _Byline | None:
    """The people of a line that only names people, roles and outlets ("Jane Doe | Staff
    Writer", "Manoj Jain and Jagpreet Chhatwal"); None for any other line."""
    text = text.strip(" :|•·-–—")
    if not text or not is_credit(text) or _has_stopword(text, stop):
        return None
    byline = parse_byline(text)
    return _Byline(byline.authors, byline.signatures) if byline.authors else None


def _dated_name(text: str, stop: frozenset[str]) -> _Byline | None:
    """A name followed by a date on one line ("Ahmet Serhan January 23, 2025 10:01 am")."""
    dates = find_dates(text)
    if not dates or dates[0].start == 0:
        return None
    name = text[: dates[0].start].strip(" |•·-–—,")
    if not is_person_name(name) or _has_stopword(name, stop):
        return None
    return _Byline([name], [])


def _has_stopword(text: str, stop: frozenset[str]) -> bool:
    """A function word outside the list's joints: a title-case headline, not a name."""
    tokens = re.split(r"[\s,;/|]+", text.lower())
    return any(t in stop and t not in _JOINTS for t in tokens)


_JOINTS = frozenset({"and", "&", "und", "et", "y", "e", "en", "og", "och", "i"})
"""The words that join names in a byline (as `metadata`'s list splitter reads them)."""


def _beside_evidence(
    lines: Sequence[Line], i: int, window: range, is_dateline: Callable[[Line], bool]
) -> bool:
    """A date, a reading time or a role line close to line `i`, or a date in it."""
    if find_dates(lines[i].text):
        return True
    for j in range(max(window.start, i - NEAR), min(len(lines), i + NEAR + 1)):
        if j == i:
            continue
        ln = lines[j]
        if is_dateline(ln) or _READING_TIME.match(ln.text):
            return True
        if j == i + 1 and _is_role(ln.text):
            return True
    return False


def _is_role(text: str) -> bool:
    """A short line naming a job, not a person ("Trending Editor", "VP - Technology")."""
    tokens = {t.strip(".,:-–—&|").lower() for t in text.split()}
    jobs = words("byline_jobs.txt")
    return 0 < len(tokens) <= ROLE_WORDS and bool(tokens & jobs) and not is_person_name(text)
