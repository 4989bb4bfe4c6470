"""Property-graph outputs: LadybugDB answers the Cypher of docs/property-graphs.md; Neo4j files pass the import
tool's header rules and load completely; the CSV folder parses back with the csv module to the graph's counts.

Graphs are built from hand-made extraction records through :func:`kg.resolve.merge` (no spaCy),
and from the seeds with the real model (``model`` marker).
"""

from __future__ import annotations

import csv
import json
import random
import re
import shlex
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.defaults import DEFAULT_BASE
from kg.errors import MissingDependencyError
from kg.model import (
    Document,
    Entity,
    Evidence,
    Extraction,
    KnowledgeGraph,
    Mention,
    Relation,
    RelationMention,
    Sentence,
)
from kg.resolve import merge
from kg.views import write_views
from kg.views.csvfiles import ENTITY_COLUMNS, EVIDENCE_COLUMNS, FACT_COLUMNS
from kg.views.tables import entity_classes, node_labels, relationship_type
from kg.vocab import local_name, term

ladybug = pytest.importorskip("ladybug")

GUIDE_CYPHER = """
MATCH (org {label: 'DeepSeek'})-[r:released]->(product)
UNWIND r.evidence AS e
RETURN product.label AS product, e.sentence AS sentence, e.document AS document
ORDER BY document
"""


def _extraction(doc_id: str, text: str, facts: list[tuple[str, str, str, str, str]], date: str | None) -> Extraction:
    """One sentence ``text``; each fact is (subject, its class, predicate, object, its class)."""
    sentence = Sentence(0, len(text), text)

    def mention(name: str, type_name: str) -> Mention:
        start = text.index(name)
        return Mention(doc_id, start, start + len(name), name, type_name, rule="pattern", type_confidence=1.0)

    relations = tuple(
        RelationMention(doc_id, mention(s, st), p, mention(o, ot), sentence, 0.8, "svo") for s, st, p, o, ot in facts
    )
    mentions = tuple(m for r in relations for m in (r.subject, r.object))
    return Extraction(Document.from_text(doc_id, text, title=f"Title of {doc_id}", date=date), mentions, relations)


def hand_made_graph() -> KnowledgeGraph:
    """DeepSeek released R1 (two dated documents), Nvidia praised DeepSeek (an undated one), Huang leads Nvidia."""
    return merge(
        [
            _extraction("a.txt", "DeepSeek released R1 in January.",
                        [("DeepSeek", "Organization", "released", "R1", "AIModel")], "2025-01-20"),
            _extraction("b.txt", 'On "Monday", DeepSeek released R1; analysts, again, said so.',
                        [("DeepSeek", "Organization", "released", "R1", "AIModel")], "2025-02-03T08:00:00Z"),
            _extraction("c.txt", "Nvidia praised DeepSeek, and Jensen Huang leads Nvidia.",
                        [("Nvidia", "Organization", "open:praise", "DeepSeek", "Organization"),
                         ("Jensen Huang", "Person", "leads", "Nvidia", "Organization")], None),
        ],
        DEFAULT_BASE,
    )


def query(path: Path, cypher: str) -> list[list[object]]:
    database = ladybug.Database(str(path), read_only=True)
    connection = ladybug.Connection(database)
    try:
        result = connection.execute(cypher)
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return rows
    finally:
        connection.close()
        database.close()


def fingerprint(graph: KnowledgeGraph) -> tuple[object, ...]:
    return tuple(graph.entities), tuple(graph.relations), tuple(sorted(graph.documents.items()))


# ---------------------------------------------------------------- LadybugDB


