"""``make calibrate``: each rule's confidence becomes its measured precision in news text, in the pattern data.

For every relation a rule states on the fitting data, the set's own scorer says whether it is right:

- **bbc-facts dev**: each fact of the graph is matched by its ``score.py``, and every rule among the fact's
  evidence is credited with the outcome. It is the one set annotated for every fact an article states, in
  kg's own kind of text, so its verdicts are what a rule's confidence estimates;
- **CoNLL04 train** (not dev: dev stays a check): a record is right when its token-aligned key is gold;
- **Re-DocRED dev**: its ``score.py`` maps the record to a (head, property, tail) key, right when that key
  is gold. Re-DocRED leaves true facts unannotated (its SOURCE.md: about 4 in 10 of kg's "false positives"
  were true), so a record it calls wrong counts as :data:`REDOCRED_MISSING_SHARE` right.

CoNLL04 and Re-DocRED annotate a fixed label set (a true fact outside it counts as wrong) with conventions of
their own, so their precision is lower than the same rule's in news, by a margin that is much the same for
every rule. They give the prior, not the verdict: a rule's precision on each of them, smoothed with ``K`` =
:data:`SMOOTHING` pseudo-statements towards its predicate's pooled precision there, is moved by the set's
offset (in log-odds, one number a set, fitted so that the moved numbers add up to the bbc-facts verdicts of
the rules both have: :func:`source_offset`); the sets' moved numbers, weighed by their counts, are the prior,
and a rule's confidence is ``(right + K * prior) / (stated + K)`` over its bbc-facts verdicts. A rule only
bbc-facts shows takes bbc-facts' pooled precision as its prior; rules no set shows keep the confidence their
family file gives. The numbers go to ``kg/patterns/calibration.yaml`` (read by :mod:`kg.rules`), with the
counts behind each.

A fact's confidence combines its evidence (:attr:`kg.model.Relation.confidence`). The script reports the
expected calibration error (ECE) of bbc-facts facts cross-validated: the articles are split in two halves,
and each half's facts are scored with numbers fitted without that half (offsets included).

bbc-facts dev is text every change to a rule is checked on, so its verdicts overrate the rules on news they were
never checked on. The script measures that overrating where it can: CoNLL04 dev is checked at every change too,
CoNLL04 train is not, and the log-odds by which train's pooled precision falls short of dev's
(:func:`development_offset`) moves every calibrated confidence. CoNLL04 dev is never fitted on otherwise.
Only the scorers' code and the shared data are read; nothing of the data is written into the repository.

Example:  python -m benchmarks.calibrate --shared ../shared   (or: make calibrate)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType
from typing import Any

from rdflib import URIRef

from kg.evaluate import load_conll04, load_label_map, restated_for_redocred, token_aligned
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
OFFSET_RANGE = 8.0  # the largest log-odds offset a set's precision may need (a bracket for the bisection)
BISECTIONS = 40


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


def conll04_outcomes(shared: Path, outcomes: Outcomes, split: str = "train") -> None:
    """Credit each CoNLL04 relation record's rule (of ``split``: train, or dev) with whether its key is gold."""
    examples = load_conll04(shared / "benchmarks" / "conll04" / f"conll04_{split}.json")
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
            by_doc[record["doc"]].append(restated_for_redocred(record))
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
            outcomes[rule, local_name(relation.predicate)].add(right)
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


def by_rule(outcomes: Outcomes) -> dict[str, Tally]:
    """The outcomes of each rule, over all the predicates it stated."""
    total: dict[str, Tally] = defaultdict(Tally)
    for (rule, _), tally in outcomes.items():
        total[rule] += tally
    return total


def smoothed_precision(outcomes: Outcomes) -> dict[str, float]:
    """Each rule's precision on one set, smoothed towards the pooled precision of its predicate's rules there."""
    family: dict[str, Tally] = defaultdict(Tally)
    overall = Tally()
    for (_, predicate), tally in outcomes.items():
        family[predicate] += tally
        overall += tally
    priors: dict[str, list[float]] = defaultdict(list)
    for rule, predicate in outcomes:
        kin = family[predicate] if family[predicate].stated >= MIN_FAMILY else overall
        priors[rule].append(kin.right / kin.stated)
    return {
        rule: (tally.right + SMOOTHING * sum(priors[rule]) / len(priors[rule])) / (tally.stated + SMOOTHING)
        for rule, tally in by_rule(outcomes).items()
    }


def moved(precision: float, offset: float) -> float:
    """``precision`` moved by ``offset`` in log-odds."""
    precision = min(max(precision, 1e-6), 1 - 1e-6)
    return 1.0 / (1.0 + math.exp(-math.log(precision / (1 - precision)) - offset))


