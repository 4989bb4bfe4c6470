"""Titles whose parse went astray: a title right before the holder's name, a title qualified by a missed name."""

from __future__ import annotations

import pytest

from tests.extractors.helpers import extraction_of, facts_of
from tests.helpers import make_doc


def test_a_title_right_before_a_persons_name_describes_the_person(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
            (".", ".", 1, "punct", "PUNCT", "."),
            ("Profits", "profit", 4, "nsubj", "NOUN", "NNS"),
            ("were", "be", 9, "ccomp", "AUX", "VBD"),
            ("up", "up", 4, "advmod", "ADV", "RB"),
            (",", ",", 9, "punct", "PUNCT", ","),
            ("chairman", "chairman", 4, "attr", "NOUN", "NN"),
            ("Smith", "Smith", 9, "nsubj", "PROPN", "NNP"),
            ("said", "say", 9, "ROOT", "VERB", "VBD"),
            (".", ".", 9, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "O", "O", "B-PERSON", "O", "O"],
    )
    held = {(r.subject.text, r.predicate, r.object.merge_name) for r in extraction_of(doc).relations}
    assert ("Smith", "leads", "Acme") in held  # "chairman" stands for the organisation named before


def test_a_title_qualified_by_a_name_the_tagger_missed_is_not_held_at_the_last_organisation(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
            (".", ".", 1, "punct", "PUNCT", "."),
            ("Widget", "Widget", 4, "compound", "PROPN", "NNP"),
            ("Union", "Union", 6, "nmod", "PROPN", "NNP"),
            ("general", "general", 6, "amod", "ADJ", "JJ"),
            ("secretary", "secretary", 7, "compound", "NOUN", "NN"),
            ("Smith", "Smith", 8, "nsubj", "PROPN", "NNP"),
            ("spoke", "speak", 8, "ROOT", "VERB", "VBD"),
            (".", ".", 8, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "O", "B-PERSON", "O", "O"],
    )
    held = {(r.subject.text, r.predicate, r.object.merge_name) for r in extraction_of(doc).relations}
    assert held == {("Smith", "worksFor", "Widget Union")}  # the missed name ends in a kind noun, so it is found


