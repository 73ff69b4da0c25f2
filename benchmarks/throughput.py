"""Throughput of `clean` and of the full `analyze`, against spaCy's own `nlp.pipe`.

    python benchmarks/throughput.py [--pages 2000] [--corpus examples/newsroom]

The example pages are repeated to --pages inputs, each copy made distinct by one
extra chrome line (so the store's de-duplication does not turn the run into a
no-op). Three measurements run in one process each, so each peak memory figure
is its own:

- clean: ingest + clean, no store, no model;
- analyze: the whole pipeline into a fresh SQLite store;
- spacy: `nlp.pipe` alone over the cleaned bodies: the floor our overhead is
  measured against (the ratio printed is analyze time / spaCy time).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def make_corpus(source: Path, pages: int, out: Path) -> list[Path]:
    """Write `pages` distinct copies of the corpus's inputs (JSONL records count as one each)."""
    originals = sorted(
        p for p in source.rglob("*") if p.is_file() and p.suffix in {".txt", ".html"}
    )
    if not originals:
        sys.exit(f"no .txt or .html pages under {source}")
    written = []
    for i in range(pages):
        original = originals[i % len(originals)]
        data = original.read_bytes()
        marker = f"\nPage view {i}\n" if original.suffix == ".txt" else f"\n<!-- view {i} -->\n"
        target = out / f"{i:06d}{original.suffix}"
        target.write_bytes(data + marker.encode())
        written.append(target)
    return written


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_clean(folder: str, queue: mp.Queue) -> None:
    from storytrace.api import clean

    start = time.perf_counter()
    records = [r["status"] for r in clean([folder])]
    elapsed = time.perf_counter() - start
    queue.put(
        {
            "pages": len(records),
            "ok": records.count("ok"),
            "seconds": elapsed,
            "peak_mib": _peak_mib(),
        }
    )


def run_analyze(folder: str, db: str, queue: mp.Queue) -> None:
    from storytrace.annotate.nlp import load
    from storytrace.api import Storytrace

    load()  # the model load is a fixed cost; measure the per-page work
    with Storytrace(db) as corpus:
        start = time.perf_counter()
        report = corpus.ingest([folder])
        elapsed = time.perf_counter() - start
    queue.put(
        {
            "pages": len(report.outcomes),
            "ok": report.count("ok"),
            "seconds": elapsed,
            "peak_mib": _peak_mib(),
        }
    )


def run_spacy(folder: str, queue: mp.Queue) -> None:
    from storytrace.annotate.nlp import load
    from storytrace.api import clean
    from storytrace.model import Options

    bodies = [r["body"] for r in clean([folder]) if r["status"] == "ok"]
    nlp = load()
    start = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=Options().batch_size):
        pass
    elapsed = time.perf_counter() - start
    queue.put({"pages": len(bodies), "seconds": elapsed, "peak_mib": _peak_mib()})


def measure(target, *args) -> dict:
    queue: mp.Queue = mp.get_context("spawn").Queue()
    process = mp.get_context("spawn").Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--corpus", type=Path, default=REPO / "examples" / "newsroom")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        make_corpus(args.corpus, args.pages, folder)
        results = {
            "clean": measure(run_clean, str(folder)),
            "analyze": measure(run_analyze, str(folder), str(Path(tmp) / "bench.db")),
            "spacy": measure(run_spacy, str(folder)),
        }
    for r in results.values():
        r["pages_per_second"] = r["pages"] / r["seconds"]
    ratio = results["analyze"]["seconds"] / results["spacy"]["seconds"]
    print(f"{'stage':<10}{'pages':>8}{'seconds':>10}{'pages/s':>10}{'peak MiB':>10}")
    for name, r in results.items():
        print(
            f"{name:<10}{r['pages']:>8}{r['seconds']:>10.2f}{r['pages_per_second']:>10.1f}"
            f"{r['peak_mib']:>10.0f}"
        )
    print(
        f"analyze / spaCy nlp.pipe time: {ratio:.2f}x"
        " (baseline: spaCy alone, same bodies, same run)"
    )
    if args.json:
        args.json.write_text(json.dumps({**results, "analyze_over_spacy": ratio}, indent=2))


if __name__ == "__main__":
    main()
