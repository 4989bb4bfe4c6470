"""The knowledge graph as RDF: a view of :class:`~kg.model.KnowledgeGraph`.

Design (see docs/rdf.md):

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

Time (see docs/time.md): each evidence whose document has a readable date carries it as
``kg:reportedOn`` (``xsd:date``, or ``xsd:dateTime`` when the input gives a time), and each fact
the earliest and latest of them as ``kg:firstReported`` and ``kg:lastReported``. What a sentence
states is a node of its own: ``kg:statedTime`` a ``kg:StatedTime`` (the words as ``rdfs:label``,
the resolved value in OWL-Time's ``time:inXSDDate`` / ``time:inXSDgYearMonth`` /
``time:inXSDgYear``) and ``kg:amount`` a ``kg:Amount`` (``schema:MonetaryAmount``: ``rdfs:label``,
``schema:value``, ``schema:currency``), minted from their content.

Domain and range: resolution gives a fact whose entity types do not fit its stated predicate
("Beijing manufactures H800") the nearest super-property that fits
(:func:`kg.resolve.fitted_predicate`); each evidence node keeps the predicate the sentence
stated as ``kg:statedPredicate``. So the graph is consistent with the ontology without
dropping evidence.

The dataset lives in an Oxigraph store under rdflib's API (oxrdflib). Serialisation goes
through pyoxigraph with the quads sorted first: the same input gives byte-identical output.
:func:`to_dataset` loads its statements so that the store already iterates in that order;
until the dataset is changed, Oxigraph then writes Turtle straight from the store.
No blank nodes: every node has a minted, hash-stable IRI (:mod:`kg.vocab`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache, wraps
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox
from oxrdflib.store import OxigraphStore
from rdflib import OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD, Dataset, Graph, URIRef
from rdflib.term import Node

from kg.dates import document_date, reported_range
from kg.errors import InferenceError, InputError
from kg.model import Amount, Document, Entity, KnowledgeGraph, Relation, StatedTime, page_of
from kg.views.context import ViewContext
from kg.vocab import (
    OPEN,
    PREFIXES,
    local_name,
    mint_amount_iri,
    mint_document_iri,
    mint_evidence_iri,
    mint_fact_iri,
    mint_graph_iri,
    mint_stated_time_iri,
    minted_prefixes,
    ontology,
    term,
)

RDF_FORMATS: dict[str, ox.RdfFormat] = {  # the short names kg.views registers, and the suffixes kg reads
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
DATASET_FORMATS = frozenset({"trig", "nq"})
Triple = tuple[Node, Node, Node]
AnyGraph = TypeVar("AnyGraph", bound=Graph)
NtTriple = tuple[str, str, str]  # subject, predicate, object in N-Triples syntax

# N-Triples forms of the non-kg terms the writer uses, made once: rdflib's namespace lookups cost a
# microsecond each, which is most of the time spent on a large graph.
_RDF_TYPE = f"<{RDF.type}>"
_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT = f"<{RDF.subject}>", f"<{RDF.predicate}>", f"<{RDF.object}>"
_RDFS_LABEL, _RDFS_SUB_PROPERTY_OF = f"<{RDFS.label}>", f"<{RDFS.subPropertyOf}>"
_SKOS_ALT_LABEL, _PROV_ENTITY = f"<{SKOS.altLabel}>", f"<{PROV.Entity}>"
_SCHEMA_NEWS_ARTICLE, _OWL_OBJECT_PROPERTY = f"<{SDO.NewsArticle}>", f"<{OWL.ObjectProperty}>"
_XSD_INTEGER, _XSD_DECIMAL = f"<{XSD.integer}>", f"<{XSD.decimal}>"
_SCHEMA_VALUE, _SCHEMA_CURRENCY = f"<{SDO.value}>", f"<{SDO.currency}>"
# OWL-Time's property for a stated time's position, by the XSD datatype of the value
_TIME_POSITION = {
    "date": f"<{TIME.inXSDDate}>", "gYearMonth": f"<{TIME.inXSDgYearMonth}>", "gYear": f"<{TIME.inXSDgYear}>"
}
# The subject starting each statement of Oxigraph's Turtle (other lines start with a tab or "@prefix").
_TURTLE_SUBJECT = re.compile(rb"\n([^\t@\n]\S*) ")
_TURTLE_LOCAL_ESCAPE = re.compile(rb"\\(.)")  # doc:a\%5Fb is <...doc/a%5Fb>
# Canonical N-Triples string escapes (the ones Oxigraph writes): ECHAR where one exists, else UCHAR.
_LITERAL_ESCAPES = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)} | {
    ord('"'): '\\"', ord("\\"): "\\\\", ord("\b"): "\\b", ord("\t"): "\\t", ord("\n"): "\\n", ord("\f"): "\\f",
    ord("\r"): "\\r",
}


def bind_prefixes(graph: AnyGraph) -> AnyGraph:
    """Bind kg's prefixes (kg, schema, prov, skos, …) on ``graph`` and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def new_dataset(store: ox.Store | None = None, *, in_order: bool = False) -> Dataset:
    """An empty (or ``store``-backed) rdflib ``Dataset`` on an Oxigraph store, with kg's prefixes.

    SPARQL over it sees the default graph; named graphs through ``GRAPH ?g``. ``in_order``:
    ``store`` is known to iterate its default graph in canonical order (see :func:`to_dataset`).
    """
    ordered = OrderedOxigraphStore(store=store or ox.Store())
    dataset = bind_prefixes(Dataset(store=ordered, default_union=False))
    ordered.in_order = in_order
    return dataset


