"""A text page's headline: the lines that may be it (`headline_candidates`) and the choice
among them (`choose_headline`), by the weighted evidence of `clean/text_headline.py`.

A headline stands over the article's run, within `HEADLINE_WINDOW` lines, or opens the run
itself; further up, only the page's h1 and first lines (a converter's `<title>`). Each
candidate's text may be a part of its line (a layout cell, a bold lead, a title's
headline part); the candidates are then marked against each other (a table of contents,
a trail, a subheading its headline subsumes, a deck under its headline).
"""

from __future__ import annotations

import re
from datetime import datetime
from itertools import islice

from storytrace.clean.lines import (
    SENTENCE_MARKS,
    Line,
    chrome_phrases,
    count_words,
    paragraph_words,
    paragraphs,
    wrapped_on,
)
from storytrace.clean.metadata import (
    byline_text,
    find_dates,
    outlet_named,
)
from storytrace.clean.resources import comparable, content_words
from storytrace.clean.text_headline import (
    DIGIT,
    GLUED_MIN_WORDS,
    PART_MIN_WORDS,
    TOP_LINES,
    Candidate,
    HeadlineContext,
    address_slug,
    bold_lead,
    covers_slug,
    gap_cells,
    glued_texts,
    headline_context,
    headline_features,
    headline_texts,
    host_key,
    line_parts,
    names_slug,
    shown_part,
    site_cuts,
    tools_cut,
    undecorated,
    unemphasised,
    words_besides_date,
)
from storytrace.clean.text_labels import (
    ABBREVIATED_END,
    PROSE,
    SHORT,
    Label,
    title_shape,
)
from storytrace.clean.text_run import MIN_WORDS
from storytrace.model import Article

HEADLINE_TAIL = "headline's wrapped end"
"""Reason of the body line holding the end of the headline over it, which a text browser
wrapped onto it (`_body_tail`)."""
HEADLINE_CUT = "headline cut"
"""Reason, while the header is read, of a body line whose opening bold text is the headline
(`bold_lead`); the rest of the line stays in the body."""
HEADER_WINDOW = 12
"""How many lines above the body are searched for byline and date."""
HEADLINE_WINDOW = 25
"""How many lines above the body are searched for the headline (and further up, the page's
h1 and first lines)."""
FAR_MIN_WORDS = 2
"""A first line of the page this far above the body is a candidate with this many words."""
FIRST_LINE_WORDS = 25
"""The body's first line may be the headline when it has at most this many words."""
BODY_HEAD_LINES = 3
"""How many of the body's first lines may be its headline (a caption the run took in may
stand above it). 4 gained 3 L3S-GN1 pages, but a cleaned body then opened more often on
a short line that cleaning it again took for a headline (test_props_clean)."""
BODY_DEEP_LINES = 6
"""Further down the body, up to this many lines, a line over its byline or date may be the
headline, when the run opened on a few short lines above it (`DEEP_ABOVE_WORDS`): a promo,
an advertisement, a photo's caption set as the page's first text."""
DEEP_ABOVE_WORDS = 50
"""...and the body's lines above it hold at most this many words (under more, a line over
its date is a guide's section: "What is Ecommerce Analytics?" over "Updated ...")."""
BODY_HEADLINE_WORDS = 3
"""...and how many words such a headline has at least ("Month Change" heads a table)."""
LEDE_HEADLINE_WORDS = 12
"""...or, over the lede itself rather than a dateline, at most this many (a pull quote or
a caption's sentence is longer)."""
CAPTION_WORDS = 25
"""...and under at most this many words of the body (a caption or a promo: under a
paragraph, a short line is the article's subheading)."""
TOLD_WORDS = 2
"""...and the lede right under it tells at least this many of its words (a promo's line
over a short lede tells none)."""
_QUOTES = ('"', "“", "‘", "'", "«", "„")
_MONTH_DAY = re.compile(r"^[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?$")
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—]|-|::)\s+")


def choose_headline(
    found: list[Candidate],
    lines: list[Line],
    removed: dict[int, str],
    article: Article,
    url: str | None = None,
) -> list[str]:
    """Pick the headline among the candidates (`headline_candidates`) and take its line out
    of the page; returns outlet signatures found in a title suffix."""
    if not found:
        return []
    best = max(found, key=lambda c: c.score)
    text = best.text
    if best.index < TOP_LINES:
        # The page's <title> won: the headline is its text less the site's name and the
        # sections beside it ("Sterjovski Derby-bound - Football - Fox Sports"), cut from the
        # whole line as the site's name may be outside the part that won.
        cuts = [c for c in site_cuts(lines[best.index].text, host_key(url)) if c in text]
        shown = None
        if not cuts and lines[best.index].heading != 1:
            # A site's name that is not the host's: the part the page shows (an h1 is
            # the page's own heading, not its <title>, and carries no site's name).
            shown = shown_part(text, [ln.text for ln in lines[best.index + 1 :]])
        text = min(cuts, key=len) if cuts else shown or text
    elif cuts := site_cuts(text, host_key(url)):
        # A heading the page prints with its site's name ("Headline – Artlyst").
        text = min(cuts, key=len)
    headline, signatures = split_title(unemphasised(text))
    article.headline = headline
    removed[best.index] = "headline"
    if best.tail is not None:
        removed[best.tail] = HEADLINE_TAIL
    if best.rest is not None:
        # The headline opened the body's first paragraph: the paragraph stays without it.
        lines[best.index].text = best.rest
        removed[best.index] = HEADLINE_CUT
    return signatures


_CELL_BAR = " | "
"""What html2text writes between a table row's cells."""


def _bar_lead(text: str) -> str | None:
    """The headline in a table row's first cell that html2text ran into the body's first
    paragraph ("Headline |  Posted on: 17-01-2026 in Travel ... The lede"): the text before
    the first bar, of `GLUED_MIN_WORDS` to `LEDE_HEADLINE_WORDS` words; else None."""
    if _CELL_BAR not in text:
        return None  # most first lines
    left = text.split(_CELL_BAR, 1)[0].strip()
    return left if GLUED_MIN_WORDS <= count_words(left) <= LEDE_HEADLINE_WORDS else None


