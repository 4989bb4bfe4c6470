"""Ownership: units and subsidiaries, owners and parents, "Acme-owned", possessives between organisations."""

from __future__ import annotations

from tests.extractors.helpers import facts_of
from tests.helpers import make_doc


def test_a_unit_named_by_its_modifier_belongs_to_the_possessor(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("said", "say", 1, "ROOT", "VERB", "VBD"),
            ("its", "its", 4, "poss", "PRON", "PRP$"),
            ("Widgetco", "Widgetco", 4, "compound", "PROPN", "NNP"),
            ("unit", "unit", 5, "nsubj", "NOUN", "NN"),
            ("closed", "close", 1, "ccomp", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "O", "B-ORG", "O", "O"],
    )
    assert facts_of(doc) == {("Acme", "owns", "Widgetco")}


def test_the_name_before_a_subsidiary_noun_owns_the_name_after_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "compound", "PROPN", "NNP"),
            ("subsidiary", "subsidiary", 2, "compound", "NOUN", "NN"),
            ("Widgetco", "Widgetco", 3, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 3, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "B-ORG", "O"],
    )
    assert facts_of(doc) == {("Acme", "owns", "Widgetco")}


def test_a_unit_in_apposition_belongs_to_the_object_of_of(vocab):
    doc = make_doc(
        vocab,
        [
            ("Widgetco", "Widgetco", 6, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("a", "a", 4, "det", "DET", "DT"),
            ("former", "former", 4, "amod", "ADJ", "JJ"),
            ("unit", "unit", 0, "appos", "NOUN", "NN"),
            ("of", "of", 4, "prep", "ADP", "IN"),
            ("grew", "grow", 6, "ROOT", "VERB", "VBD"),
            ("Acme", "Acme", 5, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Acme", "owns", "Widgetco")}


def test_an_owner_noun_names_who_owns_its_possessor(vocab):
    doc = make_doc(
        vocab,
        [
            ("Widgetco", "Widgetco", 3, "poss", "PROPN", "NNP"),
            ("'s", "'s", 0, "case", "PART", "POS"),
            ("owner", "owner", 3, "compound", "NOUN", "NN"),
            ("Acme", "Acme", 4, "nsubj", "PROPN", "NNP"),
            ("said", "say", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "O", "B-ORG", "O"],
    )
    assert facts_of(doc) == {("Acme", "owns", "Widgetco")}


def test_an_organisations_owner_noun_holds_even_when_the_owned_name_is_typed_a_person(vocab):
    doc = make_doc(
        vocab,
        [
            ("Widgetco", "Widgetco", 3, "poss", "PROPN", "NNP"),
            ("'", "'", 0, "case", "PART", "POS"),
            ("owner", "owner", 3, "compound", "NOUN", "NN"),
            ("Acme", "Acme", 4, "nsubj", "PROPN", "NNP"),
            ("said", "say", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "O", "B-ORG", "O"],
    )
    assert ("Acme", "owns", "Widgetco") in facts_of(doc)


def test_a_parent_noun_never_makes_people_owned(vocab):
    doc = make_doc(
        vocab,
        [
            ("Smith", "Smith", 3, "poss", "PROPN", "NNP"),
            ("'s", "'s", 0, "case", "PART", "POS"),
            ("parent", "parent", 3, "compound", "NOUN", "NN"),
            ("Jones", "Jones", 4, "nsubj", "PROPN", "NNP"),
            ("said", "say", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "O", "B-PERSON", "O"],
    )
    assert ("Jones", "owns", "Smith") not in facts_of(doc)


def test_what_a_units_listing_verb_names_is_owned(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 2, "poss", "PROPN", "NNP"),
            ("'s", "'s", 0, "case", "PART", "POS"),
            ("brands", "brand", 3, "nsubj", "NOUN", "NNS"),
            ("include", "include", 3, "ROOT", "VERB", "VBP"),
            ("Bolt", "Bolt", 3, "dobj", "PROPN", "NNP"),
            ("and", "and", 4, "cc", "CCONJ", "CC"),
            ("Fizz", "Fizz", 4, "conj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "B-PRODUCT", "O", "B-PRODUCT"],
    )
    assert {("Acme", "owns", "Bolt"), ("Acme", "owns", "Fizz")} <= facts_of(doc)


def test_a_name_before_owned_owns_the_name_it_modifies(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 2, "npadvmod", "PROPN", "NNP"),
            ("-", "-", 2, "punct", "PUNCT", "HYPH"),
            ("owned", "own", 3, "amod", "VERB", "VBN"),
            ("Widgetco", "Widgetco", 4, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "O", "B-ORG", "O"],
    )
    assert facts_of(doc) == {("Acme", "owns", "Widgetco")}


def test_an_organisations_possessive_on_another_states_ownership_but_not_across_a_conjunction(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 2, "poss", "PROPN", "NNP"),
            ("'s", "'s", 0, "case", "PART", "POS"),
            ("Widgetco", "Widgetco", 3, "nsubj", "PROPN", "NNP"),
            ("waits", "wait", 3, "ROOT", "VERB", "VBZ"),
            ("on", "on", 3, "prep", "ADP", "IN"),
            ("Bolt", "Bolt", 4, "pobj", "PROPN", "NNP"),
            ("and", "and", 5, "cc", "CCONJ", "CC"),
            ("Zap", "Zap", 9, "poss", "PROPN", "NNP"),
            ("'s", "'s", 7, "case", "PART", "POS"),
            ("kits", "kit", 5, "conj", "NOUN", "NNS"),
        ],
        ents=["B-ORG", "O", "B-ORG", "O", "O", "B-ORG", "O", "B-ORG", "O", "O"],
    )
    assert facts_of(doc) == {("Acme", "owns", "Widgetco")}


def test_a_unit_with_no_name_of_its_own_stands_for_its_possessor(vocab):
    doc = make_doc(
        vocab,
        [
            ("Zapper", "Zapper", 2, "nsubjpass", "PROPN", "NNP"),
            ("was", "be", 2, "auxpass", "AUX", "VBD"),
            ("launched", "launch", 2, "ROOT", "VERB", "VBN"),
            ("by", "by", 2, "agent", "ADP", "IN"),
            ("Acme", "Acme", 7, "poss", "PROPN", "NNP"),
            ("'s", "'s", 4, "case", "PART", "POS"),
            ("Japanese", "japanese", 7, "amod", "ADJ", "JJ"),
            ("arm", "arm", 3, "pobj", "NOUN", "NN"),
        ],
        ents=["B-PRODUCT", "O", "O", "O", "B-ORG", "O", "O", "O"],
    )
    assert ("Acme", "released", "Zapper") in facts_of(doc)


def test_a_named_facility_belongs_to_the_possessor(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("saved", "save", 1, "ROOT", "VERB", "VBD"),
            ("its", "its", 4, "poss", "PRON", "PRP$"),
            ("Longford", "Longford", 4, "compound", "PROPN", "NNP"),
            ("plant", "plant", 1, "dobj", "NOUN", "NN"),
        ],
        ents=["B-ORG", "O", "O", "B-GPE", "O"],
    )
    assert ("Acme", "owns", "Longford") in facts_of(doc)


def test_a_name_parsed_as_an_adjective_of_a_subsidiary_noun_owns_the_name_after_it_but_a_demonym_does_not(vocab):
    words = [
        ("Acme", "Acme", 1, "amod", "ADJ", "JJ"),
        ("subsidiary", "subsidiary", 2, "compound", "NOUN", "NN"),
        ("Widgetco", "Widgetco", 3, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 3, "ROOT", "VERB", "VBD"),
    ]
    assert facts_of(make_doc(vocab, words, ents=["B-ORG", "O", "B-ORG", "O"])) == {("Acme", "owns", "Widgetco")}
    words[0] = ("Japanese", "japanese", 1, "amod", "ADJ", "JJ")
    facts = facts_of(make_doc(vocab, words, ents=["B-NORP", "O", "B-ORG", "O"]))
    assert not {f for f in facts if f[1] == "owns"}


def test_a_listed_product_noun_stands_for_the_brand_naming_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 2, "poss", "PROPN", "NNP"),
            ("'s", "'s", 0, "case", "PART", "POS"),
            ("brands", "brand", 3, "nsubj", "NOUN", "NNS"),
            ("include", "include", 3, "ROOT", "VERB", "VBP"),
            ("Bolt", "Bolt", 5, "compound", "PROPN", "NNP"),
            ("vodka", "vodka", 3, "dobj", "NOUN", "NN"),
            ("and", "and", 5, "cc", "CCONJ", "CC"),
            ("Fizz", "Fizz", 8, "compound", "PROPN", "NNP"),
            ("gin", "gin", 5, "conj", "NOUN", "NN"),
        ],
        ents=["B-ORG", "O", "O", "O", "B-PRODUCT", "O", "O", "B-PRODUCT", "O"],
    )
    assert {("Acme", "owns", "Bolt"), ("Acme", "owns", "Fizz")} <= facts_of(doc)