def _forgets_order(method: Callable[..., None]) -> Callable[..., None]:
    @wraps(method)
    def change(self: OrderedOxigraphStore, *args: Any, **kwargs: Any) -> None:
        self.in_order = False
        method(self, *args, **kwargs)

    return change


class OrderedOxigraphStore(OxigraphStore):
    """oxrdflib's store, remembering whether the pyoxigraph store is known to iterate in canonical order.

    :func:`to_dataset` loads its statements so (``in_order``); any change made through rdflib
    clears it, and :func:`serialize` then sorts.
    """

    in_order = False
    add = _forgets_order(OxigraphStore.add)
    addN = _forgets_order(OxigraphStore.addN)
    remove = _forgets_order(OxigraphStore.remove)
    update = _forgets_order(OxigraphStore.update)
    add_graph = _forgets_order(OxigraphStore.add_graph)
    remove_graph = _forgets_order(OxigraphStore.remove_graph)


def to_dataset(kg: KnowledgeGraph) -> Dataset:
    """Build the RDF dataset of ``kg``: everything in the default graph, each document's facts also in its graph.

    The statements are written as N-Quads and loaded in reverse canonical order: Oxigraph's
    in-memory store iterates a graph newest first, so the store then iterates sorted and
    :func:`serialize` lets Oxigraph write Turtle straight from it, without sorting again.
    """
    lines: list[str] = []
    graphs: dict[str, str] = {}
    dates = {doc_id: document.date for doc_id, document in kg.documents.items()}
    paged = {doc_id: document for doc_id, document in kg.documents.items() if document.pages}
    value_nodes: set[NtTriple] = set()  # stated times and amounts: one node however many sentences state it
    for relation in kg.relations:
        lines.extend(map(_statement, _fact_triples(kg.base, relation, dates, paged, value_nodes)))
        direct = _direct_triple(relation)
        for doc_id in {support.doc_id for support in relation.evidence}:
            graph = graphs.setdefault(doc_id, _iri(mint_graph_iri(kg.base, doc_id)))
            lines.append(_statement(direct, graph))
    for document in kg.documents.values():
        lines.extend(map(_statement, _document_triples(kg.base, document, graphs.get(document.id))))
    for entity in kg.entities:
        lines.extend(map(_statement, _entity_triples(kg.base, entity)))
    lines.extend(map(_statement, value_nodes))
    lines.sort(reverse=True)
    store = ox.Store()
    store.load("\n".join(lines), format=ox.RdfFormat.N_QUADS)
    return new_dataset(store, in_order=True)


def _statement(triple: NtTriple, graph: str = "") -> str:
    """One N-Quads line (without its newline) for ``triple`` in ``graph`` (the default graph when empty)."""
    subject, predicate, obj = triple
    return f"{subject} {predicate} {obj} {graph} ." if graph else f"{subject} {predicate} {obj} ."


def _iri(value: str) -> str:
    return f"<{value}>"


@cache
def _kg(name: str) -> str:
    return _iri(term(name))


def _string(value: str) -> str:
    return f'"{value.translate(_LITERAL_ESCAPES)}"'


def _integer(value: int) -> str:
    return f'"{value}"^^{_XSD_INTEGER}'


def _typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def _decimal(value: float) -> str:
    # normalised as Oxigraph writes decimals back ("0.75", "1"), so the text loaded is the text dumped
    return f'"{Decimal(str(round(value, 4))).normalize():f}"^^{_XSD_DECIMAL}'


