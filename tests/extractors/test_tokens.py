"""The per-document token table gives what spaCy gives, and leaves the Doc as it found it."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extractors.tokens import (
    child_tokens,
    forget_tokens,
    proper_nouns,
    remember_text,
    sentence_columns,
    sentence_tokens,
    span_text,
)

WORDS = ["Acme", "bought", "Widgetco", ".", "It", "grew", "."]
HEADS = [1, 1, 1, 1, 5, 5, 5]
DEPS = ["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "punct"]
STARTS = [True, False, False, False, True, False, False]


def _doc() -> Doc:
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=WORDS, heads=HEADS, deps=DEPS, sent_starts=STARTS)


def test_children_and_sentences_match_spacy() -> None:
    doc = _doc()
    for token in doc:
        assert [c.i for c in child_tokens(token)] == [c.i for c in token.children]
    for sent in doc.sents:
        assert [t.i for t in sentence_tokens(sent)] == [t.i for t in sent]
        assert span_text(sent) == sent.text


def test_span_text_reads_the_remembered_text() -> None:
    doc = _doc()
    remember_text(doc, doc.text.upper())
    assert span_text(doc[0:2]) == "ACME BOUGHT"


def test_forgotten_table_leaves_a_serialisable_doc() -> None:
    doc = _doc()
    child_tokens(doc[1])
    forget_tokens(doc)
    assert Doc(doc.vocab).from_bytes(doc.to_bytes()).text == doc.text


def test_sentence_columns_match_spacy() -> None:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["ACME", "Bought", "Widgetco", "."], lemmas=["ACME", "Buy", "Widgetco", "."],
              pos=["PROPN", "VERB", "PROPN", "PUNCT"])
    sent = doc[:]
    columns = sentence_columns(sent)
    assert [t.i for t in columns.tokens] == [0, 1, 2, 3]
    assert columns.lowers == ("acme", "bought", "widgetco", ".")
    assert columns.lemmas == ("acme", "buy", "widgetco", ".")
    assert columns.pos == ("PROPN", "VERB", "PROPN", "PUNCT")
    assert [t.i for t in proper_nouns(sent)] == [0, 2]
