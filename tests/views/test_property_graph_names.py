"""Names are data in the property-graph outputs: any entity text, document id or sentence comes back exactly.

Property-based (Hypothesis), on graphs merged from hand-made records (the strategy of
tests/test_reliability_names.py): the CSV files parse back with the csv module, the Neo4j arrays
split back on the declared delimiter, every Cypher literal of import.cypher reads back by the
Cypher Manual's rules and through LadybugDB's parser, and LadybugDB gives back every label.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.defaults import DEFAULT_BASE
from kg.resolve import merge
from kg.views import write_views
from kg.views.tables import cypher_string, relationship_type
from tests.test_reliability_names import HOSTILE, extractions
from tests.views.test_property_graphs import cypher_literals, query, read_neo4j

ladybug = pytest.importorskip("ladybug")
HOSTILE_HERE = [*HOSTILE, "a;b", "a|b", "a,b", "\";\"", "'; DROP", "`x`", "} RETURN 1 //", "\\'", "\u2028x\u2029"]
names = st.one_of(st.sampled_from(HOSTILE_HERE), st.text(min_size=1, max_size=24))


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, strict=True))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extractions())
def test_csv_and_neo4j_files_and_cypher_give_back_every_name(found):
    graph = merge(found, DEFAULT_BASE)
    labels = {e.iri: e.label for e in graph.entities}
    aliases = {e.iri: list(e.aliases) for e in graph.entities}
    sentences = Counter(e.sentence.text for r in graph.relations for e in r.evidence)
    with tempfile.TemporaryDirectory() as folder:
        tables, neo4j = write_views(graph, Path(folder) / "g", ["csv", "neo4j"])
        entities = rows(tables / "entities.csv")
        assert {r["iri"]: r["label"] for r in entities} == labels
        assert {r["iri"]: json.loads(r["aliases"]) for r in entities} == aliases
        assert Counter(r["sentence"] for r in rows(tables / "evidence.csv")) == sentences
        assert {r["object_label"] for r in rows(tables / "facts.csv")} == {labels[r.object] for r in graph.relations}

        files, delimiter = read_neo4j(neo4j)
        assert {r["iri"]: r["label"] for r in files["entities.csv"]} == labels
        split = {r["iri"]: r["aliases"].split(delimiter) if r["aliases"] else [] for r in files["entities.csv"]}
        assert split == aliases
        assert {r["id"] for r in files["documents.csv"]} == set(graph.documents)
        assert Counter(r["sentence"] for r in files["evidence.csv"]) == sentences

        lines = (neo4j / "import.cypher").read_text(encoding="utf-8").split("\n")
        statements = [line for line in lines[1:] if line]
        assert len(statements) == 4 + sum(len(t) for t in files.values()), "one statement per line, per row"
        literals = Counter(value for statement in statements for value in cypher_literals(statement))
        assert all(literals[label] for label in labels.values())
        assert all(literals[document] for document in graph.documents)
        assert all(literals[sentence] >= count for sentence, count in sentences.items())


@settings(max_examples=150, deadline=None)
@given(st.lists(names, min_size=1, max_size=8))
def test_cypher_literals_read_back_through_ladybugs_parser(values):
    connection = ladybug.Connection(database := ladybug.Database())
    try:
        result = connection.execute(f"RETURN [{', '.join(map(cypher_string, values))}]")
        assert result.get_next() == [values]
        assert [value for literal in map(cypher_string, values) for value in cypher_literals(literal)] == values
    finally:
        connection.close()
        database.close()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(extractions().filter(lambda found: "\\x00" not in repr(found)))
def test_ladybug_gives_back_every_label_alias_and_sentence(found):
    """Any name but one with a NUL: LadybugDB's CSV reader stops at NUL (kg refuses it, see the test below)."""
    graph = merge(found, DEFAULT_BASE)
    with tempfile.TemporaryDirectory() as folder:
        (path,) = write_views(graph, Path(folder) / "g", ["ladybug"])
        entities = query(path, "MATCH (n) WHERE label(n) <> 'Document' RETURN n.iri, n.label, n.aliases")
        assert {iri: (label, tuple(aliases)) for iri, label, aliases in entities} == {
            e.iri: (e.label, e.aliases) for e in graph.entities
        }
        sentences = [
            row
            for kind in {relationship_type(r.predicate) for r in graph.relations}
            for row in query(path, f"MATCH ()-[r:{kind}]->() UNWIND r.evidence AS e RETURN e.sentence, e.document")
        ]
        assert Counter(map(tuple, sentences)) == Counter(
            (e.sentence.text, e.doc_id) for r in graph.relations for e in r.evidence
        )
        documents = query(path, "MATCH (d:Document) RETURN d.id")
        assert sorted(row[0] for row in documents) == sorted(graph.documents)


def test_a_nul_character_is_refused_by_the_ladybug_writer_with_a_one_line_error(tmp_path: Path):
    from kg.errors import OutputError
    from kg.model import Document, Extraction

    found = [Extraction(Document.from_text("a", "text", title="bad\x00title"), (), ())]
    with pytest.raises(OutputError, match="LadybugDB cannot load a NUL character: 'bad\\\\x00title'"):
        write_views(merge(found, DEFAULT_BASE), tmp_path / "g", ["ladybug"])
    assert list(tmp_path.iterdir()) == []
