"""Merge mentions into entities and relation mentions into facts.

Every mention of the same thing across all documents becomes one :class:`~kg.model.Entity`:
names are folded to a canonical key (case, possessives, corporate suffixes, dotted
acronyms), the entity's class is voted over all its mentions plus the classes its
facts imply through the ontology's domains and ranges, and its IRI is minted from
the key. Relation mentions become :class:`~kg.model.Relation` facts that keep every
supporting sentence as :class:`~kg.model.Evidence`.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from kg.defaults import DEFAULT_BASE
from kg.gazetteer import Gazetteer, shipped_gazetteer
from kg.model import Entity, Evidence, Extraction, KnowledgeGraph, Mention, Relation, RelationMention
from kg.name_links import UNSURE_RULES, NameIndex, name_index, top_class
from kg.names import (
    APOSTROPHES,
    CORPORATE_SUFFIX,
    DOTTED_ACRONYM,
    LEADING_ARTICLE,
    NAME_CACHE,
    POSSESSIVE_SUFFIX,
    Tally,
    canonical_key,
    compact_key,
    winner,
)
from kg.rules import load_rules
from kg.type_votes import corpus_tally, type_votes
from kg.vocab import (
    checked_base,
    is_a,
    mint_entity_iri,
    predicate_signature,
    property_ancestors,
    term,
)

SPLIT_SHARE = 0.4  # a minority class this strong (share of the majority's support) is a different thing
SURE_READING = 1.0  # one document's votes for a class this strong are its own reading, not the tagger's noise
FACT_VOTE = 1.5  # a fact's domain or range, per unit of its confidence: a sentence's reading, surer than one tag
MAKER_RULES = frozenset({"kind_modifier"})  # typings that may have read a maker's name as its product's


@dataclass(frozen=True)
class Resolution:
    """The resolved entities and facts, and which entity each mention was merged into."""

    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    mention_entities: dict[Mention, str]


def resolve(extractions: Iterable[Extraction], base: str, gazetteer: Gazetteer | None = None) -> Resolution:
    """Resolve the mentions and relation mentions of all documents into entities and facts.

    Args:
        extractions: the extraction records of every document.
        base: base IRI for minted entity IRIs.
        gazetteer: known names (aliases, classes, names to ignore); the shipped one by default.
    """
    gazetteer = shipped_gazetteer() if gazetteer is None else gazetteer
    extractions = list(extractions)
    relation_mentions = [r for extraction in extractions for r in extraction.relations]
    listed = [m for extraction in extractions for m in extraction.mentions]
    anaphors = {m for r in relation_mentions for m in (r.subject, r.object) if m.name_rule == "coreference"}
    mentions = [*listed, *sorted(anaphors, key=lambda m: (m.doc_id, m.start))]
    arguments = [m for r in relation_mentions for m in (r.subject, r.object)]
    names = name_index(list(dict.fromkeys([*mentions, *arguments])), gazetteer)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        key = names.key(mention)
        if not _is_common_noun(key, gazetteer):
            groups[key].append(mention)
    implied = _types_implied_by_relations(relation_mentions, names)
    votes = type_votes(groups, implied, names, gazetteer)
    entities: list[Entity] = []
    mention_entities: dict[Mention, str] = {}
    for key in sorted(groups):
        for entity, members in _make_entities(key, groups[key], votes[key], base, names, gazetteer):
            entities.append(entity)
            mention_entities.update((m, entity.iri) for m in members)
    types = {entity.iri: entity.type for entity in entities}
    relations = _merge_relations(relation_mentions, mention_entities, types)
    return Resolution(tuple(sorted(entities, key=lambda e: e.iri)), relations, mention_entities)


def _is_common_noun(key: str, gazetteer: Gazetteer) -> bool:
    """Whether a key names no entity: the gazetteer ignores it, or it is a bare kind word of types.yaml's
    ``head_nouns`` ("Group", "Company") that the gazetteer does not list and that no name of its
    document ends in."""
    return key in gazetteer.ignore or (key in load_rules().head_nouns and key not in gazetteer.types)


def merge(
    extractions: Iterable[Extraction], base: str = DEFAULT_BASE, gazetteer: Gazetteer | None = None
) -> KnowledgeGraph:
    """Resolve extraction records and merge them into one :class:`~kg.model.KnowledgeGraph`.

    Raises:
        UsageError: ``base`` is not an absolute IRI.
    """
    extractions = list(extractions)
    base = checked_base(base)
    resolution = resolve(extractions, base, gazetteer)
    graph = KnowledgeGraph(base=base, documents={e.document.id: e.document for e in extractions})
    graph.add_entities(resolution.entities)
    graph.add_relations(resolution.relations)
    return graph


def _make_entities(
    key: str, mentions: list[Mention], votes: dict[str, Tally], base: str, names: NameIndex, gazetteer: Gazetteer
) -> Iterator[tuple[Entity, list[Mention]]]:
    """One entity per key, or one per top class when documents read the name as two things.

    Each document reads the name as the winner of its own votes, and all its mentions go with that
    reading. Documents that read it as another top class than the corpus's are a different thing
    only if their reading is sure (see :func:`_sure`) and their votes weigh at least ``SPLIT_SHARE``
    of the majority's; otherwise they are the tagger's noise and are outvoted.
    """
    type_name = gazetteer.types[key] if key in gazetteer.forced else winner(corpus_tally(votes.values()))
    main = top_class(type_name)
    sides: dict[str, list[str]] = defaultdict(list)
    for doc, tally in votes.items():
        if sum(tally.values()) > 0:
            sides[top_class(winner(tally))].append(doc)
    strong = {
        top: docs
        for top, docs in sides.items()
        if top != main and main in sides and key not in gazetteer.forced
        and _sure(top, [m for m in mentions if m.doc_id in docs], {doc: votes[doc] for doc in docs})
        and _weight(votes, docs) >= SPLIT_SHARE * _weight(votes, sides[main]) > 0
    }
    side_of = {doc: top for top, docs in strong.items() for doc in docs}
    kept = [m for m in mentions if m.doc_id not in side_of]
    yield _entity(mint_entity_iri(base, key), key, kept, type_name, names, gazetteer), kept
    for top, docs in sorted(strong.items()):
        members = [m for m in mentions if side_of.get(m.doc_id) == top]
        side_type = winner(corpus_tally(votes[doc] for doc in docs))
        yield _entity(mint_entity_iri(base, key, side_type), key, members, side_type, names, gazetteer), members


def _sure(top: str, mentions: list[Mention], votes: dict[str, Tally]) -> bool:
    """Whether documents read a name as ``top`` from more than tagger noise: a rule surer than the tagger,
    or one document where the tagger's agreeing mentions (and the facts) reach ``SURE_READING``. A kind noun the
    name modifies counts for neither ("Widgetco phones" names the maker as often as the model)."""
    agreeing = [m for m in mentions if top_class(m.type) == top]
    if any(m.rule not in UNSURE_RULES | MAKER_RULES for m in agreeing):
        return True
    modifying: Tally = defaultdict(float)
    for mention in agreeing:
        if mention.rule in MAKER_RULES:
            modifying[mention.doc_id] += mention.type_confidence
    return any(
        sum(w for t, w in tally.items() if top_class(t) == top) - modifying[doc] >= SURE_READING
        for doc, tally in votes.items()
    )


def _weight(votes: dict[str, Tally], docs: list[str]) -> float:
    return sum(min(1.0, sum(votes[doc].values())) for doc in docs)


def _entity(
    iri: str, key: str, mentions: list[Mention], type_name: str, names: NameIndex, gazetteer: Gazetteer
) -> Entity:
    named = [m for m in mentions if m.name_rule != "coreference"] or mentions
    own = [m for m in named if m not in names.links] or named  # the label is a full name, not a short form of it
    surface = _with_possessive_names(Counter(_clean_surface(names.bare[m]) for m in own))
    label = gazetteer.labels.get(key) or min(
        surface, key=lambda s: (-surface[s], s.isupper() and len(s) > 4, len(s), s)
    )
    forms = Counter(_clean_surface(form) for m in named for form in (m.text, m.written) if form)
    aliases = tuple(sorted(s for s in forms if s != label))
    documents = tuple(sorted({m.doc_id for m in named}))
    merged = {(_clean_surface(m.text), _merge_rule(m, label, key, names)) for m in mentions}
    return Entity(iri, label, type_name, aliases, len(named), documents, tuple(sorted(merged)))


def _merge_rule(mention: Mention, label: str, key: str, names: NameIndex) -> str:
    """Why a surface form was merged into the entity labelled ``label``."""
    text = _clean_surface(mention.text)
    if mention in names.links:
        return names.links[mention][1]
    if mention.name_rule:
        return mention.name_rule
    if names.bare[mention] != mention.merge_name:
        return "title"
    if text == label:
        return "label"
    text_key, label_key = canonical_key(text), canonical_key(label)
    if text_key != label_key and compact_key(text_key) == compact_key(label_key):
        return "spacing"
    if text_key != key:
        return "alias file"
    if text.casefold() == label.casefold():
        return "case fold"
    folded = unicodedata.normalize("NFKC", text).translate(APOSTROPHES)
    for pattern, rule in ((POSSESSIVE_SUFFIX, "possessive"), (CORPORATE_SUFFIX, "suffix"), (LEADING_ARTICLE, "article"),
                          (DOTTED_ACRONYM, "dotted acronym")):
        if pattern.search(folded.casefold() if rule == "dotted acronym" else folded):
            return rule
    return "normalised spelling"


def _with_possessive_names(surface: Counter[str]) -> Counter[str]:
    """The surface forms with each stem counted under its form ending in a possessive, which the parse kept only
    where it is part of the name ("Moody's said"; "Moody's also cut" lost it)."""
    for form in [f for f in surface if POSSESSIVE_SUFFIX.search(f)]:
        stem = POSSESSIVE_SUFFIX.sub("", form)
        if stem in surface:
            surface[form] += surface.pop(stem)
    return surface


@lru_cache(maxsize=NAME_CACHE)
def _clean_surface(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _types_implied_by_relations(relations: Iterable[RelationMention], names: NameIndex) -> dict[str, dict[str, Tally]]:
    """Class votes per key and document from the ontology's domain and range of each fact's predicate
    (or, where the ontology leaves them open, the ``fact_classes`` of types.yaml, which a pronoun's
    antecedent does not take: "he" was resolved to a person already).

    A location predicate's domain casts no vote: the extractor chose it by the class it had given the
    subject (``livesIn`` for a person), so it would only repeat that guess; nor does the end of a possessive
    fact whose rule admits only that class there (``possessives.yaml`` picks the predicate by the classes of
    both ends: "Acme's Smith" is worksFor because Smith was read as a person; "Acme's H800" still says that
    Acme, tagged a place, makes chips). Nor does a surname linked to a person: the link already says what
    it names.
    """
    located = _location_predicates()
    hints = load_rules().fact_classes
    chosen = _classes_chosen_by_rule()
    implied: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
    for relation in relations:
        domain, range_ = predicate_signature(relation.predicate)
        hinted_domain, hinted_range = hints.get(relation.predicate, (None, None))
        domain = domain or (hinted_domain if relation.subject.name_rule != "coreference" else None)
        range_ = range_ or (hinted_range if relation.object.name_rule != "coreference" else None)
        subject_classes, object_classes = chosen.get(relation.rule, ((), ()))
        domain, range_ = _unless_required(domain, subject_classes), _unless_required(range_, object_classes)
        if domain is not None and relation.predicate not in located and not names.is_surname(relation.subject):
            implied[names.key(relation.subject)][relation.doc_id][domain] += relation.confidence * FACT_VOTE
        if range_ is not None and not names.is_surname(relation.object):
            implied[names.key(relation.object)][relation.doc_id][range_] += relation.confidence * FACT_VOTE
    return implied


def _unless_required(implied: str | None, required: tuple[str, ...]) -> str | None:
    """``implied``, unless the rule admitted only classes of it at that end: the vote would echo the reading."""
    if implied is not None and required and all(is_a(c, implied) for c in required):
        return None
    return implied


def _classes_chosen_by_rule() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """The classes each possessive rule requires of its fact's subject and object (``possessives.yaml``)."""
    chosen = {}
    for rule in load_rules().possessives:
        ends = (rule.possessed, rule.owner) if rule.trigger.inverse else (rule.owner, rule.possessed)
        chosen[rule.trigger.rule] = ends
    return chosen