def _glued_lead(text: str) -> str | None:
    """The headline that a converter ran into the body's first paragraph before its
    dateline, date or byline ("| Headline SALMON, Idaho, Jan 17 (Reuters) - The lede",
    "Headline Posted: January 06, 2008 by Name The lede"): the shortest text `glued_texts`
    cuts from the paragraph's start, of `GLUED_MIN_WORDS` to `LEDE_HEADLINE_WORDS` words;
    else None."""
    # Its start only: the cut stands within a headline's words of it, and `glued_texts`
    # reads every date and byline in what it is given.
    text = " ".join(text.split(None, GLUED_LEAD_WORDS)[:GLUED_LEAD_WORDS])
    bare = text.strip(_LEAD_DECORATION)
    cuts = [
        cut
        for cut in glued_texts(text)
        if cut != bare
        and bare.startswith(cut)
        and GLUED_MIN_WORDS <= count_words(cut) <= LEDE_HEADLINE_WORDS
    ]
    return cuts[-1] if cuts else None


GLUED_LEAD_WORDS = 30
"""How many words of the body's first paragraph a headline run into it is looked for in."""
_LEAD_DECORATION = " |*#_>"
"""A layout row's bar, emphasis and a heading's marks before a paragraph's text."""


def _tooled(ln: Line) -> bool:
    """Whether a chrome line holds a headline besides its tool bar (`tools_cut`): a text of
    `GLUED_MIN_WORDS` words or more with no chrome phrase of its own."""
    if ln.words < GLUED_MIN_WORDS + 2:
        return False  # most chrome lines: a label, a link, a short call to action
    cut = tools_cut(ln.text)
    return cut is not None and count_words(cut) >= GLUED_MIN_WORDS and not chrome_phrases(cut)


def _first_heading(lines: list[Line], first: Line) -> bool:
    """Whether a body line is a Markdown heading with no heading of `BODY_HEADLINE_WORDS`
    words or more in the `HEADER_WINDOW` lines above it and none of its own level in as many
    lines under it: the article's headline under a caption or a promo the run opened on
    (html2text writes the page's h2 or h3 as "### ...", "### Police recover body ..." under
    a dated photo caption). Under a longer heading it is a guide's subheading ("What is Zero
    Waste?" under "Zero Waste 101: ..."), and so is the first of a run of same-level
    headings (a guide's steps)."""
    if not first.heading:
        return False
    above = lines[max(0, first.index - HEADER_WINDOW) : first.index]
    if any(ln.heading and ln.words >= BODY_HEADLINE_WORDS for ln in above):
        return False
    below = lines[first.index + 1 : first.index + 1 + HEADER_WINDOW]
    return not any(ln.heading == first.heading for ln in below)


_UPDATE_LABEL = re.compile(r"(?:last\s+)?(?:updated?|published|posted|modified)\b", re.IGNORECASE)
"""A date line's label, before a date `find_dates` may not read ("Last Update: 1/01 1:10 pm")."""


def _headline_meta(ln: Line, reason: str | None) -> bool:
    """Whether a body line under a headline is its byline or date line (`meta_line`), one
    the header's reading did not take: a byline with an agency or a time after the names
    ("By Jane Doe ASSOCIATED PRESS 1:23 p.m."), a date with a tool bar ("Published on
    Monday, January 14, 2008 Email To Friend Print Version"), a labelled date with no year
    ("Last Update: 1/01 1:10 pm")."""
    if meta_line(ln, reason):
        return True
    if ln.words > BYLINE_DATE_WORDS:
        return False  # a paragraph ("Reporter: How did the town pay for it ...")
    if byline_text(ln.text) is not None:
        return True
    if not DIGIT.search(ln.text):
        return False
    return _UPDATE_LABEL.match(ln.text) is not None or bool(find_dates(ln.text, now=_ANY_TIME))


def opens_as_headline(first: Line) -> bool:
    """Whether a body's first line reads as a headline over the body: short, shaped like
    a title, no teaser's trailing dots, no date alone, not run on from the line before."""
    return (
        first.words <= FIRST_LINE_WORDS
        and title_shape(first.text, first.words, True)
        and not first.text.endswith(("...", "…"))
        and not _date_only(first.text)
        and not first.continues
    )


