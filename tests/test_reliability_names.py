"""Names are data: any entity text, document id or sentence gives valid IRIs and valid RDF.

Property-based (Hypothesis): knowledge graphs are built straight from :mod:`kg.model`
records through :func:`kg.resolve.merge` (no spaCy), written in every RDF format, and parsed
back with rdflib and with pyoxigraph (a strict, independent parser). Labels, document
ids and sentences must come back exactly, and different names never share an IRI.
"""

from __future__ import annotations

import random

import pyoxigraph
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import RDFS, Dataset, Literal, URIRef

from kg.defaults import DEFAULT_BASE
from kg.model import Document, Extraction, Mention, RelationMention, Sentence
from kg.names import canonical_key
from kg.resolve import merge, resolve
from kg.views import ViewContext, render_view
from kg.views.rdf import RDF_FORMATS
from kg.vocab import KG, local_name, mint_document_iri, mint_entity_iri, slug, term

HOSTILE = [
    'He said "hi"', "back\\slash\\", "<script>alert(1)</script>", "C#", "100% AI", "line\nbreak", 'tri"""ple',
    "''' and \"\"\"", "tab\there", "\r\n", "😀 Emoji Corp 🚀", "Zoë Müller", "李明", "Москва", "עברית", "العربية",
    "Nvi\u200bdia", "\u202eevil\u202c", "a_b", "a b", "a%5Fb", "x--person", ".", "..", "~", "@prefix", "_:b0",
    "ns1:x", "\x00nul", "\x7fdel", "\ufeffbom", "e\u0301", "\u00e9", "\ufffd", "\U0001f9ec", "?query=1&x=2", "{}|^`",
    "ª µ º", "x² ½ ①",
]
OPEN_VERBS = ["praise", "sue", "open:x", "a b", "ünïcode", "#", "%", "\"'", "ªx", "µ", "x²", "①", "3d", "…"]
names = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=24))
ENTITY_TYPES = ["Organization", "Person", "Place", "Product", "AIModel", "Chip"]
PARSERS = {"ttl": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}
OXIGRAPH_FORMATS = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}


@st.composite
def extractions(draw) -> list[Extraction]:
    """One to three documents, each one sentence naming two to four entities and a fact between two."""
    found = []
    doc_ids = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    for doc_id in doc_ids:
        labels = draw(st.lists(names, min_size=2, max_size=4))
        text = draw(names) + " " + " and ".join(labels) + "."
        mentions, offset = [], text.index(labels[0])
        for label in labels:
            offset = text.index(label, offset)
            mentions.append(Mention(doc_id, offset, offset + len(label), label, draw(st.sampled_from(ENTITY_TYPES))))
            offset += len(label)
        sentence = Sentence(0, len(text), text)
        predicate = draw(st.one_of(st.just("released"), st.sampled_from(OPEN_VERBS).map(lambda v: f"open:{v}")))
        relation = RelationMention(doc_id, mentions[0], predicate, mentions[-1], sentence, 0.8, draw(names))
        document = Document.from_text(doc_id, text, title=draw(names), source=draw(names))
        found.append(Extraction(document, tuple(mentions), (relation,)))
    return found


def round_trip_rdflib(text: str, fmt: str) -> Dataset:
    dataset = Dataset(default_union=True)
    dataset.parse(data=text, format=PARSERS[fmt])
    return dataset


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extractions())
def test_any_names_give_valid_rdf_in_every_format_and_labels_round_trip(found):
    graph = merge(found, DEFAULT_BASE)
    labels = {(URIRef(e.iri), Literal(e.label)) for e in graph.entities}
    doc_ids = {Literal(d.id) for d in graph.documents.values()}
    sentences = {Literal(e.sentence.text) for r in graph.relations for e in r.evidence}
    for fmt in RDF_FORMATS:
        text = render_view(ViewContext(graph), fmt)
        parsed = round_trip_rdflib(text, fmt)
        assert {(s, o) for s, o in parsed.subject_objects(RDFS.label) if (s, o) in labels} == labels, fmt
        assert set(parsed.objects(None, KG.documentId)) == doc_ids, fmt
        assert set(parsed.objects(None, KG.sentence)) == sentences, fmt
        oxigraph_quads = list(pyoxigraph.parse(text.encode("utf-8"), OXIGRAPH_FORMATS[fmt]))
        assert len(oxigraph_quads) == len(set(parsed.quads((None, None, None, None)))), fmt
        oxigraph_labels = {
            (q.subject.value, q.object.value) for q in oxigraph_quads if q.predicate.value == str(RDFS.label)
        }
        assert {(str(s), str(o)) for s, o in labels} <= oxigraph_labels, fmt