def _location_predicates() -> frozenset[str]:
    """The location predicate and its refinements by subject class (``basedIn``, ``livesIn``)."""
    rules = load_rules()
    if rules.location is None:
        return frozenset()
    return frozenset({rules.location.predicate, *rules.location_by_subject_type.values()})


def checked_predicate(predicate: str, subject_type: str, object_type: str) -> str | None:
    """The predicate fitted to the resolved classes of its ends, or ``None`` if they cannot hold it.

    A location predicate follows its subject's class (an organisation is ``basedIn``, a person
    ``livesIn``); a predicate whose range is a place or a person needs an object of that kind
    ("Jensen Huang livesIn Nvidia" is dropped once Nvidia resolves to an organisation).
    """
    rules = load_rules()
    if rules.location is not None and predicate in _location_predicates():
        predicate = next(
            (p for cls, p in rules.location_by_subject_type.items() if is_a(subject_type, cls)),
            rules.location.predicate,
        )
    range_ = predicate_signature(predicate)[1]
    if range_ in {"Place", "Person"} and not is_a(object_type, range_):
        return None
    return predicate


def fitted_predicate(predicate: str, subject_type: str, object_type: str) -> str:
    """``predicate`` (a local name), or its nearest kg super-property whose domain and range fit the classes.

    The extractor may read "Beijing manufactures H800": a place cannot manufacture, so the fact
    is kept with the more general predicate that the statement entails (ultimately ``relatedTo``).

    Examples:
        >>> fitted_predicate("manufactures", "Place", "Chip")
        'relatedTo'
        >>> fitted_predicate("ceoOf", "Person", "Organization")
        'ceoOf'
    """
    for candidate in (predicate, *property_ancestors(predicate)):
        domain, range_ = predicate_signature(candidate)
        if (domain is None or is_a(subject_type, domain)) and (range_ is None or is_a(object_type, range_)):
            return candidate
    return "relatedTo"


