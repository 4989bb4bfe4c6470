"""The pipeline benchmark: ``kg build`` against bare ``nlp.pipe``, and incremental builds.

Every run is a fresh subprocess, timed by wall clock from start to exit (interpreter start
and model load included on both sides) and by the CPU seconds of its whole process tree
(``RUSAGE_CHILDREN``: steadier than wall time on a shared machine), while the summed
resident memory of the tree (spaCy's workers included) is sampled for the peak. The bare run parses the same
texts with the same pipeline (:func:`kg.nlp.language.load_pipeline`), batch size and processes,
through the same ``nlp.pipe(as_tuples=True)`` call, and does nothing else.

Run as a module, this file is that bare run: ``python -m benchmarks.pipeline INPUT --jobs N``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.defaults import DEFAULT_MODEL

KG_COMMAND = [sys.executable, "-c", "from kg.cli import app; app(prog_name='kg')"]
BARE_COMMAND = [sys.executable, "-m", "benchmarks.pipeline"]
SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Run:
    """One timed subprocess: wall-clock and CPU seconds, peak RSS of its process tree, and what it printed."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    stdout: str


def measure(command: list[str]) -> Run:
    """Run ``command``, sampling the summed RSS of it and its children until it exits.

    Raises:
        RuntimeError: the command failed (its stderr is in the message).
    """
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(watched))
        time.sleep(SAMPLE_SECONDS)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[-6:])} failed ({process.returncode}): {stderr.strip()[-2000:]}")
    return Run(round(seconds, 2), round(cpu, 2), round(peak / 2**20, 1), stdout)


def _tree_rss(process: Any) -> int:
    import psutil

    total = 0
    try:
        for each in [process, *process.children(recursive=True)]:
            total += each.memory_info().rss
    except psutil.Error:  # a worker exited between listing and reading
        pass
    return total


def write_sample(corpus: Path, target: Path, start: int, limit: int | None) -> int:
    """Copy JSONL lines ``start`` to ``start + limit`` of ``corpus`` to ``target``; return how many."""
    with corpus.open(encoding="utf-8") as source, target.open("w", encoding="utf-8") as sink:
        lines = [line for line in itertools.islice(source, start, None if limit is None else start + limit)
                 if line.strip()]
        sink.writelines(lines)
    return len(lines)


def run_pipeline_benchmark(
    corpus: Path,
    *,
    limit: int | None = None,
    jobs: tuple[int, ...] = (1, 2),
    increment: int = 100,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
) -> dict[str, Any]:
    """Time bare parsing and ``kg build`` per job count, and an incremental build; return the results."""
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as folder:
        work = Path(folder)
        sample = work / "sample.jsonl"
        documents = write_sample(corpus, sample, 0, limit)
        results: dict[str, Any] = {"corpus": str(corpus), "documents": documents, "model": model,
                                   "batch_size": batch_size, "runs": []}
        for n in jobs:
            settings = ["--model", model, "--jobs", str(n), "--batch-size", str(batch_size)]
            bare = measure([*BARE_COMMAND, str(sample), *settings])
            tokens = json.loads(bare.stdout)["tokens"]
            built = measure([*KG_COMMAND, "build", str(sample), "-o", str(work / f"jobs{n}"), "--format", "ttl",
                             *settings])
            results["runs"].append({
                "jobs": n,
                "tokens": tokens,
                "bare": _rates(bare, documents, tokens),
                "kg_build": _rates(built, documents, tokens),
                "ratio": round(built.seconds / bare.seconds, 3),
                "cpu_ratio": round(built.cpu_seconds / bare.cpu_seconds, 3),
            })
        if documents > increment:
            results["incremental"] = _incremental(corpus, work, documents, increment, model, batch_size)
    return results


def _rates(run: Run, documents: int, tokens: int) -> dict[str, float]:
    return {"seconds": run.seconds, "cpu_seconds": run.cpu_seconds, "peak_rss_mb": run.peak_rss_mb,
            "documents_per_s": round(documents / run.seconds, 2), "tokens_per_s": round(tokens / run.seconds)}


