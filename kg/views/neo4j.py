"""The graph for Neo4j: the CSV files of ``neo4j-admin database import full``, and a Cypher script for ``cypher-shell``.

The folder ``PREFIX.neo4j/`` holds

* node files ``entities.csv`` (labels ``Entity`` plus the entity's class and its ancestors),
  ``documents.csv`` (``Document``) and ``evidence.csv`` (``Evidence``), keyed by IRI (``iri:ID``);
* relationship files ``facts.csv`` (one relationship per fact, typed by its predicate's local name,
  ``open`` for open relations), ``mentions.csv`` (document to entity) and ``from_document.csv``
  (evidence to document);
* ``import.cypher``, the same graph as idempotent statements (``MERGE`` on the IRIs) for an existing
  database, and ``README.txt`` with both commands.

Headers follow the import tool's rules (``:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``,
``name:type`` with ``[]`` for arrays). Fields may hold newlines (``--multiline-fields=true``); arrays
are joined by ``;`` unless some value holds one, then by the first private-use character no value
holds (README.txt gives the ``--array-delimiter`` to use). A fact's evidence is a node whose ``fact``
property is the fact relationship's ``fact``, so ``MATCH (e:Evidence {fact: r.fact})`` finds it.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Literal

from kg.errors import OutputError
from kg.model import KnowledgeGraph
from kg.views.context import ViewContext
from kg.views.tables import (
    Cell,
    cypher_name,
    cypher_string,
    document_date,
    document_iri,
    documents,
    fact_rows,
    node_labels,
    write_csv,
)
from kg.vocab import local_name, term

Value = Cell | tuple[str, ...]
Property = tuple[str, str]
"""A property's name and its import header type: ``string``, ``long``, ``double``, ``date`` or ``string[]``."""

ENTITY_PROPERTIES: tuple[Property, ...] = (
    ("label", "string"), ("type", "string"), ("aliases", "string[]"), ("mention_count", "long"),
)
DOCUMENT_PROPERTIES: tuple[Property, ...] = (
    ("id", "string"), ("label", "string"), ("title", "string"), ("date", "date"), ("source", "string"),
    ("sha256", "string"),
)
EVIDENCE_PROPERTIES: tuple[Property, ...] = (
    ("fact", "string"), ("document", "string"), ("date", "date"), ("sentence", "string"), ("start_offset", "long"),
    ("end_offset", "long"), ("rule", "string"), ("confidence", "double"), ("stated_predicate", "string"),
)
FACT_PROPERTIES: tuple[Property, ...] = (
    ("fact", "string"), ("predicate", "string"), ("predicate_iri", "string"), ("confidence", "double"),
    ("support_count", "long"), ("first_reported", "date"), ("last_reported", "date"),
)
NODE_KEYS = ("Entity", "Document", "Evidence")
"""The label every node of each node file has, and whose ``iri`` is unique (``MERGE`` matches on it)."""
ARRAY_DELIMITERS = ";|" + "".join(map(chr, range(0xE000, 0xF900)))
"""Array delimiters to try, in order: the import tool's default, then characters text rarely holds."""


@dataclass(frozen=True)
class Row:
    """A node (``key`` its IRI) or a relationship (``key`` to ``end``, ``labels`` holding its type)."""

    key: str
    labels: tuple[str, ...]
    values: tuple[Value, ...]
    end: str = ""


@dataclass(frozen=True)
class Table:
    """One import file: nodes, or relationships between nodes labelled ``start`` and ``end``."""

    file: str
    kind: Literal["nodes", "relationships"]
    properties: tuple[Property, ...]
    rows: list[Row]
    start: str = ""
    end: str = ""
    merge_key: str = ""
    """For relationships: the property that tells two relationships of one type between the same nodes apart."""

    def header(self) -> list[str]:
        """The import tool's header row."""
        keys = ["iri:ID", ":LABEL"] if self.kind == "nodes" else [":START_ID", ":END_ID", ":TYPE"]
        return keys + [name if kind == "string" else f"{name}:{kind}" for name, kind in self.properties]