def _document_triples(base: str, document: Document, graph: str | None) -> Iterator[NtTriple]:
    node = _iri(mint_document_iri(base, document.id))
    yield node, _RDF_TYPE, _kg("Document")
    yield node, _RDF_TYPE, _PROV_ENTITY
    if document.title or document.date:
        yield node, _RDF_TYPE, _SCHEMA_NEWS_ARTICLE
    yield node, _RDFS_LABEL, _string(document.title or document.id)
    yield node, _kg("documentId"), _string(document.id)
    yield node, _kg("sha256"), _string(document.sha256)
    fields = (("title", document.title), ("date", document.date), ("source", document.source),
              ("author", document.author), ("site", document.site))
    for prop, value in fields:
        if value:
            yield node, _kg(prop), _string(value)
    if graph:
        yield node, _kg("namedGraph"), graph


def _entity_triples(base: str, entity: Entity) -> Iterator[NtTriple]:
    node = _iri(entity.iri)
    yield node, _RDF_TYPE, _kg(entity.type)
    yield node, _RDFS_LABEL, _string(entity.label)
    for alias in entity.aliases:
        yield node, _SKOS_ALT_LABEL, _string(alias)
    yield node, _kg("mentionCount"), _integer(entity.mention_count)
    for doc_id in entity.documents:
        yield _iri(mint_document_iri(base, doc_id)), _kg("mentions"), node


def _direct_triple(relation: Relation) -> NtTriple:
    return _iri(relation.subject), _iri(relation.predicate), _iri(relation.object)


def _fact_triples(
    base: str,
    relation: Relation,
    dates: dict[str, str | None],
    paged: dict[str, Document],
    value_nodes: set[NtTriple],
) -> Iterator[NtTriple]:
    """The fact's triples and its evidence's; those of stated times and amounts go into ``value_nodes``."""
    subject, predicate, obj = _direct_triple(relation)
    yield subject, predicate, obj
    stated = sorted({support.stated_predicate for support in relation.evidence} - {""})
    for open_predicate in (p for p in (relation.predicate, *stated) if p.startswith(str(OPEN))):
        yield from _open_predicate_triples(open_predicate)
    fact_iri = mint_fact_iri(base, relation.subject, relation.predicate, relation.object)
    fact = _iri(fact_iri)
    yield fact, _RDF_TYPE, _kg("Fact")
    yield fact, _RDF_SUBJECT, subject
    yield fact, _RDF_PREDICATE, predicate
    yield fact, _RDF_OBJECT, obj
    yield fact, _kg("confidence"), _decimal(relation.confidence)
    yield fact, _kg("supportCount"), _integer(len(relation.evidence))
    reported = reported_range(dates.get(support.doc_id) for support in relation.evidence)
    if reported is not None:
        yield fact, _kg("firstReported"), _typed(reported[0].value, reported[0].datatype)
        yield fact, _kg("lastReported"), _typed(reported[1].value, reported[1].datatype)
    for support in relation.evidence:
        sentence = support.sentence
        node = _iri(
            mint_evidence_iri(
                base, fact_iri, support.doc_id, sentence.start, sentence.end, support.rule, support.stated_predicate
            )
        )
        yield fact, _kg("evidence"), node
        yield node, _RDF_TYPE, _kg("Evidence")
        yield node, _kg("fromDocument"), _iri(mint_document_iri(base, support.doc_id))
        yield node, _kg("sentence"), _string(sentence.text)
        yield node, _kg("startOffset"), _integer(sentence.start)
        yield node, _kg("endOffset"), _integer(sentence.end)
        if support.doc_id in paged:
            page = page_of(paged[support.doc_id], sentence.start)
            yield node, _kg("page"), _typed(str(page), "positiveInteger")
        yield node, _kg("rule"), _string(support.rule)
        yield node, _kg("confidence"), _decimal(support.confidence)
        if support.stated_predicate:
            yield node, _kg("statedPredicate"), _iri(support.stated_predicate)
        published = document_date(dates.get(support.doc_id))
        if published is not None:
            yield node, _kg("reportedOn"), _typed(published.value, published.datatype)
        for time in support.times:
            time_node = _iri(mint_stated_time_iri(base, time.text, time.value, time.datatype))
            yield node, _kg("statedTime"), time_node
            value_nodes.update(_stated_time_triples(time_node, time))
        if support.amount is not None:
            amount = support.amount
            amount_node = _iri(mint_amount_iri(base, amount.text, amount.value, amount.currency))
            yield node, _kg("amount"), amount_node
            value_nodes.update(_amount_triples(amount_node, amount))


