"""The outlet a text page names itself, without its address, against the site's own name.

    python benchmarks/outlets.py [--dataset wcxb|l3s-gn1] [--text-cache DIR] [--wrong PATH]

A text pasted or saved from a browser usually comes without its address: its outlet is
then read from the page's own signature lines (a copyright notice, a desk that signs, a
known outlet named in a call to action). Each page whose HTML declares its site's name
(Open Graph's `og:site_name`) is turned into text by every converter of the extraction
benchmark (`benchmarks/extraction.py`) and cleaned with no address. A page counts as:

- right: the outlet and the site's name are one name, or one holds the other, as the
  headline matcher keys a site's name (case, spaces and punctuation aside, a leading
  "the" dropped): "The Nutrition Source" for "The Nutrition Source - Harvard Chan School";
- other: another name, most often the company that holds the copyright ("Hearst
  Magazines" for Prevention, "Valnet" for XDA), which is the publisher, not the brand; but
  also a name that is no outlet at all, which is what this count is for;
- none: no outlet (nothing on the page signs it);
- error: the converter or the cleaner failed.

L3S-GN1's pages (2008) declare no site name: the measure needs WCXB.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import extraction
from benchmarks.datasets.extraction import READERS, GoldPage
from benchmarks.extraction import kinds_by_converter
from storytrace.clean import clean
from storytrace.clean.text_headline import site_key
from storytrace.model import Options, Page

KINDS = ("right", "other", "none", "error")


def site_name(html: str) -> str:
    """The site's name its markup declares for sharing, "" when none."""
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    return " ".join(tree.xpath("string(//meta[@property='og:site_name']/@content)").split())


def judge(outlet: str | None, site: str) -> str:
    """The kind of an outlet against the site's declared name: right, other or none."""
    if not outlet:
        return "none"
    got, want = site_key(outlet), site_key(site)
    return "right" if got and want and (got in want or want in got) else "other"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", choices=list(READERS), default="wcxb")
    ap.add_argument("--text-cache", type=Path, default=None, help="as extraction.py's")
    ap.add_argument("--wrong", type=Path, default=None, help="write the 'other' pages here")
    args = ap.parse_args(argv)
    extraction.TEXT_CACHE["dir"] = args.text_cache
    sites: dict[str, str] = {}
    others = []

    def kind_of(name: str, gold: GoldPage, text: str) -> str:
        try:
            page = Page.from_bytes(gold.id, text.encode(), "text/plain", text=text)
            outlet = clean(page, Options()).outlet
        except Exception:  # a lost page names no outlet
            return "error"
        kind = judge(outlet, sites[gold.id])
        if kind == "other":
            others.append(f"{name}\t{gold.id}\t{sites[gold.id]}\t{outlet}")
        return kind

    def declared(gold: GoldPage) -> bool:
        sites[gold.id] = site_name(gold.html)
        return bool(sites[gold.id])

    counts = kinds_by_converter(filter(declared, READERS[args.dataset]()), kind_of)
    if not counts:
        print(f"{args.dataset}: no page declares its site's name")
        return 0
    print(f"{args.dataset}: outlet of the text page without its address, against og:site_name")
    print(f"{'converter':<11} {'half':<6} {'pages':>5}  " + "  ".join(f"{k:>6}" for k in KINDS))
    for (name, half), c in counts.items():
        n = sum(c.values())
        cells = "  ".join(f"{c[k] / n:>6.3f}" for k in KINDS)
        print(f"{name:<11} {half:<6} {n:>5}  {cells}")
    if args.wrong:
        args.wrong.write_text("\n".join(others) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
