"""``make eval``: score extraction on four sources at once and print one table.

The sources, each scored by its own scorer on what the ``kg`` CLI writes (the ``kg`` of this checkout: the
script puts the repository first on ``PYTHONPATH`` of every command it runs):

- **conll04**: CoNLL04 dev sentences, ``kg eval conll04 --json`` (``kg/evaluate.py``);
- **redocred**: Re-DocRED dev documents: ``score.py make-input``, ``kg extract``, ``score.py score --json``;
- **bbc-facts**: the bbc-facts dev articles (exactly the ids of ``dev_ids.txt``, read from the shared BBC
  corpus into a temporary JSON Lines file), ``kg build --format ttl``, ``score.py --negatives --errors``;
- **seeds**: the project's own ``seeds/`` with the hand-made gold in ``benchmarks/seeds/`` (bbc-facts format),
  scored by the bbc-facts ``score.py``.

The shared data is only read, from ``--shared`` (default ``$KG_SHARED``, else ``../shared`` beside the
repository); nothing of it is written into the repository. The table goes to stdout as Markdown, the same
numbers as JSON to ``--output`` (default ``out/eval.json``); ``--compare OLD.json`` adds the change in each
row's relation F1; ``--errors DIR`` keeps each scorer's error listing and the graphs and records scored.

TOTAL is the unweighted mean of the four relation / fact F1s, so each source counts the same however many
facts it has; aliases, types and junk nodes are summed over the sources that report them.

Example:  python benchmarks/eval.py --errors out/eval-errors   (or: make eval EVAL_ERRORS=out/eval-errors)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kg.evaluate import restated_for_redocred

REPO = Path(__file__).resolve().parent.parent
SEEDS_GOLD = REPO / "benchmarks" / "seeds"
SOURCES = ("conll04", "redocred", "bbc-facts", "seeds")


@dataclass
class Row:
    """One source's line of the table; ``None`` where the source's scorer gives no such figure."""

    source: str
    units: str
    entity_p: float | None = None
    entity_r: float | None = None
    entity_f1: float | None = None
    relation_p: float | None = None
    relation_r: float | None = None
    relation_f1: float | None = None
    found: tuple[int, int] | None = None  # gold relations or facts found / gold
    aliases: tuple[int, int] | None = None  # alias pairs on one node / pairs
    types: tuple[int, int] | None = None  # typed right / scored
    junk: tuple[int, int] | None = None  # negatives present as nodes / negatives
    ece: float | None = None
    seconds: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """Where things are and how to run ``kg``."""

    shared: Path
    work: Path
    errors: Path | None
    model: str | None

    def kg(self, *args: str | Path) -> list[str]:
        """The command line of ``kg ARGS`` with this interpreter (``--model`` added where given)."""
        extra = ["--model", self.model] if self.model and args[0] in ("build", "extract", "eval") else []
        return [sys.executable, "-m", "kg", *map(str, args), *extra]

    def keep(self, path: Path, name: str) -> None:
        """Copy a file scored or listing errors into the ``--errors`` folder, if one was given."""
        if self.errors is not None and path.exists():
            shutil.copyfile(path, self.errors / name)

    def keep_text(self, text: str, name: str) -> None:
        if self.errors is not None:
            (self.errors / name).write_text(text, encoding="utf-8")


class EvalError(Exception):
    """A source cannot be scored: data missing or a command failed."""


def run(command: Sequence[str], *, stdout_to: Path | None = None) -> str:
    """Run a command with this repository first on PYTHONPATH; return its stdout; raise EvalError on failure."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    done = subprocess.run(command, check=False, cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise EvalError(f"{' '.join(command)} exited with {done.returncode}:\n{tail}")
    if stdout_to is not None:
        stdout_to.write_text(done.stdout, encoding="utf-8")
    return done.stdout


def need(path: Path) -> Path:
    if not path.exists():
        raise EvalError(f"{path}: not found (give the shared folder with --shared or KG_SHARED)")
    return path


