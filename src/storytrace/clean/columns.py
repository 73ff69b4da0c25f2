"""Text laid out in columns, read one column at a time.

A converter that renders a page the way a browser lays it out (inscriptis, a text
browser's dump of a table layout) puts the sidebar beside the article: one line of the
text holds a sentence of the article, a wide run of spaces, and a link of the sidebar.
Read line by line, every article line then carries sidebar words, and every sidebar line
sits between two article paragraphs. This module finds such a layout by the wide gaps
inside its lines and gives its text back column by column, each line keeping its line
number in the page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

_WIDE_GAP = re.compile(r"   (?<=\S   ) *\S")
"""Where two columns meet: text, three or more spaces, text (a sentence has one space).
Written to open with its three spaces, which `re` finds by a fast substring search instead
of trying the pattern at every character of the page."""
_CELL = re.compile(r"\S\S*(?: {1,2}\S+)*")
"""A cell of a column: text whose words are at most two spaces apart. Written to open with
one non-space (not a repeat of them), which `re` scans for in C: a converter's layout is
mostly padding, where a pattern opening on a repeat is tried at every space."""
_TWO_CELLS = re.compile(r"\S(?!  ?\S)\s+\S")
"""A line of two or more cells: text, a gap that is not one or two spaces, text."""
MIN_SPLIT_LINES = 3
"""A column edge needs this many lines with text on both sides of it."""
EDGE_SPREAD = 40
"""Cells that start within this many characters of each other belong to one column
(inscriptis indents lists and nested tables inside a column)."""
PARAGRAPH_CHARS = 100
"""A cell this long is a paragraph ..."""
WRAPPED_CHARS = 40
WRAPPED_CELLS = 6
WRAPPED_RAGGED = 12
"""... and so are this many cells at least WRAPPED_CHARS long that end within
WRAPPED_RAGGED characters of their column's right edge (a paragraph wrapped in it)."""
MIN_WIDTH = 10
"""Column edges closer than this to the one before are one column's indents."""
GUTTER_CELLS = 8
"""A column edge is also where this many of a block's cells start at one character, when
it is a gutter (`_clear`: hardly a line runs text across it): a text browser sets a
table's columns at fixed characters, one space apart at the least, and a sidebar's first
character there, which cells between the columns (a date, "Print") may chain to the next
edge by EDGE_SPREAD."""
GUTTER_WIDTH = 40
"""... A column narrower than this is read beside its neighbour: its sentences wrap into
lines too short to read as prose (a text browser's 27-character news column)."""
GUTTER_CROSSING = 0.05
"""At most this share of the lines with text at a gutter's character may run across it."""
BOX_DRAWING = range(0x2500, 0x2580)
"""Box-drawing characters' code points: a text browser draws rules and table borders with
them."""

Row = tuple[int, str]
"""A page line: its 1-based number and its text."""


def column_lines(text: str, raw: list[str] | None = None) -> Iterable[Row]:
    """The page's lines, numbered; a page laid out in columns is read column by column.
    `raw`: `text.splitlines()`, when the caller has it."""
    if raw is None:
        raw = text.splitlines()
    if not _has_wide_gap(raw):
        return enumerate(raw, start=1)  # most pages: no line holds two columns
    rows = list(enumerate(raw, start=1))
    split = [i for i, line in enumerate(raw) if _two_cells(line)]
    if len(split) < MIN_SPLIT_LINES:
        return rows
    # Cells only where they are read: most lines of most pages are never split.
    cells = {i: _cells(raw[i]) for i in split}
    # One block from the first split line to the last: a sidebar beside the article's
    # first lines stands beside its last ones too, even where no line of it is split.
    first, last = split[0], split[-1]
    edges = _edges(cells, split)
    if not edges:
        return rows
    block = raw[first : last + 1]
    gutters = _gutters(cells, split, block, edges)
    edges = sorted({*edges, *gutters})
    # A line a gutter parts, over or under the block, is its too: one space apart, its
    # columns are one cell ("Ports and shipping The council of ...").
    while first > 0 and _parted(raw[first - 1], gutters):
        first -= 1
    while last + 1 < len(raw) and _parted(raw[last + 1], gutters):
        last += 1
    for i in range(first, last + 1):
        if i not in cells:
            cells[i] = _cells(raw[i])
    return [
        *rows[:first],
        *_by_column(cells, first, last, edges, gutters),
        *rows[last + 1 :],
    ]


def _has_wide_gap(raw: list[str]) -> bool:
    """Whether `_WIDE_GAP` finds a gap in a page's lines (no gap runs over a line's end):
    looked for only in lines whose text holds three spaces, as a pattern tried at every run
    of three spaces costs the most on pages padded with spaces but laid out in one column."""
    return any(
        _WIDE_GAP.search(core)
        for line in raw
        if "   " in line and "   " in (core := line.strip())  # most lines: no strip
    )


def _two_cells(line: str) -> bool:
    """Whether `_TWO_CELLS` finds two cells in a line; by substring tests in C for lines
    whose gaps are spaces only (most), as the pattern, tried at each character of a padded
    line, cost a tenth of the cleaner's time on such pages."""
    core = line.strip()  # a gap lies between two cells: the line's own padding is none
    if "   " in core:
        return True
    if core.isprintable():
        # No whitespace but spaces (every other blank, ASCII or not, is unprintable): every
        # gap is one or two spaces. A scan in C, where splitting a line with a curly quote
        # to count its blanks cost a text browser's dump 1% of the cleaner's time.
        return False
    if core.count(" ") == len(core) - len("".join(core.split())):
        return False  # every gap is one or two spaces
    return _TWO_CELLS.search(core) is not None


