"""Composes the stages: ingest -> clean -> annotate -> store.

The CLI, the web app and any distributed runner call this module, never a
stage's internals. Inputs stream through one at a time; only a batch of cleaned
articles waits for the model, so memory stays flat as the corpus grows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from storytrace.clean import clean
from storytrace.clean.corpus import CorpusMemory
from storytrace.ingest import read_inputs
from storytrace.limits import check_article, deadline
from storytrace.model import (
    Annotations,
    Article,
    NoArticle,
    Options,
    Page,
    StoryItem,
    StorytraceError,
)
from storytrace.store import Store
from storytrace.store import stories as story_store

CORPUS_REPLAY = 2_000
"""Stored articles replayed into the corpus memory when a pipeline starts on a store: enough
for each busy outlet's chrome (3 stories make a line chrome), quick to read back."""

log = logging.getLogger(__name__)

CLEAN_KEYS = (
    "source",
    "status",
    "error",
    "headline",
    "authors",
    "published",
    "outlet",
    "language",
    "body",
    "captions",
)


@dataclass(slots=True)
class Outcome:
    """What happened to one input."""

    source: str
    status: str
    """`ok`, `error`, `no_article`, or `unchanged` (seen before, nothing to do)."""
    error: str | None = None
    input_id: int | None = None
    article_id: int | None = None


