"""The data model that the pipeline stages pass along.

Extraction records (:class:`Mention`, :class:`RelationMention`) are plain, frozen,
picklable dataclasses: no spaCy object leaves :mod:`kg.extractors`. Resolution turns
them into :class:`Entity` and :class:`Relation` records, and merging collects those
into a :class:`KnowledgeGraph`, a networkx ``MultiDiGraph`` keyed by entity IRI whose
edge keys are predicate IRIs.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import networkx as nx


@dataclass(frozen=True)
class Document:
    """One input text with its metadata.

    ``date`` is the publication date, normalised (``2025-01-20`` or ``2025-01-20T09:30:00+00:00``);
    ``source`` is where the text comes from: its URL when the input gives one, else the file read.
    ``pages`` holds the offset where each page starts in ``text`` (PDFs; see :func:`page_of`).

    Examples:
        >>> Document.from_text("a.txt", "Hello.").sha256[:8]
        '2d8bd7d9'
    """

    id: str
    text: str
    sha256: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None
    site: str | None = None
    pages: tuple[int, ...] = ()

    @classmethod
    def from_text(
        cls,
        doc_id: str,
        text: str,
        *,
        title: str | None = None,
        date: str | None = None,
        source: str | None = None,
        author: str | None = None,
        site: str | None = None,
        pages: tuple[int, ...] = (),
    ) -> Document:
        """Make a document, computing the content hash of ``text``."""
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return cls(doc_id, text, digest, title=title, date=date, source=source, author=author, site=site, pages=pages)

    def without_text(self) -> Document:
        """The same document with its text dropped: what a built graph keeps (id, hash, metadata)."""
        return replace(self, text="")

    def metadata_json(self) -> dict[str, Any]:
        """The document's metadata as a JSON-ready dictionary (no text; read back by :meth:`from_metadata_json`)."""
        metadata = asdict(self)
        del metadata["text"]
        metadata["pages"] = list(self.pages)
        return metadata

    @classmethod
    def from_metadata_json(cls, data: dict[str, Any]) -> Document:
        """A text-less document from :meth:`metadata_json` (records written before a field existed load too).

        Examples:
            >>> d = Document.from_text("a.pdf", "One.\\n\\nTwo.", pages=(0, 6)).without_text()
            >>> Document.from_metadata_json(d.metadata_json()) == d
            True
        """
        return cls(text="", **{**data, "pages": tuple(data.get("pages", ()))})