# --- CoNLL04 ---------------------------------------------------------------------------------------------


def score_conll04(ctx: Context) -> Row:
    """``kg eval conll04`` on the dev split: micro P/R/F1 of entities and relations.

    Types: of the gold entities whose span kg found, the share it labelled right (Peop/Org/Loc), counted from
    the error listing: a false positive and a false negative with the same sentence and text are one
    mention found with the wrong label.
    """
    data = need(ctx.shared / "benchmarks" / "conll04" / "conll04_dev.json")
    errors = ctx.work / "conll04-errors.tsv"
    result = json.loads(run(ctx.kg("eval", "conll04", data, "--json", "--errors", errors)))
    ctx.keep(errors, "conll04.tsv")
    entities, relations = result["entities"][-1], result["relations"][-1]
    fp, fn = set(), set()
    for line in errors.read_text(encoding="utf-8").splitlines():
        kind, sentence, _label, *rest = line.split("\t")
        if kind == "entity_false_positives":
            fp.add((sentence, rest[0]))
        elif kind == "entity_false_negatives":
            fn.add((sentence, rest[0]))
    mistyped = len(fp & fn)
    return Row(
        "CoNLL04 dev", f"{result['sentences']} sentences",
        entities["precision"], entities["recall"], entities["f1"],
        relations["precision"], relations["recall"], relations["f1"],
        found=(relations["correct"], relations["gold"]),
        types=(entities["correct"], entities["correct"] + mistyped),
        details={"entities": result["entities"], "relations": result["relations"]},
    )


# --- Re-DocRED -------------------------------------------------------------------------------------------


def score_redocred(ctx: Context) -> Row:
    """Re-DocRED dev: its scorer's own input, ``kg extract``, its score (strict spans in the table).

    Types: of the PER/ORG/LOC gold mentions whose exact span kg found, the share typed right.
    """
    folder = ctx.shared / "benchmarks" / "redocred"
    data, scorer = need(folder / "redocred_dev.json"), need(folder / "score.py")
    source, records, errors = (ctx.work / name for name in ("redocred-input.jsonl", "redocred.jsonl", "redocred.tsv"))
    run([sys.executable, str(scorer), "make-input", str(data), str(source)])
    run(ctx.kg("extract", source, "-o", records, "--jobs", "1"))
    restate_records(records)
    result = json.loads(run([sys.executable, str(scorer), "score", str(data), str(records),
                             "--errors", str(errors), "--json"]))
    ctx.keep(errors, "redocred.tsv")
    ctx.keep(records, "redocred-records.jsonl")
    typed, span, strict, loose = (result["entities"]["typed"], result["entities"]["span"],
                                  result["strict"]["micro"], result["loose"]["micro"])
    return Row(
        "Re-DocRED dev", f"{result['documents']} documents",
        typed["P"], typed["R"], typed["F1"], strict["P"], strict["R"], strict["F1"],
        found=(strict["tp"], strict["tp"] + strict["fn"]),
        types=(typed["tp"], span["tp"]),
        details={"loose": loose, "strict": result["strict"], "entities": result["entities"]},
    )


def restate_records(records: Path) -> None:
    """Rewrite ``kg extract``'s records in the predicates Re-DocRED's scorer reads (:func:`restated_for_redocred`)."""
    lines = records.read_text(encoding="utf-8").splitlines()
    restated = (json.dumps(restated_for_redocred(json.loads(line)), ensure_ascii=False) for line in lines if line)
    records.write_text("".join(f"{line}\n" for line in restated), encoding="utf-8")


# --- bbc-facts and the seeds (one scorer) -----------------------------------------------------------------

