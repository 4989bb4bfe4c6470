"""Where things are, read over a whole document: regions stated in other sentences, the country an article or a
document is about, the regions of an article's place, the birth place in an article's opening bracket."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Span

from kg.extractors.candidates import Candidate
from kg.extractors.tokens import sentence_tokens
from kg.model import Mention, RelationMention
from kg.rules import Rules
from kg.vocab import COUNTRY, PERSON, PLACE, is_a

REGION_STEPS = 3  # how far up a chain of regions stated in other sentences a thing's location is carried


def regions_across_sentences(relations: Sequence[RelationMention], rules: Rules) -> list[RelationMention]:
    """Where a thing is, extended by the regions its place is said to lie in elsewhere in the document: "Zabiele
    is a village in Gmina Wielbark." ... "Gmina Wielbark is in Poland." puts Zabiele in Poland.

    Up to ``REGION_STEPS`` steps up ("... Szczytno County is in Warmian-Masurian Voivodeship." ... "The voivodeship
    is in Poland."), each fact stated once; the new fact keeps the sentence (and the words) of the thing's own
    location. A birth place's region is no birth place, so birth facts are not extended.
    """
    if rules.location is None:
        return []
    located = {rules.location.predicate, *rules.location_by_subject_type.values()}
    key = rules.gazetteer.key
    regions: dict[str, list[RelationMention]] = defaultdict(list)
    stated: set[tuple[str, str, str]] = set()
    for relation in relations:
        stated.add((key(relation.subject.merge_name), relation.predicate, key(relation.object.merge_name)))
        if relation.predicate in located and is_a(relation.subject.type, PLACE):
            regions[key(relation.subject.merge_name)].append(relation)
    rule = f"{rules.location.rule.split('-')[0]}-document"
    found: list[RelationMention] = []
    pending = [(relation, 0) for relation in relations]
    while pending:
        relation, depth = pending.pop()
        if relation.predicate not in located or (rules.birth is not None and relation.rule == rules.birth.rule):
            continue
        subject = key(relation.subject.merge_name)
        for step in regions.get(key(relation.object.merge_name), ()):
            fact = (subject, relation.predicate, key(step.object.merge_name))
            if step.sentence == relation.sentence or fact in stated or fact[2] == subject:
                continue
            stated.add(fact)
            found.append(replace(
                relation, object=step.object, confidence=relation.confidence * step.confidence, rule=rule
            ))
            if depth + 1 < REGION_STEPS:
                pending.append((found[-1], depth + 1))
    return found


def document_country_candidates(
    sentences: Sequence[Span],
    by_token: dict[int, Mention],
    relations: Sequence[RelationMention],
    rules: Rules,
    topic: Mention | None = None,
) -> Iterator[tuple[Candidate, Span]]:
    """Places of a document about one country lie in it, unless a fact puts them in a country: places that take
    part in a location fact (so a place, not a mistyped company) and that the gazetteer does not know
    (continents, cities and regions have their own countries). In an article about a ``topic`` (its first
    sentence defines it) the topic and every name of the ``article_country_classes`` lie there too.

    The country must hold at least ``document_country_share`` of the document's country mentions and be named
    in ``document_country_sentences`` sentences at least (in an article, as many as the class of the name needs).
    Each place's first mention is the subject and its sentence the evidence; the country's first mention by
    name is the object (its nationality word where it has none).
    """
    if rules.location is None or rules.document_country_share <= 0:
        return
    key = rules.gazetteer.key
    firsts: dict[str, tuple[Mention, Span]] = {}
    named: dict[str, Mention] = {}  # each country's first mention by its bare name ("Canada", not "Canadian", "the US")
    countries: Counter[str] = Counter()
    named_in: dict[str, set[int]] = defaultdict(set)
    for sent in sentences:
        tokens = sentence_tokens(sent)
        for position, i in enumerate(range(sent.start, sent.end)):
            mention = by_token.get(i)
            if mention is None or mention.start != tokens[position].idx:
                continue
            name = key(mention.merge_name)
            if mention.type == COUNTRY:
                countries[name] += 1
                named_in[name].add(sent.start)
            firsts.setdefault(name, (mention, sent))
            after_determiner = position > 0 and tokens[position - 1].lower_ in rules.leading_determiners
            if mention.rule != "demonym" and not after_determiner:
                named.setdefault(name, mention)
    if not countries:
        return
    country, count = countries.most_common(1)[0]
    if count < rules.document_country_share * sum(countries.values()):
        return
    sentences_named = len(named_in[country])
    placed = {key(r.subject.merge_name) for r in relations if is_a(r.object.type, COUNTRY)}
    located = {rules.location.predicate, *rules.location_by_subject_type.values()}
    sited = {key(m.merge_name) for r in relations if r.predicate in located for m in (r.subject, r.object)}
    prefix = rules.location.rule.split("-")[0]
    trigger = replace(rules.location, confidence=rules.document_country_confidence, rule=f"{prefix}-document-country")
    article = replace(rules.location, confidence=rules.article_country_confidence, rule=f"{prefix}-article-country")
    topic_name = key(topic.merge_name) if topic is not None else None
    target = named.get(country) or firsts[country][0]
    for name, (mention, sent) in firsts.items():
        if name in placed or name == country or mention.type == COUNTRY:
            continue
        if (sentences_named >= rules.document_country_sentences and is_a(mention.type, PLACE) and name in sited
                and rules.gazetteer.type_of(mention.merge_name) is None):
            yield Candidate(mention, target, trigger), sent
        elif topic_name is not None and sentences_named >= _article_country_sentences(mention, name == topic_name,
                                                                                      rules):
            yield Candidate(mention, target, article), sent


def _article_country_sentences(mention: Mention, is_topic: bool, rules: Rules) -> float:
    """In how many sentences an article's country must be named to place ``mention`` there (infinity: never)."""
    needed = [n for cls, n in rules.article_country_classes.items() if is_a(mention.type, cls)]
    if is_topic:
        needed.extend(rules.article_country_classes.values())
    return min(needed, default=float("inf"))


def lead_birth_candidates(
    first: Span, topic: Mention | None, by_token: dict[int, Mention], rules: Rules
) -> Iterator[tuple[Candidate, Span]]:
    """ "Willi Schneider ( born 13 March 1963 in Mediaș , Transylvania ) is a skeleton racer", "Alberto Llanos ( San
    Fernando , Chile , August 29 , 1869 – Santiago , ... )": the first place in the bracket that follows a person
    an article is about, before the dash of the life span, is where the person was born (no nationality word:
    "( Thai : ... ; born ... )")."""
    if rules.birth is None or topic is None or not is_a(topic.type, PERSON):
        return
    doc = first.doc
    opening = next((t.i for t in first if t.idx >= topic.end), first.end)
    if opening >= first.end or doc[opening].text not in rules.lead_brackets:
        return
    for token in doc[opening + 1 : first.end]:
        if token.text in rules.lead_brackets.values() or token.text in rules.life_span_dashes:
            return
        place = by_token.get(token.i)
        if place is not None and is_a(place.type, PLACE) and place.rule != "demonym":
            yield Candidate(topic, place, replace(rules.birth, rule=f"{rules.birth.rule}-lead")), first
            return



def article_region_candidates(
    sentences: Sequence[Span],
    by_token: dict[int, Mention],
    relations: Sequence[RelationMention],
    rules: Rules,
    topic: Mention | None,
) -> Iterator[tuple[Candidate, Span]]:
    """In an article about a place, the names of ``article_region_classes`` lie in the regions (not countries) the
    topic lies in: "Clark Lake is a lake in Gogebic County in the U.S. state of Michigan. ... in the Sylvania
    Wilderness" puts the Sylvania Wilderness in Gogebic County and in Michigan.

    Names that a fact puts in a region or that hold something are left alone (they are placed already, or are
    regions themselves), and so are the names the gazetteer knows. Each name's first mention is the subject and its
    sentence the evidence.
    """
    if rules.location is None or topic is None or topic.type == COUNTRY or not is_a(topic.type, PLACE):
        return
    key = rules.gazetteer.key
    located = {rules.location.predicate, *rules.location_by_subject_type.values()}
    facts = [r for r in relations if r.predicate in located and (rules.birth is None or r.rule != rules.birth.rule)]
    regions = {
        key(r.object.merge_name): r.object for r in facts
        if key(r.subject.merge_name) == key(topic.merge_name) and r.object.type != COUNTRY
    }
    if not regions:
        return
    placed = {key(r.object.merge_name) for r in facts} | {
        key(r.subject.merge_name) for r in facts if r.object.type != COUNTRY
    }
    trigger = replace(rules.location, confidence=rules.article_region_confidence,
                      rule=f"{rules.location.rule.split('-')[0]}-article-region")
    for name, (mention, sent) in _first_mentions(sentences, by_token, rules).items():
        if (name in placed or name in regions or mention.type == COUNTRY
                or not any(is_a(mention.type, cls) for cls in rules.article_region_classes)
                or rules.gazetteer.type_of(mention.merge_name) is not None):
            continue
        for region in regions.values():
            yield Candidate(mention, region, trigger), sent


def _first_mentions(
    sentences: Sequence[Span], by_token: dict[int, Mention], rules: Rules
) -> dict[str, tuple[Mention, Span]]:
    """Each name's first mention in the document, with its sentence."""
    firsts: dict[str, tuple[Mention, Span]] = {}
    for sent in sentences:
        for token in sentence_tokens(sent):
            mention = by_token.get(token.i)
            if mention is not None and mention.start == token.idx:
                firsts.setdefault(rules.gazetteer.key(mention.merge_name), (mention, sent))
    return firsts