def test_what_a_company_is_home_to_it_owns(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("is", "be", 1, "ROOT", "AUX", "VBZ"),
            ("home", "home", 1, "advmod", "ADV", "RB"),
            ("to", "to", 2, "prep", "ADP", "IN"),
            ("brands", "brand", 3, "pobj", "NOUN", "NNS"),
            ("including", "include", 4, "prep", "VERB", "VBG"),
            ("Bolt", "Bolt", 7, "compound", "PROPN", "NNP"),
            ("rum", "rum", 5, "pobj", "NOUN", "NN"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "B-PRODUCT", "O"],
    )
    assert ("Acme", "owns", "Bolt") in facts_of(doc)


def test_a_unit_of_a_country_s_company_is_the_company_s_and_a_name_past_the_closing_dash_owns_nothing(vocab):
    # "Opel - the German arm of US carmaker General Motors - and retailer Acme cut jobs" (Acme parsed on "carmaker")
    rows = [
        ("Opel", "Opel", 14, "nsubj", "PROPN", "NNP"),
        ("-", "-", 0, "punct", "PUNCT", "HYPH"),
        ("the", "the", 4, "det", "DET", "DT"),
        ("German", "german", 4, "amod", "ADJ", "JJ"),
        ("arm", "arm", 0, "appos", "NOUN", "NN"),
        ("of", "of", 4, "prep", "ADP", "IN"),
        ("US", "US", 7, "compound", "PROPN", "NNP"),
        ("carmaker", "carmaker", 5, "pobj", "NOUN", "NN"),
        ("General", "General", 9, "compound", "PROPN", "NNP"),
        ("Motors", "Motors", 7, "appos", "PROPN", "NNPS"),
        ("-", "-", 9, "punct", "PUNCT", ":"),
        ("and", "and", 9, "cc", "CCONJ", "CC"),
        ("retailer", "retailer", 9, "conj", "NOUN", "NN"),
        ("Acme", "Acme", 7, "appos", "PROPN", "NNP"),
        ("cut", "cut", 14, "ROOT", "VERB", "VBD"),
        ("jobs", "job", 14, "dobj", "NOUN", "NNS"),
        (".", ".", 14, "punct", "PUNCT", "."),
    ]
    ents = ["B-ORG", "O", "O", "B-NORP", "O", "O", "B-GPE", "O", "B-ORG", "I-ORG", "O", "O", "O", "B-ORG", "O", "O",
            "O"]
    owned = {(s, o) for s, p, o in facts_of(make_doc(vocab, rows, ents=ents)) if p == "owns"}
    assert owned == {("General Motors", "Opel")}