def test_ladybug_answers_the_readme_question_with_dates_and_leaves_the_graph_alone(tmp_path: Path):
    graph = hand_made_graph()
    before = fingerprint(graph)
    (path,) = write_views(graph, tmp_path / "news", ["ladybug"])
    assert path == tmp_path / "news.ladybug" and fingerprint(graph) == before
    assert [p.name for p in tmp_path.iterdir()] == ["news.ladybug"], "no staging file is left behind"
    assert query(path, GUIDE_CYPHER) == [
        ["R1", "DeepSeek released R1 in January.", "a.txt"],
        ["R1", 'On "Monday", DeepSeek released R1; analysts, again, said so.', "b.txt"],
    ]
    ((first, last, count, confidence, evidence),) = query(
        path, "MATCH (:Organization)-[r:released]->(:AIModel) "
              "RETURN r.first_reported, r.last_reported, r.support_count, r.confidence, r.evidence"
    )
    assert (first, last, count) == (date(2025, 1, 20), date(2025, 2, 3), 2) and confidence == pytest.approx(0.96)
    assert [(e["document"], e["date"], e["rule"], e["start_offset"]) for e in evidence] == [
        ("a.txt", date(2025, 1, 20), "svo", 0), ("b.txt", date(2025, 2, 3), "svo", 0)
    ]
    assert query(path, "MATCH ()-[r:open]->() RETURN r.predicate, r.first_reported, r.last_reported") == [
        ["open:praise", None, None]
    ], "an open relation keeps its verb; no dated document, no dates"


def test_ladybug_holds_every_node_and_edge_in_tables_named_by_the_ontology(tmp_path: Path):
    graph = hand_made_graph()
    (path,) = write_views(graph, tmp_path / "news", ["ladybug"])
    tables = {row[1]: row[2] for row in query(path, "CALL show_tables() RETURN *")}
    assert set(entity_classes()) | {"Document"} <= {name for name, kind in tables.items() if kind == "NODE"}
    assert {name for name, kind in tables.items() if kind == "REL"} == {
        relationship_type(r.predicate) for r in graph.relations
    } | {"mentions"}
    nodes = Counter(dict(query(path, "MATCH (n) RETURN label(n), count(*)")))
    assert nodes == Counter(e.type for e in graph.entities) + Counter({"Document": len(graph.documents)})
    edges = Counter(dict(query(path, "MATCH ()-[r]->() RETURN label(r), count(*)")))
    assert edges == Counter(relationship_type(r.predicate) for r in graph.relations) + Counter(
        {"mentions": sum(len(e.documents) for e in graph.entities)}
    )
    assert query(path, "MATCH (d:Document {id: 'a.txt'}) RETURN d.date, d.title") == [
        [date(2025, 1, 20), "Title of a.txt"]
    ]


