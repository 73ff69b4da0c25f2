"""`storytrace stories`, `story`, `timeline` and `recluster`: stories across outlets."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from storytrace.cli import app
from storytrace.cli.common import (
    DbOption,
    Format,
    FormatOption,
    add_row,
    console,
    found_or_exit,
    open_corpus,
    write_jsonl,
)
from storytrace.model import ProvenanceNode, Story, to_dict

StoryArgument = Annotated[int, typer.Argument(help="Story id (see `storytrace stories`).")]


def stories_table(rows: list[dict]) -> Table:
    table = Table(title="stories", title_justify="left")
    table.add_column("story", no_wrap=True)
    table.add_column("headline", min_width=20, ratio=1)
    for name in ("articles", "outlets", "first", "last", "sources"):
        table.add_column(name, no_wrap=True)
    for r in rows:
        add_row(
            table,
            r["story"],
            r["headline"],
            len(r["articles"]),
            len(r["outlets"]),
            (r["first_published"] or "")[:10],
            (r["last_published"] or "")[:10],
            r["independent_sources"],
        )
    return table


@app.command("stories")
def stories_command(
    db: DbOption = "storytrace.db",
    format: FormatOption = Format.table,
    order: Annotated[
        str, typer.Option("--order", help="latest, size (articles) or outlets.")
    ] = "latest",
) -> None:
    """List stories: headline, articles, outlets, time span and independent sources."""
    if order not in ("latest", "size", "outlets"):
        raise typer.BadParameter("--order must be latest, size or outlets")
    with open_corpus(db) as corpus:
        rows = corpus.stories(order=order)
    if format is Format.jsonl:
        write_jsonl(rows)
    else:
        console.print(stories_table(rows))


def provenance_tree(story: Story) -> Tree:
    tree = Tree(Text(f"provenance: {story.independent_sources} independent primary sources"))

    def add(parent: Tree, node: ProvenanceNode) -> None:
        label = Text(node.name, style="bold" if node.kind == "outlet" else "")
        label.append(f"  {node.kind}" + (f" ×{node.count}" if node.count else ""), style="dim")
        branch = parent.add(label)
        for child in node.children:
            add(branch, child)

    for root in story.provenance:
        add(tree, root)
    return tree


def timeline_table(story: Story) -> Table:
    table = Table(
        "when", "expression", "outlet", "sentence", title="timeline", title_justify="left"
    )
    for entry in story.timeline:
        e = entry.event
        when = e.start.isoformat() if e.start == e.end else f"{e.start} – {e.end}"
        if not e.anchored:
            when += " (by ingest time)"
        add_row(table, when, e.text, entry.outlet, e.sentence)
    return table


@app.command("story")
def story_command(
    story: StoryArgument,
    db: DbOption = "storytrace.db",
    format: FormatOption = Format.table,
) -> None:
    """One story: outlets side by side, shared and unique claims, provenance, timeline."""
    with open_corpus(db) as corpus:
        found = found_or_exit(corpus.story, story)
        articles = {i: corpus.article(i) for i in found.articles}
    if format is Format.jsonl:
        write_jsonl([to_dict(found)])
        return
    console.print(Text(found.headline or "(no headline)", style="bold"))
    span = " – ".join(t.isoformat() for t in (found.first_published, found.last_published) if t)
    console.print(Text(f"{len(found.articles)} articles · {len(found.outlets)} outlets · {span}"))
    side = Table(*found.outlets, title="outlets side by side", title_justify="left")
    columns = []
    for outlet in found.outlets:
        lines = []
        for i, view in articles.items():
            if (view.article.outlet or view.article.domain or "unknown outlet") == outlet:
                copy = f" (copy of {found.syndicated[i]})" if i in found.syndicated else ""
                when = view.article.published.isoformat()[:16] if view.article.published else ""
                lines.append(f"[{i}] {view.article.headline}{copy} {when}")
        columns.append("\n".join(lines))
    add_row(side, *columns)
    console.print(side)
    shared = [c for c in found.claims if len(c.outlets) > 1]
    claims = Table(
        "claim", "outlets", "rests on", title=f"shared claims ({len(shared)})", title_justify="left"
    )
    for claim in shared:
        speakers = "; ".join(f"{name} ({kind})" for name, kind, _ in claim.distinct_speakers())
        add_row(claims, claim.text, ", ".join(claim.outlets), speakers)
    console.print(claims)
    for outlet in found.outlets:
        only = [c for c in found.claims if c.outlets == [outlet]]
        if only:
            table = Table("claim", title=f"only {outlet} ({len(only)})", title_justify="left")
            for claim in only:
                add_row(table, claim.text)
            console.print(table)
    console.print(provenance_tree(found))
    console.print(timeline_table(found))


@app.command("timeline")
def timeline_command(
    story: StoryArgument,
    db: DbOption = "storytrace.db",
    format: FormatOption = Format.table,
) -> None:
    """The dated events of a story, in order, each with its sentence and article."""
    with open_corpus(db) as corpus:
        found = found_or_exit(corpus.story, story)
    if format is Format.jsonl:
        write_jsonl(to_dict(entry) for entry in found.timeline)
    else:
        console.print(timeline_table(found))


@app.command("recluster")
def recluster_command(db: DbOption = "storytrace.db") -> None:
    """Redo every story of the store in one pass, in publication order."""
    with open_corpus(db) as corpus:
        count = corpus.recluster()
    console.print(f"{count} stories", highlight=False)
