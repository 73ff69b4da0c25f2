"""Fetch throughput: 8 connections at once against one at a time, on a local server, same run.

The server listens on 127.0.0.1 only and waits a fixed time before each
response to stand for the network, so the figures measure how well the fetcher
overlaps waiting, not the loopback device. It runs at two waits by default:
100 ms, about what a news site takes to answer over the internet (the figure the
target is judged on), and 20 ms, where 2 shared cores (client and server in
Python) rather than waiting become the limit, which says how much CPU a fetch
costs. Each mode fetches the same pages into a fresh store (the fetch log would
otherwise skip them): request, size cap, fetch log, raw page stored. Cleaning
and annotation are not part of it.

    python benchmarks/fetch.py [--pages 300] [--delay-ms 100,20] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from storytrace.collect import FetchOptions, collect
from storytrace.store import Store

PARAGRAPH = (
    "<p>The harbour authority of Velmora approved night shifts at its container terminal on"
    " Monday, ending a month of delays for shipping agents, a spokesperson said.</p>\n"
)


def page(number: int) -> bytes:
    return (
        f"<!doctype html><html><head><title>Story {number}</title></head><body><article>"
        f"<h1>Story {number}</h1>{PARAGRAPH * 12}</article></body></html>"
    ).encode()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # 8 connections arriving at once must not overflow the backlog


def serve(delay: float, ports: multiprocessing.Queue) -> None:
    """Run the server until killed (in its own process, so it does not share our GIL)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
        # Headers and body go out in two writes; without this, Nagle and delayed ACKs
        # add 40 ms to every response on a kept-alive connection.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
            else:
                time.sleep(delay)
                body, kind = page(int(self.path.rsplit("/", 1)[1])), "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = Server(("127.0.0.1", 0), Handler)
    ports.put(server.server_address[1])
    server.serve_forever(0.05)


def start(delay: float) -> tuple[multiprocessing.Process, str]:
    """The server in a child process, and its base URL."""
    ports: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=serve, args=(delay, ports), daemon=True)
    process.start()
    return process, f"http://127.0.0.1:{ports.get(timeout=30)}"


def run(base: str, pages: int, concurrency: int, folder: Path, name: str) -> tuple[float, float]:
    """Wall and CPU seconds to fetch `pages` pages with `concurrency` connections, fresh store."""
    options = FetchOptions(
        allow_private=True, rate=0, concurrency=concurrency, per_host=concurrency, timeout=30
    )
    urls = [f"{base}/news/{i}" for i in range(pages)]
    with Store(folder / f"{name}.db") as store:
        cpu, started = time.process_time(), time.perf_counter()
        result = collect(store, urls, options)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    fetched = result.count("fetched")
    if fetched != pages:
        raise SystemExit(f"{name}: only {fetched} of {pages} pages fetched: {result.failed[:3]}")
    return elapsed, cpu


def run_httpx(base: str, pages: int, concurrency: int) -> tuple[float, float]:
    """The same pages with httpx alone (no store, no politeness): the ceiling on this machine."""

    async def fetch_all() -> None:
        limits = httpx.Limits(max_connections=concurrency)
        async with httpx.AsyncClient(limits=limits, trust_env=False) as client:
            slots = asyncio.Semaphore(concurrency)

            async def one(i: int) -> None:
                async with slots:
                    (await client.get(f"{base}/news/{i}")).raise_for_status()

            await asyncio.gather(*(one(i) for i in range(pages)))

    cpu, started = time.process_time(), time.perf_counter()
    asyncio.run(fetch_all())
    return time.perf_counter() - started, time.process_time() - cpu


def measure(delay_ms: float, n: int, concurrency: int) -> None:
    """Print the four runs at one server wait, and the speed-up."""
    server, base = start(delay_ms / 1000)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            sequential = run(base, n, 1, folder, "sequential")
            concurrent = run(base, n, concurrency, folder, "concurrent")
            ceiling = run_httpx(base, n, concurrency)
            ceiling_sequential = run_httpx(base, n, 1)
    finally:
        server.terminate()
        server.join()

    def line(label: str, figures: tuple[float, float]) -> str:
        wall, cpu = figures
        return (
            f"{label:<34} {wall:6.2f} s  {n / wall:7.1f} pages/s"
            f"  {1000 * cpu / n:5.2f} ms CPU/page (client)"
        )

    print(f"pages: {n}, delay per response: {delay_ms:g} ms (server in a child process)")
    print(line("storytrace, 1 connection", sequential))
    print(line(f"storytrace, {concurrency} connections", concurrent))
    print(line("httpx alone, 1 connection", ceiling_sequential))
    print(line(f"httpx alone, {concurrency} connections", ceiling))
    print(
        f"speed-up of {concurrency} connections over 1: storytrace"
        f" {sequential[0] / concurrent[0]:.1f}x (target: at least 5x),"
        f" httpx alone {ceiling_sequential[0] / ceiling[0]:.1f}x on this machine now;"
        f" storytrace at {ceiling[0] / concurrent[0]:.0%} of httpx alone's throughput\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument(
        "--delay-ms", default="100,20", help="server waits before each response, comma-separated"
    )
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    for delay in args.delay_ms.split(","):
        measure(float(delay), args.pages, args.concurrency)


if __name__ == "__main__":
    main()
