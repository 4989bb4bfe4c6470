"""Namespaces, the ontology's terms, and IRI minting: the one place IRIs are made.

The vocabulary is read from ``ontologies/kg.ttl``; code and pattern files name terms
by local name and :func:`term` refuses names the ontology does not declare.
"""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import unquote

from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

from kg.errors import UsageError, VocabularyError

# ontologies/ is installed as the data package kg.ontologies (pyproject package-dir), so the same
# files are found from a source checkout, an editable install and a wheel.
ONTOLOGY_PATH = Path(str(files("kg.ontologies") / "kg.ttl"))
SHAPES_PATH = Path(str(files("kg.ontologies") / "shapes.ttl"))
KG = Namespace("https://w3id.org/offline-kg/ontology#")
OPEN = Namespace("https://w3id.org/offline-kg/open#")
OPEN_PREFIX = "open:"

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "open": str(OPEN),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "time": "http://www.w3.org/2006/time#",
}


@cache
def ontology() -> Graph:
    """The ontology graph, parsed once."""
    graph = Graph()
    try:
        graph.parse(ONTOLOGY_PATH, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise VocabularyError(f"{ONTOLOGY_PATH}: cannot read the ontology: {exc}") from exc
    return graph


@cache
def declared_terms() -> frozenset[str]:
    """Local names of every class and property the ontology declares in the kg namespace."""
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return frozenset(
        str(s)[len(KG) :]
        for kind in kinds
        for s in ontology().subjects(RDF.type, kind)
        if str(s).startswith(str(KG))
    )


def term(name: str) -> URIRef:
    """The IRI of an ontology term, or of an open relation for ``open:<verb>``.

    Examples:
        >>> str(term("released"))
        'https://w3id.org/offline-kg/ontology#released'
        >>> str(term("open:praise"))
        'https://w3id.org/offline-kg/open#praise'
    """
    if name.startswith(OPEN_PREFIX):
        return OPEN[_open_local_name(name[len(OPEN_PREFIX) :])]
    if name not in declared_terms():
        raise VocabularyError(f"{ONTOLOGY_PATH}: the ontology declares no term kg:{name}")
    return KG[name]


def local_name(iri: str) -> str:
    """The local name of a kg or open IRI, as written in pattern files (inverse of :func:`term`)."""
    if iri.startswith(str(OPEN)):
        encoded = iri[len(OPEN) :]
        return OPEN_PREFIX + unquote(encoded.removeprefix("_").replace("_", " "))
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def normalize_base(base: str) -> str:
    """Make sure the base IRI ends with ``/`` or ``#`` so minted IRIs read well."""
    return base if base.endswith(("/", "#")) else base + "/"


def checked_base(base: str) -> str:
    """``base`` normalised (:func:`normalize_base`), checked once where a build starts.

    Examples:
        >>> checked_base("https://example.org/kg")
        'https://example.org/kg/'

    Raises:
        UsageError: ``base`` is not an absolute IRI, so no IRI could be minted under it.
    """
    import pyoxigraph

    normalized = normalize_base(base)
    try:
        pyoxigraph.NamedNode(normalized)
    except ValueError as exc:
        raise UsageError(f"base IRI {base!r} is not an absolute IRI: {exc}") from exc
    return normalized


def slug(text: str) -> str:
    """A readable, injective IRI path segment for a canonical key.

    Letters and decimal digits stay as they are (any script), spaces become ``_``, and
    every other character is percent-encoded, so different keys never share a slug
    (there is no Unicode normalisation here: it would merge different strings). A final
    ``.`` is encoded too: Turtle writes it as ``\\.`` in a prefixed name, which rdflib
    cannot read. A ``-`` right after another is encoded, so a slug never holds ``--``:
    that separator is kept for the class of a homonym (see :func:`mint_entity_iri`).

    Examples:
        >>> slug("jensen huang")
        'jensen_huang'
        >>> slug("gpt-4"), slug("corp.")
        ('gpt-4', 'corp%2E')
        >>> slug("a_b"), slug("a b"), slug("at&t")
        ('a%5Fb', 'a_b', 'at%26t')
        >>> slug("x--organization")
        'x-%2Dorganization'
    """
    encoded = "".join(
        "%2D" if char == "-" and index and text[index - 1] == "-" else _slug_char(char)
        for index, char in enumerate(text)
    )
    return encoded[:-1] + "%2E" if encoded.endswith(".") else encoded


def _slug_char(char: str) -> str:
    if char == " ":
        return "_"
    if char in "-.~" or ((char.isalpha() or char.isdecimal()) and not "\x80" <= char < "\xc0"):
        return char  # letters and digits that Turtle also allows in prefixed names (not ª µ º ² ½ ①)
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


def _open_local_name(verb: str) -> str:
    """The slug of an open relation's verb, behind ``_`` unless it starts with a letter.

    rdflib's Turtle writer splits ``open#%E2%80%A6`` after the ``%`` and declares the
    prefix ``<open#%>``, which is not a valid IRI; a leading ``_`` keeps the split right.
    """
    encoded = slug(verb)
    return encoded if encoded[:1].isalpha() else "_" + encoded


MINTED_KINDS = ("entity", "doc", "graph", "fact", "evidence", "statedtime", "amount")
"""What kg mints IRIs for: each kind is a path segment under the base IRI, and a Turtle prefix."""
MINTED_CACHE = 1 << 16  # document and graph IRIs kept, so that minting one per fact costs a lookup


def minted_prefixes(base: str) -> dict[str, str]:
    """Prefixes for the IRIs kg mints under ``base``, for readable Turtle (``entity:deepseek``).

    Examples:
        >>> minted_prefixes("https://example.org/kg/")["entity"]
        'https://example.org/kg/entity/'
    """
    return {kind: _mint(base, kind, "") for kind in MINTED_KINDS}


def _mint(base: str, kind: str, local: str) -> str:
    return f"{normalize_base(base)}{kind}/{local}"


def mint_entity_iri(base: str, key: str, type_name: str | None = None) -> str:
    """The IRI of an entity with canonical key ``key``; ``type_name`` disambiguates homonyms.

    Injective by construction: a slug never holds ``--`` and a class name holds no ``-``, so
    ``SLUG--class`` splits one way only and no plain slug looks like it.

    Examples:
        >>> mint_entity_iri("https://e.org/", "zorblax", "Organization")
        'https://e.org/entity/zorblax--organization'
        >>> mint_entity_iri("https://e.org/", "zorblax--organization")
        'https://e.org/entity/zorblax-%2Dorganization'
    """
    name = slug(key) if type_name is None else f"{slug(key)}--{type_name.lower()}"
    return _mint(base, "entity", name)


@lru_cache(maxsize=MINTED_CACHE)
def mint_document_iri(base: str, doc_id: str) -> str:
    """The IRI of a document (asked for once per fact it supports: kept, not made again)."""
    return _mint(base, "doc", slug(doc_id))


@lru_cache(maxsize=MINTED_CACHE)
def mint_graph_iri(base: str, doc_id: str) -> str:
    """The IRI of the named graph that holds the facts one document supports.

    Examples:
        >>> mint_graph_iri("https://example.org/kg/", "seeds/a b.txt")
        'https://example.org/kg/graph/seeds%2Fa_b.txt'
    """
    return _mint(base, "graph", slug(doc_id))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def mint_fact_iri(base: str, subject: str, predicate: str, obj: str) -> str:
    """The IRI of the reified statement of a fact (stable hash of its triple)."""
    return _mint(base, "fact", _digest(subject, predicate, obj))


def mint_evidence_iri(
    base: str, fact_iri: str, doc_id: str, start: int, end: int, rule: str, stated_predicate: str = ""
) -> str:
    """The IRI of one evidence sentence of one fact.

    ``stated_predicate`` is given when the sentence stated a more specific predicate than the
    fact is written with.
    """
    parts = (fact_iri, doc_id, str(start), str(end), rule) + ((stated_predicate,) if stated_predicate else ())
    return _mint(base, "evidence", _digest(*parts))


def mint_stated_time_iri(base: str, text: str, value: str, datatype: str) -> str:
    """The IRI of a stated time: the same words resolved to the same value are one node, wherever stated.

    Examples:
        >>> mint_stated_time_iri("https://e.org/", "last year", "2024", "gYear")
        'https://e.org/statedtime/5eaf2fcd1f7058a4'
    """
    return _mint(base, "statedtime", _digest(text, value, datatype))


def mint_amount_iri(base: str, text: str, value: str, currency: str) -> str:
    """The IRI of an amount of money: the same words for the same sum are one node, wherever stated."""
    return _mint(base, "amount", _digest(text, value, currency))


# The classes that extraction code reasons about by name (tests/test_vocab.py checks that the ontology declares
# each); every other class a rule needs is named in the pattern files.
PERSON = "Person"
ORGANIZATION = "Organization"
PLACE = "Place"
COUNTRY = "Country"
CITY = "City"
PRODUCT = "Product"
CODE_CLASSES = (PERSON, ORGANIZATION, PLACE, COUNTRY, CITY)


@cache
def class_ancestors(name: str) -> frozenset[str]:
    """The kg class ``name`` and all its kg superclasses, by local name.

    Examples:
        >>> sorted(class_ancestors("Chip"))
        ['Chip', 'Entity', 'Hardware', 'Product']
    """
    found = {name}
    for parent in ontology().objects(term(name), RDFS.subClassOf):
        if str(parent).startswith(str(KG)):
            found |= class_ancestors(str(parent)[len(KG) :])
    return frozenset(found)


def is_a(name: str, ancestor: str) -> bool:
    """Whether class ``name`` is ``ancestor`` or one of its subclasses."""
    return ancestor in class_ancestors(name)


@cache
def is_symmetric(predicate: str) -> bool:
    """Whether the ontology declares ``predicate`` an ``owl:SymmetricProperty`` (partnerOf, competesWith).

    Examples:
        >>> is_symmetric("partnerOf"), is_symmetric("acquired")
        (True, False)
    """
    return not predicate.startswith(OPEN_PREFIX) and (term(predicate), RDF.type, OWL.SymmetricProperty) in ontology()


@cache
def property_ancestors(name: str) -> tuple[str, ...]:
    """The kg super-properties of property ``name``, nearest first (breadth-first, then by name).

    Examples:
        >>> property_ancestors("ceoOf")
        ('leads', 'worksFor', 'relatedTo')
    """
    found: list[str] = []
    frontier = [name]
    while frontier:
        parents = sorted(
            {
                str(parent)[len(KG) :]
                for child in frontier
                for parent in ontology().objects(term(child), RDFS.subPropertyOf)
                if str(parent).startswith(str(KG))
            }
            - set(found)
        )
        found.extend(parents)
        frontier = parents
    return tuple(found)


@cache
def predicate_signature(predicate: str) -> tuple[str | None, str | None]:
    """The (domain, range) classes of a predicate, ``None`` where it is the generic ``kg:Entity``."""
    if predicate.startswith(OPEN_PREFIX):
        return None, None

    def local(value: object) -> str | None:
        name = str(value)[len(KG) :] if value is not None and str(value).startswith(str(KG)) else None
        return None if name == "Entity" else name

    iri = term(predicate)
    return local(ontology().value(iri, RDFS.domain)), local(ontology().value(iri, RDFS.range))