def neo4j_tables(kg: KnowledgeGraph) -> list[Table]:
    """The node and relationship files of ``kg``, in import order."""
    entity, document, evidence = map(_declared, NODE_KEYS)
    facts = fact_rows(kg)
    return [
        Table("entities.csv", "nodes", ENTITY_PROPERTIES, [
            Row(e.iri, node_labels(e.type), (e.label, e.type, e.aliases, e.mention_count)) for e in kg.entities
        ]),
        Table("documents.csv", "nodes", DOCUMENT_PROPERTIES, [
            Row(document_iri(kg, d.id), (document,), (d.id, d.title or d.id, d.title, document_date(kg, d.id),
                                                   d.source, d.sha256))
            for d in documents(kg)
        ]),
        Table("evidence.csv", "nodes", EVIDENCE_PROPERTIES, [
            Row(e.iri, (evidence,), (e.fact, e.document, e.date, e.sentence, e.start_offset, e.end_offset, e.rule,
                                     e.confidence, e.stated_predicate))
            for f in facts
            for e in f.evidence
        ]),
        Table("facts.csv", "relationships", FACT_PROPERTIES, [
            Row(f.subject, (f.type,), (f.iri, f.predicate, f.predicate_iri, f.confidence, f.support_count,
                                       f.first_reported, f.last_reported), f.object)
            for f in facts
        ], entity, entity, merge_key="fact"),
        Table("mentions.csv", "relationships", (), [
            Row(document_iri(kg, doc_id), (_declared("mentions"),), (), e.iri)
            for e in kg.entities
            for doc_id in e.documents
        ], document, entity),
        Table("from_document.csv", "relationships", (), [
            Row(e.iri, (_declared("fromDocument"),), (), document_iri(kg, e.document))
            for f in facts
            for e in f.evidence
        ], evidence, document),
    ]


def _declared(name: str) -> str:
    """``name``, checked to be a term the ontology declares."""
    return local_name(term(name))


def array_delimiter(tables: Iterable[Table]) -> str:
    """The first of :data:`ARRAY_DELIMITERS` that no array value nor label holds.

    Raises:
        OutputError: every candidate occurs in some value.
    """
    used = set("".join(chain.from_iterable(map(_array_items, tables))))
    for candidate in ARRAY_DELIMITERS:
        if candidate not in used:
            return candidate
    raise OutputError("no array delimiter left for the Neo4j files: the names use every candidate character")


def _array_items(table: Table) -> Iterator[str]:
    """Every label and array item of ``table``: what the array delimiter must not occur in."""
    arrays = [i for i, (_, kind) in enumerate(table.properties) if kind.endswith("[]")]
    for row in table.rows:
        yield from row.labels
        for i in arrays:
            value = row.values[i]
            if isinstance(value, tuple):
                yield from value


def _csv_row(row: Row, kind: str, delimiter: str) -> Iterator[Cell]:
    yield row.key
    if kind == "relationships":
        yield row.end
    yield delimiter.join(row.labels)
    for value in row.values:
        yield delimiter.join(value) if isinstance(value, tuple) else value


def write_import_files(tables: Sequence[Table], folder: Path, delimiter: str) -> None:
    """Write each table as ``folder/<file>`` with its import header."""
    for table in tables:
        write_csv(folder / table.file, table.header(), (_csv_row(row, table.kind, delimiter) for row in table.rows))


def cypher_value(value: Value) -> str:
    """``value`` as a Cypher literal (``null`` for ``None``; ``date('…')`` for a date).

    Examples:
        >>> cypher_value(("a'b", "c")), cypher_value(0.75), cypher_value(None)
        ("['a\\\\'b', 'c']", '0.75', 'null')
    """
    if value is None:
        return "null"
    if isinstance(value, tuple):
        return "[" + ", ".join(map(cypher_string, value)) + "]"
    if isinstance(value, date):
        return f"date('{value.isoformat()}')"
    if isinstance(value, str):
        return cypher_string(value)
    return repr(value)


def cypher_statements(tables: Sequence[Table]) -> Iterator[str]:
    """Idempotent statements that create or update the graph of ``tables``: ``MERGE`` on IRIs, then ``SET``."""
    for label in map(_declared, NODE_KEYS):
        name = f"kg_{label.lower()}_iri"
        yield f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{cypher_name(label)}) REQUIRE n.iri IS UNIQUE;"
    evidence = cypher_name(_declared("Evidence"))
    yield f"CREATE INDEX kg_evidence_fact IF NOT EXISTS FOR (n:{evidence}) ON (n.fact);"
    for table in tables:
        for row in table.rows:
            yield _node_statement(table, row) if table.kind == "nodes" else _relationship_statement(table, row)