def headline_candidates(
    lines: list[Line],
    labels: list[Label],
    header: range,
    removed: dict[int, str],
    article: Article,
    url: str | None = None,
    body_idx: list[int] | None = None,
    raw: list[str] | None = None,
) -> list[Candidate]:
    """The lines above the body that may be its headline, with the headline's text in
    each (a layout table's row holds it in one of its cells), nearest first; and the
    body's first line, when it reads as a headline over the body. `raw`: the page's lines
    as the page has them (the cells of a line laid out in columns are candidate texts)."""
    found: list[Candidate] = []
    rank = 0
    top = [ln.text for ln in lines[:TOP_LINES]]
    context = headline_context(top, article.paragraphs, url)
    # The body's paragraphs, not its lines: a hard-wrapped paragraph's lines (a text
    # browser's dump) each carry the paragraph's words, and none but the first opens one.
    starts = islice(
        (k for k, i in enumerate(body_idx or []) if k == 0 or not wrapped_on(lines, i)),
        BODY_DEEP_LINES,
    )
    for rank_k, k in enumerate(starts):
        assert body_idx is not None
        if k >= len(body_idx) - 1:
            break
        first = lines[body_idx[k]]
        deep = rank_k >= BODY_HEAD_LINES
        if deep and paragraph_words(lines, body_idx[:k]) > DEEP_ABOVE_WORDS:
            break  # the lines further down have more words above them still
        # A headline taken out of a body must leave an article behind: otherwise cleaning
        # the cleaned body again would take its first paragraph for a headline
        # (test_props_clean).
        shaped = opens_as_headline(first)
        rest = sum(lines[i].words for i in body_idx[k + 1 :])
        shaped = shaped and rest >= MIN_WORDS
        # Further down, only over its dateline: a caption or a disclosure the run took in
        # stands above it. Not a table's column heads over its first dated row.
        meta = range(first.index + 1, min(len(lines), first.index + 3))
        shaped = (
            shaped
            and (
                k == 0
                or (
                    first.words >= BODY_HEADLINE_WORDS
                    and (
                        any(_headline_meta(lines[j], removed.get(j)) for j in meta)
                        # Past the first lines, only over its byline or date.
                        or (not deep and _first_heading(lines, first))
                        or (
                            # Only where the page holds more than the run: a cleaned body,
                            # cleaned again, keeps its short lines (test_props_clean).
                            not deep
                            and body_idx[0] > 0
                            and first.words <= LEDE_HEADLINE_WORDS
                            and not first.text.startswith(_QUOTES)
                            and not first.phrases
                            and sum(lines[i].words for i in body_idx[:k]) <= CAPTION_WORDS
                            and labels[body_idx[k + 1]].kind == PROSE
                            and len(
                                content_words(first.text)
                                & content_words(lines[body_idx[k + 1]].text)
                            )
                            >= TOLD_WORDS
                        )
                    )
                )
            )
        )
        # A bold headline run into the body's first paragraph, or one in a table row's
        # first cell: the rest of the line stays (further down, a bold lead is a list's
        # item: "**Unity of Medina** -- 787 ...").
        lead = bold_lead(raw[first.number - 1], first.text) if raw and k == 0 else None
        if lead is None and k == 0:
            lead = _bar_lead(first.text)
        cut_from = 0
        if lead is None and k == 0 and not shaped:
            lead = _glued_lead(first.text)
            cut_from = first.text.find(lead) if lead is not None else 0
        if (
            lead is not None
            and not shaped
            and not first.continues
            and rest >= MIN_WORDS
            and title_shape(lead, count_words(lead), True)
        ):
            rest_text = first.text[cut_from + len(lead) :].strip().removeprefix("|").strip()
            under = [rest_text, *paragraphs(lines, body_idx[k + 1 :])]
            feats = _text_features(first, lead, headline_context(top, under, url), glued=True)
            feats["first_line"], feats["body_rank"] = 1.0, float(k)
            found.append(Candidate(first.index, lead, feats, rest=rest_text))
        tail = _body_tail(lines, body_idx, k) if shaped else ""
        if (
            shaped
            and not _wrapped_paragraph(first)[0]
            and (tail or not lines[body_idx[k + 1]].continues)
        ):
            # A long headline reads as near-prose and opens the body: judged against
            # the lede under it, not against itself. (Not a paragraph a text browser
            # wrapped onto more page lines: a lede's first sentence, read as one line;
            # but a headline it wrapped onto a short second line, `_body_tail`, whole.)
            line_text = f"{first.text} {tail}" if tail else first.text
            under = body_idx[k + 2 :] if tail else body_idx[k + 1 :]
            below = headline_context(top, paragraphs(lines, under), url)
            firsts = []
            for text in (line_text, *glued_texts(line_text)):
                glued = text not in (line_text, undecorated(line_text))
                feats = _text_features(first, text, below, glued=glued, line_text=line_text)
                feats["first_line"] = 1.0
                feats["body_rank"] = float(k)
                firsts.append(
                    Candidate(first.index, text, feats, tail=first.index + 1 if tail else None)
                )
            found.append(max(firsts, key=lambda c: c.score))
    window = max(0, header.stop - HEADLINE_WINDOW)
    # Further up, only the page's h1 and its first lines (a converter's <title>): a table of
    # contents or a long standfirst may stand between the headline and the body.
    # Only one that shares a word with the lede or the address: most are a site's name.
    top_end = min(window, TOP_LINES)
    far = [i for i in range(top_end) if lines[i].words >= FAR_MIN_WORDS]
    # And a headline over its byline or date (`_over_bylines`), whose meta the header's
    # window did not reach.
    over_meta = _over_bylines(lines, range(top_end, window))
    far += [i for i in range(top_end, window) if lines[i].heading == 1 or i in over_meta]
    told = context.lede | context.address
    far = [i for i in far if not told.isdisjoint(content_words(lines[i].text))]
    # And a headline over its intro, further up than the window: a guide's table of
    # contents or a box stands between the intro and the run.
    intro = range(max(top_end, window - INTRO_LINES), window)
    far += [i for i in intro if i not in far and _over_intro(lines, labels, i, told)]
    # And a headline the lede tells nearly word for word, over no paragraph: a text browser
    # read the sidebar columns beside the article's top between it and the run. It adds no
    # rank to the lines above it, as a slug's line does not.
    told_far = {i for i in intro if i not in far and _told_far(lines, labels, i, told, raw)}
    far += sorted(told_far)
    near = {*far, *range(window, header.stop), *(body_idx or [])[:BODY_HEAD_LINES]}
    echoes = _title_echoes(lines, near, body_idx or [], max(body_idx or [header.stop]))
    # A line inside the run that names the address's slug: the run opened on chrome (a
    # notice, a promo, a menu) above the headline.
    slug = address_slug(url)
    slugged = _slug_echoes(lines, body_idx or [], {c.index for c in found}, slug) - echoes
    if slug:
        # Above the body too, far above the window: a table of contents or a list of
        # products between. (In the window, the lines read as chrome that name the slug,
        # repeated lines and breadcrumbs, lost WCXB 35 pages for 4.)
        slugged |= {
            i
            for i in range(TOP_LINES, window)
            if i not in near
            and ECHO_MIN_WORDS <= lines[i].words <= FIRST_LINE_WORDS
            and names_slug(lines[i].text, lines[i].key, slug)
        } - echoes
    echoes |= slugged
    for i in reversed(sorted({*far, *range(window, header.stop), *echoes})):
        ln, lab = lines[i], labels[i]
        echo = i in echoes
        told_by = context
        if echo and body_idx and i in body_idx:
            # Inside the body: judged against the lede under it, not against itself.
            under = body_idx[body_idx.index(i) + 1 :]
            told_by = headline_context(top, paragraphs(lines, under), url)
        # A dateline or byline may hold the headline glued before it ("**Headline**| 16:10,
        # Jan 8 2008"): only the text cut from it is a candidate, never the whole line.
        # A bare name read as the byline may be a short title-case headline ("Om Shanti
        # Om"): a candidate of its own, with a feature against it.
        bare = removed.get(i) == "byline" and byline_text(ln.text) is None
        meta_only = removed.get(i) in _GLUED_META and not bare
        if meta_only and (
            ln.words < GLUED_MIN_WORDS + META_WORDS
            or words_besides_date(ln.text) < GLUED_MIN_WORDS + (removed[i] == "byline")
        ):
            continue  # the date or the names alone
        if (i in removed and not meta_only and not bare and not echo) or ln.time_only:
            continue
        if wrapped_on(lines, i):
            # A hard-wrapped paragraph's later line (a wrapped breadcrumb's or headline's
            # end) is no line of its own: it carries the paragraph's word count, and its
            # first line's candidate reads it whole (`_wrapped_tail`).
            continue
        # A page's <title> over its h1 repeats the headline, so a line the page repeats
        # (chrome elsewhere in the page) may still be the headline.
        # An h1 may come back more often still (a breadcrumb, a share text, the footer).
        retitled = (
            lab.reason == "repeated line" and (ln.repeats <= 3 or ln.heading == 1) and ln.words >= 3
        )
        if lab.kind == "chrome" and not retitled and not echo and _tooled(ln):
            # A tool bar's line run into the headline before it ("Headline E-mail Article
            # Print-Friendly Subscribe to RSS Feed"): only the text cut from it is a
            # candidate, as from a dateline.
            meta_only = True
        elif lab.kind in ("chrome", "boundary", "caption") and not retitled and not echo:
            continue
        # A date or byline line is no candidate line of its own; nor is a line far above
        # over its byline, which would push the page's own top lines further away.
        rank += not (
            meta_only or bare or (i < window and i in over_meta) or i in slugged or i in told_far
        )
        # Near the body, marked up as a heading, repeated, right above the byline.
        below = next((j for j in range(i + 1, header.stop + 1) if j not in removed), None)
        near_meta = range(i + 1, min(i + 3, header.stop))
        line_feats = {
            "rank": float(rank),
            "h1": float(ln.heading == 1),
            "heading": float(ln.heading > 1),
            "repeated": float(ln.repeats > 1 and ln.words >= 3),
            "blank_before": float(ln.blank_before),
            "bullet": float(ln.bullet),
            "above_body": float(below is None or below == header.stop),
            "near_meta": float(
                i in over_meta or any(removed.get(j) in ("byline", "dateline") for j in near_meta)
            ),
            "far": float(i < window),
            "under_related": float(i > 0 and labels[i - 1].reason == "related-article teaser"),
            "bare_byline": float(bare),
            "echo": float(echo),
        }
        best: Candidate | None = None
        # A headline a text browser wrapped onto a second line is read whole; a line
        # wrapped into more is a paragraph's first line (a lede, a caption).
        tail = _wrapped_tail(lines, i)
        paragraph, runs = _wrapped_paragraph(ln)
        line_feats["wrapped"] = float((ln.filled and not tail) or paragraph)
        line_feats["runs_on"] = float(not tail and (runs or _runs_on(lines, i)))
        line_text = f"{ln.text} {tail}" if tail else ln.text
        parts = line_parts(line_text)
        # A line laid out in columns holds its headline in one cell, never across two.
        cells = gap_cells(raw[ln.number - 1], ln.text) if raw and not tail else []
        lead = bold_lead(raw[ln.number - 1], ln.text) if raw and not tail else None
        if lead is not None and lead not in parts:
            cells.append(lead)  # "**Headline** Press Association"
        texts = headline_texts(line_text, parts + [c for c in cells if c not in parts])
        wrapped_cells: set[str] = set()
        # A cell beside it is parted by a gap inside the row, not the row's indent.
        if raw and not tail and not ln.terminal and "  " in raw[ln.number - 1].strip():
            # A headline that a text browser wrapped inside its table's column: its end
            # stands in the next page line, in the same column, beside the other cells.
            for k, text in enumerate(texts):
                end = _cell_tail(raw, ln.number - 1, text)
                if end:
                    texts[k] = f"{text} {end}"
                    wrapped_cells.add(texts[k])
        for text in texts:
            if meta_only and text in (line_text, undecorated(line_text)):
                continue
            if meta_only and DIGIT.search(text) and find_dates(text, now=_ANY_TIME):
                # A text cut from a dateline that still holds its date ("Print Email
                # HeadlineBy Ann Lee Article Launched: 01/09/2008"): the tool bar's cut,
                # longer than the headline's, which the cut before the byline gives.
                continue
            whole = text == ln.text
            words = ln.words if whole else count_words(text)
            # The page's own h1 is a headline even when it ends on a full stop ("Apple
            # updates MacPros and Xserves, doubles performance."): `full_stop` weighs it.
            shape = text[:-1] if ln.heading == 1 and text.endswith(".") else text
            if not title_shape(shape, words, headline=True) or _MONTH_DAY.match(text):
                continue
            if _date_only(text):
                continue  # "Saturday, January 19, 2008": the dateline, read as no dateline
            glued = text not in parts and text != undecorated(line_text)
            feats = _text_features(ln, text, told_by, glued=glued, line_text=line_text)
            if bare and not any(feats.get(k) for k in _SHARED):
                continue  # a name the story does not tell is its author's
            if cells:
                feats["columns"] = float(
                    lead is None
                    and text not in wrapped_cells  # one cell, wrapped
                    and not any(text in c for c in cells)
                )
            cand = Candidate(i, text, feats | line_feats)
            if best is None or cand.score > best.score:
                best = cand
        if best is not None:
            found.append(best)
    if slugged and (
        any(c.index not in slugged and covers_slug(c.text, slug) for c in found)
        or any(covers_slug(ln.text, slug) for ln in lines[:TOP_LINES])
    ):
        # A candidate outside the run, or the page's <title>, names the slug already: the
        # lines in the run that name it too are the article's subheadings ("What is X?"
        # under "X: The Guide").
        found = [c for c in found if c.index not in slugged]
    _mark_decks(lines, found)
    _mark_subsumed(found)
    _mark_under_meta(found)
    _mark_contents(lines, labels, found)
    _mark_trails(found)
    return found