def test_a_possessed_relation_noun_joined_to_a_name_gives_the_possessor_no_ownership_of_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("bought", "buy", 1, "ROOT", "VERB", "VBD"),
            ("its", "its", 4, "poss", "PRON", "PRP$"),
            ("former", "former", 4, "amod", "ADJ", "JJ"),
            ("parent", "parent", 1, "dobj", "NOUN", "NN"),
            ("and", "and", 4, "cc", "CCONJ", "CC"),
            ("Widgetco", "Widgetco", 4, "conj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "B-ORG"],
    )
    assert ("Acme", "owns", "Widgetco") not in facts_of(doc)


def test_a_company_that_is_part_of_another_is_owned_by_it_but_a_place_is_not(vocab):
    def sentence(part: str, whole: str, tags: list[str]) -> set[tuple[str, str, str]]:
        doc = make_doc(
            vocab,
            [
                (part, part, 1, "nsubj", "PROPN", "NNP"),
                ("was", "be", 1, "ROOT", "AUX", "VBD"),
                ("part", "part", 1, "attr", "NOUN", "NN"),
                ("of", "of", 2, "prep", "ADP", "IN"),
                (whole, whole, 3, "pobj", "PROPN", "NNP"),
            ],
            ents=[tags[0], "O", "O", "O", tags[1]],
        )
        return facts_of(doc)

    assert sentence("Widgetco", "Acme", ["B-PERSON", "B-ORG"]) == {("Acme", "owns", "Widgetco")}
    assert {p for _, p, _ in sentence("Zetland", "Norway", ["B-GPE", "B-GPE"])} == {"locatedIn"}


