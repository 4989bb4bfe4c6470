"""``python -m benchmarks``: run the benchmarks, print a table, write ``out/bench.json``.

Example:  python -m benchmarks --corpus ../shared/corpus/bbc.jsonl --limit 200
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks import pipeline, rdf
from kg.defaults import DEFAULT_MODEL
from kg.fileio import atomic_write_text

DEFAULT_CORPUS = Path("../shared/corpus/bbc.jsonl")


def main(argv: list[str] | None = None) -> int:
    """Run the pipeline and RDF-store benchmarks; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL corpus of {id, text} lines.")
    parser.add_argument("--limit", type=int, default=None, help="Use only the first N documents.")
    parser.add_argument("--jobs", default="1,2", help="Comma-separated worker-process counts to compare.")
    parser.add_argument("--increment", type=int, default=100, help="Documents added to a store in the incremental run.")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--triples", type=int, default=200_000, help="Size of the RDF-store benchmark graph (0: skip).")
    parser.add_argument("--output", type=Path, default=Path("out/bench.json"))
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"benchmarks: error: {args.corpus}: corpus not found; "
              "give one with --corpus (make bench BENCH_CORPUS=...)",
              file=sys.stderr)
        return 1
    jobs = tuple(int(n) for n in args.jobs.split(","))
    results = {"pipeline": pipeline.run_pipeline_benchmark(
        args.corpus, limit=args.limit, jobs=jobs, increment=args.increment, model=args.model, batch_size=args.batch_size
    )}
    print(pipeline.format_table(results["pipeline"]))
    if args.triples:
        results["rdf"] = rdf.run_rdf_benchmark(args.triples)
        print(rdf.format_table(results["rdf"]))
    atomic_write_text(args.output, json.dumps(results, indent=2) + "\n")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