CONTENTS_LINES = 20
"""A table of contents' heading stands at most this many lines above its items."""
_CONTENTS = re.compile(
    r"(?:toggle\s+)?(?:table\s+of\s+contents?|(?:article\s+)?contents|content\s+map"
    r"|in\s+this\s+(?:article|post|guide|page)|on\s+this\s+page|jump\s+to|topics\s+covered"
    r"|what'?s\s+inside)\s*:?\s*[▼▾+-]?",
    re.IGNORECASE,
)
"""A table of contents' heading ("Table of Contents", "In this article:")."""


def _mark_contents(lines: list[Line], labels: list[Label], found: list[Candidate]) -> None:
    """Mark the candidates in a table of contents: under its heading ("Table of
    Contents", "In this article:") with no prose between. Its items are the article's
    subheadings, which share the lede's words; a browser's copy sets them as the headline
    is, on lines of their own with no blank line between."""
    for cand in found:
        for j in range(cand.index - 1, max(-1, cand.index - 1 - CONTENTS_LINES), -1):
            ln = lines[j]
            if labels[j].kind == PROSE:
                break
            if ln.words <= 4 and _CONTENTS.fullmatch(ln.text.strip()):
                cand.features["contents"] = 1.0
                break


TRAIL_LINES = 3
"""A breadcrumb stands at most this many lines above the headline it ends on."""