def test_a_missing_ladybug_is_a_one_line_error_before_anything_is_written(tmp_path: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ladybug", None)  # as if not installed: import and find_spec both fail
    with pytest.raises(MissingDependencyError, match=r"pip install 'offline-kg\[ladybug\]'"):
        write_views(hand_made_graph(), tmp_path / "news", ["ttl", "ladybug"])
    assert list(tmp_path.iterdir()) == []
    result = CliRunner().invoke(app, ["build", str(tmp_path), "-o", str(tmp_path / "x"), "--format", "ladybug"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "kg: error: --format ladybug needs the optional library ladybug: pip install 'offline-kg[ladybug]'"
    )


def synthetic_graph(entities: int, facts: int) -> KnowledgeGraph:
    """Random facts among ``entities`` of six classes, six predicates (one open), one to three supports each."""
    rng = random.Random(1)
    base = "https://e.org/"
    graph = KnowledgeGraph(base)
    graph.documents = {f"d{i}": Document.from_text(f"d{i}", "x", date=f"2025-{1 + i % 12:02d}-01") for i in range(500)}
    types = ["Organization", "Person", "AIModel", "Chip", "City", "Country"]
    graph.add_entities(
        Entity(f"{base}e{i}", f"E{i}", types[i % 6], (f"e{i};x",), 3, (f"d{i % 500}", f"d{i * 7 % 500}"))
        for i in range(entities)
    )
    predicates = [str(term(p)) for p in ("released", "develops", "worksFor", "relatedTo", "basedIn", "open:praise")]
    relations = {}
    for k in range(facts):
        s, o, p = rng.randrange(entities), rng.randrange(entities), rng.choice(predicates)
        support = tuple(
            Evidence(f"d{rng.randrange(500)}", Sentence(j, j + 9, f'Fact {k}, "{j}"'), "svo", 0.7)
            for j in range(rng.randint(1, 3))
        )
        relations[s, p, o] = Relation(f"{base}e{s}", p, f"{base}e{o}", support)
    graph.add_relations(relations.values())
    return graph


def test_ladybug_loads_twenty_thousand_facts_inserting_each_list_once(tmp_path: Path):
    """Setting the evidence lists after the copy broke LadybugDB 0.22's checkpoint on this graph."""
    graph = synthetic_graph(10_000, 20_000)
    (path,) = write_views(graph, tmp_path / "big", ["ladybug"])
    ((facts, supports),) = query(path, "MATCH ()-[r]->() WHERE label(r) <> 'mentions' RETURN count(*), "
                                       "sum(size(r.evidence))")
    assert (facts, supports) == (len(graph.relations), sum(len(r.evidence) for r in graph.relations))
    assert query(path, "MATCH (n:Chip {iri: 'https://e.org/e3'}) RETURN n.aliases") == [[["e3;x"]]]


# ---------------------------------------------------------------- CSV


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.endswith(b"\r\n") and raw.decode("utf-8")
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, strict=True))


def test_csv_folder_parses_back_to_the_graphs_counts_and_documented_columns(tmp_path: Path):
    graph = hand_made_graph()
    (folder,) = write_views(graph, tmp_path / "news", ["csv"])
    entities, facts, evidence = (read_csv(folder / f"{n}.csv") for n in ("entities", "facts", "evidence"))
    assert (list(entities[0]), list(facts[0]), list(evidence[0])) == (
        list(ENTITY_COLUMNS), list(FACT_COLUMNS), list(EVIDENCE_COLUMNS)
    )
    assert len(entities) == len(graph.entities) and len(facts) == len(graph.relations)
    assert len(evidence) == sum(len(r.evidence) for r in graph.relations)
    assert {row["label"] for row in entities} == {e.label for e in graph.entities}
    assert all(json.loads(row["documents"]) for row in entities)
    released = next(row for row in facts if row["predicate"] == "released")
    assert (released["subject_label"], released["object_label"], released["support_count"]) == ("DeepSeek", "R1", "2")
    assert (released["first_reported"], released["last_reported"]) == ("2025-01-20", "2025-02-03")
    assert {row["fact"] for row in evidence} == {row["fact"] for row in facts}
    docs = {r["document"]: r for r in evidence if r["fact"] == released["fact"]}
    assert docs["b.txt"]["sentence"] == 'On "Monday", DeepSeek released R1; analysts, again, said so.'
    assert docs["b.txt"]["date"] == "2025-02-03"
    documented = (Path(__file__).resolve().parents[2] / "docs" / "property-graphs.md").read_text(encoding="utf-8")
    for column in {*ENTITY_COLUMNS, *FACT_COLUMNS, *EVIDENCE_COLUMNS}:
        assert f"`{column}`" in documented, column


# ---------------------------------------------------------------- Neo4j

NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
               "localtime", "time", "localdatetime", "datetime", "duration"}
FIELD = re.compile(r"^(?P<name>[^:]*)(?::(?P<type>[A-Za-z_]+)(?:\((?P<space>[^)]*)\))?(?P<array>\[\])?)?$")


