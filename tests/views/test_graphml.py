"""GraphML and node-link JSON: read back with networkx, scalar attributes, the same facts as the RDF."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from kg.views.graphml import to_graphml, to_networkx, to_node_link_json
from kg.vocab import term
from tests.views.test_rdf import BASE, _graph


def test_graphml_reads_back_with_scalar_attributes(tmp_path):
    path = tmp_path / "g.graphml"
    path.write_text(to_graphml(_graph()), encoding="utf-8")
    read = nx.read_graphml(path, force_multigraph=True)
    assert read.number_of_nodes() == 4 and read.number_of_edges() == 2
    assert read.nodes[BASE + "r1"] == {"label": "R1", "type": "AIModel", "mention_count": 2, "aliases": ""}
    edges = {(u, v): data for u, v, data in read.edges(data=True)}
    released = edges[(BASE + "deepseek", BASE + "r1")]
    assert released["label"] == "released" and released["confidence"] == pytest.approx(0.9)
    assert released["support_count"] == 2 and released["documents"] == "a.txt; b.txt"
    assert edges[(BASE + "beijing", BASE + "h800")]["label"] == "relatedTo", "same generalisation as the RDF"
    keys = ET.parse(path).getroot().findall("{http://graphml.graphdrawing.org/xmlns}key")
    assert {k.get("attr.type") for k in keys} <= {"string", "long", "double", "int", "boolean"}


def test_node_link_json_and_model_left_untouched():
    graph = _graph()
    data = json.loads(to_node_link_json(graph))
    assert {node["id"] for node in data["nodes"]} == {BASE + n for n in ("deepseek", "r1", "beijing", "h800")}
    assert {edge["predicate"] for edge in data["edges"]} == {str(term("released")), str(term("relatedTo"))}
    to_networkx(graph)
    assert "entity" in graph.graph.nodes[BASE + "r1"], "the model's own graph keeps its attributes"


def test_exports_are_deterministic():
    assert to_graphml(_graph()) == to_graphml(_graph())
    assert to_node_link_json(_graph()) == to_node_link_json(_graph())


@pytest.mark.model
def test_build_writes_every_format_with_infer(tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app
    from tests.helpers import SEEDS

    prefix = tmp_path / "seeds"
    formats = "ttl,trig,nt,nq,jsonld,graphml,json,html"
    result = CliRunner().invoke(app, ["build", str(SEEDS), "-o", str(prefix), "--format", formats, "--infer"])
    assert result.exit_code == 0, result.output
    for fmt in formats.split(","):
        assert prefix.with_name(f"seeds.{fmt}").stat().st_size > 0, fmt
    assert "kg:releasedBy" in prefix.with_suffix(".ttl").read_text(encoding="utf-8")
    assert nx.read_graphml(prefix.with_suffix(".graphml")).number_of_edges() > 0


def test_graphml_with_control_characters_in_names_and_sentences_reads_back(tmp_path):
    from kg.model import Entity, Evidence, KnowledgeGraph, Relation, Sentence

    graph = KnowledgeGraph(BASE)
    names = {"a": "Bell\x07Corp\x00", "b": "Tab\tand\x1b[31mred"}
    graph.add_entities([Entity(BASE + key, name, "Organization") for key, name in names.items()])
    sentence = Sentence(0, 9, "x\x0by\x0cz\x1f.")
    evidence = Evidence("d", sentence, "rule", 0.8)
    graph.add_relations([Relation(BASE + "a", str(term("partnerOf")), BASE + "b", (evidence,))])
    path = tmp_path / "g.graphml"
    path.write_text(to_graphml(graph), encoding="utf-8")
    read = nx.read_graphml(path, force_multigraph=True)
    assert read.nodes[BASE + "a"]["label"] == "Bell\ufffdCorp\ufffd"
    assert read.nodes[BASE + "b"]["label"] == "Tab\tand\ufffd[31mred"
    (edge,) = [data for _, _, data in read.edges(data=True)]
    assert edge["sentence"] == "x\ufffdy\ufffdz\ufffd."
