"""The article's run on a labelled text page: the maximum-weight segment of its lines.

Prose weighs its length and chrome weighs against, so an "Advertisement" line between two
paragraphs does not split the article but a menu of twenty links does; no run crosses a
boundary. The run found is then corrected: an article above its comments wins over the
comments, a run that is a news feed's item is dropped for the next best, a footer's blurb
past a long menu is cut off, and a related-articles box set inside the article is stepped
over.
"""

from __future__ import annotations

from storytrace.clean.lines import Line, paragraph_words
from storytrace.clean.text_labels import (
    CODE,
    COMMENTS_MIN_WORDS,
    FIGURES,
    NEAR,
    PROSE,
    REPEATED_HEADING,
    SHORT,
    Label,
    is_dateline,
    item_head,
)

GAP_GROWTH = 0.0
"""Each further line of a gap without prose weighs this much more than the one before.
Measured on the development data: 0.1-0.25 gains 0.004-0.04 body F1 on news pages
(L3S-GN1) and loses as much on blogs and guides (WCXB), whose lists are runs of short
lines; so off by default."""
SHORT_COST = 0.25
"""Weight per character against a line that is not prose (but at least 12)."""
MIN_WORDS = 25
"""A run of fewer words than this is no article (a section's blurb), as in clean/html.py."""
TRIM_GAP = 10
"""This many menu-like lines in a row (chrome, or short lines of a few words) part a run."""
MENU_WORDS = 5
"""A short line of at most this many words reads as a menu item."""
TRIM_SHARE = 0.15
"""The run's end past such a gap goes when its prose weighs under this share of the rest.

Only the end: a light head past a gap is most often a guide's intro over its table of
contents, and cutting it took the headline with it."""


def _trimmed(lines: list[Line], labels: list[Label], run: tuple[int, int]) -> tuple[int, int]:
    """The run without a light end beyond a long menu-like gap (a footer's blurbs).

    A run takes in any prose whose weight outpays the lines between; a site's footer or a
    sidebar under the article often has a blurb long enough to pay for a whole menu.
    """
    s, e = run
    best: tuple[int, int] | None = None  # the longest gap: (length, start)
    gap = 0
    for i in range(s, e + 2):
        lab = labels[i] if i <= e else None
        if lab is not None and (
            lab.kind == "chrome" or (lab.kind == SHORT and lines[i].words <= MENU_WORDS)
        ):
            gap += 1
            continue
        if gap >= TRIM_GAP and (best is None or gap > best[0]):
            best = (gap, i - gap)
        gap = 0
    if best is None:
        return run
    cut, stop = best[1], best[1] + best[0]
    head = _prose_weight(lines, labels, s, cut)
    tail = _prose_weight(lines, labels, stop, e + 1)
    if tail < TRIM_SHARE * head:
        e = max(k for k in range(s, cut) if labels[k].kind in (PROSE, NEAR))
    return s, e


def _prose_weight(lines: list[Line], labels: list[Label], start: int, stop: int) -> int:
    return sum(lines[k].chars for k in range(start, stop) if labels[k].kind in (PROSE, NEAR))


BOX_LINES = 10
"""A related-articles box set inside an article holds at most this many lines."""
BOX_SIDE_WORDS = 50
"""The article goes on past such a box only with at least this many words on its far side."""
BOX_PARAGRAPH_WORDS = 30
"""...and only with a paragraph this long right after the box (a teaser's blurb is shorter)."""


def _across_boxes(lines: list[Line], labels: list[Label], run: tuple[int, int]) -> tuple[int, int]:
    """The run joined with the article's prose on the far side of a related-articles box.

    Sites set a small "You may also like" box between two paragraphs; its heading ends a
    run, so the article was cut at the box. Where the box is short and a long paragraph
    goes on right after it, the box's lines are chrome and the article runs on.
    """
    s, e = run
    while e + 2 < len(lines) and _box_heading(labels[e + 1]):
        window = range(e + 2, min(len(lines), e + 2 + BOX_LINES))
        far = next((k for k in window if labels[k].kind == PROSE), None)
        if far is None or not _box_between(lines, labels, e + 2, far):
            break
        rest = _best_run(lines[far:], labels[far:])
        if rest is None or rest[0] != 0 or _words(lines, (far, far + rest[1])) < BOX_SIDE_WORDS:
            break
        _mark_box(labels, e + 1, far)
        e = far + rest[1]
    while s > 2:
        heads = [k for k in range(max(1, s - BOX_LINES), s) if _box_heading(labels[k])]
        if not heads or not _box_between(lines, labels, heads[-1] + 1, s, blurb=False):
            break
        b = heads[-1]
        before = _best_run(lines[:b], labels[:b])
        if before is None or before[1] < b - 2 or _words(lines, before) < BOX_SIDE_WORDS:
            break
        if _lists_headlines(lines, b + 1, e):
            # Under the box stands the site's list of its stories ("B.C. Headlines", each
            # title run into its blurb), heavier than the article: the article is above.
            return before
        _mark_box(labels, before[1] + 1, s)
        s = before[0]
    return s, e


HEADLINES_WORDS = 8
"""A heading of a list of the site's stories ("B.C. Headlines", "MORE MANITOBA HEADLINES »")
has at most this many words."""


def _lists_headlines(lines: list[Line], start: int, end: int) -> bool:
    """Lines start..end hold a heading of the site's headlines: a list of other stories."""
    return any(
        lines[k].words <= HEADLINES_WORDS and lines[k].key.endswith("headlines")
        for k in range(start, end + 1)
    )


