"""The Python API. Each CLI command is a thin wrapper over one call here.

>>> import storytrace.api as st
>>> corpus = st.Storytrace("news.db")
>>> report = corpus.ingest(["pages/"])
>>> [a["headline"] for a in corpus.articles()]
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storytrace.annotate import unsupported_language
from storytrace.ingest import read_bytes
from storytrace.model import Annotations, Article, Entity, Options, Statement, Story, to_dict
from storytrace.pipeline import (
    CLEAN_KEYS,
    IngestReport,
    Outcome,
    Pipeline,
    annotate_inputs,
    clean_inputs,
    recluster,
)
from storytrace.store import open_store

if TYPE_CHECKING:
    from storytrace.collect import FetchOptions, FetchOutcome, FetchRun
    from storytrace.retry import RetryReport

__all__ = ["CLEAN_KEYS", "ArticleView", "FetchReport", "Storytrace", "clean"]


def clean(paths: Iterable[str], options: Options | None = None) -> Iterator[dict]:
    """Clean inputs without a store: one record per input in the public `clean` shape."""
    return clean_inputs(paths, options)


STATEMENT_KEYS = (
    "source",
    "speaker",
    "speaker_entity",
    "speaker_kind",
    "anonymous_count",
    "cue",
    "content",
    "direct",
    "speaker_span",
    "cue_span",
    "content_span",
    "via",
)


def statement_record(source: str, statement: Statement) -> dict[str, Any]:
    """One statement in the public `statements --format jsonl` shape."""
    record = {key: to_dict(getattr(statement, key, None)) for key in STATEMENT_KEYS[1:]}
    return {"source": source, **record}


def statements(
    paths: Iterable[str],
    options: Options | None = None,
    *,
    clean_pages: bool = True,
    on_error: Callable[[str, str], None] | None = None,
    on_skip: Callable[[str, str], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """Attributed statements of inputs, without a store, in input order.

    Spans index the cleaned body (as `clean` prints it), or with `clean_pages=False`
    the input text itself. Inputs that fail are passed to `on_error(source, error)`, and
    articles in a language the annotators do not cover to `on_skip(source, reason)`.
    """
    for page, article, found, error in annotate_inputs(
        paths, options, clean_pages=clean_pages
    ):
        if found is None:
            if on_error:
                on_error(page.source, error or "failed")
            continue
        skipped = unsupported_language(article) if article is not None else None
        if skipped and on_skip:
            on_skip(page.source, skipped)
        for statement in found.statements:
            yield statement_record(page.source, statement)


@dataclass(slots=True)
class ArticleView:
    """A stored article with its id and annotations."""

    id: int
    article: Article
    annotations: Annotations

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **to_dict(self.article), **to_dict(self.annotations)}


@dataclass(slots=True)
class FetchReport:
    """A fetch run: what came of each URL, then of each fetched page in the pipeline."""

    fetches: FetchRun
    ingest: IngestReport

    @property
    def failed(self) -> bool:
        """Whether any URL failed, or any fetched page gave no article."""
        return bool(self.fetches.failed or self.ingest.failed)


class Storytrace:
    """A storytrace corpus backed by a store: a SQLite file, or a `postgresql://` URL."""

    def __init__(self, db: str | Path = "storytrace.db", options: Options | None = None) -> None:
        self.options = options or Options()
        self.store = open_store(db)
        self.pipeline = Pipeline(self.store, self.options)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Storytrace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(
        self, paths: Iterable[str], on_outcome: Callable[[Outcome], None] | None = None
    ) -> IngestReport:
        """Ingest files, folders, globs or `-`; each input is recorded even when it fails."""
        return self.pipeline.ingest(paths, on_outcome)

    def ingest_bytes(
        self,
        items: Iterable[tuple[str, bytes]],
        on_outcome: Callable[[Outcome], None] | None = None,
    ) -> IngestReport:
        """Ingest (label, bytes) pairs received some other way, such as uploads to the web UI."""
        pages = (
            page
            for label, data in items
            for page in read_bytes(label, data, self.options, file_name=label)
        )
        return self.pipeline.ingest_pages(pages, on_outcome)

    def fetch(
        self,
        targets: Iterable[str],
        options: FetchOptions | None = None,
        on_fetch: Callable[[FetchOutcome, FetchRun], None] | None = None,
        on_outcome: Callable[[Outcome], None] | None = None,
    ) -> FetchReport:
        """Fetch article, feed and sitemap URLs (or files listing URLs), then ingest the pages.

        Fetched bytes are stored before they are processed, and a URL fetched before
        is not fetched again unless `options.refresh`: its stored page is used.
        """
        from storytrace.collect import collect, stored_pages

        run = collect(self.store, targets, options, on_fetch)
        report = self.pipeline.ingest_pages(stored_pages(self.store, run.input_ids), on_outcome)
        return FetchReport(run, report)

    def articles(self, outlet: str | None = None, limit: int | None = None, offset: int = 0):
        """Stored articles as records in the `clean` shape plus `id`, by publication time."""
        return [
            article_record(row)
            for row in self.store.article_rows(outlet=outlet, limit=limit, offset=offset)
        ]

    def article(self, ref: str | int) -> ArticleView:
        """One article by id, JSONL id or source path."""
        article_id = self.store.find_article(ref)
        if article_id is None:
            raise KeyError(f"no article {ref!r} in {self.store.name}")
        article, annotations = self.store.article(article_id)
        return ArticleView(article_id, article, annotations)

    def entities(self, kind: str | None = None) -> list[Entity]:
        """Canonical entities, most mentioned first."""
        return self.store.entities(kind)

    def inputs(self, status: str | None = None) -> list[dict[str, Any]]:
        """Every input ever given, with its hash, status and error."""
        return self.store.inputs(status)

    def errors(self, pending: bool = False) -> list[dict[str, Any]]:
        """Failed inputs (`error`, `no_article`) with their reasons and whether they can be
        retried; `pending` adds inputs an interrupted run left undone."""
        from storytrace.retry import failed_inputs

        return failed_inputs(self.pipeline, pending=pending)

    def retry(
        self,
        ids: Iterable[int] | None = None,
        *,
        pending: bool = False,
        on_outcome: Callable[[Outcome], None] | None = None,
    ) -> RetryReport:
        """Process failed inputs (all, or those with `ids`) again from their stored bytes."""
        from storytrace.retry import retry_inputs

        return retry_inputs(self.pipeline, pending=pending, ids=ids, on_outcome=on_outcome)

    def stories(
        self, *, limit: int | None = None, offset: int = 0, order: str = "latest"
    ) -> list[dict[str, Any]]:
        """Stories in the public `stories --format jsonl` shape (latest, size or outlets first)."""
        return self.store.story_rows(limit=limit, offset=offset, order=order)

    def story(self, story_id: int) -> Story:
        """One story: articles, outlets, claims, provenance, source count, timeline."""
        return self.store.story(story_id)

    def optimize(self) -> None:
        """Compact the store's search index, so searches read one segment (after large ingests)."""
        self.store.optimize()

    def recluster(self) -> int:
        """Redo every story in one pass; returns the number of stories."""
        return recluster(self.store)

    def speakers(self) -> list[dict[str, Any]]:
        """Who is quoted: each speaker with kind, statement and article counts, and outlets."""
        return self.store.speaker_rows()

    def statements(self, speaker: str | None = None) -> list[dict[str, Any]]:
        """Stored statements, optionally of one speaker (canonical name or description)."""
        return self.store.statement_rows(speaker=speaker)


def article_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored article row in the public `articles --format jsonl` shape."""
    return {
        "id": row["id"],
        "source": row["source"],
        "status": "ok",
        "error": None,
        "headline": row["headline"],
        "authors": json.loads(row["authors"]),
        "published": row["published"],
        "outlet": row["outlet"],
        "language": row["language"],
        "body": row["body"],
        "captions": json.loads(row["captions"]),
    }
