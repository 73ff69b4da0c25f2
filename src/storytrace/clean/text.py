"""The text-page cleaner: a page copied from a browser or dumped by a crawler, to an Article.

No maintained library cleans a page that arrives as plain text, so this is our
own. It works on lines:

1. every line gets shallow features (`clean/lines.py`) and a label
   (`clean/text_labels.py`): prose, near-prose, short, chrome (with a reason from
   `data/chrome_*.txt`), or a boundary that no article runs across (a "Related
   articles" or "News Feed" heading, a feed item's time of day, a teaser cut off
   with an ellipsis);
2. the article body is the run of lines with the largest weight
   (`clean/text_run.py`), where prose weighs its length and chrome weighs
   against (a maximum-sum segment, so an "Advertisement" line between two
   paragraphs does not split the article but a menu of twenty links does);
3. the headline (`clean/text_headline_choice.py`, weighing the evidence of
   `clean/text_headline.py`), the byline (`clean/text_byline.py`) and the
   dateline are read from the lines just above the run, the photo captions
   from inside and around it;
4. every line that is not body goes to `Article.removed` with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from operator import attrgetter

from storytrace.clean import cleaners
from storytrace.clean.fragments import joined_fragments
from storytrace.clean.language import detect_language, stopword_guess
from storytrace.clean.lines import (
    BOX_DRAWING,
    Line,
    count_words,
    page_lines,
    paragraph_words,
    paragraphs,
    spaced_words,
)
from storytrace.clean.link_list import without_link_list
from storytrace.clean.markdown import without_images
from storytrace.clean.metadata import (
    MAX_BYLINE_WORDS,
    DateMatch,
    byline_text,
    domain_of,
    labelled_published,
    outlet_for_domain,
    outlet_from_signature,
    outlet_named,
    parse_byline,
    parse_date,
    zone,
)
from storytrace.clean.page_source import is_page_source, source_text
from storytrace.clean.resources import comparable, stopwords
from storytrace.clean.text_byline import byline_under, find_byline, meta_under
from storytrace.clean.text_headline_choice import (
    BODY_HEAD_LINES,
    ECHO_KEEP_WORDS,
    HEADER_WINDOW,
    HEADLINE_CUT,
    HEADLINE_TAIL,
    choose_headline,
    headline_candidates,
    meta_line,
    opens_as_headline,
)
from storytrace.clean.text_labels import (
    CODE,
    FIGURES,
    IMAGE_NAME,
    NEAR,
    NOISE_AFTER_DATE,
    PROSE,
    SHORT,
    Label,
    caption_text,
    is_dateline,
    line_label,
    mark_code,
    mark_comment_stamps,
    mark_figure_rows,
    mark_repeats,
    mark_teasers,
)
from storytrace.clean.text_run import MIN_WORDS, article_run
from storytrace.model import Article, InputError, NoArticle, Options, Page, Removed
from storytrace.resources import words

SURE_ENGLISH_SHARE = 0.3
"""A page whose prose sample is this much English stop words is English without asking
py3langid: on the 3,865 development texts that are an article (three converters), py3langid
said English on every page the stop words called English, down to a share of 0.15."""
_PIPE = re.compile(r"\s+\|\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_CONTROL_CHARS = tuple(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x20)]))
"""What `_CONTROL` matches, one character each."""


@dataclass(slots=True)
class Analysis:
    """A text page read line by line: the lines, the rules' labels and their article run."""

    lines: list[Line]
    labels: list[Label]
    run: tuple[int, int] | None
    language: str | None
    """The stop-word list's language, when one fits."""
    page: list[str] = field(default_factory=list)
    """The page's lines as it has them (its Markdown, its layout's gaps), numbered as
    `Line.number` counts them."""
    language_share: float = 0.0
    """The share of the page's prose sample that `language`'s stop words cover."""
    wrapped: bool = False
    """Whether a line is a hard-wrapped paragraph's page lines read as one (`Line.wrapped`)."""