def _fitted_reading(predicate: str, subject_type: str, object_type: str) -> tuple[str, str] | None:
    """The predicate a sentence states of two resolved entities and the one the graph keeps, or ``None``."""
    stated = checked_predicate(predicate, subject_type, object_type)
    return None if stated is None else (stated, fitted_predicate(stated, subject_type, object_type))


def _merge_relations(
    relations: Iterable[RelationMention], entity_of: dict[Mention, str], types: dict[str, str]
) -> tuple[Relation, ...]:
    """One :class:`Relation` per (subject, fitted predicate, object), each sentence read once.

    A sentence read with two predicates that fit to the same fact keeps one reading: the
    fact's own predicate if it was among them, else the first stated predicate by IRI.
    """
    readings: dict[tuple[str, str, str], dict[Evidence, str]] = defaultdict(dict)
    for relation in relations:
        subject, obj = entity_of.get(relation.subject), entity_of.get(relation.object)
        if subject is None or obj is None or subject == obj:
            continue
        fitted = _fitted_reading(relation.predicate, types[subject], types[obj])
        if fitted is None:
            continue
        stated, predicate = fitted
        stated_iri = "" if stated == predicate else str(term(stated))
        evidence = Evidence(relation.doc_id, relation.sentence, relation.rule, relation.confidence,
                            times=relation.times, amount=relation.amount)
        found = readings[(subject, str(term(predicate)), obj)]
        found[evidence] = min(found.get(evidence, stated_iri), stated_iri)
    return tuple(Relation(s, p, o, _ordered_evidence(found)) for (s, p, o), found in sorted(readings.items()))


