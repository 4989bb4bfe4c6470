"""Read mentions and relation mentions off a parsed spaCy ``Doc``: the steps over one document.

:func:`extract_document` turns a ``Doc`` into an :class:`~kg.model.Extraction` of plain
dataclasses; no spaCy object leaves the package. What counts as an entity, a type cue or a
relation trigger, the function words the tree rules look for and the relation finders that
run come from the rule files (:mod:`kg.rules`); the extractors only know dependency-tree
shapes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.extractors.candidates import Candidate
from kg.extractors.coreference import AntecedentFinder, article_topic
from kg.extractors.document_places import (
    article_region_candidates,
    document_country_candidates,
    lead_birth_candidates,
    regions_across_sentences,
)
from kg.extractors.linking import link_names_in_document, propagate_names, vote_types_in_document
from kg.extractors.mentions import demonym_mentions, is_boilerplate, mentions_by_token, with_model_numbers
from kg.extractors.recovery import (
    classes_agreed_in_lists,
    places_by_construction,
    recover_bracketed_acronyms,
    recover_known_places,
    recover_names_from_context,
    recover_owned_models,
)
from kg.extractors.registry import RelationFinder, SentenceContext, relation_finders
from kg.extractors.times import annotate_relations
from kg.extractors.tokens import forget_tokens, remember_text, sentence_columns, span_text
from kg.model import Document, Extraction, Mention, RelationMention, Sentence
from kg.rules import Rules, load_rules
from kg.vocab import CITY, COUNTRY, is_a


def extract_document(doc: Doc, document: Document, rules: Rules | None = None) -> Extraction:
    """Extract the mentions and relation mentions of one parsed document.

    Args:
        doc: the spaCy parse of ``document.text``.
        document: the document it was parsed from (its id goes into every record).
        rules: extraction rules; the shipped ones by default.
    """
    try:
        return _extract(doc, document, rules or load_rules())
    finally:
        forget_tokens(doc)


def _extract(doc: Doc, document: Document, rules: Rules) -> Extraction:
    if document.text:
        remember_text(doc, document.text)
    content = [sent for sent in doc.sents if not is_boilerplate(sent, rules)]
    by_token = mentions_by_token(content, document.id, rules)
    by_token = recover_names_from_context(content, by_token, document.id, rules)
    by_token = recover_known_places(content, by_token, document.id, rules)
    by_token = recover_owned_models(content, by_token, document.id, rules)
    by_token = recover_bracketed_acronyms(content, by_token, document.id, rules)
    by_token = places_by_construction(doc, by_token, rules)
    by_token = classes_agreed_in_lists(doc, by_token, rules)
    by_token = demonym_mentions(content, by_token, document.id, rules)
    by_token = link_names_in_document(doc, by_token, rules)
    by_token = propagate_names(doc, content, by_token, rules)
    by_token = with_model_numbers(doc, by_token, document.id, rules)
    by_token = vote_types_in_document(by_token)
    topic = article_topic(content[0], by_token, rules) if content else None
    antecedents = AntecedentFinder(sorted(set(by_token.values()), key=lambda m: m.start), rules, topic)
    finders = relation_finders(rules.relation_finders)
    relations: list[RelationMention] = []
    for sent in content:
        relations.extend(_sentence_relations(sent, by_token, rules, antecedents, finders))
    relations.extend(regions_across_sentences(relations, rules))
    if content:
        relations.extend(_document_relations(lead_birth_candidates(content[0], topic, by_token, rules), rules))
    countries = document_country_candidates(content, by_token, relations, rules, topic)
    relations.extend(_document_relations(countries, rules))
    relations.extend(_document_relations(article_region_candidates(content, by_token, relations, rules, topic), rules))
    mentions = sorted(set(by_token.values()), key=lambda m: (m.start, m.end))
    return Extraction(document, tuple(mentions), annotate_relations(doc, relations, document.date))


def _sentence_relations(
    sent: Span,
    by_token: dict[int, Mention],
    rules: Rules,
    antecedents: AntecedentFinder,
    finders: Sequence[RelationFinder],
) -> Iterator[RelationMention]:
    sentence = Sentence(sent.start_char, sent.end_char, span_text(sent))
    seen: set[tuple[Mention, str, Mention]] = set()
    found: list[RelationMention] = []

    def accept(candidates: Iterable[Candidate]) -> None:
        for candidate in candidates:
            subject, obj = candidate.subject, candidate.object
            if candidate.trigger.inverse:
                subject, obj = obj, subject
            predicate = _refine_predicate(candidate.trigger.predicate, subject, rules)
            key = (subject, predicate, obj)
            if subject == obj or subject.merge_name == obj.merge_name or key in seen:
                continue
            if _country_in_city(subject, predicate, obj, rules):
                continue
            seen.add(key)
            trigger = candidate.trigger
            confidence = rules.calibration.get(trigger.rule, trigger.confidence)  # measured, where make calibrate has
            found.append(RelationMention(subject.doc_id, subject, predicate, obj, sentence, confidence, trigger.rule))

    columns = sentence_columns(sent)
    tokens, start = columns.tokens, sent.start
    named = tuple((tokens[i - start], m) for i in range(start, sent.end) if (m := by_token.get(i)) is not None)
    context = SentenceContext(sent, by_token, rules, antecedents, (), columns, named)
    if not context.may_name_arguments():
        return  # every finder joins a mention of the sentence, or a word standing for one
    for finder in finders:
        if len(found) != len(context.found):  # made again only when a finder has accepted a fact
            context = replace(context, found=tuple(found))
        accept(finder(context))
    yield from found


def _document_relations(candidates: Iterable[tuple[Candidate, Span]], rules: Rules) -> Iterator[RelationMention]:
    """Facts read over the whole document, each with the sentence it was read from."""
    for candidate, sent in candidates:
        subject, trigger = candidate.subject, candidate.trigger
        yield RelationMention(
            subject.doc_id, subject, _refine_predicate(trigger.predicate, subject, rules), candidate.object,
            Sentence(sent.start_char, sent.end_char, span_text(sent)),
            rules.calibration.get(trigger.rule, trigger.confidence), trigger.rule,
        )


def _refine_predicate(predicate: str, subject: Mention, rules: Rules) -> str:
    if rules.location is None or predicate != rules.location.predicate:
        return predicate
    for cls, refined in rules.location_by_subject_type.items():
        if is_a(subject.type, cls):
            return refined
    return predicate


def _country_in_city(subject: Mention, predicate: str, obj: Mention, rules: Rules) -> bool:
    """A country lies in no city: "Denmark in Copenhagen" is a misread "in Copenhagen, Denmark"."""
    if rules.location is None or predicate != rules.location.predicate or subject.type != COUNTRY:
        return False
    return obj.type == CITY or rules.gazetteer.type_of(obj.merge_name) == CITY
