"""``make calibrate``: each rule's confidence becomes its measured precision, smoothed, in the pattern data.

For every relation a rule states on the fitting data, the set's own scorer says whether it is right:

- **CoNLL04 train** (not dev: dev stays a check): a record is right when its token-aligned key is gold;
- **Re-DocRED dev**: its ``score.py`` maps the record to a (head, property, tail) key, right when that key
  is gold. Re-DocRED leaves true facts unannotated (its SOURCE.md: about 4 in 10 of kg's "false positives"
  were true), so a record it calls wrong counts as :data:`REDOCRED_MISSING_SHARE` right;
- **bbc-facts dev**: each fact of the graph is matched by its ``score.py``, and every rule among the fact's
  evidence is credited with the outcome, weighted :data:`BBC_WEIGHT` (the one set annotated for every fact).

A rule's confidence is ``(right + K * prior) / (stated + K)`` with ``K`` = :data:`SMOOTHING`, where the prior
is the pooled precision of every rule of the same predicate (all rules where a predicate has too few
statements): a rule seen twice moves little from its family, one seen fifty times gets its own number.
Rules the fitting data never shows keep the confidence their family file gives. The numbers go to
``kg/patterns/calibration.yaml`` (read by :mod:`kg.rules`), with the counts behind each.

A fact's confidence combines its evidence (:attr:`kg.model.Relation.confidence`). The script reports the
expected calibration error (ECE) of bbc-facts facts cross-validated: the articles are split in two halves,
and each half's facts are scored with numbers fitted without that half. CoNLL04 dev is never fitted on.
Only the scorers' code and the shared data are read; nothing of the data is written into the repository.

Example:  python -m benchmarks.calibrate --shared ../shared   (or: make calibrate)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

from rdflib import URIRef

from kg.evaluate import load_conll04, load_label_map, token_aligned
from kg.fileio import atomic_write_text
from kg.model import Document, KnowledgeGraph, Relation
from kg.parse import parse_documents
from kg.resolve import extraction_records, merge, resolve
from kg.rules import CALIBRATION_PATH
from kg.views import write_views
from kg.vocab import local_name

REPO = Path(__file__).resolve().parent.parent

SMOOTHING = 10.0  # pseudo-statements of the prior behind every rule's own count
REDOCRED_MISSING_SHARE = 0.4  # of Re-DocRED's "wrong" records, the share that a hand check found true
MIN_FAMILY = 10  # a predicate with fewer statements than this borrows the pooled precision of all rules
BINS = 10
# bbc-facts annotates every fact an article states, in kg's own kind of text; CoNLL04 and Re-DocRED annotate a
# fixed set of labels (a true fact outside them counts as wrong), so a bbc-facts verdict weighs three of theirs.
# Chosen by the cross-validated ECE (1: 0.187, 3: 0.152, 6: 0.171, 10: 0.166).
BBC_WEIGHT = 3.0


@dataclass
class Tally:
    """How often a rule was right among the relations it stated."""

    stated: float = 0.0
    right: float = 0.0

    def add(self, right: float, weight: float = 1.0) -> None:
        self.stated += weight
        self.right += weight * right

    def __iadd__(self, other: Tally) -> Tally:
        self.stated += other.stated
        self.right += other.right
        return self


Outcomes = dict[tuple[str, str], Tally]  # (rule, predicate local name) -> tally


def load_module(path: Path, name: str) -> ModuleType:
    """Import a scorer script by its path."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"calibrate: cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def half(items: Iterable[Any], which: int) -> list[Any]:
    """The items at even (``which`` 0) or odd (1) positions."""
    return [item for index, item in enumerate(items) if index % 2 == which]


def pooled(*parts: Outcomes) -> Outcomes:
    """The outcomes of several parts added up."""
    total: Outcomes = defaultdict(Tally)
    for part in parts:
        for key, tally in part.items():
            total[key] += tally
    return total


# --- CoNLL04 -----------------------------------------------------------------------------------------