_WRAPPED_OF = attrgetter("wrapped")


def analyse(text: str) -> Analysis:
    """Lines, labels and the rules' article run of a page text (shared with model training)."""
    page = text.splitlines()
    language, share = stopword_guess(_prose_sample(text, page))
    lines = page_lines(text, stopwords(language), page)
    # Looked for in C: most pages are no text browser's dump and have none.
    wrapped = any(map(_WRAPPED_OF, lines))
    stop_known = language is not None
    labels = [line_label(ln, stop_known, wrapped) for ln in lines]
    mark_teasers(lines, labels, stop_known)
    mark_repeats(lines, labels)
    mark_figure_rows(lines, labels)
    mark_code(lines, labels)
    mark_comment_stamps(lines, labels)
    run = article_run(lines, labels)
    return Analysis(lines, labels, run, language, page, share, wrapped)


@cleaners.register("text/plain")
def clean_text(page: Page, options: Options) -> Article:
    """Clean a text page into an Article; NoArticle when it holds none."""
    text = _page_text(page, options)
    found = analyse(text)
    lines, labels, run, language = found.lines, found.labels, found.run, found.language
    stop_known = language is not None
    if not lines:
        raise NoArticle(f"no article found in {page.source}: the page is empty")
    if run is None:
        raise NoArticle(f"no article found in {page.source}: no run of prose, only page chrome")
    start, end = run

    article = Article(source=page.source, page_sha256=page.sha256)
    removed: dict[int, str] = {}
    now = options.fetched_at or page.fetched_at
    tz = options.default_timezone

    body_idx = _body_lines(lines, labels, start, end, removed, article)
    if not body_idx:
        raise NoArticle(f"no article found in {page.source}: no prose left after cleaning")
    article.paragraphs = paragraphs(lines, body_idx)
    body_set = set(body_idx)

    header = range(max(0, start - HEADER_WINDOW), start)
    after = range(end + 1, min(len(lines), end + 1 + 6))
    signatures, dates = _read_header(
        lines, labels, run, after, removed, article, now, tz, _name_stopwords(language)
    )
    dates = sorted(dates + _body_top_dates(lines, start, removed, now, tz), key=lambda d: d[1])
    url = page.meta.get("url") or (page.source if "://" in page.source else None)
    # The page's lines as it has them, for a headline beside other text on its line: in a
    # layout's cell (a gap of spaces) or in bold ("**Headline** ...").
    raw = found.page or None
    candidates = headline_candidates(lines, labels, header, removed, article, url, body_idx, raw)
    signatures += choose_headline(candidates, lines, removed, article, url)
    if (
        article.headline
        and body_idx
        and body_idx[0] not in removed
        and comparable(lines[body_idx[0]].text) == comparable(article.headline)
    ):
        # The headline taken from further up (a converter's <title> line, "Headline - Site")
        # opens the body again as the page's h1: the body starts under it, as under a
        # headline of its own.
        removed[body_idx[0]] = "headline"
    cut_at = None
    taken = next(
        (k for k, i in enumerate(body_idx) if removed.get(i) in ("headline", HEADLINE_CUT)), None
    )
    if taken is not None and (
        taken >= BODY_HEAD_LINES and paragraph_words(lines, body_idx[:taken]) > ECHO_KEEP_WORDS
    ):
        # The title's echo deep in the body, under more than a box or a caption (the
        # article's own part above a repeat of its title): only the line leaves.
        body_idx = body_idx[:taken] + _past_tail(body_idx[taken + 1 :], removed)
        article.paragraphs = paragraphs(lines, body_idx)
    elif taken is not None:
        # The article starts under its headline: what the run took in above it is not.
        for i in body_idx[:taken]:
            removed[i] = "above headline"
        if removed[body_idx[taken]] == HEADLINE_CUT:
            cut_at = body_idx[taken]
            del removed[cut_at]  # the paragraph after the headline on its line
            body_idx = body_idx[taken:]
        else:
            body_idx = _past_tail(body_idx[taken + 1 :], removed)
        if len(body_idx) > 1 and meta_line(lines[body_idx[0]], None):
            # Its age under it ("1 day ago", which a page without a fetch time cannot date).
            removed[body_idx[0]] = "dateline"
            body_idx = body_idx[1:]
        if (
            len(body_idx) > 1
            and opens_as_headline(lines[body_idx[0]])
            and labels[body_idx[1]].kind == PROSE
        ):
            # A second headline-shaped line under it, opening what is left, is its deck:
            # left in, it would be taken for the headline when the cleaned body is cleaned
            # again (test_props_clean).
            removed[body_idx[0]] = "deck"
            body_idx = body_idx[1:]
        elif (
            len(body_idx) > 1
            and labels[body_idx[0]].kind in (SHORT, FIGURES, CODE)
            and labels[body_idx[1]].kind == PROSE
        ):
            # A short line between the header and the prose ("0 0 0", a lone list item) opens
            # no article: cleaned again, the body would start under it (test_props_clean).
            removed[body_idx[0]] = "before article start"
            body_idx = body_idx[1:]
        if sum(lines[i].words for i in body_idx if labels[i].kind == PROSE) < MIN_WORDS:
            # The run reached the minimum by what stood above its headline (as `analyse`
            # counts only prose): what is left under the headline is no article.
            raise NoArticle(
                f"no article found in {page.source}: too little prose under its headline"
            )
        article.paragraphs = paragraphs(lines, body_idx)
    headline = next((i for i, why in removed.items() if why == "headline"), cut_at)
    if taken is None and headline is not None and headline < start:
        # Under a headline above the run, the run may open on the page's promos ("Click
        # here for our special ...", "Sign up to receive daily ...").
        promos = _leading_promos(lines, labels, body_idx)
        for i in body_idx[:promos]:
            removed[i] = PROMO
        if promos:
            body_idx = body_idx[promos:]
            article.paragraphs = paragraphs(lines, body_idx)
    bio, bio_name = _bio_start(lines, labels, body_idx) or (None, None)
    if bio is not None:
        for i in body_idx[bio:]:
            removed[i] = AUTHOR_BIO
        body_idx = body_idx[:bio]
        article.paragraphs = paragraphs(lines, body_idx)
    if headline is not None:
        # The article's own dateline stands right under its headline, wherever the header
        # window and the run put it (a headline far above the run, over a related list).
        dated = lambda ln: _date_line(ln.text, tz, now) is not None  # noqa: E731
        under = meta_under(lines, labels, headline, dated)
        dates = _headline_dates(lines, labels, headline, under, tz, now) or dates
        stop = _name_stopwords(language)
        byline = (
            None
            if article.authors
            else byline_under(lines, labels, under, removed, start, dated, stop)
        )
        if byline is not None:
            # Its byline too, where the window above the run did not reach it.
            article.authors.extend(dict.fromkeys(byline.authors))
            signatures.extend(byline.signatures)
            removed.setdefault(byline.lines[0], "byline")
    if not article.authors and bio_name is not None and " " in bio_name:
        # Nothing names the author over the article; its bio under it does.
        article.authors.append(bio_name)
    _choose_date(dates, header, headline, article)
    # A date the page calls its publication, above or below the article ("Published: Jan 23,
    # 2024", "originally published on ..."), outweighs an unlabelled dateline.
    labelled = labelled_published(
        ((ln.text, labels[ln.index].reason) for ln in lines if not start <= ln.index <= end),
        zone(tz),
    )
    if labelled and (article.published is None or article.published.date() != labelled[0].date()):
        article.published, article.published_precision = labelled
    for i in [*header, *after]:
        if labels[i].kind == "caption" and i not in removed:
            _remove_caption(lines[i], labels[i], article, removed)
    for i in range(len(lines)):
        if i in removed or i in body_set:
            continue
        reason = labels[i].reason
        removed[i] = reason or ("before article start" if i < start else "after article end")
    article.outlet = _outlet(page, lines, labels, removed, signatures)
    article.domain = domain_of(page.source) if "://" in page.source else None
    article.url = page.source if article.domain else None
    if found.wrapped:
        article.removed = _removed_rows(lines, removed)
    else:  # most pages: a comprehension, no call a line
        article.removed = [
            Removed(lines[i].raw, reason, lines[i].number) for i, reason in sorted(removed.items())
        ]
    if language == "en" and found.language_share >= SURE_ENGLISH_SHARE:
        article.language = language  # py3langid costs 8% of the cleaner's time
    else:
        article.language = detect_language(article.body) or language
    if not stop_known:
        article.meta["cleaning_note"] = (
            f"no stop-word list for language {article.language or 'unknown'!r}: lines were "
            "judged by length and punctuation only"
        )
    return article


