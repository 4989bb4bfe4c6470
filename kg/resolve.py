"""Merge mentions into entities and relation mentions into facts.

Every mention of the same thing across all documents becomes one :class:`~kg.model.Entity`:
names are folded to a canonical key (case, possessives, corporate suffixes, dotted
acronyms), the entity's class is voted over all its mentions plus the classes its
facts imply through the ontology's domains and ranges, and its IRI is minted from
the key. Relation mentions become :class:`~kg.model.Relation` facts that keep every
supporting sentence as :class:`~kg.model.Evidence`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from rdflib import RDFS

from kg.model import Entity, Evidence, Extraction, Mention, Relation, RelationMention
from kg.vocab import KG, OPEN_PREFIX, mint_entity_iri, ontology, term

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
POSSESSIVE_SUFFIX = re.compile(r"(?:'s|')$")
CORPORATE_SUFFIX = re.compile(
    r",?\s+(?:inc|incorporated|corp|corporation|co|ltd|limited|llc|plc|gmbh|ag|sa|s\.a|nv|bv)\.?$", re.IGNORECASE
)
LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
DOTTED_ACRONYM = re.compile(r"^(?:[a-z]\.){2,}$")


@dataclass(frozen=True)
class Resolution:
    """The resolved entities and facts, and which entity each mention was merged into."""

    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    mention_entities: dict[Mention, str]


def canonical_key(text: str) -> str:
    """Fold a surface form to the key under which its mentions merge.

    Examples:
        >>> canonical_key("NVIDIA Corp.")
        'nvidia'
        >>> canonical_key("DeepSeek’s")
        'deepseek'
        >>> canonical_key("U.S."), canonical_key("the  United   States")
        ('us', 'united states')
    """
    text = unicodedata.normalize("NFKC", text).translate(APOSTROPHES)
    text = " ".join(text.split())
    text = POSSESSIVE_SUFFIX.sub("", text)
    text = CORPORATE_SUFFIX.sub("", text)
    text = LEADING_ARTICLE.sub("", text).casefold()
    if DOTTED_ACRONYM.match(text):
        text = text.replace(".", "")
    return text


def resolve(extractions: Iterable[Extraction], base: str) -> Resolution:
    """Resolve the mentions and relation mentions of all documents into entities and facts."""
    extractions = list(extractions)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for extraction in extractions:
        for mention in extraction.mentions:
            groups[canonical_key(mention.text)].append(mention)
    relation_mentions = [r for extraction in extractions for r in extraction.relations]
    implied = _types_implied_by_relations(relation_mentions)
    entities: dict[str, Entity] = {}
    iri_of_key: dict[str, str] = {}
    for key in sorted(groups):
        entity = _make_entity(key, groups[key], implied.get(key, {}), base)
        entities[entity.iri] = entity
        iri_of_key[key] = entity.iri
    mention_entities = {m: iri_of_key[key] for key, mentions in groups.items() for m in mentions}
    relations = _merge_relations(relation_mentions, iri_of_key)
    return Resolution(tuple(entities[i] for i in sorted(entities)), relations, mention_entities)


def _make_entity(key: str, mentions: list[Mention], implied: dict[str, float], base: str) -> Entity:
    votes: Counter[str] = Counter()
    for mention in mentions:
        votes[mention.type] += mention.type_confidence
    for type_name, weight in implied.items():
        votes[type_name] += weight
    type_name = max(sorted(votes), key=lambda t: votes[t])
    surface = Counter(_clean_surface(m.text) for m in mentions)
    label = max(sorted(surface), key=lambda s: surface[s])
    aliases = tuple(sorted(s for s in surface if s != label))
    documents = tuple(sorted({m.doc_id for m in mentions}))
    return Entity(mint_entity_iri(base, key), label, type_name, aliases, len(mentions), documents)


def _clean_surface(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _types_implied_by_relations(relations: Iterable[RelationMention]) -> dict[str, dict[str, float]]:
    """Class votes from the ontology's domain and range of each fact's predicate."""
    implied: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for relation in relations:
        domain, range_ = predicate_signature(relation.predicate)
        if domain is not None:
            implied[canonical_key(relation.subject.text)][domain] += relation.confidence
        if range_ is not None:
            implied[canonical_key(relation.object.text)][range_] += relation.confidence
    return implied


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


def _merge_relations(relations: Iterable[RelationMention], iri_of_key: dict[str, str]) -> tuple[Relation, ...]:
    support: dict[tuple[str, str, str], set[Evidence]] = defaultdict(set)
    for relation in relations:
        subject = iri_of_key[canonical_key(relation.subject.text)]
        obj = iri_of_key[canonical_key(relation.object.text)]
        if subject == obj:
            continue
        evidence = Evidence(relation.doc_id, relation.sentence, relation.rule, relation.confidence)
        support[(subject, str(term(relation.predicate)), obj)].add(evidence)
    return tuple(
        Relation(s, p, o, tuple(sorted(ev, key=lambda e: (e.doc_id, e.sentence.start, e.rule))))
        for (s, p, o), ev in sorted(support.items())
    )



def extraction_records(extractions: Iterable[Extraction], resolution: Resolution) -> Iterator[dict[str, Any]]:
    """The JSON-ready records of ``kg extract``: every resolved mention and relation mention.

    Entities, types and predicates are full IRIs; a relation's subject and object keep the
    offsets of their mention in that sentence (a pronoun's own span, with its antecedent's entity).
    """
    entities = {entity.iri: entity for entity in resolution.entities}
    for extraction in extractions:
        for mention in extraction.mentions:
            iri = resolution.mention_entities.get(mention)
            if iri is not None:
                yield {
                    "kind": "mention",
                    "doc": mention.doc_id,
                    "start": mention.start,
                    "end": mention.end,
                    "text": mention.text,
                    "entity": iri,
                    "type": str(term(entities[iri].type)),
                }
        for relation in extraction.relations:
            subject = resolution.mention_entities.get(relation.subject)
            obj = resolution.mention_entities.get(relation.object)
            if subject is None or obj is None or subject == obj:
                continue
            yield {
                "kind": "relation",
                "doc": relation.doc_id,
                "predicate": str(term(relation.predicate)),
                "subject": _argument_record(relation.subject, entities[subject]),
                "object": _argument_record(relation.object, entities[obj]),
                "sentence": {"start": relation.sentence.start, "end": relation.sentence.end},
                "confidence": relation.confidence,
                "rule": relation.rule,
            }


def _argument_record(mention: Mention, entity: Entity) -> dict[str, Any]:
    return {
        "entity": entity.iri,
        "type": str(term(entity.type)),
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
    }