def _ordered_evidence(readings: dict[Evidence, str]) -> tuple[Evidence, ...]:
    supports = (replace(evidence, stated_predicate=stated) for evidence, stated in readings.items())
    return tuple(sorted(supports, key=lambda e: (e.doc_id, e.sentence.start, e.rule, e.stated_predicate)))


def extraction_records(extractions: Iterable[Extraction], resolution: Resolution) -> Iterator[dict[str, Any]]:
    """The JSON-ready records of ``kg extract``: every resolved mention and relation mention.

    Entities, types and predicates are full IRIs; a relation's predicate is the one the graph states, fitted
    to the resolved classes of its ends (a relation they cannot hold is left out); its subject and object keep
    the offsets of their mention in that sentence (a pronoun's own span, with its antecedent's entity).
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
                    "rule": mention.rule,
                }
        for relation in extraction.relations:
            subject = resolution.mention_entities.get(relation.subject)
            obj = resolution.mention_entities.get(relation.object)
            if subject is None or obj is None or subject == obj:
                continue
            fitted = _fitted_reading(relation.predicate, entities[subject].type, entities[obj].type)
            if fitted is None:
                continue
            yield {
                "kind": "relation",
                "doc": relation.doc_id,
                "predicate": str(term(fitted[1])),
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
        "rule": mention.rule,
    }