def _past_tail(body_idx: list[int], removed: dict[int, str]) -> list[int]:
    """The body's lines under its headline, less the first when it held the headline's
    wrapped end (`HEADLINE_TAIL`)."""
    return body_idx[1:] if body_idx and removed.get(body_idx[0]) == HEADLINE_TAIL else body_idx


def _removed_rows(lines: list[Line], removed: dict[int, str]) -> list[Removed]:
    """One entry a removed page line, in the page's order, on a page whose hard-wrapped
    paragraphs were read as one line each (`Line.wrapped`): each of a paragraph's page
    lines is listed with the paragraph's reason."""
    out: list[Removed] = []
    for i, reason in sorted(removed.items()):
        ln = lines[i]
        out.append(Removed(ln.raw, reason, ln.number))
        if ln.wrapped:
            out.extend(Removed(raw, reason, number) for number, raw in ln.wrapped)
    return out


# ---------------------------------------------------------------------------
# Input


SAMPLE_SCAN_CHARS = 200_000
"""How far into a page the input checks look for Markdown images to leave out."""


_BOX_RUN = re.compile(f"[{chr(BOX_DRAWING.start)}-{chr(BOX_DRAWING.stop - 1)}]+")
"""A run of box-drawing characters, each read as the blank column it stands in."""


