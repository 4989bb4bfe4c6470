"""Entity mentions: span boundaries, non-entities, content sentences and type cues."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extractors import extract_document
from kg.model import Document
from tests.extractors.helpers import extraction_of, facts_of
from tests.helpers import make_doc


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


def test_a_word_opening_a_sentence_that_the_document_writes_in_lower_case_twice_is_no_name(vocab):
    def names(second: str) -> set[str]:
        doc = make_doc(
            vocab,
            [
                ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
                ("rose", "rise", 1, "ROOT", "VERB", "VBD"),
                (".", ".", 1, "punct", "PUNCT", "."),
                ("Broadband", "broadband", 4, "compound", "PROPN", "NNP"),
                ("access", "access", 5, "nsubj", "NOUN", "NN"),
                ("grew", "grow", 5, "ROOT", "VERB", "VBD"),
                ("with", "with", 5, "prep", "ADP", "IN"),
                ("broadband", "broadband", 6, "pobj", "NOUN", "NN"),
                ("and", "and", 7, "cc", "CCONJ", "CC"),
                (second, second.lower(), 7, "conj", "NOUN", "NN"),
                (".", ".", 5, "punct", "PUNCT", "."),
            ],
            ents=["B-ORG", "O", "O", "B-GPE", "O", "O", "O", "O", "O", "O", "O"],
        )
        return {m.text for m in extraction_of(doc).mentions}

    assert names("broadband") == {"Acme"}
    assert names("cable") == {"Acme", "Broadband"}  # once may be a name styled in lower case


def test_lowercase_words_and_markup_are_not_names(vocab):
    doc = make_doc(
        vocab,
        [
            ("Profit", "profit", 1, "nsubj", "NOUN", "NN"),
            ("rose", "rise", 1, "ROOT", "VERB", "VBD"),
            ("10", "10", 3, "nummod", "NUM", "CD"),
            ("cts", "ct", 1, "dobj", "NOUN", "NNS"),
            ("at", "at", 1, "prep", "ADP", "IN"),
            ("quot;Acme", "quot;Acme", 4, "pobj", "PROPN", "NNP"),
            ("and", "and", 5, "cc", "CCONJ", "CC"),
            ("Initech", "Initech", 5, "conj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-ORG", "O", "B-ORG", "O", "B-ORG"],
    )
    extraction = extract_document(doc, Document.from_text("t", doc.text))
    assert [m.text for m in extraction.mentions] == ["Initech"]


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


def test_honorific_joins_the_person_mention_but_not_its_name(vocab):
    doc = make_doc(
        vocab,
        [
            ("Mrs.", "Mrs.", 1, "compound", "PROPN", "NNP"),
            ("Parks", "Parks", 2, "nsubj", "PROPN", "NNP"),
            ("spoke", "speak", 2, "ROOT", "VERB", "VBD"),
        ],
        ents=["O", "B-PERSON", "O"],
    )
    (mention,) = extraction_of(doc).mentions
    assert mention.text == "Mrs. Parks" and mention.merge_name == "Parks" and mention.type == "Person"


def test_an_office_joins_the_person_mention_only_in_an_account_of_a_killing(vocab):
    rows = [("President", "President", 1, "compound", "PROPN", "NNP"),
            ("Kennedy", "Kennedy", 2, "nsubj", "PROPN", "NNP"), ("spoke", "speak", 2, "ROOT", "VERB", "VBD")]
    (mention,) = extraction_of(make_doc(vocab, rows, ents=["O", "B-PERSON", "O"])).mentions
    assert mention.text == "Kennedy" and mention.written == "President Kennedy"  # a form the node is known by
    tagged_whole = make_doc(vocab, rows, ents=["B-PERSON", "I-PERSON", "O"])
    assert [(m.text, m.written) for m in extraction_of(tagged_whole).mentions] == [("Kennedy", "President Kennedy")]
    doc = make_doc(  # "Oswald shot Texas Gov. Connally": the office and the place qualifying it join the name
        vocab,
        [
            ("Oswald", "Oswald", 1, "nsubj", "PROPN", "NNP"),
            ("shot", "shoot", 1, "ROOT", "VERB", "VBD"),
            ("Texas", "Texas", 4, "compound", "PROPN", "NNP"),
            ("Gov.", "Gov.", 4, "compound", "PROPN", "NNP"),
            ("Connally", "Connally", 1, "dobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "B-GPE", "O", "B-PERSON"],
    )
    people = [(m.text, m.merge_name) for m in extraction_of(doc).mentions if m.type == "Person"]
    assert people == [("Oswald", "Oswald"), ("Texas Gov. Connally", "Connally")]


def test_examples_of_a_category_noun_take_its_class(vocab):
    doc = make_doc(
        vocab,
        [
            ("companies", "company", 3, "nsubj", "NOUN", "NNS"),
            ("like", "like", 0, "prep", "ADP", "IN"),
            ("Alibaba", "Alibaba", 1, "pobj", "PROPN", "NNP"),
            ("grew", "grow", 3, "ROOT", "VERB", "VBD"),
        ],
        ents=["O", "O", "B-GPE", "O"],
    )
    (alibaba,) = extraction_of(doc).mentions
    assert alibaba.type == "Organization" and alibaba.rule == "head_noun"


def test_text_in_another_script_is_not_content(vocab):
    doc = make_doc(vocab, [("Сэтгэгдэл", "Сэтгэгдэл", 0, "ROOT", "PROPN", "NNP")], ents=["B-PRODUCT"])
    assert extraction_of(doc).mentions == ()


def test_who_clause_makes_a_person_who_lives_somewhere(vocab):
    doc = make_doc(
        vocab,
        [
            ("Warner", "Warner", 4, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("who", "who", 3, "nsubj", "PRON", "WP"),
            ("lives", "live", 0, "relcl", "VERB", "VBZ"),
            ("sued", "sue", 4, "ROOT", "VERB", "VBD"),
            ("in", "in", 3, "prep", "ADP", "IN"),
            ("Ocala", "Ocala", 5, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "B-GPE"],
    )
    extraction = extraction_of(doc)
    assert {(m.text, m.type) for m in extraction.mentions} >= {("Warner", "Person")}
    assert ("Warner", "livesIn", "Ocala") in facts_of(doc)


def test_a_singular_name_whose_who_clause_takes_a_plural_verb_is_a_group_not_a_person(vocab):
    def typed(verb: str, tag: str) -> str:
        doc = make_doc(
            vocab,
            [
                ("Nomad", "Nomad", 1, "compound", "PROPN", "NNP"),
                ("Digital", "Digital", 5, "nsubj", "PROPN", "NNP"),
                ("who", "who", 3, "nsubj", "PRON", "WP"),
                (verb, verb, 1, "relcl", "VERB", tag),
                ("it", "it", 3, "dobj", "PRON", "PRP"),
                ("began", "begin", 5, "ROOT", "VERB", "VBD"),
            ],
            ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O"],
        )
        return {m.text: m.type for m in extraction_of(doc).mentions}["Nomad Digital"]

    assert typed("provide", "VBP") == "Organization"
    assert typed("provides", "VBZ") == "Person"


def test_a_plural_noun_for_people_before_a_lone_name_makes_it_a_company_unless_a_persons_full_name(vocab):
    def typed(noun: str, tag: str, label: str) -> str:
        doc = make_doc(
            vocab,
            [
                (noun, noun.rstrip("s"), 1, "compound", "NOUN", tag),
                ("Zetco", "Zetco", 2, "nsubj", "PROPN", "NNP"),
                ("predicted", "predict", 2, "ROOT", "VERB", "VBD"),
            ],
            ents=["O", f"B-{label}", "O"],
        )
        return {m.text: m.type for m in extraction_of(doc).mentions}["Zetco"]

    assert typed("analysts", "NNS", "ORG") == "Organization"
    assert typed("analyst", "NN", "ORG") == "Person"
    assert typed("analysts", "NNS", "PERSON") == "Organization", "a one-word 'person' after a plural: a group"
    doc = make_doc(
        vocab,
        [
            ("singers", "singer", 2, "compound", "NOUN", "NNS"),
            ("Jane", "Jane", 2, "compound", "PROPN", "NNP"),
            ("Zed", "Zed", 3, "nsubj", "PROPN", "NNP"),
            ("sang", "sing", 3, "ROOT", "VERB", "VBD"),
        ],
        ents=["O", "B-PERSON", "I-PERSON", "O"],
    )
    assert [m.type for m in extraction_of(doc).mentions] == ["Person"]


def test_entity_span_stops_at_a_bracket_and_a_place_led_broadcaster_splits(vocab):
    doc = make_doc(
        vocab,
        [
            ("PRD", "PRD", 0, "ROOT", "PROPN", "NNP"),
            ("(", "(", 0, "punct", "PUNCT", "-LRB-"),
            ("Party", "Party", 0, "appos", "PROPN", "NNP"),
            (")", ")", 0, "punct", "PUNCT", "-RRB-"),
            ("Paris", "Paris", 5, "compound", "PROPN", "NNP"),
            ("Radio", "Radio", 6, "compound", "PROPN", "NNP"),
            ("France", "France", 0, "appos", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "I-ORG"],
    )
    texts = {m.text for m in extraction_of(doc).mentions}
    assert "PRD" in texts and not any("(" in t for t in texts)
    assert {"Paris", "Radio France"} <= texts


def test_a_name_with_an_age_set_off_by_commas_is_a_person(vocab):
    doc = make_doc(
        vocab,
        [
            ("Ferraro", "Ferraro", 8, "nsubjpass", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("50", "50", 0, "appos", "NUM", "CD"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("of", "of", 0, "prep", "ADP", "IN"),
            ("Bethany", "Bethany", 4, "pobj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("was", "be", 8, "auxpass", "AUX", "VBD"),
            ("shot", "shoot", 8, "ROOT", "VERB", "VBN"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-GPE", "O", "O", "O"],
    )
    assert ("Ferraro", "Person") in {(m.text, m.type) for m in extraction_of(doc).mentions}
    assert facts_of(doc) == {("Ferraro", "livesIn", "Bethany")}


def test_the_object_of_a_killing_noun_is_a_person(vocab):
    doc = make_doc(
        vocab,
        [
            ("the", "the", 1, "det", "DET", "DT"),
            ("assassination", "assassination", 1, "ROOT", "NOUN", "NN"),
            ("of", "of", 1, "prep", "ADP", "IN"),
            ("Lincoln", "Lincoln", 2, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-ORG"],
    )
    assert ("Lincoln", "Person") in {(m.text, m.type) for m in extraction_of(doc).mentions}


def test_the_object_of_another_noun_keeps_its_tagged_class(vocab):
    doc = make_doc(
        vocab,
        [
            ("the", "the", 1, "det", "DET", "DT"),
            ("acquisition", "acquisition", 1, "ROOT", "NOUN", "NN"),
            ("of", "of", 1, "prep", "ADP", "IN"),
            ("Widgetco", "Widgetco", 2, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-ORG"],
    )
    assert ("Widgetco", "Organization") in {(m.text, m.type) for m in extraction_of(doc).mentions}


def test_a_product_name_keeps_the_capitalised_word_after_its_model_number(vocab):
    doc = make_doc(
        vocab,
        [
            ("the", "the", 3, "det", "DET", "DT"),
            ("Qwen3", "qwen3", 3, "amod", "ADJ", "JJ"),
            ("Embedding", "embed", 3, "amod", "VERB", "VBG"),
            ("series", "series", 3, "ROOT", "NOUN", "NN"),
        ],
        ents=["O", "B-PRODUCT", "O", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Qwen3 Embedding", "Product")]


def test_a_category_noun_after_a_product_name_stays_outside_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("the", "the", 2, "det", "DET", "DT"),
            ("Qwen3", "qwen3", 2, "compound", "PROPN", "NNP"),
            ("Model", "model", 2, "ROOT", "PROPN", "NNP"),
        ],
        ents=["O", "B-PRODUCT", "O"],
    )
    assert [m.text for m in extraction_of(doc).mentions] == ["Qwen3"]


def test_a_name_that_is_a_kind_of_place_is_a_place_though_tagged_a_person(vocab):
    doc = make_doc(
        vocab,
        [
            ("Brookston", "Brookston", 1, "nsubj", "PROPN", "NNP"),
            ("is", "be", 1, "ROOT", "AUX", "VBZ"),
            ("a", "a", 3, "det", "DET", "DT"),
            ("town", "town", 1, "attr", "NOUN", "NN"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "O", "O", "O", "O"],
    )
    assert [(m.text, m.type, m.rule) for m in extraction_of(doc).mentions] == [("Brookston", "Place", "head_noun")]


def test_a_noun_for_people_the_tagger_took_into_a_name_is_left_out(vocab):
    doc = make_doc(
        vocab,
        [
            ("Composer", "composer", 1, "compound", "PROPN", "NNP"),
            ("Thomas", "Thomas", 2, "nsubj", "PROPN", "NNP"),
            ("died", "die", 2, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "I-PERSON", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Thomas", "Person")]


def test_the_title_of_a_head_right_before_a_name_makes_it_a_person_but_a_job_title_does_not(vocab):
    def typed(title: str) -> str:
        doc = make_doc(
            vocab,
            [
                ("Acme", "Acme", 1, "compound", "PROPN", "NNP"),
                (title, title, 3, "compound", "NOUN", "NN"),
                ("Bernie", "Bernie", 3, "compound", "PROPN", "NNP"),
                ("Zed", "Zed", 4, "nsubj", "PROPN", "NNP"),
                ("spoke", "speak", 4, "ROOT", "VERB", "VBD"),
            ],
            ents=["B-ORG", "O", "B-ORG", "I-ORG", "O"],
        )
        return {m.text: m.type for m in extraction_of(doc).mentions}["Bernie Zed"]

    assert typed("boss") == "Person"
    assert typed("developer") == "Organization"


def test_a_category_noun_before_a_name_types_it_over_the_tagger(vocab):
    doc = make_doc(
        vocab,
        [
            ("German", "german", 2, "amod", "ADJ", "JJ"),
            ("media", "media", 2, "compound", "NOUN", "NNS"),
            ("group", "group", 3, "compound", "NOUN", "NN"),
            ("Bertelsmann", "Bertelsmann", 4, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-NORP", "O", "O", "B-PERSON", "O"],
    )
    extraction = extraction_of(doc)
    assert ("Bertelsmann", "Organization") in {(m.text, m.type) for m in extraction.mentions}
    assert ("Bertelsmann", "basedIn", "German") in {(r.subject.text, r.predicate, r.object.text)
                                                     for r in extraction.relations}


def test_a_category_noun_outvotes_the_taggers_repeated_label_in_a_document(vocab):
    rows = [("oil", "oil", 1, "compound", "NOUN", "NN"), ("giant", "giant", 2, "compound", "NOUN", "NN"),
            ("Yukos", "Yukos", 3, "nsubj", "PROPN", "NNP"), ("grew", "grow", 3, "ROOT", "VERB", "VBD"),
            (".", ".", 3, "punct", "PUNCT", ".")]
    ents = ["O", "O", "B-PERSON", "O", "O"]
    for start in (5, 8, 11, 14):
        rows += [("Yukos", "Yukos", start + 1, "nsubj", "PROPN", "NNP"), ("grew", "grow", start + 1, "ROOT", "VERB",
                 "VBD"), (".", ".", start + 1, "punct", "PUNCT", ".")]
        ents += ["B-PERSON", "O", "O"]
    types = {m.type for m in extraction_of(make_doc(vocab, rows, ents=ents)).mentions}
    assert types == {"Organization"}


def test_an_operating_system_is_a_product_not_a_place(vocab):
    doc = make_doc(
        vocab,
        [
            ("the", "the", 3, "det", "DET", "DT"),
            ("Windows", "Windows", 3, "compound", "PROPN", "NNP"),
            ("operating", "operating", 3, "compound", "NOUN", "NN"),
            ("system", "system", 3, "ROOT", "NOUN", "NN"),
        ],
        ents=["O", "B-GPE", "O", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Windows", "Product")]


def test_a_name_after_a_noun_of_a_kind_of_place_and_of_is_a_place(vocab):
    doc = make_doc(
        vocab,
        [
            ("the", "the", 1, "det", "DET", "DT"),
            ("town", "town", 1, "ROOT", "NOUN", "NN"),
            ("of", "of", 1, "prep", "ADP", "IN"),
            ("Randolph", "Randolph", 2, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-PERSON"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Randolph", "Place")]


def test_a_model_number_after_a_makers_name_names_a_product(vocab):
    rows = [
        ("Airline", "airline", 1, "nsubj", "NOUN", "NN"),
        ("ordered", "order", 1, "ROOT", "VERB", "VBD"),
        ("70", "70", 7, "nummod", "NUM", "CD"),
        ("Acmejet", "Acmejet", 7, "nmod", "PROPN", "NNP"),
        ("737", "737", 7, "nummod", "NUM", "CD"),
        ("-", "-", 6, "punct", "PUNCT", "HYPH"),
        ("800", "800", 4, "prep", "NUM", "CD"),
        ("planes", "plane", 1, "dobj", "NOUN", "NNS"),
        ("and", "and", 1, "cc", "CCONJ", "CC"),
        ("liked", "like", 1, "conj", "VERB", "VBD"),
        ("the", "the", 12, "det", "DET", "DT"),
        ("737", "737", 10, "dobj", "NUM", "CD"),
        ("-", "-", 12, "punct", "PUNCT", "HYPH"),
        ("800", "800", 12, "prep", "NUM", "CD"),
    ]
    doc = Doc(vocab, words=[r[0] for r in rows], lemmas=[r[1] for r in rows], heads=[r[2] for r in rows],
              spaces=[True, True, True, True, False, False, True, True, True, True, True, False, False, False],
              deps=[r[3] for r in rows], pos=[r[4] for r in rows], tags=[r[5] for r in rows],
              ents=["O", "O", "B-CARDINAL", "B-ORG", "B-CARDINAL", *["O"] * 6, "B-CARDINAL", "O", "O"])
    found = {(m.text, m.type) for m in extraction_of(doc).mentions}
    assert found == {("Acmejet 737-800", "Product"), ("737-800", "Product")}  # the model alone is the product too
    year = [*rows[:2], ("70", "70", 5, "nummod", "NUM", "CD"), ("Acmejet", "Acmejet", 5, "nmod", "PROPN", "NNP"),
            ("2004", "2004", 5, "nummod", "NUM", "CD"), ("planes", "plane", 1, "dobj", "NOUN", "NNS")]  # no model
    doc = make_doc(vocab, year, ["O", "O", "B-CARDINAL", "B-ORG", "B-CARDINAL", "O"])
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {("Acmejet", "Organization")}


def test_a_name_run_over_and_splits_when_its_second_side_is_tagged_elsewhere(vocab):
    rows = [
        ("Gazco", "Gazco", 3, "nsubj", "PROPN", "NNP"),
        ("and", "and", 0, "cc", "CCONJ", "CC"),
        ("Rosco", "Rosco", 0, "conj", "PROPN", "NNP"),
        ("merged", "merge", 3, "ROOT", "VERB", "VBD"),
        (";", ";", 3, "punct", "PUNCT", ":"),
        ("Rosco", "Rosco", 6, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 6, "ROOT", "VERB", "VBD"),
    ]
    ents = ["B-ORG", "I-ORG", "I-ORG", "O", "O", "B-ORG", "O"]
    assert {m.text for m in extraction_of(make_doc(vocab, rows, ents)).mentions} == {"Gazco", "Rosco"}
    alone = make_doc(vocab, rows[:4], ents[:4])  # "Ernst and Young": no side is a name of its own elsewhere
    assert {m.text for m in extraction_of(alone).mentions} == {"Gazco and Rosco"}
    titles = [("The", "the", 1, "det", "DET", "DT"), ("Post", "Post", 5, "nsubj", "PROPN", "NNP"),
              ("and", "and", 1, "cc", "CCONJ", "CC"), ("The", "the", 4, "det", "DET", "DT"),
              ("Times", "Times", 1, "conj", "PROPN", "NNP"), ("grew", "grow", 5, "ROOT", "VERB", "VBD")]
    run_over = make_doc(vocab, titles, ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"])
    assert {m.text for m in extraction_of(run_over).mentions} == {"Post", "Times"}  # a second article starts a name


def test_an_entity_span_takes_the_rest_of_a_hyphenated_model_code_but_not_a_second_name(vocab):
    def mentions(first: str, second: str) -> set[str]:
        rows = [(first, first, 2, "compound", "PROPN", "NNP"), ("-", "-", 2, "punct", "PUNCT", "HYPH"),
                (second, second, 3, "nsubj", "PROPN", "NNP"), ("sold", "sell", 3, "ROOT", "VERB", "VBD")]
        doc = Doc(vocab, words=[r[0] for r in rows], spaces=[False, False, True, False], lemmas=[r[1] for r in rows],
                  heads=[r[2] for r in rows], deps=[r[3] for r in rows], pos=[r[4] for r in rows],
                  tags=[r[5] for r in rows], ents=["O", "O", "B-PRODUCT", "O"])
        return {m.text for m in extraction_of(doc).mentions}

    assert mentions("PH", "S6500") == {"PH-S6500"}
    assert mentions("Renault", "Nissan") == {"Nissan"}


def test_lower_case_common_words_before_a_name_leave_its_span(vocab):
    doc = make_doc(
        vocab,
        [
            ("rival", "rival", 2, "amod", "ADJ", "JJ"),
            ("bank", "bank", 3, "compound", "NOUN", "NN"),
            ("UFJ", "UFJ", 3, "compound", "PROPN", "NNP"),
            ("Holdings", "Holdings", 4, "nsubj", "PROPN", "NNP"),
            ("agreed", "agree", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["O", "B-ORG", "I-ORG", "I-ORG", "O"],
    )
    assert {m.text for m in extraction_of(doc).mentions} == {"UFJ Holdings"}


def test_kind_nouns_of_places_events_products_and_companies_type_a_name(vocab):
    doc = make_doc(
        vocab,
        [
            ("Foots", "Foots", 1, "compound", "PROPN", "NNP"),
            ("Creek", "Creek", 5, "nsubj", "PROPN", "NNP"),
            ("and", "and", 1, "cc", "CCONJ", "CC"),
            ("retailer", "retailer", 4, "compound", "NOUN", "NN"),
            ("Widgetco", "Widgetco", 1, "conj", "PROPN", "NNP"),
            ("hosted", "host", 5, "ROOT", "VERB", "VBD"),
            ("the", "the", 9, "det", "DET", "DT"),
            ("Widget", "Widget", 8, "compound", "PROPN", "NNP"),
            ("Electronics", "Electronics", 9, "compound", "PROPN", "NNP"),
            ("Show", "Show", 5, "dobj", "PROPN", "NNP"),
            ("with", "with", 5, "prep", "ADP", "IN"),
            ("its", "its", 13, "poss", "PRON", "PRP$"),
            ("Zeta", "Zeta", 13, "compound", "PROPN", "NNP"),
            ("console", "console", 10, "pobj", "NOUN", "NN"),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O",
              "B-PERSON", "O"],
    )
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {
        ("Foots Creek", "Place"), ("Widgetco", "Organization"), ("Widget Electronics Show", "Event"),
        ("Zeta", "Product"),
    }


def test_a_name_its_own_clause_calls_it_is_no_person_but_reported_speech_does_not_count(vocab):
    raised = make_doc(
        vocab,
        [
            ("Widgetco", "Widgetco", 1, "nsubj", "PROPN", "NNP"),
            ("plans", "plan", 1, "ROOT", "VERB", "VBZ"),
            ("to", "to", 3, "aux", "PART", "TO"),
            ("raise", "raise", 1, "xcomp", "VERB", "VB"),
            ("its", "its", 5, "poss", "PRON", "PRP$"),
            ("stake", "stake", 3, "dobj", "NOUN", "NN"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O"],
    )
    cut = make_doc(
        vocab,
        [
            ("Zetco", "Zetco", 1, "nsubj", "PROPN", "NNP"),
            ("cut", "cut", 1, "ROOT", "VERB", "VBD"),
            ("its", "its", 3, "poss", "PRON", "PRP$"),
            ("prices", "price", 1, "dobj", "NOUN", "NNS"),
        ],
        ents=["B-GPE", "O", "O", "O"],
    )
    said = make_doc(
        vocab,
        [
            ("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"),
            ("said", "say", 1, "ROOT", "VERB", "VBD"),
            ("it", "it", 3, "nsubj", "PRON", "PRP"),
            ("grew", "grow", 1, "ccomp", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "O", "O"],
    )
    assert [(m.text, m.type, m.rule) for m in extraction_of(raised).mentions] == [
        ("Widgetco", "Organization", "pronoun_cue")
    ]
    assert [(m.text, m.type) for m in extraction_of(cut).mentions] == [("Zetco", "Organization")]
    assert [(m.text, m.type) for m in extraction_of(said).mentions] == [("Smith", "Person")]


def test_a_verb_coordinated_with_a_names_own_refers_back_to_it_too(vocab):
    doc = make_doc(  # "Simon was born in 1907 and spent his youth there", the tagger calling Simon an organisation
        vocab,
        [
            ("Simon", "Simon", 2, "nsubjpass", "PROPN", "NNP"),
            ("was", "be", 2, "auxpass", "AUX", "VBD"),
            ("born", "bear", 2, "ROOT", "VERB", "VBN"),
            ("in", "in", 2, "prep", "ADP", "IN"),
            ("1907", "1907", 3, "pobj", "NUM", "CD"),
            ("and", "and", 2, "cc", "CCONJ", "CC"),
            ("spent", "spend", 2, "conj", "VERB", "VBD"),
            ("his", "his", 8, "poss", "PRON", "PRP$"),
            ("youth", "youth", 6, "dobj", "NOUN", "NN"),
        ],
        ents=["B-ORG", "O", "O", "O", "B-DATE", "O", "O", "O", "O"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Simon", "Person")]


def test_a_possessive_in_the_object_of_a_names_own_preposition_refers_back_to_it(vocab):
    doc = make_doc(  # "Simon returned to his home", the tagger calling Simon an organisation
        vocab,
        [
            ("Simon", "Simon", 1, "nsubj", "PROPN", "NNP"),
            ("returned", "return", 1, "ROOT", "VERB", "VBD"),
            ("to", "to", 1, "prep", "ADP", "IN"),
            ("his", "his", 4, "poss", "PRON", "PRP$"),
            ("home", "home", 2, "pobj", "NOUN", "NN"),
        ],
        ents=["B-ORG", "O", "O", "O", "O"],
    )
    assert [(m.text, m.type, m.rule) for m in extraction_of(doc).mentions] == [("Simon", "Person", "pronoun_cue")]


def test_a_noun_before_a_preposition_or_one_of_a_kind_types_the_name_after_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Shares", "share", 4, "nsubj", "NOUN", "NNS"),
            ("in", "in", 0, "prep", "ADP", "IN"),
            ("Widgetco", "Widgetco", 1, "pobj", "PROPN", "NNP"),
            (",", ",", 2, "punct", "PUNCT", ","),
            ("rose", "rise", 4, "ROOT", "VERB", "VBD"),
            ("and", "and", 4, "cc", "CCONJ", "CC"),
            ("Acme", "Acme", 12, "nsubj", "PROPN", "NNP"),
            (",", ",", 6, "punct", "PUNCT", ","),
            ("one", "one", 6, "appos", "NUM", "CD"),
            ("of", "of", 8, "prep", "ADP", "IN"),
            ("the", "the", 11, "det", "DET", "DT"),
            ("banks", "bank", 9, "pobj", "NOUN", "NNS"),
            ("fell", "fall", 4, "conj", "VERB", "VBD"),
        ],
        ents=["O", "O", "B-PERSON", "O", "O", "O", "B-PERSON", "O", "O", "O", "O", "O", "O"],
    )
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {
        ("Widgetco", "Organization"), ("Acme", "Organization")
    }


def test_the_kind_word_before_a_names_of_types_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("the", "the", 1, "det", "DET", "DT"),
            ("Duchy", "Duchy", 4, "nsubj", "PROPN", "NNP"),
            ("of", "of", 1, "prep", "ADP", "IN"),
            ("Zetland", "Zetland", 2, "pobj", "PROPN", "NNP"),
            ("grew", "grow", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["O", "B-PERSON", "I-PERSON", "I-PERSON", "O"],
    )
    assert [(m.text, m.type, m.rule) for m in extraction_of(doc).mentions] == [
        ("Duchy of Zetland", "Place", "head_noun")
    ]


def test_a_company_word_ending_a_name_the_tagger_calls_a_person_makes_it_an_organisation(vocab):
    doc = make_doc(
        vocab,
        [
            ("Zetland", "Zetland", 1, "compound", "PROPN", "NNP"),
            ("Wireless", "Wireless", 2, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 2, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "I-PERSON", "O"],
    )
    assert [(m.text, m.type, m.rule) for m in extraction_of(doc).mentions] == [
        ("Zetland Wireless", "Organization", "head_noun")
    ]


def test_a_name_before_a_drink_is_its_brand_but_a_name_ending_in_one_is_not(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "compound", "PROPN", "NNP"),
            ("rum", "rum", 2, "nsubj", "NOUN", "NN"),
            ("outsold", "outsell", 2, "ROOT", "VERB", "VBD"),
            ("Iron", "Iron", 5, "compound", "PROPN", "NNP"),
            ("&", "&", 3, "cc", "CCONJ", "CC"),
            ("Wine", "Wine", 2, "dobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "B-ORG", "I-ORG", "I-ORG"],
    )
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {
        ("Acme", "Product"), ("Iron & Wine", "Organization"),
    }


def test_a_name_tagged_as_a_nationality_is_a_name_when_a_kind_noun_types_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "amod", "ADJ", "JJ"),
            ("subsidiary", "subsidiary", 2, "compound", "NOUN", "NN"),
            ("Widgetco", "Widgetco", 3, "nsubj", "PROPN", "NNP"),
            ("sued", "sue", 3, "ROOT", "VERB", "VBD"),
            ("a", "a", 6, "det", "DET", "DT"),
            ("Chinese", "Chinese", 6, "amod", "ADJ", "JJ"),
            ("firm", "firm", 3, "dobj", "NOUN", "NN"),
        ],
        ents=["B-NORP", "O", "B-ORG", "O", "O", "B-NORP", "O"],
    )
    assert {(m.text, m.type, m.rule) for m in extraction_of(doc).mentions if m.rule != "demonym"} == {
        ("Acme", "Organization", "head_noun"), ("Widgetco", "Organization", "head_noun"),
    }


def test_a_place_takes_in_the_untagged_proper_nouns_it_modifies_but_not_a_title(vocab):
    doc = make_doc(
        vocab,
        [
            ("Newton", "Newton", 1, "compound", "PROPN", "NNP"),
            ("Aycliffe", "Aycliffe", 2, "compound", "PROPN", "NNP"),
            ("plant", "plant", 3, "nsubj", "NOUN", "NN"),
            ("hired", "hire", 3, "ROOT", "VERB", "VBD"),
            ("Texas", "Texas", 5, "compound", "PROPN", "NNP"),
            ("Gov.", "Gov.", 7, "compound", "PROPN", "NNP"),
            ("Jane", "Jane", 7, "compound", "PROPN", "NNP"),
            ("Doe", "Doe", 3, "dobj", "PROPN", "NNP"),
        ],
        ents=["B-GPE", "O", "O", "O", "B-GPE", "O", "B-PERSON", "I-PERSON"],
    )
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {
        ("Newton Aycliffe", "Place"), ("Texas", "Place"), ("Jane Doe", "Person"),
    }


def test_an_institution_named_with_its_place_splits_from_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("The", "the", 3, "det", "DET", "DT"),
            ("U.S.", "U.S.", 3, "compound", "PROPN", "NNP"),
            ("Navy", "Navy", 3, "compound", "PROPN", "NNP"),
            ("Department", "Department", 4, "nsubj", "PROPN", "NNP"),
            ("agreed", "agree", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["O", "B-ORG", "I-ORG", "I-ORG", "O"],
    )
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {
        ("U.S.", "Country"), ("Navy Department", "Organization"),
    }


def test_a_school_named_after_its_place_stays_one_name(vocab):
    doc = make_doc(
        vocab,
        [
            ("Massachusetts", "Massachusetts", 1, "compound", "PROPN", "NNP"),
            ("Institute", "Institute", 4, "nsubj", "PROPN", "NNP"),
            ("of", "of", 1, "prep", "ADP", "IN"),
            ("Technology", "Technology", 2, "pobj", "PROPN", "NNP"),
            ("agreed", "agree", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"],
    )
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {
        ("Massachusetts Institute of Technology", "Organization"),
    }


def test_a_name_stops_at_a_spaced_dash_before_a_lower_case_word_unless_the_text_spaces_all_its_hyphens(vocab):
    def mentions(after_dash: str, pos: str, hyphen_elsewhere: bool = False) -> set[str]:
        rows = [("Quinlan", "Quinlan", 1, "compound", "PROPN", "NNP"),
                ("Private", "Private", 3, "nsubj", "PROPN", "NNP"),
                ("-", "-", 3, "punct", "PUNCT", ":"), (after_dash, after_dash, 3, "ROOT", pos, "VBD"),
                ("Savoy", "Savoy", 3, "dobj", "PROPN", "NNP")]
        spaces = [True] * 5
        if hyphen_elsewhere:  # "... Savoy in hi-tech"
            rows += [("in", "in", 3, "prep", "ADP", "IN"), ("hi", "hi", 8, "compound", "NOUN", "NN"),
                     ("-", "-", 8, "punct", "PUNCT", "HYPH"), ("tech", "tech", 5, "pobj", "NOUN", "NN")]
            spaces += [True, False, False, True]
        doc = Doc(vocab, words=[r[0] for r in rows], spaces=spaces, lemmas=[r[1] for r in rows],
                  heads=[r[2] for r in rows], deps=[r[3] for r in rows], pos=[r[4] for r in rows],
                  tags=[r[5] for r in rows],
                  ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "B-ORG"] + ["O"] * (len(rows) - 5))
        return {m.text for m in extraction_of(doc).mentions}

    assert mentions("bought", "VERB") == {"Quinlan Private", "Savoy"}
    assert "Quinlan Private - ray" in mentions("ray", "NOUN")  # pre-tokenised text spaces its hyphens: "Blu - ray"
    assert "Quinlan Private" in mentions("show", "NOUN", hyphen_elsewhere=True)


def test_a_kind_noun_of_a_thing_after_a_name_leaves_its_span_but_a_places_stays(vocab):
    def mentions(noun: str, label: str) -> set[str]:
        doc = make_doc(
            vocab,
            [
                ("Acme", "Acme", 2, "compound", "PROPN", "NNP"),
                ("607", "607", 2, "nummod", "NUM", "CD"),
                (noun, noun, 3, "nsubj", "NOUN", "NN"),
                ("sold", "sell", 3, "ROOT", "VERB", "VBD"),
            ],
            ents=[f"B-{label}", f"I-{label}", f"I-{label}", "O"],
        )
        return {m.text for m in extraction_of(doc).mentions}

    assert mentions("model", "PRODUCT") == {"Acme 607"}
    assert mentions("county", "GPE") == {"Acme 607 county"}


def test_a_name_the_tagger_cut_in_two_is_one_name_with_the_label_of_its_head(vocab):
    doc = make_doc(
        vocab,
        [
            ("Chauncey", "Chauncey", 2, "compound", "PROPN", "NNP"),
            ("Bunce", "Bunce", 2, "compound", "PROPN", "NNP"),
            ("Brewster", "Brewster", 3, "nsubj", "PROPN", "NNP"),
            ("met", "meet", 3, "ROOT", "VERB", "VBD"),
            ("Pakistani", "Pakistani", 5, "compound", "PROPN", "NNP"),
            ("Smith", "Smith", 3, "dobj", "PROPN", "NNP"),
        ],
        ents=["B-GPE", "B-PERSON", "I-PERSON", "O", "B-NORP", "B-PERSON"],
    )
    assert {(m.text, m.type) for m in extraction_of(doc).mentions if m.rule != "demonym"} == {
        ("Chauncey Bunce Brewster", "Person"), ("Smith", "Person"),
    }


def test_a_street_or_a_record_label_is_typed_by_its_own_last_word(vocab):
    doc = make_doc(
        vocab,
        [
            ("Widget", "Widget", 1, "compound", "PROPN", "NNP"),
            ("Records", "Records", 2, "nsubj", "PROPN", "NNPS"),
            ("left", "leave", 2, "ROOT", "VERB", "VBD"),
            ("John", "John", 4, "compound", "PROPN", "NNP"),
            ("Doe", "Doe", 5, "compound", "PROPN", "NNP"),
            ("Drive", "Drive", 2, "dobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "I-PERSON"],
    )
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {
        ("Widget Records", "Organization"), ("John Doe Drive", "Place"),
    }


def test_a_person_takes_in_the_untagged_surname_it_modifies(vocab):
    doc = make_doc(
        vocab,
        [
            ("John", "John", 2, "compound", "PROPN", "NNP"),
            ("Wilkes", "Wilkes", 2, "compound", "PROPN", "NNP"),
            ("Booth", "Booth", 3, "nsubj", "PROPN", "NNP"),
            ("shot", "shoot", 3, "ROOT", "VERB", "VBD"),
            ("Lincoln", "Lincoln", 3, "dobj", "PROPN", "NNP"),
            (".", ".", 3, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O"],
    )
    extraction = extraction_of(doc)
    assert [m.text for m in extraction.mentions] == ["John Wilkes Booth", "Lincoln"]
    assert ("John Wilkes Booth", "killed", "Lincoln") in {
        (r.subject.text, r.predicate, r.object.text) for r in extraction.relations
    }


def test_a_story_code_leaves_a_name_and_a_time_zone_is_no_name(vocab):
    doc = make_doc(
        vocab,
        [
            ("FL2706231194", "FL2706231194", 3, "compound", "PROPN", "NNP"),
            ("Radio", "Radio", 3, "compound", "PROPN", "NNP"),
            ("Reloj", "Reloj", 3, "compound", "PROPN", "NNP"),
            ("Network", "Network", 3, "ROOT", "PROPN", "NNP"),
            ("at", "at", 3, "prep", "ADP", "IN"),
            ("1402", "1402", 6, "nummod", "NUM", "CD"),
            ("GMT", "GMT", 4, "pobj", "PROPN", "NNP"),
            ("PA0302025694", "PA0302025694", 3, "appos", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "B-ORG", "B-GPE"],
    )
    assert [m.text for m in extraction_of(doc).mentions] == ["Radio Reloj Network"]


def test_an_organisation_in_capitals_takes_in_the_untagged_capitals_that_modify_it(vocab):
    doc = make_doc(  # "Oikawa, YOMIURI SHIMBUN political editor": the tagger found only "SHIMBUN"
        vocab,
        [
            ("Oikawa", "Oikawa", 0, "ROOT", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("YOMIURI", "YOMIURI", 3, "nmod", "PROPN", "NNP"),
            ("SHIMBUN", "SHIMBUN", 5, "nmod", "PROPN", "NNP"),
            ("political", "political", 5, "amod", "ADJ", "JJ"),
            ("editor", "editor", 0, "appos", "NOUN", "NN"),
        ],
        ents=["B-PERSON", "O", "O", "B-ORG", "O", "O"],
    )
    assert {m.text for m in extraction_of(doc).mentions} == {"Oikawa", "YOMIURI SHIMBUN"}


def test_a_person_span_of_a_known_place_and_a_name_in_capitals_is_the_place_and_an_organisation(vocab):
    doc = make_doc(  # "Cairo AL-AHALI in Arabic", a paper's header the tagger read as one person's name
        vocab,
        [
            ("Cairo", "Cairo", 1, "compound", "PROPN", "NNP"),
            ("AHALI", "AHALI", 1, "ROOT", "PROPN", "NNP"),
            ("in", "in", 1, "prep", "ADP", "IN"),
            ("Arabic", "Arabic", 2, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "B-LANGUAGE"],
    )
    types = {m.text: m.type for m in extraction_of(doc).mentions}
    assert types == {"Cairo": "City", "AHALI": "Organization"}


def test_a_name_a_direction_is_measured_from_is_a_place(vocab):
    doc = make_doc(  # "It burned 70 miles northeast of Boise", the tagger calling Boise an organisation
        vocab,
        [
            ("It", "it", 1, "nsubj", "PRON", "PRP"),
            ("burned", "burn", 1, "ROOT", "VERB", "VBD"),
            ("70", "70", 3, "nummod", "NUM", "CD"),
            ("miles", "mile", 4, "npadvmod", "NOUN", "NNS"),
            ("northeast", "northeast", 1, "advmod", "ADV", "RB"),
            ("of", "of", 4, "prep", "ADP", "IN"),
            ("Boise", "Boise", 5, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "O", "O", "O", "B-ORG"],
    )
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Boise", "Place")]


def test_names_a_kind_noun_is_said_to_be_take_its_class(vocab):
    doc = make_doc(  # "The airlines are Aloha and Piedmont", the tagger calling both places
        vocab,
        [
            ("The", "the", 1, "det", "DET", "DT"),
            ("airlines", "airline", 2, "nsubj", "NOUN", "NNS"),
            ("are", "be", 2, "ROOT", "AUX", "VBP"),
            ("Aloha", "Aloha", 2, "attr", "PROPN", "NNP"),
            ("and", "and", 3, "cc", "CCONJ", "CC"),
            ("Piedmont", "Piedmont", 3, "conj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-GPE", "O", "B-GPE"],
    )
    types = {m.text: m.type for m in extraction_of(doc).mentions}
    assert types == {"Aloha": "Organization", "Piedmont": "Organization"}


def test_a_story_code_inside_a_tagged_span_parts_the_names_around_it(vocab):
    doc = make_doc(  # "Text of Article PM3001110194 London", all tagged as one organisation
        vocab,
        [
            ("Article", "Article", 2, "compound", "PROPN", "NNP"),
            ("PM3001110194", "PM3001110194", 2, "compound", "PROPN", "NNP"),
            ("London", "London", 2, "ROOT", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "I-ORG", "I-ORG"],
    )
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {
        ("Article", "Organization"), ("London", "City")
    }


def _name_and_bracket(vocab, inside: list[tuple[str, str]]):
    """ "Thorborg ( ... ) sang ." with the tagger calling Thorborg an organisation."""
    verb = len(inside) + 3
    words = [("Thorborg", "Thorborg", verb, "nsubj", "PROPN", "NNP"), ("(", "(", 0, "punct", "PUNCT", "-LRB-")]
    words += [(text, text, 0, "appos", pos, pos) for text, pos in inside]
    words += [(")", ")", 0, "punct", "PUNCT", "-RRB-"), ("sang", "sing", verb, "ROOT", "VERB", "VBD")]
    return make_doc(vocab, words, ents=["B-ORG"] + ["O"] * (len(words) - 1))


def test_a_name_before_a_bracket_with_a_birth_or_a_life_span_is_a_person(vocab):
    for inside in ([("born", "VERB"), ("1896", "NUM")], [("1896", "NUM"), ("-", "SYM"), ("1970", "NUM")]):
        types = {(m.text, m.type) for m in extraction_of(_name_and_bracket(vocab, inside)).mentions}
        assert ("Thorborg", "Person") in types
    types = {(m.text, m.type) for m in extraction_of(_name_and_bracket(vocab, [("Oslo", "PROPN")])).mentions}
    assert ("Thorborg", "Organization") in types


def test_a_party_initial_joined_to_a_state_is_no_mention_of_the_place(vocab):
    words = ["Smith", ",", "D", "-", "Calif.", ",", "said", "in", "Calif.", "."]
    doc = Doc(
        vocab, words=words, spaces=[False, True, False, False, False, True, True, True, False, False],
        heads=[6, 0, 4, 4, 0, 0, 6, 6, 7, 6], deps=["nsubj", "punct", "compound", "punct", "appos", "punct", "ROOT",
                                                   "prep", "pobj", "punct"],
        pos=["PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "ADP", "PROPN", "PUNCT"],
        ents=["B-PERSON", "O", "O", "O", "B-GPE", "O", "O", "O", "B-GPE", "O"],
    )
    places = [m.start for m in extraction_of(doc).mentions if m.text == "Calif."]
    assert places == [doc[8].idx]


def test_a_name_that_possesses_a_street_or_a_son_takes_the_class_of_the_noun(vocab):
    for noun, cls in (("street", "Place"), ("son", "Person")):
        doc = make_doc(
            vocab,
            [
                ("Winterset", "Winterset", 2, "poss", "PROPN", "NNP"),
                ("'s", "'s", 0, "case", "PART", "POS"),
                (noun, noun, 3, "nsubj", "NOUN", "NN"),
                ("grew", "grow", 3, "ROOT", "VERB", "VBD"),
            ],
            ents=["B-ORG", "O", "O", "O"],
        )
        assert ("Winterset", cls) in {(m.text, m.type) for m in extraction_of(doc).mentions}


def test_a_party_initial_joined_to_a_state_before_a_title_is_no_person(vocab):
    words = ["Smith", ",", "D", "-", "Ariz.", ",", "chairman", ",", "said"]
    doc = Doc(  # the untagged "Ariz." in apposition to "chairman", as the parser hangs it
        vocab, words=words, spaces=[False, True, False, False, False, True, False, True, False],
        heads=[8, 0, 4, 4, 0, 4, 4, 0, 8], deps=["nsubj", "punct", "compound", "punct", "appos", "punct", "appos",
                                                 "punct", "ROOT"],
        pos=["PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PUNCT", "NOUN", "PUNCT", "VERB"],
        lemmas=["Smith", ",", "D", "-", "Ariz.", ",", "chairman", ",", "say"],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "O", "O", "O"],
    )
    assert [m.text for m in extraction_of(doc).mentions] == ["Smith"]


def test_an_era_after_a_year_is_no_place(vocab):
    words = ["Caesar", "died", "in", "44", "B.C.", "near", "B.C."]
    doc = Doc(
        vocab, words=words, heads=[1, 1, 1, 4, 2, 1, 5],
        deps=["nsubj", "ROOT", "prep", "nummod", "pobj", "prep", "pobj"],
        pos=["PROPN", "VERB", "ADP", "NUM", "PROPN", "ADP", "PROPN"],
        ents=["B-PERSON", "O", "O", "O", "B-GPE", "O", "O"],
    )
    assert [(m.text, m.start) for m in extraction_of(doc).mentions if m.type != "Person"] == [("B.C.", doc[6].idx)]


def test_an_institution_the_tagger_cut_at_a_preposition_of_its_name_is_one_name(vocab):
    doc = make_doc(  # "the Agency for" + "International Development"; "Senate Committee" on "Veterans Affairs"
        vocab,
        [
            ("Agency", "Agency", 3, "nsubj", "PROPN", "NNP"),
            ("for", "for", 0, "prep", "ADP", "IN"),
            ("Development", "Development", 1, "pobj", "PROPN", "NNP"),
            ("told", "tell", 3, "ROOT", "VERB", "VBD"),
            ("the", "the", 6, "det", "DET", "DT"),
            ("Senate", "Senate", 6, "compound", "PROPN", "NNP"),
            ("Committee", "Committee", 3, "dobj", "PROPN", "NNP"),
            ("on", "on", 6, "prep", "ADP", "IN"),
            ("Veterans", "Veterans", 9, "compound", "PROPN", "NNP"),
            ("Affairs", "Affairs", 7, "pobj", "PROPN", "NNP"),
            ("on", "on", 3, "prep", "ADP", "IN"),
            ("Acme", "Acme", 10, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "I-ORG", "B-ORG", "O", "O", "B-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "O", "B-ORG"],
    )
    assert [m.text for m in extraction_of(doc).mentions] == [
        "Agency for Development", "Senate Committee on Veterans Affairs", "Acme",
    ]


def test_an_organisation_the_tagger_cut_at_a_plural_possessive_inside_its_name_is_one_name(vocab):
    doc = make_doc(  # "Figures from the British Bankers' Association showed a fall. Investors' shares in Acme rose."
        vocab,
        [
            ("Figures", "figure", 7, "nsubj", "NOUN", "NNS"),
            ("from", "from", 0, "prep", "ADP", "IN"),
            ("the", "the", 4, "det", "DET", "DT"),
            ("British", "British", 4, "compound", "PROPN", "NNP"),
            ("Bankers", "Bankers", 6, "poss", "PROPN", "NNPS"),
            ("'", "'", 4, "case", "PART", "POS"),
            ("Association", "Association", 1, "pobj", "PROPN", "NNP"),
            ("showed", "show", 7, "ROOT", "VERB", "VBD"),
            ("a", "a", 9, "det", "DET", "DT"),
            ("fall", "fall", 7, "dobj", "NOUN", "NN"),
            (".", ".", 7, "punct", "PUNCT", "."),
        ],
        ents=["O", "O", "O", "B-ORG", "I-ORG", "O", "B-ORG", "O", "O", "O", "O"],
    )
    assert [m.text for m in extraction_of(doc).mentions] == ["British Bankers' Association"]


def test_a_lone_name_the_tagger_calls_a_group_is_an_organisation_unless_it_is_a_peoples_word(vocab):
    rows = [  # "Symantec warned Asians and Serb users."
        ("Symantec", "Symantec", 1, "nsubj", "PROPN", "NNP"),
        ("warned", "warn", 1, "ROOT", "VERB", "VBD"),
        ("Asians", "Asians", 1, "dobj", "PROPN", "NNPS"),
        ("and", "and", 2, "cc", "CCONJ", "CC"),
        ("Serb", "Serb", 5, "compound", "PROPN", "NNP"),
        ("users", "user", 2, "conj", "NOUN", "NNS"),
        (".", ".", 1, "punct", "PUNCT", "."),
    ]
    doc = make_doc(vocab, rows, ents=["B-NORP", "O", "B-NORP", "O", "B-NORP", "O", "O"])
    assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Symantec", "Organization")]


def test_a_state_abbreviation_written_apart_from_its_period_is_one_place_with_it(vocab):
    words = ["HUNTINGTON", ",", "Ind", ".", "He", "left", "Minn", "."]
    doc = Doc(  # pre-tokenised text: "Ind ." untagged, "Minn ." tagged a person without its period
        vocab, words=words, heads=[0, 0, 0, 0, 5, 5, 5, 5],
        deps=["ROOT", "punct", "npadvmod", "punct", "nsubj", "ROOT", "dobj", "punct"],
        pos=["PROPN", "PUNCT", "PROPN", "PUNCT", "PRON", "VERB", "PROPN", "PUNCT"],
        sent_starts=[True, False, False, False, True, False, False, False],
        ents=["B-ORG", "O", "O", "O", "O", "O", "B-PERSON", "O"],
    )
    assert [(m.text, m.type, m.merge_name) for m in extraction_of(doc).mentions] == [
        ("HUNTINGTON", "Place", "HUNTINGTON"), ("Ind .", "Place", "Ind."), ("Minn .", "Place", "Minn."),
    ]


def test_a_title_a_name_modifies_stays_outside_the_persons_span(vocab):
    doc = make_doc(  # "Soviet President Gorbachev met President Kennedy"
        vocab,
        [
            ("Soviet", "Soviet", 1, "amod", "ADJ", "JJ"),
            ("President", "President", 2, "compound", "PROPN", "NNP"),
            ("Gorbachev", "Gorbachev", 3, "nsubj", "PROPN", "NNP"),
            ("met", "meet", 3, "ROOT", "VERB", "VBD"),
            ("President", "President", 5, "compound", "PROPN", "NNP"),
            ("Kennedy", "Kennedy", 3, "dobj", "PROPN", "NNP"),
        ],
        ents=["B-NORP", "O", "B-PERSON", "O", "O", "B-PERSON"],
    )
    people = [(m.text, m.merge_name) for m in extraction_of(doc).mentions if m.type == "Person"]
    assert people == [("Gorbachev", "Gorbachev"), ("Kennedy", "Kennedy")]  # an office, outside a killing's account


def test_a_months_abbreviation_after_a_day_is_no_name(vocab):
    words = ["Smith", "left", "on", "5", "Mar"]
    doc = Doc(
        vocab, words=words, heads=[1, 1, 1, 4, 2], deps=["nsubj", "ROOT", "prep", "nummod", "pobj"],
        pos=["PROPN", "VERB", "ADP", "NUM", "PROPN"], ents=["B-PERSON", "O", "O", "O", "B-PERSON"],
    )
    assert [m.text for m in extraction_of(doc).mentions] == ["Smith"]


def test_a_surname_cut_at_its_apostrophe_is_whole_again(vocab):
    words = ["James", "O", "'", "Brien", "said"]
    doc = Doc(  # pre-tokenised "James O 'Brien said", the tagger stopping at the apostrophe
        vocab, words=words, spaces=[True, True, False, True, False], heads=[3, 3, 3, 4, 4],
        deps=["compound", "compound", "punct", "nsubj", "ROOT"], pos=["PROPN", "PROPN", "PUNCT", "PROPN", "VERB"],
        ents=["B-PERSON", "I-PERSON", "I-PERSON", "O", "O"],
    )
    assert [m.text for m in extraction_of(doc).mentions] == ["James O 'Brien"]


def test_a_name_after_a_form_of_address_is_a_person_whatever_the_tagger_called_it(vocab):
    rows = [
        ("John", "John", 1, "compound", "PROPN", "NNP"),
        ("Smith", "Smith", 2, "nsubj", "PROPN", "NNP"),
        ("left", "leave", 2, "ROOT", "VERB", "VBD"),
        (".", ".", 2, "punct", "PUNCT", "."),
        ("Prof", "Prof", 5, "compound", "PROPN", "NNP"),
        ("Smith", "Smith", 6, "nsubj", "PROPN", "NNP"),
        ("agreed", "agree", 6, "ROOT", "VERB", "VBD"),
    ]
    doc = make_doc(vocab, rows, ents=["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "I-ORG", "O"])
    assert ("Prof Smith", "Person", "Smith") in {(m.text, m.type, m.name) for m in extraction_of(doc).mentions}
    alone = [(word, lemma, head - 4, dep, pos, tag) for word, lemma, head, dep, pos, tag in rows[4:]]
    brand = make_doc(vocab, alone, ents=["B-ORG", "I-ORG", "O"])  # no fuller name: "Dr Pepper" is a brand
    assert {(m.text, m.type) for m in extraction_of(brand).mentions} == {("Prof Smith", "Organization")}


def test_an_adjective_of_origin_before_a_persons_name_is_no_part_of_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Texan", "Texan", 2, "amod", "ADJ", "JJ"),
            ("Jane", "Jane", 2, "compound", "PROPN", "NNP"),
            ("Doe", "Doe", 3, "nsubj", "PROPN", "NNP"),
            ("agreed", "agree", 3, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "I-PERSON", "I-PERSON", "O"],
    )
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {("Jane Doe", "Person")}


def test_a_hyphened_or_derived_adjective_of_origin_modifying_a_noun_is_no_name(vocab):
    doc = make_doc(
        vocab,
        [
            ("Anglo-Dutch", "Anglo-Dutch", 1, "amod", "ADJ", "JJ"),
            ("firms", "firm", 2, "nsubj", "NOUN", "NNS"),
            ("hired", "hire", 2, "ROOT", "VERB", "VBD"),
            ("Californian", "Californian", 4, "amod", "ADJ", "JJ"),
            ("bankers", "banker", 2, "dobj", "NOUN", "NNS"),
        ],
        ents=["B-ORG", "O", "O", "B-ORG", "O"],
    )
    assert extraction_of(doc).mentions == ()


def test_an_organisations_span_listing_names_with_commas_is_split_but_not_at_a_suffix(vocab):
    doc = make_doc(
        vocab,
        [
            ("Widgetco", "Widgetco", 3, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("Gadgetco", "Gadgetco", 0, "conj", "PROPN", "NNP"),
            ("sued", "sue", 3, "ROOT", "VERB", "VBD"),
            ("Acme", "Acme", 3, "dobj", "PROPN", "NNP"),
            (",", ",", 4, "punct", "PUNCT", ","),
            ("Inc.", "Inc.", 4, "appos", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "I-ORG"],
    )
    assert {m.text for m in extraction_of(doc).mentions} == {"Widgetco", "Gadgetco", "Acme, Inc."}


def test_a_law_is_a_work_by_its_own_kind_word_but_an_act_beside_a_name_is_no_law(vocab):
    rows = [
        ("the", "the", 3, "det", "DET", "DT"),
        ("Widget", "Widget", 2, "compound", "PROPN", "NNP"),
        ("Trade", "Trade", 3, "compound", "PROPN", "NNP"),
        ("Act", "Act", 4, "nsubj", "PROPN", "NNP"),
        ("helped", "help", 4, "ROOT", "VERB", "VBD"),
        ("Zorblax", "Zorblax", 4, "dobj", "PROPN", "NNP"),
        (",", ",", 5, "punct", "PUNCT", ","),
        ("a", "a", 9, "det", "DET", "DT"),
        ("popular", "popular", 9, "amod", "ADJ", "JJ"),
        ("act", "act", 5, "appos", "NOUN", "NN"),
    ]
    ents = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "O", "O", "O", "O"]
    found = {(m.text, m.type) for m in extraction_of(make_doc(vocab, rows, ents)).mentions}
    assert ("Widget Trade Act", "CreativeWork") in found
    assert ("Zorblax", "Organization") in found


def test_a_name_before_a_plural_of_countries_is_the_group_they_form(vocab):
    rows = [
        ("the", "the", 2, "det", "DET", "DT"),
        ("Zeta", "Zeta", 2, "compound", "PROPN", "NNP"),
        ("countries", "country", 3, "nsubj", "NOUN", "NNS"),
        ("met", "meet", 3, "ROOT", "VERB", "VBD"),
    ]
    ents = ["O", "B-GPE", "O", "O"]
    assert {(m.text, m.type) for m in extraction_of(make_doc(vocab, rows, ents)).mentions} == {
        ("Zeta", "Organization")}


def test_two_or_three_capitals_the_gazetteer_does_not_know_are_no_place(vocab):
    rows = [
        ("BT", "BT", 1, "nsubj", "PROPN", "NNP"),
        ("reports", "report", 1, "ROOT", "VERB", "VBZ"),
        ("from", "from", 1, "prep", "ADP", "IN"),
        ("UK", "UK", 2, "pobj", "PROPN", "NNP"),
    ]
    found = {(m.text, m.type) for m in extraction_of(make_doc(vocab, rows, ["B-GPE", "O", "O", "B-GPE"])).mentions}
    assert ("BT", "Organization") in found and ("UK", "Country") in found


def test_an_entity_span_ending_in_a_preposition_stops_before_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Institute", "Institute", 0, "ROOT", "PROPN", "NNP"),
            ("of", "of", 0, "prep", "ADP", "IN"),
            ("Zetland", "Zetland", 1, "pobj", "PROPN", "NNP"),
            ("at", "at", 0, "prep", "ADP", "IN"),
            ("Acme", "Acme", 5, "compound", "PROPN", "NNP"),
            ("University", "University", 3, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "B-ORG", "I-ORG"],
    )
    assert {m.text for m in extraction_of(doc).mentions} == {"Institute of Zetland", "Acme University"}


def test_an_untagged_given_name_before_a_person_joins_the_name_when_the_document_addresses_them(vocab):
    def mentions(addressed: str) -> set[str]:
        doc = make_doc(
            vocab,
            [
                ("Ard", "Ard", 2, "compound", "PROPN", "NNP"),
                ("Jan", "Jan", 2, "compound", "PROPN", "NNP"),
                ("Zed", "Zed", 3, "nsubj", "PROPN", "NNP"),
                ("spoke", "speak", 3, "ROOT", "VERB", "VBD"),
                (".", ".", 3, "punct", "PUNCT", "."),
                ("Mr", "Mr", 6, "compound", "PROPN", "NNP"),
                (addressed, addressed, 7, "nsubj", "PROPN", "NNP"),
                ("left", "leave", 7, "ROOT", "VERB", "VBD"),
            ],
            ents=["O", "B-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "O"],
        )
        return {m.text for m in extraction_of(doc).mentions}

    assert "Ard Jan Zed" in mentions("Zed")
    assert "Jan Zed" in mentions("Zen"), "no honorific for him: the word may be a title's ('Prime' Minister)"


def test_untagged_proper_nouns_before_a_number_name_a_product_unless_they_number_something_else(vocab):
    def mentions(word: str) -> set[tuple[str, str]]:
        doc = make_doc(
            vocab,
            [
                ("Fans", "fan", 1, "nsubj", "NOUN", "NNS"),
                ("played", "play", 1, "ROOT", "VERB", "VBD"),
                (word, word, 1, "dobj", "PROPN", "NNP"),
                ("3", "3", 2, "nummod", "NUM", "CD"),
            ],
            ents=["O", "O", "O", "B-CARDINAL"],
        )
        return {(m.text, m.type) for m in extraction_of(doc).mentions}

    assert mentions("Zoom") == {("Zoom 3", "Product")}
    assert mentions("Chapter") == set()


def test_a_magazine_or_an_exchange_named_after_its_kind_noun_is_an_organisation_though_tagged_a_person(vocab):
    for kind in ("magazine", "exchange"):
        doc = make_doc(
            vocab,
            [
                (kind, kind, 1, "compound", "NOUN", "NN"),
                ("Spiegel", "Spiegel", 2, "nsubj", "PROPN", "NNP"),
                ("said", "say", 2, "ROOT", "VERB", "VBD"),
                ("so", "so", 2, "advmod", "ADV", "RB"),
                (".", ".", 2, "punct", "PUNCT", "."),
            ],
            ents=["O", "B-PERSON", "O", "O", "O"],
        )
        assert [(m.text, m.type) for m in extraction_of(doc).mentions] == [("Spiegel", "Organization")], kind


def test_a_possessive_in_the_infinitive_an_adjective_takes_refers_back_to_the_subject(vocab):
    doc = make_doc(
        vocab,
        [
            ("Widgetco", "Widgetco", 1, "nsubj", "PROPN", "NNP"),
            ("was", "be", 1, "ROOT", "AUX", "VBD"),
            ("keen", "keen", 1, "acomp", "ADJ", "JJ"),
            ("to", "to", 4, "aux", "PART", "TO"),
            ("show", "show", 2, "xcomp", "VERB", "VB"),
            ("its", "its", 6, "poss", "PRON", "PRP$"),
            ("phones", "phone", 4, "dobj", "NOUN", "NNS"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "O", "O"],
    )
    assert ("Widgetco", "Organization") in {(m.text, m.type) for m in extraction_of(doc).mentions}


def test_capitals_that_abbreviate_the_common_words_before_them_name_nothing_in_the_document(vocab):
    doc = make_doc(  # "Acme sells a video recorder (VR). The VR costs more."
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("sells", "sell", 1, "ROOT", "VERB", "VBZ"),
            ("a", "a", 4, "det", "DET", "DT"),
            ("video", "video", 4, "compound", "NOUN", "NN"),
            ("recorder", "recorder", 1, "dobj", "NOUN", "NN"),
            ("(", "(", 6, "punct", "PUNCT", "-LRB-"),
            ("VR", "VR", 4, "appos", "PROPN", "NNP"),
            (")", ")", 6, "punct", "PUNCT", "-RRB-"),
            (".", ".", 1, "punct", "PUNCT", "."),
            ("The", "the", 10, "det", "DET", "DT"),
            ("VR", "VR", 11, "nsubj", "PROPN", "NNP"),
            ("costs", "cost", 11, "ROOT", "VERB", "VBZ"),
            ("more", "more", 11, "dobj", "ADJ", "JJR"),
            (".", ".", 11, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "B-ORG", "O", "O", "O"],
    )
    assert [m.text for m in extraction_of(doc).mentions] == ["Acme"]