def conll04_outcomes(shared: Path, outcomes: Outcomes) -> None:
    """Credit each CoNLL04 train relation record's rule with whether its key is gold."""
    examples = load_conll04(shared / "benchmarks" / "conll04" / "conll04_train.json")
    extractions = list(parse_documents(Document.from_text(e.id, e.text) for e in examples))
    gold = {key for example in examples for key in example.relations}
    texts = {example.id: example.text for example in examples}
    labels = load_label_map()
    for record in extraction_records(extractions, resolve(extractions, "https://example.org/kg/")):
        if record["kind"] != "relation":
            continue
        subject, obj = record["subject"], record["object"]
        label = labels.relation_label(
            record["predicate"], labels.entity_label(subject["type"]), labels.entity_label(obj["type"])
        )
        if label is None:
            continue  # a predicate or signature CoNLL04 does not annotate: no verdict
        text = texts[record["doc"]]
        key = (record["doc"], label, *token_aligned(text, subject["start"], subject["end"]),
               *token_aligned(text, obj["start"], obj["end"]))
        outcomes[record["rule"], local_name(record["predicate"])].add(key in gold)


# --- Re-DocRED ---------------------------------------------------------------------------------------


def redocred_outcomes(shared: Path, outcomes: Outcomes) -> None:
    """Credit each Re-DocRED relation record with whether its fact is gold (see :data:`REDOCRED_MISSING_SHARE`)."""
    folder = shared / "benchmarks" / "redocred"
    scorer = load_module(folder / "score.py", "redocred_score")
    docs = scorer.load_gold(folder / "redocred_dev.json")
    extractions = list(parse_documents(Document.from_text(d.id, d.text) for d in docs))
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in extraction_records(extractions, resolve(extractions, "https://example.org/kg/")):
        if record["kind"] == "relation":
            by_doc[record["doc"]].append(record)
    for doc in docs:
        for fact, records in scorer.predicted_facts(doc, by_doc[doc.id], False).items():
            for record in records:
                right = 1.0 if fact in doc.facts else REDOCRED_MISSING_SHARE
                outcomes[record["rule"], local_name(record["predicate"])].add(right)


# --- bbc-facts ---------------------------------------------------------------------------------------