def assert_valid_iri(iri: str) -> None:
    pyoxigraph.NamedNode(iri)  # raises ValueError on anything RFC 3987 refuses
    assert not any(c in iri for c in ' <>"{}|^`\\') and all(ord(c) > 0x20 for c in iri)


@settings(max_examples=500, deadline=None)
@given(st.text(), st.text())
@example("\u00e9", "e\u0301")  # the same letter, composed and decomposed
@example("a_b", "a b")
@example("x--person", "x")
def test_different_document_ids_never_share_an_iri(first, second):
    assert_valid_iri(mint_document_iri(DEFAULT_BASE, first))
    if first != second:
        assert mint_document_iri(DEFAULT_BASE, first) != mint_document_iri(DEFAULT_BASE, second)


@settings(max_examples=500, deadline=None)
@given(names, names)
@example("\u01f0", "\u01f0".casefold())  # casefolding leaves some keys not in NFC
def test_different_entities_never_share_an_iri(first, second):
    key_a, key_b = canonical_key(first), canonical_key(second)
    assert_valid_iri(mint_entity_iri(DEFAULT_BASE, key_a))
    if key_a != key_b:
        assert mint_entity_iri(DEFAULT_BASE, key_a) != mint_entity_iri(DEFAULT_BASE, key_b)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(OPEN_VERBS + HOSTILE), st.text()), st.text())
def test_open_relation_iris_are_injective_valid_and_give_back_their_verb(verb, other):
    iri = str(term(f"open:{verb}"))
    assert_valid_iri(iri)
    assert local_name(iri) == f"open:{verb}"  # the verb is the predicate's rdfs:label
    if verb != other:
        assert iri != str(term(f"open:{other}"))


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_readable_or_percent_encoded(name):
    encoded = slug(name)
    assert_valid_iri(DEFAULT_BASE + encoded)
    assert all(c.isalnum() or c in "-.~_%" for c in encoded)


def _named(doc_id: str, name: str, type_name: str) -> Extraction:
    text = f"{name} said so."
    mention = Mention(doc_id, 0, len(name), name, type_name, rule="pattern", type_confidence=1.0)
    return Extraction(Document.from_text(doc_id, text), (mention,), ())


def test_a_homonym_split_by_class_never_takes_the_iri_of_a_name_spelled_like_it():
    """A person and a company both called Zorblax, and a company called "Zorblax--Organization Inc."."""
    found = [
        _named("a", "Zorblax", "Person"),
        _named("a2", "Zorblax", "Person"),
        _named("b", "Zorblax", "Organization"),
        _named("c", "Zorblax--Organization Inc.", "Organization"),
    ]
    graph = merge(found, DEFAULT_BASE)
    assert sorted((e.label, e.type) for e in graph.entities) == [
        ("Zorblax", "Organization"), ("Zorblax", "Person"), ("Zorblax--Organization Inc.", "Organization"),
    ]
    assert len({e.iri for e in graph.entities}) == 3


def test_ten_thousand_fuzzed_names_give_as_many_iris_as_entities():
    """Names built to collide: homonyms across classes, runs of ``-``, class names inside names, hostile text."""
    rng = random.Random(14)
    pieces = ["zorblax", "acme", "-", "--", "---", "organization", "person", "place", "_", " ", ".", "%2D", "é", "Inc."]
    named = [
        ("".join(rng.choice(pieces) for _ in range(rng.randint(1, 5))) or "x", rng.choice(ENTITY_TYPES))
        for _ in range(10_000)
    ]
    found = [_named(f"d{index}", name, type_name) for index, (name, type_name) in enumerate(named)]
    entities = resolve(found, DEFAULT_BASE).entities
    assert len(entities) > 1000
    assert len({entity.iri for entity in entities}) == len(entities)