def _mark_trails(found: list[Candidate]) -> None:
    """Mark the candidates that end on the text of a candidate a few lines under them
    (`TRAIL_LINES`): a breadcrumb whose last crumb is the headline, its separators lost
    in a browser's copy ("Home Gear Reviews Headline" over "Headline") or not read as
    one ("Home · Farm · Headline")."""
    keys = [comparable(c.text) for c in found]
    # A line's last candidate stands for it.
    by_index = {c.index: (c, key) for c, key in zip(found, keys, strict=True)}
    for cand, key in zip(found, keys, strict=True):
        for j in range(cand.index + 1, cand.index + 1 + TRAIL_LINES):
            lower, end = by_index.get(j, (None, ""))
            if lower is None or count_words(lower.text) < PART_MIN_WORDS:
                continue
            if len(end) < len(key) and key.endswith(end):
                cand.features["trail"] = 1.0
                break


META_HEAD_WORDS = 4
"""A candidate over a byline or date this long ends the headline's block (`_mark_under_meta`):
a shorter one is the site's name or a section's over the page's date ("CTV Toronto")."""
_NOT_META_HEAD = ("credit", "credit_loose", "menu", "tools", "bullet")
"""Features of a candidate over a byline or date that say it is something else than the
headline: a credit, a menu, a tool bar, a list's item."""
SUBSUMED_MIN_WORDS = 2
"""A candidate under a line that says more of the same has at least this many content words
(`_mark_subsumed`)."""
_WORD_GAP = re.compile(r" (?=[^\W_])")
"""A space before a word (not before a separator: "Headline | Site")."""


def _mark_subsumed(found: list[Candidate]) -> None:
    """Mark the candidates whose content words are a part of those of a candidate above
    them, which does not hold their text: a guide's subheading naming the topic its
    headline names ("What Is Gardenary Planting?" under "Gardenary Planting vs. Ordinary
    Planting", "What is Zero Waste?" under "Zero Waste - A Beginner's Guide"), whose
    paragraph, the lede, tells its words better than the headline's. A line above that
    holds the candidate's text is a breadcrumb or a caption ending on the headline ("Blog /
    Headline"), or the page's <title> over its h1. And mark those that a candidate above
    goes on from (`cut_short`)."""
    uppers = [(c.index, content_words(c.text), comparable(c.text)) for c in found]
    heads = [(c.index, c.text) for c in found]
    for cand in found:
        own = content_words(cand.text)
        if len(own) < SUBSUMED_MIN_WORDS:
            continue
        key = comparable(cand.text)
        if any(
            index < cand.index and own < told and key not in text for index, told, text in uppers
        ):
            cand.features["subsumed"] = 1.0
        elif any(
            index < cand.index
            and text.startswith(cand.text)
            and _WORD_GAP.match(text, len(cand.text)) is not None
            for index, text in heads
        ):
            # The start of a candidate above, going on in a word (not a separator: the
            # <title>'s "Headline | Site" over the h1): a teaser or an image's text cut
            # short ("26 killed in suicide attack on Pakistan" under "... Pakistan police").
            cand.features["cut_short"] = 1.0


def _mark_under_meta(found: list[Candidate]) -> None:
    """Mark the candidates under the lowest one over a byline or date (`near_meta`): the
    headline stands over its meta, and what comes under it is a caption, a table of
    contents' item or a subheading. A browser's copy gives them all the same shape (no
    blank line parts the header's short lines), so only the meta tells where the
    headline's block ends."""
    over = [
        c.index
        for c in found
        if c.features.get("near_meta")
        and any(c.features.get(k) for k in _SHARED)
        and not any(c.features.get(k) for k in _NOT_META_HEAD)
        and count_words(c.text) >= META_HEAD_WORDS
    ]
    if not over:
        return  # most pages: no byline or date read under a candidate
    lowest = max(over)
    for cand in found:
        if cand.index > lowest and not cand.features.get("near_meta"):
            cand.features["under_meta"] = 1.0
            # The blank line over it ends the header's block the meta closed (a browser's
            # copy writes one before a caption or a subheading, none before the headline):
            # it tells no headline there.
            cand.features["blank_before"] = 0.0


TAIL_WORDS = 6
"""A headline's last line, wrapped by a text browser, has at most this many words."""
RUN_ON_WORDS = 4
"""A lower-case next line this long at least goes on in a sentence (a shorter one may be a
tag line under a headline: "advice for students", "text size"), unless it ends one."""


def _runs_on(lines: list[Line], i: int) -> bool:
    """The line's sentence goes on in the next line: it ends on no sentence mark and the
    next line, with no blank between, opens in lower case (a paragraph's first line that
    a narrow column wrapped: "Kolkata: Chief Minister Buddhadeb said" / "that while ...")."""
    ln = lines[i]
    if ln.blank_after or i + 1 >= len(lines) or ln.text.endswith(SENTENCE_MARKS):
        return False
    nxt = lines[i + 1].text
    return nxt[:1].islower() and _goes_on(nxt)


def _goes_on(nxt: str) -> bool:
    """Whether a next line, in lower case, goes on in the sentence above it (`RUN_ON_WORDS`
    or a sentence's end), not a byline or an address under a headline. Its own words and
    end: a wrapped paragraph's lines share the paragraph's."""
    return (nxt.count(" ") + 1 >= RUN_ON_WORDS or nxt.endswith(SENTENCE_MARKS)) and (
        not nxt.startswith(("by ", "http", "www"))
    )


def _wrapped_tail(lines: list[Line], i: int) -> str:
    """The end of a headline that a text browser wrapped onto the line after line `i`
    ("... Goes Directly To" / "Rehab"), or "": a shorter line closing the block under a
    line filled to the page's width, of a few words (`TAIL_WORDS`) or going on with it as
    one paragraph (`Line.continues`: "... We Help 4" / "Readers Find Solutions (Including
    One Trick)"), no chrome but a word ("... May Replace My Gym" / "Membership": filled,
    the line had no room for it)."""
    ln = lines[i]
    if not ln.filled or ln.terminal or i + 1 >= len(lines):
        return ""
    tail = lines[i + 1]
    words = count_words(tail.text)  # its `words` are its paragraph's
    if (
        not tail.blank_after
        or (words > TAIL_WORDS and not tail.continues)
        or tail.chars >= ln.chars
        or tail.bullet
        or ((tail.chrome or tail.phrases) and words > 1)
    ):
        return ""
    return tail.text


