"""Where things are: locatives, datelines, demonyms, homes, workplaces and regions."""

from __future__ import annotations

from tests.extractors.helpers import extraction_of, facts_of
from tests.helpers import make_doc


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
    extraction = extraction_of(doc)
    assert {(m.text, m.type) for m in extraction.mentions} == {("Vienna", "City"), ("Austria", "Country")}
    assert ("Vienna", "locatedIn", "Austria") in facts_of(doc)


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
    assert facts_of(doc) == {("AFP", "basedIn", "PARIS")}


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
    named = {(r.subject.merge_name, r.predicate, r.object.text) for r in extraction_of(doc).relations}
    assert ("Jackson", "livesIn", "Texas") in named


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
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {("Vee", "Person"), ("Fargo", "Place")}
    assert facts_of(doc) == {("Vee", "livesIn", "Fargo")}


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
    (relation,) = extraction_of(doc).relations
    assert (relation.subject.text, relation.predicate, relation.object.text) == ("Government", "basedIn", "Germany")
    assert relation.rule == "locate-demonym"


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
    assert facts_of(doc) == {("Haifa", "locatedIn", "Israel")}


def test_a_person_of_a_workplace_in_a_place_works_there(vocab):
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
    facts = facts_of(doc)
    assert ("Lieberman", "worksIn", "Providence") in facts
    assert ("Lieberman", "livesIn", "Providence") not in facts  # the place scopes the job, not the home
    assert ("Brown University", "basedIn", "Providence") in facts