def _box_blanks(text: str) -> str:
    """A text with each box-drawing character a space (`str.translate` with a table looks
    up every character of a page beyond ASCII in the table, four times as long)."""
    return _BOX_RUN.sub(lambda m: " " * len(m[0]), text)


def _page_text(page: Page, options: Options) -> str:
    """The page's text, refusing what is not a page of text at all."""
    text = page.text
    if text is None:
        if len(page.data) > options.max_bytes:
            raise InputError(f"{page.source}: {len(page.data)} bytes is over the limit")
        text = page.data.decode("utf-8", errors="replace")
    if "  \n" in text:
        # A converter's layout pads every line to the width of the page's widest table
        # (inscriptis: 6.5 MB of text for 22 KB of words); each later pass would pay for it.
        text = "\n".join(map(str.rstrip, text.split("\n")))
    text = joined_fragments(without_link_list(text))
    if "\u2502" in text:
        # A text browser draws a table's borders (w3m: "│Sections │Top Stories │"): as
        # blanks, the cells are a layout's columns, read column by column.
        text = _box_blanks(text)
    if not text.strip():
        raise NoArticle(f"no article found in {page.source}: the page is empty")
    if is_page_source(text):
        # A page's HTML source (a crawler's dump, a converter thrown off by broken markup):
        # its visible text is the page; the lines the cleaner removes are that text's.
        text = source_text(text, page.source)
        if not text.strip():
            raise NoArticle(f"no article found in {page.source}: its markup shows no text")
    # An inline image's address is no text of the page, however long it is (most pages
    # have none: no copy of the whole page is made for them).
    image = "![" in text
    sample = without_images(text[:SAMPLE_SCAN_CHARS])[:4000] if image else text[:4000]
    controls = sample.count("\ufffd")
    if any(c in sample for c in _CONTROL_CHARS):  # substring tests in C: most pages have none
        controls += len(_CONTROL.findall(sample))
    if controls > 0.01 * len(sample):
        raise InputError(f"{page.source}: not a text page (binary or undecodable bytes)")
    words = sample.split()
    letters, enough = 0, 0.4 * sum(map(len, words))
    for word in words:  # only as far as enough: prose has them within its first words
        if letters >= enough:
            break
        # A word of letters only counts whole: one call a word, not one a character.
        letters += len(word) if word.isalpha() else sum(map(str.isalpha, word))
    if letters < enough:
        raise InputError(f"{page.source}: not a text page (too few letters to be prose)")
    if " " not in sample and len(sample) > 2000:
        raise InputError(f"{page.source}: not a text page (no spaces: code or encoded data)")
    return text


