"""Rivals: a rival noun's names compete with its possessor or the subject of its clause."""

from __future__ import annotations

from tests.extractors.helpers import facts_of
from tests.helpers import make_doc


def test_the_name_right_after_a_possessed_rival_noun_competes_with_the_possessor(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("said", "say", 1, "ROOT", "VERB", "VBD"),
            ("its", "its", 3, "poss", "PRON", "PRP$"),
            ("rival", "rival", 5, "nsubj", "ADJ", "JJ"),
            ("Widgetco", "Widgetco", 5, "nsubj", "PROPN", "NNP"),
            ("fell", "fall", 1, "ccomp", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "O", "O", "B-ORG", "O"],
    )
    assert facts_of(doc) == {("Acme", "competesWith", "Widgetco")}


def test_a_rival_modifying_a_common_noun_before_a_name_competes_with_the_clause_subject(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("dropped", "drop", 1, "ROOT", "VERB", "VBD"),
            ("a", "a", 3, "det", "DET", "DT"),
            ("bid", "bid", 1, "dobj", "NOUN", "NN"),
            ("for", "for", 3, "prep", "ADP", "IN"),
            ("rival", "rival", 6, "amod", "ADJ", "JJ"),
            ("bank", "bank", 7, "compound", "NOUN", "NN"),
            ("Widgetco", "Widgetco", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Acme", "competesWith", "Widgetco")}


def test_rivals_listed_as_examples_compete_with_the_passive_subject(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 2, "nsubjpass", "PROPN", "NNP"),
            ("is", "be", 2, "auxpass", "AUX", "VBZ"),
            ("seen", "see", 2, "ROOT", "VERB", "VBN"),
            ("as", "as", 2, "prep", "ADP", "IN"),
            ("behind", "behind", 3, "pcomp", "ADP", "IN"),
            ("rivals", "rival", 4, "pobj", "NOUN", "NNS"),
            ("like", "like", 5, "prep", "ADP", "IN"),
            ("Bolt", "Bolt", 6, "pobj", "PROPN", "NNP"),
            ("and", "and", 7, "cc", "CCONJ", "CC"),
            ("Zap", "Zap", 7, "conj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "O", "B-ORG", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Acme", "competesWith", "Bolt"), ("Acme", "competesWith", "Zap")}


def test_a_rival_in_a_name_competes_with_the_subject(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("has", "have", 1, "ROOT", "VERB", "VBZ"),
            ("a", "a", 3, "det", "DET", "DT"),
            ("rival", "rival", 1, "dobj", "NOUN", "NN"),
            ("in", "in", 3, "prep", "ADP", "IN"),
            ("Widgetco", "Widgetco", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Acme", "competesWith", "Widgetco")}


def test_a_rival_that_is_itself_the_subject_has_no_other_side(vocab):
    doc = make_doc(
        vocab,
        [
            ("Rival", "rival", 1, "amod", "ADJ", "JJ"),
            ("Widgetco", "Widgetco", 2, "nsubj", "PROPN", "NNP"),
            ("fell", "fall", 2, "ROOT", "VERB", "VBD"),
        ],
        ents=["O", "B-ORG", "O"],
    )
    assert facts_of(doc) == set()


def test_a_name_before_a_rival_noun_is_what_it_rivals_not_the_possessor(vocab):
    doc = make_doc(  # "Acme unveiled its Widget rival, the Gizmo"
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("unveiled", "unveil", 1, "ROOT", "VERB", "VBD"),
            ("its", "its", 4, "poss", "PRON", "PRP$"),
            ("Widget", "Widget", 4, "compound", "PROPN", "NNP"),
            ("rival", "rival", 1, "dobj", "NOUN", "NN"),
            (",", ",", 4, "punct", "PUNCT", ","),
            ("the", "the", 7, "det", "DET", "DT"),
            ("Gizmo", "Gizmo", 4, "appos", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "B-PRODUCT", "O", "O", "O", "B-PRODUCT"],
    )
    facts = facts_of(doc)
    assert ("Widget", "competesWith", "Gizmo") in facts and ("Acme", "competesWith", "Gizmo") not in facts


def test_in_a_and_its_place_rival_b_the_rival_competes_with_a_not_with_the_place(vocab):
    doc = make_doc(  # "The EU praised Acme and its US rival Widgetco."
        vocab,
        [
            ("The", "the", 1, "det", "DET", "DT"),
            ("EU", "EU", 2, "nsubj", "PROPN", "NNP"),
            ("praised", "praise", 2, "ROOT", "VERB", "VBD"),
            ("Acme", "Acme", 2, "dobj", "PROPN", "NNP"),
            ("and", "and", 3, "cc", "CCONJ", "CC"),
            ("its", "its", 7, "poss", "PRON", "PRP$"),
            ("US", "US", 7, "compound", "PROPN", "NNP"),
            ("rival", "rival", 3, "conj", "NOUN", "NN"),
            ("Widgetco", "Widgetco", 7, "appos", "PROPN", "NNP"),
            (".", ".", 2, "punct", "PUNCT", "."),
        ],
        ents=["O", "B-ORG", "O", "B-ORG", "O", "O", "B-GPE", "O", "B-ORG", "O"],
    )
    rivals = {(s, o) for s, p, o in facts_of(doc) if p == "competesWith"}
    assert rivals == {("Acme", "Widgetco")}
