"""Extraction rules on hand-built parses: no statistical model needed."""

from __future__ import annotations

from kg.extract import extract_document
from kg.model import Document
from tests.conftest import make_doc


def _facts(doc, text_id: str = "t") -> set[tuple[str, str, str]]:
    extraction = extract_document(doc, Document.from_text(text_id, doc.text))
    return {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations}


def test_active_verb_maps_to_ontology_predicate(vocab):
    doc = make_doc(
        vocab,
        [
            ("DeepSeek", "DeepSeek", 1, "nsubj", "PROPN", "NNP"),
            ("released", "release", 1, "ROOT", "VERB", "VBD"),
            ("R1", "R1", 1, "dobj", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "B-PRODUCT", "O"],
    )
    assert ("DeepSeek", "released", "R1") in _facts(doc)


def test_passive_verb_swaps_to_agent(vocab):
    doc = make_doc(
        vocab,
        [
            ("R1", "R1", 2, "nsubjpass", "PROPN", "NNP"),
            ("was", "be", 2, "auxpass", "AUX", "VBD"),
            ("developed", "develop", 2, "ROOT", "VERB", "VBN"),
            ("by", "by", 2, "agent", "ADP", "IN"),
            ("DeepSeek", "DeepSeek", 3, "pobj", "PROPN", "NNP"),
            (".", ".", 2, "punct", "PUNCT", "."),
        ],
        ents=["B-PRODUCT", "O", "O", "O", "B-ORG", "O"],
    )
    assert _facts(doc) == {("DeepSeek", "develops", "R1")}


def test_possessive_of_chip_means_maker(vocab):
    doc = make_doc(
        vocab,
        [
            ("They", "they", 1, "nsubj", "PRON", "PRP"),
            ("used", "use", 1, "ROOT", "VERB", "VBD"),
            ("Nvidia", "Nvidia", 4, "poss", "PROPN", "NNP"),
            ("’s", "’s", 2, "case", "PART", "POS"),
            ("H800", "H800", 5, "compound", "PROPN", "NNP"),
            ("chips", "chip", 1, "dobj", "NOUN", "NNS"),
        ],
        ents=["O", "O", "B-ORG", "O", "B-PRODUCT", "O"],
    )
    assert _facts(doc) == {("Nvidia", "manufactures", "H800")}


def test_title_compound_gives_ceo(vocab):
    doc = make_doc(
        vocab,
        [
            ("Nvidia", "Nvidia", 1, "compound", "PROPN", "NNP"),
            ("CEO", "CEO", 3, "compound", "PROPN", "NNP"),
            ("Jensen", "Jensen", 3, "compound", "PROPN", "NNP"),
            ("Huang", "Huang", 4, "nsubj", "PROPN", "NNP"),
            ("spoke", "speak", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "B-PERSON", "I-PERSON", "O"],
    )
    assert _facts(doc) == {("Jensen Huang", "ceoOf", "Nvidia")}


def test_appositive_title_gives_founder(vocab):
    doc = make_doc(
        vocab,
        [
            ("Liang", "Liang", 1, "compound", "PROPN", "NNP"),
            ("Wenfeng", "Wenfeng", 7, "nsubj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("the", "the", 4, "det", "DET", "DT"),
            ("founder", "founder", 1, "appos", "NOUN", "NN"),
            ("of", "of", 4, "prep", "ADP", "IN"),
            ("DeepSeek", "DeepSeek", 5, "pobj", "PROPN", "NNP"),
            ("spoke", "speak", 7, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-ORG", "O"],
    )
    assert _facts(doc) == {("Liang Wenfeng", "founderOf", "DeepSeek")}


def test_non_entities_and_boilerplate_are_dropped(vocab):
    doc = make_doc(
        vocab,
        [
            ("Subscribe", "subscribe", 0, "ROOT", "VERB", "VB"),
            ("to", "to", 0, "prep", "ADP", "IN"),
            ("AI", "AI", 1, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PRODUCT", "O", "B-GPE"],
    )
    extraction = extract_document(doc, Document.from_text("t", doc.text))
    assert extraction.mentions == ()


def test_mention_offsets_point_into_the_text(vocab):
    doc = make_doc(
        vocab,
        [
            ("Yesterday", "yesterday", 2, "npadvmod", "NOUN", "NN"),
            ("OpenAI", "OpenAI", 2, "nsubj", "PROPN", "NNP"),
            ("spoke", "speak", 2, "ROOT", "VERB", "VBD"),
        ],
        ents=["O", "B-ORG", "O"],
    )
    extraction = extract_document(doc, Document.from_text("t", doc.text))
    (mention,) = extraction.mentions
    assert doc.text[mention.start : mention.end] == "OpenAI" == mention.text
    assert mention.type == "Organization"