SAMPLE_LINE_CHARS = 300
"""At most this much of one line goes into the language sample, so that one page-long
line (a stock ticker, a tag cloud) cannot fill the sample on its own."""


def _prose_sample(text: str, lines: list[str] | None = None) -> str:
    """The page's longest lines, which tell its language better than its menus do.

    The longest lines are the article's paragraphs; the first long lines are often a menu
    run together, whose capitalised section names read as another language's stop words.
    Whitespace is collapsed first: a converter that lays pages out in columns (inscriptis)
    pads lines with hundreds of spaces, which would otherwise fill the sample.
    """
    if lines is None:
        lines = text.splitlines()  # `analyse` gives the page's lines it split once
    # Most lines are menu items, too short to hold more than half their length in words:
    # when every line of the sample has more words than a short line can hold, the short
    # lines need not be split into words (a fifth of this function's time).
    split = [line.split() for line in lines if len(line) >= SAMPLE_SPLIT_CHARS]
    parts, fewest = _sample_parts([tokens for tokens in split if len(tokens) >= SAMPLE_MIN_WORDS])
    if fewest is None or fewest <= SAMPLE_SPLIT_CHARS // 2:
        # The short lines too, and the long ones with the words they were split into: a
        # text browser's dump, wrapped to 80 columns, comes here on every page, and
        # splitting its lines again cost 0.6% of the cleaner's instructions.
        taken = iter(split)
        every = [
            next(taken)
            if len(line) >= SAMPLE_SPLIT_CHARS
            else line.split()
            if len(line) >= SAMPLE_MIN_CHARS
            else ()  # a menu item, too short to be split
            for line in lines
        ]
        parts, _ = _sample_parts([tokens for tokens in every if len(tokens) >= SAMPLE_MIN_WORDS])
    return "\n".join(parts) or " ".join(text[:4000].split())


SAMPLE_SPLIT_CHARS = 60
"""Lines shorter than this (at most 30 words) are split for the language sample only when
the longer lines fill no sample of lines of more than 30 words."""


SAMPLE_MIN_WORDS = 8
"""A line of fewer words is no part of the language sample."""
SAMPLE_MIN_CHARS = 2 * SAMPLE_MIN_WORDS - 1
"""...and so is a line shorter than this: its words and the spaces between them."""


def _sample_parts(candidates: list[list[str]]) -> tuple[list[str], int | None]:
    """The language sample's parts from the words of the page's lines of at least
    `SAMPLE_MIN_WORDS` words (in the page's order), most words first, and the fewest words
    of a line in it (None when the lines fill no whole sample)."""
    parts: list[str] = []
    size = 0
    for tokens in sorted(candidates, key=len, reverse=True):
        part = " ".join(tokens)[:SAMPLE_LINE_CHARS]
        parts.append(part)
        size += len(part)
        if size >= 2000:
            return parts, len(tokens)
    return parts, None


# ---------------------------------------------------------------------------
# The body


def _remove_caption(ln: Line, lab: Label, article: Article, removed: dict[int, str]) -> None:
    """A caption line leaves the body for the article's captions; an image's name only goes."""
    if lab.reason == IMAGE_NAME:
        removed[ln.index] = IMAGE_NAME
        return
    article.captions.append(caption_text(ln.text))
    removed[ln.index] = "caption"