LAST_LINE = re.compile(r"facts P ([\d.]+) R ([\d.]+) F1 ([\d.]+); types (\d+)/(\d+); aliases (\d+)/(\d+)\s*$")
COUNTS = {
    "recall": re.compile(r"^fact recall\s+[\d.]+\s+\((\d+)/(\d+) gold facts found\)", re.MULTILINE),
    "precision": re.compile(r"^fact precision\s+[\d.]+\s+\((\d+)/(\d+) graph relation triples", re.MULTILINE),
    "negatives": re.compile(r"^negatives: (\d+)/(\d+) present", re.MULTILINE),
}
ECE = re.compile(r"^calibration: ECE ([\d.]+) over (\d+) scored triples", re.MULTILINE)
BIN = re.compile(r"confidence ([\d.]+)-([\d.]+):\s+(\d+) facts, mean confidence ([\d.]+), correct ([\d.]+)")
PREDICATE_ROW = re.compile(r"^(\w+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$", re.MULTILINE)


def parse_fact_score(output: str) -> dict[str, Any]:
    """The numbers of a bbc-facts ``score.py`` report: the last line, counts, per predicate, reliability.

    Examples:
        >>> report = ("x\\nnegatives: 2/9 present as entity nodes"
        ...           "\\nfacts P 0.500 R 0.250 F1 0.333; types 3/4; aliases 1/2")
        >>> parse_fact_score(report)["negatives"], parse_fact_score(report)["f1"]
        ((2, 9), 0.333)
    """
    last = LAST_LINE.search(output.strip().splitlines()[-1])
    if last is None:
        raise EvalError(f"bbc-facts score.py: unexpected last line {output.strip().splitlines()[-1]!r}")
    p, r, f1 = (float(x) for x in last.groups()[:3])
    parsed: dict[str, Any] = {"precision": p, "recall": r, "f1": f1,
                              "types": (int(last[4]), int(last[5])), "aliases": (int(last[6]), int(last[7]))}
    for name, pattern in COUNTS.items():
        match = pattern.search(output)
        parsed[name + "_counts" if name != "negatives" else name] = (int(match[1]), int(match[2])) if match else None
    if parsed["recall_counts"] and parsed["precision_counts"]:  # exact, not the 3-decimal rounding of the last line
        (found, gold), (correct, predicted) = parsed["recall_counts"], parsed["precision_counts"]
        p, r = (correct / predicted if predicted else 0.0), (found / gold if gold else 0.0)
        parsed.update(precision=p, recall=r, f1=2 * p * r / (p + r) if p + r else 0.0)
    ece = ECE.search(output)
    parsed["ece"] = float(ece[1]) if ece else None
    parsed["reliability"] = [dict(zip(("low", "high", "facts", "mean_confidence", "correct"),
                                      (float(b[1]), float(b[2]), int(b[3]), float(b[4]), float(b[5])),
                                      strict=True))
                             for b in BIN.finditer(output)]
    parsed["predicates"] = {m[1]: dict(zip(("gold", "found", "predicted", "correct"), map(int, m.groups()[1:]),
                                           strict=True))
                            for m in PREDICATE_ROW.finditer(output) if m[1] != "all"}
    return parsed


def fact_row(name: str, units: str, parsed: dict[str, Any]) -> Row:
    return Row(
        name, units, relation_p=parsed["precision"], relation_r=parsed["recall"], relation_f1=parsed["f1"],
        found=parsed["recall_counts"], aliases=parsed["aliases"], types=parsed["types"], junk=parsed["negatives"],
        ece=parsed["ece"],
        details={k: parsed[k] for k in ("precision_counts", "predicates", "reliability")},
    )


def score_graph(ctx: Context, scorer: Path, graph: Path, gold: dict[str, Path], listing: str) -> dict[str, Any]:
    command = [sys.executable, str(scorer), str(graph), str(gold["facts"]), str(gold["entities"]), str(gold["aliases"]),
               "--negatives", str(gold["negatives"]), "--errors"]
    output = run(command)
    ctx.keep_text(output, listing)
    return parse_fact_score(output)


