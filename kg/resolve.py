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
from typing import Any

from kg.defaults import DEFAULT_BASE
from kg.gazetteer import Gazetteer, shipped_gazetteer
from kg.model import Entity, Evidence, Extraction, KnowledgeGraph, Mention, Relation, RelationMention
from kg.names import (
    APOSTROPHES,
    CORPORATE_SUFFIX,
    DOTTED_ACRONYM,
    LEADING_ARTICLE,
    POSSESSIVE_SUFFIX,
    Tally,
    canonical_key,
    compact_key,
    initials,
    strip_titles,
    type_tally,
)
from kg.rules import load_rules
from kg.vocab import checked_base, class_ancestors, is_a, mint_entity_iri, predicate_signature, property_ancestors, term

TOP_CLASSES = ("Person", "Organization", "Place", "Product", "Event", "CreativeWork")
SPLIT_SHARE = 0.4  # a minority class this strong (share of the majority's support) is a different thing
SURE_READING = 1.0  # one document's votes for a class this strong are its own reading, not the tagger's noise
UNSURE_RULES = frozenset({"ner", "coreference", "propagated"})
SURNAME_VOTE = 1.0
FACT_VOTE = 1.5  # a fact's domain or range, per unit of its confidence: a sentence's reading, surer than one tag
SURNAME_RULES = frozenset({"surname", "corpus surname"})
DOCUMENT_SHORTENED = frozenset({"Organization", "Person"})  # classes whose names a document shortens to first words
CORPUS_SHORTENED = frozenset({"Organization"})  # ... and whose first words alone name them in other documents
GAZETTEER_VOTE = 1.5  # a name the gazetteer knows: stronger than the tagger, weaker than a user's forced class  # "Lincoln" alone leans to Person where "Abraham Lincoln" is one


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
    names = _names(list(dict.fromkeys([*mentions, *arguments])), gazetteer)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        key = names.key(mention)
        if not _is_common_noun(key, gazetteer):
            groups[key].append(mention)
    implied = _types_implied_by_relations(relation_mentions, names)
    votes = _type_votes(groups, implied, names, gazetteer)
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


@dataclass(frozen=True)
class _Names:
    """How each mention is named for merging: its name without titles, and the key of the name it stands for."""

    bare: dict[Mention, str]
    keys: dict[Mention, str]
    links: dict[Mention, tuple[str, str]]  # a short form -> (key of the fuller name it shortens, rule)

    def key(self, mention: Mention) -> str:
        """The key ``mention`` merges under: its fuller name's if it is linked to one, else its own."""
        link = self.links.get(mention)
        return link[0] if link is not None else self.keys[mention]

    def is_surname(self, mention: Mention) -> bool:
        """Whether ``mention`` is a surname linked to a person's full name."""
        return self.links.get(mention, ("", ""))[1] in SURNAME_RULES


def _names(mentions: list[Mention], gazetteer: Gazetteer) -> _Names:
    titles = load_rules().name_titles
    bare = {m: strip_titles(m.merge_name, titles) if _top_class(m.type) == "Person" else m.merge_name for m in mentions}
    own = {m: gazetteer.key(name) for m, name in bare.items()}
    spelling = _spellings(Counter(own.values()))
    keys = {m: spelling[key] for m, key in own.items()}
    return _Names(bare, keys, _short_name_links(mentions, bare, keys, gazetteer))


def _spellings(counts: Counter[str]) -> dict[str, str]:
    """Each key mapped to the most used key that differs from it only in spaces, hyphens or a web domain."""
    variants: dict[str, list[str]] = defaultdict(list)
    for key in sorted(counts):
        variants[compact_key(key)].append(key)
    return {key: max(keys, key=lambda k: counts[k]) for keys in variants.values() for key in keys}