def _incremental(
    corpus: Path, work: Path, documents: int, increment: int, model: str, batch_size: int
) -> dict[str, Any]:
    """Build a store of all but the last ``increment`` documents, then time adding those to it and alone."""
    settings = ["--model", model, "--batch-size", str(batch_size)]
    first, last = work / "first.jsonl", work / "last.jsonl"
    write_sample(corpus, first, 0, documents - increment)
    write_sample(corpus, last, documents - increment, increment)
    measure([*KG_COMMAND, "build", str(first), "--into", str(work / "store"), *settings])
    into = measure([*KG_COMMAND, "build", str(last), "--into", str(work / "store"), *settings])
    alone = measure([*KG_COMMAND, "build", str(last), "--into", str(work / "alone"), *settings])
    return {"store_documents": documents - increment, "added": increment, "into_store_s": into.seconds,
            "alone_s": alone.seconds, "ratio": round(into.seconds / alone.seconds, 3),
            "into_store_cpu_s": into.cpu_seconds, "alone_cpu_s": alone.cpu_seconds,
            "cpu_ratio": round(into.cpu_seconds / alone.cpu_seconds, 3),
            "into_store_peak_rss_mb": into.peak_rss_mb}


def format_table(results: dict[str, Any]) -> str:
    """The results as a plain-text table."""
    lines = [f"{results['documents']} documents from {results['corpus']} "
             f"({results['model']}, batch {results['batch_size']})",
             f"{'jobs':>4} {'run':<9} {'seconds':>8} {'CPU s':>8} {'docs/s':>7} {'tokens/s':>9} {'peak RSS MB':>12} "
             f"{'kg/bare':>8} {'(CPU)':>6}"]
    for run in results["runs"]:
        for name in ("bare", "kg_build"):
            row = run[name]
            ratio = f"{run['ratio']:>8.3f} {run['cpu_ratio']:>6.3f}" if name == "kg_build" else ""
            lines.append(f"{run['jobs']:>4} {name:<9} {row['seconds']:>8.2f} {row['cpu_seconds']:>8.2f} "
                         f"{row['documents_per_s']:>7.2f} {row['tokens_per_s']:>9} {row['peak_rss_mb']:>12.1f} {ratio}")
    by_jobs = {run["jobs"]: run["kg_build"]["seconds"] for run in results["runs"]}
    if 1 in by_jobs and 2 in by_jobs:
        lines.append(f"kg build speed-up, jobs 2 over jobs 1: {by_jobs[1] / by_jobs[2]:.2f}x")
    if "incremental" in results:
        inc = results["incremental"]
        lines.append(f"incremental: {inc['added']} documents into a store of {inc['store_documents']}: "
                     f"{inc['into_store_s']:.2f} s; alone {inc['alone_s']:.2f} s; ratio {inc['ratio']:.3f} "
                     f"(CPU {inc['into_store_cpu_s']:.1f} s / {inc['alone_cpu_s']:.1f} s = {inc['cpu_ratio']:.3f})")
    return "\n".join(lines)


def bare_parse(path: Path, model: str, jobs: int, batch_size: int) -> dict[str, int]:
    """Parse every document of ``path`` with bare ``nlp.pipe`` and count documents and tokens."""
    from kg.ingest.reader import read_documents
    from kg.nlp.language import load_pipeline

    nlp = load_pipeline(model)
    texts = ((document.text, document.id) for document in read_documents([path]))
    documents = tokens = 0
    for doc, _ in nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=jobs):
        documents += 1
        tokens += len(doc)
    return {"documents": documents, "tokens": tokens}


def main(argv: list[str] | None = None) -> None:
    """The bare run: print ``{"documents", "tokens"}`` as JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pipeline", description="Bare nlp.pipe over a corpus.")
    parser.add_argument("input", type=Path)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)
    print(json.dumps(bare_parse(args.input, args.model, args.jobs, args.batch_size)))


if __name__ == "__main__":
    main()