def _body_tail(lines: list[Line], body_idx: list[int], k: int) -> str:
    """The end of a headline opening the body at `body_idx[k]` that a text browser wrapped
    onto the body's next line (`_wrapped_tail`), when the two read as a title ("Top Ten
    Trends for Fall: What Experts Are Eating (and How" / "They Cook It)") and no trail,
    or "": the wrapping split them into a paragraph's two lines, which no lede's first
    line with its sentence's short end (closing on a full stop) passes for."""
    i = body_idx[k]
    if k + 2 >= len(body_idx) or body_idx[k + 1] != i + 1 or not lines[i + 1].continues:
        return ""
    tail = _wrapped_tail(lines, i)
    if not tail:
        return ""
    text = f"{lines[i].text} {tail}"
    if not title_shape(text, count_words(text), headline=True):
        return ""
    # Not a breadcrumb ending on the headline ("Site | Blog | Headline"), wrapped: its
    # crumbs would be read as part of it, and it names the address as the headline does.
    return tail if len(line_parts(text)) == 1 else ""


def _wrapped_paragraph(ln: Line) -> tuple[bool, bool]:
    """Whether a line read as one from the page lines a text browser wrapped it onto
    (`Line.wrapped`) is a paragraph's (a lede, a deck, a caption), and whether its sentence
    ran on in lower case onto the second of them: what `_wrapped_tail` and `_runs_on` say
    of a first page line over the next. A headline wrapped onto one short last line, with a
    blank line under it, is neither."""
    if not ln.wrapped:
        return False, False
    second = ln.wrapped[0][1]
    if (
        len(ln.wrapped) == 1
        and ln.blank_after
        and count_words(second) <= TAIL_WORDS
        and 2 * len(second) + 1 < len(ln.text)  # shorter than the line it ends
    ):
        return False, False
    return True, _goes_on(second)


_CELL_END = re.compile(r"\s{2,}|$")
"""Where a cell of a text browser's table row ends: two or more spaces, or the line's end."""


def _cell_tail(raw: list[str], n: int, text: str) -> str:
    """The end of `text`, a cell of page line `n`, that a text browser wrapped onto the next
    page line in the same column ("Hester Runs Bears to Win in Season  [Save]" / "Finale
    [Print]"), or "": a short cell starting at the same character, whose first word would
    not have fitted before the next cell of line `n`."""
    if n + 1 >= len(raw) or text.endswith(SENTENCE_MARKS):
        return ""
    row, below = raw[n], raw[n + 1]
    start = row.find(text)
    if start < 0 or len(below) <= start or below[start] == " ":
        return ""
    if start and below[start - 1] != " ":
        return ""
    end = start + len(text)
    tail = below[start : _CELL_END.search(below, start).start()]
    words = tail.split()
    if not words or len(words) > TAIL_WORDS or len(tail) >= len(text):
        return ""
    after = len(row) - len(row[end:].lstrip())  # the next cell's start
    if after >= len(row) or after - end < 2 or end + 1 + len(words[0]) < after - 1:
        # No cell beside it, a gap of two spaces at least away, to tell the column's width
        # (a converter's plain line over its byline, a title's "| Site"), or the word would
        # have fitted before it: the cell ends there, not by the wrapping.
        return ""
    if byline_text(tail) is not None or _date_only(tail):
        return ""  # the headline's byline or date beside it
    return tail


BYLINE_DATE_WORDS = 12
"""A date line under a headline has at most this many words ("Dec 16, 2007 18:22 | Updated
Dec 17, 2007 11:52")."""


def _byline_or_date(ln: Line) -> bool:
    """Whether a line is a byline or a date alone, under a headline (`_over_bylines`)."""
    return byline_text(ln.text) is not None or (
        ln.words <= BYLINE_DATE_WORDS and _date_only(ln.text)
    )


def _over_bylines(lines: list[Line], span: range) -> set[int]:
    """The lines in `span` shaped like a headline over its byline or date ("Headline" / "By
    Jane Doe", or a deck or an agency between them): a layout in columns that the converter
    wrote one after the other may put the article's header far above its body. Each line
    under them is read once, though a run of headline-shaped lines has most of them
    under two."""
    shaped = [i for i in span if ECHO_MIN_WORDS <= lines[i].words <= FIRST_LINE_WORDS]
    under = {j for i in shaped for j in (i + 1, i + 2) if j < len(lines)}
    meta = {j for j in under if _byline_or_date(lines[j])}
    return {i for i in shaped if i + 1 in meta or i + 2 in meta}


INTRO_LINES = 60
"""How many lines above the header's window a headline over its intro is looked for."""
INTRO_TOLD = 2
"""A headline over its intro shares at least this many content words with the lede or the
address..."""
INTRO_SHARE = 0.5
"""...and at least this share of its own."""


def _over_intro(lines: list[Line], labels: list[Label], i: int, told: set[str]) -> bool:
    """Whether line `i`, above the header's window, is shaped like a headline over the
    article's intro: a short line right over a paragraph outside the run, most of whose
    content words the lede or the page address tells ("The Best Gaming Laptops Under
    $1,000 of 2026" over "Products are chosen independently ...", with a table of contents
    or a box of products between them and the run)."""
    ln = lines[i]
    if not ECHO_MIN_WORDS <= ln.words <= FIRST_LINE_WORDS or labels[i].kind != SHORT:
        return False  # most lines: a menu's item, chrome, prose
    if i + 1 >= len(lines) or labels[i + 1].kind != PROSE:
        return False
    if not title_shape(ln.text, ln.words, headline=True):
        return False
    return _told_by(ln.text, told, INTRO_TOLD, INTRO_SHARE)


def _told_by(text: str, told: set[str], least: int, share: float) -> bool:
    """Whether `told` (the lede's and the address's words) holds at least `least` of a
    text's content words and that `share` of them."""
    own = content_words(text)
    shared = len(own & told)
    return shared >= least and shared >= share * len(own)


FAR_TOLD = 4
FAR_TOLD_SHARE = 0.75
"""A short line above the header's window over no paragraph is a headline candidate when the
lede or the address tells this many of its content words and this share of them."""


