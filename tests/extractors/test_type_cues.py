"""Type cues around a name that overrule the tagger's label."""

from __future__ import annotations

import pytest

from kg.resolve import resolve
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


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Bugesera"], "Place"),  # "He lives in Bugesera", the tagger calling it an organisation
        (["China", "Daily"], "Organization"),  # led by a known place: a newspaper
        (["Widgetco", "Inc."], "Organization"),  # a legal form
        (["UNICEF"], "Organization"),  # in capitals
    ],
)
def test_a_bare_name_tagged_an_organisation_after_in_is_a_place(vocab, words, expected):
    name = [(word, word, 3, "compound", "PROPN", "NNP") for word in words[:-1]]
    doc = make_doc(
        vocab,
        [
            ("He", "he", 1, "nsubj", "PRON", "PRP"),
            ("lives", "live", 1, "ROOT", "VERB", "VBZ"),
            ("in", "in", 1, "prep", "ADP", "IN"),
            *name,
            (words[-1], words[-1], 2, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-ORG", *["I-ORG"] * (len(words) - 1)],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [(" ".join(words), expected)]


def test_a_noun_for_people_keeps_the_taggers_person_over_a_later_kind_noun_but_not_a_name_in_capitals(vocab):
    doc = make_doc(
        vocab,
        [
            ("Diana", "Diana", 1, "compound", "PROPN", "NNP"),
            ("Mondino", "Mondino", 8, "nsubj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("a", "a", 4, "det", "DET", "DT"),
            ("professor", "professor", 1, "appos", "NOUN", "NN"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("a", "a", 7, "det", "DET", "DT"),
            ("school", "school", 1, "appos", "NOUN", "NN"),
            ("spoke", "speak", 8, "ROOT", "VERB", "VBD"),
            ("to", "to", 8, "prep", "ADP", "IN"),
            ("MPE", "MPE", 9, "pobj", "PROPN", "NNP"),
            (",", ",", 10, "punct", "PUNCT", ","),
            ("a", "a", 13, "det", "DET", "DT"),
            ("candidate", "candidate", 10, "appos", "NOUN", "NN"),
            (".", ".", 8, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "I-PERSON"] + ["O"] * 8 + ["B-PERSON"] + ["O"] * 4,
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [
        ("Diana Mondino", "Person"), ("MPE", "Organization"),
    ]


@pytest.mark.parametrize(("words", "expected"), [(["QZB", "Amro"], "Organization"), (["Jo", "Amro"], "Person")])
def test_a_name_led_by_a_word_in_capitals_is_no_persons_though_tagged_one(vocab, words, expected):
    doc = make_doc(  # "Acme appointed QZB Amro as advisers"
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("appointed", "appoint", 1, "ROOT", "VERB", "VBD"),
            (words[0], words[0], 3, "compound", "PROPN", "NNP"),
            (words[1], words[1], 1, "dobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "B-PERSON", "I-PERSON"],
    )
    assert (" ".join(words), expected) in [(m.text, m.type) for m in extraction_of(doc).mentions]


@pytest.mark.parametrize(("word", "expected"), [("QZMorgan", "Organization"), ("Morgan", "Person")])
def test_a_word_led_by_capitals_is_no_persons_name_though_tagged_one(vocab, word, expected):
    doc = make_doc(  # "Acme appointed QZMorgan"
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("appointed", "appoint", 1, "ROOT", "VERB", "VBD"),
            (word, word, 1, "dobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "B-PERSON"],
    )
    assert (word, expected) in [(m.text, m.type) for m in extraction_of(doc).mentions]


def test_a_title_before_a_name_outweighs_a_kind_noun_and_a_facts_range(vocab):
    doc = make_doc(
        vocab,
        [
            ("Dr.", "Dr.", 1, "compound", "PROPN", "NNP"),
            ("Mason", "Mason", 5, "nsubj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("an", "an", 4, "det", "DET", "DT"),
            ("assistant", "assistant", 1, "appos", "NOUN", "NN"),
            ("hired", "hire", 5, "ROOT", "VERB", "VBD"),
            ("Abebe", "Abebe", 7, "compound", "PROPN", "NNP"),
            ("Worke", "Worke", 5, "dobj", "PROPN", "NNP"),
            (".", ".", 5, "punct", "PUNCT", "."),
        ],
        ents=["O", "B-PERSON", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O"],
    )
    extraction = extraction_of(doc)
    assert ("Dr. Mason", "Person") in {(m.text, m.type) for m in extraction.mentions}
    entities = resolve([extraction], "https://example.org/kg/").entities
    assert {e.label: e.type for e in entities}["Mason"] == "Person"


def test_only_the_nearest_apposition_gives_a_name_its_kind(vocab):
    doc = make_doc(
        vocab,
        [
            ("Malcolm", "Malcolm", 1, "compound", "PROPN", "NNP"),
            ("Neill", "Neill", 11, "nsubj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("the", "the", 4, "det", "DET", "DT"),
            ("head", "head", 1, "appos", "NOUN", "NN"),
            ("of", "of", 4, "prep", "ADP", "IN"),
            ("Acme", "Acme", 5, "pobj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("the", "the", 9, "det", "DET", "DT"),
            ("agency", "agency", 1, "appos", "NOUN", "NN"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("spoke", "speak", 11, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "O", "O"],
    )
    assert ("Malcolm Neill", "Person") in {(m.text, m.type) for m in extraction_of(doc).mentions}


def test_the_subject_of_being_born_is_a_person_over_a_kind_noun_but_not_across_a_colon(vocab):
    doc = make_doc(  # "Highlight : automaker Henry Ford was born in Dearborn", the parser hanging both on "born"
        vocab,
        [
            ("Highlight", "highlight", 6, "nsubjpass", "PROPN", "NNP"),
            (":", ":", 6, "punct", "PUNCT", ":"),
            ("automaker", "automaker", 4, "compound", "NOUN", "NN"),
            ("Henry", "Henry", 4, "compound", "PROPN", "NNP"),
            ("Ford", "Ford", 6, "nsubjpass", "PROPN", "NNP"),
            ("was", "be", 6, "auxpass", "AUX", "VBD"),
            ("born", "bear", 6, "ROOT", "VERB", "VBN"),
            ("in", "in", 6, "prep", "ADP", "IN"),
            ("Dearborn", "Dearborn", 7, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "B-GPE"],
    )
    types = {m.text: m.type for m in extraction_of(doc).mentions}
    assert types["Henry Ford"] == "Person"
    assert types["Highlight"] == "Organization"


def test_a_name_a_noun_for_people_is_called_is_a_person(vocab):
    doc = make_doc(  # "He blamed a man called Raoul", the tagger calling Raoul an organisation
        vocab,
        [
            ("He", "he", 1, "nsubj", "PRON", "PRP"),
            ("blamed", "blame", 1, "ROOT", "VERB", "VBD"),
            ("a", "a", 3, "det", "DET", "DT"),
            ("man", "man", 1, "dobj", "NOUN", "NN"),
            ("called", "call", 3, "acl", "VERB", "VBN"),
            ("Raoul", "Raoul", 4, "oprd", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "O", "O", "B-ORG"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Raoul", "Person")]


@pytest.mark.parametrize(("noun", "expected"), [("mayor", "Place"), ("widow", "Person")])
def test_a_noun_of_a_place_or_of_a_person_types_the_name_of_its_of_phrase(vocab, noun, expected):
    doc = make_doc(  # "He met the mayor of Mohammadia", the tagger calling it an organisation
        vocab,
        [
            ("He", "he", 1, "nsubj", "PRON", "PRP"),
            ("met", "meet", 1, "ROOT", "VERB", "VBD"),
            ("the", "the", 3, "det", "DET", "DT"),
            (noun, noun, 1, "dobj", "NOUN", "NN"),
            ("of", "of", 3, "prep", "ADP", "IN"),
            ("Mohammadia", "Mohammadia", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "O", "O", "B-ORG"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Mohammadia", expected)]


@pytest.mark.parametrize("noun", ["deputy", "spy"])
def test_a_name_in_apposition_to_a_deputy_or_a_spy_is_a_person(vocab, noun):
    doc = make_doc(  # "Kruhlow, a deputy, spoke", the tagger calling Kruhlow an organisation
        vocab,
        [
            ("Kruhlow", "Kruhlow", 5, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("a", "a", 3, "det", "DET", "DT"),
            (noun, noun, 0, "appos", "NOUN", "NN"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("spoke", "speak", 5, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Kruhlow", "Person")]


def test_a_name_an_age_modifies_is_a_person(vocab):
    doc = make_doc(  # "12-year-old Tanya left", the tagger calling Tanya a place
        vocab,
        [
            ("12", "12", 2, "nummod", "NUM", "CD"),
            ("-", "-", 2, "punct", "PUNCT", "HYPH"),
            ("year", "year", 4, "npadvmod", "NOUN", "NN"),
            ("-", "-", 4, "punct", "PUNCT", "HYPH"),
            ("old", "old", 5, "amod", "ADJ", "JJ"),
            ("Tanya", "Tanya", 6, "nsubj", "PROPN", "NNP"),
            ("left", "leave", 6, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-DATE", "I-DATE", "I-DATE", "I-DATE", "I-DATE", "B-GPE", "O"],
    )
    assert ("Tanya", "Person") in {(m.text, m.type) for m in extraction_of(doc).mentions}


def test_a_makers_kind_noun_types_the_name_it_describes_but_not_a_name_modifying_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("The", "the", 1, "det", "DET", "DT"),
            ("program", "program", 2, "compound", "NOUN", "NN"),
            ("Widgo", "Widgo", 3, "nsubj", "PROPN", "NNP"),
            ("beat", "beat", 3, "ROOT", "VERB", "VBD"),
            ("a", "a", 6, "det", "DET", "DT"),
            ("Acme", "Acme", 6, "compound", "PROPN", "NNP"),
            ("program", "program", 3, "dobj", "NOUN", "NN"),
            (".", ".", 3, "punct", "PUNCT", "."),
        ],
        ents=["O", "O", "B-ORG", "O", "O", "B-ORG", "O", "O"],
    )
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {("Widgo", "Product"), ("Acme", "Organization")}


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("PERSON", ("Widgetco", "Product", "kind_modifier")),
        ("ORG", ("Widgetco", "Organization", "ner")),  # the tagger's company: the phones' maker
    ],
)
def test_a_products_kind_noun_a_name_modifies_types_it_by_a_rule_of_its_own_unless_tagged_a_company(
    vocab, tag, expected
):
    doc = make_doc(
        vocab,
        [
            ("Widgetco", "Widgetco", 1, "compound", "PROPN", "NNP"),
            ("phones", "phone", 2, "nsubj", "NOUN", "NNS"),
            ("beat", "beat", 2, "ROOT", "VERB", "VBD"),
            ("the", "the", 4, "det", "DET", "DT"),
            ("phone", "phone", 5, "compound", "NOUN", "NN"),
            ("Widgo", "Widgo", 2, "dobj", "PROPN", "NNP"),
            (".", ".", 2, "punct", "PUNCT", "."),
        ],
        ents=[f"B-{tag}", "O", "O", "O", "O", "B-ORG", "O"],
    )
    assert {(m.text, m.type, m.rule) for m in extraction_of(doc).mentions} == {
        expected, ("Widgo", "Product", "head_noun"),
    }


def test_only_the_nouns_right_before_a_name_describe_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("handset", "handset", 2, "compound", "NOUN", "NN"),
            ("giant", "giant", 2, "amod", "ADJ", "JJ"),
            ("Widgetco", "Widgetco", 3, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 3, "ROOT", "VERB", "VBD"),
            (".", ".", 3, "punct", "PUNCT", "."),
        ],
        ents=["O", "O", "B-ORG", "O", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Widgetco", "Organization")]


def test_an_apposition_coordinating_kind_nouns_takes_the_class_of_the_last(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 8, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("the", "the", 3, "det", "DET", "DT"),
            ("handset", "handset", 0, "appos", "NOUN", "NN"),
            ("and", "and", 3, "cc", "CCONJ", "CC"),
            ("network", "network", 6, "compound", "NOUN", "NN"),
            ("maker", "maker", 3, "conj", "NOUN", "NN"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("grew", "grow", 8, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "O", "O", "O"],
    )
    assert [(m.text, m.type, m.rule) for m in extraction_of(doc).mentions] == [("Acme", "Organization", "head_noun")]


def test_a_name_a_kind_noun_is_called_takes_its_class(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("built", "build", 1, "ROOT", "VERB", "VBD"),
            ("a", "a", 3, "det", "DET", "DT"),
            ("technology", "technology", 1, "dobj", "NOUN", "NN"),
            ("called", "call", 3, "acl", "VERB", "VBN"),
            ("Widgo", "Widgo", 4, "oprd", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-ORG"],
    )
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {("Acme", "Organization"), ("Widgo", "Product")}


def test_the_subject_of_being_launched_is_a_product(vocab):
    doc = make_doc(
        vocab,
        [
            ("Widgo", "Widgo", 2, "nsubjpass", "PROPN", "NNP"),
            ("was", "be", 2, "auxpass", "AUX", "VBD"),
            ("launched", "launch", 2, "ROOT", "VERB", "VBN"),
        ],
        ents=["B-ORG", "O", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Widgo", "Product")]


def test_a_name_modifying_a_possessed_products_kind_noun_is_the_product_though_tagged_a_company(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 3, "poss", "PROPN", "NNP"),
            ("'s", "'s", 0, "case", "PART", "POS"),
            ("Widgo", "Widgo", 3, "compound", "PROPN", "NNP"),
            ("console", "console", 4, "nsubj", "NOUN", "NN"),
            ("sold", "sell", 4, "ROOT", "VERB", "VBD"),
            ("well", "well", 4, "advmod", "ADV", "RB"),
            (".", ".", 4, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "B-ORG", "O", "O", "O", "O"],
    )
    extraction = extraction_of(doc)
    assert ("Widgo", "Product", "head_noun") in {(m.text, m.type, m.rule) for m in extraction.mentions}
    assert {(r.subject.text, r.object.text) for r in extraction.relations} == {("Acme", "Widgo")}


def test_a_name_after_a_title_and_at_is_where_the_person_works_whatever_the_tagger_says(vocab):
    # "Jane Doe, a director at analyst Widgetco, said": Widgetco is tagged a person, "analyst" before it
    doc = make_doc(
        vocab,
        [
            ("Jane", "Jane", 1, "compound", "PROPN", "NNP"),
            ("Doe", "Doe", 9, "nsubj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("a", "a", 4, "det", "DET", "DT"),
            ("director", "director", 1, "appos", "NOUN", "NN"),
            ("at", "at", 4, "prep", "ADP", "IN"),
            ("analyst", "analyst", 7, "compound", "NOUN", "NN"),
            ("Widgetco", "Widgetco", 5, "pobj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("said", "say", 9, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "B-PERSON", "O", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [
        ("Jane Doe", "Person"), ("Widgetco", "Organization"),
    ]


def test_a_kind_noun_the_tagger_read_as_an_adjective_right_before_a_name_types_it(vocab):
    # "it bought spyware firm Giant Widget Software": "firm" tagged an adjective; the name's own last word is
    # a product's kind noun
    doc = make_doc(
        vocab,
        [
            ("it", "it", 1, "nsubj", "PRON", "PRP"),
            ("bought", "buy", 1, "ROOT", "VERB", "VBD"),
            ("spyware", "spyware", 6, "amod", "ADJ", "JJ"),
            ("firm", "firm", 6, "amod", "ADJ", "JJ"),
            ("Giant", "Giant", 6, "compound", "PROPN", "NNP"),
            ("Widget", "Widget", 6, "compound", "PROPN", "NNP"),
            ("Software", "Software", 1, "dobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Giant Widget Software", "Organization")]


def test_a_name_only_the_tagger_calls_a_place_ending_in_a_version_code_is_a_product(vocab):
    # "PCs running Widgets XP": the tagger's LOC; a version code ends the name
    doc = make_doc(
        vocab,
        [
            ("PCs", "pc", 1, "nsubj", "NOUN", "NNS"),
            ("run", "run", 1, "ROOT", "VERB", "VBP"),
            ("Widgets", "Widgets", 3, "compound", "PROPN", "NNP"),
            ("XP", "XP", 1, "dobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "B-LOC", "I-LOC"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Widgets XP", "Product")]


def test_a_name_after_a_spokesman_and_for_is_an_organisation_unless_titled(vocab):
    # "Jane Doe, a spokesman for Widgetco, said": Widgetco tagged a person
    def typed(words: list[str]) -> list[tuple[str, str]]:
        rows = [
            ("Jane", "Jane", 1, "compound", "PROPN", "NNP"),
            ("Doe", "Doe", 7 + len(words), "nsubj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("a", "a", 4, "det", "DET", "DT"),
            ("spokesman", "spokesman", 1, "appos", "NOUN", "NN"),
            ("for", "for", 4, "prep", "ADP", "IN"),
            *[(w, w, 5 + len(words), "compound", "PROPN", "NNP") for w in words[:-1]],
            (words[-1], words[-1], 5, "pobj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("said", "say", 7 + len(words), "ROOT", "VERB", "VBD"),
        ]
        ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", *(["B-PERSON"] + ["I-PERSON"] * (len(words) - 1)), "O", "O"]
        return [(m.text, m.type) for m in extraction_of(make_doc(vocab, rows, ents=ents)).mentions]

    assert typed(["Widgetco"]) == [("Jane Doe", "Person"), ("Widgetco", "Organization")]
    assert typed(["Mr", "Smith"])[1][1] == "Person"


def test_a_photographer_or_a_campaigner_is_a_person_whatever_the_tagger_calls_the_name(vocab):
    for noun in ("photographer", "campaigner", "adviser"):
        doc = make_doc(  # "photographer Rankin said so", "Rankin" tagged as a place
            vocab,
            [
                (noun, noun, 1, "compound", "NOUN", "NN"),
                ("Rankin", "Rankin", 2, "nsubj", "PROPN", "NNP"),
                ("said", "say", 2, "ROOT", "VERB", "VBD"),
                ("so", "so", 2, "advmod", "ADV", "RB"),
                (".", ".", 2, "punct", "PUNCT", "."),
            ],
            ents=["O", "B-GPE", "O", "O", "O"],
        )
        assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Rankin", "Person")], noun


def test_a_possessive_in_the_clause_of_a_verbs_object_does_not_retype_the_subject(vocab):
    doc = make_doc(  # "Smith urged the government to press its case."
        vocab,
        [
            ("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"),
            ("urged", "urge", 1, "ROOT", "VERB", "VBD"),
            ("the", "the", 3, "det", "DET", "DT"),
            ("government", "government", 1, "dobj", "NOUN", "NN"),
            ("to", "to", 5, "aux", "PART", "TO"),
            ("press", "press", 1, "xcomp", "VERB", "VB"),
            ("its", "its", 7, "poss", "PRON", "PRP$"),
            ("case", "case", 5, "dobj", "NOUN", "NN"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "O", "O", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Smith", "Person")]


def test_a_trades_word_for_a_company_before_a_name_the_tagger_calls_a_person_makes_it_a_company(vocab):
    doc = make_doc(  # "housebuilder George Wimpey said so."
        vocab,
        [
            ("housebuilder", "housebuilder", 2, "compound", "NOUN", "NN"),
            ("George", "George", 2, "compound", "PROPN", "NNP"),
            ("Wimpey", "Wimpey", 3, "nsubj", "PROPN", "NNP"),
            ("said", "say", 3, "ROOT", "VERB", "VBD"),
            ("so", "so", 3, "advmod", "ADV", "RB"),
            (".", ".", 3, "punct", "PUNCT", "."),
        ],
        ents=["O", "B-PERSON", "I-PERSON", "O", "O", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("George Wimpey", "Organization")]


@pytest.mark.parametrize("kind", ["regulator", "watchdog"])
def test_a_name_the_tagger_missed_after_an_overseers_word_is_an_organisation(vocab, kind):
    doc = make_doc(  # "the regulator Quillcom said so."
        vocab,
        [
            ("the", "the", 1, "det", "DET", "DT"),
            (kind, kind, 2, "compound", "NOUN", "NN"),
            ("Quillcom", "Quillcom", 3, "nsubj", "PROPN", "NNP"),
            ("said", "say", 3, "ROOT", "VERB", "VBD"),
            ("so", "so", 3, "advmod", "ADV", "RB"),
            (".", ".", 3, "punct", "PUNCT", "."),
        ],
        ents=["O", "O", "O", "O", "O", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Quillcom", "Organization")]


def test_a_kind_noun_right_before_a_name_describes_it_though_the_parser_hung_it_elsewhere(vocab):
    doc = make_doc(  # "suppliers helping retailer Zedco inflate earnings", "Zedco" hung on "suppliers"
        vocab,
        [
            ("suppliers", "supplier", 1, "nsubj", "NOUN", "NNS"),
            ("helping", "help", 1, "ROOT", "VERB", "VBG"),
            ("retailer", "retailer", 1, "dobj", "NOUN", "NN"),
            ("Zedco", "Zedco", 0, "prep", "PROPN", "NNP"),
            ("inflate", "inflate", 1, "conj", "VERB", "VB"),
            ("earnings", "earning", 4, "dobj", "NOUN", "NNS"),
        ],
        ents=["O", "O", "O", "B-GPE", "O", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Zedco", "Organization")]


def test_a_name_the_tagger_calls_a_person_after_its_own_the_is_an_organisation(vocab):
    doc = make_doc(  # "It is tested by the Quillery."
        vocab,
        [
            ("It", "it", 2, "nsubjpass", "PRON", "PRP"),
            ("is", "be", 2, "auxpass", "AUX", "VBZ"),
            ("tested", "test", 2, "ROOT", "VERB", "VBN"),
            ("by", "by", 2, "agent", "ADP", "IN"),
            ("the", "the", 5, "det", "DET", "DT"),
            ("Quillery", "Quillery", 3, "pobj", "PROPN", "NNP"),
            (".", ".", 2, "punct", "PUNCT", "."),
        ],
        ents=["O", "O", "O", "O", "O", "B-PERSON", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Quillery", "Organization")]


def test_a_film_names_the_work_after_it_but_not_the_artist_before_it(vocab):
    doc = make_doc(  # "Smith starred in the film Quillwood. Jones released a Zedband album."
        vocab,
        [
            ("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"),
            ("starred", "star", 1, "ROOT", "VERB", "VBD"),
            ("in", "in", 1, "prep", "ADP", "IN"),
            ("the", "the", 4, "det", "DET", "DT"),
            ("film", "film", 2, "pobj", "NOUN", "NN"),
            ("Quillwood", "Quillwood", 4, "appos", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
            ("Jones", "Jones", 8, "nsubj", "PROPN", "NNP"),
            ("released", "release", 8, "ROOT", "VERB", "VBD"),
            ("a", "a", 11, "det", "DET", "DT"),
            ("Zedband", "Zedband", 11, "compound", "PROPN", "NNP"),
            ("album", "album", 8, "dobj", "NOUN", "NN"),
            (".", ".", 8, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "B-ORG", "O", "B-PERSON", "O", "O", "B-ORG", "O", "O"],
    )
    types = {m.text: m.type for m in extraction_of(doc).mentions}
    assert types["Quillwood"] == "CreativeWork" and types["Zedband"] == "Organization"


def test_a_band_is_an_organisation(vocab):
    doc = make_doc(  # "the rock band Zedtones played."
        vocab,
        [
            ("the", "the", 3, "det", "DET", "DT"),
            ("rock", "rock", 2, "compound", "NOUN", "NN"),
            ("band", "band", 3, "compound", "NOUN", "NN"),
            ("Zedtones", "Zedtones", 4, "nsubj", "PROPN", "NNP"),
            ("played", "play", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["O", "O", "O", "B-PERSON", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Zedtones", "Organization")]


@pytest.mark.parametrize("noun", ["drummer", "philosopher"])
def test_a_noun_for_people_before_a_name_the_tagger_calls_a_company_makes_it_a_person(vocab, noun):
    doc = make_doc(  # "drummer Zed Quill said so."
        vocab,
        [
            (noun, noun, 2, "compound", "NOUN", "NN"),
            ("Zed", "Zed", 2, "compound", "PROPN", "NNP"),
            ("Quill", "Quill", 3, "nsubj", "PROPN", "NNP"),
            ("said", "say", 3, "ROOT", "VERB", "VBD"),
            ("so", "so", 3, "advmod", "ADV", "RB"),
        ],
        ents=["O", "B-ORG", "I-ORG", "O", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Zed Quill", "Person")]
