"""Names the tagger missed or mistyped, recovered from context and the gazetteer."""

from __future__ import annotations

from kg.model import Mention
from tests.extractors.helpers import extraction_of, facts_of
from tests.helpers import make_doc


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
    mistral = next(m for m in extraction_of(doc).mentions if m.text == "Mistral AI")
    assert mistral.type == "Organization"
    assert facts_of(doc) == {("Mistral AI", "basedIn", "France")}


def test_agency_header_after_a_place_is_an_organisation_based_there(vocab):
    for ents in (["B-GPE", "O"], ["B-GPE", "I-GPE"]):  # "Beijing XINHUA": the agency untagged or tagged with the place
        doc = make_doc(
            vocab,
            [("Beijing", "Beijing", 1, "compound", "PROPN", "NNP"), ("XINHUA", "XINHUA", 1, "ROOT", "PROPN", "NNP")],
            ents=ents,
        )
        mentions = {(m.text, m.type) for m in extraction_of(doc).mentions}
        assert mentions == {("Beijing", "City"), ("XINHUA", "Organization")}
        assert facts_of(doc) == {("XINHUA", "basedIn", "Beijing")}


def test_a_papers_header_of_several_words_in_capitals_after_a_place_is_one_organisation(vocab):
    doc = make_doc(  # "Tokyo YOMIURI SHIMBUN in Japanese": the tagger found only the last word, as an organisation
        vocab,
        [
            ("Tokyo", "Tokyo", 2, "compound", "PROPN", "NNP"),
            ("YOMIURI", "YOMIURI", 2, "compound", "ADJ", "JJ"),
            ("SHIMBUN", "SHIMBUN", 2, "ROOT", "PROPN", "NNP"),
            ("in", "in", 2, "prep", "ADP", "IN"),
            ("Japanese", "Japanese", 3, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-GPE", "O", "B-ORG", "O", "B-LANGUAGE"],
    )
    mentions = {(m.text, m.type) for m in extraction_of(doc).mentions}
    assert mentions == {("Tokyo", "City"), ("YOMIURI SHIMBUN", "Organization")}
    assert facts_of(doc) == {("YOMIURI SHIMBUN", "basedIn", "Tokyo")}


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
    assert facts_of(doc) == {("Mikhail Shevtsov", "worksFor", "ITAR- TASS")}  # make_doc spaces after the hyphen


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
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {("ROYAL OAK", "Place"), ("Mich.", "Place")}
    assert facts_of(doc) == {("ROYAL OAK", "locatedIn", "Mich.")}


def test_name_tagged_person_before_a_comma_and_a_known_region_is_a_place_only_when_the_region_ends_the_phrase(vocab):
    def types(last: str) -> set[tuple[str, str]]:
        doc = make_doc(
            vocab,
            [
                ("Mineral", "Mineral", 1, "compound", "PROPN", "NNP"),
                ("Wells", "Wells", 1, "ROOT", "PROPN", "NNP"),
                (",", ",", 1, "punct", "PUNCT", ","),
                ("Texas", "Texas", 1, "appos", "PROPN", "NNP"),
                (last, last, 1, "punct" if last == "." else "appos", "PUNCT" if last == "." else "PROPN", "NNP"),
            ],
            ents=["B-PERSON", "I-PERSON", "O", "B-GPE", "O"],
        )
        return {(m.text, m.type) for m in extraction_of(doc).mentions}

    assert ("Mineral Wells", "Place") in types(".")
    assert ("Mineral Wells", "Person") in types("Williams")


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
    mentions = {(m.text, m.type) for m in extraction_of(doc).mentions}
    assert mentions == {("Avis Bourg Co.", "Organization"), ("Folsom", "Place")}
    assert facts_of(doc) == {("Avis Bourg Co.", "basedIn", "Folsom")}


def test_proper_noun_after_an_honorific_is_a_person_named_without_it(vocab):
    rows = [
        ("Mr", "Mr", 1, "compound", "PROPN", "NNP"),
        ("Gates", "Gates", 2, "nsubj", "PROPN", "NNP"),
        ("spoke", "speak", 2, "ROOT", "VERB", "VBD"),
    ]
    gates = next(m for m in extraction_of(make_doc(vocab, rows)).mentions if m.text == "Mr Gates")
    assert (gates.type, gates.merge_name) == ("Person", "Gates")
    ruler = [("King", "King", 1, "compound", "PROPN", "NNP"), *rows[1:]]  # a ruler's title is no form of address
    assert not extraction_of(make_doc(vocab, ruler)).mentions


def test_proper_nouns_ending_in_a_name_written_after_an_honorific_are_that_person_without_a_title(vocab):
    rows = [
        ("Boss", "Boss", 2, "compound", "PROPN", "NNP"),
        ("Henk", "Henk", 2, "compound", "PROPN", "NNP"),
        ("Zed", "Zed", 3, "nsubj", "PROPN", "NNP"),
        ("spoke", "speak", 3, "ROOT", "VERB", "VBD"),
        (".", ".", 3, "punct", "PUNCT", "."),
        ("Mr", "Mr", 6, "compound", "PROPN", "NNP"),
        ("Zed", "Zed", 7, "nsubj", "PROPN", "NNP"),
        ("left", "leave", 7, "ROOT", "VERB", "VBD"),
    ]
    mentions = {(m.text, m.type, m.merge_name) for m in extraction_of(make_doc(vocab, rows)).mentions}
    assert ("Boss Henk Zed", "Person", "Henk Zed") in mentions
    alone = [(w.replace("Zed", "Zen") if i < 5 else w, *rest) for i, (w, *rest) in enumerate(rows)]
    assert not any(m.text.endswith("Zen") for m in extraction_of(make_doc(vocab, alone)).mentions)


def test_proper_nouns_modifying_a_kind_noun_have_its_class(vocab):
    doc = make_doc(
        vocab,
        [
            ("Users", "user", 1, "nsubj", "NOUN", "NNS"),
            ("like", "like", 1, "ROOT", "VERB", "VBP"),
            ("the", "the", 6, "det", "DET", "DT"),
            ("Quill", "Quill", 4, "compound", "PROPN", "NNP"),
            ("Navigator", "Navigator", 6, "compound", "PROPN", "NNP"),
            ("web", "web", 6, "compound", "NOUN", "NN"),
            ("browser", "browser", 1, "dobj", "NOUN", "NN"),
        ]
    )
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {("Quill Navigator", "Product")}


def test_a_proper_noun_after_a_kind_noun_has_its_class(vocab):
    doc = make_doc(
        vocab,
        [
            ("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"),
            ("joined", "join", 1, "ROOT", "VERB", "VBD"),
            ("filtering", "filter", 3, "compound", "VERB", "VBG"),
            ("firm", "firm", 4, "compound", "NOUN", "NN"),
            ("Quillco", "Quillco", 1, "dobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O"],
    )
    assert ("Quillco", "Organization") in {(m.text, m.type) for m in extraction_of(doc).mentions}


def test_a_proper_noun_in_apposition_to_the_kind_noun_before_it_has_its_class(vocab):
    for comma in ([], [(",", ",", 3, "punct", "PUNCT", ",")]):  # "telecoms company Quillco", "the company, Quillco"
        doc = make_doc(
            vocab,
            [
                ("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"),
                ("joined", "join", 1, "ROOT", "VERB", "VBD"),
                ("telecoms", "telecom", 3, "compound", "NOUN", "NNS"),
                ("company", "company", 1, "dobj", "NOUN", "NN"),
                *comma,
                ("Quillco", "Quillco", 3, "appos", "PROPN", "NNP"),
            ],
            ents=["B-PERSON", "O", "O", "O", *(["O"] * len(comma)), "O"],
        )
        assert ("Quillco", "Organization") in {(m.text, m.type) for m in extraction_of(doc).mentions}


def test_untagged_proper_nouns_ending_in_a_kind_noun_have_its_class_but_not_a_makers_noun(vocab):
    def mentions(last: str) -> set[tuple[str, str]]:
        rows = [("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"), ("joined", "join", 1, "ROOT", "VERB", "VBD"),
                ("the", "the", 4, "det", "DET", "DT"), ("Quill", "Quill", 4, "compound", "PROPN", "NNP"),
                (last, last, 1, "dobj", "PROPN", "NNP")]
        doc = make_doc(vocab, rows, ents=["B-PERSON", "O", "O", "O", "O"])
        return {(m.text, m.type) for m in extraction_of(doc).mentions} - {("Smith", "Person")}

    assert mentions("Association") == {("Quill Association", "Organization")}
    assert mentions("Technologies") == {("Quill Technologies", "Organization")}  # a plural no product's kind
    assert mentions("Game") == set()  # "the Acme Game" may be Acme's game


def test_an_untagged_kind_noun_and_the_proper_nouns_its_of_takes_are_one_name_of_its_class(vocab):
    rows = [("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"), ("joined", "join", 1, "ROOT", "VERB", "VBD"),
            ("the", "the", 3, "det", "DET", "DT"), ("Ministry", "Ministry", 1, "dobj", "PROPN", "NNP"),
            ("of", "of", 3, "prep", "ADP", "IN"), ("Quill", "Quill", 6, "compound", "PROPN", "NNP"),
            ("Affairs", "Affairs", 4, "pobj", "PROPN", "NNPS")]
    doc = make_doc(vocab, rows, ents=["B-PERSON", "O", "O", "O", "O", "O", "O"])
    assert ("Ministry of Quill Affairs", "Organization") in {(m.text, m.type) for m in extraction_of(doc).mentions}


def test_a_name_only_the_tagger_typed_takes_the_class_its_list_agrees_on(vocab):
    doc = make_doc(  # "Prices rose in France, Germany and Tijuana", the tagger calling Tijuana an organisation
        vocab,
        [
            ("Prices", "price", 1, "nsubj", "NOUN", "NNS"),
            ("rose", "rise", 1, "ROOT", "VERB", "VBD"),
            ("in", "in", 1, "prep", "ADP", "IN"),
            ("France", "France", 2, "pobj", "PROPN", "NNP"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("Germany", "Germany", 3, "conj", "PROPN", "NNP"),
            ("and", "and", 5, "cc", "CCONJ", "CC"),
            ("Tijuana", "Tijuana", 5, "conj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-GPE", "O", "B-GPE", "O", "B-ORG"],
    )
    types = {m.text: m.type for m in extraction_of(doc).mentions}
    assert types == {"France": "Country", "Germany": "Country", "Tijuana": "Place"}


def brands_listed(vocab, first: str, first_label: str):
    """ "Acme's brands include FIRST, Zunobia and Frotel", the tagger calling the last two places."""
    return make_doc(
        vocab,
        [
            ("Acme", "Acme", 2, "poss", "PROPN", "NNP"),
            ("'s", "'s", 0, "case", "PART", "POS"),
            ("brands", "brand", 3, "nsubj", "NOUN", "NNS"),
            ("include", "include", 3, "ROOT", "VERB", "VBP"),
            (first, first, 3, "dobj", "PROPN", "NNP"),
            (",", ",", 4, "punct", "PUNCT", ","),
            ("Zunobia", "Zunobia", 4, "conj", "PROPN", "NNP"),
            ("and", "and", 6, "cc", "CCONJ", "CC"),
            ("Frotel", "Frotel", 6, "conj", "PROPN", "NNP"),
            (".", ".", 3, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "O", "O", first_label, "O", "B-GPE", "O", "B-GPE", "O"],
    )


def test_places_the_gazetteer_does_not_know_take_the_class_of_a_list_the_tagger_typed_all_of(vocab):
    types = {m.text: m.type for m in extraction_of(brands_listed(vocab, "QRX", "B-ORG")).mentions}
    assert types["Zunobia"] == types["Frotel"] == "Organization"  # "QRX" has no place's shape
    types = {m.text: m.type for m in extraction_of(brands_listed(vocab, "Smith", "B-PERSON")).mentions}
    assert types["Zunobia"] == types["Frotel"] == "Person"


def test_an_organisation_of_a_places_shape_does_not_retype_the_unknown_places_of_its_list(vocab):
    types = {m.text: m.type for m in extraction_of(brands_listed(vocab, "Fortbend", "B-ORG")).mentions}
    assert types["Zunobia"] == types["Frotel"] == "Place"  # the tagger calls places it does not know organisations


def test_a_name_typed_off_a_mistyped_neighbour_in_a_list_is_retyped_with_it(vocab):
    doc = make_doc(  # "in France, Germany, Tijuana and Zedville": Zedville untagged after an "organisation"
        vocab,
        [
            ("Prices", "price", 1, "nsubj", "NOUN", "NNS"),
            ("rose", "rise", 1, "ROOT", "VERB", "VBD"),
            ("in", "in", 1, "prep", "ADP", "IN"),
            ("France", "France", 2, "pobj", "PROPN", "NNP"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("Germany", "Germany", 3, "conj", "PROPN", "NNP"),
            (",", ",", 5, "punct", "PUNCT", ","),
            ("Tijuana", "Tijuana", 5, "conj", "PROPN", "NNP"),
            ("and", "and", 7, "cc", "CCONJ", "CC"),
            ("Zedville", "Zedville", 7, "conj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "O", "B-GPE", "O", "B-GPE", "O", "B-ORG", "O", "O"],
    )
    types = {m.text: m.type for m in extraction_of(doc).mentions}
    assert types["Tijuana"] == types["Zedville"] == "Place"


def test_one_surely_typed_name_does_not_retype_its_list(vocab):
    doc = make_doc(  # "statues of Lincoln and Washington": one gazetteer place is not enough
        vocab,
        [
            ("statues", "statue", 0, "ROOT", "NOUN", "NNS"),
            ("of", "of", 0, "prep", "ADP", "IN"),
            ("Lincoln", "Lincoln", 1, "pobj", "PROPN", "NNP"),
            ("and", "and", 2, "cc", "CCONJ", "CC"),
            ("Washington", "Washington", 2, "conj", "PROPN", "NNP"),
        ],
        ents=["O", "O", "B-PERSON", "O", "B-GPE"],
    )
    types = {m.text: m.type for m in extraction_of(doc).mentions}
    assert types["Lincoln"] == "Person"


def test_of_after_an_age_names_a_place_however_the_parser_hung_it(vocab):
    doc = make_doc(  # "Daniel Sullivan, 30, of Boothbay, went down": "of" hung on the name, not on the age
        vocab,
        [
            ("Daniel", "Daniel", 1, "compound", "PROPN", "NNP"),
            ("Sullivan", "Sullivan", 8, "nsubj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("30", "30", 1, "appos", "NUM", "CD"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("of", "of", 1, "prep", "ADP", "IN"),
            ("Boothbay", "Boothbay", 5, "pobj", "PROPN", "NNP"),
            (",", ",", 8, "punct", "PUNCT", ","),
            ("went", "go", 8, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "B-DATE", "O", "O", "B-ORG", "O", "O"],
    )
    types = {m.text: m.type for m in extraction_of(doc).mentions}
    assert types["Boothbay"] == "Place"


def test_words_in_capitals_in_brackets_before_a_dash_in_a_dateline_are_its_agency(vocab):
    doc = make_doc(  # "Moscow March 5 (TANJUG) -- Papers ...", the agency untagged
        vocab,
        [
            ("Moscow", "Moscow", 0, "ROOT", "PROPN", "NNP"),
            ("March", "March", 0, "appos", "PROPN", "NNP"),
            ("5", "5", 1, "nummod", "NUM", "CD"),
            ("(", "(", 4, "punct", "PUNCT", "-LRB-"),
            ("TANJUG", "TANJUG", 1, "appos", "PROPN", "NNP"),
            (")", ")", 4, "punct", "PUNCT", "-RRB-"),
            ("--", "--", 0, "punct", "PUNCT", ":"),
            ("Papers", "paper", 0, "appos", "NOUN", "NNS"),
        ],
        ents=["B-GPE", "B-DATE", "I-DATE", "O", "O", "O", "O", "O"],
    )
    assert ("TANJUG", "Organization") in {(m.text, m.type) for m in extraction_of(doc).mentions}
    assert ("TANJUG", "basedIn", "Moscow") in facts_of(doc)


def test_an_untagged_name_described_as_a_person_is_one_but_a_noun_with_an_article_is_not(vocab):
    doc = make_doc(  # "Rogers, a native of Tulsa, smiled"; "a Republican who served" names no one
        vocab,
        [
            ("Rogers", "Rogers", 8, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("a", "a", 3, "det", "DET", "DT"),
            ("native", "native", 0, "appos", "NOUN", "NN"),
            ("of", "of", 3, "prep", "ADP", "IN"),
            ("Tulsa", "Tulsa", 4, "pobj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("a", "a", 8, "det", "DET", "DT"),
            ("Republican", "Republican", 8, "ROOT", "PROPN", "NNP"),
            ("who", "who", 10, "nsubj", "PRON", "WP"),
            ("served", "serve", 8, "relcl", "VERB", "VBD"),
        ],
        ents=["O", "O", "O", "O", "O", "B-GPE", "O", "O", "O", "O", "O"],
    )
    types = {m.text: m.type for m in extraction_of(doc).mentions}
    assert types["Rogers"] == "Person" and "Republican" not in types


def test_an_untagged_lone_surname_as_a_verbs_bare_subject_is_a_person_but_a_plural_is_not(vocab):
    rows = [("Harrington", "Harrington", 1, "nsubj", "PROPN", "NNP"), ("taught", "teach", 1, "ROOT", "VERB", "VBD"),
            ("there", "there", 1, "advmod", "ADV", "RB")]
    assert [(m.text, m.type) for m in extraction_of(make_doc(vocab, rows)).mentions] == [("Harrington", "Person")]
    plural = [("Rangers", "Rangers", 1, "nsubj", "PROPN", "NNPS"), ("won", "win", 1, "ROOT", "VERB", "VBD"),
              ("again", "again", 1, "advmod", "ADV", "RB")]
    assert extraction_of(make_doc(vocab, plural)).mentions == ()
    the = [("The", "the", 1, "det", "DET", "DT"), ("Ranch", "Ranch", 2, "nsubj", "PROPN", "NNP"),
           ("opened", "open", 2, "ROOT", "VERB", "VBD")]
    assert extraction_of(make_doc(vocab, the)).mentions == ()


def test_a_common_word_or_a_date_opening_a_sentence_is_no_lone_surname(vocab):
    def subject(word: str, label: str = "O") -> tuple[Mention, ...]:
        rows = [("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"), ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
                ("broadband", "broadband", 1, "dobj", "NOUN", "NN"), (".", ".", 1, "punct", "PUNCT", "."),
                (word, word, 5, "nsubj", "PROPN", "NNP"), ("rose", "rise", 5, "ROOT", "VERB", "VBD"),
                (".", ".", 5, "punct", "PUNCT", ".")]
        ents = ["B-ORG", "O", "O", "O", "B-DATE" if label == "DATE" else "O", "O", "O"]
        return tuple(m for m in extraction_of(make_doc(vocab, rows, ents=ents)).mentions if m.text == word)

    assert subject("Several") == ()  # a stop word
    assert subject("Broadband") == ()  # written in lower case in the document too
    assert subject("February", "DATE") == ()  # the tagger's date
    assert [m.type for m in subject("Harrington")] == ["Person"]


def test_an_untagged_name_first_in_a_list_of_companies_is_one_not_a_lone_surname(vocab):
    rows = [("Quillco", "Quillco", 4, "nsubj", "PROPN", "NNP"), ("and", "and", 0, "cc", "CCONJ", "CC"),
            ("Amazon", "Amazon", 0, "conj", "PROPN", "NNP"), ("are", "be", 4, "aux", "AUX", "VBP"),
            ("seeking", "seek", 4, "ROOT", "VERB", "VBG"), ("buyers", "buyer", 4, "dobj", "NOUN", "NNS")]
    doc = make_doc(vocab, rows, ents=["O", "O", "B-ORG", "O", "O", "O"])
    assert {(m.text, m.type) for m in extraction_of(doc).mentions} == {
        ("Quillco", "Organization"), ("Amazon", "Organization")
    }


def test_a_recovered_name_keeps_the_words_a_hyphen_joins_to_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("sells", "sell", 1, "ROOT", "VERB", "VBZ"),
            ("Widgo", "Widgo", 1, "dobj", "PROPN", "NNP"),
            ("and", "and", 2, "cc", "CCONJ", "CC"),
            ("HD", "HD", 6, "compound", "PROPN", "NNP"),
            ("-", "-", 6, "punct", "PUNCT", "HYPH"),
            ("DVD", "DVD", 2, "conj", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "B-PRODUCT", "O", "O", "O", "O", "O"],
        spaces=[True, True, True, True, False, False, False, False],
    )
    assert ("HD-DVD", "Product") in {(m.text, m.type) for m in extraction_of(doc).mentions}


def test_a_model_code_an_organisation_owns_is_a_product_but_a_number_with_a_unit_is_not(vocab):
    rows = [
        ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
        ("showed", "show", 1, "ROOT", "VERB", "VBD"),
        ("its", "its", 3, "poss", "PRON", "PRP$"),
        ("CODE", "CODE", 1, "dobj", "NOUN", "NN"),
        (".", ".", 1, "punct", "PUNCT", "."),
    ]
    for code, product in (("6230i", True), ("3G", False), ("1990s", False)):
        doc = make_doc(vocab, [(code, code, *r[2:]) if r[0] == "CODE" else r for r in rows],
                       ents=["B-ORG", "O", "O", "B-DATE", "O"])
        assert ((code, "Product") in {(m.text, m.type) for m in extraction_of(doc).mentions}) is product, code


def test_an_untagged_word_in_brackets_spelling_the_name_before_it_in_order_is_its_acronym(vocab):
    def bracketed(first: str, of: str, words: tuple[str, str], short: str) -> dict[str, object]:
        doc = make_doc(  # "the Association of Payment Clearing Services (Apcs) said so"
            vocab,
            [
                ("the", "the", 1, "det", "DET", "DT"),
                (first, first, 9, "nsubj", "PROPN", "NNP"),
                (of, of, 1, "prep", "ADP", "IN"),
                (words[0], words[0], 5, "compound", "PROPN", "NNP"),
                (words[1], words[1], 5, "compound", "PROPN", "NNP"),
                ("Services", "Services", 2, "pobj", "PROPN", "NNPS"),
                ("(", "(", 7, "punct", "PUNCT", "-LRB-"),
                (short, short, 1, "appos", "PROPN", "NNP"),
                (")", ")", 7, "punct", "PUNCT", "-RRB-"),
                ("said", "say", 9, "ROOT", "VERB", "VBD"),
                ("so", "so", 9, "advmod", "ADV", "RB"),
                (".", ".", 9, "punct", "PUNCT", "."),
            ],
            ents=["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O", "O", "O", "O"],
        )
        mention = next((m for m in extraction_of(doc).mentions if m.text == short), None)
        return {} if mention is None else {"type": mention.type, "name": mention.merge_name}

    assert bracketed("Association", "of", ("Payment", "Clearing"), "Apcs") == {
        "type": "Organization", "name": "Association of Payment Clearing Services"}
    assert bracketed("Western", "and", ("Ledger", "Clearing"), "Welcs") == {  # letters beyond the initials
        "type": "Organization", "name": "Western and Ledger Clearing Services"}
    assert bracketed("Western", "and", ("Ledger", "Clearing"), "Zelcs") == {}