def _told_far(
    lines: list[Line], labels: list[Label], i: int, told: set[str], raw: list[str] | None = None
) -> bool:
    """Whether line `i`, above the header's window, is a headline the lede tells nearly word
    for word, whatever stands under it (a tool bar, a caption, the sidebar's cells a text
    browser's column reading set between it and the run)."""
    ln = lines[i]
    if not ECHO_MIN_WORDS <= ln.words <= FIRST_LINE_WORDS or labels[i].kind != SHORT:
        return False  # most lines: a menu's item, chrome, prose
    if len(content_words(ln.text) & told) < FAR_TOLD:
        return False  # nor does a cell of it, whose words are the line's
    texts = [ln.text]
    if raw:
        texts += gap_cells(raw[ln.number - 1], ln.text)  # the headline in one cell of a row
    for text in texts:
        if title_shape(text, count_words(text), headline=True) and _told_by(
            text, told, FAR_TOLD, FAR_TOLD_SHARE
        ):
            return True
    return False


ECHO_MIN_WORDS = 3
"""A line repeating the page's title this long is a headline candidate wherever it stands
(a shorter one is a section's or the site's name)."""
ECHO_KEEP_WORDS = 200
"""A headline that repeats the title inside the body takes the body's lines above it out
with it when they hold at most this many words (a box of other stories, a caption); more
are the article's own."""
ECHO_SLACK = 8
"""A line this many characters longer or shorter than a part of the title is not compared
with it (its quotes and punctuation count in its length, not in the part's)."""
_ECHO_PARTS = re.compile(r"\s+(?:[|\-–—:»«•·/]{1,2})\s+|\s*::\s*|(?<=[a-z])[-–—]\s+(?=[A-Z])")
"""Where a page's <title> joins its headline to the site's name or section; not a colon
after a word, which often parts a headline's own words ("Gardening for Beginners: The
Complete Guide")."""
_ECHO_SIGNS = re.compile(r"[|\-–—:»«•·/]")
"""The signs every separator of `_ECHO_PARTS` holds: a title with none has no parts, and
looking for one sign is a fraction of the separator's search."""


def _title_pieces(title: str) -> set[str]:
    """A title line, its parts between separators, and what stands before or after each
    separator ("Sir Edmund Hillary - the legend" in "Sir Edmund Hillary - the legend-
    Hindustan Times")."""
    if _ECHO_SIGNS.search(title) is None:
        return {title}
    # A set: with one separator the parts are what stands before and after it, and each
    # piece is measured and normalised once. The parts come from the one search, as
    # `re.split` would cut them.
    out = {title}
    start = 0
    for m in _ECHO_PARTS.finditer(title):
        out.update((title[start : m.start()], title[: m.start()], title[m.end() :]))
        start = m.end()
    if start:
        out.add(title[start:])
    return out


def _title_echoes(lines: list[Line], near: set[int], body_idx: list[int], end: int) -> set[int]:
    """The lines above the body's end that repeat one of the page's first lines (a
    converter's `<title>`) or a part of it ("Headline" under "Site - Headline"), outside
    the lines already weighed (`near`): a long menu or a box of other stories may stand
    between the headline and the article, or open the run above it. In the body, only a
    line in its first half: the site's name comes back in the footer."""
    titled = {
        comparable(part)
        for ln in lines[:TOP_LINES]
        # A part has no more words than its line.
        if count_words(ln.text) >= ECHO_MIN_WORDS
        for part in _title_pieces(ln.text)
        if count_words(part) >= ECHO_MIN_WORDS
    }
    if not titled:
        return set()
    sizes = {len(t) + d for t in titled for d in range(-ECHO_SLACK, ECHO_SLACK + 1)}
    # A line's first letter, as `comparable` writes it, when it opens on one.
    firsts = {t[0] for t in titled}
    found = {
        ln.index
        for ln in lines[TOP_LINES:end]
        # Most lines: no comparison made.
        if len(ln.text) in sizes
        and ((first := ln.text[:1].casefold()) in firsts or not first.isalnum())
        and ln.index not in near
        and comparable(ln.text) in titled
    }
    if found & set(body_idx):
        total = sum(lines[i].words for i in body_idx)
        above = 0
        for i in body_idx:
            if i in found and above > (total - lines[i].words) / 2:
                found.discard(i)
            above += lines[i].words
    return found


def _slug_echoes(
    lines: list[Line], body_idx: list[int], weighed: set[int], slug: frozenset[str]
) -> set[int]:
    """The body's lines past its first that name the page address's slug (`names_slug`)
    and are shaped like a headline, in the body's first half by words (a subheading that
    names it further down is the article's own), outside the candidates already weighed."""
    if not slug or len(body_idx) < 2:
        return set()
    total = sum(lines[i].words for i in body_idx)
    found = set()
    above = lines[body_idx[0]].words
    for i in body_idx[1:]:
        ln = lines[i]
        if above > (total - ln.words) / 2:
            break
        above += ln.words
        if (
            ECHO_MIN_WORDS <= ln.words <= FIRST_LINE_WORDS
            and i not in weighed
            and names_slug(ln.text, ln.key, slug)
        ):
            found.add(i)
    return found


DECK_MIN_WORDS = 3
"""A headline over its deck has at least this many words (a section's name has fewer)."""


def _mark_decks(lines: list[Line], found: list[Candidate]) -> None:
    """Mark the candidates that stand right under a shorter one telling the same story:
    a deck (standfirst) under its headline ("Gulf states urge peace" over "The summit was
    the first to ..."), which says more and so shares more with the lede. Only the
    candidates are compared, never the page's other lines."""
    by_index = {c.index: c for c in found}
    for cand in found:
        for j in range(cand.index - 1, max(-1, cand.index - 3), -1):
            upper = by_index.get(j)
            if upper is None:
                if lines[j].words:  # only an empty or rule line may stand between them
                    break
                continue
            if upper.features.get("lede", 0.0) > 0 and not upper.features.get("menu"):
                size = count_words(upper.text)
                if DECK_MIN_WORDS <= size < count_words(cand.text):
                    cand.features["deck"] = 1.0
                    cand.features["plain_deck"] = float(_plain_deck(upper, cand))
                    cand.features["prose_deck"] = float(
                        size >= PROSE_DECK_HEAD_WORDS
                        and not any(cand.features.get(k) for k in (*_VOUCHED, "echo"))
                        and _reads_as_prose(cand.text)
                        and not _reads_as_prose(upper.text)
                    )
            break


