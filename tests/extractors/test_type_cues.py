"""Type cues around a name that overrule the tagger's label."""

from __future__ import annotations

from tests.extractors.helpers import extraction_of
from tests.helpers import make_doc


def test_a_name_tagged_a_person_after_in_or_near_is_a_place_unless_titled(vocab):
    doc = make_doc(
        vocab,
        [
            ("Planes", "plane", 1, "nsubj", "NOUN", "NNS"),
            ("landed", "land", 1, "ROOT", "VERB", "VBD"),
            ("in", "in", 1, "prep", "ADP", "IN"),
            ("Gyandzha", "Gyandzha", 2, "pobj", "PROPN", "NNP"),
            ("or", "or", 3, "cc", "CCONJ", "CC"),
            ("Shamkhor", "Shamkhor", 3, "conj", "PROPN", "NNP"),
            ("near", "near", 1, "prep", "ADP", "IN"),
            ("Judge", "Judge", 8, "compound", "PROPN", "NNP"),
            ("Starr", "Starr", 6, "pobj", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["O", "O", "O", "B-PERSON", "O", "B-PERSON", "O", "B-PERSON", "I-PERSON", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [
        ("Gyandzha", "Place"), ("Shamkhor", "Place"), ("Judge Starr", "Person"),
    ]