def test_a_bare_title_is_held_at_the_organisation_the_sentence_before_has_as_subject(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("left", "leave", 1, "ROOT", "VERB", "VBD"),
            ("Widgetco", "Widgetco", 1, "dobj", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
            ("Chief", "chief", 5, "amod", "ADJ", "JJ"),
            ("executive", "executive", 6, "compound", "NOUN", "NN"),
            ("Smith", "Smith", 7, "nsubj", "PROPN", "NNP"),
            ("spoke", "speak", 7, "ROOT", "VERB", "VBD"),
            (".", ".", 7, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "B-ORG", "O", "O", "O", "B-PERSON", "O", "O"],
    )
    held = {(r.subject.text, r.object.merge_name) for r in extraction_of(doc).relations if r.subject.text == "Smith"}
    assert held == {("Smith", "Acme")}


@pytest.mark.parametrize(("qualifier", "title"), [("Russian", "president"), (None, "judge"), (None, "prosecutor")])
def test_a_public_office_or_a_title_of_a_nationality_is_not_held_at_the_organisation_before(vocab, qualifier, title):
    rows = [("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"), ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
            (".", ".", 1, "punct", "PUNCT", ".")]
    if qualifier is not None:  # "Russian president Smith spoke."
        rows.append((qualifier, qualifier, 4, "amod", "ADJ", "JJ"))
    at = len(rows)
    rows += [(title, title, at + 1, "compound", "NOUN", "NN"), ("Smith", "Smith", at + 2, "nsubj", "PROPN", "NNP"),
             ("spoke", "speak", at + 2, "ROOT", "VERB", "VBD"), (".", ".", at + 2, "punct", "PUNCT", ".")]
    ents = ["B-ORG", "O", "O"] + ["O"] * (len(rows) - 3)
    ents[at + 1] = "B-PERSON"
    held = {(r.subject.text, r.object.merge_name) for r in extraction_of(make_doc(vocab, rows, ents=ents)).relations}
    assert ("Smith", "Acme") not in held


def test_a_bare_title_is_held_at_the_previous_subjects_antecedent_however_far_back_that_is_named(vocab):
    rows = [("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"), ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
            (".", ".", 1, "punct", "PUNCT", ".")]
    start = len(rows)  # "The firm grew fast fast ... ." runs past title_context_reach
    rows += [("The", "the", start + 1, "det", "DET", "DT"), ("firm", "firm", start + 2, "nsubj", "NOUN", "NN"),
             ("grew", "grow", start + 2, "ROOT", "VERB", "VBD")]
    rows += [("fast", "fast", start + 2, "advmod", "ADV", "RB")] * 70 + [(".", ".", start + 2, "punct", "PUNCT", ".")]
    start = len(rows)
    rows += [("Chief", "chief", start + 1, "amod", "ADJ", "JJ"), ("executive", "executive", start + 2, "compound",
             "NOUN", "NN"), ("Smith", "Smith", start + 3, "nsubj", "PROPN", "NNP"),
             ("spoke", "speak", start + 3, "ROOT", "VERB", "VBD"), (".", ".", start + 3, "punct", "PUNCT", ".")]
    ents = ["B-ORG"] + ["O"] * (len(rows) - 4) + ["B-PERSON", "O", "O"]
    doc = make_doc(vocab, rows, ents=ents)
    held = {(r.subject.text, r.object.merge_name) for r in extraction_of(doc).relations if r.subject.text == "Smith"}
    assert held == {("Smith", "Acme")}


def test_a_title_reaches_its_organisation_through_the_unnamed_field_it_is_in(vocab):
    doc = make_doc(
        vocab,
        [
            ("Smith", "Smith", 8, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("director", "director", 0, "appos", "NOUN", "NN"),
            ("of", "of", 2, "prep", "ADP", "IN"),
            ("sales", "sale", 3, "pobj", "NOUN", "NNS"),
            ("at", "at", 4, "prep", "ADP", "IN"),
            ("Acme", "Acme", 5, "pobj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("spoke", "speak", 8, "ROOT", "VERB", "VBD"),
            (".", ".", 8, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "B-ORG", "O", "O", "O"],
    )
    assert ("Smith", "worksFor", "Acme") in facts_of(doc)


def test_a_killing_title_does_not_reach_through_a_common_noun_to_another_person(vocab):
    doc = make_doc(
        vocab,
        [
            ("Ray", "Ray", 8, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("killer", "killer", 0, "appos", "NOUN", "NN"),
            ("of", "of", 2, "prep", "ADP", "IN"),
            ("the", "the", 5, "det", "DET", "DT"),
            ("wife", "wife", 3, "pobj", "NOUN", "NN"),
            ("of", "of", 5, "prep", "ADP", "IN"),
            ("King", "King", 6, "pobj", "PROPN", "NNP"),
            ("died", "die", 8, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "O", "B-PERSON", "O"],
    )
    assert not any(p == "killed" for _, p, _ in facts_of(doc))


def test_the_person_named_to_a_title_holds_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Smith", "Smith", 2, "nsubjpass", "PROPN", "NNP"),
            ("was", "be", 2, "auxpass", "AUX", "VBD"),
            ("appointed", "appoint", 2, "ROOT", "VERB", "VBN"),
            ("chairman", "chairman", 2, "oprd", "NOUN", "NN"),
            ("of", "of", 3, "prep", "ADP", "IN"),
            ("Acme", "Acme", 4, "pobj", "PROPN", "NNP"),
            (".", ".", 2, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "B-ORG", "O"],
    )
    assert ("Smith", "leads", "Acme") in facts_of(doc)


def test_a_title_conjoined_to_the_organisation_of_an_earlier_title_describes_the_same_person(vocab):
    doc = make_doc(
        vocab,
        [
            ("Smith", "Smith", 10, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("professor", "professor", 0, "appos", "NOUN", "NN"),
            ("at", "at", 2, "prep", "ADP", "IN"),
            ("Acme", "Acme", 3, "pobj", "PROPN", "NNP"),
            ("and", "and", 4, "cc", "CCONJ", "CC"),
            ("president", "president", 4, "conj", "NOUN", "NN"),
            ("of", "of", 6, "prep", "ADP", "IN"),
            ("Widgetco", "Widgetco", 7, "pobj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("died", "die", 10, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "O", "O", "B-ORG", "O", "O", "O", "B-ORG", "O", "O"],
    )
    assert ("Smith", "leads", "Widgetco") in facts_of(doc)


def test_a_company_parsed_as_an_adjective_of_a_title_is_where_it_is_held(vocab):
    doc = make_doc(
        vocab,
        [
            ("Qwest", "Qwest", 1, "amod", "PROPN", "NNP"),
            ("chairman", "chairman", 3, "compound", "NOUN", "NN"),
            ("Richard", "Richard", 3, "compound", "PROPN", "NNP"),
            ("Notebaert", "Notebaert", 4, "nsubj", "PROPN", "NNP"),
            ("wrote", "write", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "B-PERSON", "I-PERSON", "O"],
    )
    assert facts_of(doc) == {("Richard Notebaert", "leads", "Qwest")}


def test_an_office_capitalised_inside_a_sentence_is_held_at_no_organisation_named_before(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("left", "leave", 1, "ROOT", "VERB", "VBD"),
            ("Widgetco", "Widgetco", 1, "dobj", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
            ("He", "he", 5, "nsubj", "PRON", "PRP"),
            ("met", "meet", 5, "ROOT", "VERB", "VBD"),
            ("President", "President", 7, "compound", "PROPN", "NNP"),
            ("Smith", "Smith", 5, "dobj", "PROPN", "NNP"),
            (".", ".", 5, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "B-ORG", "O", "O", "O", "O", "B-PERSON", "O"],
    )
    assert not [r for r in extraction_of(doc).relations if r.subject.text.endswith("Smith")]


def test_a_deputy_of_a_head_works_for_the_organisation_and_heads_nothing(vocab):
    doc = make_doc(
        vocab,
        [
            ("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"),
            ("is", "be", 1, "ROOT", "AUX", "VBZ"),
            ("deputy", "deputy", 4, "amod", "ADJ", "JJ"),
            ("managing", "manage", 4, "amod", "VERB", "VBG"),
            ("director", "director", 1, "attr", "NOUN", "NN"),
            ("of", "of", 4, "prep", "ADP", "IN"),
            ("Acme", "Acme", 5, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Smith", "worksFor", "Acme")}


def test_a_head_of_a_field_of_work_works_for_the_organisation_and_heads_nothing(vocab):
    # "Smith is research director of Acme"; "union leader" would still lead (a kind of organisation)
    doc = make_doc(
        vocab,
        [
            ("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"),
            ("is", "be", 1, "ROOT", "AUX", "VBZ"),
            ("research", "research", 3, "compound", "NOUN", "NN"),
            ("director", "director", 1, "attr", "NOUN", "NN"),
            ("of", "of", 3, "prep", "ADP", "IN"),
            ("Acme", "Acme", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Smith", "worksFor", "Acme")}


def test_a_head_qualified_by_an_adjective_of_a_field_works_for_the_organisation(vocab):
    # "Smith, political director at Acme"
    doc = make_doc(
        vocab,
        [
            ("Smith", "Smith", 0, "ROOT", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("political", "political", 3, "amod", "ADJ", "JJ"),
            ("director", "director", 0, "appos", "NOUN", "NN"),
            ("at", "at", 3, "prep", "ADP", "IN"),
            ("Acme", "Acme", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Smith", "worksFor", "Acme")}


def test_a_title_of_a_definite_description_is_held_at_the_company_it_stands_for(vocab):
    # "Acme grew. Smith, chief executive of the firm, said so."
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
            (".", ".", 1, "punct", "PUNCT", "."),
            ("Smith", "Smith", 11, "nsubj", "PROPN", "NNP"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("chief", "chief", 6, "amod", "ADJ", "JJ"),
            ("executive", "executive", 3, "appos", "NOUN", "NN"),
            ("of", "of", 6, "prep", "ADP", "IN"),
            ("the", "the", 9, "det", "DET", "DT"),
            ("firm", "firm", 7, "pobj", "NOUN", "NN"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("said", "say", 11, "ROOT", "VERB", "VBD"),
            (".", ".", 11, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "O", "B-PERSON", "O", "O", "O", "O", "O", "O", "O", "O", "O"],
    )
    assert facts_of(doc) == {("Smith", "ceoOf", "Acme")}


def test_a_who_clause_with_a_title_as_attribute_describes_the_name_it_follows(vocab):
    doc = make_doc(
        vocab,
        [
            ("Peter", "Peter", 1, "compound", "PROPN", "NNP"),
            ("Tom", "Tom", 10, "nsubj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("who", "who", 4, "nsubj", "PRON", "WP"),
            ("is", "be", 1, "relcl", "AUX", "VBZ"),
            ("Acme", "Acme", 8, "poss", "PROPN", "NNP"),
            ("'s", "'s", 5, "case", "PART", "POS"),
            ("chief", "chief", 8, "amod", "ADJ", "JJ"),
            ("executive", "executive", 4, "attr", "NOUN", "NN"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("said", "say", 10, "ROOT", "VERB", "VBD"),
            ("it", "it", 10, "dobj", "PRON", "PRP"),
            (".", ".", 10, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "O", "O", "B-ORG", "O", "O", "O", "O", "O", "O", "O"],
    )
    assert ("Peter Tom", "ceoOf", "Acme") in facts_of(doc)


def test_a_title_after_as_on_a_verb_with_no_object_is_held_by_the_subject(vocab):
    # "Peter Tom will remain as chief executive of Acme."
    doc = make_doc(
        vocab,
        [
            ("Peter", "Peter", 1, "compound", "PROPN", "NNP"),
            ("Tom", "Tom", 3, "nsubj", "PROPN", "NNP"),
            ("will", "will", 3, "aux", "AUX", "MD"),
            ("remain", "remain", 3, "ROOT", "VERB", "VB"),
            ("as", "as", 3, "prep", "ADP", "IN"),
            ("chief", "chief", 6, "amod", "ADJ", "JJ"),
            ("executive", "executive", 4, "pobj", "NOUN", "NN"),
            ("of", "of", 6, "prep", "ADP", "IN"),
            ("Acme", "Acme", 7, "pobj", "PROPN", "NNP"),
            (".", ".", 3, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O", "B-ORG", "O"],
    )
    assert ("Peter Tom", "ceoOf", "Acme") in facts_of(doc)
