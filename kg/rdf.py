"""The knowledge graph as RDF: a view of :class:`~kg.model.KnowledgeGraph`.

Design (see README, "The RDF graph"):

* every entity: ``rdf:type`` (one ontology class), ``rdfs:label``, ``skos:altLabel`` for
  other surface forms, ``kg:mentionCount``;
* every fact as a direct triple ``<s> kg:released <o>`` in the default graph, so plain
  queries stay plain, and again in the named graph of every document that supports it
  (:func:`kg.vocab.mint_graph_iri`), so TriG / N-Quads show each document's contribution;
* the same fact reified as a ``kg:Fact`` (``rdf:subject``/``rdf:predicate``/``rdf:object``,
  ``kg:confidence``, ``kg:supportCount``) with one ``kg:Evidence`` node per supporting
  sentence (``kg:fromDocument``, ``kg:sentence``, ``kg:startOffset``, ``kg:endOffset``,
  ``kg:rule``, ``kg:confidence``);
* every document a ``kg:Document`` and ``prov:Entity`` (``schema:NewsArticle`` when it has a
  title or date) with its id, hash, metadata and ``kg:mentions`` links.

Domain and range: a fact whose entity types do not fit its predicate's ``rdfs:domain`` or
``rdfs:range`` (the extractor read "Beijing manufactures H800") is written with the nearest
kg super-property that fits (ultimately ``kg:relatedTo``), which the stated fact entails; each
evidence node keeps the predicate the sentence stated as ``kg:statedPredicate``. So the graph
is consistent with the ontology without dropping evidence.

The dataset lives in an Oxigraph store under rdflib's API (oxrdflib). Serialisation goes
through pyoxigraph with the quads sorted first: the same input gives byte-identical output.
No blank nodes: every node has a minted, hash-stable IRI (:mod:`kg.vocab`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from oxrdflib.store import OxigraphStore
from rdflib import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, Dataset, Graph, URIRef
from rdflib.term import Node

from kg.errors import InferenceError, InputError
from kg.model import Document, Entity, Evidence, KnowledgeGraph, Relation
from kg.resolve import predicate_signature
from kg.vocab import (
    KG,
    OPEN,
    PREFIXES,
    is_a,
    local_name,
    mint_document_iri,
    mint_evidence_iri,
    mint_fact_iri,
    mint_graph_iri,
    ontology,
    property_ancestors,
    term,
)

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
DATASET_FORMATS = frozenset({"trig", "nq"})
Triple = tuple[Node, Node, Node]
AnyGraph = TypeVar("AnyGraph", bound=Graph)
OxTriple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]


@dataclass(frozen=True)
class WrittenFact:
    """A fact as written to RDF: predicate fitted to the entity types, evidence merged.

    ``stated`` maps each evidence whose sentence stated a different (more specific)
    predicate to that predicate's IRI.
    """

    relation: Relation
    stated: tuple[tuple[Evidence, str], ...] = ()


def bind_prefixes(graph: AnyGraph) -> AnyGraph:
    """Bind kg's prefixes (kg, schema, prov, skos, …) on ``graph`` and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def new_dataset(store: ox.Store | None = None) -> Dataset:
    """An empty (or ``store``-backed) rdflib ``Dataset`` on an Oxigraph store, with kg's prefixes.

    SPARQL over it sees the default graph; named graphs through ``GRAPH ?g``.
    """
    return bind_prefixes(Dataset(store=OxigraphStore(store=store or ox.Store()), default_union=False))