def score_bbc_facts(ctx: Context) -> Row:
    """bbc-facts dev: a graph of exactly the articles of ``dev_ids.txt``, scored by its ``score.py``."""
    folder = ctx.shared / "benchmarks" / "bbc-facts"
    corpus = need(ctx.shared / "corpus" / "bbc.jsonl")
    ids = [line.strip() for line in need(folder / "dev_ids.txt").read_text(encoding="utf-8").splitlines()
           if line.strip() and not line.startswith("#")]
    wanted, articles = set(ids), {}
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("id") in wanted and record["id"] not in articles:
                articles[record["id"]] = {k: record[k] for k in ("id", "title", "text") if k in record}
    missing = wanted - set(articles)
    if missing:
        raise EvalError(f"{corpus}: {len(missing)} dev ids not in the corpus, e.g. {min(missing)}")
    source, prefix = ctx.work / "bbc-facts-dev.jsonl", ctx.work / "bbc-facts"
    source.write_text("".join(json.dumps(articles[i], ensure_ascii=False) + "\n" for i in ids), encoding="utf-8")
    run(ctx.kg("build", source, "-o", prefix, "--format", "ttl", "--jobs", "1"))
    graph = prefix.with_suffix(".ttl")
    gold = {kind: need(folder / f"dev_{kind}.tsv") for kind in ("facts", "entities", "aliases", "negatives")}
    parsed = score_graph(ctx, need(folder / "score.py"), graph, gold, "bbc-facts.txt")
    ctx.keep(graph, "bbc-facts.ttl")
    ctx.keep(prefix.with_suffix(".merges.tsv"), "bbc-facts.merges.tsv")
    return fact_row("bbc-facts dev", f"{len(ids)} articles", parsed)


def score_seeds(ctx: Context) -> Row:
    """The seeds: ``kg build seeds/``, scored by the bbc-facts ``score.py`` on ``benchmarks/seeds/``."""
    prefix = ctx.work / "seeds"
    seeds = REPO / "seeds"
    run(ctx.kg("build", seeds, "-o", prefix, "--format", "ttl", "--jobs", "1"))
    graph = prefix.with_suffix(".ttl")
    gold = {kind: need(SEEDS_GOLD / f"{kind}.tsv") for kind in ("facts", "entities", "aliases", "negatives")}
    parsed = score_graph(ctx, need(ctx.shared / "benchmarks" / "bbc-facts" / "score.py"), graph, gold, "seeds.txt")
    ctx.keep(graph, "seeds.ttl")
    ctx.keep(prefix.with_suffix(".merges.tsv"), "seeds.merges.tsv")
    documents = len([p for p in seeds.iterdir() if p.suffix in (".txt", ".md")])
    return fact_row("seeds", f"{documents} articles", parsed)


SCORERS: dict[str, Callable[[Context], Row]] = {
    "conll04": score_conll04, "redocred": score_redocred, "bbc-facts": score_bbc_facts, "seeds": score_seeds,
}


# --- the table -------------------------------------------------------------------------------------------


def total_row(rows: list[Row]) -> Row:
    """Mean relation F1 over the sources (all four when all ran); sums of the counted columns."""

    def summed(name: str) -> tuple[int, int] | None:
        pairs = [getattr(r, name) for r in rows if getattr(r, name) is not None]
        return (sum(a for a, _ in pairs), sum(b for _, b in pairs)) if pairs else None

    f1s = [r.relation_f1 for r in rows if r.relation_f1 is not None]
    return Row("TOTAL", f"mean of {len(f1s)} F1", relation_f1=sum(f1s) / len(f1s) if f1s else None,
               aliases=summed("aliases"), junk=summed("junk"), seconds=sum(r.seconds for r in rows))


def cell(value: Any, digits: int = 3) -> str:
    """One table cell: a score, a count pair, or a dash for what the source does not give.

    Examples:
        >>> cell(0.48441), cell((140, 343)), cell(None)
        ('0.484', '140/343', '–')
    """
    if value is None:
        return "–"
    if isinstance(value, tuple | list):
        return f"{value[0]}/{value[1]}"
    return f"{value:.{digits}f}"