def test_a_known_place_before_a_unit_noun_says_where_the_unit_is_not_what_is_owned(vocab):
    def owned(place: str) -> set[tuple[str, str, str]]:
        doc = make_doc(
            vocab,
            [
                ("Acme", "Acme", 3, "poss", "PROPN", "NNP"),
                ("'s", "'s", 0, "case", "PART", "POS"),
                (place, place, 3, "compound", "PROPN", "NNP"),
                ("plant", "plant", 4, "nsubj", "NOUN", "NN"),
                ("closed", "close", 4, "ROOT", "VERB", "VBD"),
            ],
            ents=["B-ORG", "O", "B-GPE", "O", "O"],
        )
        return {f for f in facts_of(doc) if f[1] == "owns"}

    assert owned("Yorkshire") == set()
    assert owned("Zetbridge") == {("Acme", "owns", "Zetbridge")}, "a place the plant is named after is the plant"


def test_its_on_an_apposition_naming_a_unit_stands_for_the_name_it_describes(vocab):
    # "Bob sued Acme, its unit Widgetco, and Zenco": its = Acme, not the subject Bob
    doc = make_doc(
        vocab,
        [
            ("Bob", "Bob", 1, "nsubj", "PROPN", "NNP"),
            ("sued", "sue", 1, "ROOT", "VERB", "VBD"),
            ("Acme", "Acme", 1, "dobj", "PROPN", "NNP"),
            (",", ",", 2, "punct", "PUNCT", ","),
            ("its", "its", 5, "poss", "PRON", "PRP$"),
            ("unit", "unit", 2, "appos", "NOUN", "NN"),
            ("Widgetco", "Widgetco", 5, "appos", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "B-ORG", "O", "O", "O", "B-ORG"],
    )
    assert {f for f in facts_of(doc) if f[1] == "owns"} == {("Acme", "owns", "Widgetco")}


def test_a_relation_word_parsed_as_an_adjective_between_two_names_is_no_ownership(vocab):
    doc = make_doc(  # "talks with Acme's rival Widgetco": "rival" an adjective of Widgetco
        vocab,
        [
            ("talks", "talk", 0, "ROOT", "NOUN", "NNS"),
            ("with", "with", 0, "prep", "ADP", "IN"),
            ("Acme", "Acme", 5, "poss", "PROPN", "NNP"),
            ("'s", "'s", 2, "case", "PART", "POS"),
            ("rival", "rival", 5, "amod", "ADJ", "JJ"),
            ("Widgetco", "Widgetco", 1, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "B-ORG", "O", "O", "B-ORG"],
    )
    facts = facts_of(doc)
    assert ("Acme", "owns", "Widgetco") not in facts
    assert ("Acme", "competesWith", "Widgetco") in facts


def test_a_name_with_its_own_possessive_beside_a_possessed_noun_is_not_owned(vocab):
    doc = make_doc(  # "Acme pushed its technology, not Widgetco's."
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("pushed", "push", 1, "ROOT", "VERB", "VBD"),
            ("its", "its", 3, "poss", "PRON", "PRP$"),
            ("technology", "technology", 1, "dobj", "NOUN", "NN"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("not", "not", 3, "neg", "PART", "RB"),
            ("Widgetco", "Widgetco", 3, "appos", "PROPN", "NNP"),
            ("'s", "'s", 6, "case", "PART", "POS"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "B-ORG", "O"],
    )
    assert not {p for s, p, o in facts_of(doc) if (s, o) == ("Acme", "Widgetco") and not p.startswith("open:")}


def test_a_possessed_title_in_apposition_to_a_company_makes_no_one_own_the_company(vocab):
    doc = make_doc(  # "Initech sued media giant Widgetco, its boss and another executive."
        vocab,
        [
            ("Initech", "Initech", 1, "nsubj", "PROPN", "NNP"),
            ("sued", "sue", 1, "ROOT", "VERB", "VBD"),
            ("media", "media", 3, "compound", "NOUN", "NN"),
            ("giant", "giant", 4, "compound", "NOUN", "NN"),
            ("Widgetco", "Widgetco", 1, "dobj", "PROPN", "NNP"),
            (",", ",", 4, "punct", "PUNCT", ","),
            ("its", "its", 7, "poss", "PRON", "PRP$"),
            ("boss", "boss", 4, "appos", "NOUN", "NN"),
            ("and", "and", 7, "cc", "CCONJ", "CC"),
            ("another", "another", 10, "det", "DET", "DT"),
            ("executive", "executive", 7, "conj", "NOUN", "NN"),
        ],
        ents=["B-ORG", "O", "O", "O", "B-ORG", "O", "O", "O", "O", "O", "O"],
    )
    assert ("Initech", "owns", "Widgetco") not in facts_of(doc)