def fitting_predicate(kg: KnowledgeGraph, relation: Relation) -> str:
    """The relation's predicate, or its nearest kg super-property whose domain and range fit the entity types.

    Examples:
        >>> from kg.model import Entity, KnowledgeGraph, Relation
        >>> graph = KnowledgeGraph("https://e.org/")
        >>> graph.add_entities([Entity("https://e.org/beijing", "Beijing", "Place"),
        ...                     Entity("https://e.org/h800", "H800", "Chip")])
        >>> fitting_predicate(graph, Relation("https://e.org/beijing", str(term("manufactures")), "https://e.org/h800", ()))
        'https://w3id.org/offline-kg/ontology#relatedTo'
    """
    subject_type = kg.entity(relation.subject).type
    object_type = kg.entity(relation.object).type
    name = local_name(relation.predicate)
    for candidate in (name, *property_ancestors(name)):
        domain, range_ = predicate_signature(candidate)
        if (domain is None or is_a(subject_type, domain)) and (range_ is None or is_a(object_type, range_)):
            return str(term(candidate))
    return str(KG.relatedTo)


def written_facts(kg: KnowledgeGraph) -> list[WrittenFact]:
    """Every fact of ``kg`` as written to RDF, sorted by triple (see the module docstring)."""
    groups: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    for relation in kg.relations:
        groups[(relation.subject, fitting_predicate(kg, relation), relation.object)].append(relation)
    facts = []
    for (subject, predicate, obj), relations in sorted(groups.items()):
        evidence: dict[Evidence, str] = {}
        for relation in relations:
            for support in relation.evidence:
                evidence.setdefault(support, relation.predicate)
        ordered = sorted(evidence, key=lambda e: (e.doc_id, e.sentence.start, e.rule, evidence[e]))
        stated = tuple((e, evidence[e]) for e in ordered if evidence[e] != predicate)
        facts.append(WrittenFact(Relation(subject, predicate, obj, tuple(ordered)), stated))
    return facts


def to_dataset(kg: KnowledgeGraph) -> Dataset:
    """Build the RDF dataset of ``kg``: everything in the default graph, each document's facts also in its graph."""
    default: list[OxTriple] = []
    per_document: dict[str, list[OxTriple]] = defaultdict(list)
    for fact in written_facts(kg):
        default.extend(_fact_triples(kg.base, fact))
        for doc_id in {support.doc_id for support in fact.relation.evidence}:
            per_document[doc_id].append(_direct_triple(fact.relation))
    for document in kg.documents.values():
        default.extend(_document_triples(kg.base, document, has_graph=document.id in per_document))
    for entity in kg.entities:
        default.extend(_entity_triples(kg.base, entity))
    store = ox.Store()
    store.extend([ox.Quad(s, p, o) for s, p, o in default])
    for doc_id, triples in per_document.items():
        graph = ox.NamedNode(mint_graph_iri(kg.base, doc_id))
        store.extend([ox.Quad(s, p, o, graph) for s, p, o in triples])
    return new_dataset(store)


@cache
def _vocab(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_vocab(XSD.integer))


def _decimal(value: float) -> ox.Literal:
    return ox.Literal(str(Decimal(str(round(value, 4)))), datatype=_vocab(XSD.decimal))


def _document_triples(base: str, document: Document, *, has_graph: bool) -> Iterator[OxTriple]:
    node = ox.NamedNode(mint_document_iri(base, document.id))
    yield node, _vocab(RDF.type), _vocab(KG.Document)
    yield node, _vocab(RDF.type), _vocab(PROV.Entity)
    if document.title or document.date:
        yield node, _vocab(RDF.type), _vocab(SDO.NewsArticle)
    yield node, _vocab(RDFS.label), ox.Literal(document.title or document.id)
    yield node, _vocab(KG.documentId), ox.Literal(document.id)
    yield node, _vocab(KG.sha256), ox.Literal(document.sha256)
    for prop, value in ((KG.title, document.title), (KG.date, document.date), (KG.source, document.source)):
        if value:
            yield node, _vocab(prop), ox.Literal(value)
    if has_graph:
        yield node, _vocab(KG.namedGraph), ox.NamedNode(mint_graph_iri(base, document.id))


def _entity_triples(base: str, entity: Entity) -> Iterator[OxTriple]:
    node = ox.NamedNode(entity.iri)
    yield node, _vocab(RDF.type), _vocab(term(entity.type))
    yield node, _vocab(RDFS.label), ox.Literal(entity.label)
    for alias in entity.aliases:
        yield node, _vocab(SKOS.altLabel), ox.Literal(alias)
    yield node, _vocab(KG.mentionCount), _integer(entity.mention_count)
    for doc_id in entity.documents:
        yield ox.NamedNode(mint_document_iri(base, doc_id)), _vocab(KG.mentions), node


