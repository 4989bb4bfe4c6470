"""Relations stated by verbs: active, passive, coordination, participles, governed verbs."""

from __future__ import annotations

from tests.extractors.helpers import facts_of
from tests.helpers import make_doc


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
    assert ("DeepSeek", "released", "R1") in facts_of(doc)


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
    assert facts_of(doc) == {("DeepSeek", "develops", "R1")}


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
    assert facts_of(doc) == {("Google", "acquired", "DeepMind"), ("Google", "acquired", "Wiz")}


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
    assert facts_of(doc) == {("Chapman", "killed", "Lennon")}


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
    assert facts_of(doc) == {("Adamson", "killed", "Bolles")}


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
    facts = facts_of(doc)
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
    assert facts_of(doc) == {("Coe", "livesIn", "Nashville")}


def test_an_attempt_or_a_possibility_is_no_fact_but_an_agreement_is(vocab):
    def buying(governor: str, lemma: str) -> set[tuple[str, str, str]]:
        return facts_of(make_doc(
            vocab,
            [
                ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
                (governor, lemma, 1, "ROOT", "VERB", "VBD"),
                ("buy", "buy", 1, "xcomp", "VERB", "VB"),
                ("Widgetco", "Widgetco", 2, "dobj", "PROPN", "NNP"),
            ],
            ents=["B-ORG", "O", "O", "B-ORG"],
        ))

    assert buying("tried", "try") == set()
    assert buying("tipped", "tip") == set()  # speculation: "Acme, tipped to buy Widgetco"
    assert buying("expected", "expect") == set()
    assert buying("willing", "willing") == set()  # "Acme was willing to buy Widgetco" (the parse simplified)
    assert buying("agreed", "agree") == {("Acme", "acquired", "Widgetco")}


def test_a_verb_with_could_or_a_negation_states_no_fact(vocab):
    for word, dep in (("could", "aux"), ("not", "neg")):
        doc = make_doc(
            vocab,
            [
                ("Acme", "Acme", 2, "nsubj", "PROPN", "NNP"),
                (word, word, 2, dep, "AUX" if dep == "aux" else "PART", "MD" if dep == "aux" else "RB"),
                ("buy", "buy", 2, "ROOT", "VERB", "VB"),
                ("Widgetco", "Widgetco", 2, "dobj", "PROPN", "NNP"),
            ],
            ents=["B-ORG", "O", "O", "B-ORG"],
        )
        assert facts_of(doc) == set()


def test_a_subject_led_by_neither_denies_the_verb_its_clause_governs(vocab):
    def funding(first: str) -> set[tuple[str, str, str]]:
        doc = make_doc(
            vocab,
            [
                (first, first.lower(), 1, "preconj", "CCONJ", "CC"),
                ("Acme", "Acme", 4, "nsubj", "PROPN", "NNP"),
                ("nor", "nor", 1, "cc", "CCONJ", "CC"),
                ("Initech", "Initech", 1, "conj", "PROPN", "NNP"),
                ("was", "be", 4, "ROOT", "AUX", "VBD"),
                ("able", "able", 4, "acomp", "ADJ", "JJ"),
                ("to", "to", 7, "aux", "PART", "TO"),
                ("fund", "fund", 5, "xcomp", "VERB", "VB"),
                ("Widgetco", "Widgetco", 7, "dobj", "PROPN", "NNP"),
            ],
            ents=["O", "B-ORG", "O", "B-ORG", "O", "O", "O", "O", "B-ORG"],
        )
        return facts_of(doc)

    assert funding("Neither") == set()
    assert ("Acme", "investedIn", "Widgetco") in funding("Both")