def _stated_time_triples(node: str, time: StatedTime) -> Iterator[NtTriple]:
    yield node, _RDF_TYPE, _kg("StatedTime")
    yield node, _RDFS_LABEL, _string(time.text)
    if time.datatype:
        yield node, _TIME_POSITION[time.datatype], _typed(time.value, time.datatype)


def _amount_triples(node: str, amount: Amount) -> Iterator[NtTriple]:
    yield node, _RDF_TYPE, _kg("Amount")
    yield node, _RDFS_LABEL, _string(amount.text)
    yield node, _SCHEMA_VALUE, _typed(amount.value, "decimal")
    yield node, _SCHEMA_CURRENCY, _string(amount.currency)


def _open_predicate_triples(predicate: str) -> Iterator[NtTriple]:
    node = _iri(predicate)
    yield node, _RDF_TYPE, _OWL_OBJECT_PROPERTY
    yield node, _RDFS_SUB_PROPERTY_OF, _kg("relatedTo")
    yield node, _RDFS_LABEL, _string(local_name(predicate).split(":", 1)[1])


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

    Oxigraph iterates in its own order, which nothing promises; sorting the canonical lines
    (in C) makes every output byte-identical run to run.
    """
    lines = (store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph_name) or b"").split(b"\n")
    lines.sort()
    del lines[0]  # the empty piece after the last newline, sorted first
    return lines


def serialize(graph: Graph, fmt: str, *, base: str | None = None) -> str:
    """Serialise ``graph`` in one of :data:`RDF_FORMATS` (by its short name), deterministically.

    ``trig`` and ``nq`` write the default graph and every named graph (by name); the other
    formats write the default graph only. With the ``base`` the graph was minted under, the
    minted IRIs get prefixes too (``entity:``, ``doc:``, ``fact:``, …; see :func:`kg.vocab.minted_prefixes`).
    """
    prefixes = PREFIXES | minted_prefixes(base) if base else PREFIXES
    store = oxigraph_store(graph)
    if fmt == "ttl" and isinstance(graph.store, OrderedOxigraphStore) and graph.store.in_order:
        turtle = store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes) or b""
        if _subjects_ascend(turtle, prefixes):
            return turtle.decode("utf-8")
    named = fmt in DATASET_FORMATS
    lines = sorted_ntriples(store, ox.DefaultGraph())
    if named:
        for name in sorted(store.named_graphs(), key=str):
            suffix = f" {name} .".encode()
            lines.extend(line[: -len(b" .")] + suffix for line in sorted_ntriples(store, name))
    canonical = b"".join(line + b"\n" for line in lines)
    if fmt in {"nt", "nq"}:
        return canonical.decode("utf-8")
    # lenient: the input is canonical N-Triples Oxigraph itself just wrote, so IRIs need no re-validation
    statements = ox.parse(canonical, format=ox.RdfFormat.N_QUADS if named else ox.RdfFormat.N_TRIPLES, lenient=True)
    text = (ox.serialize(statements, format=RDF_FORMATS[fmt], prefixes=prefixes) or b"").decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def _subjects_ascend(turtle: bytes, prefixes: dict[str, str]) -> bool:
    """Whether the subjects of Oxigraph's ``turtle`` (written with ``prefixes``) strictly ascend as N-Triples bytes.

    A cheap check that the store iterated as :func:`to_dataset` loaded it (grouped and sorted
    by subject), so that a different iteration order in some Oxigraph version is never
    written as if it were canonical.
    """
    namespaces = {prefix.encode(): namespace.encode() for prefix, namespace in prefixes.items()}
    previous = b""
    for subject in _TURTLE_SUBJECT.findall(b"\n" + turtle):
        prefix, colon, local = subject.partition(b":")
        if subject[:1] != b"<" and colon and prefix != b"_":
            if b"\\" in local:
                local = _TURTLE_LOCAL_ESCAPE.sub(rb"\1", local)
            subject = b"<" + namespaces.get(prefix, b"?") + local + b">"
        if subject <= previous:
            return False
        previous = subject
    return bool(previous)


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


def rdf_text(context: ViewContext, name: str) -> str:
    """The graph in the RDF format ``name`` (the writer :mod:`kg.views` registers for every RDF format).

    The dataset is built once per call and shared by every RDF format written, with the ontology's
    entailments added when ``context.infer`` is set.
    """
    if "dataset" not in context.memo:
        dataset = to_dataset(context.graph)
        context.memo["dataset"] = infer(dataset) if context.infer else dataset
    return serialize(context.memo["dataset"], name, base=context.graph.base)
