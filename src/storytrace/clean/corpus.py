"""Corpus-level evidence: a line that recurs on many pages of one outlet is that outlet's chrome.

One page cannot tell a site's standing boxes ("Support independent journalism ...",
"Follow us on ...") from its article; the outlet's other pages can. `CorpusMemory`
remembers, per outlet, on how many distinct *stories* each normalised line was seen, and
`apply` drops from a cleaned Article the paragraphs that recur on at least `min_pages`
of them, with the reason "recurs on N pages of OUTLET".

Article lines that repeat must survive:
- per outlet: the same article syndicated on two outlets counts once for each;
- per story, not per page: a page is a version of a story it shares most of its long
  lines with (a re-fetch, an updated wire copy), and versions count once, so re-ingesting
  or updating an article never makes its own lines recur;
- long sentences need more: a background paragraph an outlet repeats across a few stories
  of one running event is article text, so a line that reads as prose is dropped only
  when it recurs on at least `2 * min_pages` stories and on `long_share` of the outlet's.

The memory is streaming (a page is judged with the pages before it and itself) and
bounded per outlet, so memory stays flat as a run grows. A `clean` command's memory lives
for its run. A store is its own memory: a `Pipeline` on a store first `remember`s the
store's latest articles (their kept and removed lines), so an outlet's chrome learned on
Monday's run is still known on Tuesday's. No separate table is kept: the articles'
paragraphs and removed lines are the evidence.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field

from storytrace.clean.lines import TERMINAL, line_key
from storytrace.model import Article, NoArticle, Removed

MIN_PAGES = 3
"""Distinct stories of one outlet a line must recur on to count as the outlet's chrome."""
LONG_WORDS = 15
"""A line with this many words that ends like a sentence reads as article prose ..."""
LONG_SHARE = 0.5
"""... and is chrome only when it recurs on this share of the outlet's stories too."""
SAME_STORY = 0.4
"""Pages whose long lines overlap this much (Jaccard) are versions of one story."""
SKETCH_WORDS = 8
"""Lines with at least this many words make up a page's sketch (its story identity)."""
MAX_LINES = 5_000
"""Line fingerprints kept per outlet, least recently seen forgotten first: an outlet's
chrome is seen on every page, so it stays while one-off article lines go."""
MAX_OUTLETS = 256
"""Outlets remembered at once (least recently seen forgotten first): with MAX_LINES, this
bounds the memory of a long run (a few hundred MB at worst, far less in practice)."""
MAX_STORIES = 500
"""Story sketches kept per outlet for telling versions of a story apart from new stories."""
_CAP = 64
"""Story ids kept per line: enough to compare with the share of a large outlet."""


def _fingerprint(text: str) -> int | None:
    """A stable 64-bit fingerprint of a line's normalised form; None for lines without words."""
    key = line_key(" ".join(text.split()))
    if len(key) < 3 or not any(c.isalpha() for c in key):
        return None
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big")


def _reads_as_prose(text: str) -> bool:
    return len(text.split()) >= LONG_WORDS and text.rstrip().endswith(TERMINAL)


@dataclass(slots=True)
class _Outlet:
    """What one outlet's pages have shown so far."""

    lines: OrderedDict[int, set[int]] = field(default_factory=OrderedDict)
    """Line fingerprint -> ids of the stories it was seen in."""
    sketches: OrderedDict[int, frozenset[int]] = field(default_factory=OrderedDict)
    """Story id -> the fingerprints of its long lines (the latest version's)."""
    stories: int = 0
    """Stories seen (also the next story id)."""