def _assignments(variable: str, table: Table, row: Row) -> str:
    pairs = zip(table.properties, row.values, strict=True)
    return ", ".join(f"{variable}.{name} = {cypher_value(value)}" for (name, _), value in pairs)


def _node_statement(table: Table, row: Row) -> str:
    merge = f"MERGE (n:{cypher_name(row.labels[0])} {{iri: {cypher_string(row.key)}}})"
    labels = "".join(f":{cypher_name(label)}" for label in row.labels[1:])
    sets = ", ".join(filter(None, [f"n{labels}" if labels else "", _assignments("n", table, row)]))
    return f"{merge} SET {sets};"


def _relationship_statement(table: Table, row: Row) -> str:
    ends = (
        f"MATCH (a:{cypher_name(table.start)} {{iri: {cypher_string(row.key)}}}) "
        f"MATCH (b:{cypher_name(table.end)} {{iri: {cypher_string(row.end)}}})"
    )
    key = ""
    if table.merge_key:
        index = [name for name, _ in table.properties].index(table.merge_key)
        key = f" {{{table.merge_key}: {cypher_value(row.values[index])}}}"
    merge = f"MERGE (a)-[r:{cypher_name(row.labels[0])}{key}]->(b)"
    sets = _assignments("r", table, row)
    return f"{ends} {merge}" + (f" SET {sets};" if sets else ";")


def import_command(tables: Sequence[Table], folder: str, delimiter: str) -> str:
    """The ``neo4j-admin database import full`` command for the files in ``folder`` (run beside it)."""
    files = [shlex.quote(f"--{table.kind}={folder}/{table.file}") for table in tables]
    shown = f'"{delimiter}"' if delimiter.isascii() else f"U+{ord(delimiter):04X}"
    options = [f"--array-delimiter={shown}", "--multiline-fields=true", "--legacy-style-quoting=false"]
    return " \\\n    ".join(["neo4j-admin database import full", *files, *options, "--overwrite-destination neo4j"])


def readme_text(tables: Sequence[Table], folder: str, delimiter: str) -> str:
    """README.txt: what the folder holds and the two ways to load it."""
    return (
        f"{folder}: a kg knowledge graph for Neo4j 5 (see docs/property-graphs.md in kg).\n\n"
        "A new database, offline (stop the database first; run from the folder that holds this one):\n\n"
        f"  {import_command(tables, folder, delimiter)}\n\n"
        "An existing database, idempotently (MERGE on every IRI; run it again after a rebuild):\n\n"
        f"  cypher-shell -u neo4j -p PASSWORD -d neo4j -f {shlex.quote(folder + '/import.cypher')}\n\n"
        "What did DeepSeek release, and which sentence says so?\n\n"
        "  MATCH (org:Entity {label: 'DeepSeek'})-[r:released]->(product)\n"
        "  MATCH (e:Evidence {fact: r.fact})\n"
        "  RETURN product.label AS product, e.sentence AS sentence, e.document AS document;\n"
    )


def write_neo4j_folder(kg: KnowledgeGraph, folder: Path) -> None:
    """Create ``folder`` with the import files, ``import.cypher`` and ``README.txt``."""
    tables = neo4j_tables(kg)
    delimiter = array_delimiter(tables)
    folder.mkdir()
    write_import_files(tables, folder, delimiter)
    with (folder / "import.cypher").open("w", encoding="utf-8", newline="\n") as script:
        script.write("// kg graph: cypher-shell -f import.cypher (idempotent: MERGE on IRIs, then SET)\n")
        script.writelines(statement + "\n" for statement in cypher_statements(tables))
    (folder / "README.txt").write_text(readme_text(tables, folder.name, delimiter), encoding="utf-8")


def neo4j_folder(context: ViewContext, name: str, target: Path) -> None:
    """The ``neo4j`` output (see :func:`write_neo4j_folder`)."""
    write_neo4j_folder(context.graph, target)
