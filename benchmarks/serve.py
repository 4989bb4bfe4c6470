"""Load benchmark of ``kg serve``: a bounded number of queries from concurrent clients on loopback.

Starts ``kg serve SOURCE`` in its own process on a free loopback port, sends ``--queries`` queries
(the ``.rq`` files in ``benchmarks/queries/``, in turn, alternating GET and POST and asking for JSON,
XML, CSV and TSV) from ``--clients`` threads with keep-alive connections, stops the server, and prints
throughput and latency percentiles as JSON (also written to ``--output``). Bounded in count and in time
(``--time-limit``): it always stops by itself.

Run:  python -m benchmarks.serve out/seeds.ttl --queries 2000 --clients 20
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from kg.fileio import atomic_write_text
from kg.pipeline import build
from kg.views import write_views

QUERIES_DIRECTORY = Path(__file__).resolve().parent / "queries"
ACCEPT_CYCLE = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"


def load_queries(directory: Path = QUERIES_DIRECTORY) -> list[str]:
    """The benchmark's queries, one per ``.rq`` file, in file-name order."""
    return [path.read_text(encoding="utf-8") for path in sorted(directory.glob("*.rq"))]


@dataclass
class LoadResult:
    """What a load run measured: per-request latencies (seconds) and every failure."""

    clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """Counts, throughput (queries/s) and latency percentiles in milliseconds."""
        ordered = sorted(self.latencies)
        return {
            "queries": len(ordered) + len(self.failures),
            "clients": self.clients,
            "failed": len(self.failures),
            "seconds": round(self.seconds, 3),
            "queries_per_second": round(len(ordered) / self.seconds, 1) if self.seconds else 0.0,
            **{f"p{p}_ms": round(_percentile(ordered, p) * 1000, 2) for p in (50, 95, 99)},
            "max_ms": round(ordered[-1] * 1000, 2) if ordered else 0.0,
        }


def _percentile(ordered: list[float], percent: int) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def run_load(url: str, queries: list[str], *, total: int, clients: int, time_limit: float = 300.0) -> LoadResult:
    """Send ``total`` queries to the endpoint at ``url`` from ``clients`` threads; stop at ``time_limit`` s."""
    result = LoadResult(clients)
    tickets = itertools.count()
    lock = threading.Lock()
    deadline = time.monotonic() + time_limit

    def client() -> None:
        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)
        while time.monotonic() < deadline:
            with lock:
                ticket = next(tickets)
            if ticket >= total:
                break
            started = time.perf_counter()
            try:
                status = _send(connection, parts.path, queries[ticket % len(queries)], ticket)
                problem = None if status == 200 else f"query {ticket}: HTTP {status}"
            except (OSError, http.client.HTTPException) as exc:
                problem = f"query {ticket}: {exc!r}"
                connection.close()
            elapsed = time.perf_counter() - started
            with lock:
                (result.failures.append(problem) if problem else result.latencies.append(elapsed))
        connection.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(time_limit + 60)
    result.seconds = time.perf_counter() - started
    return result


def _send(connection: http.client.HTTPConnection, path: str, query: str, ticket: int) -> int:
    headers = {"Accept": ACCEPT_CYCLE[ticket % len(ACCEPT_CYCLE)]}
    if ticket % 2:
        connection.request("POST", path, body=query.encode("utf-8"),
                           headers={**headers, "Content-Type": "application/sparql-query"})
    else:
        connection.request("GET", f"{path}?query={quote(query)}", headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(source: Path, *, startup_seconds: float = 60.0) -> Iterator[str]:
    """Run ``kg serve SOURCE`` in a child process on a free loopback port; yield its query URL."""
    port = free_port()
    command = [sys.executable, "-c", "from kg.cli import app; app()", "serve", str(source), "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        _wait_until_answering(url, process, startup_seconds)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_answering(url: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    parts = urlsplit(url)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kg serve exited with code {process.returncode}")
        connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=5)
        try:
            connection.request("GET", f"{parts.path}?query={quote('ASK {}')}")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass  # not listening yet
        finally:
            connection.close()
        time.sleep(0.1)
    raise RuntimeError(f"kg serve did not answer at {url} within {seconds:.0f} s")


def _seeds_graph(directory: Path) -> Path:
    return write_views(build([SEEDS]), directory / "seeds", ["ttl"])[0]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve", description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, help="store or RDF file (default: build the seeds)")
    parser.add_argument("--queries", type=int, default=2000, help="queries in all (default 2000)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--time-limit", type=float, default=300.0, help="stop after this many seconds")
    parser.add_argument("--output", "-o", type=Path, default=Path("out/bench-serve.json"))
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        source = arguments.source or _seeds_graph(Path(scratch))
        with served(source) as url:
            result = run_load(url, load_queries(), total=arguments.queries, clients=arguments.clients,
                              time_limit=arguments.time_limit)
    summary = {"source": str(arguments.source or "seeds/"), "cpus": os.cpu_count(), **result.summary()}
    text = json.dumps(summary, indent=2)
    atomic_write_text(arguments.output, text + "\n")
    print(text)
    for failure in result.failures[:10]:
        print(f"failed: {failure}", file=sys.stderr)
    sys.exit(1 if result.failures else 0)


if __name__ == "__main__":
    main()