PROSE_DECK_HEAD_WORDS = 4
"""A headline over a deck written as a sentence has at least this many words (a kicker, a
section's name over the headline, has fewer: "Harbour ferry services")."""
_PROSE_WORDS = frozenset({"the", "is", "was", "were", "are", "will", "has", "have", "had"})
"""Words a sentence holds and a headline's clipped English leaves out: the definite article,
the verbs "be", "have" and "will" ("The McElhill family lived in the end-terraced house"
under "Fire theory 'devastates' family"). "A" is left out of it: headlines keep it more
often ("... End on a High Note")."""
_WORD_EDGES = ".,:;!?'\"“”‘’()"


def _reads_as_prose(text: str) -> bool:
    """Whether a line holds one of `_PROSE_WORDS`: a deck's or a caption's sentence rather
    than a headline."""
    return any(t.strip(_WORD_EDGES).lower() in _PROSE_WORDS for t in text.split())


_NOT_HEADLINE = ("credit", "tools", "glued", "part", "bullet", "far")
"""Features of the line over a deck that say it is something else than the deck's headline:
a credit (a photo's, a section's), a tool bar, a text cut out of its line, a list's item, a
line far above the body."""
_VOUCHED = ("h1", "title_part", "address")
"""Features that vouch for a headline candidate besides the lede: the page's h1, its
<title>, its address."""


def _plain_deck(upper: Candidate, deck: Candidate) -> bool:
    """Whether a deck (`_mark_decks`) has only the lede for it, under a line that reads as
    nothing but its headline and tells the same story: the two share a content word
    ("Carragher defends confrontation" over "Carragher was captaining Liverpool at ...").
    Neither a kicker ("Week 17 In Preview") nor a photo's caption over a headline shares
    one as a rule; a deck that the h1, the title or the address vouches for is the
    headline under a kicker."""
    if any(upper.features.get(k) for k in _NOT_HEADLINE):
        return False
    if any(deck.features.get(k) for k in _VOUCHED):
        return False
    return not content_words(upper.text).isdisjoint(content_words(deck.text))


_SHARED = ("lede", "title_words", "title_part", "address")
"""Features of a headline candidate's words found elsewhere on the page."""
_GLUED_META = frozenset({"dateline", "byline"})
"""Reasons of header lines that may hold a headline glued to their date or names."""
META_WORDS = 3
"""A date or a byline has at least this many words ("Jan 8 2008", "By Jane Doe")."""
_ANY_TIME = datetime(2000, 1, 1)
"""A reference time that only lets relative dates ("1 day ago") be found, not dated."""
AGE_WORDS = 6


def _date_only(text: str) -> bool:
    """A text that is a date and its labels alone ("Saturday, January 19, 2008")."""
    return DIGIT.search(text) is not None and words_besides_date(text) == 0


def meta_line(ln: Line, reason: str | None) -> bool:
    """A byline or dateline, or a line saying how old the story is ("3 days ago")."""
    if reason in ("byline", "dateline"):
        return True
    return ln.words <= AGE_WORDS and bool(find_dates(ln.text, now=_ANY_TIME))


def _text_features(
    ln: Line,
    text: str,
    context: HeadlineContext,
    glued: bool = False,
    line_text: str | None = None,
) -> dict[str, float]:
    """What a headline's text says of it: long enough to say something, no chrome phrase,
    no sentence, and what it shares with the rest of the page. `glued`: the text was cut
    from the line's decoration, tools, date, byline or dateline (`glued_texts`).
    `line_text`: the line's text with the tail wrapped onto the next line, if any."""
    line_text = line_text or ln.text
    own = line_text == ln.text  # the line's own text, whose features are known
    whole = text == line_text
    words = ln.words if whole and own else count_words(text)
    feats = headline_features(text, context, at_top=ln.index < TOP_LINES)
    feats["length"] = min(words, 12) / 3
    feats["phrases"] = float(bool(ln.phrases if whole and own else chrome_phrases(text)))
    feats["full_stop"] = float(
        text.endswith(".")
        and (not whole or not own or ln.terminal)
        and not ABBREVIATED_END.search(text)
    )
    # A layout row's one cell ("| | Headline") is the line less its decoration: no part.
    feats["part"] = float(not whole and not glued and text != line_text.strip(_ROW_BARS))
    feats["glued"] = float(glued)
    feats["dangling"] = float(words >= DANGLING_MIN_WORDS and _dangles(text))
    feats["photo_credit"] = float(
        _PHOTO_CREDIT.search(text) is not None or text.startswith(_COURTESY)
    )
    return feats


_PHOTO_CREDIT = re.compile(
    r"(?:\((?:AAP|AP|AFP|Reuters|Getty(?: Images)?|PA|EPA)\)|[/|] ?(?:AAP|AP|AFP|Reuters"
    r"|Getty(?: Images)?|PA|EPA))\s*$"
)
"""A photo's caption ends on its agency's credit ("Marcos Baghdatis (AAP)", "... / AAP")."""
_COURTESY = ("Courtesy:", "Courtesy of ", "Photo courtesy", "Photo:", "Photo by ")
"""... or a credit opens it ("Courtesy: San Jose State Athletics")."""
_DANGLING = frozenset(
    {
        *("a", "an", "the", "of", "to", "and", "or", "but", "in", "on", "at", "by", "for"),
        *("from", "with", "as", "that", "this", "than", "will", "is", "are", "was", "were"),
        *("be", "has", "have", "its", "his", "her", "their", "who", "which", "said"),
    }
)
"""Words a headline does not end on: the line breaks off a sentence (a lede's first line
wrapped in a narrow column, "... allows companies to benefit from the immediacy of")."""
DANGLING_MIN_WORDS = 4
"""... when the text is this long: a lede's line, not a title cut short ("Doin' the")."""


def _dangles(text: str) -> bool:
    """The text ends on a word that leaves its sentence open (`_DANGLING`)."""
    return text.rsplit(None, 1)[-1].lower() in _DANGLING


_ROW_BARS = " |"
"""The decoration of a layout table's row that html2text writes around its one cell."""


def split_title(title: str) -> tuple[str, list[str]]:
    """A title without an outlet suffix ("Headline | The Outlet"), and the suffix."""
    seps = list(_TITLE_SEPARATOR.finditer(title))
    if seps:
        tail = title[seps[-1].end() :]
        if len(tail.split()) <= 5 and outlet_named(tail):
            return title[: seps[-1].start()], [tail]
    return title, []
