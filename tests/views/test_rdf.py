"""The RDF view: provenance, named graphs, domain/range fitting, determinism, round trips, inference."""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import PROV, RDF, RDFS, SDO, Dataset, Literal, URIRef

from kg.errors import InferenceError, InputError
from kg.model import Document, Entity, Evidence, KnowledgeGraph, Relation, Sentence
from kg.query import run_query
from kg.views.rdf import (
    RDF_FORMATS,
    infer,
    load_graph,
    new_dataset,
    oxigraph_store,
    serialize,
    to_dataset,
)
from kg.vocab import KG, PREFIXES, mint_document_iri, mint_entity_iri, mint_graph_iri, minted_prefixes, term
from tests.helpers import SEEDS

BASE = "https://e.org/"


def _graph() -> KnowledgeGraph:
    """DeepSeek released R1 (two documents), Beijing "manufactures" H800, which resolution generalised."""
    graph = KnowledgeGraph(BASE)
    graph.documents = {
        "a.txt": Document.from_text(
            "a.txt", "DeepSeek released R1. Beijing makes H800.", title="R1 out", date="2025-01-20"
        ),
        "b.txt": Document.from_text("b.txt", "R1 was released by DeepSeek."),
    }
    graph.add_entities(
        [
            Entity(BASE + "deepseek", "DeepSeek", "Organization", (), 2, ("a.txt", "b.txt")),
            Entity(BASE + "r1", "R1", "AIModel", (), 2, ("a.txt", "b.txt")),
            Entity(BASE + "beijing", "Beijing", "Place", (), 1, ("a.txt",)),
            Entity(BASE + "h800", "H800", "Chip", (), 1, ("a.txt",)),
        ]
    )
    released = (
        Evidence("a.txt", Sentence(0, 21, "DeepSeek released R1."), "svo", 0.8),
        Evidence("b.txt", Sentence(0, 28, "R1 was released by DeepSeek."), "passive", 0.5),
    )
    makes = (Evidence("a.txt", Sentence(22, 41, "Beijing makes H800."), "svo", 0.6, str(term("manufactures"))),)
    graph.add_relations(
        [
            Relation(BASE + "deepseek", str(term("released")), BASE + "r1", released),
            Relation(BASE + "beijing", str(KG.relatedTo), BASE + "h800", makes),
        ]
    )
    return graph


def _quads(store: ox.Store) -> set[str]:
    return {str(quad) for quad in store}


def test_fact_evidence_keeps_document_sentence_offsets_rule_and_combined_confidence():
    dataset = to_dataset(_graph())
    rows = run_query(
        dataset,
        """SELECT ?doc ?sentence ?start ?end ?rule ?conf ?total WHERE {
             ?fact rdf:subject <https://e.org/deepseek> ; rdf:predicate kg:released ; kg:confidence ?total ;
                   kg:evidence ?ev .
             ?ev kg:fromDocument/kg:documentId ?doc ; kg:sentence ?sentence ; kg:startOffset ?start ;
                 kg:endOffset ?end ; kg:rule ?rule ; kg:confidence ?conf .
           } ORDER BY ?doc""",
    ).values()
    assert rows == [
        ("a.txt", "DeepSeek released R1.", "0", "21", "svo", "0.8", "0.9"),
        ("b.txt", "R1 was released by DeepSeek.", "0", "28", "passive", "0.5", "0.9"),
    ]


def test_documents_are_prov_entities_with_hash_and_news_article_when_titled():
    dataset = to_dataset(_graph())
    a, b = URIRef(mint_document_iri(BASE, "a.txt")), URIRef(mint_document_iri(BASE, "b.txt"))
    for doc in (a, b):
        assert (doc, RDF.type, PROV.Entity) in dataset and (doc, RDF.type, KG.Document) in dataset
        assert len(str(dataset.value(doc, KG.sha256))) == 64
    assert (a, RDF.type, SDO.NewsArticle) in dataset and (b, RDF.type, SDO.NewsArticle) not in dataset
    assert (a, KG.title, Literal("R1 out")) in dataset and (a, KG.date, Literal("2025-01-20")) in dataset


