"""Throughput of `ingest` in one process, in the `--workers` process pool, and on Ray.

    python benchmarks/scale.py [--pages 5000] [--workers 2] [--json out.json]
                               [--engines single,pool,ray]

The example pages are repeated to --pages inputs, each made distinct by one
marker line (`benchmarks/throughput.py`'s `make_corpus`). Each configuration
runs in a fresh process into a fresh SQLite store, one after the other:

- single: `Options(workers=1)`, the model loaded before the clock starts; the
  time spent in each stage (record, clean, annotate, resolve+store, stories) is
  measured by wrapping the pipeline's functions, for the cost model in docs/scale.md;
- pool: `Options(workers=N)`; the clock includes starting the workers and
  loading the model in each (a fixed cost of a few seconds);
- ray: `Options(workers=N, engine="ray")` on a local Ray started before the clock
  (its start-up is printed apart); the clock includes starting the actors and
  loading the model in each, once per window (16,384 inputs with the defaults).
  The driver's stages (sending batches, taking results: waits included, decoding
  results, saving, the
  snapshot for the actors, features, stories) are timed the same way, and the CPU
  time of every process of the Ray session is summed by role (map actors, raylet,
  gcs_server, other workers and agents).

Printed: pages per second, speed-up and scaling efficiency (speed-up / N) against
single, peak memory of the main process and of the largest worker, and the load
average of the machine before and after, since other work on the machine skews
every figure.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import make_corpus  # noqa: E402

ENGINES = ("single", "pool", "ray")


def _peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _timed(owner: object, name: str, totals: dict[str, float], stage: str) -> None:
    """Wrap `owner.name` so the wall-clock and CPU seconds spent in it add up under `stage`.

    CPU time (`totals["cpu: " + stage]`) is the figure that holds on a loaded machine.
    """
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            totals[stage] += time.perf_counter() - start
            totals["cpu: " + stage] += time.process_time() - cpu

    setattr(owner, name, wrapper)


class RayProcesses(threading.Thread):
    """Samples the CPU seconds of every Ray process by role, and the actors' peak memory.

    Ray's workers are not this process's children but the raylet's, and outlive no
    wait() here, so `RUSAGE_CHILDREN` cannot see them. Every descendant of this
    process is read from /proc twice a second: its CPU time since the clock
    started (a process that ends between two samples loses at most half a second)
    and, for the map actors, their peak resident memory (VmHWM).
    """

    ROLES = (
        ("MapWorker", "map actors"),
        ("gcs_server", "gcs_server"),
        ("raylet", "raylet"),
    )

    @staticmethod
    def role(cmdline: bytes, comm: str) -> str:
        """What a Ray process is: a map actor, a daemon, or another worker by its title."""
        cmdline = cmdline or comm.encode()  # an exiting process has no command line left
        for key, role in RayProcesses.ROLES:
            if key.encode() in cmdline:
                return role
        if cmdline.startswith(b"ray::"):
            return cmdline.split(b"\0")[0].split(b"(")[0].decode(errors="replace")
        words = [w for w in cmdline.split(b"\0") if w.endswith(b".py")]
        return Path(words[0].decode(errors="replace")).name if words else comm

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.base: dict[int, float] = {}
        """pid -> CPU seconds when the clock started (daemons started before it)."""
        self.cpu: dict[int, tuple[str, float]] = {}
        """pid -> (role, CPU seconds last seen)."""
        self.stop = threading.Event()
        self._tick = os.sysconf("SC_CLK_TCK")
        self.sample()
        self.base = {pid: cpu for pid, (_, cpu) in self.cpu.items()}

    def sample(self) -> None:
        stats: dict[int, list[str]] = {}
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit():
                try:
                    stats[int(proc.name)] = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
        # Ray started here: its daemons are this process's children, its workers theirs.
        family, todo = set(), [os.getpid()]
        children: dict[int, list[int]] = defaultdict(list)
        for pid, fields in stats.items():
            children[int(fields[1])].append(pid)
        while todo:
            for child in children[todo.pop()]:
                family.add(child)
                todo.append(child)
        for pid in family:
            proc = Path("/proc") / str(pid)
            try:
                cmdline = (proc / "cmdline").read_bytes()
                role = self.role(cmdline, (proc / "comm").read_text().strip())
                if role == "map actors":
                    for line in (proc / "status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            self.peak = max(self.peak, int(line.split()[1]) / 1024)
            except OSError:
                continue
            fields = stats[pid]
            self.cpu[pid] = (role, (int(fields[11]) + int(fields[12])) / self._tick)

    def run(self) -> None:
        while not self.stop.wait(0.5):
            self.sample()

    def by_role(self) -> dict[str, float]:
        """CPU seconds since the clock started, summed by role."""
        roles: dict[str, float] = defaultdict(float)
        for pid, (role, cpu) in self.cpu.items():
            roles[role] += cpu - self.base.get(pid, 0.0)
        return dict(roles)


def run(folder: str, db: str, engine: str, workers: int, queue: mp.Queue) -> None:
    from storytrace import pipeline
    from storytrace.api import Storytrace
    from storytrace.model import Options
    from storytrace.scale import driver, features, raydata
    from storytrace.store import Store

    stages: dict[str, float] = defaultdict(float)
    options = Options(workers=1 if engine == "single" else workers)
    startup = 0.0
    peaks = None
    if engine == "single":
        from storytrace.annotate.nlp import load

        load()  # a fixed cost; the pool pays its own inside the clock
        _timed(Store, "record_input", stages, "record")
        _timed(pipeline, "clean_page", stages, "clean")
        _timed(pipeline, "annotate_safely", stages, "annotate")
        _timed(Store, "save_article", stages, "store")
        _timed(pipeline.Pipeline, "_save_entities", stages, "store")
        _timed(pipeline.StoryKeeper, "place", stages, "stories")
        _timed(pipeline.StoryKeeper, "rebuild_stale", stages, "stories")
    if engine == "ray":
        import ray

        options = Options(workers=workers, engine="ray", parquet_dir=f"{db}.parquet")
        start = time.perf_counter()
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        startup = time.perf_counter() - start
        _timed(raydata.Job, "put", stages, "batches sent")
        _timed(raydata.Stream, "_take", stages, "results taken (waits and all that follows)")
        _timed(features, "rows", stages, "results decoded")
        _timed(driver.InOrder, "flush", stages, "annotate again + resolve + store")
        _timed(pipeline.Pipeline, "save_batch", stages, "resolve + store")
        _timed(raydata.Publisher, "publish", stages, "snapshot published")
        _timed(features, "feature_table", stages, "feature table")
        _timed(features, "write", stages, "feature table")
        _timed(pipeline.StoryKeeper, "place_items", stages, "stories: place")
        _timed(pipeline.StoryKeeper, "rebuild_stale", stages, "stories: rebuild")
    with Storytrace(db, options) as corpus:
        if engine == "ray":
            peaks = RayProcesses()
            peaks.start()
        start, cpu = time.perf_counter(), _cpu()
        report = corpus.ingest([folder])
        elapsed, main_cpu = time.perf_counter() - start, _cpu() - cpu
    worker_peak = worker_cpu = None
    ray_cpu: dict[str, float] = {}
    if engine == "pool":
        worker_peak, worker_cpu = (
            _peak_mib(resource.RUSAGE_CHILDREN),
            _cpu(resource.RUSAGE_CHILDREN),
        )
    elif peaks is not None:
        peaks.stop.set()
        peaks.join()
        peaks.sample()
        ray_cpu = peaks.by_role()
        worker_peak, worker_cpu = peaks.peak, ray_cpu.get("map actors", 0.0)
        import ray

        ray.shutdown()
    queue.put(
        {
            "engine": engine,
            "workers": options.workers,
            "pages": len(report.outcomes),
            "ok": report.count("ok"),
            "seconds": elapsed,
            "main_cpu_seconds": main_cpu,
            "worker_cpu_seconds": worker_cpu,
            "ray_cpu_seconds": ray_cpu,
            "startup_seconds": startup,
            "main_peak_mib": _peak_mib(),
            "worker_peak_mib": worker_peak,
            "stage_seconds": dict(stages),
            "reannotated_in_main": driver.stats["reannotated"] if engine != "single" else 0,
        }
    )


def measure(folder: Path, db: Path, engine: str, workers: int) -> dict:
    context = mp.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=run, args=(str(folder), str(db), engine, workers, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engines", default=",".join(ENGINES), help="any of single,pool,ray")
    parser.add_argument("--corpus", type=Path, default=REPO / "examples" / "newsroom")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    engines = [e for e in args.engines.split(",") if e]
    if "single" not in engines or not set(engines) <= set(ENGINES):
        parser.error(f"--engines: single (the baseline) and any of {', '.join(ENGINES[1:])}")

    load_before = os.getloadavg()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        make_corpus(args.corpus, args.pages, folder)
        for engine in engines:
            results[engine] = measure(folder, Path(tmp) / f"{engine}.db", engine, args.workers)
            print(f"{engine}: {results[engine]['seconds']:.1f} s", file=sys.stderr, flush=True)
    load_after = os.getloadavg()

    base = results["single"]["pages"] / results["single"]["seconds"]
    for r in results.values():
        r["pages_per_second"] = r["pages"] / r["seconds"]
        r["speedup"] = r["pages_per_second"] / base
        r["efficiency"] = r["speedup"] / r["workers"]
    print(f"cores: {os.cpu_count()}, load average (1, 5, 15 min)")
    print(f"  before: {' '.join(f'{x:.2f}' for x in load_before)}")
    print(f"  after:  {' '.join(f'{x:.2f}' for x in load_after)}")
    print(
        f"{'run':<10}{'pages':>7}{'ok':>6}{'seconds':>9}{'pages/s':>9}{'speed-up':>10}"
        f"{'effic.':>8}{'main MiB':>10}{'worker MiB':>12}{'again':>7}"
    )
    for name, r in results.items():
        worker = f"{r['worker_peak_mib']:.0f}" if r["worker_peak_mib"] else "-"
        print(
            f"{name:<10}{r['pages']:>7}{r['ok']:>6}{r['seconds']:>9.1f}"
            f"{r['pages_per_second']:>9.2f}{r['speedup']:>9.2f}x{r['efficiency']:>8.0%}"
            f"{r['main_peak_mib']:>10.0f}{worker:>12}{r['reannotated_in_main']:>7}"
        )
    print("again: articles annotated again in the main process (names learnt meanwhile)")
    if "ray" in results:
        print(f"ray start-up (outside the clock): {results['ray']['startup_seconds']:.1f} s")
    print("CPU seconds per stored article (holds better than wall-clock time on a loaded machine):")
    for name, r in results.items():
        ok = max(r["ok"], 1)
        workers = r["worker_cpu_seconds"]
        print(
            f"  {name:<8} main {r['main_cpu_seconds'] / ok * 1000:8.1f} ms"
            + (f"   workers {workers / ok * 1000:8.1f} ms" if workers is not None else "")
        )
    if "ray" in results:
        ok = max(results["ray"]["ok"], 1)
        print("ray: CPU per stored article by process role (every process of the Ray session):")
        for role, seconds in sorted(results["ray"]["ray_cpu_seconds"].items()):
            print(f"  {role:<38}{seconds / ok * 1000:>9.1f} ms")
    for name, r in results.items():
        if name == "pool":
            continue
        ok = max(r["ok"], 1)
        print(f"{name}: per stored article, by stage (main process): wall-clock, CPU")
        stages = r["stage_seconds"]
        for stage in sorted(k for k in stages if not k.startswith("cpu: ")):
            wall, cpu = stages[stage] / ok * 1000, stages["cpu: " + stage] / ok * 1000
            print(f"  {stage:<38}{wall:>9.2f} ms{cpu:>9.2f} ms")
    if args.json:
        figures = {**results, "load_before": load_before, "load_after": load_after}
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