def _short_name_links(
    mentions: list[Mention], bare: dict[Mention, str], keys: dict[Mention, str], gazetteer: Gazetteer
) -> dict[Mention, tuple[str, str]]:
    """Link each short form to the one fuller name it shortens: in its own document first, else in the corpus.

    In a document, "Smith" (or "Mr Smith") after "John Smith" is that person (``surname``), and "Acme"
    after "Acme Holdings" that company (``short form``), and "NUJ" after "National Union of Journalists"
    the union (``acronym``), when no other fuller name before it fits; with none before it, the one
    fuller name of the same class after it (a headline's "Acme" before "Acme Holdings").
    A bare kind word ("the Committee") stands for the one name before it that ends in it (``kind word``).
    A short form with no fuller name in its document links to one of another document only when the
    corpus holds exactly one that fits and has the same class (``corpus surname``, ``corpus short form``).
    Names the gazetteer knows ("Texas" beside "Texas Instruments") are never short forms.
    """
    by_doc: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    corpus: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.name_rule != "coreference":
            by_doc[mention.doc_id][keys[mention]].append(mention)
            corpus[keys[mention]].append(mention)
    corpus_classes = {key: _class_of(members) for key, members in corpus.items()}
    corpus_fuller = _fuller_names(corpus_classes, CORPUS_SHORTENED)
    links: dict[Mention, tuple[str, str]] = {}
    for named in by_doc.values():
        classes = {key: _class_of(members) for key, members in named.items()}
        fuller = _fuller_names(classes, DOCUMENT_SHORTENED)
        for key, found in [*_acronyms(named, bare).items(), *_kind_words(named).items()]:
            fuller.setdefault(key, set()).update(found)
        for key, link in _document_links(named, classes, fuller, gazetteer).items():
            links.update((m, link) for m in named[key])
        for key in named.keys() - fuller.keys():
            remote = [full for full, rule in corpus_fuller.get(key, ()) if corpus_classes[full] == classes[key]]
            if len(remote) == 1 and key not in gazetteer.types:
                rule = next(rule for full, rule in corpus_fuller[key] if full == remote[0])
                links.update((m, (remote[0], f"corpus {rule}")) for m in named[key])
    return links


def _document_links(
    named: dict[str, list[Mention]],
    classes: dict[str, str],
    fuller: dict[str, set[tuple[str, str]]],
    gazetteer: Gazetteer,
) -> dict[str, tuple[str, str]]:
    """The fuller name that each short name of one document stands for, and the rule that links them."""
    first = {key: min(m.start for m in members) for key, members in named.items()}
    links: dict[str, tuple[str, str]] = {}
    for key in sorted(fuller.keys() & named.keys(), key=lambda k: (-len(k.split()), k)):  # fuller names' links first
        earlier = sorted((full, rule) for full, rule in fuller[key] if first[full] < first[key]) or sorted(
            (full, rule) for full, rule in fuller[key] if classes[full] == classes[key]
        )
        targets = {links.get(full, (full, rule))[0] for full, rule in earlier}
        if len(targets) == 1 and key not in gazetteer.types and not _contradicts(named[key], classes[earlier[0][0]]):
            links[key] = (targets.pop(), earlier[0][1])
    return links


def _fuller_names(classes: dict[str, str], shortened: frozenset[str]) -> dict[str, set[tuple[str, str]]]:
    """Every short key that may stand for a longer key of ``classes``, with the rule that would link them.

    A person's last word is a surname; the first words of a name of a class in ``shortened`` are a
    short form unless what they leave out holds a digit (a model number: "Widget 2" is no "Widget").
    """
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for full, top in classes.items():
        words = full.split()
        if top == "Person" and len(words) > 1:
            found[words[-1]].add((full, "surname"))
        if top in shortened:
            for size in range(1, len(words)):
                if not any(c.isdigit() for c in "".join(words[size:])):
                    found[" ".join(words[:size])].add((full, "short form"))
    return found


def _acronyms(named: dict[str, list[Mention]], bare: dict[Mention, str]) -> dict[str, set[tuple[str, str]]]:
    """The one-word names of a document written in capitals that spell the initials of a longer name in it."""
    capitals = {key for key, members in named.items() if " " not in key and all(bare[m].isupper() for m in members)}
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for full, members in named.items():
        if " " in full:
            for short in {initials(bare[m]).casefold() for m in members} & capitals:
                found[short].add((full, "acronym"))
    return found


def _kind_words(named: dict[str, list[Mention]]) -> dict[str, set[tuple[str, str]]]:
    """A document's names that end in a kind word of types.yaml's ``head_nouns``, under that word: "the
    Committee" after "the Armed Services Committee" is that committee."""
    head_nouns = load_rules().head_nouns
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for full in named:
        words = full.split()
        if len(words) > 1 and words[-1] in head_nouns:
            found[words[-1]].add((full, "kind word"))
    return found


def _class_of(mentions: list[Mention]) -> str:
    return _top_class(_winner(type_tally(mentions)))


def _contradicts(mentions: list[Mention], top: str) -> bool:
    """Whether a rule surer than the tagger gives one of ``mentions`` a class other than ``top``."""
    return any(m.rule not in UNSURE_RULES and _top_class(m.type) != top for m in mentions)


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