def _box_between(
    lines: list[Line], labels: list[Label], start: int, far: int, blurb: bool = True
) -> bool:
    """Lines start..far-1 may be a box's and line `far` the article's own paragraph: no
    other section's heading or comment's time stamp among them, no teaser's blurb after
    (unless `blurb` is False: line `far` opens the page's heaviest run, no blurb)."""
    if blurb and lines[far].words < BOX_PARAGRAPH_WORDS:
        return False
    between = range(start, far)
    return not any(labels[k].kind == "boundary" or is_dateline(lines[k]) for k in between)


def _mark_box(labels: list[Label], start: int, stop: int) -> None:
    for k in range(start, stop):
        if labels[k].kind not in ("chrome", "caption"):
            labels[k] = Label("chrome", "related-article teaser")


def _box_heading(lab: Label) -> bool:
    return lab.kind == "boundary" and lab.reason == "related-article teaser"


def _article_before_comments(
    lines: list[Line], labels: list[Label], run: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The article run above the page's comment section, when the best run is below it.

    Readers' comments are prose too, and a long thread outweighs a short article; but an
    article comes before its comments, so a run under a comments heading loses to any
    article-sized run above the heading.
    """
    if run is None:
        return None
    # "* Comments (3)" in a list is a share bar's link to the thread, not its heading.
    heads = [i for i in range(run[0]) if labels[i].reason == "comments" and not lines[i].bullet]
    for cut in heads:
        above = _best_run(lines[:cut], labels[:cut])
        if above is not None and _words(lines, above) >= COMMENTS_MIN_WORDS:
            return above
    return run


def _words(lines: list[Line], run: tuple[int, int]) -> int:
    """The words of a run of lines, a hard-wrapped paragraph's counted once."""
    start, end = run
    # The run's first line counts whole, whatever it goes on from above the run.
    return lines[start].words + paragraph_words(lines, range(start + 1, end + 1))


def _prose_words(lines: list[Line], labels: list[Label], run: tuple[int, int]) -> int:
    return sum(lines[i].words for i in range(run[0], run[1] + 1) if labels[i].kind in (PROSE, NEAR))


def _feed_item(lines: list[Line], labels: list[Label], run: tuple[int, int]) -> bool:
    """A run between two boundaries of a news feed, one of them a time stamp, is one item of
    the feed, no article.

    A time stamp at least: a "Top Stories" heading is a news-feed boundary too, but a site
    that repeats its menu's "Top Stories" link over and under the article sets the article
    between two of them; the feed's last item ends at a "More news" heading.
    """
    s, e = run
    # The item's own headline may be a short line the run left out.
    skip = ("caption", SHORT)
    before = next((i for i in range(s - 1, -1, -1) if labels[i].kind not in skip), None)
    after = e + 1 if e + 1 < len(labels) else None
    if before is None or after is None:
        return False
    bounds = (before, after)
    return all(labels[i].reason == "news feed" for i in bounds) and any(
        lines[i].time_only for i in bounds
    )


def _best_run(lines: list[Line], labels: list[Label]) -> tuple[int, int] | None:
    """The maximum-weight contiguous run of lines that crosses no boundary."""
    best: tuple[float, int, int] | None = None
    total, start, gap = 0.0, 0, 0
    for i, (ln, lab) in enumerate(zip(lines, labels, strict=True)):
        kind = lab.kind
        if kind == "boundary":
            total, start, gap = 0.0, i + 1, 0
            continue
        # The line's weight, worked out here: this loop runs over every line, several times
        # a page, where a call a line cost more than the sums.
        if kind == PROSE:
            w = float(ln.chars)
        elif kind == NEAR:
            w = max(20.0, 0.5 * ln.chars)
        elif kind == SHORT and lab.reason != REPEATED_HEADING:
            # A long line that is not prose (a ticker, a tag cloud) weighs by its length;
            # a line's least cost is paid once by a list item a text browser wrapped.
            if ln.continues and i and lines[i - 1].filled and lines[item_head(lines, i)].bullet:
                w = -SHORT_COST * ln.chars
            else:
                w = -max(20.0 if ln.bullet else 12.0, SHORT_COST * ln.chars)
        elif kind in ("caption", FIGURES, CODE):
            w = 0.0
        else:
            w = -max(30.0, float(ln.chars))
        if w < 0:
            # A long stretch without prose costs more than its lines one by one: an
            # advertisement between paragraphs is bridged, a sidebar is not.
            w *= 1 + GAP_GROWTH * gap
            gap += 1
        elif w > 0:
            gap = 0
        if total <= 0:
            total, start = 0.0, i
        total += w
        if w > 0 and (best is None or total > best[0]):
            best = (total, start, i)
    if best is None:
        return None
    _, s, e = best
    prose = sum(lines[i].chars for i in range(s, e + 1) if labels[i].kind in (PROSE, NEAR))
    has_prose = any(labels[i].kind == PROSE for i in range(s, e + 1))
    if not has_prose and prose < 100:
        return None
    while labels[s].kind not in (PROSE, NEAR):
        s += 1
    return s, e


def article_run(lines: list[Line], labels: list[Label]) -> tuple[int, int] | None:
    """The first and last line of the page's article, None where it has none. Lines the
    run finds to be a news feed's items are labelled so in `labels`."""
    run = _article_before_comments(lines, labels, _best_run(lines, labels))
    while run is not None and _feed_item(lines, labels, run):
        for i in range(run[0], run[1] + 1):
            labels[i] = Label("chrome", "news feed item")
        run = _best_run(lines, labels)
    if run is not None:
        run = _across_boxes(lines, labels, _trimmed(lines, labels, run))
    if run is not None and _prose_words(lines, labels, run) < MIN_WORDS:
        # Prose only: a run that reached the minimum by its byline's or headline's words
        # loses them in cleaning, and its cleaned body was then no article.
        run = None
    return run