def test_a_nationality_on_a_public_office_says_where_its_holder_works(vocab):
    doc = make_doc(
        vocab,
        [
            ("Irish", "irish", 2, "amod", "ADJ", "JJ"),
            ("Prime", "Prime", 2, "compound", "PROPN", "NNP"),
            ("Minister", "Minister", 4, "compound", "PROPN", "NNP"),
            ("Jane", "Jane", 4, "compound", "PROPN", "NNP"),
            ("Doe", "Doe", 5, "nsubj", "PROPN", "NNP"),
            ("spoke", "speak", 5, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-NORP", "O", "O", "B-PERSON", "I-PERSON", "O"],
    )
    facts = facts_of(doc)
    assert ("Jane Doe", "worksIn", "Irish") in facts
    assert not any(p == "livesIn" for _, p, _ in facts)


def test_a_nationality_on_a_trade_says_where_the_person_is_from(vocab):
    doc = make_doc(
        vocab,
        [
            ("Swedish", "swedish", 2, "amod", "ADJ", "JJ"),
            ("union", "union", 2, "compound", "NOUN", "NN"),
            ("official", "official", 4, "compound", "NOUN", "NN"),
            ("Jane", "Jane", 4, "compound", "PROPN", "NNP"),
            ("Doe", "Doe", 5, "nsubj", "PROPN", "NNP"),
            ("spoke", "speak", 5, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-NORP", "O", "O", "B-PERSON", "I-PERSON", "O"],
    )
    assert ("Jane Doe", "livesIn", "Swedish") in facts_of(doc)


def test_a_titled_office_holder_of_a_country_works_there(vocab):
    doc = make_doc(
        vocab,
        [
            ("Ambassador", "Ambassador", 2, "compound", "PROPN", "NNP"),
            ("Jane", "Jane", 2, "compound", "PROPN", "NNP"),
            ("Doe", "Doe", 5, "nsubj", "PROPN", "NNP"),
            ("of", "of", 2, "prep", "ADP", "IN"),
            ("Iceland", "Iceland", 3, "pobj", "PROPN", "NNP"),
            ("warned", "warn", 5, "ROOT", "VERB", "VBD"),
        ],
        ents=["O", "B-PERSON", "I-PERSON", "O", "B-GPE", "O"],
    )
    facts = facts_of(doc)
    assert ("Jane Doe", "worksIn", "Iceland") in facts
    assert ("Jane Doe", "livesIn", "Iceland") not in facts


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
    assert facts_of(doc) == {
        ("Pepperell", "basedIn", "Troy"), ("Troy", "locatedIn", "Mich."), ("Pepperell", "basedIn", "Mich.")
    }


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
    assert {("Fisher", "livesIn", "Louisville"), ("Fisher", "livesIn", "Okolona")} <= facts_of(doc)


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
    } <= facts_of(doc)


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
    assert facts_of(doc) == {("Shepherd", "livesIn", "Memphis")}


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
    assert ("Lee", "livesIn", "Ames") not in facts_of(doc)


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
    assert {("Cicippio", "livesIn", "Ambler"), ("Cicippio", "livesIn", "Pa.")} <= facts_of(doc)
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
    assert facts_of(born) == {("Lee", "livesIn", "Staunton"), ("Staunton", "locatedIn", "Va.")}


def test_a_demonym_places_its_noun_in_each_mention_of_the_country_in_sentence_order(vocab):
    """Records come in one order whatever the hash seed: the mentions of one country are taken as they appear."""
    doc = make_doc(
        vocab,
        [
            ("the", "the", 2, "det", "DET", "DT"),
            ("German", "German", 2, "amod", "ADJ", "JJ"),
            ("Government", "Government", 3, "nsubj", "PROPN", "NNP"),
            ("acts", "act", 3, "ROOT", "VERB", "VBZ"),
            ("in", "in", 3, "prep", "ADP", "IN"),
            ("Germany", "Germany", 4, "pobj", "PROPN", "NNP"),
            ("and", "and", 5, "cc", "CCONJ", "CC"),
            ("Germany", "Germany", 5, "conj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "B-ORG", "O", "O", "B-GPE", "O", "B-GPE"],
    )
    relations = extraction_of(doc).relations
    expected = [("Government", "Germany", "locate-demonym")] * 2
    assert [(r.subject.text, r.object.text, r.rule) for r in relations] == expected
    assert [r.object.start for r in relations] == sorted(r.object.start for r in relations)


def test_a_demonym_alone_is_a_mention_of_its_country_and_places_the_person_its_noun_describes(vocab):
    doc = make_doc(
        vocab,
        [
            ("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"),
            ("is", "be", 1, "ROOT", "AUX", "VBZ"),
            ("an", "an", 4, "det", "DET", "DT"),
            ("American", "american", 4, "amod", "ADJ", "JJ"),
            ("singer", "singer", 1, "attr", "NOUN", "NN"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["B-PERSON", "O", "O", "B-NORP", "O", "O"],
    )
    extraction = extraction_of(doc)
    (country,) = [m for m in extraction.mentions if m.text == "American"]
    assert (country.type, country.merge_name, country.rule) == ("Country", "United States", "demonym")
    (relation,) = extraction.relations
    assert (relation.subject.text, relation.predicate, relation.object.text) == ("Smith", "livesIn", "American")
    assert relation.rule == "locate-demonym"


def test_a_demonym_before_a_category_noun_places_the_company_it_names(vocab):
    doc = make_doc(
        vocab,
        [
            ("German", "german", 1, "amod", "ADJ", "JJ"),
            ("carmaker", "carmaker", 2, "compound", "NOUN", "NN"),
            ("Widgetco", "Widgetco", 3, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 3, "ROOT", "VERB", "VBD"),
            (".", ".", 3, "punct", "PUNCT", "."),
        ],
        ents=["B-NORP", "O", "B-ORG", "O", "O"],
    )
    assert ("Widgetco", "basedIn", "German") in facts_of(doc)


def test_a_demonym_as_a_noun_or_inside_a_name_is_no_country_mention(vocab):
    doc = make_doc(
        vocab,
        [
            ("American", "American", 1, "compound", "PROPN", "NNP"),
            ("Airlines", "Airlines", 2, "nsubj", "PROPN", "NNPS"),
            ("speaks", "speak", 2, "ROOT", "VERB", "VBZ"),
            ("English", "English", 2, "dobj", "PROPN", "NNP"),
            (".", ".", 2, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "I-ORG", "O", "B-LANGUAGE", "O"],
    )
    assert [m.text for m in extraction_of(doc).mentions] == ["American Airlines"]


def test_a_chain_of_places_puts_each_in_every_later_one(vocab):
    doc = make_doc(
        vocab,
        [
            ("It", "it", 1, "nsubj", "PRON", "PRP"),
            ("is", "be", 1, "ROOT", "AUX", "VBZ"),
            ("in", "in", 1, "prep", "ADP", "IN"),
            ("Huangpi", "Huangpi", 2, "pobj", "PROPN", "NNP"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("Wuhan", "Wuhan", 3, "appos", "PROPN", "NNP"),
            (",", ",", 5, "punct", "PUNCT", ","),
            ("Hubei", "Hubei", 5, "appos", "PROPN", "NNP"),
            (",", ",", 7, "punct", "PUNCT", ","),
            ("China", "China", 7, "appos", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE"],
    )
    facts = facts_of(doc)
    assert {("Huangpi", "locatedIn", "Wuhan"), ("Huangpi", "locatedIn", "Hubei"), ("Huangpi", "locatedIn", "China"),
            ("Wuhan", "locatedIn", "China"), ("Hubei", "locatedIn", "China")} <= facts


def test_a_list_of_places_ending_in_a_conjunction_is_no_chain(vocab):
    doc = make_doc(
        vocab,
        [
            ("Trains", "train", 1, "nsubj", "NOUN", "NNS"),
            ("serve", "serve", 1, "ROOT", "VERB", "VBP"),
            ("Lyon", "Lyon", 1, "dobj", "PROPN", "NNP"),
            (",", ",", 2, "punct", "PUNCT", ","),
            ("Nantes", "Nantes", 2, "conj", "PROPN", "NNP"),
            ("and", "and", 4, "cc", "CCONJ", "CC"),
            ("Lille", "Lille", 4, "conj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE"],
    )
    assert facts_of(doc) == set()


def test_a_list_whose_last_place_has_a_modifier_is_no_chain(vocab):
    doc = make_doc(
        vocab,
        [
            ("Rain", "rain", 1, "nsubj", "NOUN", "NN"),
            ("fell", "fall", 1, "ROOT", "VERB", "VBD"),
            ("over", "over", 1, "prep", "ADP", "IN"),
            ("Lyon", "Lyon", 2, "pobj", "PROPN", "NNP"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("Nantes", "Nantes", 3, "conj", "PROPN", "NNP"),
            ("and", "and", 5, "cc", "CCONJ", "CC"),
            ("northern", "northern", 8, "amod", "ADJ", "JJ"),
            ("Lille", "Lille", 5, "conj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "B-GPE"],
    )
    assert not {f for f in facts_of(doc) if f[1] == "locatedIn"}


def test_a_long_run_of_places_set_off_by_commas_is_a_list_not_a_chain(vocab):
    names = ["Lyon", "Nantes", "Lille", "Nice", "Metz"]
    words = [("Cities", "city", 1, "nsubj", "NOUN", "NNS"), ("include", "include", 1, "ROOT", "VERB", "VBP")]
    for index, name in enumerate(names):
        if index:
            words.append((",", ",", len(words) - 1, "punct", "PUNCT", ","))
        words.append((name, name, 1 if not index else 2, "dobj" if not index else "conj", "PROPN", "NNP"))
    ents = ["O" if word[3] in {"nsubj", "ROOT", "punct"} else "B-GPE" for word in words]
    assert not {f for f in facts_of(make_doc(vocab, words, ents=ents)) if f[1] == "locatedIn"}


def test_a_place_after_a_comma_that_owns_a_noun_is_no_region(vocab):
    doc = make_doc(
        vocab,
        [
            ("He", "he", 1, "nsubj", "PRON", "PRP"),
            ("met", "meet", 1, "ROOT", "VERB", "VBD"),
            ("envoys", "envoy", 1, "dobj", "NOUN", "NNS"),
            ("in", "in", 2, "prep", "ADP", "IN"),
            ("London", "London", 3, "pobj", "PROPN", "NNP"),
            (",", ",", 4, "punct", "PUNCT", ","),
            ("Peru", "Peru", 8, "poss", "PROPN", "NNP"),
            ("'s", "'s", 6, "case", "PART", "POS"),
            ("envoy", "envoy", 2, "appos", "NOUN", "NN"),
        ],
        ents=["O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O"],
    )
    assert ("London", "locatedIn", "Peru") not in facts_of(doc)


def test_conjoined_names_each_with_a_place_of_their_own_are_not_crossed(vocab):
    doc = make_doc(
        vocab,
        [
            ("He", "he", 1, "nsubj", "PRON", "PRP"),
            ("sold", "sell", 1, "ROOT", "VERB", "VBD"),
            ("the", "the", 3, "det", "DET", "DT"),
            ("Star", "Star", 1, "dobj", "PROPN", "NNP"),
            ("in", "in", 3, "prep", "ADP", "IN"),
            ("Boston", "Boston", 4, "pobj", "PROPN", "NNP"),
            ("and", "and", 3, "cc", "CCONJ", "CC"),
            ("the", "the", 8, "det", "DET", "DT"),
            ("Post", "Post", 3, "conj", "PROPN", "NNP"),
            ("in", "in", 8, "prep", "ADP", "IN"),
            ("Denver", "Denver", 9, "pobj", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["O", "O", "O", "B-ORG", "O", "B-GPE", "O", "O", "B-ORG", "O", "B-GPE", "O"],
    )
    facts = facts_of(doc)
    assert {("Star", "basedIn", "Boston"), ("Post", "basedIn", "Denver")} <= facts
    assert not {("Star", "basedIn", "Denver"), ("Post", "basedIn", "Boston")} & facts


def test_a_country_s_capital_of_a_city_puts_the_city_in_the_country(vocab):
    doc = make_doc(
        vocab,
        [
            ("They", "they", 1, "nsubj", "PRON", "PRP"),
            ("met", "meet", 1, "ROOT", "VERB", "VBD"),
            ("in", "in", 1, "prep", "ADP", "IN"),
            ("the", "the", 5, "det", "DET", "DT"),
            ("U.S.", "U.S.", 5, "compound", "PROPN", "NNP"),
            ("capital", "capital", 2, "pobj", "NOUN", "NN"),
            ("of", "of", 5, "prep", "ADP", "IN"),
            ("Washington", "Washington", 6, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "O", "B-GPE", "O", "O", "B-GPE"],
    )
    assert ("Washington", "locatedIn", "U.S.") in facts_of(doc)


def test_a_figurative_of_place_is_no_location(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 6, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("the", "the", 3, "det", "DET", "DT"),
            ("darling", "darling", 0, "appos", "NOUN", "NN"),
            ("of", "of", 3, "prep", "ADP", "IN"),
            ("Paris", "Paris", 4, "pobj", "PROPN", "NNP"),
            ("grew", "grow", 6, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-GPE", "O"],
    )
    assert facts_of(doc) == set()


def test_a_region_named_in_another_sentence_extends_where_a_place_is(vocab):
    doc = make_doc(
        vocab,
        [
            ("Zabiele", "Zabiele", 2, "nsubjpass", "PROPN", "NNP"),
            ("is", "be", 2, "auxpass", "AUX", "VBZ"),
            ("located", "locate", 2, "ROOT", "VERB", "VBN"),
            ("in", "in", 2, "prep", "ADP", "IN"),
            ("Wielbark", "Wielbark", 3, "pobj", "PROPN", "NNP"),
            (".", ".", 2, "punct", "PUNCT", "."),
            ("Wielbark", "Wielbark", 8, "nsubjpass", "PROPN", "NNP"),
            ("is", "be", 8, "auxpass", "AUX", "VBZ"),
            ("located", "locate", 8, "ROOT", "VERB", "VBN"),
            ("in", "in", 8, "prep", "ADP", "IN"),
            ("Poland", "Poland", 9, "pobj", "PROPN", "NNP"),
            (".", ".", 8, "punct", "PUNCT", "."),
        ],
        ents=["B-GPE", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "O", "B-GPE", "O"],
    )
    relations = extraction_of(doc).relations
    (far,) = [r for r in relations if (r.subject.text, r.object.text) == ("Zabiele", "Poland")]
    assert far.rule == "locate-document" and far.sentence.text.startswith("Zabiele")


def test_a_place_lies_in_every_region_up_a_chain_stated_in_later_sentences(vocab):
    rows = []
    for inner, outer in (("Zabiele", "Wielbark"), ("Wielbark", "Szczytno"), ("Szczytno", "Poland")):
        at = len(rows)
        rows += [
            (inner, inner, at + 2, "nsubjpass", "PROPN", "NNP"),
            ("is", "be", at + 2, "auxpass", "AUX", "VBZ"),
            ("located", "locate", at + 2, "ROOT", "VERB", "VBN"),
            ("in", "in", at + 2, "prep", "ADP", "IN"),
            (outer, outer, at + 3, "pobj", "PROPN", "NNP"),
            (".", ".", at + 2, "punct", "PUNCT", "."),
        ]
    doc = make_doc(vocab, rows, ents=["B-GPE" if r[4] == "PROPN" else "O" for r in rows])
    relations = extraction_of(doc).relations
    (far,) = [r for r in relations if (r.subject.text, r.object.text) == ("Zabiele", "Poland")]
    assert far.rule == "locate-document" and far.sentence.text.startswith("Zabiele")


def _village_in_country_document(vocab, country_twice: bool):
    """ "Acme grew. Zabiele is located in Wielbark. Poland grew." with Poland named in one or two sentences (news:
    the first sentence defines nothing)."""
    rows = [
        ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
        (".", ".", 1, "punct", "PUNCT", "."),
        ("Zabiele", "Zabiele", 5, "nsubjpass", "PROPN", "NNP"),
        ("is", "be", 5, "auxpass", "AUX", "VBZ"),
        ("located", "locate", 5, "ROOT", "VERB", "VBN"),
        ("in", "in", 5, "prep", "ADP", "IN"),
        ("Wielbark", "Wielbark", 6, "pobj", "PROPN", "NNP"),
        (".", ".", 5, "punct", "PUNCT", "."),
        ("Poland", "Poland", 10, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 10, "ROOT", "VERB", "VBD"),
        (".", ".", 10, "punct", "PUNCT", "."),
        ("Poland" if country_twice else "Beta", "x", 13, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 13, "ROOT", "VERB", "VBD"),
        (".", ".", 13, "punct", "PUNCT", "."),
    ]
    ents = ["O", "O", "O", "B-GPE", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O",
            "B-GPE" if country_twice else "O", "O", "O"]
    return make_doc(vocab, rows, ents=ents)


def test_places_of_a_document_about_one_country_lie_in_it(vocab):
    relations = extraction_of(_village_in_country_document(vocab, country_twice=True)).relations
    found = {(r.subject.text, r.predicate, r.object.text, r.rule) for r in relations}
    assert ("Zabiele", "locatedIn", "Poland", "locate-document-country") in found
    assert ("Wielbark", "locatedIn", "Poland", "locate-document-country") in found


def test_a_country_named_in_one_sentence_only_places_nothing_else(vocab):
    relations = extraction_of(_village_in_country_document(vocab, country_twice=False)).relations
    assert {(r.subject.text, r.object.text) for r in relations} == {("Zabiele", "Wielbark")}


def test_a_place_in_the_district_of_another_lies_in_that_one(vocab):
    doc = make_doc(
        vocab,
        [
            ("Zabiele", "Zabiele", 6, "nsubj", "PROPN", "NNP"),
            ("in", "in", 0, "prep", "ADP", "IN"),
            ("the", "the", 3, "det", "DET", "DT"),
            ("district", "district", 1, "pobj", "NOUN", "NN"),
            ("of", "of", 3, "prep", "ADP", "IN"),
            ("Wielbark", "Wielbark", 4, "pobj", "PROPN", "NNP"),
            ("grew", "grow", 6, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-GPE", "O", "O", "O", "O", "B-GPE", "O"],
    )
    assert ("Zabiele", "locatedIn", "Wielbark") in facts_of(doc)


def test_a_place_then_a_comma_and_within_another_lies_in_that_one(vocab):
    doc = make_doc(
        vocab,
        [
            ("Wielbark", "Wielbark", 5, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("within", "within", 0, "prep", "ADP", "IN"),
            ("Szczytno", "Szczytno", 4, "compound", "PROPN", "NNP"),
            ("County", "County", 2, "pobj", "PROPN", "NNP"),
            ("grew", "grow", 5, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-GPE", "O", "O", "B-GPE", "I-GPE", "O"],
    )
    assert ("Wielbark", "locatedIn", "Szczytno County") in facts_of(doc)


def test_a_place_then_a_kind_of_place_of_another_lies_in_that_one(vocab):
    doc = make_doc(
        vocab,
        [
            ("Lazio", "Lazio", 1, "compound", "PROPN", "NNP"),
            ("region", "region", 4, "nsubj", "NOUN", "NN"),
            ("of", "of", 1, "prep", "ADP", "IN"),
            ("Italy", "Italy", 2, "pobj", "PROPN", "NNP"),
            ("grew", "grow", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-GPE", "O", "O", "B-GPE", "O"],
    )
    assert ("Lazio", "locatedIn", "Italy") in facts_of(doc)


def test_in_the_canada_province_of_ontario_names_ontario_which_lies_in_canada(vocab):
    doc = make_doc(
        vocab,
        [
            ("Gogebic", "Gogebic", 1, "compound", "PROPN", "NNP"),
            ("County", "County", 8, "nsubj", "PROPN", "NNP"),
            ("in", "in", 1, "prep", "ADP", "IN"),
            ("the", "the", 5, "det", "DET", "DT"),
            ("Canada", "Canada", 5, "compound", "PROPN", "NNP"),
            ("province", "province", 2, "pobj", "NOUN", "NN"),
            ("of", "of", 5, "prep", "ADP", "IN"),
            ("Ontario", "Ontario", 6, "pobj", "PROPN", "NNP"),
            ("grew", "grow", 8, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-GPE", "I-GPE", "O", "O", "B-GPE", "O", "O", "B-GPE", "O"],
    )
    pairs = {(r.subject.text, r.object.text) for r in extraction_of(doc).relations}
    assert ("Gogebic County", "Ontario") in pairs
    assert ("Ontario", "Canada") in pairs and ("Canada", "Ontario") not in pairs


_OPENINGS = {
    "defining": [("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"), ("is", "be", 1, "ROOT", "AUX", "VBZ"),
                 ("a", "a", 3, "det", "DET", "DT"), ("maker", "maker", 1, "attr", "NOUN", "NN"),
                 (".", ".", 1, "punct", "PUNCT", ".")],
    "news": [("Acme", "Acme", 2, "nsubj", "PROPN", "NNP"), ("is", "be", 2, "aux", "AUX", "VBZ"),
             ("growing", "grow", 2, "ROOT", "VERB", "VBG"), ("fast", "fast", 2, "advmod", "ADV", "RB"),
             (".", ".", 2, "punct", "PUNCT", ".")],
    "plan": [("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"), ("is", "be", 1, "ROOT", "AUX", "VBZ"),
             ("to", "to", 3, "aux", "PART", "TO"), ("grow", "grow", 1, "xcomp", "VERB", "VB"),
             (".", ".", 1, "punct", "PUNCT", ".")],
}


def _article_in_country(vocab, defining: bool, country_sentences: int = 2, opening: str = ""):
    """ "Acme is a maker." (an article's defining first sentence), "Acme is growing fast." (news) or "Acme is to
    grow." (a plan: ``opening``), then "Widgetco grew. Smith grew. Poland grew. Poland grew." (Poland named in
    ``country_sentences`` sentences)."""
    first = _OPENINGS[opening or ("defining" if defining else "news")]
    rows, ents = list(first), ["B-ORG", "O", "O", "O", "O"]
    names = [("Widgetco", "B-ORG"), ("Smith", "B-PERSON"), *[("Poland", "B-GPE")] * country_sentences]
    for word, label in names:
        at = len(rows)
        rows += [(word, word, at + 1, "nsubj", "PROPN", "NNP"), ("grew", "grow", at + 1, "ROOT", "VERB", "VBD"),
                 (".", ".", at + 1, "punct", "PUNCT", ".")]
        ents += [label, "O", "O"]
    return make_doc(vocab, rows, ents=ents)


def test_an_article_about_a_topic_in_one_country_places_its_organisations_and_people_there(vocab):
    relations = extraction_of(_article_in_country(vocab, defining=True)).relations
    found = {(r.subject.text, r.predicate, r.object.text, r.rule) for r in relations}
    assert found == {
        ("Acme", "basedIn", "Poland", "locate-article-country"),
        ("Widgetco", "basedIn", "Poland", "locate-article-country"),
        ("Smith", "livesIn", "Poland", "locate-article-country"),
    }


def test_an_article_naming_its_country_once_places_its_organisations_there_but_not_its_people(vocab):
    relations = extraction_of(_article_in_country(vocab, defining=True, country_sentences=1)).relations
    assert {(r.subject.text, r.object.text) for r in relations} == {("Acme", "Poland"), ("Widgetco", "Poland")}


def test_news_whose_first_sentence_defines_nothing_places_no_organisation_in_its_country(vocab):
    assert extraction_of(_article_in_country(vocab, defining=False)).relations == ()
    assert extraction_of(_article_in_country(vocab, defining=False, opening="plan")).relations == ()


def _person_article_with_bracket(vocab, inside):
    """ "Smith ( <inside> ) is a racer ." with ``inside`` rows of (word, entity label)."""
    rows = [("Smith", "Smith", len(inside) + 3, "nsubj", "PROPN", "NNP"), ("(", "(", 0, "punct", "PUNCT", "-LRB-")]
    rows += [(word, word, 0, "appos", "X", "XX") for word, _ in inside]
    at = len(rows) + 1
    rows += [(")", ")", 0, "punct", "PUNCT", "-RRB-"), ("is", "be", at, "ROOT", "AUX", "VBZ"),
             ("a", "a", at + 2, "det", "DET", "DT"), ("racer", "racer", at, "attr", "NOUN", "NN"),
             (".", ".", at, "punct", "PUNCT", ".")]
    ents = ["B-PERSON", "O", *[label for _, label in inside], "O", "O", "O", "O", "O"]
    return make_doc(vocab, rows, ents=ents)


def test_the_first_place_in_the_bracket_after_an_article_person_is_the_birth_place(vocab):
    doc = _person_article_with_bracket(vocab, [("born", "O"), ("1963", "B-DATE"), ("in", "O"), ("Leeds", "B-GPE"),
                                               ("–", "O"), ("York", "B-GPE")])
    found = {(r.subject.text, r.object.text, r.rule) for r in extraction_of(doc).relations}
    assert ("Smith", "Leeds", "locate-birth-lead") in found
    assert not any(obj == "York" for _, obj, _ in found)


def test_a_place_after_the_dash_of_a_life_span_is_no_birth_place(vocab):
    doc = _person_article_with_bracket(vocab, [("1900", "B-DATE"), ("–", "O"), ("1950", "B-DATE"), ("in", "O"),
                                               ("York", "B-GPE")])
    assert not any(r.rule == "locate-birth-lead" for r in extraction_of(doc).relations)


def test_an_article_places_its_names_in_its_country_by_name_not_by_nationality_word(vocab):
    """ "Acme is a Polish maker. Widgetco grew. Poland grew.": Widgetco lies in "Poland", not in "Polish"."""
    rows = [
        ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
        ("is", "be", 1, "ROOT", "AUX", "VBZ"),
        ("a", "a", 4, "det", "DET", "DT"),
        ("Polish", "polish", 4, "amod", "ADJ", "JJ"),
        ("maker", "maker", 1, "attr", "NOUN", "NN"),
        (".", ".", 1, "punct", "PUNCT", "."),
        ("Widgetco", "Widgetco", 7, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 7, "ROOT", "VERB", "VBD"),
        (".", ".", 7, "punct", "PUNCT", "."),
        ("Poland", "Poland", 10, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 10, "ROOT", "VERB", "VBD"),
        (".", ".", 10, "punct", "PUNCT", "."),
    ]
    ents = ["B-ORG", "O", "O", "B-NORP", "O", "O", "B-ORG", "O", "O", "B-GPE", "O", "O"]
    relations = extraction_of(make_doc(vocab, rows, ents=ents)).relations
    (placed,) = [r for r in relations if r.subject.text == "Widgetco"]
    assert placed.object.text == "Poland" and placed.rule == "locate-article-country"


def test_a_nationality_on_a_unit_places_the_unit_not_its_owner(vocab):
    rows = [
        ("Acme", "Acme", 3, "poss", "PROPN", "NNP"),
        ("'s", "'s", 0, "case", "PART", "POS"),
        ("German", "german", 3, "amod", "ADJ", "JJ"),
        ("unit", "unit", 4, "nsubj", "NOUN", "NN"),
        ("grew", "grow", 4, "ROOT", "VERB", "VBD"),
    ]
    ents = ["B-ORG", "O", "B-NORP", "O", "O"]
    assert not {f for f in facts_of(make_doc(vocab, rows, ents)) if f[1] == "basedIn"}
    rows[2] = ("Japanese", "japanese", 3, "amod", "ADJ", "JJ")  # the unit's own name is placed
    rows[3] = ("Widgetco", "Widgetco", 4, "nsubj", "PROPN", "NNP")
    assert ("Widgetco", "basedIn", "Japanese") in facts_of(make_doc(vocab, rows, [*ents[:3], "B-ORG", "O"]))


def test_a_place_on_a_common_noun_places_no_name_conjoined_with_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("a", "a", 1, "det", "DET", "DT"),
            ("fight", "fight", 1, "ROOT", "NOUN", "NN"),
            ("between", "between", 1, "prep", "ADP", "IN"),
            ("Paris", "Paris", 4, "compound", "PROPN", "NNP"),
            ("journalists", "journalist", 2, "pobj", "NOUN", "NNS"),
            ("and", "and", 4, "cc", "CCONJ", "CC"),
            ("Acme", "Acme", 4, "conj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-GPE", "O", "O", "B-ORG"],
    )
    assert not {f for f in facts_of(doc) if f[0] == "Acme"}


def test_an_article_places_its_names_in_its_country_named_on_its_own_not_after_the(vocab):
    """ "Acme is a maker. The US grew. Widgetco grew. US grew.": the country is cited where it stands alone, not
    where "the" opens it (the start of a longer name: "the US Navy")."""
    rows = [
        ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
        ("is", "be", 1, "ROOT", "AUX", "VBZ"),
        ("a", "a", 3, "det", "DET", "DT"),
        ("maker", "maker", 1, "attr", "NOUN", "NN"),
        (".", ".", 1, "punct", "PUNCT", "."),
        ("The", "the", 6, "det", "DET", "DT"),
        ("US", "US", 7, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 7, "ROOT", "VERB", "VBD"),
        (".", ".", 7, "punct", "PUNCT", "."),
        ("Widgetco", "Widgetco", 10, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 10, "ROOT", "VERB", "VBD"),
        (".", ".", 10, "punct", "PUNCT", "."),
        ("US", "US", 13, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 13, "ROOT", "VERB", "VBD"),
        (".", ".", 13, "punct", "PUNCT", "."),
    ]
    ents = ["B-ORG", "O", "O", "O", "O", "O", "B-GPE", "O", "O", "B-ORG", "O", "O", "B-GPE", "O", "O"]
    doc = make_doc(vocab, rows, ents=ents)
    (placed,) = [r for r in extraction_of(doc).relations if r.subject.text == "Widgetco"]
    assert placed.rule == "locate-article-country" and placed.object.start == doc[12].idx


def _article_about(vocab, topic: str, label: str, kind: str):
    """ "<topic> is a <kind> in Wielbark . Kobyla grew ." (Kobyla, Wielbark: places the gazetteer does not know)."""
    rows = [
        (topic, topic, 1, "nsubj", "PROPN", "NNP"),
        ("is", "be", 1, "ROOT", "AUX", "VBZ"),
        ("a", "a", 3, "det", "DET", "DT"),
        (kind, kind, 1, "attr", "NOUN", "NN"),
        ("in", "in", 3, "prep", "ADP", "IN"),
        ("Wielbark", "Wielbark", 4, "pobj", "PROPN", "NNP"),
        (".", ".", 1, "punct", "PUNCT", "."),
        ("Kobyla", "Kobyla", 8, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 8, "ROOT", "VERB", "VBD"),
        (".", ".", 8, "punct", "PUNCT", "."),
    ]
    return make_doc(vocab, rows, ents=[label, "O", "O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O"])


def test_the_places_of_an_article_about_a_place_lie_in_the_region_it_lies_in(vocab):
    relations = extraction_of(_article_about(vocab, "Zabiele", "B-GPE", "village")).relations
    found = {(r.subject.text, r.object.text, r.rule) for r in relations}
    assert ("Zabiele", "Wielbark", "locate-locative") in found
    assert ("Kobyla", "Wielbark", "locate-article-region") in found


def test_the_places_of_an_article_about_a_person_are_not_placed_in_the_persons_region(vocab):
    relations = extraction_of(_article_about(vocab, "Smith", "B-PERSON", "farmer")).relations
    assert not any(r.rule == "locate-article-region" for r in relations)


def test_a_country_lies_in_no_city(vocab):
    def pairs(first: str) -> set[tuple[str, str]]:
        rows = [
            (first, first, 3, "nsubj", "PROPN", "NNP"),
            ("in", "in", 0, "prep", "ADP", "IN"),
            ("Copenhagen", "Copenhagen", 1, "pobj", "PROPN", "NNP"),
            ("grew", "grow", 3, "ROOT", "VERB", "VBD"),
        ]
        doc = make_doc(vocab, rows, ents=["B-GPE", "O", "B-GPE", "O"])
        return {(r.subject.text, r.object.text) for r in extraction_of(doc).relations}

    assert pairs("Gosforth") == {("Gosforth", "Copenhagen")}
    assert pairs("Denmark") == set()


def test_a_place_before_kind_words_places_the_name_they_lead_to_when_the_parse_hangs_them_elsewhere(vocab):
    doc = make_doc(
        vocab,
        [
            ("UK", "UK", 1, "compound", "PROPN", "NNP"),
            ("clothing", "clothing", 5, "dep", "NOUN", "NN"),
            ("firm", "firm", 3, "amod", "NOUN", "NN"),
            ("Acme", "Acme", 5, "nsubj", "PROPN", "NNP"),
            ("has", "have", 5, "aux", "AUX", "VBZ"),
            ("grown", "grow", 5, "ROOT", "VERB", "VBN"),
        ],
        ents=["B-GPE", "O", "O", "B-ORG", "O", "O"],
    )
    assert facts_of(doc) == {("Acme", "basedIn", "UK")}


def test_a_demonym_before_kind_words_places_the_person_they_lead_to_but_not_past_a_verb(vocab):
    words = [
        ("Swedish", "swedish", 1, "amod", "ADJ", "JJ"),
        ("trades", "trade", 6, "dep", "VERB", "VBZ"),
        ("union", "union", 3, "compound", "NOUN", "NN"),
        ("official", "official", 5, "compound", "NOUN", "NN"),
        ("Ann", "Ann", 5, "compound", "PROPN", "NNP"),
        ("Berg", "Berg", 6, "nsubj", "PROPN", "NNP"),
        ("spoke", "speak", 6, "ROOT", "VERB", "VBD"),
    ]
    doc = make_doc(vocab, words, ents=["B-NORP", "O", "O", "O", "B-PERSON", "I-PERSON", "O"])
    assert facts_of(doc) == {("Ann Berg", "livesIn", "Swedish")}
    verb = [("Swedish", "swedish", 1, "amod", "ADJ", "JJ"), ("officials", "official", 2, "nsubj", "NOUN", "NNS"),
            ("met", "meet", 2, "ROOT", "VERB", "VBD"), ("Ann", "Ann", 4, "compound", "PROPN", "NNP"),
            ("Berg", "Berg", 2, "dobj", "PROPN", "NNP")]
    assert facts_of(make_doc(vocab, verb, ents=["B-NORP", "O", "O", "B-PERSON", "I-PERSON"])) == set()


def test_a_demonym_the_tagger_called_a_company_is_still_a_mention_of_its_country(vocab):
    doc = make_doc(
        vocab,
        [
            ("Ann", "Ann", 1, "compound", "PROPN", "NNP"),
            ("Berg", "Berg", 2, "nsubj", "PROPN", "NNP"),
            ("was", "be", 2, "ROOT", "AUX", "VBD"),
            ("a", "a", 5, "det", "DET", "DT"),
            ("Swedish", "Swedish", 5, "compound", "PROPN", "NNP"),
            ("singer", "singer", 2, "attr", "NOUN", "NN"),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "O"],
    )
    assert {(m.text, m.type, m.rule) for m in extraction_of(doc).mentions if m.text == "Swedish"} == {
        ("Swedish", "Country", "demonym")}
    assert facts_of(doc) == {("Ann Berg", "livesIn", "Swedish")}


def test_kind_words_joined_by_a_conjunction_still_lead_to_the_name_but_a_conjunction_before_it_ends_them(vocab):
    words = [
        ("UK", "UK", 1, "compound", "PROPN", "NNP"),
        ("drinks", "drink", 6, "nsubj", "NOUN", "NNS"),
        ("and", "and", 1, "cc", "CCONJ", "CC"),
        ("food", "food", 4, "compound", "NOUN", "NN"),
        ("firm", "firm", 1, "conj", "NOUN", "NN"),
        ("Acme", "Acme", 1, "appos", "PROPN", "NNP"),
        ("rose", "rise", 6, "ROOT", "VERB", "VBD"),
    ]
    assert facts_of(make_doc(vocab, words, ents=["B-GPE", "O", "O", "O", "O", "B-ORG", "O"])) == {
        ("Acme", "basedIn", "UK")}
    investors = [
        ("UK", "UK", 1, "compound", "PROPN", "NNP"),
        ("investors", "investor", 4, "nsubj", "NOUN", "NNS"),
        ("and", "and", 1, "cc", "CCONJ", "CC"),
        ("Acme", "Acme", 1, "conj", "PROPN", "NNP"),
        ("rose", "rise", 4, "ROOT", "VERB", "VBD"),
    ]
    assert facts_of(make_doc(vocab, investors, ents=["B-GPE", "O", "O", "B-ORG", "O"])) == set()
    banker = [
        ("US", "US", 1, "compound", "PROPN", "NNP"),
        ("banker", "banker", 6, "nsubj", "NOUN", "NN"),
        ("and", "and", 1, "cc", "CCONJ", "CC"),
        ("former", "former", 5, "amod", "ADJ", "JJ"),
        ("Acme", "Acme", 5, "compound", "PROPN", "NNP"),
        ("director", "director", 1, "conj", "NOUN", "NN"),
        ("spoke", "speak", 6, "ROOT", "VERB", "VBD"),
    ]
    assert facts_of(make_doc(vocab, banker, ents=["B-GPE", "O", "O", "O", "B-ORG", "O", "O"])) == set()
    people = [
        ("Japanese", "japanese", 1, "amod", "ADJ", "JJ"),
        ("people", "people", 4, "nsubj", "NOUN", "NNS"),
        ("Acme", "Acme", 3, "nsubj", "PROPN", "NNP"),
        ("asked", "ask", 1, "relcl", "VERB", "VBD"),
        ("use", "use", 4, "ROOT", "VERB", "VBP"),
        ("Japan", "Japan", 4, "dobj", "PROPN", "NNP"),
    ]
    assert facts_of(make_doc(vocab, people, ents=["B-NORP", "O", "B-ORG", "O", "O", "B-GPE"])) == set()


def test_a_story_code_before_a_dateline_leaves_its_agency_based_in_its_place(vocab):
    doc = make_doc(  # "94AS0286D Madras HINDU in English"
        vocab,
        [
            ("94AS0286D", "94AS0286D", 0, "ROOT", "PROPN", "NNP"),
            ("Madras", "Madras", 0, "appos", "PROPN", "NNP"),
            ("HINDU", "HINDU", 1, "appos", "PROPN", "NNP"),
            ("in", "in", 2, "prep", "ADP", "IN"),
            ("English", "English", 3, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "B-GPE", "B-ORG", "O", "B-LANGUAGE"],
    )
    assert ("HINDU", "basedIn", "Madras") in facts_of(doc)


def test_a_based_adjective_places_only_the_name_it_modifies_in_a_list(vocab):
    doc = make_doc(
        vocab,
        [
            ("Rivals", "rival", 1, "nsubj", "NOUN", "NNS"),
            ("include", "include", 1, "ROOT", "VERB", "VBP"),
            ("Acme", "Acme", 1, "dobj", "PROPN", "NNP"),
            (",", ",", 2, "punct", "PUNCT", ","),
            ("the", "the", 8, "det", "DET", "DT"),
            ("US", "US", 7, "npadvmod", "PROPN", "NNP"),
            ("-", "-", 7, "punct", "PUNCT", "HYPH"),
            ("based", "base", 8, "amod", "VERB", "VBN"),
            ("Widgetco", "Widgetco", 2, "conj", "PROPN", "NNP"),
            (",", ",", 8, "punct", "PUNCT", ","),
            ("and", "and", 8, "cc", "CCONJ", "CC"),
            ("Zing", "Zing", 8, "conj", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["O", "O", "B-ORG", "O", "O", "B-GPE", "O", "O", "B-ORG", "O", "O", "B-ORG", "O"],
    )
    assert {fact for fact in facts_of(doc) if fact[1] == "basedIn"} == {("Widgetco", "basedIn", "US")}


def test_a_nationality_or_place_on_a_title_that_names_its_organisation_is_where_the_job_is(vocab):
    # "Ann Berg, European boss of Acme": the job's area, not the holder's home
    words = [
        ("Ann", "Ann", 1, "compound", "PROPN", "NNP"),
        ("Berg", "Berg", 1, "ROOT", "PROPN", "NNP"),
        (",", ",", 1, "punct", "PUNCT", ","),
        ("European", "european", 4, "amod", "ADJ", "JJ"),
        ("boss", "boss", 1, "appos", "NOUN", "NN"),
        ("of", "of", 4, "prep", "ADP", "IN"),
        ("Acme", "Acme", 5, "pobj", "PROPN", "NNP"),
    ]
    doc = make_doc(vocab, words, ents=["B-PERSON", "I-PERSON", "O", "B-NORP", "O", "O", "B-ORG"])
    assert not {f for f in facts_of(doc) if f[1] == "livesIn"}
    # "Acme's UK head Ann Berg"
    possessed = [
        ("Acme", "Acme", 3, "poss", "PROPN", "NNP"),
        ("'s", "'s", 0, "case", "PART", "POS"),
        ("UK", "UK", 3, "compound", "PROPN", "NNP"),
        ("head", "head", 5, "compound", "NOUN", "NN"),
        ("Ann", "Ann", 5, "compound", "PROPN", "NNP"),
        ("Berg", "Berg", 5, "ROOT", "PROPN", "NNP"),
    ]
    doc = make_doc(vocab, possessed, ents=["B-ORG", "O", "B-GPE", "O", "B-PERSON", "I-PERSON"])
    assert not {f for f in facts_of(doc) if f[1] == "livesIn"}


def test_what_a_place_is_home_to_is_there_whether_the_parse_hangs_home_on_it_or_not(vocab):
    copula = make_doc(
        vocab,
        [
            ("Ohio", "Ohio", 1, "nsubj", "PROPN", "NNP"),
            ("is", "be", 1, "ROOT", "AUX", "VBZ"),
            ("home", "home", 1, "attr", "NOUN", "NN"),
            ("to", "to", 2, "prep", "ADP", "IN"),
            ("Acme", "Acme", 3, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-GPE", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(copula) == {("Acme", "basedIn", "Ohio")}
    comma = make_doc(
        vocab,
        [
            ("Trade", "trade", 1, "nsubj", "NOUN", "NN"),
            ("passes", "pass", 1, "ROOT", "VERB", "VBZ"),
            ("through", "through", 1, "prep", "ADP", "IN"),
            ("Zetburg", "Zetburg", 2, "pobj", "PROPN", "NNP"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("home", "home", 1, "advmod", "NOUN", "NN"),
            ("to", "to", 5, "prep", "ADP", "IN"),
            ("Acme", "Acme", 6, "pobj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-GPE", "O", "O", "O", "B-ORG"],
    )
    assert ("Acme", "basedIn", "Zetburg") in facts_of(comma)


def test_a_place_some_miles_from_which_a_thing_lies_is_not_where_it_is(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("is", "be", 1, "ROOT", "AUX", "VBZ"),
            ("a", "a", 3, "det", "DET", "DT"),
            ("firm", "firm", 1, "attr", "NOUN", "NN"),
            ("in", "in", 3, "prep", "ADP", "IN"),
            ("Zetburg", "Zetburg", 4, "pobj", "PROPN", "NNP"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("20", "20", 8, "nummod", "NUM", "CD"),
            ("miles", "mile", 9, "npadvmod", "NOUN", "NNS"),
            ("from", "from", 3, "prep", "ADP", "IN"),
            ("Lilleby", "Lilleby", 9, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-GPE", "O", "O", "O", "O", "B-GPE"],
    )
    assert facts_of(doc) == {("Acme", "basedIn", "Zetburg")}


def _description_after_a_name(vocab, place: str, ent: str):
    """ "Widgetco grew. The <place> firm cut jobs." (the place a country or a nationality word)."""
    return make_doc(
        vocab,
        [
            ("Widgetco", "Widgetco", 1, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
            (".", ".", 1, "punct", "PUNCT", "."),
            ("The", "the", 5, "det", "DET", "DT"),
            (place, place, 5, "compound" if ent == "GPE" else "amod", "PROPN" if ent == "GPE" else "ADJ",
             "NNP" if ent == "GPE" else "JJ"),
            ("firm", "firm", 6, "nsubj", "NOUN", "NN"),
            ("cut", "cut", 6, "ROOT", "VERB", "VBD"),
            ("jobs", "job", 6, "dobj", "NOUN", "NNS"),
            (".", ".", 6, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "O", "O", f"B-{ent}", "O", "O", "O", "O"],
    )


def test_a_place_modifying_a_definite_description_places_what_it_stands_for(vocab):
    extraction = extraction_of(_description_after_a_name(vocab, "US", "GPE"))
    placed = {(r.subject.merge_name, r.predicate, r.object.text) for r in extraction.relations}
    assert placed == {("Widgetco", "basedIn", "US")}


def test_a_nationality_word_on_a_definite_description_places_what_it_stands_for(vocab):
    extraction = extraction_of(_description_after_a_name(vocab, "German", "NORP"))
    (relation,) = extraction.relations
    assert (relation.subject.merge_name, relation.predicate) == ("Widgetco", "basedIn")
    assert relation.object.merge_name == "Germany"
    doc_text = "Widgetco grew. The German firm cut jobs."
    assert doc_text[relation.sentence.start : relation.sentence.end] == "The German firm cut jobs."


def test_a_place_hyphen_joined_to_a_nationality_word_places_what_the_pair_describes(vocab):
    # "UK-Dutch firm Acme grew", parsed with "UK" on "Dutch": Acme is in both countries
    doc = make_doc(
        vocab,
        [
            ("UK", "UK", 2, "amod", "PROPN", "NNP"),
            ("-", "-", 2, "punct", "PUNCT", "HYPH"),
            ("Dutch", "dutch", 3, "compound", "ADJ", "JJ"),
            ("firm", "firm", 4, "compound", "NOUN", "NN"),
            ("Acme", "Acme", 5, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 5, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-GPE", "O", "B-NORP", "O", "B-ORG", "O"],
        spaces=[False, False, True, True, True, False],
    )
    assert {(s, o) for s, p, o in facts_of(doc) if p == "basedIn"} == {("Acme", "UK"), ("Acme", "Dutch")}


def test_a_nationality_word_on_another_places_no_country_in_the_other(vocab):
    # "the Japanese-Swedish venture grew": no Sweden locatedIn Japan
    doc = make_doc(
        vocab,
        [
            ("Japanese", "japanese", 2, "amod", "ADJ", "JJ"),
            ("-", "-", 2, "punct", "PUNCT", "HYPH"),
            ("Swedish", "swedish", 3, "amod", "ADJ", "JJ"),
            ("venture", "venture", 4, "nsubj", "NOUN", "NN"),
            ("grew", "grow", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-NORP", "O", "B-NORP", "O", "O"],
        spaces=[False, False, True, True, False],
    )
    assert facts_of(doc) == set()


def test_a_nationality_word_hyphen_joined_to_language_names_a_language_and_places_nothing(vocab):
    # "English-language versions of Widgets": no England
    doc = make_doc(
        vocab,
        [
            ("English", "English", 2, "compound", "PROPN", "NNP"),
            ("-", "-", 2, "punct", "PUNCT", "HYPH"),
            ("language", "language", 3, "compound", "NOUN", "NN"),
            ("versions", "version", 3, "ROOT", "NOUN", "NNS"),
            ("of", "of", 3, "prep", "ADP", "IN"),
            ("Widgets", "Widgets", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-NORP", "O", "O", "O", "O", "B-PRODUCT"],
        spaces=[False, False, True, True, True, False],
    )
    assert facts_of(doc) == set()
