"""Recorded works and their makers."""

from __future__ import annotations

from tests.extractors.helpers import facts_of
from tests.helpers import make_doc


def _album(prep: str) -> list[tuple[str, str, int, str, str, str]]:
    """ "Widget is an album PREP American singer Jane Doe" """
    return [
        ("Widget", "Widget", 1, "nsubj", "PROPN", "NNP"),
        ("is", "be", 1, "ROOT", "AUX", "VBZ"),
        ("an", "an", 3, "det", "DET", "DT"),
        ("album", "album", 1, "attr", "NOUN", "NN"),
        (prep, prep, 3, "prep", "ADP", "IN"),
        ("American", "american", 7, "amod", "ADJ", "JJ"),
        ("singer", "singer", 7, "compound", "NOUN", "NN"),
        ("Jane", "Jane", 8, "compound", "PROPN", "NNP"),
        ("Doe", "Doe", 4, "pobj", "PROPN", "NNP"),
    ]


def test_the_maker_named_by_by_after_a_work_noun_released_the_work_it_describes(vocab):
    ents = ["B-PRODUCT", "O", "O", "O", "O", "B-NORP", "O", "B-PERSON", "I-PERSON"]
    facts = facts_of(make_doc(vocab, _album("by"), ents=ents))
    assert ("Jane Doe", "released", "Widget") in facts
    assert not {f for f in facts_of(make_doc(vocab, _album("about"), ents=ents)) if f[1] == "released"}