def check_header(header: list[str], kind: str) -> dict[str, str]:
    """The import tool's header rules (Neo4j Operations Manual, "Import: CSV header format"); name -> type.

    Nodes: at most one ``:ID`` (``name:ID`` also stores the id as ``name``), an optional ``:LABEL``.
    Relationships: exactly one ``:START_ID``, one ``:END_ID`` and one ``:TYPE``. Properties are
    ``name`` (a string) or ``name:type`` with a type from the documented list, ``[]`` for arrays;
    names are unique and not empty.
    """
    special = Counter()
    properties: dict[str, str] = {}
    for field in header:
        match = FIELD.match(field)
        assert match, field
        name, kind_of = match["name"], match["type"] or "string"
        if kind_of in {"ID", "START_ID", "END_ID", "LABEL", "TYPE", "IGNORE"}:
            special[kind_of] += 1
            assert not match["array"], field
            if kind_of == "ID" and name:
                properties[name] = "string"
            continue
        assert name and name not in properties, field
        assert kind_of in NEO4J_TYPES, field
        properties[name] = kind_of + ("[]" if match["array"] else "")
    if kind == "nodes":
        assert special["ID"] <= 1 and special["LABEL"] <= 1 and not special["START_ID"] + special["END_ID"]
    else:
        assert special["START_ID"] == special["END_ID"] == special["TYPE"] == 1 and not special["ID"]
    return properties


def check_value(value: str, kind: str, delimiter: str) -> None:
    items = value.split(delimiter) if kind.endswith("[]") else [value]
    for item in items if value else []:
        base = kind.removesuffix("[]")
        if base in {"long", "int"}:
            int(item)
        elif base in {"double", "float"}:
            float(item)
        elif base == "date":
            date.fromisoformat(item)


def read_neo4j(folder: Path) -> tuple[dict[str, list[dict[str, str]]], str]:
    """Every import file of ``folder`` (checked) and the array delimiter README.txt gives."""
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    flag = re.search(r'--array-delimiter=(?:"(.)"|U\+([0-9A-F]{4}))', readme)
    assert flag
    delimiter = flag[1] or chr(int(flag[2], 16))
    files = re.findall(r"--(nodes|relationships)=" + re.escape(folder.name) + r"/([^\s']+)", readme)
    assert sorted(name for _, name in files) == sorted(p.name for p in folder.glob("*.csv")), "README lists each file"
    assert "--multiline-fields=true" in readme and "cypher-shell" in readme
    tables = {}
    for kind, name in files:
        with (folder / name).open(encoding="utf-8", newline="") as file:
            rows = list(csv.reader(file, strict=True))
        properties = check_header(rows[0], kind)
        header = [FIELD.match(f)["name"] or f for f in rows[0]]
        for row in rows[1:]:
            assert len(row) == len(header), (name, row)
            record = dict(zip(header, row, strict=True))
            for prop, kind_of in properties.items():
                check_value(record[prop], kind_of, delimiter)
        tables[name] = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    return tables, delimiter


def load_neo4j_into_ladybug(folder: Path, database: Path) -> None:
    """The Neo4j import files, loaded as they are (LadybugDB's own CSV reader) into one table per file."""
    connection = ladybug.Connection(db := ladybug.Database(str(database)))
    kinds = {"STRING": "STRING", "long": "INT64", "double": "DOUBLE", "date": "DATE"}
    try:
        for name in ("entities", "documents", "evidence"):
            with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as file:
                header = next(csv.reader(file))
            columns = [f"c{i} {kinds.get(field.partition(':')[2], 'STRING')}" for i, field in enumerate(header)]
            columns[0] = "c0 STRING PRIMARY KEY"
            connection.execute(f"CREATE NODE TABLE {name}({', '.join(columns)})")
            connection.execute(f"COPY {name} FROM '{folder / name}.csv' (HEADER=true, PARALLEL=false)")
        for name, start, end in (("facts", "entities", "entities"), ("mentions", "documents", "entities"),
                                 ("from_document", "evidence", "documents")):
            with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as file:
                header = next(csv.reader(file))
            columns = [f"c{i} {kinds.get(f.partition(':')[2], 'STRING')}" for i, f in enumerate(header)][2:]
            connection.execute(f"CREATE REL TABLE {name}(FROM {start} TO {end}{''.join(', ' + c for c in columns)})")
            connection.execute(f"COPY {name} FROM '{folder / name}.csv' (HEADER=true, PARALLEL=false)")
    finally:
        connection.close()
        db.close()