def source_offset(precision: dict[str, float], verdicts: dict[str, Tally]) -> float:
    """The log-odds offset that makes a set's precision of the rules it shares with ``verdicts`` add up to their
    right verdicts (found by bisection: the sum rises with the offset); 0 when they share no rule."""
    shared = [(precision[rule], tally) for rule, tally in verdicts.items() if rule in precision]
    if not shared:
        return 0.0
    right = sum(tally.right for _, tally in shared)
    low, high = -OFFSET_RANGE, OFFSET_RANGE
    for _ in range(BISECTIONS):
        middle = (low + high) / 2
        if sum(tally.stated * moved(p, middle) for p, tally in shared) < right:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def development_offset(checked: Outcomes, unchecked: Outcomes) -> float:
    """The log-odds by which the rules' pooled precision on text they were not checked against (CoNLL04 train)
    falls short of it on text every change is checked against (CoNLL04 dev); 0 if it does not fall short.

    bbc-facts dev is such checked text too, so its verdicts overrate the rules on unseen news by about as much.
    """
    def log_odds(outcomes: Outcomes) -> float:
        total = Tally()
        for tally in outcomes.values():
            total += tally
        precision = (total.right + 1) / (total.stated + 2)
        return math.log(precision / (1 - precision))

    return min(0.0, log_odds(unchecked) - log_odds(checked))


def calibrated(
    sources: dict[str, Outcomes], news: Outcomes, development: float = 0.0
) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Each rule's bbc-facts precision (``news``), smoothed towards its moved precision on the other ``sources``,
    then moved by the ``development`` offset; with each source's offset."""
    verdicts = by_rule(news)
    priors: dict[str, Tally] = defaultdict(Tally)  # moved precisions, weighed by the statements behind each
    offsets = {}
    for name, outcomes in sources.items():
        precision = smoothed_precision(outcomes)
        offsets[name] = source_offset(precision, verdicts)
        counts = by_rule(outcomes)
        for rule, value in precision.items():
            priors[rule].add(moved(value, offsets[name]), counts[rule].stated)
    overall = Tally()
    for tally in verdicts.values():
        overall += tally
    fallback = (overall.right + 1) / (overall.stated + 2)  # a rule only bbc-facts shows: its pooled precision
    table = {}
    for rule in sorted(verdicts.keys() | priors.keys()):
        prior = priors[rule].right / priors[rule].stated if rule in priors else fallback
        tally = verdicts.get(rule, Tally())
        value = moved((tally.right + SMOOTHING * prior) / (tally.stated + SMOOTHING), development)
        table[rule] = {"confidence": round(value, 3), "prior": round(prior, 3), "stated": round(tally.stated),
                       "right": round(tally.right)}
    return table, offsets


def write_calibration(
    table: dict[str, dict[str, float]], offsets: dict[str, float], development: float, path: Path
) -> None:
    moves = ", ".join(f"{name} {offset:+.2f}" for name, offset in offsets.items())
    lines = [
        "# Written by `make calibrate` (benchmarks/calibrate.py): each rule's precision on bbc-facts dev (stated and",
        f"# right: its facts there), smoothed with {SMOOTHING:g} pseudo-statements towards a prior: its precision on",
        f"# CoNLL04 train and Re-DocRED dev moved by each set's log-odds offset ({moves}); then moved by",
        f"# {development:+.2f}, what CoNLL04 train's precision falls short of dev's (train: not checked on).",
        "# Do not edit by hand: change a rule, then run `make calibrate` again. Rules not listed keep their family",
        "# file's confidence.",
        "rules:",
    ]
    lines += [f"  {rule}: {{confidence: {v['confidence']}, prior: {v['prior']}, stated: {v['stated']}, "
              f"right: {v['right']}}}" for rule, v in table.items()]
    atomic_write_text(path, "\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.calibrate", description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="The shared data folder.")
    parser.add_argument("--output", type=Path, default=CALIBRATION_PATH)
    args = parser.parse_args(argv)
    articles = bbc_articles(args.shared)
    sources: dict[str, Outcomes] = {"CoNLL04": defaultdict(Tally), "Re-DocRED": defaultdict(Tally)}
    conll04_outcomes(args.shared, sources["CoNLL04"])
    checked: Outcomes = defaultdict(Tally)
    conll04_outcomes(args.shared, checked, "dev")
    development = development_offset(checked, sources["CoNLL04"])
    redocred_outcomes(args.shared, sources["Re-DocRED"])
    with tempfile.TemporaryDirectory(prefix="kg-calibrate-") as folder:
        verdicts = [list(bbc_verdicts(args.shared, bbc_graph(half(articles, which)), Path(folder))) for which in (0, 1)]
    halves = [bbc_outcomes(part) for part in verdicts]
    table, offsets = calibrated(sources, pooled(*halves), development)
    write_calibration(table, offsets, development, args.output)
    print(f"wrote {args.output}: {len(table)} rules from {sum(t.stated for t in pooled(*halves).values()):.0f} "
          f"bbc-facts verdicts; offsets {', '.join(f'{name} {offset:+.2f}' for name, offset in offsets.items())}, "
          f"development {development:+.2f}")
    before = [(relation.confidence, ok) for part in verdicts for relation, ok in part]
    after = [(refitted_confidence(relation, calibrated(sources, halves[1 - which], development)[0]), ok)
             for which, part in enumerate(verdicts) for relation, ok in part]
    for when, pairs in (("as built", before), ("calibrated, cross-validated", after)):
        print(f"bbc-facts dev facts {when}: ECE {expected_calibration_error(pairs):.3f} over {len(pairs)} facts "
              f"({sum(ok for _, ok in pairs)} right)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
