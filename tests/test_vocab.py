"""The ontology is the single source of vocabulary; IRIs are readable and injective."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS

from kg.errors import VocabularyError
from kg.rules import load_rules
from kg.vocab import KG, declared_terms, mint_entity_iri, ontology, slug, term


def test_unknown_term_is_an_error():
    with pytest.raises(VocabularyError):
        term("notAPredicate")


def test_every_declared_term_has_label_and_comment():
    for name in declared_terms():
        assert ontology().value(KG[name], RDFS.label) is not None, name
        assert ontology().value(KG[name], RDFS.comment) is not None, name


def test_every_rule_predicate_and_class_is_declared():
    rules = load_rules()
    used = {t.predicate for t in [*rules.verbs.values(), *rules.nouns.values(), *rules.titles.values()]}
    used |= set(rules.ner_labels.values()) | set(rules.head_nouns.values())
    assert used <= declared_terms()
    assert (KG.released, RDF.type, OWL.ObjectProperty) in ontology()


@pytest.mark.parametrize("a,b", [("a b", "a_b"), ("at&t", "at t"), ("c++", "c"), ("x%41", "xa")])
def test_different_keys_never_share_an_iri(a, b):
    assert slug(a) != slug(b)
    assert mint_entity_iri("https://e.org/", a) != mint_entity_iri("https://e.org/", b)