def _body_lines(
    lines: list[Line],
    labels: list[Label],
    start: int,
    end: int,
    removed: dict[int, str],
    article: Article,
) -> list[int]:
    """Indexes of the lines in the run that are body, recording the rest as removed."""
    keep: list[int] = []
    for i in range(start, end + 1):
        ln, lab = lines[i], labels[i]
        if lab.kind == "caption":
            _remove_caption(ln, lab, article, removed)
        elif lab.kind in ("chrome", "boundary"):
            removed[i] = lab.reason or "chrome"
        elif lab.kind in (PROSE, NEAR, FIGURES, CODE):
            keep.append(i)
        elif (dateline := is_dateline(ln)) or (ln.words <= 25 and byline_text(ln.text) is not None):
            removed[i] = "dateline" if dateline else "byline"
        elif ln.terminal or _own_words(ln, i - 1 in keep) >= 2:
            keep.append(i)  # a subheading, a list item, a short sentence
        else:
            removed[i] = "label"
    return keep


def _own_words(ln: Line, after_kept: bool) -> int:
    """A line's words; its own alone when the line it wrapped from is not body (a byline
    removed above it), since it no longer belongs to a longer line: counted as the line
    alone would be, so that cleaning the cleaned body again keeps it or drops it alike."""
    return ln.words if after_kept or not ln.continues else spaced_words(ln.text)


AUTHOR_BIO = "author bio"
BIO_PARAGRAPHS = 3
"""An author's bio is one of the body's last this many paragraphs ..."""
BIO_WORDS = 120
"""... of at most this many words ..."""
BIO_JOB_WORDS = 10
"""... that names the person's job within this many words of its verb."""
BIO_NAME_LINES = 2
"""This many short lines right over the bio (the name, "Contributing Writer") go with it ..."""
BIO_NAME_WORDS = 4
"""... each of at most this many words, or naming the bio's person."""
_BIO = re.compile(
    r"(?!(?:The|This|That|It|There|Here|He|She|They|We|I|You)\b)"
    r"([A-Z][a-z]+(?: [A-Z][a-z.'’-]+){0,2}),? (?:is|has been) (?:a|an|the)\s+"
    rf"((?:\S+\s+){{0,{BIO_JOB_WORDS}}})"
)
"""A person's name (up to three capitalised words, no pronoun or determiner) and "is a",
"is the", "has been a" ...: where a bio opens ("Ann Lee is a freelance writer ..."), and
the words after it, where its job stands."""


def _bio_start(
    lines: list[Line], labels: list[Label], body_idx: list[int]
) -> tuple[int, str] | None:
    """Where in `body_idx` the author's bio under the article starts, and whom it is of; or
    None.

    Blogs and marketing sites close a post with its author's bio, written in the third
    person ("Ann Lee is a freelance writer based in ..."), often without a heading; the
    article's own last paragraphs name people too, so a bio must name a job (the byline
    job words: writer, editor, founder, ...) right after its verb, and someone the
    article above it does not name.
    """
    heads: list[int] = []  # the last paragraphs' first lines, from the end
    for k in range(len(body_idx) - 1, -1, -1):
        if not lines[body_idx[k]].continues:
            heads.append(k)
            if len(heads) == BIO_PARAGRAPHS:
                break
    for k in reversed(heads):
        ln = lines[body_idx[k]]
        if ln.words > BIO_WORDS or not ln.text[:1].isupper():
            continue
        m = _BIO.match(ln.text)
        jobs = words("byline_jobs.txt")
        if m is None or not any(w.strip(".,;:&").lower() in jobs for w in m[2].split()):
            continue
        for _ in range(BIO_NAME_LINES):
            if k <= 1 or not _name_line(lines[body_idx[k - 1]], labels[body_idx[k - 1]], m[1]):
                break
            k -= 1
        # Its prose only: the author's byline may stand in the body's first lines.
        above = " ".join(lines[i].text for i in body_idx[:k] if labels[i].kind in (PROSE, NEAR))
        if any(
            name in above and re.search(rf"\b{re.escape(name)}\b", above) for name in m[1].split()
        ):
            # Someone the article has been about ("Allardyce is the eighth manager to
            # leave ..."): an author's bio names someone the article does not.
            continue
        rest = body_idx[:k]
        if sum(lines[i].words for i in rest if labels[i].kind == PROSE) < MIN_WORDS:
            return None
        return k, m[1]
    return None


