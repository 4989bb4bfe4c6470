"""The graph as a LadybugDB database (the maintained fork of Kùzu, an embedded Cypher engine): ``PREFIX.ladybug``.

Schema (docs/property-graphs.md):

* one node table per entity class of the ontology (``Organization``, ``AIModel``, …): ``iri`` (primary
  key), ``label``, ``aliases`` (``STRING[]``), ``mention_count``; and ``Document``: ``iri``, ``id``,
  ``label``, ``title``, ``date`` (``DATE``), ``source``, ``sha256``;
* one relationship table per fact type (the predicate's local name; ``open`` for open relations),
  with a ``FROM … TO …`` pair for each pair of classes it links: ``fact``, ``predicate``,
  ``predicate_iri``, ``confidence``, ``support_count``, ``first_reported`` and ``last_reported``
  (``DATE``, ``NULL`` when no supporting document has a date), and ``evidence``, a list of structs
  (``iri``, ``document``, ``date``, ``sentence``, ``start_offset``, ``end_offset``, ``rule``,
  ``confidence``, ``stated_predicate``): ``UNWIND r.evidence AS e`` gives the sentences of a fact;
* ``mentions``: from ``Document`` to every entity it mentions.

Everything is bulk-loaded from CSV files with ``COPY``, inserted once and never updated. A table
with a list column (aliases, evidence) is copied from ``LOAD WITH HEADERS … FROM`` a file of one
row per item, grouped back with ``collect``: LadybugDB's CSV reader keeps the quotes of strings
inside a list field, so no list of text is ever written as one field. (Setting the lists after
the copy, with ``SET``, broke LadybugDB 0.22's checkpoint on a graph of 20,000 facts.)
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import MissingDependencyError, OutputError
from kg.model import KnowledgeGraph
from kg.views import install_hint
from kg.views.context import ViewContext
from kg.views.tables import (
    Cell,
    FactRow,
    cypher_name,
    cypher_string,
    document_date,
    document_iri,
    documents,
    entity_classes,
    fact_rows,
    write_csv,
)
from kg.vocab import local_name, term

ENTITY_COLUMNS = (("iri", "STRING PRIMARY KEY"), ("label", "STRING"), ("aliases", "STRING[] DEFAULT []"),
                  ("mention_count", "INT64"))
DOCUMENT_COLUMNS = (("iri", "STRING PRIMARY KEY"), ("id", "STRING"), ("label", "STRING"), ("title", "STRING"),
                    ("date", "DATE"), ("source", "STRING"), ("sha256", "STRING"))
EVIDENCE_FIELDS = (("iri", "STRING"), ("document", "STRING"), ("date", "DATE"), ("sentence", "STRING"),
                   ("start_offset", "INT64"), ("end_offset", "INT64"), ("rule", "STRING"), ("confidence", "DOUBLE"),
                   ("stated_predicate", "STRING"))
FACT_COLUMNS = (("fact", "STRING"), ("predicate", "STRING"), ("predicate_iri", "STRING"), ("confidence", "DOUBLE"),
                ("support_count", "INT64"), ("first_reported", "DATE"), ("last_reported", "DATE"))
CSV_OPTIONS = "(HEADER=true, PARALLEL=false)"  # PARALLEL=false: fields may hold newlines


@dataclass
class Staging:
    """The load script being written: CSV files in ``folder`` and the statements that load them, in order."""

    folder: Path
    statements: list[str] = field(default_factory=list)
    files: int = 0

    def csv(self, header: Sequence[str], rows: list[Sequence[Cell]]) -> str:
        """Write the next staging file; return its path as a Cypher string literal.

        Raises:
            OutputError: a value holds a NUL character, which LadybugDB's CSV reader takes for the end of the file
                (kg removes NULs from document text, so only metadata such as a JSONL title can hold one).
        """
        for row in rows:
            for column, value in zip(header, row, strict=True):
                if isinstance(value, str) and "\x00" in value:
                    raise OutputError(f"LadybugDB cannot load a NUL character: {value!r} (a {column})")
        self.files += 1
        path = self.folder / f"{self.files}.csv"
        write_csv(path, header, rows)
        return cypher_string(str(path))


def load_script(kg: KnowledgeGraph, folder: Path) -> list[str]:
    """Write the CSV files of ``kg`` into ``folder``; return the statements that create and load the database."""
    staging = Staging(folder)
    entity_tables = sorted(set(entity_classes()) | {e.type for e in kg.entities})
    document_table = local_name(term("Document"))
    for table in entity_tables:
        staging.statements.append(_create_node_table(table, ENTITY_COLUMNS))
    staging.statements.append(_create_node_table(document_table, DOCUMENT_COLUMNS))
    _load_entities(kg, staging)
    _load_documents(kg, staging, document_table)
    _load_mentions(kg, staging, document_table)
    _load_facts(kg, staging)
    return staging.statements


def _create_node_table(table: str, columns: Sequence[tuple[str, str]]) -> str:
    return f"CREATE NODE TABLE {cypher_name(table)}({_columns(columns)})"


def _columns(columns: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{name} {kind}" for name, kind in columns)


def _create_rel_table(table: str, pairs: Sequence[tuple[str, str]], columns: Sequence[tuple[str, str]]) -> str:
    ends = ", ".join(f"FROM {cypher_name(a)} TO {cypher_name(b)}" for a, b in pairs)
    return f"CREATE REL TABLE {cypher_name(table)}({ends}{', ' if columns else ''}{_columns(columns)})"


def _load_entities(kg: KnowledgeGraph, staging: Staging) -> None:
    by_class = defaultdict(list)
    for entity in kg.entities:
        by_class[entity.type].append(entity)
    for table, entities in sorted(by_class.items()):
        path = staging.csv(
            ("iri", "label", "mention_count", "alias"),
            [(e.iri, e.label, e.mention_count, alias) for e in entities for alias in (e.aliases or (None,))],
        )
        staging.statements.append(
            f"COPY {cypher_name(table)} FROM (LOAD WITH HEADERS (iri STRING, label STRING, mention_count INT64, "
            f"alias STRING) FROM {path} {CSV_OPTIONS} WITH iri, label, mention_count, collect(alias) AS aliases "
            "RETURN iri, label, aliases, mention_count)"
        )


def _load_documents(kg: KnowledgeGraph, staging: Staging, table: str) -> None:
    rows: list[Sequence[Cell]] = [
        (document_iri(kg, d.id), d.id, d.title or d.id, d.title, document_date(kg, d.id), d.source, d.sha256)
        for d in documents(kg)
    ]
    names = [name for name, _ in DOCUMENT_COLUMNS]
    if rows:
        path = staging.csv(names, rows)
        staging.statements.append(f"COPY {cypher_name(table)}({', '.join(names)}) FROM {path} {CSV_OPTIONS}")


def _load_mentions(kg: KnowledgeGraph, staging: Staging, document_table: str) -> None:
    by_class: dict[str, list[Sequence[Cell]]] = defaultdict(list)
    for entity in kg.entities:
        by_class[entity.type].extend((document_iri(kg, d), entity.iri) for d in entity.documents)
    pairs = [(document_table, table) for table in sorted(by_class) if by_class[table]]
    if not pairs:
        return
    mentions = local_name(term("mentions"))
    staging.statements.append(_create_rel_table(mentions, pairs, ()))
    for _, table in pairs:
        path = staging.csv(("from", "to"), by_class[table])
        staging.statements.append(
            f"COPY {cypher_name(mentions)} FROM {path} "
            f"(from={cypher_string(document_table)}, to={cypher_string(table)}, HEADER=true, PARALLEL=false)"
        )


def _load_facts(kg: KnowledgeGraph, staging: Staging) -> None:
    groups: dict[str, dict[tuple[str, str], list[FactRow]]] = defaultdict(lambda: defaultdict(list))
    for fact in fact_rows(kg):
        groups[fact.type][(kg.entity(fact.subject).type, kg.entity(fact.object).type)].append(fact)
    columns = (*FACT_COLUMNS, ("evidence", f"STRUCT({_columns(EVIDENCE_FIELDS)})[]"))
    for table, by_pair in sorted(groups.items()):
        staging.statements.append(_create_rel_table(table, sorted(by_pair), columns))
        for pair, facts in sorted(by_pair.items()):
            _load_fact_group(staging, table, pair, facts)


def _load_fact_group(staging: Staging, table: str, pair: tuple[str, str], facts: list[FactRow]) -> None:
    """One row per evidence sentence, its fact's columns repeated; grouped back into facts as they are copied."""
    ends = (("subject", "STRING"), ("object", "STRING"))
    path = staging.csv([name for name, _ in (*ends, *FACT_COLUMNS, *EVIDENCE_FIELDS)], [
        (f.subject, f.object, f.iri, f.predicate, f.predicate_iri, f.confidence, f.support_count, f.first_reported,
         f.last_reported, e.iri, e.document, e.date, e.sentence, e.start_offset, e.end_offset, e.rule,
         e.confidence, e.stated_predicate)
        for f in facts
        for e in f.evidence
    ])
    # the loaded columns get an "evidence_" prefix: a fact and its evidence both have a confidence
    loaded = _columns((*ends, *FACT_COLUMNS, *((f"evidence_{name}", kind) for name, kind in EVIDENCE_FIELDS)))
    fact = ", ".join(name for name, _ in (*ends, *FACT_COLUMNS))
    struct = ", ".join(f"{name}: evidence_{name}" for name, _ in EVIDENCE_FIELDS)
    staging.statements.append(
        f"COPY {cypher_name(table)} FROM (LOAD WITH HEADERS ({loaded}) FROM {path} {CSV_OPTIONS} "
        f"WITH {fact}, collect({{{struct}}}) AS evidence RETURN {fact}, evidence) "
        f"(from={cypher_string(pair[0])}, to={cypher_string(pair[1])})"
    )


