"""Lay out a story's provenance tree for inline SVG: outlets left, primary sources right.

The layout is plain numbers (boxes and edges); the template draws them, so every
label goes through the template's escaping like any other text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from storytrace.model import ProvenanceNode

COLUMN = 230
ROW = 44
BOX_WIDTH = 200
BOX_HEIGHT = 30
MARGIN = 8
MAX_LABEL = 25
MAX_NODES = 300
"""A tree bigger than this is cut; the list view below the drawing still has it all."""


@dataclass(slots=True)
class Box:
    x: float
    y: float
    label: str
    title: str
    kind: str
    href: str | None = None


@dataclass(slots=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(slots=True)
class Drawing:
    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    truncated: bool = False


def layout(roots: Iterable[ProvenanceNode]) -> Drawing:
    """Boxes in columns by depth, leaves one row apart, parents centred on their children."""
    drawing = Drawing(0, 0)
    row = 0
    count = 0

    def place(node: ProvenanceNode, depth: int) -> float | None:
        nonlocal row, count
        if count >= MAX_NODES:
            drawing.truncated = True
            return None
        count += 1
        child_ys = [y for c in node.children if (y := place(c, depth + 1)) is not None]
        if child_ys:
            y = (child_ys[0] + child_ys[-1]) / 2
        else:
            y = MARGIN + row * ROW
            row += 1
        x = MARGIN + depth * COLUMN
        drawing.boxes.append(
            Box(x, y, _label(node), _title(node), _css_kind(node.kind), _href(node))
        )
        for cy in child_ys:
            drawing.edges.append(
                Edge(x + BOX_WIDTH, y + BOX_HEIGHT / 2, x + COLUMN, cy + BOX_HEIGHT / 2)
            )
        return y

    for root in roots:
        place(root, 0)
    if drawing.boxes:
        drawing.width = max(b.x for b in drawing.boxes) + BOX_WIDTH + MARGIN
        drawing.height = max(b.y for b in drawing.boxes) + BOX_HEIGHT + MARGIN
    return drawing


def _label(node: ProvenanceNode) -> str:
    name = node.name if len(node.name) <= MAX_LABEL else node.name[: MAX_LABEL - 1] + "…"
    return f"{name} ×{node.count}" if node.count and node.count > 1 else name


def _title(node: ProvenanceNode) -> str:
    count = f", {node.count}" if node.count else ""
    return f"{node.name} ({node.kind}{count})"


def _css_kind(kind: str) -> str:
    """A class name from a fixed set, whatever the node's kind string holds."""
    known = {"outlet", "upstream", "person", "organization", "media", "anonymous", "document"}
    return kind if kind in known else "unknown"


def _href(node: ProvenanceNode) -> str | None:
    for ref in node.refs:
        article = ref.get("article")
        if isinstance(article, int) and not isinstance(article, bool):
            statement = ref.get("statement")
            anchor = f"#statement-{statement}" if isinstance(statement, int) else ""
            return f"/articles/{article}{anchor}"
    return None