def _direct_triple(relation: Relation) -> OxTriple:
    return ox.NamedNode(relation.subject), ox.NamedNode(relation.predicate), ox.NamedNode(relation.object)


def _fact_triples(base: str, written: WrittenFact) -> Iterator[OxTriple]:
    relation = written.relation
    subject, predicate, obj = _direct_triple(relation)
    yield subject, predicate, obj
    stated = dict(written.stated)
    for open_predicate in {p for p in (relation.predicate, *stated.values()) if p.startswith(str(OPEN))}:
        yield from _open_predicate_triples(ox.NamedNode(open_predicate))
    fact = ox.NamedNode(mint_fact_iri(base, relation.subject, relation.predicate, relation.object))
    yield fact, _vocab(RDF.type), _vocab(KG.Fact)
    yield fact, _vocab(RDF.subject), subject
    yield fact, _vocab(RDF.predicate), predicate
    yield fact, _vocab(RDF.object), obj
    yield fact, _vocab(KG.confidence), _decimal(relation.confidence)
    yield fact, _vocab(KG.supportCount), _integer(len(relation.evidence))
    for support in relation.evidence:
        sentence = support.sentence
        node = ox.NamedNode(
            mint_evidence_iri(
                base, fact.value, support.doc_id, sentence.start, sentence.end, support.rule, stated.get(support, "")
            )
        )
        yield fact, _vocab(KG.evidence), node
        yield node, _vocab(RDF.type), _vocab(KG.Evidence)
        yield node, _vocab(KG.fromDocument), ox.NamedNode(mint_document_iri(base, support.doc_id))
        yield node, _vocab(KG.sentence), ox.Literal(sentence.text)
        yield node, _vocab(KG.startOffset), _integer(sentence.start)
        yield node, _vocab(KG.endOffset), _integer(sentence.end)
        yield node, _vocab(KG.rule), ox.Literal(support.rule)
        yield node, _vocab(KG.confidence), _decimal(support.confidence)
        if support in stated:
            yield node, _vocab(KG.statedPredicate), ox.NamedNode(stated[support])


def _open_predicate_triples(predicate: ox.NamedNode) -> Iterator[OxTriple]:
    yield predicate, _vocab(RDF.type), _vocab(OWL.ObjectProperty)
    yield predicate, _vocab(RDFS.subPropertyOf), _vocab(KG.relatedTo)
    yield predicate, _vocab(RDFS.label), ox.Literal(local_name(predicate.value).split(":", 1)[1])


def oxigraph_store(graph: Graph) -> ox.Store:
    """The pyoxigraph store behind ``graph`` (a copy, for graphs on another rdflib store)."""
    if isinstance(graph.store, OxigraphStore):
        return graph.store._inner
    store = ox.Store()
    store.load(graph.serialize(format="nquads" if isinstance(graph, Dataset) else "nt", encoding="utf-8"),
               format=ox.RdfFormat.N_QUADS)
    return store


def sorted_ntriples(store: ox.Store, graph_name: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> list[bytes]:
    """The canonical N-Triples lines of one graph of ``store``, sorted as bytes: by subject, predicate, object.

    Oxigraph iterates in its own index order, which is neither sorted nor promised to be
    stable; sorting the canonical lines (in C) makes every output byte-identical run to run.
    """
    lines = (store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph_name) or b"").split(b"\n")
    lines.sort()
    return [line for line in lines if line]


def sorted_nquads(store: ox.Store, *, named_graphs: bool) -> bytes:
    """The default graph (and, with ``named_graphs``, every named graph by name) as sorted N-Quads."""
    lines = sorted_ntriples(store, ox.DefaultGraph())
    if named_graphs:
        for name in sorted(store.named_graphs(), key=str):
            suffix = f" {name} .".encode()
            lines.extend(line[: -len(b" .")] + suffix for line in sorted_ntriples(store, name))
    lines.append(b"")
    return b"\n".join(lines)