def _cells(line: str) -> list[tuple[int, str]]:
    """The cells of a line, each with the column it starts at."""
    return [(m.start(), m.group()) for m in _CELL.finditer(line)]


def _edges(cells: dict[int, list[tuple[int, str]]], split: list[int]) -> list[int]:
    """Where the block's layout columns start: left edges that enough split lines share.

    Cells a few characters apart are one column (single linkage). Only a block where a
    paragraph stands beside another column is a page layout; a data table is read by rows.
    """
    if not _beside_prose(cells, split):
        return []
    starts = sorted(start for i in split for start, _ in cells[i][1:])
    edges: list[int] = []
    group: list[int] = []
    for start in [*starts, None]:
        if start is not None and group and start - group[-1] <= EDGE_SPREAD:
            group.append(start)
            continue
        if len(group) >= MIN_SPLIT_LINES and group[0] - (edges[-1] if edges else 0) >= MIN_WIDTH:
            edges.append(group[0])
        group = [start] if start is not None else []
    return edges


def _beside_prose(cells: dict[int, list[tuple[int, str]]], split: list[int]) -> bool:
    """Whether a paragraph stands in one of the block's columns: one long cell (inscriptis
    keeps a paragraph on one line), or enough cells of a wrapped one (a text browser wraps
    each column to its width): cells of 40 characters or more that start at one column and
    end near one right edge, as a data table's cells of different lengths do not. The edge is
    where most of them end, not the furthest end: a word of the next column one space after
    a line of the paragraph runs into its cell."""
    ends_by_start: dict[int, list[int]] = {}
    for i in split:
        for at, text in cells[i]:
            if len(text) >= PARAGRAPH_CHARS:
                return True
            if len(text) >= WRAPPED_CHARS:
                ends_by_start.setdefault(at, []).append(at + len(text))
    for ends in ends_by_start.values():
        ends.sort()
        n = WRAPPED_CELLS - 1
        if any(ends[k + n] - ends[k] <= WRAPPED_RAGGED for k in range(len(ends) - n)):
            return True
    return False


def _gutters(
    cells: dict[int, list[tuple[int, str]]], split: list[int], block: list[str], edges: list[int]
) -> set[int]:
    """The block's edges that are gutters (`_clear`: hardly a line runs text across them,
    however narrow), and the characters where GUTTER_CELLS cells start that are gutters
    too, at least GUTTER_WIDTH right of the edge before them."""
    counts = Counter(at for i in split for at, _ in cells[i][1:])
    starts = [at for at, n in counts.items() if n >= GUTTER_CELLS and at not in edges]
    found = {at for at in [*edges, *starts] if _clear(block, at)}
    kept = {at for at in found if at in edges}
    for at in sorted(found - kept):
        before = max(edge for edge in [0, *edges, *kept] if edge < at)
        if at - before >= GUTTER_WIDTH and all(abs(at - e) >= MIN_WIDTH for e in edges):
            kept.add(at)
    return kept


def _clear(block: list[str], at: int) -> bool:
    """Whether hardly a line of the block has text on both sides of character `at`: a rule
    drawn across the columns (box-drawing characters) is no text, and a few lines may run
    across (the page's header, a banner over the columns)."""
    reaching = crossing = 0
    for line in block:
        if len(line) > at and line[at] != " ":
            reaching += 1
            before = line[at - 1]
            if before != " " and not (ord(before) in BOX_DRAWING and ord(line[at]) in BOX_DRAWING):
                crossing += 1
    return crossing <= GUTTER_CROSSING * reaching


def _parted(line: str, gutters: set[int]) -> bool:
    """Whether a line has text on both sides of a gutter, one space or more apart."""
    return any(
        len(line) > at and line[at] != " " and line[at - 1] == " " and line[:at].strip()
        for at in gutters
    )


def _split_at_edges(
    cells: list[tuple[int, str]], edges: list[int], gutters: set[int]
) -> list[tuple[int, str]]:
    """A line's cells, each cut where a word after a gap of two spaces starts right at a
    column's edge: a menu item of the left column that the next column's text follows at
    two spaces ("* Rugby League  The manager said ..."), one cell by `_CELL`; at a gutter
    (`_gutters`), after one space."""
    out: list[tuple[int, str]] = []
    for at, text in cells:
        if "  " in text or (gutters and " " in text):  # most cells: nothing to cut
            for edge in edges:
                cut = edge - at
                gap = " " if edge in gutters else "  "
                if (
                    len(gap) < cut < len(text)
                    and text[cut - len(gap) : cut] == gap
                    and text[cut] != " "
                ):
                    out.append((at, text[:cut].rstrip()))
                    at, text = edge, text[cut:]
        out.append((at, text))
    return out


def _by_column(
    cells: dict[int, list[tuple[int, str]]],
    first: int,
    last: int,
    edges: list[int],
    gutters: set[int],
) -> Iterator[Row]:
    """The block's cells, column after column; a line where a column is empty is blank."""
    for i in range(first, last + 1):
        cells[i] = _split_at_edges(cells[i], edges, gutters)
    bounds = [0, *edges]
    for k, left in enumerate(bounds):
        right = bounds[k + 1] if k + 1 < len(bounds) else None
        for i in range(first, last + 1):
            here = [t for at, t in cells[i] if at >= left and (right is None or at < right)]
            yield i + 1, " ".join(here)