def page_of(document: Document, offset: int) -> int | None:
    """The page (from 1) on which the character at ``offset`` stands; ``None`` for a document without pages.

    Examples:
        >>> pdf = Document.from_text("a.pdf", "One.\\n\\nTwo.", pages=(0, 6))
        >>> page_of(pdf, 0), page_of(pdf, 6), page_of(Document.from_text("a.txt", "x"), 0)
        (1, 2, None)
    """
    if not document.pages:
        return None
    return max(1, bisect_right(document.pages, offset))


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: character offsets into the document text and the text itself."""

    start: int
    end: int
    text: str

    def shifted(self, offset: int) -> Sentence:
        """The same sentence with its offsets moved by ``offset`` characters."""
        return replace(self, start=self.start + offset, end=self.end + offset)


@dataclass(frozen=True)
class Mention:
    """One occurrence of a named entity in a document.

    ``type`` is the local name of an ontology class (``"Organization"``), ``rule`` says
    which rule typed or found it, ``type_confidence`` how sure that rule is. ``name`` is
    the name the mention stands for when that is not its own text, and ``name_rule`` says
    why: a title stripped ("President Kennedy" -> "Kennedy", ``"title"``) or a pronoun or
    description resolved to its antecedent ("it" -> "DeepSeek", ``"coreference"``). ``written`` is
    how the text names the entity there when that is more than the span: an office before a surname,
    kept out of the span ("President Bush"), is a form its node is known by.
    """

    doc_id: str
    start: int
    end: int
    text: str
    type: str
    rule: str = "ner"
    type_confidence: float = 0.5
    name: str = ""
    name_rule: str = ""
    written: str = ""

    def __hash__(self) -> int:
        # Hashed a million times when a large corpus is resolved: the fields that tell mentions apart are enough
        # (equal mentions still hash equal, as equality compares every field).
        return hash((self.doc_id, self.start, self.end, self.type))

    @property
    def merge_name(self) -> str:
        """The name under which this mention merges: ``name`` if set, else its text."""
        return self.name or self.text

    def shifted(self, offset: int) -> Mention:
        """The same mention with its offsets moved by ``offset`` characters."""
        return replace(self, start=self.start + offset, end=self.end + offset)


@dataclass(frozen=True)
class StatedTime:
    """A date the sentence states, as written, and its value when it resolves against the document's date.

    ``value`` is the lexical form of an XSD value (``"2024"``, ``"2024-03"``, ``"2024-03-11"``) and
    ``datatype`` its XSD type's local name (``"gYear"``, ``"gYearMonth"``, ``"date"``); both are empty
    when the words do not resolve to a calendar date ("in recent weeks", "on Monday" in an undated text).
    """

    text: str
    value: str = ""
    datatype: str = ""


@dataclass(frozen=True)
class Amount:
    """A sum of money the sentence states for a deal: the words, an exact decimal value and an ISO 4217 code.

    ``value`` is the lexical form of an ``xsd:decimal`` (``"2800000000"`` for "$2.8bn").
    """

    text: str
    value: str
    currency: str


@dataclass(frozen=True)
class RelationMention:
    """One sentence's statement that ``subject`` stands in ``predicate`` to ``object``.

    ``predicate`` is an ontology property's local name (``"released"``) or, for open
    relations, ``"open:<verb lemma>"``. ``times`` are the dates the sentence states and
    ``amount`` the deal's sum, when it names one (:mod:`kg.extractors.times`).
    """

    doc_id: str
    subject: Mention
    predicate: str
    object: Mention
    sentence: Sentence
    confidence: float
    rule: str
    times: tuple[StatedTime, ...] = ()
    amount: Amount | None = None

    def shifted(self, offset: int) -> RelationMention:
        """The same relation mention with every offset moved by ``offset`` characters."""
        return replace(
            self,
            subject=self.subject.shifted(offset),
            object=self.object.shifted(offset),
            sentence=self.sentence.shifted(offset),
        )


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document: the product of :func:`kg.extractors.extract_document`."""

    document: Document
    mentions: tuple[Mention, ...]
    relations: tuple[RelationMention, ...]

    def to_records(self) -> list[dict[str, Any]]:
        """Plain dictionaries (JSON-ready) for the mentions and relation mentions."""
        return [{"kind": "mention", **asdict(m)} for m in self.mentions] + [
            {"kind": "relation", **asdict(r)} for r in self.relations
        ]

    def shifted(self, offset: int) -> Extraction:
        """The same records with every character offset moved by ``offset``.

        Used when a long document is parsed in parts: a part's records are shifted by
        where the part starts in the whole text.

        Examples:
            >>> m = Mention("a", 0, 5, "Apple", "Organization")
            >>> Extraction(Document.from_text("a", "Apple"), (m,), ()).shifted(10).mentions[0].start
            10
        """
        return replace(
            self,
            mentions=tuple(m.shifted(offset) for m in self.mentions),
            relations=tuple(r.shifted(offset) for r in self.relations),
        )

    def without_text(self) -> Extraction:
        """The same records with the document's text dropped (what a built graph and a store keep)."""
        return replace(self, document=self.document.without_text())

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary of the document's metadata (no text) and all its records."""
        return {"document": self.document.metadata_json(), "records": self.to_records()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        """Rebuild the records written by :meth:`to_json` (the document comes back without its text).

        Examples:
            >>> m = Mention("a", 0, 5, "Apple", "Organization")
            >>> e = Extraction(Document.from_text("a", "Apple").without_text(), (m,), ())
            >>> Extraction.from_json(e.to_json()) == e
            True
        """
        document = Document.from_metadata_json(data["document"])
        mentions: list[Mention] = []
        relations: list[RelationMention] = []
        for record in data["records"]:
            fields = {k: v for k, v in record.items() if k != "kind"}
            if record["kind"] == "mention":
                mentions.append(Mention(**fields))
            else:
                fields["subject"] = Mention(**fields["subject"])
                fields["object"] = Mention(**fields["object"])
                fields["sentence"] = Sentence(**fields["sentence"])
                fields["times"] = tuple(StatedTime(**t) for t in fields.get("times", ()))
                fields["amount"] = Amount(**fields["amount"]) if fields.get("amount") else None
                relations.append(RelationMention(**fields))
        return cls(document, tuple(mentions), tuple(relations))


@dataclass(frozen=True)
class Entity:
    """One real-world thing, merged from all its mentions across documents."""

    iri: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    mention_count: int = 0
    documents: tuple[str, ...] = ()
    merged_from: tuple[tuple[str, str], ...] = ()
    """Every surface form merged into this entity with the rule that merged it ("case fold", "coreference", ...)."""


@dataclass(frozen=True)
class Evidence:
    """One sentence that supports a fact, and how it was read.

    ``stated_predicate`` is the predicate IRI the sentence stated when the fact carries a more
    general one, because the entity types do not fit the stated one's domain or range (empty
    when the sentence stated the fact's own predicate). ``times`` and ``amount`` are what the
    sentence states about when and for how much (see :class:`RelationMention`).
    """

    doc_id: str
    sentence: Sentence
    rule: str
    confidence: float
    stated_predicate: str = ""
    times: tuple[StatedTime, ...] = ()
    amount: Amount | None = None


@dataclass(frozen=True)
class Relation:
    """A fact between two entities with all the evidence that supports it."""

    subject: str
    predicate: str
    object: str
    evidence: tuple[Evidence, ...]

    @property
    def confidence(self) -> float:
        """Combined confidence: the chance that at least one support is right (noisy-OR)."""
        doubt = 1.0
        for support in self.evidence:
            doubt *= 1.0 - support.confidence
        return round(1.0 - doubt, 4)


@dataclass
class KnowledgeGraph:
    """The merged graph: entities as nodes, facts as edges, plus the source documents.

    ``graph`` is a ``networkx.MultiDiGraph``: node = entity IRI with an ``entity``
    attribute (:class:`Entity`); edge key = predicate IRI with a ``relation``
    attribute (:class:`Relation`). Writers (RDF, HTML) are views of this model.
    """

    base: str
    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    documents: dict[str, Document] = field(default_factory=dict)

    @property
    def entities(self) -> list[Entity]:
        """All entities, sorted by IRI."""
        return [self.graph.nodes[iri]["entity"] for iri in sorted(self.graph.nodes)]

    @property
    def relations(self) -> list[Relation]:
        """All facts, sorted by (subject, predicate, object)."""
        found = [data["relation"] for _, _, data in self.graph.edges(data=True)]
        return sorted(found, key=lambda r: (r.subject, r.predicate, r.object))

    def entity(self, iri: str) -> Entity:
        """The entity with this IRI (``KeyError`` if absent)."""
        return self.graph.nodes[iri]["entity"]

    def add_entities(self, entities: Iterable[Entity]) -> None:
        """Add or replace entity nodes."""
        for entity in entities:
            self.graph.add_node(entity.iri, entity=entity)

    def add_relations(self, relations: Iterable[Relation]) -> None:
        """Add facts as edges keyed by predicate IRI; both ends must already be nodes."""
        for relation in relations:
            self.graph.add_edge(relation.subject, relation.object, key=relation.predicate, relation=relation)