def test_each_documents_facts_are_also_in_its_named_graph():
    dataset = to_dataset(_graph())
    triple = (URIRef(BASE + "deepseek"), KG.released, URIRef(BASE + "r1"))
    for doc_id in ("a.txt", "b.txt"):
        named = dataset.graph(URIRef(mint_graph_iri(BASE, doc_id)))
        assert triple in named
        assert dataset.value(URIRef(mint_document_iri(BASE, doc_id)), KG.namedGraph) == named.identifier
    assert triple in dataset.default_graph
    only_b = dataset.graph(URIRef(mint_graph_iri(BASE, "b.txt")))
    assert len(only_b) == 1, "b.txt supports one fact only"


def test_a_generalised_fact_keeps_the_stated_predicate_on_its_evidence():
    dataset = to_dataset(_graph())
    assert (URIRef(BASE + "beijing"), KG.relatedTo, URIRef(BASE + "h800")) in dataset
    assert (URIRef(BASE + "beijing"), KG.manufactures, None) not in dataset
    assert list(dataset.subject_objects(KG.statedPredicate)) == [
        (next(dataset.subjects(KG.sentence, Literal("Beijing makes H800."))), KG.manufactures)
    ]


def test_no_blank_nodes():
    assert not [q for q in oxigraph_store(to_dataset(_graph())) if isinstance(q.subject, ox.BlankNode)
                or isinstance(q.object, ox.BlankNode)]


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_output_does_not_depend_on_store_order(fmt):
    dataset = to_dataset(_graph())
    assert serialize(new_dataset(_shuffled_copy(oxigraph_store(dataset))), fmt) == serialize(dataset, fmt)


def _shuffled_copy(store: ox.Store) -> ox.Store:
    quads = list(store)
    random.Random(7).shuffle(quads)
    shuffled = ox.Store()
    for quad in quads:
        shuffled.add(quad)
    return shuffled


def test_a_built_dataset_iterates_in_canonical_order_until_changed(monkeypatch):
    """to_dataset writes the text Oxigraph writes back (escapes, decimals), so its store needs no sort."""
    graph = _graph()
    graph.add_entities([Entity(BASE + "ctl", "tab\there \x01 \x7f \"q\" \\ é", "Person",
                               ("x\x01", "x\\u0001y", "alias\r\n"), 3, ("a.txt",)),
                        Entity(mint_entity_iri(BASE, "x_y"), "X_Y", "Organization", (), 1, ("a.txt",))])
    dataset = to_dataset(graph)
    store = oxigraph_store(dataset)
    dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).splitlines()
    assert dataset.store.in_order and dumped == sorted(dumped)
    monkeypatch.setattr(
        "kg.views.rdf.sorted_ntriples", lambda *_: pytest.fail("sorted again a dataset already in order")
    )
    before = serialize(dataset, "ttl", base=BASE)
    monkeypatch.undo()
    prefixes = PREFIXES | minted_prefixes(BASE)
    assert before == store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes).decode()
    assert "entity:x\\%5Fy a kg:Organization" in before
    assert before == serialize(new_dataset(_shuffled_copy(store)), "ttl", base=BASE)
    dataset.add((URIRef(BASE + "ctl"), RDFS.comment, Literal("added later")))
    assert not dataset.store.in_order
    assert serialize(dataset, "ttl") == serialize(new_dataset(_shuffled_copy(store)), "ttl") != before


