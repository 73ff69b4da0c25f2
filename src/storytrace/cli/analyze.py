"""`storytrace analyze`: the main job: ingest everything and print the report."""

from __future__ import annotations

from collections import Counter, defaultdict

from rich.table import Table

from storytrace.api import ArticleView, Storytrace
from storytrace.cli import app
from storytrace.cli.common import (
    DEFAULT_MODEL,
    DbOption,
    ModelOption,
    PathsArgument,
    WorkersOption,
    add_row,
    console,
    exit_for,
    ingest_progress,
    open_corpus,
)
from storytrace.cli.ingest import (
    AddressOption,
    Engine,
    EngineOption,
    ParquetOption,
    engine_options,
    summary,
)
from storytrace.cli.render import article_panel, named
from storytrace.cli.stories import stories_table
from storytrace.pipeline import IngestReport


def report(corpus: Storytrace, run: IngestReport) -> None:
    """Print what this run's inputs amount to: stories, outlets, articles, and what failed."""
    views: list[ArticleView] = []
    for outcome in run.outcomes:
        article_id = outcome.article_id or corpus.store.article_for_input(outcome.input_id)
        if article_id is not None:
            views.append(corpus.article(article_id))
    console.print(summary(run), highlight=False)

    wanted = corpus.store.stories_of(view.id for view in views)
    touched = [row for row in corpus.stories() if row["story"] in wanted]
    if touched:
        console.print(stories_table(touched))

    by_outlet: dict[str, list[ArticleView]] = defaultdict(list)
    for view in views:
        by_outlet[view.article.outlet or "unknown outlet"].append(view)
    outlets = Table(
        "outlet",
        "articles",
        "first published",
        "last published",
        title="outlets",
        title_justify="left",
    )
    for name, group in sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        dates = sorted(v.article.published.isoformat() for v in group if v.article.published)
        add_row(
            outlets, name, str(len(group)), dates[0] if dates else "", dates[-1] if dates else ""
        )
    console.print(outlets)

    entities: Counter[str] = Counter()
    for view in views:
        entities.update(set(named(view)))
    if entities:
        table = Table("entity", "articles", title="main entities", title_justify="left")
        for name, n in entities.most_common(15):
            add_row(table, name, str(n))
        console.print(table)

    for view in views:
        console.print(article_panel(view, full=False))

    failed = run.failed
    if failed:
        table = Table(
            "input", "status", "error", title="inputs without an article", title_justify="left"
        )
        for outcome in failed:
            add_row(table, outcome.source, outcome.status, outcome.error or "")
        console.print(table)


@app.command()
def analyze(
    paths: PathsArgument,
    db: DbOption = "storytrace.db",
    model: ModelOption = DEFAULT_MODEL,
    workers: WorkersOption = 1,
    engine: EngineOption = Engine.local,
    address: AddressOption = None,
    parquet_dir: ParquetOption = None,
) -> None:
    """Ingest inputs into the store and print a report of what they hold."""
    options = engine_options(engine, address, parquet_dir)
    with open_corpus(db, model, workers, **options) as corpus:
        with ingest_progress() as advance:
            run = corpus.ingest(paths, advance)
        report(corpus, run)
    exit_for(run)