def bbc_articles(shared: Path) -> list[dict[str, str]]:
    """The bbc-facts dev articles, in ``dev_ids.txt`` order."""
    folder = shared / "benchmarks" / "bbc-facts"
    ids = [line.strip() for line in (folder / "dev_ids.txt").read_text(encoding="utf-8").splitlines()
           if line.strip() and not line.startswith("#")]
    found: dict[str, dict[str, str]] = {}
    with (shared / "corpus" / "bbc.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("id") in ids and record["id"] not in found:
                found[record["id"]] = record
    return [found[i] for i in ids]


def bbc_graph(articles: list[dict[str, str]]) -> KnowledgeGraph:
    documents = [Document.from_text(a["id"], a["text"], title=a.get("title")) for a in articles]
    return merge(e.without_text() for e in parse_documents(documents))


def bbc_verdicts(shared: Path, graph: KnowledgeGraph, work: Path) -> Iterator[tuple[Relation, bool]]:
    """``(relation, right)`` for each relation of ``graph`` the bbc-facts scorer scores, by its own matching."""
    folder = shared / "benchmarks" / "bbc-facts"
    scorer = load_module(folder / "score.py", "bbc_score")
    (path,) = write_views(graph, work / "bbc", ["ttl"])
    index = scorer.GraphIndex(scorer.load_graph(str(path)))
    facts = [scorer.Fact(r[0], scorer.alternatives(r[1]), tuple(scorer.key(p) for p in r[2].split(",") if p.strip()),
                         scorer.alternatives(r[3]), " | ".join(r[1:4]))
             for r in scorer.read_rows(str(folder / "dev_facts.tsv"), 4)]
    by_predicate = defaultdict(list)
    for fact in facts:
        for name in fact.predicates:
            by_predicate[name].append(fact)
    for relation in graph.relations:
        reading = scorer.canonical(URIRef(relation.predicate))
        s, o = URIRef(relation.subject), URIRef(relation.object)
        if not reading or s not in index.entities or o not in index.entities:
            continue
        name, reverse = reading
        gs, go = (o, s) if reverse else (s, o)
        yield relation, any(scorer.fact_matches(index, fact, gs, go, name) for fact in by_predicate[name])


def bbc_outcomes(verdicts: Iterable[tuple[Relation, bool]]) -> Outcomes:
    """Credit every rule among a scored fact's evidence with the fact's verdict."""
    outcomes: Outcomes = defaultdict(Tally)
    for relation, right in verdicts:
        for rule in sorted({evidence.rule for evidence in relation.evidence}):
            outcomes[rule, local_name(relation.predicate)].add(right, BBC_WEIGHT)
    return outcomes


def refitted_confidence(relation: Relation, table: dict[str, dict[str, float]]) -> float:
    """The fact's confidence had its evidence carried the confidences of ``table`` (the model's combination)."""
    evidence = tuple(
        replace(e, confidence=table[e.rule]["confidence"]) if e.rule in table else e for e in relation.evidence
    )
    return replace(relation, evidence=evidence).confidence


def expected_calibration_error(pairs: list[tuple[float, bool]]) -> float:
    """Bin-weighted |mean confidence - share right| over ten confidence bins (as the bbc-facts scorer reports)."""
    error = 0.0
    for b in range(BINS):
        inside = [(c, ok) for c, ok in pairs if b / BINS <= c < (b + 1) / BINS or (b == BINS - 1 and c == 1.0)]
        if inside:
            mean = sum(c for c, _ in inside) / len(inside)
            error += len(inside) / len(pairs) * abs(mean - sum(ok for _, ok in inside) / len(inside))
    return error


# --- the numbers -------------------------------------------------------------------------------------


def calibrated(outcomes: Outcomes) -> dict[str, dict[str, float]]:
    """Each rule's smoothed precision, towards the pooled precision of its predicate's rules."""
    family: dict[str, Tally] = defaultdict(Tally)
    overall = Tally()
    for (_, predicate), tally in outcomes.items():
        family[predicate].stated += tally.stated
        family[predicate].right += tally.right
        overall.stated += tally.stated
        overall.right += tally.right
    by_rule: dict[str, Tally] = defaultdict(Tally)
    priors: dict[str, list[float]] = defaultdict(list)
    for (rule, predicate), tally in outcomes.items():
        pooled = family[predicate] if family[predicate].stated >= MIN_FAMILY else overall
        by_rule[rule].stated += tally.stated
        by_rule[rule].right += tally.right
        priors[rule].append(pooled.right / pooled.stated)
    table = {}
    for rule, tally in sorted(by_rule.items()):
        prior = sum(priors[rule]) / len(priors[rule])
        value = (tally.right + SMOOTHING * prior) / (tally.stated + SMOOTHING)
        table[rule] = {"confidence": round(value, 3), "stated": round(tally.stated), "right": round(tally.right)}
    return table


def write_calibration(table: dict[str, dict[str, float]], path: Path) -> None:
    lines = [
        "# Written by `make calibrate` (benchmarks/calibrate.py): each rule's measured precision on the fitting",
        "# data (CoNLL04 train, Re-DocRED dev, bbc-facts dev; see the script for how each is scored),",
        (f"# smoothed with {SMOOTHING:g} pseudo-statements towards its predicate's pooled precision. "
         "Do not edit by hand:"),
        "# change a rule, then run `make calibrate` again. Rules not listed keep their family file's confidence.",
        "rules:",
    ]
    lines += [f"  {rule}: {{confidence: {v['confidence']}, stated: {v['stated']}, right: {v['right']}}}"
              for rule, v in table.items()]
    atomic_write_text(path, "\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.calibrate", description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="The shared data folder.")
    parser.add_argument("--output", type=Path, default=CALIBRATION_PATH)
    args = parser.parse_args(argv)
    articles = bbc_articles(args.shared)
    others: Outcomes = defaultdict(Tally)
    conll04_outcomes(args.shared, others)
    redocred_outcomes(args.shared, others)
    with tempfile.TemporaryDirectory(prefix="kg-calibrate-") as folder:
        verdicts = [list(bbc_verdicts(args.shared, bbc_graph(half(articles, which)), Path(folder))) for which in (0, 1)]
    halves = [bbc_outcomes(part) for part in verdicts]
    table = calibrated(pooled(others, *halves))
    write_calibration(table, args.output)
    print(f"wrote {args.output}: {len(table)} rules from {sum(t.stated for t in pooled(others, *halves).values()):.0f} "
          "statements")
    before = [(relation.confidence, ok) for part in verdicts for relation, ok in part]
    after = [(refitted_confidence(relation, calibrated(pooled(others, halves[1 - which]))), ok)
             for which, part in enumerate(verdicts) for relation, ok in part]
    for when, pairs in (("as built", before), ("calibrated, cross-validated", after)):
        print(f"bbc-facts dev facts {when}: ECE {expected_calibration_error(pairs):.3f} over {len(pairs)} facts "
              f"({sum(ok for _, ok in pairs)} right)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