def check_neo4j_complete(graph: KnowledgeGraph, folder: Path, tmp_path: Path) -> None:
    tables, delimiter = read_neo4j(folder)
    ids = [row["iri"] for name in ("entities.csv", "documents.csv", "evidence.csv") for row in tables[name]]
    assert len(ids) == len(set(ids)), "one id space: IRIs never clash"
    known = set(ids)
    for name in ("facts.csv", "mentions.csv", "from_document.csv"):
        assert all(row[":START_ID"] in known and row[":END_ID"] in known for row in tables[name]), name
    labels = Counter(label for row in tables["entities.csv"] for label in row[":LABEL"].split(delimiter))
    assert labels == Counter(label for e in graph.entities for label in node_labels(e.type))
    assert Counter(row[":TYPE"] for row in tables["facts.csv"]) == Counter(
        relationship_type(r.predicate) for r in graph.relations
    )
    database = tmp_path / "neo4j-rows.ladybug"
    load_neo4j_into_ladybug(folder, database)
    counts = dict(query(database, "MATCH (n) RETURN label(n), count(*)"))
    assert counts == {"entities": len(graph.entities), "documents": len(graph.documents),
                      "evidence": sum(len(r.evidence) for r in graph.relations)}
    types = Counter(dict(query(database, "MATCH ()-[r:facts]->() RETURN r.c2, count(*)")))
    assert types == Counter(relationship_type(r.predicate) for r in graph.relations)
    mentions = query(database, "MATCH ()-[r:mentions]->() RETURN count(*)")[0][0]
    assert mentions == sum(len(e.documents) for e in graph.entities)
    aliases = {row[0]: row[1] for row in query(database, "MATCH (n:entities) RETURN n.c0, n.c4")}
    assert {iri: tuple(value.split(delimiter)) if value else () for iri, value in aliases.items()} == {
        e.iri: e.aliases for e in graph.entities
    }, "LadybugDB's CSV reader gives back the aliases field the import tool splits"


def test_neo4j_files_pass_the_header_rules_and_load_completely(tmp_path: Path):
    graph = hand_made_graph()
    (folder,) = write_views(graph, tmp_path / "my news", ["neo4j"])
    check_neo4j_complete(graph, folder, tmp_path)
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    command = readme.split("\n\n")[2].replace("\\\n", " ")
    arguments = shlex.split(command)
    assert arguments[:4] == ["neo4j-admin", "database", "import", "full"] and arguments[-1] == "neo4j"
    assert "--nodes=my news.neo4j/entities.csv" in arguments and "--array-delimiter=;" in arguments
    assert "-f 'my news.neo4j/import.cypher'" in readme


def test_neo4j_array_delimiter_moves_off_semicolons_and_pipes_in_names(tmp_path: Path):
    base = "https://e.org/"
    graph = KnowledgeGraph(base, documents={"a": Document.from_text("a", "x")})
    graph.add_entities([Entity(base + "x", "X", "Organization", ("A;B", "C|D", "E,F"), 1, ("a",))])
    (folder,) = write_views(graph, tmp_path / "odd", ["neo4j"])
    tables, delimiter = read_neo4j(folder)
    assert delimiter not in ";|," and "U+E000" in (folder / "README.txt").read_text(encoding="utf-8")
    assert tables["entities.csv"][0]["aliases"].split(delimiter) == ["A;B", "C|D", "E,F"]
    assert tables["entities.csv"][0][":LABEL"].split(delimiter) == ["Entity", "Organization"]