def _name_line(ln: Line, lab: Label, name: str) -> bool:
    """A short line over a bio of `name`: the name, with the job or not ("Ann Lee Founder &
    Lead Reviewer"), or the job alone ("Contributing Writer")."""
    if lab.kind != SHORT or ln.terminal:
        return False
    return ln.words <= BIO_NAME_WORDS or any(part in ln.text.split() for part in name.split())


PROMO = "call to action"
"""The chrome phrases' reason of a page's promos and calls to action."""
PROMO_WORDS = 25
"""A promo line opening the run has at most this many words (a lede with a call to action
at its end is longer)."""


def _leading_promos(lines: list[Line], labels: list[Label], body_idx: list[int]) -> int:
    """How many of the body's first lines are promos: each with a call to action's phrase
    (`data/chrome_phrases.txt`) and at most `PROMO_WORDS` words, leaving `MIN_WORDS` words
    of prose under them (0 when they would not)."""
    lead = 0
    while (
        lead < len(body_idx) - 1
        and PROMO in lines[body_idx[lead]].phrases
        and lines[body_idx[lead]].words <= PROMO_WORDS
    ):
        lead += 1
    rest = sum(lines[i].words for i in body_idx[lead:] if labels[i].kind == PROSE)
    return lead if rest >= MIN_WORDS else 0


# ---------------------------------------------------------------------------
# Header: byline and date (the headline: `clean/text_headline_choice.py`)


def _read_header(
    lines: list[Line],
    labels: list[Label],
    run: tuple[int, int],
    after: range,
    removed: dict[int, str],
    article: Article,
    now: datetime | None,
    tz: str,
    stop: frozenset[str] = frozenset(),
) -> tuple[list[str], list[tuple[DateMatch, int]]]:
    """Byline and date lines from the lines above the body (or just below it).

    Returns the byline's organisation signatures ("The Kyiv Independent news desk") and
    the dates found, with their line.
    """
    dates: list[tuple[DateMatch, int]] = []
    signatures: list[str] = []
    byline = find_byline(lines, labels, run, after, removed, is_dateline, stop)
    if byline is not None:
        article.authors.extend(dict.fromkeys(byline.authors))
        signatures.extend(byline.signatures)
        for i in byline.lines:
            removed[i] = "byline"
            found = parse_date(lines[i].text, tz=tz, now=now, fallback=False)
            if found:
                dates.append((found, i))
    header = range(max(0, run[0] - HEADER_WINDOW), run[0])
    for i in [*header, *after]:
        ln, lab = lines[i], labels[i]
        if lab.kind in ("caption", "boundary") or i in removed:
            continue
        if ln.words <= MAX_BYLINE_WORDS and byline_text(ln.text) is not None:
            other = parse_byline(ln.text)
            if other.authors or other.signatures:  # another story's, or a second credit
                removed[i] = "byline"
                continue
        if lab.kind not in (PROSE,):
            # "Published March 4, 2025 at 11:48 a.m. | Updated March 4, 2025 at 2:10 p.m."
            found_here = [
                (found, i)
                for part in _PIPE.split(ln.text)
                if (found := _date_line(part, tz, now)) is not None
            ]
            if found_here:
                dates.extend(found_here)
                removed[i] = "dateline"
    return signatures, dates


@cache
def _name_stopwords(language: str | None) -> frozenset[str]:
    """Function words that are never part of a personal name (so not "von", "de", "da")."""
    return stopwords(language) - words("name_particles.txt")