def _type_votes(
    groups: dict[str, list[Mention]], implied: dict[str, dict[str, Tally]], names: _Names, gazetteer: Gazetteer
) -> dict[str, dict[str, Tally]]:
    """Class votes per key and document: its mentions there, the domains and ranges of the facts stated
    there, the gazetteer, and a lone surname of a person.

    A surname linked to a person does not vote: its tag was given to the short string, not to the person.
    """
    votes: dict[str, dict[str, Tally]] = {}
    for key, mentions in groups.items():
        by_doc: dict[str, list[Mention]] = defaultdict(list)
        for mention in [m for m in mentions if not names.is_surname(m)] or mentions:
            by_doc[mention.doc_id].append(mention)
        votes[key] = {doc: _document_tally(key, members, implied.get(key, {}).get(doc, {}), gazetteer)
                      for doc, members in by_doc.items()}
    people = [key for key, docs in votes.items() if " " in key and _winner(_corpus_tally(docs.values())) == "Person"]
    surnames = {key.rsplit(" ", 1)[-1] for key in people}
    for surname in surnames & votes.keys() - gazetteer.types.keys():
        for tally in votes[surname].values():
            tally["Person"] += SURNAME_VOTE
    return votes


def _document_tally(key: str, mentions: list[Mention], implied: Tally, gazetteer: Gazetteer) -> Tally:
    """One document's class votes for one name."""
    tally = type_tally(mentions)
    for type_name, weight in _name_shape_votes(key, mentions).items():
        tally[type_name] += weight
    if key in gazetteer.types:
        tally[gazetteer.types[key]] += GAZETTEER_VOTE
    for type_name, weight in implied.items():
        tally[_narrowest(tally, type_name)] += weight
    if key not in gazetteer.types and implied.get("Organization") and _winner(tally) == "Place":
        tally["Organization"] += tally["Place"]  # an unknown "place" that releases, employs, ... is a company
    return tally


def _name_shape_votes(key: str, mentions: list[Mention]) -> Tally:
    """What a name's own words say of its class: a last word that names a kind ("Whitefish City",
    "Acme Group", "Widget River": the ``head_nouns`` of types.yaml) or a corporate suffix ("Acme Ltd")."""
    rules = load_rules()
    votes: Tally = {}
    words = key.split()
    if len(words) > 1 and words[-1] in rules.head_nouns:
        votes[rules.head_nouns[words[-1]]] = rules.type_confidence["name_head"]
    if any(CORPORATE_SUFFIX.search(m.text) for m in mentions):
        votes["Organization"] = votes.get("Organization", 0.0) + rules.type_confidence["corporate_suffix"]
    return votes


def _narrowest(tally: Tally, type_name: str) -> str:
    """The most voted class of ``tally`` that is a ``type_name``, else ``type_name``: a fact's range
    "Product" supports the reading "Chip" rather than competing with it."""
    kinds = [t for t in sorted(tally) if t != type_name and is_a(t, type_name)]
    return max(kinds, key=lambda t: tally[t]) if kinds else type_name


def _corpus_tally(documents: Iterable[Tally]) -> Tally:
    """The documents' votes added up, each document's scaled to weigh at most 1: one document's many
    or strong cues do not outvote what the other documents read."""
    total: Tally = defaultdict(float)
    for tally in documents:
        scale = 1 / max(1.0, sum(tally.values()))
        for type_name, weight in tally.items():
            total[type_name] += weight * scale
    return total


def _winner(tally: Tally) -> str:
    return max(sorted(tally), key=lambda t: tally[t])