class CorpusMemory:
    """Per-outlet counts of the distinct stories each line appears in, fed page by page."""

    def __init__(self, min_pages: int = MIN_PAGES, long_share: float = LONG_SHARE) -> None:
        if min_pages < 2:
            raise ValueError("min_pages must be at least 2: one page is no corpus evidence")
        self.min_pages = min_pages
        self.long_share = long_share
        self._outlets: dict[str, _Outlet] = {}

    @staticmethod
    def outlet_of(article: Article) -> str | None:
        """The key pages are grouped by: the domain, else the outlet's name."""
        key = article.domain or article.outlet
        return key.lower() if key else None

    def observe(self, outlet: str, lines: list[str], article_lines: list[str] | None = None) -> int:
        """Count one page's lines for `outlet`; returns the id of the story it belongs to.

        `article_lines` (default: all `lines`) tell which story the page is a version of.
        """
        memo = self._outlets.pop(outlet, None) or _Outlet()
        self._outlets[outlet] = memo  # most recently seen last
        while len(self._outlets) > MAX_OUTLETS:
            del self._outlets[next(iter(self._outlets))]
        known = {text: _fingerprint(text) for text in lines}  # article lines are in lines too
        long_prints = frozenset(
            fp
            for text in (lines if article_lines is None else article_lines)
            if len(text.split()) >= SKETCH_WORDS
            and (fp := known[text] if text in known else _fingerprint(text)) is not None
        )
        prints = {fp for fp in known.values() if fp is not None} | long_prints
        story = self._story_of(memo, long_prints)
        memo.sketches[story] = long_prints
        memo.sketches.move_to_end(story)
        while len(memo.sketches) > MAX_STORIES:
            memo.sketches.popitem(last=False)
        for fp in prints:
            seen = memo.lines.get(fp)
            if seen is None:
                seen = memo.lines[fp] = set()
            else:
                memo.lines.move_to_end(fp)
            if len(seen) < _CAP:
                seen.add(story)
        while len(memo.lines) > MAX_LINES:
            memo.lines.popitem(last=False)
        return story

    def _story_of(self, memo: _Outlet, sketch: frozenset[int]) -> int:
        """The story a page with this sketch continues, or a new story's id."""
        # Lines already known as chrome say nothing about which story this is.
        own = frozenset(fp for fp in sketch if len(memo.lines.get(fp, ())) < self.min_pages)
        candidates: set[int] = set()
        for fp in own:
            candidates |= memo.lines.get(fp, set())
        best, best_sim = None, 0.0
        for story in candidates:
            other = memo.sketches.get(story)
            if not other:
                continue
            other = frozenset(fp for fp in other if len(memo.lines.get(fp, ())) < self.min_pages)
            union = len(own | other)
            sim = len(own & other) / union if union else 0.0
            if sim > best_sim:
                best, best_sim = story, sim
        if best is not None and best_sim >= SAME_STORY:
            return best
        memo.stories += 1
        return memo.stories - 1

    def recurrence(self, outlet: str, text: str) -> int:
        """On how many distinct stories of `outlet` the line was seen."""
        memo = self._outlets.get(outlet)
        fp = _fingerprint(text)
        if memo is None or fp is None:
            return 0
        return len(memo.lines.get(fp, ()))

    def is_chrome(self, outlet: str, text: str) -> int:
        """The recurrence of a line when it is enough to call it chrome, else 0."""
        n = self.recurrence(outlet, text)
        if n < self.min_pages:
            return 0
        if _reads_as_prose(text):
            stories = self._outlets[outlet].stories
            if n < 2 * self.min_pages or n < self.long_share * stories:
                return 0
        return n

    def remember(self, article: Article) -> str | None:
        """Count an already cleaned article's page (kept and removed lines); returns its outlet."""
        outlet = self.outlet_of(article)
        if outlet is not None:
            self.observe(
                outlet,
                [*article.paragraphs, *(r.text for r in article.removed)],
                article.paragraphs,
            )
        return outlet

    def apply(self, article: Article) -> Article:
        """Count the article's page, then drop its paragraphs that recur across the outlet.

        Raises NoArticle when nothing but recurring lines is left.
        """
        outlet = self.remember(article)
        if outlet is None:
            return article
        kept: list[str] = []
        dropped: list[Removed] = []
        name = article.outlet or outlet
        for paragraph in article.paragraphs:
            n = self.is_chrome(outlet, paragraph)
            if n:
                dropped.append(Removed(text=paragraph, reason=f"recurs on {n} pages of {name}"))
            else:
                kept.append(paragraph)
        if not dropped:
            return article
        if not kept:
            raise NoArticle(f"{article.source}: every paragraph recurs on other pages of {name}")
        article.paragraphs = kept
        article.removed.extend(dropped)
        return article
