"""Extraction rules on hand-built parses: no statistical model needed."""

from __future__ import annotations

from kg.extractors import extract_document
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


def _extraction(doc, text_id: str = "t"):
    return extract_document(doc, Document.from_text(text_id, doc.text))


def test_coordinated_objects_each_get_the_fact(vocab):
    doc = make_doc(
        vocab,
        [
            ("Google", "Google", 1, "nsubj", "PROPN", "NNP"),
            ("acquired", "acquire", 1, "ROOT", "VERB", "VBD"),
            ("DeepMind", "DeepMind", 1, "dobj", "PROPN", "NNP"),
            ("and", "and", 2, "cc", "CCONJ", "CC"),
            ("Wiz", "Wiz", 2, "conj", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "B-ORG", "O", "B-ORG", "O"],
    )
    assert _facts(doc) == {("Google", "acquired", "DeepMind"), ("Google", "acquired", "Wiz")}


def test_pronoun_subject_resolves_to_antecedent_but_keeps_its_own_offsets(vocab):
    doc = make_doc(
        vocab,
        [
            ("DeepSeek", "DeepSeek", 1, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
            (".", ".", 1, "punct", "PUNCT", "."),
            ("It", "it", 4, "nsubj", "PRON", "PRP"),
            ("released", "release", 4, "ROOT", "VERB", "VBD"),
            ("R1", "R1", 4, "dobj", "PROPN", "NNP"),
            (".", ".", 4, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-PRODUCT", "O"],
    )
    (relation,) = _extraction(doc).relations
    assert relation.predicate == "released" and relation.object.text == "R1"
    assert relation.subject.text == "It" and doc.text[relation.subject.start : relation.subject.end] == "It"
    assert relation.subject.merge_name == "DeepSeek" and relation.subject.name_rule == "coreference"


def test_honorific_joins_the_person_mention_but_not_its_name(vocab):
    doc = make_doc(
        vocab,
        [
            ("President", "President", 1, "compound", "PROPN", "NNP"),
            ("Kennedy", "Kennedy", 2, "nsubj", "PROPN", "NNP"),
            ("spoke", "speak", 2, "ROOT", "VERB", "VBD"),
        ],
        ents=["O", "B-PERSON", "O"],
    )
    (mention,) = _extraction(doc).mentions
    assert mention.text == "President Kennedy" and mention.merge_name == "Kennedy" and mention.type == "Person"


def test_place_comma_place_is_located_in_and_typed_by_the_gazetteer(vocab):
    doc = make_doc(
        vocab,
        [
            ("He", "he", 1, "nsubj", "PRON", "PRP"),
            ("lives", "live", 1, "ROOT", "VERB", "VBZ"),
            ("in", "in", 1, "prep", "ADP", "IN"),
            ("Vienna", "Vienna", 2, "pobj", "PROPN", "NNP"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("Austria", "Austria", 3, "appos", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-GPE", "O", "B-GPE"],
    )
    extraction = _extraction(doc)
    assert {(m.text, m.type) for m in extraction.mentions} == {("Vienna", "City"), ("Austria", "Country")}
    assert ("Vienna", "locatedIn", "Austria") in _facts(doc)


def test_dateline_places_the_agency(vocab):
    doc = make_doc(
        vocab,
        [
            ("PARIS", "PARIS", 0, "ROOT", "PROPN", "NNP"),
            ("(", "(", 0, "punct", "PUNCT", "-LRB-"),
            ("AFP", "AFP", 0, "appos", "PROPN", "NNP"),
            (")", ")", 0, "punct", "PUNCT", "-RRB-"),
        ],
        ents=["B-GPE", "O", "B-ORG", "O"],
    )
    assert _facts(doc) == {("AFP", "basedIn", "PARIS")}


def test_parenthesised_name_and_acronym_link_to_the_name_before(vocab):
    doc = make_doc(
        vocab,
        [
            ("National", "National", 3, "compound", "PROPN", "NNP"),
            ("Space", "Space", 3, "compound", "PROPN", "NNP"),
            ("Development", "Development", 3, "compound", "PROPN", "NNP"),
            ("Agency", "Agency", 7, "nsubj", "PROPN", "NNP"),
            ("(", "(", 3, "punct", "PUNCT", "-LRB-"),
            ("NASDA", "NASDA", 3, "appos", "PROPN", "NNP"),
            (")", ")", 3, "punct", "PUNCT", "-RRB-"),
            ("grew", "grow", 7, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "O", "O"],
    )
    acronym = next(m for m in _extraction(doc).mentions if m.text == "NASDA")
    assert acronym.merge_name == "National Space Development Agency" and acronym.name_rule == "acronym"


def test_two_places_the_gazetteer_knows_apart_are_no_alias_in_brackets(vocab):
    doc = make_doc(
        vocab,
        [
            ("Indosuez", "Indosuez", 1, "compound", "PROPN", "NNP"),
            ("Asia", "Asia", 5, "compound", "PROPN", "NNP"),
            ("(", "(", 1, "punct", "PUNCT", "-LRB-"),
            ("Singapore", "Singapore", 1, "appos", "PROPN", "NNP"),
            (")", ")", 1, "punct", "PUNCT", "-RRB-"),
            ("Ltd", "Ltd", 6, "nsubj", "PROPN", "NNP"),
            ("agreed", "agree", 6, "ROOT", "VERB", "VBD"),
        ],
        ents=["O", "B-LOC", "O", "B-GPE", "O", "O", "O"],
    )
    singapore = next(m for m in _extraction(doc).mentions if m.text == "Singapore")
    assert singapore.merge_name == "Singapore" and singapore.name_rule == ""


def test_proper_noun_possessed_by_a_place_is_an_organisation_based_there(vocab):
    doc = make_doc(
        vocab,
        [
            ("France", "France", 3, "poss", "PROPN", "NNP"),
            ("’s", "’s", 0, "case", "PART", "POS"),
            ("Mistral", "Mistral", 3, "compound", "PROPN", "NNP"),
            ("AI", "AI", 4, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-GPE", "O", "O", "O", "O"],
    )
    mistral = next(m for m in _extraction(doc).mentions if m.text == "Mistral AI")
    assert mistral.type == "Organization"
    assert _facts(doc) == {("Mistral AI", "basedIn", "France")}


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
    (alibaba,) = _extraction(doc).mentions
    assert alibaba.type == "Organization" and alibaba.rule == "head_noun"


def test_killer_title_needs_a_person_victim(vocab):
    doc = make_doc(
        vocab,
        [
            ("James", "James", 1, "compound", "PROPN", "NNP"),
            ("Ray", "Ray", 7, "nsubj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("the", "the", 4, "det", "DET", "DT"),
            ("killer", "killer", 1, "appos", "NOUN", "NN"),
            ("of", "of", 4, "prep", "ADP", "IN"),
            ("King", "King", 5, "pobj", "PROPN", "NNP"),
            ("died", "die", 7, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-PERSON", "O"],
    )
    assert _facts(doc) == {("James Ray", "killed", "King")}


def test_text_in_another_script_is_not_content(vocab):
    doc = make_doc(vocab, [("Сэтгэгдэл", "Сэтгэгдэл", 0, "ROOT", "PROPN", "NNP")], ents=["B-PRODUCT"])
    assert _extraction(doc).mentions == ()


def test_native_place_of_a_possessive_pronoun_is_where_the_person_is_from(vocab):
    doc = make_doc(
        vocab,
        [
            ("Jackson", "Jackson", 1, "nsubj", "PROPN", "NNP"),
            ("won", "win", 1, "ROOT", "VERB", "VBD"),
            ("in", "in", 1, "prep", "ADP", "IN"),
            ("his", "his", 5, "poss", "PRON", "PRP$"),
            ("native", "native", 5, "amod", "ADJ", "JJ"),
            ("Texas", "Texas", 2, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "B-GPE"],
    )
    assert ("Jackson", "livesIn", "Texas") in {(r.subject.merge_name, r.predicate, r.object.text) for r in _extraction(doc).relations}


def test_object_pronoun_is_not_its_own_subject_and_a_name_in_the_sentence_stands_for_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Kennedy", "Kennedy", 1, "nsubj", "PROPN", "NNP"),
            ("won", "win", 1, "ROOT", "VERB", "VBD"),
            ("when", "when", 4, "advmod", "SCONJ", "WRB"),
            ("Sirhan", "Sirhan", 4, "nsubj", "PROPN", "NNP"),
            ("shot", "shoot", 1, "advcl", "VERB", "VBD"),
            ("him", "he", 4, "dobj", "PRON", "PRP"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "O", "O", "B-PERSON", "O", "O", "O"],
    )
    assert _facts(doc) == {("Sirhan", "killed", "Kennedy")}


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
    extraction = _extraction(doc)
    assert {(m.text, m.type) for m in extraction.mentions} >= {("Warner", "Person")}
    assert ("Warner", "livesIn", "Ocala") in _facts(doc)


def test_a_place_native_is_a_person_from_a_place(vocab):
    doc = make_doc(
        vocab,
        [
            ("Vee", "Vee", 5, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("a", "a", 4, "det", "DET", "DT"),
            ("Fargo", "Fargo", 4, "compound", "PROPN", "NNP"),
            ("native", "native", 0, "appos", "ADJ", "JJ"),
            ("sang", "sing", 5, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "O", "B-ORG", "O", "O"],
    )
    assert {(m.text, m.type) for m in _extraction(doc).mentions} == {("Vee", "Person"), ("Fargo", "Place")}
    assert _facts(doc) == {("Vee", "livesIn", "Fargo")}


def test_a_person_described_by_any_role_at_an_organisation_works_there(vocab):
    doc = make_doc(
        vocab,
        [
            ("Pimentel", "Pimentel", 5, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("an", "an", 3, "det", "DET", "DT"),
            ("entomologist", "entomologist", 0, "appos", "NOUN", "NN"),
            ("at", "at", 3, "prep", "ADP", "IN"),
            ("spoke", "speak", 5, "ROOT", "VERB", "VBD"),
            ("Cornell", "Cornell", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "B-ORG"],
    )
    assert _facts(doc) == {("Pimentel", "worksFor", "Cornell")}


def test_by_phrase_names_the_agent_of_a_killing_noun(vocab):
    doc = make_doc(
        vocab,
        [
            ("the", "the", 1, "det", "DET", "DT"),
            ("slaying", "slaying", 1, "ROOT", "NOUN", "NN"),
            ("of", "of", 1, "prep", "ADP", "IN"),
            ("Oswald", "Oswald", 2, "pobj", "PROPN", "NNP"),
            ("by", "by", 1, "prep", "ADP", "IN"),
            ("Ruby", "Ruby", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-PERSON", "O", "B-PERSON"],
    )
    assert _facts(doc) == {("Ruby", "killed", "Oswald")}


def test_possessive_on_the_name_after_a_title_belongs_to_the_title(vocab):
    doc = make_doc(
        vocab,
        [
            ("Garfield", "Garfield", 4, "poss", "PROPN", "NNP"),
            ("'s", "'s", 0, "case", "PART", "POS"),
            ("assassin", "assassin", 4, "compound", "PROPN", "NNP"),
            ("Charles", "Charles", 4, "compound", "PROPN", "NNP"),
            ("Guiteau", "Guiteau", 5, "nsubj", "PROPN", "NNP"),
            ("prances", "prance", 5, "ROOT", "VERB", "VBZ"),
        ],
        ents=["B-PERSON", "O", "O", "B-PERSON", "I-PERSON", "O"],
    )
    assert _facts(doc) == {("Charles Guiteau", "killed", "Garfield")}


def test_adjective_of_nationality_places_an_organisation_in_the_country_named_in_its_sentence(vocab):
    doc = make_doc(
        vocab,
        [
            ("the", "the", 2, "det", "DET", "DT"),
            ("German", "German", 2, "amod", "ADJ", "JJ"),
            ("Government", "Government", 3, "nsubj", "PROPN", "NNP"),
            ("acts", "act", 3, "ROOT", "VERB", "VBZ"),
            ("in", "in", 3, "prep", "ADP", "IN"),
            ("Germany", "Germany", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "B-ORG", "O", "O", "B-GPE"],
    )
    (relation,) = _extraction(doc).relations
    assert (relation.subject.text, relation.predicate, relation.object.text) == ("Government", "basedIn", "Germany")
    assert relation.rule == "locate-demonym"


def test_agency_header_after_a_place_is_an_organisation_based_there(vocab):
    for ents in (["B-GPE", "O"], ["B-GPE", "I-GPE"]):  # "Beijing XINHUA": the agency untagged or tagged with the place
        doc = make_doc(
            vocab,
            [("Beijing", "Beijing", 1, "compound", "PROPN", "NNP"), ("XINHUA", "XINHUA", 1, "ROOT", "PROPN", "NNP")],
            ents=ents,
        )
        assert {(m.text, m.type) for m in _extraction(doc).mentions} == {("Beijing", "City"), ("XINHUA", "Organization")}
        assert _facts(doc) == {("XINHUA", "basedIn", "Beijing")}


def test_name_in_capitals_before_a_job_title_is_the_employer(vocab):
    doc = make_doc(
        vocab,
        [
            ("By", "by", 0, "ROOT", "ADP", "IN"),
            ("ITAR", "ITAR", 3, "compound", "PROPN", "NNP"),
            ("-", "-", 1, "punct", "PUNCT", "HYPH"),
            ("TASS", "TASS", 4, "compound", "PROPN", "NNP"),
            ("correspondent", "correspondent", 6, "compound", "NOUN", "NN"),
            ("Mikhail", "Mikhail", 6, "compound", "PROPN", "NNP"),
            ("Shevtsov", "Shevtsov", 0, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "O", "O", "B-PERSON", "I-PERSON"],
    )
    assert _facts(doc) == {("Mikhail Shevtsov", "worksFor", "ITAR- TASS")}  # make_doc spaces after the hyphen


def test_title_set_off_by_commas_describes_the_person_beside_it_when_the_parse_misses_the_apposition(vocab):
    doc = make_doc(
        vocab,
        [
            ("Anderson", "Anderson", 6, "npadvmod", "PROPN", "NNP"),
            (",", ",", 6, "punct", "PUNCT", ","),
            ("the", "the", 4, "det", "DET", "DT"),
            ("GE", "GE", 4, "compound", "PROPN", "NNP"),
            ("attorney", "attorney", 6, "nsubj", "NOUN", "NN"),
            (",", ",", 6, "punct", "PUNCT", ","),
            ("said", "say", 6, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "O", "B-ORG", "O", "O", "O"],
    )
    assert _facts(doc) == {("Anderson", "worksFor", "GE")}


def test_name_tagged_organisation_before_a_comma_and_a_known_region_is_a_place_in_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("ROYAL", "ROYAL", 1, "compound", "PROPN", "NNP"),
            ("OAK", "OAK", 1, "ROOT", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("Mich.", "Mich.", 1, "appos", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "I-ORG", "O", "B-GPE"],
    )
    assert {(m.text, m.type) for m in _extraction(doc).mentions} == {("ROYAL OAK", "Place"), ("Mich.", "Place")}
    assert _facts(doc) == {("ROYAL OAK", "locatedIn", "Mich.")}


def test_pleaded_guilty_to_killing_makes_the_subject_the_killer(vocab):
    doc = make_doc(
        vocab,
        [
            ("Chapman", "Chapman", 1, "nsubj", "PROPN", "NNP"),
            ("pleaded", "plead", 1, "ROOT", "VERB", "VBD"),
            ("guilty", "guilty", 1, "oprd", "ADJ", "JJ"),
            ("to", "to", 2, "prep", "ADP", "IN"),
            ("killing", "kill", 3, "pcomp", "VERB", "VBG"),
            ("Lennon", "Lennon", 4, "dobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "B-PERSON"],
    )
    assert _facts(doc) == {("Chapman", "killed", "Lennon")}


def test_participle_after_a_name_describes_the_name_though_parsed_on_a_noun_above_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("the", "the", 1, "det", "DET", "DT"),
            ("sentence", "sentence", 1, "ROOT", "NOUN", "NN"),
            ("of", "of", 1, "prep", "ADP", "IN"),
            ("Adamson", "Adamson", 2, "pobj", "PROPN", "NNP"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("convicted", "convict", 1, "acl", "VERB", "VBN"),
            ("of", "of", 5, "prep", "ADP", "IN"),
            ("murdering", "murder", 6, "pcomp", "VERB", "VBG"),
            ("Bolles", "Bolles", 7, "dobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-PERSON", "O", "O", "O", "O", "B-PERSON"],
    )
    assert _facts(doc) == {("Adamson", "killed", "Bolles")}


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
    texts = {m.text for m in _extraction(doc).mentions}
    assert "PRD" in texts and not any("(" in t for t in texts)
    assert {"Paris", "Radio France"} <= texts


def test_of_after_a_company_legal_form_names_the_place_it_is_based_in(vocab):
    doc = make_doc(
        vocab,
        [
            ("Avis", "Avis", 2, "compound", "PROPN", "NNP"),
            ("Bourg", "Bourg", 2, "compound", "PROPN", "NNP"),
            ("Co.", "Co.", 2, "ROOT", "PROPN", "NNP"),
            ("of", "of", 2, "prep", "ADP", "IN"),
            ("Folsom", "Folsom", 3, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "I-ORG", "I-ORG", "O", "B-ORG"],
    )
    assert {(m.text, m.type) for m in _extraction(doc).mentions} == {("Avis Bourg Co.", "Organization"), ("Folsom", "Place")}
    assert _facts(doc) == {("Avis Bourg Co.", "basedIn", "Folsom")}


def test_place_in_a_region_of_another_place_is_located_there_even_when_the_parse_hangs_in_elsewhere(vocab):
    doc = make_doc(
        vocab,
        [
            ("found", "find", 0, "ROOT", "VERB", "VBN"),
            ("near", "near", 0, "prep", "ADP", "IN"),
            ("Haifa", "Haifa", 1, "pobj", "PROPN", "NNP"),
            ("in", "in", 0, "prep", "ADP", "IN"),
            ("northern", "northern", 5, "amod", "ADJ", "JJ"),
            ("Israel", "Israel", 3, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "B-GPE", "O", "O", "B-GPE"],
    )
    assert _facts(doc) == {("Haifa", "locatedIn", "Israel")}


def test_a_person_of_a_workplace_in_a_place_lives_there(vocab):
    doc = make_doc(
        vocab,
        [
            ("Lieberman", "Lieberman", 6, "nsubj", "PROPN", "NNP"),
            ("of", "of", 0, "prep", "ADP", "IN"),
            ("Brown", "Brown", 3, "compound", "PROPN", "NNP"),
            ("University", "University", 1, "pobj", "PROPN", "NNP"),
            ("in", "in", 3, "prep", "ADP", "IN"),
            ("Providence", "Providence", 4, "pobj", "PROPN", "NNP"),
            ("spoke", "speak", 6, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "B-ORG", "I-ORG", "O", "B-GPE", "O"],
    )
    assert ("Lieberman", "livesIn", "Providence") in _facts(doc)
    assert ("Brown University", "basedIn", "Providence") in _facts(doc)


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
    assert ("Ferraro", "Person") in {(m.text, m.type) for m in _extraction(doc).mentions}
    assert _facts(doc) == {("Ferraro", "livesIn", "Bethany")}


def test_an_organisation_in_a_place_is_also_in_the_region_named_after_it_by_a_comma(vocab):
    doc = make_doc(
        vocab,
        [
            ("Pepperell", "Pepperell", 8, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("based", "base", 0, "acl", "VERB", "VBN"),
            ("in", "in", 2, "prep", "ADP", "IN"),
            ("Troy", "Troy", 3, "pobj", "PROPN", "NNP"),
            (",", ",", 4, "punct", "PUNCT", ","),
            ("Mich.", "Mich.", 4, "appos", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("grew", "grow", 8, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O"],
    )
    assert _facts(doc) == {
        ("Pepperell", "basedIn", "Troy"), ("Troy", "locatedIn", "Mich."), ("Pepperell", "basedIn", "Mich.")
    }


def test_a_verb_coordinated_with_a_passive_locates_the_passive_subject(vocab):
    doc = make_doc(
        vocab,
        [
            ("Ames", "Ames", 1, "nsubj", "PROPN", "NNP"),
            ("claims", "claim", 1, "ROOT", "VERB", "VBZ"),
            ("Lee", "Lee", 1, "dobj", "PROPN", "NNP"),
            ("although", "although", 6, "mark", "SCONJ", "IN"),
            ("he", "he", 6, "nsubjpass", "PRON", "PRP"),
            ("was", "be", 6, "auxpass", "AUX", "VBD"),
            ("born", "bear", 1, "advcl", "VERB", "VBN"),
            ("in", "in", 6, "prep", "ADP", "IN"),
            ("Dover", "Dover", 7, "pobj", "PROPN", "NNP"),
            ("and", "and", 6, "cc", "CCONJ", "CC"),
            ("lived", "live", 6, "conj", "VERB", "VBD"),
            ("in", "in", 10, "prep", "ADP", "IN"),
            ("Troy", "Troy", 11, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-GPE", "O", "B-PERSON", "O", "O", "O", "O", "O", "B-GPE", "O", "O", "O", "B-GPE"],
    )
    facts = _facts(doc)
    assert {("Lee", "livesIn", "Dover"), ("Lee", "livesIn", "Troy")} <= facts
    assert ("Ames", "locatedIn", "Troy") not in facts


def test_a_person_who_grew_up_in_a_place_lives_there(vocab):
    doc = make_doc(
        vocab,
        [
            ("Coe", "Coe", 8, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("who", "who", 3, "nsubj", "PRON", "WP"),
            ("grew", "grow", 0, "relcl", "VERB", "VBD"),
            ("up", "up", 3, "prt", "ADP", "RP"),
            ("in", "in", 3, "prep", "ADP", "IN"),
            ("Nashville", "Nashville", 5, "pobj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("directed", "direct", 8, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "B-GPE", "O", "O"],
    )
    assert _facts(doc) == {("Coe", "livesIn", "Nashville")}


def test_the_place_of_a_persons_home_in_a_phrase_is_where_they_live(vocab):
    doc = make_doc(
        vocab,
        [
            ("Fisher", "Fisher", 1, "nsubj", "PROPN", "NNP"),
            ("said", "say", 1, "ROOT", "VERB", "VBD"),
            ("from", "from", 1, "prep", "ADP", "IN"),
            ("her", "her", 4, "poss", "PRON", "PRP$"),
            ("home", "home", 2, "pobj", "NOUN", "NN"),
            ("in", "in", 4, "prep", "ADP", "IN"),
            ("the", "the", 8, "det", "DET", "DT"),
            ("Louisville", "Louisville", 8, "compound", "PROPN", "NNP"),
            ("suburb", "suburb", 5, "pobj", "NOUN", "NN"),
            ("of", "of", 8, "prep", "ADP", "IN"),
            ("Okolona", "Okolona", 9, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "O", "B-GPE", "O", "O", "B-GPE"],
    )
    assert {("Fisher", "livesIn", "Louisville"), ("Fisher", "livesIn", "Okolona")} <= _facts(doc)


def test_a_fact_about_a_name_holds_for_its_alias_in_brackets(vocab):
    doc = make_doc(
        vocab,
        [
            ("Soto", "Soto", 11, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("candidate", "candidate", 0, "appos", "NOUN", "NN"),
            ("of", "of", 2, "prep", "ADP", "IN"),
            ("the", "the", 6, "det", "DET", "DT"),
            ("Labor", "Labor", 6, "compound", "PROPN", "NNP"),
            ("Party", "Party", 3, "pobj", "PROPN", "NNP"),
            ("(", "(", 6, "punct", "PUNCT", "-LRB-"),
            ("LP", "LP", 6, "appos", "PROPN", "NNP"),
            (")", ")", 6, "punct", "PUNCT", "-RRB-"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("spoke", "speak", 11, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "B-ORG", "I-ORG", "O", "B-ORG", "O", "O", "O"],
    )
    assert {("Soto", "worksFor", "Labor Party"), ("Soto", "worksFor", "LP")} <= _facts(doc)


def test_a_person_in_a_place_is_also_in_the_places_it_lies_in(vocab):
    doc = make_doc(
        vocab,
        [
            ("Tsuruyama", "Tsuruyama", 1, "nsubj", "PROPN", "NNP"),
            ("is", "be", 1, "ROOT", "AUX", "VBZ"),
            ("from", "from", 1, "prep", "ADP", "IN"),
            ("Yatsushiro", "Yatsushiro", 2, "pobj", "PROPN", "NNP"),
            ("in", "in", 3, "prep", "ADP", "IN"),
            ("Kumamoto", "Kumamoto", 4, "pobj", "PROPN", "NNP"),
            ("in", "in", 5, "prep", "ADP", "IN"),
            ("southern", "southern", 8, "amod", "ADJ", "JJ"),
            ("Japan", "Japan", 6, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "B-GPE"],
    )
    assert {
        ("Tsuruyama", "livesIn", "Yatsushiro"), ("Tsuruyama", "livesIn", "Kumamoto"), ("Tsuruyama", "livesIn", "Japan")
    } <= _facts(doc)


def test_a_title_in_apposition_to_a_party_tag_describes_the_person_before_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Riegle", "Riegle", 11, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("D", "D", 4, "compound", "PROPN", "NNP"),
            ("-", "-", 4, "punct", "PUNCT", "HYPH"),
            ("Mich.", "Mich.", 0, "appos", "PROPN", "NNP"),
            (",", ",", 4, "punct", "PUNCT", ","),
            ("chairman", "chairman", 4, "appos", "NOUN", "NN"),
            ("of", "of", 6, "prep", "ADP", "IN"),
            ("the", "the", 10, "det", "DET", "DT"),
            ("Banking", "Banking", 10, "compound", "PROPN", "NNP"),
            ("Committee", "Committee", 7, "pobj", "PROPN", "NNP"),
            ("spoke", "speak", 11, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "O", "O", "B-GPE", "O", "O", "O", "O", "B-ORG", "I-ORG", "O"],
    )
    assert ("Riegle", "leads", "Banking Committee") in _facts(doc)


def test_a_place_native_parsed_as_the_apposition_of_a_person_is_where_they_are_from(vocab):
    doc = make_doc(
        vocab,
        [
            ("Shepherd", "Shepherd", 6, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("a", "a", 3, "det", "DET", "DT"),
            ("Memphis", "Memphis", 0, "appos", "PROPN", "NNP"),
            ("native", "native", 3, "amod", "ADJ", "JJ"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("spoke", "speak", 6, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "O", "B-GPE", "O", "O", "O"],
    )
    assert _facts(doc) == {("Shepherd", "livesIn", "Memphis")}


def test_a_home_word_inside_a_name_says_nothing_about_homes(vocab):
    doc = make_doc(
        vocab,
        [
            ("Lee", "Lee", 1, "nsubj", "PROPN", "NNP"),
            ("visited", "visit", 1, "ROOT", "VERB", "VBD"),
            ("his", "his", 5, "poss", "PRON", "PRP$"),
            ("Home", "Home", 5, "compound", "PROPN", "NNP"),
            ("Bank", "Bank", 5, "compound", "PROPN", "NNP"),
            ("branch", "branch", 1, "dobj", "NOUN", "NN"),
            ("of", "of", 5, "prep", "ADP", "IN"),
            ("Ames", "Ames", 6, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "B-ORG", "I-ORG", "O", "O", "B-GPE"],
    )
    assert ("Lee", "livesIn", "Ames") not in _facts(doc)


def test_a_person_in_a_place_is_also_in_the_region_after_its_comma_but_not_by_birth(vocab):
    doc = make_doc(
        vocab,
        [
            ("Cicippio", "Cicippio", 9, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("a", "a", 3, "det", "DET", "DT"),
            ("technician", "technician", 0, "appos", "NOUN", "NN"),
            ("from", "from", 3, "prep", "ADP", "IN"),
            ("Ambler", "Ambler", 4, "pobj", "PROPN", "NNP"),
            (",", ",", 5, "punct", "PUNCT", ","),
            ("Pa.", "Pa.", 5, "appos", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("spoke", "speak", 9, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O"],
    )
    assert {("Cicippio", "livesIn", "Ambler"), ("Cicippio", "livesIn", "Pa.")} <= _facts(doc)
    born = make_doc(
        vocab,
        [
            ("Lee", "Lee", 2, "nsubjpass", "PROPN", "NNP"),
            ("was", "be", 2, "auxpass", "AUX", "VBD"),
            ("born", "bear", 2, "ROOT", "VERB", "VBN"),
            ("in", "in", 2, "prep", "ADP", "IN"),
            ("Staunton", "Staunton", 3, "pobj", "PROPN", "NNP"),
            (",", ",", 4, "punct", "PUNCT", ","),
            ("Va.", "Va.", 4, "appos", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "O", "B-GPE", "O", "B-GPE"],
    )
    assert _facts(born) == {("Lee", "livesIn", "Staunton"), ("Staunton", "locatedIn", "Va.")}
