"""The entity components kg adds to the spaCy pipeline, on hand-built docs."""

from __future__ import annotations

import json
import re

import spacy
from spacy.tokens import Doc, Span

from kg.nlp.language import ENTITY_PATTERNS, split_possessives


def _doc(words: list[str], label: str) -> Doc:
    """A doc whose one entity spans every word but the first, with "'s" tagged as a possessive."""
    doc = Doc(spacy.blank("en").vocab, words=words)
    for token in doc:
        token.tag_ = "POS" if token.text == "'s" else "NNP"
    doc.ents = [Span(doc, 1, len(doc), label)]
    return doc


def test_a_possessive_parts_two_names() -> None:
    doc = split_possessives(_doc(["at", "DeepSeek", "'s", "R1"], "ORG"))
    assert [ent.text for ent in doc.ents] == ["DeepSeek", "R1"]


def test_a_group_of_people_or_a_saint_before_a_possessive_keeps_the_name_whole() -> None:
    for words in (["the", "People", "'s", "Republic", "of", "China"], ["at", "St.", "Paul", "'s", "Church"]):
        doc = split_possessives(_doc(words, "ORG"))
        assert [ent.text for ent in doc.ents] == [" ".join(words[1:])]


def test_a_group_word_before_a_lower_case_word_is_still_split() -> None:
    doc = split_possessives(_doc(["the", "People", "'s", "choice", "Acme"], "ORG"))
    assert [ent.text for ent in doc.ents] == ["People", "choice Acme"]


def test_a_trailing_possessive_before_a_finite_verb_or_a_comma_is_part_of_the_name() -> None:
    def entities(after: str, tag: str) -> list[str]:
        doc = Doc(spacy.blank("en").vocab, words=["by", "Moody", "'s", after], spaces=[True, False, True, False])
        for token, token_tag in zip(doc, ["IN", "NNP", "POS", tag], strict=True):
            token.tag_ = token_tag
        doc.ents = [Span(doc, 1, 3, "ORG")]
        return [ent.text for ent in split_possessives(doc).ents]

    assert entities("said", "VBD") == ["Moody's"]
    assert entities(",", ",") == ["Moody's"]
    assert entities("proposed", "VBN") == ["Moody"]  # "MG Rover's proposed tie-up"
    assert entities("(", "-LRB-") == ["Moody"]


def test_the_product_code_pattern_takes_model_numbers_but_no_quarter_or_plain_number() -> None:
    (rule,) = [json.loads(line) for line in ENTITY_PATTERNS.read_text(encoding="utf-8").splitlines() if line.strip()]
    code = re.compile(rule["pattern"][0]["TEXT"]["REGEX"])
    assert [w for w in ["H800", "A380", "OS/2", "V603SH", "Q3", "2004", "24/7", "Acme"] if code.search(w)] == [
        "H800", "A380", "OS/2", "V603SH"
    ]
