"""Facts about products: makers named in a product's name, names a noun is given, launches and releases."""

from __future__ import annotations

from tests.extractors.helpers import facts_of
from tests.helpers import make_doc


def _order_sentence(vocab, maker_alone: bool, model: str = "380"):
    """ "Acme said orders for the Acme 380 rose." (or "They said ..." when the maker is not named alone)."""
    first = ("Acme", "Acme", "PROPN", "NNP", "B-ORG") if maker_alone else ("They", "they", "PRON", "PRP", "O")
    return make_doc(
        vocab,
        [
            (first[0], first[1], 1, "nsubj", first[2], first[3]),
            ("said", "say", 1, "ROOT", "VERB", "VBD"),
            ("orders", "order", 7, "nsubj", "NOUN", "NNS"),
            ("for", "for", 2, "prep", "ADP", "IN"),
            ("the", "the", 6, "det", "DET", "DT"),
            ("Acme", "Acme", 6, "compound", "PROPN", "NNP"),
            (model, model, 3, "pobj", "NUM", "CD"),
            ("rose", "rise", 1, "ccomp", "VERB", "VBD"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=[first[4], "O", "O", "O", "O", "B-ORG", "O", "O", "O"],
    )


def test_a_makers_name_before_a_model_number_names_the_maker(vocab):
    assert ("Acme", "manufactures", "Acme 380") in facts_of(_order_sentence(vocab, maker_alone=True))


def test_a_name_before_a_model_number_is_no_maker_unless_named_alone(vocab):
    assert not any(p == "manufactures" for _, p, _ in facts_of(_order_sentence(vocab, maker_alone=False)))


def test_a_sequel_number_names_no_maker(vocab):
    assert not any(p == "manufactures" for _, p, _ in facts_of(_order_sentence(vocab, maker_alone=True, model="2")))


def test_publishing_a_work_releases_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("published", "publish", 1, "ROOT", "VERB", "VBD"),
            ("Widget", "Widget", 1, "dobj", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "B-PRODUCT", "O"],
    )
    assert facts_of(doc) == {("Acme", "released", "Widget")}


def test_a_unit_noun_stands_for_the_unit_it_names(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 3, "poss", "PROPN", "NNP"),
            ("'s", "'s", 0, "case", "PART", "POS"),
            ("Widgetco", "Widgetco", 3, "compound", "PROPN", "NNP"),
            ("unit", "unit", 9, "nsubj", "NOUN", "NN"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("which", "which", 6, "nsubj", "PRON", "WDT"),
            ("publishes", "publish", 3, "relcl", "VERB", "VBZ"),
            ("Gizmo", "Gizmo", 6, "dobj", "PROPN", "NNP"),
            (",", ",", 3, "punct", "PUNCT", ","),
            ("grew", "grow", 9, "ROOT", "VERB", "VBD"),
            (".", ".", 9, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "B-ORG", "O", "O", "O", "O", "B-PRODUCT", "O", "O", "O"],
    )
    assert ("Widgetco", "released", "Gizmo") in facts_of(doc)


def _version_sentence(vocab, american: bool):
    """ "The [American] version of Widget trails rivals such as Gizmo." """
    rows = [
        ("The", "the", 2, "det", "DET", "DT"),
        ("American", "american", 2, "amod", "ADJ", "JJ"),
        ("version", "version", 5, "nsubj", "NOUN", "NN"),
        ("of", "of", 2, "prep", "ADP", "IN"),
        ("Widget", "Widget", 3, "pobj", "PROPN", "NNP"),
        ("trails", "trail", 5, "ROOT", "VERB", "VBZ"),
        ("rivals", "rival", 5, "dobj", "NOUN", "NNS"),
        ("such", "such", 8, "amod", "ADJ", "JJ"),
        ("as", "as", 6, "prep", "ADP", "IN"),
        ("Gizmo", "Gizmo", 8, "pobj", "PROPN", "NNP"),
        (".", ".", 5, "punct", "PUNCT", "."),
    ]
    ents = ["O", "B-NORP", "O", "O", "B-PRODUCT", "O", "O", "O", "O", "B-PRODUCT", "O"]
    if not american:
        rows = [(w, lemma, head - (head > 1), dep, pos, tag) for w, lemma, head, dep, pos, tag in rows[:1] + rows[2:]]
        ents = ents[:1] + ents[2:]
    return make_doc(vocab, rows, ents=ents)


def test_a_version_of_a_product_stands_for_it(vocab):
    assert ("Widget", "competesWith", "Gizmo") in facts_of(_version_sentence(vocab, american=False))


def test_a_version_set_apart_by_a_name_is_its_own(vocab):
    facts = facts_of(_version_sentence(vocab, american=True))
    assert not any(s == "Widget" for s, _, _ in facts)


def test_buying_a_fraction_of_a_company_acquires_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("bought", "buy", 1, "ROOT", "VERB", "VBD"),
            ("two", "two", 3, "nummod", "NUM", "CD"),
            ("thirds", "third", 1, "dobj", "NOUN", "NNS"),
            ("of", "of", 3, "prep", "ADP", "IN"),
            ("Widgetco", "Widgetco", 4, "pobj", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-ORG", "O"],
    )
    assert ("Acme", "acquired", "Widgetco") in facts_of(doc)


def test_working_on_a_kind_noun_called_a_name_develops_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("worked", "work", 1, "ROOT", "VERB", "VBD"),
            ("on", "on", 1, "prep", "ADP", "IN"),
            ("a", "a", 4, "det", "DET", "DT"),
            ("technology", "technology", 2, "pobj", "NOUN", "NN"),
            ("called", "call", 4, "acl", "VERB", "VBN"),
            ("Widgo", "Widgo", 5, "oprd", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "O", "B-PRODUCT"],
    )
    assert facts_of(doc) == {("Acme", "develops", "Widgo")}


def test_a_product_named_after_an_organisation_the_document_names_alone_is_its_own(vocab):
    # "Acme grew. The Acme Widget sold. The Widget 2 sold.": Acme develops the Acme Widget; "Widget 2" is a version
    def facts(product: list[str]) -> set[tuple[str, str, str]]:
        rows = [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
            (".", ".", 1, "punct", "PUNCT", "."),
            ("The", "the", 3 + len(product), "det", "DET", "DT"),
            *[(w, w, 3 + len(product), "compound", "PROPN", "NNP") for w in product[:-1]],
            (product[-1], product[-1], 4 + len(product), "nsubj", "PROPN", "NNP"),
            ("sold", "sell", 4 + len(product), "ROOT", "VERB", "VBD"),
            (".", ".", 4 + len(product), "punct", "PUNCT", "."),
        ]
        ents = ["B-ORG", "O", "O", "O", "B-PRODUCT", *["I-PRODUCT"] * (len(product) - 1), "O", "O"]
        return facts_of(make_doc(vocab, rows, ents=ents))

    assert facts(["Acme", "Widget"]) == {("Acme", "develops", "Acme Widget")}
    assert facts(["Acme", "2"]) == set()
