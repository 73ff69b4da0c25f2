"""How often a converter's text holds the gold headline at all: the text-mode ceiling.

    python benchmarks/headline_ceiling.py [--dataset l3s-gn1|wcxb] [--text-cache DIR]
        [--misses PATH]

Each page with a gold headline is turned into text by every converter of the extraction
benchmark (`benchmarks/extraction.py`), and the headline is looked for in it, compared as
the benchmark compares headlines (case, whitespace, quote and dash styles ignored; L3S-GN1's
gold read as Latin-1). A page counts in the first of these that holds:

- line: a line is the headline, once Markdown decoration around it is set aside
  ("# Headline", "**Headline**", "| Headline |");
- in line: a line holds it between word boundaries, with other text beside it (a column
  layout's menu cell, a date, the first paragraph run into it);
- over lines: the text holds it once its lines are joined with spaces (a headline wrapped
  over two lines);
- absent: none of these (the converter lost it, or a column layout cut it into cells).

The share of pages in the first three is the most a cleaner that picks the headline out of
the text could reach; "line" alone is the most a cleaner reaching it by whole lines could.
Figures per converter for the whole set and its tune and check halves.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import extraction
from benchmarks.datasets.extraction import READERS, GoldPage
from benchmarks.extraction import kinds_by_converter, norm_headline

KINDS = ("line", "in line", "over lines", "absent")
_DECORATION = " \t#*_|>"


def _bare(text: str) -> str:
    return text.strip(_DECORATION)


def where(text: str, headline: str, latin1_only: bool) -> str:
    """Where `headline` is in `text`: one of `KINDS`."""
    gold = _bare(norm_headline(headline, latin1_only))
    if not gold:
        return "absent"
    lines = [norm_headline(line, latin1_only) for line in text.splitlines()]
    if any(_bare(line) == gold for line in lines):
        return "line"
    inside = re.compile(r"(?<!\w)" + re.escape(gold) + r"(?!\w)")
    if any(inside.search(line) for line in lines):
        return "in line"
    if inside.search(" ".join(line.strip(_DECORATION) for line in lines if line)):
        return "over lines"
    return "absent"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", choices=list(READERS), default="l3s-gn1")
    ap.add_argument("--text-cache", type=Path, default=None, help="as extraction.py's")
    ap.add_argument("--misses", type=Path, default=None, help="write absent page ids here")
    args = ap.parse_args(argv)
    extraction.TEXT_CACHE["dir"] = args.text_cache
    absent = []

    def kind_of(name: str, gold: GoldPage, text: str) -> str:
        kind = where(text, gold.title or "", gold.latin1_only)
        if kind == "absent":
            absent.append(f"{name}\t{gold.id}\t{gold.title}")
        return kind

    pages = (gold for gold in READERS[args.dataset]() if gold.title)
    counts = kinds_by_converter(pages, kind_of)
    print(f"{args.dataset}: gold headline in the converted text (cumulative share of pages)")
    print(f"{'converter':<11} {'half':<6} {'pages':>5}  " + "  ".join(f"{k:>10}" for k in KINDS))
    for (name, half), c in counts.items():
        n = sum(c.values())
        cum, cells = 0, []
        for k in KINDS[:-1]:
            cum += c[k]
            cells.append(f"{cum / n:>10.3f}")
        cells.append(f"{c['absent']:>10d}")
        print(f"{name:<11} {half:<6} {n:>5}  " + "  ".join(cells))
    print("columns: line = on a line of its own; in line = that or inside a line; over lines")
    print("= any of the three (the ceiling); absent = pages where it is in none")
    if args.misses:
        args.misses.write_text("\n".join(absent) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
