"""Does the cleaners' memory stay flat as a run grows? Retained memory against pages cleaned.

    python benchmarks/memory.py [--pages 1200] [--converter inscriptis] [--no-corpus]

Issue 3 asks for memory flat in the number of pages. A per-page peak (what
`extraction.py --mem-pages` reports) cannot show that: a leak or an unbounded cache
grows a little on every page and shows only over a long run. So this streams the
extraction pages (WCXB and L3S-GN1, repeated when --pages asks for more) through one
long run of each system and reads the memory Python still holds (`tracemalloc`, after a
full garbage collection) at checkpoints: 1/8, 1/4, 1/2 and all of the pages.

Systems, each in the same run and with the same pages:
- text: our text cleaner on each page's converted text, with corpus evidence on (the
  per-outlet line memory a real `clean` or `ingest` run keeps; `--no-corpus` leaves it
  out). Pages are converted before tracing starts, so only the cleaner is traced;
- html: our HTML path, corpus evidence likewise;
- trafilatura: `trafilatura.extract` alone, the baseline.

Printed per system: retained MB at each checkpoint, then the growth per 1,000 pages
over the second half of the run and the ratio of the last checkpoint to the half-way one
("x half": 1.0 is flat). One-time loads come early (stop lists, models, patterns; the
date parser's locales, loaded as pages in new languages appear), and our corpus memory
is bounded by design (`storytrace.clean.corpus`: lines per outlet, outlets, story
sketches) but fills up over a run's first pages; so the first half may grow, and the
second half is where flat is read.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

from benchmarks.datasets.extraction import READERS, GoldPage  # noqa: E402
from benchmarks.extraction import CONVERTERS, gold_page  # noqa: E402


def checkpoints(pages: int) -> list[int]:
    """Page counts at which retained memory is read: 1/8, 1/4, 1/2 and all of `pages`."""
    return sorted({max(1, pages // 8), max(1, pages // 4), max(1, pages // 2), pages})


def stream(pages: int) -> list[GoldPage]:
    """`pages` gold pages: both data sets interleaved, repeated from the start when short."""
    sets = [list(READERS[name]()) for name in ("wcxb", "l3s-gn1")]
    mixed = [p for pair in zip(*sets, strict=False) for p in pair]
    longest = max(sets, key=len)
    mixed += longest[min(len(s) for s in sets) :]
    return [mixed[i % len(mixed)] for i in range(pages)]


def retained_mb() -> float:
    """What Python still holds now, in MB, after a full collection."""
    gc.collect()
    return tracemalloc.get_traced_memory()[0] / 1e6


def measure(run: Callable[[int], None], pages: int) -> tuple[list[tuple[int, float]], float]:
    """Call `run(i)` for each page index; retained MB at each checkpoint, and wall seconds."""
    marks = checkpoints(pages)
    readings = []
    started = time.perf_counter()
    tracemalloc.start()
    try:
        for i in range(pages):
            with contextlib.suppress(Exception):  # NoArticle and the like: still a page seen
                run(i)
            if i + 1 in marks:
                readings.append((i + 1, retained_mb()))
    finally:
        tracemalloc.stop()
    return readings, time.perf_counter() - started


def cleaner(pages: list[GoldPage], texts: list[str] | None, corpus: bool) -> Callable[[int], None]:
    """Our `clean()` over page i (its converted text when `texts` is given, else its HTML)."""
    from storytrace.clean import clean
    from storytrace.clean.corpus import CorpusMemory
    from storytrace.model import Options

    memory = CorpusMemory() if corpus else None
    options = Options()
    media_type = "text/plain" if texts is not None else "text/html"

    def run(i: int) -> None:
        gold = pages[i]
        page = gold_page(gold, texts[i] if texts is not None else gold.html, media_type)
        art = clean(page, options)
        if memory is not None:
            memory.apply(art)

    return run


def trafilatura_run(pages: list[GoldPage]) -> Callable[[int], None]:
    """`trafilatura.extract` over page i: the baseline."""
    import trafilatura

    def run(i: int) -> None:
        trafilatura.extract(pages[i].html, url=pages[i].url)

    return run


def report(name: str, readings: list[tuple[int, float]], seconds: float) -> None:
    """One line per system: retained MB at each checkpoint, growth over the second half."""
    (n0, mb0), (n1, mb1) = readings[-2] if len(readings) > 1 else readings[0], readings[-1]
    per_k = (mb1 - mb0) / (n1 - n0) * 1000 if n1 > n0 else 0.0
    cells = "  ".join(f"{n}: {mb:6.1f}" for n, mb in readings)
    print(
        f"{name:<22} retained MB after pages  {cells}   second half: "
        f"{per_k:+.2f} MB/1000 pages, {mb1 / mb0 if mb0 else float('nan'):.2f} x half"
        f"   ({seconds:.0f} s)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1200, help="pages in each long run")
    ap.add_argument("--converter", default="inscriptis", choices=sorted(CONVERTERS))
    ap.add_argument("--no-corpus", action="store_true", help="leave out corpus evidence")
    args = ap.parse_args(argv)
    pages = stream(args.pages)
    texts = []
    for gold in pages:  # converted before tracing: the converter's memory is not ours
        try:
            texts.append(CONVERTERS[args.converter](gold.html))
        except Exception:  # a converter's failure: the cleaner gets an empty page
            texts.append("")
    corpus = not args.no_corpus
    print(f"{args.pages} pages (WCXB and L3S-GN1 interleaved), corpus evidence {corpus}")
    runs = {
        f"text[{args.converter}]": cleaner(pages, texts, corpus),
        "html": cleaner(pages, None, corpus),
        "trafilatura (baseline)": trafilatura_run(pages),
    }
    for name, run in runs.items():
        with contextlib.suppress(Exception):  # one-time loads before the first reading
            run(0)
        readings, seconds = measure(run, args.pages)
        report(name, readings, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