def serialize(graph: Graph, fmt: str) -> str:
    """Serialise ``graph`` in one of :data:`RDF_FORMATS` (by its short name), deterministically.

    ``trig`` and ``nq`` write the default graph and every named graph; the other formats
    write the default graph only.
    """
    named = fmt in DATASET_FORMATS
    canonical = sorted_nquads(oxigraph_store(graph), named_graphs=named)
    if fmt in {"nt", "nq"}:
        return canonical.decode("utf-8")
    # lenient: the input is canonical N-Triples Oxigraph itself just wrote, so IRIs need no re-validation
    statements = ox.parse(canonical, format=ox.RdfFormat.N_QUADS if named else ox.RdfFormat.N_TRIPLES, lenient=True)
    text = (ox.serialize(statements, format=RDF_FORMATS[fmt], prefixes=PREFIXES) or b"").decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def to_memory_graph(graph: Graph) -> Graph:
    """A copy of the default graph of ``graph`` in rdflib's in-memory store (for pySHACL and owlrl).

    Copied through N-Triples, so simple literals stay simple (``"x"``, not ``"x"^^xsd:string``).
    """
    return Graph().parse(data=serialize(graph, "nt"), format="nt")


def load_graph(path: str | Path) -> Dataset:
    """Parse an RDF file (format from its extension) into an Oxigraph-backed dataset with kg's prefixes.

    When the file has no default graph (N-Quads of named graphs only), the default graph is
    the union of its named graphs.

    Raises:
        InputError: unknown extension, missing file, or a file that does not parse.
    """
    store = load_store(path)
    dataset = new_dataset(store)
    if not any(True for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph())):
        dataset.default_union = True
    return dataset


def load_store(path: str | Path) -> ox.Store:
    """Load an RDF file (format from its extension) into a new in-memory pyoxigraph store.

    Nothing is fetched: JSON-LD with a remote ``@context`` is refused and ``owl:imports``
    is not followed.

    Raises:
        InputError: unknown extension, missing file, or a file that does not parse.
    """
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in RDF_FORMATS:
        raise InputError(f"{path}: unknown RDF file type; use one of {', '.join('.' + s for s in RDF_FORMATS)}")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=RDF_FORMATS[suffix])
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        if "LoadDocumentCallback" in str(exc):
            raise InputError(f"{path}: refers to a remote JSON-LD @context; kg never fetches documents") from exc
        raise InputError(f"{path}: cannot load: not valid {suffix}: {exc}") from exc
    return store


def infer(dataset: Dataset) -> Dataset:
    """Materialise OWL-RL consequences of the ontology in the default graph of ``dataset``.

    Adds what the ontology entails about the graph's own nodes: superclass types, inverse
    and symmetric relations, super-properties. Schema-level and reflexive noise
    (``owl:sameAs`` self-links, ``owl:Thing``, triples about ontology terms) is left out.

    Raises:
        InferenceError: the graph contradicts the ontology (e.g. a node in two disjoint classes).
    """
    import owlrl
    from owlrl.Namespaces import ERRNS

    data = to_memory_graph(dataset)
    closure = Graph()
    closure += data
    closure += ontology()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
    errors = sorted(str(message) for message in closure.objects(None, ERRNS.error))
    if errors:
        raise InferenceError(f"the graph contradicts the ontology: {errors[0]}")
    nodes = set(data.subjects())
    inferred = [t for t in closure if t[0] in nodes and t not in data and _worth_materialising(t)]
    dataset.store.addN([(s, p, o, dataset.default_graph) for s, p, o in inferred])
    return dataset


def _worth_materialising(triple: Triple) -> bool:
    _, predicate, obj = triple
    if predicate == RDF.type:
        return isinstance(obj, URIRef) and not str(obj).startswith((str(OWL), str(RDFS), str(RDF)))
    return not str(predicate).startswith((str(OWL), str(RDFS), str(RDF)))

