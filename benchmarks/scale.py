"""Throughput of `ingest` in one process and in the `--workers` process pool.

    python benchmarks/scale.py [--pages 5000] [--workers 2] [--json out.json]

The example pages are repeated to --pages inputs, each made distinct by one
marker line (`benchmarks/throughput.py`'s `make_corpus`). Each configuration
runs in a fresh process into a fresh SQLite store, one after the other:

- single: `Options(workers=1)`, the model loaded before the clock starts; the
  time spent in each stage (record, clean, annotate, resolve+store, stories) is
  measured by wrapping the pipeline's functions, for the cost model in docs/scale.md;
- pool: `Options(workers=N)`; the clock includes starting the workers and
  loading the model in each (a fixed cost of a few seconds).

Printed: pages per second, speed-up and scaling efficiency (speed-up / N), peak
memory of the main process and of the largest worker, and the load average of
the machine before and after, since other work on the machine skews every figure.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import make_corpus  # noqa: E402


def _peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _timed(owner: object, name: str, totals: dict[str, float], stage: str) -> None:
    """Wrap `owner.name` so the seconds spent in it add up under `stage`."""
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            totals[stage] += time.perf_counter() - start

    setattr(owner, name, wrapper)


def run(folder: str, db: str, workers: int, queue: mp.Queue) -> None:
    from storytrace import pipeline
    from storytrace.api import Storytrace
    from storytrace.model import Options
    from storytrace.store import Store

    stages: dict[str, float] = defaultdict(float)
    if workers == 1:
        from storytrace.annotate.nlp import load

        load()  # a fixed cost; the pool pays its own inside the clock
        _timed(Store, "record_input", stages, "record")
        _timed(pipeline, "clean_page", stages, "clean")
        _timed(pipeline, "annotate_safely", stages, "annotate")
        _timed(Store, "save_article", stages, "store")
        _timed(pipeline.Pipeline, "_save_entities", stages, "store")
        _timed(pipeline.StoryKeeper, "place", stages, "stories")
        _timed(pipeline.StoryKeeper, "rebuild_stale", stages, "stories")
    with Storytrace(db, Options(workers=workers)) as corpus:
        start = time.perf_counter()
        report = corpus.ingest([folder])
        elapsed = time.perf_counter() - start
    from storytrace.scale.pool import stats

    queue.put(
        {
            "workers": workers,
            "pages": len(report.outcomes),
            "ok": report.count("ok"),
            "seconds": elapsed,
            "main_peak_mib": _peak_mib(),
            "worker_peak_mib": _peak_mib(resource.RUSAGE_CHILDREN) if workers > 1 else None,
            "stage_seconds": dict(stages),
            "reannotated_in_main": stats["reannotated"] if workers > 1 else 0,
        }
    )


def measure(folder: Path, db: Path, workers: int) -> dict:
    context = mp.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=run, args=(str(folder), str(db), workers, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=REPO / "examples" / "newsroom")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        make_corpus(args.corpus, args.pages, folder)
        single = measure(folder, Path(tmp) / "single.db", 1)
        pool = measure(folder, Path(tmp) / "pool.db", args.workers)
    load_after = os.getloadavg()

    for r in (single, pool):
        r["pages_per_second"] = r["pages"] / r["seconds"]
    speedup = pool["pages_per_second"] / single["pages_per_second"]
    efficiency = speedup / args.workers
    print(f"cores: {os.cpu_count()}, load average (1, 5, 15 min)")
    print(f"  before: {' '.join(f'{x:.2f}' for x in load_before)}")
    print(f"  after:  {' '.join(f'{x:.2f}' for x in load_after)}")
    print(
        f"{'run':<12}{'pages':>7}{'ok':>7}{'seconds':>10}{'pages/s':>10}{'main MiB':>10}"
        f"{'worker MiB':>12}"
    )
    for name, r in (("single", single), (f"pool x{args.workers}", pool)):
        worker = f"{r['worker_peak_mib']:.0f}" if r["worker_peak_mib"] else "-"
        print(
            f"{name:<12}{r['pages']:>7}{r['ok']:>7}{r['seconds']:>10.1f}"
            f"{r['pages_per_second']:>10.2f}{r['main_peak_mib']:>10.0f}{worker:>12}"
        )
    print(f"articles annotated again in the main process: {pool['reannotated_in_main']}")
    print(f"speed-up {speedup:.2f}x, scaling efficiency {efficiency:.0%} ({args.workers} workers)")
    ok = max(single["ok"], 1)
    print("single-process seconds per stored article, by stage:")
    for stage, seconds in sorted(single["stage_seconds"].items()):
        print(f"  {stage:<10}{seconds / ok * 1000:>8.2f} ms")
    if args.json:
        figures = {
            "single": single,
            "pool": pool,
            "speedup": speedup,
            "efficiency": efficiency,
            "load_before": load_before,
            "load_after": load_after,
        }
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