def test_neo4j_cypher_script_merges_on_iris_and_escapes_every_literal(tmp_path: Path):
    graph = hand_made_graph()
    (folder,) = write_views(graph, tmp_path / "news", ["neo4j"])
    lines = (folder / "import.cypher").read_text(encoding="utf-8").splitlines()
    statements = [line for line in lines if not line.startswith("//")]
    assert all(line.endswith(";") for line in statements)
    merges = [line for line in statements if line.startswith("MERGE (n:")]
    assert len(merges) == len(graph.entities) + len(graph.documents) + sum(len(r.evidence) for r in graph.relations)
    assert sum("MERGE (a)-[r:" in line for line in statements) == len(graph.relations) + sum(
        len(e.documents) for e in graph.entities
    ) + sum(len(r.evidence) for r in graph.relations)
    literals = [value for line in statements for value in cypher_literals(line)]
    assert 'On "Monday", DeepSeek released R1; analysts, again, said so.' in literals


CYPHER_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def cypher_literals(statement: str) -> list[str]:
    """Every single-quoted string literal of ``statement``, unescaped by the Cypher Manual's rules.

    Outside literals a statement may hold no quote, backslash nor control character; inside, a
    backslash starts one of ``\\\\ \\' \\" \\n \\r \\t \\b \\f \\uXXXX`` and a raw quote ends the literal.
    """
    found, index = [], 0
    while index < len(statement):
        char = statement[index]
        assert char not in '"\\' and ord(char) >= 0x20, (statement, index)
        if char != "'":
            index += 1
            continue
        value, index = [], index + 1
        while statement[index] != "'":
            char = statement[index]
            assert ord(char) >= 0x20 and char != "\x7f", "controls are always escaped"
            if char == "\\":
                code = statement[index + 1]
                if code == "u":
                    value.append(chr(int(statement[index + 2 : index + 6], 16)))
                    index += 6
                    continue
                value.append(CYPHER_ESCAPES[code])
                index += 2
                continue
            value.append(char)
            index += 1
        found.append("".join(value))
        index += 1
    return found


# ---------------------------------------------------------------- the seeds (real model)


@pytest.mark.model
def test_seeds_answer_the_readme_question_in_every_property_graph_format(seeds_graph, tmp_path: Path):
    paths = write_views(seeds_graph, tmp_path / "seeds", ["ladybug", "neo4j", "csv"])
    rows = query(paths[0], GUIDE_CYPHER)
    assert ["R1", "DeepSeek’s launch of R1 is widely seen as China’s response to OpenAI’s GPT-4.",
            "000_0ad1dccd12771690.txt"] in rows
    check_neo4j_complete(seeds_graph, paths[1], tmp_path)
    facts = read_csv(paths[2] / "facts.csv")
    assert len(facts) == len(seeds_graph.relations)
    assert {(f["subject_label"], f["predicate"], f["object_label"]) for f in facts} >= {("DeepSeek", "released", "R1")}
    assert len(read_csv(paths[2] / "entities.csv")) == len(seeds_graph.entities)
    assert local_name(seeds_graph.relations[0].predicate) in {f["predicate"] for f in facts}


@pytest.mark.model
def test_kg_export_writes_the_property_graph_formats_from_a_store(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("DeepSeek released R1 in January. Nvidia manufactures the H800 chip.\n")
    runner = CliRunner()
    built = runner.invoke(app, ["build", str(corpus), "--into", str(tmp_path / "store")])
    assert built.exit_code == 0, built.output
    exported = runner.invoke(
        app, ["export", str(tmp_path / "store"), "-o", str(tmp_path / "exp"), "--format", "ladybug,neo4j,csv"]
    )
    assert exported.exit_code == 0, exported.output
    assert [row[0] for row in query(tmp_path / "exp.ladybug", GUIDE_CYPHER)] == ["R1"]
    assert (tmp_path / "exp.neo4j" / "import.cypher").is_file() and (tmp_path / "exp.csv" / "facts.csv").is_file()