@dataclass(slots=True)
class IngestReport:
    """The outcomes of one ingest run, in input order."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in ("error", "no_article")]


def clean_page(
    page: Page, options: Options, corpus: CorpusMemory | None = None
) -> tuple[Article | None, str, str | None]:
    """Clean one page; never raises. Returns the article, a status and an error message.

    With a `corpus` memory, the page's lines are counted and the paragraphs that recur
    across the outlet's other pages of the run are dropped as chrome.
    """
    if page.error:
        return None, "error", page.error
    try:
        with deadline(options.time_limit, page.source, "cleaning"):
            article = clean(page, options)
            if corpus is not None:
                article = corpus.apply(article)
        check_article(article, options)
        return article, "ok", None
    except NoArticle as exc:
        return None, "no_article", str(exc)
    except StorytraceError as exc:
        return None, "error", str(exc)
    except Exception as exc:  # a bug in a cleaner must not end the batch
        log.exception("cleaning %s failed", page.source)
        return None, "error", f"{page.source}: unexpected {type(exc).__name__}: {exc}"


def clean_record(page: Page, article: Article | None, status: str, error: str | None) -> dict:
    """The public `clean --format jsonl` shape for one input."""
    record: dict[str, Any] = dict.fromkeys(CLEAN_KEYS)
    record.update(source=page.source, status="ok" if article else "error", error=error)
    record["authors"] = []
    record["captions"] = []
    if article is not None:
        record.update(
            headline=article.headline,
            authors=list(article.authors),
            published=article.published.isoformat() if article.published else None,
            outlet=article.outlet,
            language=article.language,
            body=article.body,
            captions=list(article.captions),
        )
    return record


def clean_inputs(paths: Iterable[str], options: Options | None = None) -> Iterator[dict]:
    """One `clean` record per input, in input order; lines that recur across an outlet's
    pages of this run are dropped as chrome (the memory lives for the run only)."""
    options = options or Options()
    corpus = CorpusMemory()
    for page in read_inputs(paths, options):
        yield clean_record(page, *clean_page(page, options, corpus))


def raw_article(page: Page) -> tuple[Article | None, str, str | None]:
    """The input text itself as the body, uncleaned: spans then index into the input."""
    if page.error or page.text is None:
        return None, "error", page.error or f"{page.source}: no text"
    article = Article(source=page.source, page_sha256=page.sha256, paragraphs=[page.text])
    return article, "ok", None


def annotate_safely(
    annotator, articles: list[Article], reasons: dict[int, str] | None = None
) -> list[Annotations | None]:
    """Annotate a batch; if the batch fails, each article alone, so one bad article sinks none.

    Each article has `Options.time_limit` (the batch, that many times its size). Why
    article `i` failed goes in `reasons[i]`, when a dict is given.
    """
    limit = getattr(annotator.options, "time_limit", None)
    try:
        with deadline(limit and limit * len(articles), "a batch", "annotating"):
            return list(annotator.annotate(articles))
    except Exception:
        log.exception("batch annotation failed; retrying one by one")
    results: list[Annotations | None] = []
    for i, article in enumerate(articles):
        try:
            with deadline(limit, article.source, "annotating"):
                results.extend(annotator.annotate([article]))
        except Exception as exc:
            log.exception("annotating %s failed", article.source)
            if reasons is not None:
                reasons[i] = _annotation_failure(article, exc)
            results.append(None)
    return results


def _annotation_failure(article: Article, exc: Exception) -> str:
    if isinstance(exc, StorytraceError):  # a time limit, say: its message names the input
        return str(exc)
    return f"{article.source}: annotation failed ({type(exc).__name__}: {exc})"


Annotated = tuple[Page, Article | None, Annotations | None, str | None]
"""One input after annotation: the page, its article and annotations, or an error."""


def annotate_inputs(
    paths: Iterable[str], options: Options | None = None, *, clean_pages: bool = True
) -> Iterator[Annotated]:
    """Stateless: clean (or not) and annotate inputs, in input order, entities resolved per run."""
    from storytrace.annotate import Annotator
    from storytrace.annotate.entities import EntityResolver

    options = options or Options()
    annotator, resolver = None, EntityResolver()
    batch: list[tuple[Page, Article | None, str | None]] = []

    def flush() -> Iterator[Annotated]:
        nonlocal annotator
        articles = [article for _, article, _ in batch if article is not None]
        found: list[Annotations | None] = []
        if articles:
            annotator = annotator or Annotator(options)
            found = annotate_safely(annotator, articles)
        results = iter(found)
        done = [
            (page, article, next(results) if article is not None else None, error)
            for page, article, error in batch
        ]
        resolver.resolve_batch((notes, a.outlet) for _, a, notes, _ in done if notes and a)
        for page, article, notes, error in done:
            if article is not None and notes is None:
                error = f"{page.source}: annotation failed"
            yield page, article if notes else None, notes, error
        batch.clear()

    for page in read_inputs(paths, options):
        article, _, error = clean_page(page, options) if clean_pages else raw_article(page)
        batch.append((page, article, error))
        if sum(1 for _, a, _ in batch if a is not None) >= options.batch_size:
            yield from flush()
    yield from flush()


class StoryKeeper:
    """Keeps the store's stories up to date as articles arrive: place, then rebuild what changed.

    Placing is streaming (each article joins a story or starts one, at a bounded cost);
    the clusterer's state is saved with each batch of placements, so a later run, or a
    run after a crash, continues where the last one stopped. Articles stored but never
    placed (a crash between the two writes) are placed on the next run.
    """

    def __init__(self, store: Store) -> None:
        from storytrace.stories.cluster import StoryIndex

        self.store = store
        state = story_store.load_state(store)
        self.index = StoryIndex.from_state(state) if state else StoryIndex()

    def place(self, articles: Iterable[tuple[int, Article, Annotations]]) -> None:
        """Put each stored article in a story; record placements, merges and state at once."""
        from storytrace.stories.items import story_item

        self.place_items(story_item(*triple) for triple in articles)

    def place_items(self, items: Iterable[StoryItem]) -> None:
        """`place` from the clustering features alone (a feature table, not whole articles).

        A batch is placed in publication order, so a story's first report starts it even
        when a later feature piece came first in the input.
        """
        from storytrace.stories.cluster import publication_order

        placed, merged, moved = [], {}, []
        for item in sorted(items, key=publication_order):
            assignment = self.index.add(item)
            placed.append((item.article, assignment.story, assignment.score))
            moved += assignment.moved
            for gone in assignment.merged:
                merged[gone] = assignment.story
        # A story merged away earlier in this batch points at its final story.
        for gone, into in merged.items():
            while into in merged:
                into = merged[into]
            merged[gone] = into
        if placed or merged:
            story_store.assign(self.store, placed, merged, self.index.to_state(), moved)

    def place_unplaced(self) -> None:
        """Place stored articles that have no story yet, oldest first."""
        ids = self.store.unplaced_articles()
        for start in range(0, len(ids), 256):
            self.place((i, *self.store.article(i)) for i in ids[start : start + 256])

    def rebuild_stale(self) -> int:
        """Rebuild the view of every story whose articles changed; returns how many."""
        from storytrace.stories.build import build_story

        stale = story_store.stale(self.store)
        for story_id in stale:
            members = story_store.members(self.store, story_id)
            if not members:
                continue
            triples = [(i, *self.store.article(i)) for i in members]
            story_store.save(self.store, build_story(story_id, triples))
        return len(stale)


def recluster(store: Store) -> int:
    """Redo every story of the store in one pass, in publication order; returns the count."""
    from storytrace.stories.cluster import StoryIndex

    story_store.reset(store)
    keeper = StoryKeeper(store)
    keeper.index = StoryIndex()
    keeper.place_unplaced()
    keeper.rebuild_stale()
    return len(store.story_rows())


class Pipeline:
    """Ingest into a store: record, clean, annotate in batches, resolve entities, save."""

    def __init__(self, store: Store, options: Options | None = None) -> None:
        self.store = store
        self.options = options or Options()
        self._annotator = None
        self._resolver = None
        self._stories: StoryKeeper | None = None
        self._renames_saved: dict[str, str] = {}
        self._corpus: CorpusMemory | None = None

    @property
    def corpus(self) -> CorpusMemory:
        """Lines seen per outlet: the recurring ones are chrome.

        Seeded from the store's latest articles when first needed, so evidence carries
        over from earlier runs on the same store.
        """
        if self._corpus is None:
            self._corpus = CorpusMemory()
            for article in self.store.latest_articles(CORPUS_REPLAY):
                self._corpus.remember(article)
        return self._corpus

    @property
    def stories(self) -> StoryKeeper:
        if self._stories is None:
            self._stories = StoryKeeper(self.store)
        return self._stories

    @property
    def annotator(self):
        # Loading the model takes a second; a run whose inputs all fail never pays it.
        if self._annotator is None:
            from storytrace.annotate import Annotator

            # Names the corpus already knows count as evidence for new mentions.
            self._annotator = Annotator(self.options, resolver=self.resolver)
        return self._annotator

    @property
    def resolver(self):
        if self._resolver is None:
            from storytrace.annotate.entities import EntityResolver

            self._resolver = EntityResolver(self.store.entities())
            for outlet in self.store.outlets():  # known from earlier runs on this store
                self._resolver.know_outlet(outlet)
        return self._resolver

    def ingest(
        self, paths: Iterable[str], on_outcome: Callable[[Outcome], None] | None = None
    ) -> IngestReport:
        """Ingest every input under `paths`; failures are recorded and the batch goes on."""
        return self.ingest_pages(read_inputs(paths, self.options), on_outcome)

    def ingest_pages(
        self, pages: Iterable[Page], on_outcome: Callable[[Outcome], None] | None = None
    ) -> IngestReport:
        """Record, clean, annotate and save Pages from any source (files, fetched URLs)."""
        if self.options.workers > 1 or self.options.engine != "local":
            from storytrace.scale import run_engine

            return run_engine(self, pages, on_outcome)
        report = IngestReport()
        pending: list[tuple[Outcome, Article]] = []
        in_run: set[int] = set()

        def done(outcome: Outcome) -> None:
            report.outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)

        self.stories.place_unplaced()
        for page in pages:
            input_id, todo = self.store.record_input(page)
            if not todo or input_id in in_run:
                done(Outcome(page.source, "unchanged", input_id=input_id))
                continue
            in_run.add(input_id)
            article, status, error = clean_page(page, self.options, self.corpus)
            if article is None:
                self.store.mark_input(input_id, status, error)
                done(Outcome(page.source, status, error, input_id))
                continue
            pending.append((Outcome(page.source, "ok", input_id=input_id), article))
            if len(pending) >= self.options.batch_size:
                self._flush(pending, done)
        self._flush(pending, done)
        self.stories.rebuild_stale()
        return report

    def _save_entities(self) -> None:
        """Write changed entities, and move saved mentions of renamed ones to their new name."""
        changed, renamed = self.resolver.drain_changes()
        new = {old: now for old, now in renamed.items() if self._renames_saved.get(old) != now}
        self.store.rename_entities(new)
        story_store.mark_stale_naming(self.store, new.values())  # views embed the old names
        self._renames_saved.update(new)
        self.store.save_entities(changed)

    def save_batch(
        self,
        batch: list[tuple[Outcome, Article, Annotations | None, str | None]],
        place: bool = True,
    ) -> list[tuple[int, Article, Annotations]]:
        """Resolve and save annotated articles in one transaction; returns (id, article, found).

        One transaction for the batch: its articles, their entities and story placements
        are stored together or not at all, so a crash never leaves mentions of entities
        the store does not know; the batch's inputs stay `pending` and are redone. An
        article without annotations is recorded as an error (its own, or a generic one).
        `place=False` leaves story placement to the caller (`place_unplaced` catches up).
        """
        saved = []
        self.resolver.resolve_batch((notes, a.outlet) for _, a, notes, _ in batch if notes)
        with self.store.transaction():
            for outcome, article, found, error in batch:
                if found is None:
                    error = error or f"{article.source}: annotation failed"
                    self.store.mark_input(outcome.input_id, "error", error)
                    outcome.status, outcome.error = "error", error
                else:
                    outcome.article_id = self.store.save_article(outcome.input_id, article, found)
                    saved.append((outcome.article_id, article, found))
            self._save_entities()
            if place:
                self.stories.place(saved)
        return saved

    def _flush(
        self, pending: list[tuple[Outcome, Article]], done: Callable[[Outcome], None]
    ) -> None:
        if not pending:
            return
        reasons: dict[int, str] = {}
        found_all = annotate_safely(self.annotator, [article for _, article in pending], reasons)
        self.save_batch(
            [
                (outcome, article, found, reasons.get(i))
                for i, ((outcome, article), found) in enumerate(
                    zip(pending, found_all, strict=True)
                )
            ]
        )
        for outcome, _ in pending:
            done(outcome)
        pending.clear()