def _ladybug() -> Any:
    """The ``ladybug`` module (LadybugDB's Python API).

    Raises:
        MissingDependencyError: LadybugDB is not installed (or ``ladybug`` is another package).
    """
    try:
        import ladybug
    except ImportError:
        raise MissingDependencyError(install_hint("ladybug", "ladybug")) from None
    if not hasattr(ladybug, "Database"):  # ladybug-core (weather files) installs a module of the same name
        raise MissingDependencyError(install_hint("ladybug", "ladybug") + " (the installed ladybug is another package)")
    return ladybug


def write_ladybug(kg: KnowledgeGraph, target: Path) -> None:
    """Create the LadybugDB database of ``kg`` at ``target`` (a path that does not exist yet).

    Raises:
        MissingDependencyError: LadybugDB is not installed.
        OutputError: LadybugDB refused a statement.
    """
    ladybug = _ladybug()
    with tempfile.TemporaryDirectory(prefix=".kg-csv-", dir=target.parent) as folder:
        database = ladybug.Database(str(target), auto_checkpoint=False)  # one checkpoint at the end: 2-3x faster
        try:
            connection = ladybug.Connection(database)
            try:
                for statement in [*load_script(kg, Path(folder)), "CHECKPOINT"]:
                    _execute(connection, statement, target)
            finally:
                connection.close()
        finally:
            database.close()


def _execute(connection: Any, statement: str, target: Path) -> None:
    try:
        connection.execute(statement)
    except RuntimeError as exc:
        raise OutputError(f"{target}: LadybugDB refused the load: {exc}") from exc


def ladybug_database(context: ViewContext, name: str, target: Path) -> None:
    """The ``ladybug`` output (see :func:`write_ladybug`)."""
    write_ladybug(context.graph, target)