BODY_TOP_LINES = 6
"""Datelines this far into the article's run are its own, ahead of those below it."""


def _body_top_dates(
    lines: list[Line], start: int, removed: dict[int, str], now: datetime | None, tz: str
) -> list[tuple[DateMatch, int]]:
    """The dates of the datelines that the body removed from its first lines (a header
    that the run of prose took in: "Updated Dec. 23, 2024, 1:24 PM EST / Source: ...")."""
    out: list[tuple[DateMatch, int]] = []
    for i in range(start, min(len(lines), start + BODY_TOP_LINES)):
        if removed.get(i) == "dateline":
            found = parse_date(lines[i].text, tz=tz, now=now, fallback=False)
            if found:
                out.append((found, i))
    return out


ABOVE_HEADLINE_LINES = 2
"""Where none stands under it, a date line this close over the headline is the article's
(a blog's date and category over its title)."""


def _headline_dates(
    lines: list[Line],
    labels: list[Label],
    headline: int,
    under: list[int],
    tz: str,
    now: datetime | None,
) -> list[tuple[DateMatch, int]]:
    """The dates of the date lines among the meta lines under the headline (`meta_under`),
    or else right over it; none when one is written in figures that read either way round
    ("02-12-2025"): the header's dates decide then."""
    above = range(headline - 1, max(-1, headline - 1 - ABOVE_HEADLINE_LINES), -1)
    for scan in (under, above):
        out: list[tuple[DateMatch, int]] = []
        for i in scan:
            if labels[i].kind == PROSE and scan is above:
                break
            if (found := _date_line(lines[i].text, tz, now)) is not None:
                if found.either_way:
                    return []
                out.append((found, i))
        if out:
            return out
    return []


def _date_line(text: str, tz: str, now: datetime | None) -> DateMatch | None:
    """The date of a line that is a date and little else."""
    n = count_words(text)
    if n > 14:
        return None
    found = parse_date(text, tz=tz, now=now, fallback=False)
    if found and (n <= 10 or NOISE_AFTER_DATE.match(text[found.end :])):
        return found
    return None


def _choose_date(
    dates: list[tuple[DateMatch, int]], header: range, headline: int | None, article: Article
) -> None:
    """The publication time: a date in the header, the first that is not an update.

    A date above the headline is the masthead's (today's date on the front page), so the
    dates under the headline come first when there are any.
    """
    if not dates:
        return
    in_header = [d for d in dates if d[1] < header.stop] or dates
    if headline is not None:
        in_header = [d for d in in_header if d[1] > headline] or in_header
    chosen = next((d for d, _ in in_header if not d.updated), in_header[0][0])
    article.published, article.published_precision = chosen.value, chosen.precision


# ---------------------------------------------------------------------------
# Outlet


_SIGNATURE_REASONS = frozenset({"call to action", "newsletter form", "copyright"})
"""Removed lines whose outlet names sign the page. Not its headline: a headline names an
outlet it is about ("Paid Time-Off Policies", "Time names its person of the year"); the
site's name beside it in a title comes back from `choose_headline` as a signature."""


def _outlet(
    page: Page,
    lines: list[Line],
    labels: list[Label],
    removed: dict[int, str],
    signatures: list[str],
) -> str | None:
    """The outlet: by the page's domain, else by its own signature lines."""
    if "://" in page.source:
        known = outlet_for_domain(domain_of(page.source))
        if known:
            return known
    for sig in signatures:
        name = outlet_from_signature(sig)
        if name:
            return name
    votes: dict[str, int] = {}
    for i, reason in removed.items():
        if reason not in _SIGNATURE_REASONS and reason != "byline":
            continue
        name = (
            outlet_from_signature(lines[i].text)
            if reason == "copyright"
            else outlet_named(lines[i].text)
        )
        if name:
            votes[name] = votes.get(name, 0) + 1
    return max(votes, key=lambda n: votes[n]) if votes else None
