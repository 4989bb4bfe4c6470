"""The graph as three CSV files for spreadsheets and pandas: ``entities.csv``, ``facts.csv``, ``evidence.csv``.

RFC 4180 (UTF-8, CRLF, a header row); the columns are documented in docs/property-graphs.md.
List values (aliases) are JSON arrays in one field, so no name can be split wrongly.
"""

from __future__ import annotations

import json
from pathlib import Path

from kg.model import KnowledgeGraph
from kg.views.context import ViewContext
from kg.views.tables import fact_rows, write_csv

ENTITY_COLUMNS = ("iri", "label", "type", "aliases", "mention_count", "documents")
FACT_COLUMNS = (
    "fact", "subject", "subject_label", "predicate", "object", "object_label", "confidence", "support_count",
    "first_reported", "last_reported", "predicate_iri",
)
EVIDENCE_COLUMNS = (
    "evidence", "fact", "document", "date", "sentence", "start_offset", "end_offset", "rule", "confidence",
    "stated_predicate",
)


def write_csv_folder(kg: KnowledgeGraph, folder: Path) -> None:
    """Create ``folder`` with ``entities.csv``, ``facts.csv`` and ``evidence.csv``."""
    folder.mkdir()
    write_csv(
        folder / "entities.csv",
        ENTITY_COLUMNS,
        (
            (e.iri, e.label, e.type, _json_list(e.aliases), e.mention_count, _json_list(e.documents))
            for e in kg.entities
        ),
    )
    facts = fact_rows(kg)
    label = {entity.iri: entity.label for entity in kg.entities}
    write_csv(
        folder / "facts.csv",
        FACT_COLUMNS,
        (
            (f.iri, f.subject, label[f.subject], f.predicate, f.object, label[f.object], f.confidence,
             f.support_count, f.first_reported, f.last_reported, f.predicate_iri)
            for f in facts
        ),
    )
    write_csv(
        folder / "evidence.csv",
        EVIDENCE_COLUMNS,
        (
            (e.iri, e.fact, e.document, e.date, e.sentence, e.start_offset, e.end_offset, e.rule, e.confidence,
             e.stated_predicate)
            for f in facts
            for e in f.evidence
        ),
    )


def _json_list(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def csv_folder(context: ViewContext, name: str, target: Path) -> None:
    """The ``csv`` output (see :func:`write_csv_folder`)."""
    write_csv_folder(context.graph, target)
