"""Name linking: aliases in brackets and acronyms, and facts carried over to aliases."""

from __future__ import annotations

from tests.extractors.helpers import extraction_of, facts_of
from tests.helpers import make_doc


def test_parenthesised_name_and_acronym_link_to_the_name_before(vocab):
    doc = make_doc(
        vocab,
        [
            ("National", "National", 3, "compound", "PROPN", "NNP"),
            ("Space", "Space", 3, "compound", "PROPN", "NNP"),
            ("Development", "Development", 3, "compound", "PROPN", "NNP"),
            ("Agency", "Agency", 7, "nsubj", "PROPN", "NNP"),
            ("(", "(", 3, "punct", "PUNCT", "-LRB-"),
            ("NASDA", "NASDA", 3, "appos", "PROPN", "NNP"),
            (")", ")", 3, "punct", "PUNCT", "-RRB-"),
            ("grew", "grow", 7, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "O", "O"],
    )
    acronym = next(m for m in extraction_of(doc).mentions if m.text == "NASDA")
    assert acronym.merge_name == "National Space Development Agency" and acronym.name_rule == "acronym"


def test_two_places_the_gazetteer_knows_apart_are_no_alias_in_brackets(vocab):
    doc = make_doc(
        vocab,
        [
            ("Indosuez", "Indosuez", 1, "compound", "PROPN", "NNP"),
            ("Asia", "Asia", 5, "compound", "PROPN", "NNP"),
            ("(", "(", 1, "punct", "PUNCT", "-LRB-"),
            ("Singapore", "Singapore", 1, "appos", "PROPN", "NNP"),
            (")", ")", 1, "punct", "PUNCT", "-RRB-"),
            ("Ltd", "Ltd", 6, "nsubj", "PROPN", "NNP"),
            ("agreed", "agree", 6, "ROOT", "VERB", "VBD"),
        ],
        ents=["O", "B-LOC", "O", "B-GPE", "O", "O", "O"],
    )
    singapore = next(m for m in extraction_of(doc).mentions if m.text == "Singapore")
    assert singapore.merge_name == "Singapore" and singapore.name_rule == ""


def test_a_fact_about_a_name_holds_for_its_alias_in_brackets(vocab):
    doc = make_doc(
        vocab,
        [
            ("Soto", "Soto", 11, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("candidate", "candidate", 0, "appos", "NOUN", "NN"),
            ("of", "of", 2, "prep", "ADP", "IN"),
            ("the", "the", 6, "det", "DET", "DT"),
            ("Labor", "Labor", 6, "compound", "PROPN", "NNP"),
            ("Party", "Party", 3, "pobj", "PROPN", "NNP"),
            ("(", "(", 6, "punct", "PUNCT", "-LRB-"),
            ("LP", "LP", 6, "appos", "PROPN", "NNP"),
            (")", ")", 6, "punct", "PUNCT", "-RRB-"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("spoke", "speak", 11, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "B-ORG", "I-ORG", "O", "B-ORG", "O", "O", "O"],
    )
    assert {("Soto", "worksFor", "Labor Party"), ("Soto", "worksFor", "LP")} <= facts_of(doc)


def test_a_lone_proper_noun_shortening_a_name_of_the_document_is_a_mention(vocab):
    rows = [
        ("Financial", "Financial", 1, "compound", "PROPN", "NNP"),
        ("Times", "Times", 2, "nsubj", "PROPN", "NNP"),
        ("told", "tell", 2, "ROOT", "VERB", "VBD"),
        ("Menatep", "Menatep", 4, "compound", "PROPN", "NNP"),
        ("Group", "Group", 2, "dobj", "PROPN", "NNP"),
        ("and", "and", 2, "cc", "CCONJ", "CC"),
        ("the", "the", 7, "det", "DET", "DT"),
        ("FT", "FT", 8, "nsubj", "PROPN", "NNP"),
        ("told", "tell", 2, "conj", "VERB", "VBD"),
        ("Menatep", "Menatep", 8, "dobj", "PROPN", "NNP"),
    ]
    ents = ["B-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O"]
    found = {(m.text, m.type, m.rule) for m in extraction_of(make_doc(vocab, rows, ents)).mentions}
    assert {("FT", "Organization", "propagated"), ("Menatep", "Organization", "propagated")} <= found
    rows[9:] = [("Menatep", "Menatep", 10, "compound", "PROPN", "NNP"), ("Bank", "Bank", 8, "dobj", "PROPN", "NNP")]
    found = {m.text for m in extraction_of(make_doc(vocab, rows, [*ents, "O"])).mentions}
    assert "Menatep" not in found  # a word joined to another proper noun is part of a longer name


def test_a_lone_proper_noun_that_is_the_surname_of_a_person_of_the_document_is_a_mention(vocab):
    rows = [
        ("Rachel", "Rachel", 1, "compound", "PROPN", "NNP"),
        ("Proctor", "Proctor", 2, "nsubj", "PROPN", "NNP"),
        ("sang", "sing", 2, "ROOT", "VERB", "VBD"),
        ("and", "and", 2, "cc", "CCONJ", "CC"),
        ("Proctor", "Proctor", 5, "nsubj", "PROPN", "NNP"),
        ("signed", "sign", 2, "conj", "VERB", "VBD"),
    ]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O"]
    found = {(m.text, m.type, m.rule) for m in extraction_of(make_doc(vocab, rows, ents)).mentions}
    assert ("Proctor", "Person", "propagated") in found


def test_a_name_found_again_as_the_first_part_of_a_longer_name_is_no_copy_of_it(vocab):
    rows = [
        ("Sunco", "Sunco", 1, "nsubj", "PROPN", "NNP"),
        ("launched", "launch", 1, "ROOT", "VERB", "VBD"),
        ("Sunco", "Sunco", 3, "compound", "PROPN", "NNP"),
        ("Grid", "Grid", 1, "dobj", "PROPN", "NNP"),
    ]
    assert [m.text for m in extraction_of(make_doc(vocab, rows, ["B-ORG", "O", "O", "O"])).mentions] == ["Sunco"]
    rows[3] = ("III", "III", 1, "dobj", "PROPN", "NNP")  # a model number after it makes a product of it instead
    assert {m.text for m in extraction_of(make_doc(vocab, rows, ["B-ORG", "O", "O", "O"])).mentions} == {
        "Sunco", "Sunco III"}


def test_a_name_a_person_cue_typed_is_found_again_where_the_tagger_missed_it(vocab):
    rows = [
        ("Thorborg", "Thorborg", 5, "nsubj", "PROPN", "NNP"),
        ("(", "(", 0, "punct", "PUNCT", "-LRB-"),
        ("born", "bear", 0, "appos", "VERB", "VBN"),
        ("1896", "1896", 2, "npadvmod", "NUM", "CD"),
        (")", ")", 0, "punct", "PUNCT", "-RRB-"),
        ("sang", "sing", 5, "ROOT", "VERB", "VBD"),
        ("and", "and", 5, "cc", "CCONJ", "CC"),
        ("Thorborg", "Thorborg", 8, "nsubj", "PROPN", "NNP"),
        ("won", "win", 5, "conj", "VERB", "VBD"),
    ]
    ents = ["B-ORG", "O", "O", "O", "O", "O", "O", "O", "O"]
    found = [(m.type, m.rule) for m in extraction_of(make_doc(vocab, rows, ents)).mentions if m.text == "Thorborg"]
    assert found == [("Person", "person_cue"), ("Person", "propagated")]


def test_a_surname_after_an_honorific_makes_a_person_of_the_full_name_the_tagger_typed_otherwise(vocab):
    rows = [
        ("Herve", "Herve", 1, "compound", "PROPN", "NNP"),
        ("Gaymard", "Gaymard", 2, "nsubj", "PROPN", "NNP"),
        ("spoke", "speak", 2, "ROOT", "VERB", "VBD"),
        ("and", "and", 2, "cc", "CCONJ", "CC"),
        ("Mr", "Mr", 5, "compound", "PROPN", "NNP"),
        ("Gaymard", "Gaymard", 6, "nsubj", "PROPN", "NNP"),
        ("left", "leave", 2, "conj", "VERB", "VBD"),
    ]
    ents = ["B-ORG", "I-ORG", "O", "O", "O", "B-PERSON", "O"]
    found = {(m.text, m.type) for m in extraction_of(make_doc(vocab, rows, ents)).mentions}
    assert {("Herve Gaymard", "Person"), ("Mr Gaymard", "Person")} <= found
    rows[4] = ("the", "the", 5, "det", "DET", "DT")  # no honorific: the tagger's class stands
    found = {(m.text, m.type) for m in extraction_of(make_doc(vocab, rows, [*ents[:4], "O", "B-PERSON", "O"])).mentions}
    assert ("Herve Gaymard", "Organization") in found


# "Carly Zed spoke and Ms Zed left"
_CARLY_ZED = [
    ("Carly", "Carly", 1, "compound", "PROPN", "NNP"),
    ("Zed", "Zed", 2, "nsubj", "PROPN", "NNP"),
    ("spoke", "speak", 2, "ROOT", "VERB", "VBD"),
    ("and", "and", 2, "cc", "CCONJ", "CC"),
    ("Ms", "Ms", 5, "compound", "PROPN", "NNP"),
    ("Zed", "Zed", 6, "nsubj", "PROPN", "NNP"),
    ("left", "leave", 2, "conj", "VERB", "VBD"),
]


def test_an_honorific_inside_the_taggers_span_still_makes_a_person_of_the_full_name(vocab):
    rows = _CARLY_ZED
    ents = ["B-ORG", "I-ORG", "O", "O", "B-PERSON", "I-PERSON", "O"]
    extraction = extraction_of(make_doc(vocab, rows, ents))
    assert {(m.text, m.type) for m in extraction.mentions} >= {("Carly Zed", "Person"), ("Ms Zed", "Person")}
    assert {m.merge_name for m in extraction.mentions} == {"Carly Zed"}


def test_a_name_after_an_honorific_the_tagger_calls_a_company_is_a_person_when_a_fuller_name_ends_in_it(vocab):
    rows = _CARLY_ZED
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "B-ORG", "O"]
    found = {(m.text, m.type) for m in extraction_of(make_doc(vocab, rows, ents)).mentions}
    assert ("Ms Zed", "Person") in found
    alone = [  # "Ms Zed left": no fuller name, as for a brand ("Dr Pepper")
        ("Ms", "Ms", 1, "compound", "PROPN", "NNP"),
        ("Zed", "Zed", 2, "nsubj", "PROPN", "NNP"),
        ("left", "leave", 2, "ROOT", "VERB", "VBD"),
    ]
    found = {(m.text, m.type) for m in extraction_of(make_doc(vocab, alone, ["O", "B-ORG", "O"])).mentions}
    assert ("Zed", "Organization") in found
