"""The graph as rows: what the CSV, Neo4j and LadybugDB outputs share, and the one CSV writer they all use.

Every fact is a :class:`FactRow` (its relationship type, confidence, support count, and the
first and last dates the documents supporting it were published) with one :class:`EvidenceRow`
per supporting sentence. Node labels and relationship types are the ontology's local names:
an entity's labels are its class and the class's ancestors (:func:`kg.vocab.class_ancestors`),
a fact's type its predicate's local name; open relations (``open:<verb>``, an unbounded set)
share the type ``open`` and keep their verb in ``predicate``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from kg.model import Document, KnowledgeGraph, Relation
from kg.vocab import (
    OPEN,
    OPEN_PREFIX,
    class_ancestors,
    declared_terms,
    is_a,
    local_name,
    mint_document_iri,
    mint_evidence_iri,
    mint_fact_iri,
)

Cell = str | int | float | date | None
"""A value a CSV writer writes into one field (lists are joined by each format in its own way)."""

OPEN_TYPE = OPEN_PREFIX.removesuffix(":")
"""The relationship type of every open relation (its verb is in the ``predicate`` property)."""

_CYPHER_ESCAPES = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)} | {
    ord("\\"): "\\\\", ord("'"): "\\'", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t",
    ord("\b"): "\\b", ord("\f"): "\\f",
}


@dataclass(frozen=True)
class EvidenceRow:
    """One sentence supporting one fact: where it is, who read it, and its document's date."""

    iri: str
    fact: str
    document: str
    date: date | None
    sentence: str
    start_offset: int
    end_offset: int
    rule: str
    confidence: float
    stated_predicate: str | None


@dataclass(frozen=True)
class FactRow:
    """One fact with its evidence; ``predicate`` is the local name (``released``, ``open:praise``)."""

    iri: str
    subject: str
    type: str
    predicate: str
    predicate_iri: str
    object: str
    confidence: float
    support_count: int
    first_reported: date | None
    last_reported: date | None
    evidence: tuple[EvidenceRow, ...]


def reported_date(value: str | None) -> date | None:
    """The calendar date of a document's ``date`` (ISO 8601 date or date-time); ``None`` if absent or unreadable.

    Examples:
        >>> reported_date("2025-01-20T09:30:00+08:00")
        datetime.date(2025, 1, 20)
        >>> reported_date("last spring") is None and reported_date(None) is None
        True
    """
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None


def relationship_type(predicate_iri: str) -> str:
    """The relationship type of a fact's predicate: its local name, or ``open`` for an open relation.

    Examples:
        >>> relationship_type("https://w3id.org/offline-kg/ontology#released")
        'released'
        >>> relationship_type("https://w3id.org/offline-kg/open#praise")
        'open'
    """
    return OPEN_TYPE if predicate_iri.startswith(str(OPEN)) else local_name(predicate_iri)


@cache
def entity_classes() -> tuple[str, ...]:
    """The ontology's entity classes (``Entity`` and its subclasses), by local name, sorted."""
    return tuple(sorted(name for name in declared_terms() if is_a(name, "Entity")))


def node_labels(type_name: str) -> tuple[str, ...]:
    """The labels of an entity of class ``type_name``: the class and its ancestors, ``Entity`` first.

    Examples:
        >>> node_labels("Chip")
        ('Entity', 'Chip', 'Hardware', 'Product')
    """
    return ("Entity", *sorted(class_ancestors(type_name) - {"Entity"}))


def fact_rows(graph: KnowledgeGraph) -> list[FactRow]:
    """Every fact of ``graph`` as a row, sorted by (subject, predicate, object), with its evidence rows."""
    return [_fact_row(graph, relation) for relation in graph.relations]


def _fact_row(graph: KnowledgeGraph, relation: Relation) -> FactRow:
    fact = mint_fact_iri(graph.base, relation.subject, relation.predicate, relation.object)
    evidence = tuple(
        EvidenceRow(
            iri=mint_evidence_iri(
                graph.base, fact, e.doc_id, e.sentence.start, e.sentence.end, e.rule, e.stated_predicate
            ),
            fact=fact,
            document=e.doc_id,
            date=document_date(graph, e.doc_id),
            sentence=e.sentence.text,
            start_offset=e.sentence.start,
            end_offset=e.sentence.end,
            rule=e.rule,
            confidence=e.confidence,
            stated_predicate=local_name(e.stated_predicate) if e.stated_predicate else None,
        )
        for e in relation.evidence
    )
    dates = sorted(row.date for row in evidence if row.date is not None)
    return FactRow(
        iri=fact,
        subject=relation.subject,
        type=relationship_type(relation.predicate),
        predicate=local_name(relation.predicate),
        predicate_iri=relation.predicate,
        object=relation.object,
        confidence=relation.confidence,
        support_count=len(relation.evidence),
        first_reported=dates[0] if dates else None,
        last_reported=dates[-1] if dates else None,
        evidence=evidence,
    )


def document_date(graph: KnowledgeGraph, doc_id: str) -> date | None:
    """The publication date of document ``doc_id`` of ``graph`` (``None`` when unknown)."""
    document = graph.documents.get(doc_id)
    return reported_date(document.date) if document else None


def document_iri(graph: KnowledgeGraph, doc_id: str) -> str:
    """The IRI of document ``doc_id`` in ``graph`` (as in the RDF output)."""
    return mint_document_iri(graph.base, doc_id)


def documents(graph: KnowledgeGraph) -> list[Document]:
    """The documents of ``graph``, sorted by id."""
    return [graph.documents[doc_id] for doc_id in sorted(graph.documents)]


def cypher_string(value: str) -> str:
    """``value`` as a Cypher string literal: single-quoted, with backslash escapes for ``\\``, ``'`` and controls.

    Examples:
        >>> print(cypher_string("it's a \\\\ and\\na line"))
        'it\\'s a \\\\ and\\na line'
    """
    return "'" + value.translate(_CYPHER_ESCAPES) + "'"


def cypher_name(name: str) -> str:
    """``name`` as a Cypher identifier in backticks (a backtick doubled), for labels, types and tables."""
    return "`" + name.replace("`", "``") + "`"


def csv_field(value: Cell) -> str:
    """One RFC 4180 field: ISO dates, Python's shortest float text; quoted (``"`` doubled) when it holds a comma,
    quote or line break, or is the empty string; nothing at all for ``None``, so readers can tell "" from NULL.

    Examples:
        >>> [csv_field(v) for v in ('a "b", c', "", None, 0.5)]
        ['"a ""b"", c"', '""', '', '0.5']
    """
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    if not text or any(char in text for char in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Iterable[Cell]]) -> int:
    """Write an RFC 4180 file (UTF-8, CRLF, a header row); return the number of rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(",".join(map(csv_field, header)) + "\r\n")
        for row in rows:
            file.write(",".join(map(csv_field, row)) + "\r\n")
            count += 1
    return count
