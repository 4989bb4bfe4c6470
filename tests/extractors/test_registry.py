"""The registry of relation finders and the pattern data that turns them on."""

from __future__ import annotations

import pytest

import kg.extractors  # noqa: F401  (runs the registrations)
from kg.errors import VocabularyError
from kg.extractors.registry import registered_finders, relation_finder, relation_finders
from kg.rules import load_rules


def test_the_pattern_data_runs_every_registered_finder_once():
    names = load_rules().relation_finders
    assert sorted(names) == list(registered_finders()) and len(set(names)) == len(names)


def test_a_finder_name_no_module_registers_is_an_error_naming_it():
    with pytest.raises(VocabularyError, match="no relation finder is registered as nothing_here"):
        relation_finders(["verbs", "nothing_here"])


def test_a_second_function_under_a_registered_name_is_refused():
    (verbs,) = relation_finders(["verbs"])
    assert relation_finder("verbs")(verbs) is verbs
    with pytest.raises(ValueError, match="registered as 'verbs'"):
        relation_finder("verbs")(lambda context: iter(()))


def test_a_context_offers_the_tokens_a_finder_filters_for(vocab):
    from kg.extractors.coreference import AntecedentFinder
    from kg.extractors.registry import SentenceContext
    from kg.extractors.tokens import sentence_columns
    from tests.helpers import make_doc

    doc = make_doc(vocab, [
        ("Acme", "Acme", 3, "poss", "PROPN", "NNP"), ("'s", "'s", 0, "case", "PART", "POS"),
        ("chief", "chief", 3, "amod", "ADJ", "JJ"), ("executive", "executive", 4, "nsubj", "NOUN", "NN"),
        ("bought", "buy", 4, "ROOT", "VERB", "VBD"), ("units", "unit", 4, "dobj", "NOUN", "NNS"),
    ])
    rules = load_rules()
    sent = doc[:]
    context = SentenceContext(sent, {}, rules, AntecedentFinder([], rules, None), (), sentence_columns(sent), ())
    assert [t.text for t in context.tokens_with_lemma({"unit", "buy"})] == ["bought", "units"]
    assert [t.text for t in context.tokens_with_lemma({"unit", "buy"}, {"NOUN"})] == ["units"]
    assert [t.text for t in context.tokens_with_pos({"VERB"})] == ["bought"]
    assert [t.text for t in context.tokens_with_lower({"'s"})] == ["'s"]
    assert [t.text for t in context.tokens_ending_phrase({"chief executive": 1})] == ["executive"]
    assert context.mentions() == []


def test_a_context_says_whether_a_fact_could_join_its_names(vocab):
    from kg.extractors.coreference import AntecedentFinder
    from kg.extractors.registry import SentenceContext
    from kg.extractors.tokens import sentence_columns
    from kg.model import Mention
    from tests.helpers import make_doc

    rules = load_rules()

    def context_of(words, named=()):
        doc = make_doc(vocab, words)
        sent = doc[:]
        columns = sentence_columns(sent)
        marks = tuple((columns.tokens[i], mention) for i, mention in named)
        return SentenceContext(sent, dict(named), rules, AntecedentFinder([], rules, None), (), columns, marks)

    prices = [("Prices", "price", 1, "nsubj", "NOUN", "NNS"), ("rose", "rise", 1, "ROOT", "VERB", "VBD")]
    assert not context_of(prices).may_name_arguments()
    pronoun = [("It", "it", 1, "nsubj", "PRON", "PRP"), ("rose", "rise", 1, "ROOT", "VERB", "VBD")]
    assert context_of(pronoun).may_name_arguments()
    acme = Mention("t", 0, 6, "Prices", "Organization", rule="ner")
    assert context_of(prices, ((0, acme),)).may_name_arguments()
    assert not context_of(prices, ((0, acme),)).names_two_things()
    rise = Mention("t", 7, 11, "rose", "Organization", rule="ner")
    assert context_of(prices, ((0, acme), (1, rise))).names_two_things()
