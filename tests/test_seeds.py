"""End to end on the two seed articles with the real model: parse the outputs back and check them."""

from __future__ import annotations

import re

import pytest
from rdflib import RDFS, Graph, URIRef

from kg.query import run_query
from kg.vocab import KG

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def turtle(seeds_build) -> Graph:
    graph = Graph()
    graph.parse(seeds_build.with_suffix(".ttl"), format="turtle")
    return graph


def _entity(graph: Graph, label: str) -> URIRef:
    found = list(graph.subjects(RDFS.label, None))
    matches = [s for s in found if str(graph.value(s, RDFS.label)) == label]
    assert matches, f"no entity labelled {label!r}"
    return matches[0]


def test_deepseek_released_r1_is_a_direct_triple(turtle):
    assert (_entity(turtle, "DeepSeek"), KG.released, _entity(turtle, "R1")) in turtle


def test_nvidia_makes_or_supplies_h800(turtle):
    nvidia, h800 = _entity(turtle, "Nvidia"), _entity(turtle, "H800")
    assert any((nvidia, p, h800) in turtle for p in (KG.manufactures, KG.supplies))


def test_source_sentence_of_a_fact_is_reachable_by_sparql(turtle):
    result = run_query(
        turtle,
        """SELECT ?doc ?sentence ?start WHERE {
             ?fact rdf:subject ?s ; rdf:predicate kg:released ; rdf:object ?o ; kg:evidence ?ev .
             ?s rdfs:label "DeepSeek" . ?o rdfs:label "R1" .
             ?ev kg:sentence ?sentence ; kg:startOffset ?start ; kg:fromDocument/kg:documentId ?doc .
           }""",
    )
    rows = result.values()
    assert rows, "no evidence sentence for DeepSeek released R1"
    doc, sentence, start = rows[0]
    assert doc == "000_0ad1dccd12771690.txt"
    assert "DeepSeek" in sentence and "R1" in sentence
    text = (seeds_text := __import__("tests.helpers", fromlist=["SEEDS"]).SEEDS / doc).read_text(encoding="utf-8")
    assert text[int(start) : int(start) + len(sentence)] == sentence, seeds_text


def test_no_entity_is_labelled_with_a_possessive(turtle):
    labels = [str(o) for o in turtle.objects(None, RDFS.label)]
    assert labels
    assert not [label for label in labels if re.search(r"['’]s?\b", label)]


def test_every_entity_has_one_label_and_a_type(turtle):
    for entity in set(turtle.subjects(KG.mentionCount, None)):
        assert len(list(turtle.objects(entity, RDFS.label))) == 1
        assert str(turtle.value(entity, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))).startswith(str(KG))


def test_html_loads_no_remote_script_or_style(seeds_build):
    html = seeds_build.with_suffix(".html").read_text(encoding="utf-8")
    assert "vis.Network" in html
    assert not re.search(r"<script[^>]+src=", html, re.IGNORECASE)
    assert not re.search(r"<link[^>]+href=", html, re.IGNORECASE)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", html, re.IGNORECASE)


def test_html_edge_tooltip_carries_evidence_sentence(seeds_build):
    html = seeds_build.with_suffix(".html").read_text(encoding="utf-8")
    assert "DeepSeek\\u2019s launch of R1" in html or "DeepSeek’s launch of R1" in html


def _typed(graph: Graph) -> dict[str, str]:
    return {
        str(graph.value(e, RDFS.label)): str(graph.value(e, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")))[len(str(KG)):]
        for e in set(graph.subjects(KG.mentionCount, None))
    }


def _types_by_label(graph: Graph) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for entity in graph.subjects(KG.mentionCount, None):
        kind = str(graph.value(entity, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")))[len(str(KG)):]
        found.setdefault(str(graph.value(entity, RDFS.label)), []).append(kind)
    return found


def test_seed_entities_have_the_types_a_reader_would_give(turtle):
    typed = _types_by_label(turtle)
    expected = {
        "DeepSeek": "Organization", "OpenAI": "Organization", "Nvidia": "Organization", "Meta": "Organization",
        "Alibaba": "Organization", "Mistral AI": "Organization", "Hugging Face": "Organization",
        "Google": "Organization", "Facebook": "Organization",
        "Jensen Huang": "Person", "Sam Altman": "Person", "Yann LeCun": "Person", "Liang Wenfeng": "Person",
        "Clément Delangue": "Person", "Elon Musk": "Person", "Yi Xin": "Person", "David Gosset": "Person",
        "China": "Country", "France": "Country", "United States": "Country", "Beijing": "City", "Hangzhou": "City",
        "R1": "Product", "GPT-4": "Product", "Grok-1": "Product", "Qwen3 Embedding": "Product", "H800": "Chip",
    }
    # one node per name: a second node of another class ("OpenAI" a product in one article) fails too
    assert {label: typed.get(label) for label in expected} == {label: [kind] for label, kind in expected.items()}


def test_seed_graph_has_no_junk_nodes(turtle):
    typed = _typed(turtle)
    assert "AI" not in typed and "Subscribe" not in typed and "Сэтгэгдэл" not in typed
    assert not [label for label in typed if not any(c.isalpha() for c in label)]
    assert typed.get("OpenAI") != "Person"


def test_seed_facts_a_reader_would_state(turtle):
    facts = {
        (str(turtle.value(s, RDFS.label)), str(p)[len(str(KG)):], str(turtle.value(o, RDFS.label)))
        for s, p, o in turtle
        if str(p).startswith(str(KG)) and turtle.value(s, KG.mentionCount) is not None
        and turtle.value(o, KG.mentionCount) is not None
    }
    expected = {
        ("DeepSeek", "released", "R1"), ("OpenAI", "develops", "GPT-4"), ("Nvidia", "manufactures", "H800"),
        ("Jensen Huang", "ceoOf", "Nvidia"), ("Sam Altman", "ceoOf", "OpenAI"), ("Yann LeCun", "worksFor", "Meta"),
        ("Liang Wenfeng", "founderOf", "DeepSeek"), ("Clément Delangue", "founderOf", "Hugging Face"),
        ("Mistral AI", "basedIn", "France"), ("Yi Xin", "livesIn", "Beijing"), ("Hangzhou", "locatedIn", "China"),
        ("Alibaba", "released", "Qwen3 Embedding"),
    }
    assert expected <= facts, expected - facts
