"""Relations stated by nouns: possessives, titles, roles and nominalised verbs."""

from __future__ import annotations

from tests.extractors.helpers import facts_of
from tests.helpers import make_doc


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
    assert facts_of(doc) == {("Nvidia", "manufactures", "H800")}


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
    assert facts_of(doc) == {("Jensen Huang", "ceoOf", "Nvidia")}


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
    assert facts_of(doc) == {("Liang Wenfeng", "founderOf", "DeepSeek")}


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
    assert facts_of(doc) == {("James Ray", "killed", "King")}


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
    assert facts_of(doc) == {("Pimentel", "worksFor", "Cornell")}


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
    assert facts_of(doc) == {("Ruby", "killed", "Oswald")}


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
    assert facts_of(doc) == {("Charles Guiteau", "killed", "Garfield")}


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
    assert facts_of(doc) == {("Anderson", "worksFor", "GE")}


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
    assert ("Riegle", "leads", "Banking Committee") in facts_of(doc)


def test_the_subject_of_a_support_verb_is_the_agent_of_its_relation_noun(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("signed", "sign", 1, "ROOT", "VERB", "VBD"),
            ("a", "a", 3, "det", "DET", "DT"),
            ("deal", "deal", 1, "dobj", "NOUN", "NN"),
            ("with", "with", 1, "prep", "ADP", "IN"),
            ("Widgetco", "Widgetco", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Acme", "partnerOf", "Widgetco")}


def test_a_relation_noun_in_apposition_describes_its_agent(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 5, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("a", "a", 3, "det", "DET", "DT"),
            ("shareholder", "shareholder", 0, "appos", "NOUN", "NN"),
            ("in", "in", 3, "prep", "ADP", "IN"),
            ("said", "say", 5, "ROOT", "VERB", "VBD"),
            ("Widgetco", "Widgetco", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Acme", "investedIn", "Widgetco")}


def test_a_possessive_pronoun_on_a_relation_noun_stands_for_its_antecedent(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("completed", "complete", 1, "ROOT", "VERB", "VBD"),
            ("its", "its", 3, "poss", "PRON", "PRP$"),
            ("takeover", "takeover", 1, "dobj", "NOUN", "NN"),
            ("of", "of", 3, "prep", "ADP", "IN"),
            ("Widgetco", "Widgetco", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Acme", "acquired", "Widgetco")}


def test_its_product_belongs_to_the_pronouns_antecedent_but_its_people_are_left_to_the_titles(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("sold", "sell", 1, "ROOT", "VERB", "VBD"),
            ("its", "its", 3, "poss", "PRON", "PRP$"),
            ("Zapper", "Zapper", 1, "dobj", "PROPN", "NNP"),
            ("and", "and", 3, "cc", "CCONJ", "CC"),
            ("its", "its", 6, "poss", "PRON", "PRP$"),
            ("Smith", "Smith", 3, "conj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "B-PRODUCT", "O", "O", "B-PERSON"],
    )
    facts = facts_of(doc)
    assert ("Acme", "develops", "Zapper") in facts
    assert ("Smith", "worksFor", "Acme") not in facts


def test_conjoined_subjects_of_a_symmetric_relation_noun_are_each_others_partners(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 3, "nsubj", "PROPN", "NNP"),
            ("and", "and", 0, "cc", "CCONJ", "CC"),
            ("Widgetco", "Widgetco", 0, "conj", "PROPN", "NNP"),
            ("joined", "join", 3, "ROOT", "VERB", "VBD"),
            ("forces", "force", 3, "dobj", "NOUN", "NNS"),
        ],
        ents=["B-ORG", "O", "B-ORG", "O", "O"],
    )
    assert facts_of(doc) == {("Acme", "partnerOf", "Widgetco")}


def test_owning_a_part_of_a_company_is_a_stake_in_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("owns", "own", 1, "ROOT", "VERB", "VBZ"),
            ("8", "8", 3, "nummod", "NUM", "CD"),
            ("%", "%", 1, "dobj", "NOUN", "NN"),
            ("of", "of", 3, "prep", "ADP", "IN"),
            ("Widgetco", "Widgetco", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Acme", "investedIn", "Widgetco")}


def test_a_part_of_a_known_place_is_a_market_not_a_stake(vocab):
    doc = make_doc(  # "Acme has 8% of France": a share of a market, no stake in a party
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("has", "have", 1, "ROOT", "VERB", "VBZ"),
            ("8", "8", 3, "nummod", "NUM", "CD"),
            ("%", "%", 1, "dobj", "NOUN", "NN"),
            ("of", "of", 3, "prep", "ADP", "IN"),
            ("France", "France", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-GPE"],
    )
    assert not any(p == "investedIn" for _, p, _ in facts_of(doc))


def test_buying_all_of_a_company_is_owning_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("bought", "buy", 1, "ROOT", "VERB", "VBD"),
            ("100", "100", 3, "nummod", "NUM", "CD"),
            ("%", "%", 1, "dobj", "NOUN", "NN"),
            ("of", "of", 3, "prep", "ADP", "IN"),
            ("Widgetco", "Widgetco", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Acme", "owns", "Widgetco")}


def test_the_head_of_a_department_works_for_the_organisation_but_does_not_lead_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Smith", "Smith", 6, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("Acme", "Acme", 4, "poss", "PROPN", "NNP"),
            ("'s", "'s", 2, "case", "PART", "POS"),
            ("head", "head", 0, "appos", "NOUN", "NN"),
            ("of", "of", 4, "prep", "ADP", "IN"),
            ("spoke", "speak", 6, "ROOT", "VERB", "VBD"),
            ("sales", "sale", 5, "pobj", "NOUN", "NNS"),
        ],
        ents=["B-PERSON", "O", "B-ORG", "O", "O", "O", "O", "O"],
    )
    assert facts_of(doc) == {("Smith", "worksFor", "Acme")}


def test_a_country_before_a_title_with_an_organisation_scopes_the_job(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 2, "compound", "PROPN", "NNP"),
            ("UK", "UK", 2, "compound", "PROPN", "NNP"),
            ("chairman", "chairman", 4, "compound", "NOUN", "NN"),
            ("John", "John", 4, "compound", "PROPN", "NNP"),
            ("Smith", "Smith", 5, "nsubj", "PROPN", "NNP"),
            ("spoke", "speak", 5, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "B-GPE", "O", "B-PERSON", "I-PERSON", "O"],
    )
    facts = facts_of(doc)
    assert ("John Smith", "worksFor", "Acme") in facts and ("John Smith", "leads", "Acme") not in facts


def test_a_possessed_common_noun_names_the_product_modifying_it_but_not_a_deal(vocab):
    def possessed(noun: str, lemma: str) -> set[tuple[str, str, str]]:
        return facts_of(make_doc(
            vocab,
            [
                ("Acme", "Acme", 3, "poss", "PROPN", "NNP"),
                ("'s", "'s", 0, "case", "PART", "POS"),
                ("Zapper", "Zapper", 3, "compound", "PROPN", "NNP"),
                (noun, lemma, 4, "nsubj", "NOUN", "NN"),
                ("works", "work", 4, "ROOT", "VERB", "VBZ"),
            ],
            ents=["B-ORG", "O", "B-PRODUCT", "O", "O"],
        ))

    assert possessed("technology", "technology") == {("Acme", "develops", "Zapper")}
    assert possessed("takeover", "takeover") == set()


def test_a_title_the_tagger_calls_an_adjective_before_a_name_still_names_the_employer(vocab):
    doc = make_doc(
        vocab,
        [
            ("NUJ", "NUJ", 1, "compound", "PROPN", "NNP"),
            ("official", "official", 3, "compound", "ADJ", "JJ"),
            ("Jo", "Jo", 3, "compound", "PROPN", "NNP"),
            ("Bloggs", "Bloggs", 4, "nsubj", "PROPN", "NNP"),
            ("spoke", "speak", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "B-PERSON", "I-PERSON", "O"],
    )
    assert facts_of(doc) == {("Jo Bloggs", "worksFor", "NUJ")}


def test_a_name_hung_on_the_holder_beside_a_leading_title_is_the_employer(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 4, "nmod", "PROPN", "NNP"),
            ("chief", "chief", 2, "amod", "ADJ", "JJ"),
            ("executive", "executive", 4, "compound", "NOUN", "NN"),
            ("Jo", "Jo", 4, "compound", "PROPN", "NNP"),
            ("Bloggs", "Bloggs", 5, "nsubj", "PROPN", "NNP"),
            ("spoke", "speak", 5, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "O", "B-PERSON", "I-PERSON", "O"],
    )
    assert facts_of(doc) == {("Jo Bloggs", "ceoOf", "Acme")}


def test_a_title_qualified_by_a_common_noun_is_not_held_at_the_organisation_named_before(vocab):
    rows = [
        ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
        (".", ".", 1, "punct", "PUNCT", "."),
        ("Union", "union", 4, "compound", "NOUN", "NN"),
        ("official", "official", 6, "compound", "NOUN", "NN"),
        ("Jo", "Jo", 6, "compound", "PROPN", "NNP"),
        ("Bloggs", "Bloggs", 7, "nsubj", "PROPN", "NNP"),
        ("spoke", "speak", 7, "ROOT", "VERB", "VBD"),
    ]
    ents = ["B-ORG", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O"]
    in_context = ("Jo Bloggs", "worksFor", "official")  # the title standing for the organisation named before
    assert in_context not in facts_of(make_doc(vocab, rows, ents))
    rows[3] = ("Chief", "chief", 4, "amod", "ADJ", "JJ")  # a bare title refers to it
    assert in_context in facts_of(make_doc(vocab, rows, ents))


def test_from_an_organisation_right_after_a_persons_name_says_where_the_person_works(vocab):
    rows = [
        ("said", "say", 0, "ROOT", "VERB", "VBD"),
        ("Jo", "Jo", 2, "compound", "PROPN", "NNP"),
        ("Bloggs", "Bloggs", 0, "nsubj", "PROPN", "NNP"),
        (",", ",", 2, "punct", "PUNCT", ","),
        ("from", "from", 0, "prep", "ADP", "IN"),  # hung on the verb, as parsers do
        ("Acme", "Acme", 4, "pobj", "PROPN", "NNP"),
    ]
    assert facts_of(make_doc(vocab, rows, ["O", "B-PERSON", "I-PERSON", "O", "O", "B-ORG"])) == {
        ("Jo Bloggs", "worksFor", "Acme")
    }
    assert not facts_of(make_doc(vocab, rows, ["O", "B-PERSON", "I-PERSON", "O", "O", "B-GPE"]))


def test_ties_with_a_company_make_a_partnership(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("deepened", "deepen", 1, "ROOT", "VERB", "VBD"),
            ("its", "its", 3, "poss", "PRON", "PRP$"),
            ("ties", "tie", 1, "dobj", "NOUN", "NNS"),
            ("with", "with", 3, "prep", "ADP", "IN"),
            ("Widgetco", "Widgetco", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Acme", "partnerOf", "Widgetco")}


def test_a_place_in_a_title_with_its_organisation_says_where_the_job_is_not_the_holders_home(vocab):
    doc = make_doc(
        vocab,
        [
            ("Jo", "Jo", 1, "compound", "PROPN", "NNP"),
            ("Bloggs", "Bloggs", 10, "nsubj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("managing", "managing", 4, "amod", "NOUN", "NN"),
            ("director", "director", 1, "appos", "NOUN", "NN"),
            ("of", "of", 4, "prep", "ADP", "IN"),
            ("Acme", "Acme", 5, "pobj", "PROPN", "NNP"),
            ("in", "in", 4, "prep", "ADP", "IN"),
            ("France", "France", 7, "pobj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("spoke", "speak", 10, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-ORG", "O", "B-GPE", "O", "O"],
    )
    assert facts_of(doc) == {("Jo Bloggs", "worksFor", "Acme")}


def test_a_stake_that_is_sold_is_not_held(vocab):
    rows = [
        ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
        ("sold", "sell", 1, "ROOT", "VERB", "VBD"),
        ("its", "its", 3, "poss", "PRON", "PRP$"),
        ("stake", "stake", 1, "dobj", "NOUN", "NN"),
        ("in", "in", 3, "prep", "ADP", "IN"),
        ("Widgetco", "Widgetco", 4, "pobj", "PROPN", "NNP"),
    ]
    ents = ["B-ORG", "O", "O", "O", "O", "B-ORG"]
    assert not facts_of(make_doc(vocab, rows, ents))
    rows[1] = ("raised", "raise", 1, "ROOT", "VERB", "VBD")
    assert facts_of(make_doc(vocab, rows, ents)) == {("Acme", "investedIn", "Widgetco")}


def test_a_possessive_pronoun_on_a_title_stands_for_its_antecedent(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("said", "say", 1, "ROOT", "VERB", "VBD"),
            ("its", "its", 3, "poss", "PRON", "PRP$"),
            ("founder", "founder", 5, "compound", "NOUN", "NN"),
            ("Jo", "Jo", 5, "compound", "PROPN", "NNP"),
            ("Bloggs", "Bloggs", 6, "nsubj", "PROPN", "NNP"),
            ("resigned", "resign", 1, "ccomp", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "O", "O", "B-PERSON", "I-PERSON", "O"],
    )
    assert facts_of(doc) == {("Jo Bloggs", "founderOf", "Acme")}


def test_conjoined_titles_share_their_organisation(vocab):
    doc = make_doc(
        vocab,
        [
            ("Jo", "Jo", 1, "compound", "PROPN", "NNP"),
            ("Bloggs", "Bloggs", 8, "nsubj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("chairman", "chairman", 1, "appos", "NOUN", "NN"),
            ("and", "and", 3, "cc", "CCONJ", "CC"),
            ("founder", "founder", 3, "conj", "NOUN", "NN"),
            ("of", "of", 3, "prep", "ADP", "IN"),  # hung on the first title
            ("Acme", "Acme", 6, "pobj", "PROPN", "NNP"),
            ("spoke", "speak", 8, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "B-ORG", "O"],
    )
    assert ("Jo Bloggs", "founderOf", "Acme") in facts_of(doc)


def test_a_title_over_an_organisations_unit_works_for_the_organisation_too(vocab):
    doc = make_doc(
        vocab,
        [
            ("Jo", "Jo", 1, "compound", "PROPN", "NNP"),
            ("Bloggs", "Bloggs", 10, "nsubj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("manager", "manager", 1, "appos", "NOUN", "NN"),
            ("of", "of", 3, "prep", "ADP", "IN"),
            ("Acme", "Acme", 8, "poss", "PROPN", "NNP"),
            ("'s", "'s", 5, "case", "PART", "POS"),
            ("Widget", "Widget", 8, "compound", "PROPN", "NNP"),
            ("Group", "Group", 4, "pobj", "PROPN", "NNP"),
            (",", ",", 1, "punct", "PUNCT", ","),
            ("spoke", "speak", 10, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "I-PERSON", "O", "O", "O", "B-ORG", "O", "B-ORG", "I-ORG", "O", "O"],
    )
    assert {("Jo Bloggs", "worksFor", "Widget Group"), ("Jo Bloggs", "worksFor", "Acme")} <= facts_of(doc)


def test_the_relative_pronoun_subject_of_a_support_verb_is_the_name_its_clause_describes(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 7, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("which", "which", 3, "nsubj", "PRON", "WDT"),
            ("signed", "sign", 0, "relcl", "VERB", "VBD"),
            ("deals", "deal", 3, "dobj", "NOUN", "NNS"),
            ("with", "with", 4, "prep", "ADP", "IN"),
            ("Widgetco", "Widgetco", 5, "pobj", "PROPN", "NNP"),
            ("grew", "grow", 7, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "B-ORG", "O"],
    )
    assert facts_of(doc) == {("Acme", "partnerOf", "Widgetco")}


def test_a_bare_title_in_a_sentence_naming_an_organisation_takes_no_employer_from_before(vocab):
    rows = [
        ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
        (".", ".", 1, "punct", "PUNCT", "."),
        ("Analyst", "analyst", 5, "compound", "PROPN", "NNP"),
        ("Jo", "Jo", 5, "compound", "PROPN", "NNP"),
        ("Bloggs", "Bloggs", 6, "nsubj", "PROPN", "NNP"),
        ("criticised", "criticise", 6, "ROOT", "VERB", "VBD"),
        ("Widgetco", "Widgetco", 6, "dobj", "PROPN", "NNP"),
    ]
    ents = ["B-ORG", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "B-ORG"]
    assert ("Jo Bloggs", "worksFor", "Analyst") not in facts_of(make_doc(vocab, rows, ents))
    rows[7] = ("him", "he", 6, "dobj", "PRON", "PRP")
    assert ("Jo Bloggs", "worksFor", "Analyst") in facts_of(make_doc(vocab, rows, [*ents[:7], "O"]))


def test_a_title_scoped_by_a_department_after_a_comma_gives_worksfor_not_leads(vocab):
    rows = [
        ("Jo", "Jo", 1, "compound", "PROPN", "NNP"),
        ("Bloggs", "Bloggs", 1, "ROOT", "PROPN", "NNP"),
        (",", ",", 1, "punct", "PUNCT", ","),
        ("Acme", "Acme", 6, "poss", "PROPN", "NNP"),
        ("'s", "'s", 3, "case", "PART", "POS"),
        ("managing", "managing", 6, "compound", "NOUN", "NN"),
        ("director", "director", 1, "appos", "NOUN", "NN"),
        (",", ",", 6, "punct", "PUNCT", ","),
        ("broadband", "broadband", 6, "conj", "NOUN", "NN"),
    ]
    ents = ["B-PERSON", "I-PERSON", "O", "B-ORG", "O", "O", "O", "O", "O"]
    assert facts_of(make_doc(vocab, rows, ents)) == {("Jo Bloggs", "worksFor", "Acme")}
    rows[8] = ("chairman", "chairman", 6, "conj", "NOUN", "NN")  # a second title is no department
    assert ("Jo Bloggs", "leads", "Acme") in facts_of(make_doc(vocab, rows, ents))


def test_one_of_a_places_firms_beside_a_name_places_that_name(vocab):
    words = [
        ("Acme", "Acme", 8, "nsubj", "PROPN", "NNP"),
        (",", ",", 0, "punct", "PUNCT", ","),
        ("one", "one", 0, "appos", "NUM", "CD"),
        ("of", "of", 2, "prep", "ADP", "IN"),
        ("Scotland", "Scotland", 6, "poss", "PROPN", "NNP"),
        ("'s", "'s", 4, "case", "PART", "POS"),
        ("firms", "firm", 3, "pobj", "NOUN", "NNS"),
        (",", ",", 0, "punct", "PUNCT", ","),
        ("grew", "grow", 8, "ROOT", "VERB", "VBD"),
    ]
    ents = ["B-ORG", "O", "O", "O", "B-GPE", "O", "O", "O", "O"]
    assert ("Acme", "basedIn", "Scotland") in facts_of(make_doc(vocab, words, ents=ents))
    words[2] = ("each", "each", 0, "appos", "PRON", "DT")
    assert ("Acme", "basedIn", "Scotland") not in facts_of(make_doc(vocab, words, ents=ents))


def test_a_title_at_a_unit_named_by_a_name_read_as_an_adjective_works_for_that_name(vocab):
    words = [
        ("Ann", "Ann", 1, "compound", "PROPN", "NNP"),
        ("Berg", "Berg", 10, "nsubj", "PROPN", "NNP"),
        (",", ",", 1, "punct", "PUNCT", ","),
        ("senior", "senior", 4, "amod", "ADJ", "JJ"),
        ("manager", "manager", 1, "appos", "NOUN", "NN"),
        ("at", "at", 4, "prep", "ADP", "IN"),
        ("Acme", "Acme", 8, "amod", "ADJ", "JJ"),
        ("security", "security", 8, "compound", "NOUN", "NN"),
        ("response", "response", 5, "pobj", "NOUN", "NN"),
        (",", ",", 1, "punct", "PUNCT", ","),
        ("spoke", "speak", 10, "ROOT", "VERB", "VBD"),
    ]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "O"]
    assert ("Ann Berg", "worksFor", "Acme") in facts_of(make_doc(vocab, words, ents=ents))
    words[6] = ("Swedish", "swedish", 8, "amod", "ADJ", "JJ")
    ents[6] = "B-NORP"
    assert not {f for f in facts_of(make_doc(vocab, words, ents=ents)) if f[1] == "worksFor"}


def test_a_title_for_kind_words_the_parser_cut_after_the_first_works_for_the_name_they_lead_to(vocab):
    words = [
        ("Ann", "Ann", 1, "compound", "PROPN", "NNP"),
        ("Berg", "Berg", 9, "nsubj", "PROPN", "NNP"),
        (",", ",", 1, "punct", "PUNCT", ","),
        ("manager", "manager", 1, "appos", "NOUN", "NN"),
        ("for", "for", 3, "prep", "ADP", "IN"),
        ("games", "game", 4, "pobj", "NOUN", "NNS"),
        ("giant", "giant", 7, "amod", "ADJ", "JJ"),
        ("Acme", "Acme", 3, "conj", "PROPN", "NNP"),
        (",", ",", 1, "punct", "PUNCT", ","),
        ("spoke", "speak", 9, "ROOT", "VERB", "VBD"),
    ]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "B-ORG", "O", "O"]
    assert ("Ann Berg", "worksFor", "Acme") in facts_of(make_doc(vocab, words, ents=ents))
    words[6] = (";", ";", 7, "punct", "PUNCT", ":")
    assert ("Ann Berg", "worksFor", "Acme") not in facts_of(make_doc(vocab, words, ents=ents))


def test_held_on_a_sentence_for_a_killing_names_the_killer(vocab):
    doc = make_doc(
        vocab,
        [
            ("Ray", "Ray", 3, "nsubjpass", "PROPN", "NNP"),
            ("is", "be", 3, "aux", "AUX", "VBZ"),
            ("being", "be", 3, "auxpass", "AUX", "VBG"),
            ("held", "hold", 3, "ROOT", "VERB", "VBN"),
            ("on", "on", 3, "prep", "ADP", "IN"),
            ("a", "a", 6, "det", "DET", "DT"),
            ("sentence", "sentence", 4, "pobj", "NOUN", "NN"),
            ("for", "for", 6, "prep", "ADP", "IN"),
            ("the", "the", 9, "det", "DET", "DT"),
            ("slaying", "slaying", 7, "pobj", "NOUN", "NN"),
            ("of", "of", 9, "prep", "ADP", "IN"),
            ("King", "King", 10, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "B-PERSON"],
    )
    assert ("Ray", "killed", "King") in facts_of(doc)


def test_a_participle_of_sentencing_parsed_with_a_subject_names_the_accused(vocab):
    doc = make_doc(
        vocab,
        [
            ("Chapman", "Chapman", 2, "nsubj", "PROPN", "NNP"),
            (",", ",", 2, "punct", "PUNCT", ","),
            ("sentenced", "sentence", 11, "advcl", "VERB", "VBN"),
            ("to", "to", 2, "prep", "ADP", "IN"),
            ("life", "life", 3, "pobj", "NOUN", "NN"),
            ("for", "for", 2, "prep", "ADP", "IN"),
            ("the", "the", 7, "det", "DET", "DT"),
            ("murder", "murder", 5, "pobj", "NOUN", "NN"),
            ("of", "of", 7, "prep", "ADP", "IN"),
            ("Lennon", "Lennon", 8, "pobj", "PROPN", "NNP"),
            (",", ",", 11, "punct", "PUNCT", ","),
            ("staged", "stage", 11, "ROOT", "VERB", "VBD"),
            ("a", "a", 13, "det", "DET", "DT"),
            ("strike", "strike", 11, "dobj", "NOUN", "NN"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "O", "O", "O", "B-PERSON", "O", "O", "O", "O"],
    )
    assert ("Chapman", "killed", "Lennon") in facts_of(doc)


def test_an_attempted_killing_is_no_killing(vocab):
    doc = make_doc(
        vocab,
        [
            ("Jones", "Jones", 2, "nsubjpass", "PROPN", "NNP"),
            ("was", "be", 2, "auxpass", "AUX", "VBD"),
            ("convicted", "convict", 2, "ROOT", "VERB", "VBN"),
            ("of", "of", 2, "prep", "ADP", "IN"),
            ("the", "the", 6, "det", "DET", "DT"),
            ("attempted", "attempt", 6, "amod", "VERB", "VBN"),
            ("murder", "murder", 3, "pobj", "NOUN", "NN"),
            ("of", "of", 6, "prep", "ADP", "IN"),
            ("Smith", "Smith", 7, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "O", "O", "O", "O", "O", "B-PERSON"],
    )
    assert ("Jones", "killed", "Smith") not in facts_of(doc)


def test_a_company_s_named_robot_is_a_product_it_develops_not_an_employee(vocab):
    rows = [
        ("Acme", "Acme", 3, "poss", "PROPN", "NNP"),
        ("'s", "'s", 0, "case", "PART", "POS"),
        ("Zed", "Zed", 3, "compound", "PROPN", "NNP"),
        ("Robot", "Robot", 4, "nsubj", "PROPN", "NNP"),
        ("danced", "dance", 4, "ROOT", "VERB", "VBD"),
        (".", ".", 4, "punct", "PUNCT", "."),
    ]
    facts = facts_of(make_doc(vocab, rows, ents=["B-ORG", "O", "B-PERSON", "I-PERSON", "O", "O"]))
    assert facts == {("Acme", "develops", "Zed Robot")}


def test_a_name_beside_a_figure_of_a_company_is_no_unit_it_owns(vocab):
    # "Acme's price index (XPI) fell"
    rows = [
        ("Acme", "Acme", 3, "poss", "PROPN", "NNP"),
        ("'s", "'s", 0, "case", "PART", "POS"),
        ("price", "price", 3, "compound", "NOUN", "NN"),
        ("index", "index", 7, "nsubj", "NOUN", "NN"),
        ("(", "(", 5, "punct", "PUNCT", "-LRB-"),
        ("XPI", "XPI", 3, "appos", "PROPN", "NNP"),
        (")", ")", 5, "punct", "PUNCT", "-RRB-"),
        ("fell", "fall", 7, "ROOT", "VERB", "VBD"),
        (".", ".", 7, "punct", "PUNCT", "."),
    ]
    facts = facts_of(make_doc(vocab, rows, ents=["B-ORG", "O", "O", "O", "O", "B-ORG", "O", "O", "O"]))
    assert not {f for f in facts if f[1] == "owns"}


def test_a_name_modifying_a_possessed_title_is_the_staffs_employer_not_the_possessors(vocab):
    doc = make_doc(
        vocab,
        [
            ("Smith", "Smith", 3, "poss", "PROPN", "NNP"),
            ("'s", "'s", 0, "case", "PART", "POS"),
            ("Treasury", "Treasury", 3, "compound", "PROPN", "NNP"),
            ("aides", "aide", 4, "nsubj", "NOUN", "NNS"),
            ("spoke", "speak", 4, "ROOT", "VERB", "VBD"),
        ],
        ents=["B-PERSON", "O", "B-ORG", "O", "O"],
    )
    assert ("Smith", "worksFor", "Treasury") not in facts_of(doc)
