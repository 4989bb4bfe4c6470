"""Appositions past a nearer name, and type cues from possessed nouns and plural kind nouns (parses as the
statistical model gives them)."""

from __future__ import annotations

from tests.extractors.helpers import extraction_of, facts_of
from tests.helpers import make_doc


def _speaker_of_council(vocab):
    """ "said Paul Widge of the Lisbon Council, a Brussels-based action group." with the group hung on the man."""
    return make_doc(
        vocab,
        [
            ("Officials", "official", 1, "nsubj", "NOUN", "NNS"),
            ("agreed", "agree", 1, "ROOT", "VERB", "VBD"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("said", "say", 1, "ccomp", "VERB", "VBD"),
            ("Paul", "Paul", 5, "compound", "PROPN", "NNP"),
            ("Widge", "Widge", 3, "nsubj", "PROPN", "NNP"),
            ("of", "of", 5, "prep", "ADP", "IN"),
            ("the", "the", 9, "det", "DET", "DT"),
            ("Lisbon", "Lisbon", 9, "compound", "PROPN", "NNP"),
            ("Council", "Council", 6, "pobj", "PROPN", "NNP"),
            (",", ",", 5, "punct", "PUNCT", ","),
            ("a", "a", 16, "det", "DET", "DT"),
            ("Brussels", "Brussels", 14, "npadvmod", "PROPN", "NNP"),
            ("-", "-", 14, "punct", "PUNCT", "HYPH"),
            ("based", "base", 16, "amod", "VERB", "VBN"),
            ("action", "action", 16, "compound", "NOUN", "NN"),
            ("group", "group", 5, "appos", "NOUN", "NN"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-GPE",
              "O", "O", "O", "O", "O"],
    )


def test_an_apposition_past_a_nearer_name_describes_that_name(vocab):
    doc = _speaker_of_council(vocab)
    types = {m.text: m.type for m in extraction_of(doc).mentions}
    assert types["Paul Widge"] == "Person"
    assert types["Lisbon Council"] == "Organization"  # a city and one institution word are one name
    facts = facts_of(doc)
    assert ("Lisbon Council", "basedIn", "Brussels") in facts
    assert not any(s == "Paul Widge" and o == "Brussels" for s, _, o in facts)


def test_a_name_possessing_a_division_is_an_organisation(vocab):
    doc = make_doc(
        vocab,
        [
            ("Rudolf", "Rudolf", 1, "compound", "PROPN", "NNP"),
            ("Fisk", "Fisk", 2, "nsubj", "PROPN", "NNP"),
            ("heads", "head", 2, "ROOT", "VERB", "VBZ"),
            ("Telekom", "Telekom", 4, "compound", "PROPN", "NNP"),
            ("Austria", "Austria", 7, "poss", "PROPN", "NNP"),
            ("'s", "'s", 4, "case", "PART", "POS"),
            ("broadband", "broadband", 7, "compound", "NOUN", "NN"),
            ("division", "division", 2, "dobj", "NOUN", "NN"),
            (".", ".", 2, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O"],
    )
    types = {m.text: m.type for m in extraction_of(doc).mentions}
    assert types["Telekom Austria"] == "Organization"
    assert types["Rudolf Fisk"] == "Person"


def test_a_plural_kind_noun_before_a_list_types_every_name_in_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Research", "research", 7, "nsubj", "NOUN", "NN"),
            ("by", "by", 0, "prep", "ADP", "IN"),
            ("technology", "technology", 3, "compound", "NOUN", "NN"),
            ("firms", "firm", 1, "pobj", "NOUN", "NNS"),
            ("Earthlove", "Earthlove", 0, "appos", "PROPN", "NNP"),
            ("and", "and", 4, "cc", "CCONJ", "CC"),
            ("Webrock", "Webrock", 4, "conj", "PROPN", "NNP"),
            ("found", "find", 7, "ROOT", "VERB", "VBD"),
            ("spyware", "spyware", 7, "dobj", "NOUN", "NN"),
            (".", ".", 7, "punct", "PUNCT", "."),
        ],
        ents=["O", "O", "O", "O", "B-PERSON", "O", "B-PERSON", "O", "O", "O"],
    )
    types = {m.text: m.type for m in extraction_of(doc).mentions}
    assert types == {"Earthlove": "Organization", "Webrock": "Organization"}


def test_a_business_abbreviation_of_a_common_noun_is_no_entity(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("holds", "hold", 1, "ROOT", "VERB", "VBZ"),
            ("its", "its", 3, "poss", "PRON", "PRP$"),
            ("AGM", "AGM", 1, "dobj", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "O", "B-ORG", "O"],
    )
    assert [m.text for m in extraction_of(doc).mentions] == ["Acme"]
    assert facts_of(doc) == set()