def test_a_store_claiming_an_order_it_does_not_have_is_still_written_sorted():
    store = oxigraph_store(to_dataset(_graph()))
    claims_order = new_dataset(_shuffled_copy(store), in_order=True)
    assert serialize(claims_order, "ttl") == serialize(new_dataset(_shuffled_copy(store)), "ttl")


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_every_format_parses_back_isomorphic_with_pyoxigraph_and_rdflib(fmt, tmp_path):
    dataset = to_dataset(_graph())
    named = fmt in {"trig", "nq"}
    expected = _quads(oxigraph_store(dataset)) if named else {
        str(q) for q in oxigraph_store(dataset).quads_for_pattern(None, None, None, ox.DefaultGraph())
    }
    path = tmp_path / f"g.{fmt}"
    path.write_text(serialize(dataset, fmt), encoding="utf-8")
    assert {str(q) for q in ox.parse(path=str(path), format=RDF_FORMATS[fmt])} == expected
    assert _quads(oxigraph_store(load_graph(path))) == expected
    by_rdflib = Dataset()
    by_rdflib.parse(path, format={"ttl": "turtle", "nt": "nt11", "nq": "nquads", "jsonld": "json-ld"}.get(fmt, fmt))
    assert _quads(oxigraph_store(by_rdflib)) == expected


def test_turtle_keeps_awkward_literals_and_names(tmp_path):
    graph = KnowledgeGraph(BASE)
    awkward = 'He said "hi" \\ <b> # % \n """ 😀 Ω ' + f"> <{RDF.type}> "
    graph.documents = {"d": Document.from_text("d", awkward)}
    graph.add_entities([Entity(BASE + "x%22y", awkward, "Person", (), 1, ("d",)),
                        Entity(BASE + "o", "O", "Organization", (), 1, ("d",))])
    graph.add_relations([Relation(BASE + "x%22y", str(term("worksFor")), BASE + "o",
                                  (Evidence("d", Sentence(0, 5, awkward), "r", 0.5),))])
    dataset = to_dataset(graph)
    for fmt in RDF_FORMATS:
        path = tmp_path / f"a.{fmt}"
        path.write_text(serialize(dataset, fmt), encoding="utf-8")
        assert awkward in {str(o) for o in load_graph(path).objects(URIRef(BASE + "x%22y"), RDFS.label)}, fmt


def test_jsonld_with_a_remote_context_is_refused_without_fetching(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("kg tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps({"@context": "https://schema.org/", "@id": "https://e.org/a", "name": "A"}))
    with pytest.raises(InputError, match="remote JSON-LD @context"):
        load_graph(path)


def test_owl_imports_are_not_followed(tmp_path, monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", lambda *a, **k: (_ for _ in ()).throw(AssertionError("network")))
    path = tmp_path / "imports.ttl"
    path.write_text("<https://e.org/o> a <http://www.w3.org/2002/07/owl#Ontology> ; "
                    "<http://www.w3.org/2002/07/owl#imports> <http://127.0.0.1:9/other.ttl> .\n")
    assert len(load_graph(path)) == 2


def test_infer_adds_inverses_and_superclasses_without_noise():
    dataset = infer(to_dataset(_graph()))
    r1, deepseek = URIRef(BASE + "r1"), URIRef(BASE + "deepseek")
    assert (r1, KG.releasedBy, deepseek) in dataset
    assert (r1, RDF.type, KG.Product) in dataset and (r1, RDF.type, SDO.Product) in dataset
    assert (deepseek, RDF.type, SDO.Organization) in dataset
    predicates = {str(p) for _, p, _ in dataset.default_graph}
    assert not [p for p in predicates if p.startswith("http://www.w3.org/2002/07/owl#")]
    assert (KG.released, None, None) not in dataset, "no triples about ontology terms"


def test_infer_reports_a_contradiction():
    graph = _graph()
    dataset = to_dataset(graph)
    dataset.add((URIRef(BASE + "beijing"), RDF.type, KG.Person))  # Place and Person are disjoint
    with pytest.raises(InferenceError, match="contradicts"):
        infer(dataset)


@pytest.mark.model
def test_seeds_turtle_is_byte_identical_across_runs(seeds_build, tmp_path):
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    prefix = tmp_path / "again"
    kg_script = Path(sys.executable).with_name("kg")
    subprocess.run([str(kg_script), "build", str(SEEDS), "-o", str(prefix), "--format", "ttl"],
                   check=True, env=env, capture_output=True)
    assert prefix.with_suffix(".ttl").read_bytes() == seeds_build.with_suffix(".ttl").read_bytes()