def test_the_object_of_to_after_a_verb_of_supplying_is_the_customer(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("delivered", "deliver", 1, "ROOT", "VERB", "VBD"),
            ("kits", "kit", 1, "dobj", "NOUN", "NNS"),
            ("to", "to", 1, "prep", "ADP", "IN"),
            ("Widgetco", "Widgetco", 3, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Acme", "supplies", "Widgetco")}


def test_being_overtaken_by_a_company_makes_it_a_rival(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 3, "nsubjpass", "PROPN", "NNP"),
            ("was", "be", 3, "auxpass", "AUX", "VBD"),
            ("quickly", "quickly", 3, "advmod", "ADV", "RB"),
            ("overtaken", "overtake", 3, "ROOT", "VERB", "VBN"),
            ("by", "by", 3, "agent", "ADP", "IN"),
            ("Widgetco", "Widgetco", 4, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Widgetco", "competesWith", "Acme")}


def test_a_country_after_a_supply_verb_is_a_market_not_a_party(vocab):
    rows = [
        ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
        ("sells", "sell", 1, "ROOT", "VERB", "VBZ"),
        ("cars", "car", 1, "dobj", "NOUN", "NNS"),
        ("to", "to", 1, "prep", "ADP", "IN"),
        ("France", "France", 3, "pobj", "PROPN", "NNP"),
    ]
    assert not facts_of(make_doc(vocab, rows, ["B-ORG", "O", "O", "O", "B-GPE"]))
    rows[4] = ("Widgetco", "Widgetco", 3, "pobj", "PROPN", "NNP")
    assert facts_of(make_doc(vocab, rows, ["B-ORG", "O", "O", "O", "B-ORG"])) == {("Acme", "supplies", "Widgetco")}


def test_selling_a_company_or_a_unit_of_one_is_no_supply(vocab):
    rows = [
        ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
        ("sold", "sell", 1, "ROOT", "VERB", "VBD"),
        ("its", "its", 3, "poss", "PRON", "PRP$"),
        ("unit", "unit", 1, "dobj", "NOUN", "NN"),
        ("to", "to", 1, "prep", "ADP", "IN"),
        ("Widgetco", "Widgetco", 4, "pobj", "PROPN", "NNP"),
    ]
    ents = ["B-ORG", "O", "O", "O", "O", "B-ORG"]
    assert ("Acme", "supplies", "Widgetco") not in facts_of(make_doc(vocab, rows, ents))
    rows[3] = ("kits", "kit", 1, "dobj", "NOUN", "NNS")
    assert ("Acme", "supplies", "Widgetco") in facts_of(make_doc(vocab, rows, ents))


def test_a_passive_clause_with_no_subject_of_its_own_is_about_its_governors_subject(vocab):
    doc = make_doc(
        vocab,
        [
            ("Widgetco", "Widgetco", 2, "nsubjpass", "PROPN", "NNP"),
            ("was", "be", 2, "auxpass", "AUX", "VBD"),
            ("sold", "sell", 2, "ROOT", "VERB", "VBN"),
            (",", ",", 2, "punct", "PUNCT", ","),
            ("having", "have", 6, "aux", "AUX", "VBG"),
            ("been", "be", 6, "auxpass", "AUX", "VBN"),
            ("owned", "own", 2, "advcl", "VERB", "VBN"),
            ("by", "by", 6, "agent", "ADP", "IN"),
            ("Acme", "Acme", 7, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "O", "O", "B-ORG"],
    )
    assert facts_of(doc) == {("Acme", "owns", "Widgetco")}


def test_an_infinitive_on_a_deal_a_company_struck_is_that_companys_act(vocab):
    rows = [
        ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
        ("struck", "strike", 1, "ROOT", "VERB", "VBD"),
        ("a", "a", 3, "det", "DET", "DT"),
        ("deal", "deal", 1, "dobj", "NOUN", "NN"),
        ("to", "to", 5, "aux", "PART", "TO"),
        ("supply", "supply", 3, "acl", "VERB", "VB"),
        ("Widgetco", "Widgetco", 5, "dobj", "PROPN", "NNP"),
    ]
    ents = ["B-ORG", "O", "O", "O", "O", "O", "B-ORG"]
    assert ("Acme", "supplies", "Widgetco") in facts_of(make_doc(vocab, rows, ents))
    rows[3] = ("chance", "chance", 1, "dobj", "NOUN", "NN")  # "had a chance to supply": no agreement, no fact
    assert ("Acme", "supplies", "Widgetco") not in facts_of(make_doc(vocab, rows, ents))


def test_a_list_ends_after_its_and_however_the_parser_ran_it_on(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("bought", "buy", 1, "ROOT", "VERB", "VBD"),
            ("Widgetco", "Widgetco", 1, "dobj", "PROPN", "NNP"),
            ("and", "and", 2, "cc", "CCONJ", "CC"),
            ("Gizmo", "Gizmo", 2, "conj", "PROPN", "NNP"),
            (",", ",", 2, "punct", "PUNCT", ","),
            ("Foo", "Foo", 2, "conj", "PROPN", "NNP"),
            ("and", "and", 6, "cc", "CCONJ", "CC"),
            ("Bar", "Bar", 6, "conj", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "B-ORG", "O", "B-ORG", "O", "B-ORG", "O", "B-ORG", "O"],
    )
    assert facts_of(doc) == {("Acme", "acquired", "Widgetco"), ("Acme", "acquired", "Gizmo")}


def test_a_verb_with_its_patient_takes_no_target_from_its_preposition(vocab):
    doc = make_doc(
        vocab,
        [
            ("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"),
            ("shot", "shoot", 1, "ROOT", "VERB", "VBD"),
            ("Jones", "Jones", 1, "dobj", "PROPN", "NNP"),
            ("at", "at", 1, "prep", "ADP", "IN"),
            ("the", "the", 5, "det", "DET", "DT"),
            ("Acme", "Acme", 3, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "B-PERSON", "O", "O", "B-ORG"],
    )
    facts = facts_of(doc)
    assert ("Smith", "killed", "Jones") in facts
    assert ("Smith", "killed", "Acme") not in facts


def test_shooting_at_someone_with_no_patient_targets_them(vocab):
    doc = make_doc(
        vocab,
        [
            ("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"),
            ("shot", "shoot", 1, "ROOT", "VERB", "VBD"),
            ("at", "at", 1, "prep", "ADP", "IN"),
            ("Jones", "Jones", 2, "pobj", "PROPN", "NNP"),
        ],
        ents=["B-PERSON", "O", "O", "B-PERSON"],
    )
    assert ("Smith", "killed", "Jones") in facts_of(doc)