HEADER = ("source", "scored", "ent P", "ent R", "ent F1", "rel P", "rel R", "rel F1", "found", "aliases", "types",
          "junk", "ECE", "s")


def row_key(source: str, units: str) -> str:
    """What a row is compared by: its source, and for TOTAL also how many sources it averages."""
    return f"{source} ({units})" if source == "TOTAL" else source


def format_table(rows: list[Row], total: Row, previous: dict[str, float] | None = None) -> str:
    """The Markdown table; with ``previous`` (``row_key`` -> relation F1) a column of changes."""
    header = HEADER + (("Δ rel F1",) if previous is not None else ())
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in [*rows, total]:
        cells = [row.source if row is not total else "**TOTAL**", row.units,
                 *(cell(getattr(row, name))
                   for name in ("entity_p", "entity_r", "entity_f1", "relation_p", "relation_r")),
                 cell(row.relation_f1) if row is not total else f"**{cell(row.relation_f1)}**",
                 *(cell(getattr(row, name)) for name in ("found", "aliases", "types", "junk", "ece")),
                 f"{row.seconds:.0f}"]
        if previous is not None:
            before = previous.get(row_key(row.source, row.units))
            cells.append("–" if before is None or row.relation_f1 is None else f"{row.relation_f1 - before:+.3f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def git_state() -> dict[str, Any]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(REPO), *args], check=False, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    return {"commit": git("rev-parse", "--short", "HEAD"), "branch": git("rev-parse", "--abbrev-ref", "HEAD"),
            "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


def default_shared() -> Path:
    return Path(os.environ.get("KG_SHARED") or REPO.parent / "shared")


def main(argv: list[str] | None = None) -> int:
    """Score the chosen sources, print the table, write the JSON; return the exit code."""
    parser = argparse.ArgumentParser(prog="benchmarks/eval.py", description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None,
                        help="The shared folder with benchmarks/ and corpus/ (default: $KG_SHARED, else ../shared).")
    parser.add_argument("--output", type=Path, default=REPO / "out" / "eval.json", help="The JSON written.")
    parser.add_argument("--errors", type=Path, default=None, metavar="DIR",
                        help="Keep each scorer's error listing (and the graphs and records scored) in DIR.")
    parser.add_argument("--compare", type=Path, default=None, metavar="OLD.json",
                        help="An earlier --output: add each row's change in relation F1.")
    parser.add_argument("--only", default=",".join(SOURCES), help=f"Comma-separated subset of {','.join(SOURCES)}.")
    parser.add_argument("--model", default=None, help="spaCy pipeline for kg (default: kg's).")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SCORERS]
    if unknown:
        parser.error(f"unknown source {', '.join(unknown)}; choose from {', '.join(SOURCES)}")
    previous = None
    if args.compare is not None:
        old = json.loads(args.compare.read_text(encoding="utf-8"))
        previous = {row_key(r["source"], r["units"]): r["relation_f1"] for r in [*old["rows"], old["total"]]
                    if r["relation_f1"] is not None}
    if args.errors is not None:
        args.errors.mkdir(parents=True, exist_ok=True)
    shared = (args.shared or default_shared()).resolve()
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as work:
        ctx = Context(shared, Path(work), args.errors.resolve() if args.errors else None, args.model)
        for name in chosen:
            print(f"eval: {name} ...", file=sys.stderr, flush=True)
            started = time.perf_counter()
            try:
                row = SCORERS[name](ctx)
            except EvalError as error:
                print(f"eval: error: {name}: {error}", file=sys.stderr)
                return 1
            row.seconds = time.perf_counter() - started
            rows.append(row)
    total = total_row(rows)
    print(format_table(rows, total, previous))
    report = {"git": git_state(), "shared": str(shared), "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "total_is": "unweighted mean of the sources' relation/fact F1", "rows": [asdict(r) for r in rows],
              "total": asdict(total)}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.output}" + (f"; error listings in {args.errors}" if args.errors else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