def _make_entities(
    key: str, mentions: list[Mention], votes: dict[str, Tally], base: str, names: _Names, gazetteer: Gazetteer
) -> Iterator[tuple[Entity, list[Mention]]]:
    """One entity per key, or one per top class when documents read the name as two things.

    Each document reads the name as the winner of its own votes, and all its mentions go with that
    reading. Documents that read it as another top class than the corpus's are a different thing
    only if their reading is sure (see :func:`_sure`) and their votes weigh at least ``SPLIT_SHARE``
    of the majority's; otherwise they are the tagger's noise and are outvoted.
    """
    type_name = gazetteer.types[key] if key in gazetteer.forced else _winner(_corpus_tally(votes.values()))
    main = _top_class(type_name)
    sides: dict[str, list[str]] = defaultdict(list)
    for doc, tally in votes.items():
        if sum(tally.values()) > 0:
            sides[_top_class(_winner(tally))].append(doc)
    strong = {
        top: docs
        for top, docs in sides.items()
        if top != main and main in sides and key not in gazetteer.forced
        and _sure(top, [m for m in mentions if m.doc_id in docs], [votes[doc] for doc in docs])
        and _weight(votes, docs) >= SPLIT_SHARE * _weight(votes, sides[main]) > 0
    }
    side_of = {doc: top for top, docs in strong.items() for doc in docs}
    kept = [m for m in mentions if m.doc_id not in side_of]
    yield _entity(mint_entity_iri(base, key), key, kept, type_name, names, gazetteer), kept
    for top, docs in sorted(strong.items()):
        members = [m for m in mentions if side_of.get(m.doc_id) == top]
        side_type = _winner(_corpus_tally(votes[doc] for doc in docs))
        yield _entity(mint_entity_iri(base, key, side_type), key, members, side_type, names, gazetteer), members


def _sure(top: str, mentions: list[Mention], votes: list[Tally]) -> bool:
    """Whether documents read a name as ``top`` from more than tagger noise: a rule surer than the tagger,
    or one document where the tagger's agreeing mentions (and the facts) reach ``SURE_READING``."""
    return any(m.rule not in UNSURE_RULES and _top_class(m.type) == top for m in mentions) or any(
        sum(w for t, w in tally.items() if _top_class(t) == top) >= SURE_READING for tally in votes
    )


def _weight(votes: dict[str, Tally], docs: list[str]) -> float:
    return sum(min(1.0, sum(votes[doc].values())) for doc in docs)


def _top_class(type_name: str) -> str:
    ancestors = class_ancestors(type_name)
    return next((top for top in TOP_CLASSES if top in ancestors), type_name)


def _entity(
    iri: str, key: str, mentions: list[Mention], type_name: str, names: _Names, gazetteer: Gazetteer
) -> Entity:
    named = [m for m in mentions if m.name_rule != "coreference"] or mentions
    own = [m for m in named if m not in names.links] or named  # the label is a full name, not a short form of it
    surface = Counter(_clean_surface(names.bare[m]) for m in own)
    label = gazetteer.labels.get(key) or min(surface, key=lambda s: (-surface[s], s.isupper() and len(s) > 4, len(s), s))
    forms = Counter(_clean_surface(m.text) for m in named)
    aliases = tuple(sorted(s for s in forms if s != label))
    documents = tuple(sorted({m.doc_id for m in named}))
    merged = {(_clean_surface(m.text), _merge_rule(m, label, key, names)) for m in mentions}
    return Entity(iri, label, type_name, aliases, len(named), documents, tuple(sorted(merged)))


def _merge_rule(mention: Mention, label: str, key: str, names: _Names) -> str:
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


def _clean_surface(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _types_implied_by_relations(relations: Iterable[RelationMention], names: _Names) -> dict[str, dict[str, Tally]]:
    """Class votes per key and document from the ontology's domain and range of each fact's predicate
    (or, where the ontology leaves them open, the ``fact_classes`` of types.yaml, which a pronoun's
    antecedent does not take: "he" was resolved to a person already).

    A location predicate's domain casts no vote: the extractor chose it by the class it had given the
    subject (``livesIn`` for a person), so it would only repeat that guess. Nor does a surname linked
    to a person: the link already says what it names.
    """
    located = _location_predicates()
    hints = load_rules().fact_classes
    implied: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
    for relation in relations:
        domain, range_ = predicate_signature(relation.predicate)
        hinted_domain, hinted_range = hints.get(relation.predicate, (None, None))
        domain = domain or (hinted_domain if relation.subject.name_rule != "coreference" else None)
        range_ = range_ or (hinted_range if relation.object.name_rule != "coreference" else None)
        if domain is not None and relation.predicate not in located and not names.is_surname(relation.subject):
            implied[names.key(relation.subject)][relation.doc_id][domain] += relation.confidence * FACT_VOTE
        if range_ is not None and not names.is_surname(relation.object):
            implied[names.key(relation.object)][relation.doc_id][range_] += relation.confidence * FACT_VOTE
    return implied


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
            (p for cls, p in rules.location_by_subject_type.items() if is_a(subject_type, cls)), rules.location.predicate
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
        stated = checked_predicate(relation.predicate, types[subject], types[obj])
        if stated is None:
            continue
        predicate = fitted_predicate(stated, types[subject], types[obj])
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
                    "rule": mention.rule,
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
        "rule": mention.rule,
    }
