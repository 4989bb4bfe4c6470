"""The knowledge graph as RDF: a view of :class:`~kg.model.KnowledgeGraph`.

Design (see README, "The RDF graph"):

* every entity: ``rdf:type`` (one ontology class), ``rdfs:label``, ``skos:altLabel`` for
  other surface forms, ``kg:mentionCount``;
* every fact as a direct triple ``<s> kg:released <o>``, so plain queries stay plain;
* the same fact reified as a ``kg:Fact`` (``rdf:subject``/``rdf:predicate``/``rdf:object``,
  ``kg:confidence``, ``kg:supportCount``) with one ``kg:Evidence`` node per supporting
  sentence (``kg:fromDocument``, ``kg:sentence``, ``kg:startOffset``, ``kg:endOffset``,
  ``kg:rule``, ``kg:confidence``);
* every document a ``kg:Document`` with its id, hash, metadata and ``kg:mentions`` links.

No blank nodes: every node has a minted, hash-stable IRI (:mod:`kg.vocab`).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef

from kg.model import Document, Entity, KnowledgeGraph, Relation
from kg.vocab import KG, OPEN, PREFIXES, local_name, mint_document_iri, mint_evidence_iri, mint_fact_iri, term

RDF_FORMATS = {"ttl": "turtle", "trig": "trig", "nt": "nt11", "nq": "nquads", "jsonld": "json-ld"}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind kg's prefixes (kg, schema, prov, skos, …) on ``graph`` and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def to_dataset(kg: KnowledgeGraph) -> Dataset:
    """Build the RDF dataset of ``kg`` (all triples in the default graph)."""
    dataset = bind_prefixes(Dataset(default_union=True))
    graph = dataset.default_graph
    for document in kg.documents.values():
        _add_document(graph, kg.base, document)
    for entity in kg.entities:
        _add_entity(graph, kg.base, entity)
    for relation in kg.relations:
        _add_relation(graph, kg.base, relation)
    return dataset


def _decimal(value: float) -> Literal:
    return Literal(Decimal(str(round(value, 4))), datatype=XSD.decimal)


def _add_document(graph: Graph, base: str, document: Document) -> None:
    node = URIRef(mint_document_iri(base, document.id))
    graph.add((node, RDF.type, KG.Document))
    graph.add((node, KG.documentId, Literal(document.id)))
    graph.add((node, KG.sha256, Literal(document.sha256)))
    for prop, value in ((KG.title, document.title), (KG.date, document.date), (KG.source, document.source)):
        if value:
            graph.add((node, prop, Literal(value)))


def _add_entity(graph: Graph, base: str, entity: Entity) -> None:
    node = URIRef(entity.iri)
    graph.add((node, RDF.type, term(entity.type)))
    graph.add((node, RDFS.label, Literal(entity.label)))
    for alias in entity.aliases:
        graph.add((node, SKOS.altLabel, Literal(alias)))
    graph.add((node, KG.mentionCount, Literal(entity.mention_count)))
    for doc_id in entity.documents:
        graph.add((URIRef(mint_document_iri(base, doc_id)), KG.mentions, node))


def _add_relation(graph: Graph, base: str, relation: Relation) -> None:
    subject, predicate, obj = URIRef(relation.subject), URIRef(relation.predicate), URIRef(relation.object)
    graph.add((subject, predicate, obj))
    if relation.predicate.startswith(str(OPEN)):
        graph.add((predicate, RDF.type, OWL.ObjectProperty))
        graph.add((predicate, RDFS.subPropertyOf, KG.relatedTo))
        graph.add((predicate, RDFS.label, Literal(local_name(relation.predicate).split(":", 1)[1])))
    fact = URIRef(mint_fact_iri(base, relation.subject, relation.predicate, relation.object))
    graph.add((fact, RDF.type, KG.Fact))
    graph.add((fact, RDF.subject, subject))
    graph.add((fact, RDF.predicate, predicate))
    graph.add((fact, RDF.object, obj))
    graph.add((fact, KG.confidence, _decimal(relation.confidence)))
    graph.add((fact, KG.supportCount, Literal(len(relation.evidence))))
    for support in relation.evidence:
        node = URIRef(
            mint_evidence_iri(base, str(fact), support.doc_id, support.sentence.start, support.sentence.end, support.rule)
        )
        graph.add((fact, KG.evidence, node))
        graph.add((node, RDF.type, KG.Evidence))
        graph.add((node, KG.fromDocument, URIRef(mint_document_iri(base, support.doc_id))))
        graph.add((node, KG.sentence, Literal(support.sentence.text)))
        graph.add((node, KG.startOffset, Literal(support.sentence.start)))
        graph.add((node, KG.endOffset, Literal(support.sentence.end)))
        graph.add((node, KG.rule, Literal(support.rule)))
        graph.add((node, KG.confidence, _decimal(support.confidence)))


def serialize(dataset: Dataset, fmt: str) -> str:
    """Serialise ``dataset`` in one of :data:`RDF_FORMATS` (by its short name)."""
    rdflib_format = RDF_FORMATS[fmt]
    if rdflib_format in {"trig", "nquads"}:
        return dataset.serialize(format=rdflib_format)
    return dataset.default_graph.serialize(format=rdflib_format)


def load_graph(path: str | Path) -> Graph:
    """Parse an RDF file (format from its extension) into an rdflib graph with kg's prefixes."""
    from kg.errors import InputError

    path = Path(path)
    fmt = RDF_FORMATS.get(path.suffix.lower().lstrip("."))
    if fmt is None:
        raise InputError(f"{path}: unknown RDF file type; use one of {', '.join('.' + s for s in RDF_FORMATS)}")
    dataset = bind_prefixes(Dataset(default_union=True))
    try:
        dataset.parse(path, format=fmt)
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except Exception as exc:  # rdflib raises many parser-specific types
        raise InputError(f"{path}: not valid {fmt}: {exc}") from exc
    return dataset
