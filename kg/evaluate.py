"""Score extraction against CoNLL04-format annotations (Roth & Yih 2004).

The measure is the benchmark's: a sentence's text is its tokens joined by single spaces;
entity spans are compared as exact character offsets with their label (Peop, Org, Loc);
relations with their label and both argument spans; precision, recall and F1 per label
and micro-averaged. How kg's classes and predicates map to the CoNLL04 labels is data
(``kg/patterns/benchmarks/entity-relation-labels.yaml``). The pipeline scored is exactly the one behind
``kg extract``: parse, extract, resolve across the whole file, then read the records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kg.defaults import DEFAULT_BASE, DEFAULT_MODEL
from kg.errors import InputError
from kg.fileio import read_yaml
from kg.model import Document
from kg.parse import parse_documents
from kg.resolve import extraction_records, resolve
from kg.vocab import class_ancestors, is_a, local_name, term

CONLL04_MAP = Path(__file__).resolve().parent / "patterns" / "benchmarks" / "entity-relation-labels.yaml"
REDOCRED_MAP = CONLL04_MAP.with_name("redocred-predicates.yaml")
ENTITY_LABELS = ("Peop", "Org", "Loc")

Span = tuple[int, int]
EntityKey = tuple[str, int, int, str]
RelationKey = tuple[str, str, int, int, int, int]


@dataclass(frozen=True)
class Example:
    """One annotated sentence: its text and gold entities and relations as character spans."""

    id: str
    text: str
    entities: frozenset[EntityKey]
    relations: frozenset[RelationKey]


@dataclass(frozen=True)
class LabelScore:
    """Counts and scores for one label (or the micro average)."""

    label: str
    gold: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Counts and rounded scores, JSON-ready."""
        return {
            "label": self.label,
            "gold": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Evaluation:
    """Per-label and micro scores for entities and relations."""

    sentences: int
    entities: tuple[LabelScore, ...]
    relations: tuple[LabelScore, ...]
    errors: dict[str, list[Any]] = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """The scores as JSON-ready dictionaries."""
        return {
            "sentences": self.sentences,
            "entities": [s.as_dict() for s in self.entities],
            "relations": [s.as_dict() for s in self.relations],
        }


@dataclass(frozen=True)
class LabelMap:
    """How kg's classes and predicates map to CoNLL04 labels (see ``entity-relation-labels.yaml``)."""

    entity_labels: dict[str, str]
    relation_labels: dict[str, str]
    location_predicates: frozenset[str]
    location_labels: dict[str, str]
    signatures: dict[str, tuple[str, str]]
    other_rules: frozenset[str] = frozenset()

    def entity_label(self, class_iri: str) -> str | None:
        """The CoNLL04 label of a kg class IRI (its nearest mapped ancestor), or ``None``."""
        ancestors = class_ancestors(local_name(class_iri))
        return next((label for cls, label in self.entity_labels.items() if cls in ancestors), None)

    def relation_label(self, predicate_iri: str, subject_label: str | None, object_label: str | None) -> str | None:
        """The CoNLL04 label a relation record maps to, if its arguments fit that label's signature."""
        predicate = local_name(predicate_iri)
        if predicate in self.location_predicates:
            label = self.location_labels.get(subject_label or "")
        else:
            label = self.relation_labels.get(predicate)
        if label is None or self.signatures.get(label) != (subject_label, object_label):
            return None
        return label


@cache
def load_label_map(path: Path = CONLL04_MAP) -> LabelMap:
    """Read the class and predicate mapping to CoNLL04 labels."""
    data = read_yaml(path)
    return LabelMap(
        entity_labels=dict(data["entity_labels"]),
        relation_labels=dict(data["relation_labels"]),
        location_predicates=frozenset(data["location_predicates"]),
        location_labels=dict(data["location_labels"]),
        signatures={label: (pair[0], pair[1]) for label, pair in data["signatures"].items()},
        other_rules=frozenset(data.get("other_rules", [])),
    )


@cache
def _redocred_restated(path: Path = REDOCRED_MAP) -> dict[str, dict[str, str]]:
    return {predicate: dict(by_class) for predicate, by_class in read_yaml(path)["restated"].items()}


def restated_for_redocred(record: dict[str, Any]) -> dict[str, Any]:
    """A relation record with its predicate in the one Re-DocRED's scorer reads, where kg's ontology draws a
    finer line (``redocred-predicates.yaml``: a country's office holder worksIn it, and is its citizen)."""
    by_class = _redocred_restated().get(local_name(str(record.get("predicate", ""))))
    if record.get("kind") != "relation" or not by_class:
        return record
    object_class = local_name(str(record["object"].get("type", "")))
    restated = next((p for cls, p in by_class.items() if is_a(object_class, cls)), None)
    return record if restated is None else {**record, "predicate": str(term(restated))}


def load_conll04(path: Path) -> list[Example]:
    """Read a CoNLL04 JSON file (SpERT layout) into examples with character spans.

    Raises:
        InputError: the file cannot be read or is not in the expected layout.
    """
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
        return [_example(f"{index:05d}", record) for index, record in enumerate(records)]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read CoNLL04 data: {exc}") from exc
    except (KeyError, IndexError, TypeError) as exc:
        raise InputError(f"{path}: not CoNLL04 JSON (a list of tokens/entities/relations records): {exc!r}") from exc


def _example(doc_id: str, record: dict[str, Any]) -> Example:
    tokens: list[str] = record["tokens"]
    starts, position = [], 0
    for token in tokens:
        starts.append(position)
        position += len(token) + 1
    spans = [(starts[e["start"]], starts[e["end"] - 1] + len(tokens[e["end"] - 1]), e["type"])
             for e in record["entities"]]
    entities = frozenset((doc_id, s, e, label) for s, e, label in spans if label in ENTITY_LABELS)
    relations = frozenset(
        (doc_id, r["type"], *spans[r["head"]][:2], *spans[r["tail"]][:2]) for r in record["relations"]
    )
    return Example(doc_id, " ".join(tokens), entities, relations)


def predictions(
    records: Iterable[dict[str, Any]], labels: LabelMap, texts: dict[str, str]
) -> tuple[set[EntityKey], set[RelationKey]]:
    """The scored entity and relation keys that ``kg extract`` records amount to.

    Spans are aligned to the benchmark's tokens (``texts`` holds each sentence): a span that
    covers part of a token covers all of it, as in token-level scoring ("Texas" in the
    benchmark token "Texas." is that token).
    """
    entities: set[EntityKey] = set()
    relations: set[RelationKey] = set()
    for record in records:
        text = texts[record["doc"]]
        if record["kind"] == "mention":
            label = None if record.get("rule") in labels.other_rules else labels.entity_label(record["type"])
            if label is not None:
                entities.add((record["doc"], *token_aligned(text, record["start"], record["end"]), label))
            continue
        subject, obj = record["subject"], record["object"]
        label = labels.relation_label(
            record["predicate"], labels.entity_label(subject["type"]), labels.entity_label(obj["type"])
        )
        if label is not None:
            head = token_aligned(text, subject["start"], subject["end"])
            tail = token_aligned(text, obj["start"], obj["end"])
            relations.add((record["doc"], label, *head, *tail))
    return entities, relations


def token_aligned(text: str, start: int, end: int) -> Span:
    """Widen a span to whole space-separated tokens of ``text``.

    Examples:
        >>> text = "He lives in Austin , Texas."
        >>> start = text.index("Texas")
        >>> text[slice(*token_aligned(text, start, start + 5))]
        'Texas.'
    """
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    return left, len(text) if right < 0 else right


def score(gold: set[Any], predicted: set[Any], label_of: int, labels: Iterable[str]) -> tuple[LabelScore, ...]:
    """Per-label scores then the micro average; ``label_of`` is the key position holding the label."""
    per_label = []
    for label in labels:
        g = {k for k in gold if k[label_of] == label}
        p = {k for k in predicted if k[label_of] == label}
        per_label.append(LabelScore(label, len(g), len(p), len(g & p)))
    micro = LabelScore(
        "micro", sum(s.gold for s in per_label), sum(s.predicted for s in per_label), sum(s.correct for s in per_label)
    )
    return (*per_label, micro)


def evaluate_conll04(path: Path, *, model: str | None = None, base: str = DEFAULT_BASE) -> Evaluation:
    """Run the extraction pipeline over a CoNLL04 file and score it.

    Args:
        path: a CoNLL04 JSON file (SpERT layout).
        model: spaCy pipeline to use (kg's default when ``None``).
        base: base IRI for minted entity IRIs (does not affect the scores).
    """
    examples = load_conll04(path)
    documents = [Document.from_text(example.id, example.text) for example in examples]
    extractions = list(parse_documents(documents, model=model or DEFAULT_MODEL))
    records = list(extraction_records(extractions, resolve(extractions, base)))
    labels = load_label_map()
    entities, relations = predictions(records, labels, {example.id: example.text for example in examples})
    gold_entities = {k for example in examples for k in example.entities}
    gold_relations = {k for example in examples for k in example.relations}
    relation_labels = sorted(labels.signatures)
    return Evaluation(
        len(examples),
        score(gold_entities, entities, 3, ENTITY_LABELS),
        score(gold_relations, relations, 1, relation_labels),
        errors={
            "entity_false_positives": sorted(entities - gold_entities),
            "entity_false_negatives": sorted(gold_entities - entities),
            "relation_false_positives": sorted(relations - gold_relations),
            "relation_false_negatives": sorted(gold_relations - relations),
        },
    )


def error_lines(evaluation: Evaluation, examples: list[Example]) -> Iterator[str]:
    """Readable lines for each error (kind, sentence id, label, span texts), for error analysis."""
    texts = {example.id: example.text for example in examples}
    for kind, keys in evaluation.errors.items():
        for key in keys:
            text = texts[key[0]]
            if kind.startswith("entity"):
                yield f"{kind}\t{key[0]}\t{key[3]}\t{text[key[1]:key[2]]}"
            else:
                yield f"{kind}\t{key[0]}\t{key[1]}\t{text[key[2]:key[3]]}\t{text[key[4]:key[5]]}"
