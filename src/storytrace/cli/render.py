"""Rich renderings of stored articles, shared by `show` and `analyze`."""

from __future__ import annotations

from collections import Counter

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from storytrace.annotate import unsupported_language
from storytrace.api import ArticleView
from storytrace.cli.common import add_row
from storytrace.model import EntityKind


def byline(view: ArticleView) -> str:
    a = view.article
    when = a.published.isoformat() if a.published else "no date"
    return f"{', '.join(a.authors) or 'no byline'} · {when} · {a.outlet or 'unknown outlet'}"


def named(view: ArticleView) -> list[str]:
    """The entity of each mention, outlets left out: an outlet the article cites says who
    reported, not what the article is about (the stories' main entities leave them out too)."""
    return [m.entity or m.text for m in view.annotations.mentions if m.kind != EntityKind.OUTLET]


def main_entities(view: ArticleView, limit: int = 6) -> list[tuple[str, int]]:
    return Counter(named(view)).most_common(limit)


# Lines the cleaner took out of the body because they are the article's own metadata.
METADATA_REASONS = frozenset({"headline", "byline", "dateline", "caption"})


def removed_summary(view: ArticleView, *, metadata: bool = False) -> str:
    """Counts of removed lines by reason: chrome, or (`metadata=True`) lines used as metadata."""
    reasons = Counter(
        r.reason for r in view.article.removed if (r.reason in METADATA_REASONS) == metadata
    )
    return ", ".join(f"{n} {reason}" for reason, n in reasons.most_common()) or "nothing"


def article_panel(view: ArticleView, *, full: bool) -> Panel:
    """One article: metadata, main entities, what was removed; the text itself when `full`."""
    a = view.article
    entities = ", ".join(f"{name} ({n})" for name, n in main_entities(view)) or "none"
    parts: list = [
        Text(a.headline or "(no headline)", style="bold"),
        Text(byline(view), style="dim"),
        Text(f"source: {a.source}" + (f" · {a.url}" if a.url else ""), style="dim"),
        Text(f"entities: {unsupported_language(a) or entities}"),
        Text(f"removed as boilerplate: {removed_summary(view)}"),
        Text(f"taken out as metadata: {removed_summary(view, metadata=True)}", style="dim"),
    ]
    if full:
        parts.append(Text(""))
        parts.extend(Text(p) for p in a.paragraphs)
        if a.captions:
            parts.append(Text("captions:", style="bold"))
            parts.extend(Text(f"  {c}", style="italic") for c in a.captions)
        if view.annotations.statements:
            parts.append(statements_table(view))
        if a.removed:
            removed = Table("line", "reason", "removed text", title="removed", title_justify="left")
            for r in a.removed:
                add_row(removed, "" if r.line is None else str(r.line), r.reason, r.text[:100])
            parts.append(removed)
    return Panel(Group(*parts), title=f"article {view.id}", title_align="left")


def statements_table(view: ArticleView) -> Table:
    table = Table(
        "#", "speaker", "kind", "cue", "content", "via", title="statements", title_justify="left"
    )
    for i, s in enumerate(view.annotations.statements):
        speaker = s.speaker_entity or s.speaker
        if s.anonymous_count:
            speaker += f" (x{s.anonymous_count})"
        add_row(
            table,
            str(i),
            speaker,
            s.speaker_kind.value,
            s.cue,
            s.content[:120],
            "" if s.via is None else str(s.via),
        )
    return table
