"""Stated dates and deal sums on hand-built parses: no statistical model needed."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extractors import extract_document
from kg.extractors.times import annotate_relations, read_amount, stated_time
from kg.model import Amount, Document, Extraction, StatedTime
from tests.helpers import make_doc

PUBLISHED = date(2025, 3, 14)  # a Friday


@pytest.mark.parametrize(
    ("words", "value", "datatype"),
    [
        ("last year", "2024", "gYear"),
        ("2015", "2015", "gYear"),
        ("March 2024", "2024-03", "gYearMonth"),
        ("on Monday", "2025-03-10", "date"),
        ("yesterday", "2025-03-13", "date"),
        ("December", "2024-12", "gYearMonth"),
        ("April 21", "2025-04-21", "date"),  # next month, not eleven months ago
        ("Friday", "2025-03-14", "date"),  # the article's own weekday is its day
        ("Thursday", "2025-03-13", "date"),
        ("Feb 17 and 19", "", ""),
        ("earlier this year", "2025", "gYear"),
        ("late 2023", "2023", "gYear"),
        ("8 December 2004", "2004-12-08", "date"),
        ("five years", "", ""),
        ("the 1990s", "", ""),
        ("2015-2018", "", ""),
        ("fiscal 2024", "", ""),
        ("this week", "", ""),
        ("1987/88", "", ""),
        ("12", "", ""),  # a bare number the tagger marked DATE
        ("H1", "", ""),
    ],
)
def test_stated_time_resolves_against_the_publication_day(words, value, datatype):
    assert stated_time(words, PUBLISHED) == StatedTime(words, value, datatype)


def test_undated_document_resolves_only_what_needs_no_base():
    assert stated_time("in 2015", None) == StatedTime("in 2015", "2015", "gYear")
    assert stated_time("March 2024", None).value == "2024-03"
    assert stated_time("last year", None) == StatedTime("last year")
    assert stated_time("on Monday", None) == StatedTime("on Monday")


@pytest.mark.parametrize(
    ("words", "value", "currency"),
    [
        ("$2.8bn", "2800000000", "USD"),
        ("£30m", "30000000", "GBP"),
        ("€1.2 billion", "1200000000", "EUR"),
        ("US$5.5 million", "5500000", "USD"),
        ("2.8 billion dollars", "2800000000", "USD"),
        ("about $1,200", "1200", "USD"),
        ("HK$3bn", "3000000000", "HKD"),
    ],
)
def test_read_amount(words, value, currency):
    assert read_amount(words) == Amount(words, value, currency)


@pytest.mark.parametrize("words", ["30%", "30m", "five"])
def test_no_amount_without_number_and_currency(words):
    assert read_amount(words) is None


def _deal_doc(vocab):
    # "Google, worth $2tn, bought DeepMind for £400m last year ."
    rows = [
        ("Google", "Google", 5, "nsubj", "PROPN", "NNP"),
        (",", ",", 0, "punct", "PUNCT", ","),
        ("worth", "worth", 0, "amod", "ADJ", "JJ"),
        ("$", "$", 4, "nmod", "SYM", "$"),
        ("2tn", "2tn", 2, "npadvmod", "NUM", "CD"),
        ("bought", "buy", 5, "ROOT", "VERB", "VBD"),
        ("DeepMind", "DeepMind", 5, "dobj", "PROPN", "NNP"),
        ("for", "for", 5, "prep", "ADP", "IN"),
        ("£", "£", 9, "nmod", "SYM", "$"),
        ("400m", "400m", 7, "pobj", "NUM", "CD"),
        ("last", "last", 11, "amod", "ADJ", "JJ"),
        ("year", "year", 5, "npadvmod", "NOUN", "NN"),
        (".", ".", 5, "punct", "PUNCT", "."),
    ]
    ents = ["B-ORG", "O", "O", "O", "B-MONEY", "O", "B-ORG", "O", "O", "B-MONEY", "B-DATE", "I-DATE", "O"]
    return make_doc(vocab, rows, ents)


def test_annotate_relations_reads_the_deal_sum_and_stated_time(vocab):
    doc = _deal_doc(vocab)
    extraction = extract_document(doc, Document.from_text("d", doc.text))
    (relation,) = [r for r in extraction.relations if r.predicate == "acquired"]
    (annotated,) = annotate_relations(doc, [relation], "2025-03-14")
    # the deal, not Google's own worth (make_doc writes a space after "£")
    assert annotated.amount == Amount("£ 400m", "400000000", "GBP")
    assert annotated.times == (StatedTime("last year", "2024", "gYear"),)
    (undated,) = annotate_relations(doc, [relation], "sometime")
    assert undated.times == (StatedTime("last year"),) and undated.amount == annotated.amount


def test_times_and_amount_survive_json(vocab):
    doc = _deal_doc(vocab)
    document = Document.from_text("d", doc.text, date="2025-03-14").without_text()
    extraction = extract_document(doc, document)
    extraction = Extraction(document, extraction.mentions, annotate_relations(doc, extraction.relations, "2025-03-14"))
    assert any(r.amount for r in extraction.relations)
    assert Extraction.from_json(extraction.to_json()) == extraction


def _reuters_doc(vocab, tail: list[tuple[str, str, int, str, str, str]], tail_ents: list[str]):
    # "Energen acquired Clanton for ..." with the sum tagged CARDINAL, as the small model does for "mln dlrs"
    rows = [
        ("Energen", "Energen", 1, "nsubj", "PROPN", "NNP"),
        ("acquired", "acquire", 1, "ROOT", "VERB", "VBD"),
        ("Clanton", "Clanton", 1, "dobj", "PROPN", "NNP"),
        ("for", "for", 1, "prep", "ADP", "IN"),
        *tail,
    ]
    return make_doc(vocab, rows, ["B-ORG", "O", "B-ORG", "O", *tail_ents])


def _deal(doc):
    extraction = extract_document(doc, Document.from_text("r", doc.text))
    (relation,) = [r for r in extraction.relations if r.predicate == "acquired"]
    return annotate_relations(doc, [relation], "1987-03-02")[0].amount


def test_a_cardinal_with_a_magnitude_and_currency_word_beside_it_is_an_amount(vocab):
    tail = [("1.2", "1.2", 6, "nummod", "NUM", "CD"), ("mln", "mln", 6, "compound", "NUM", "CD"),
            ("dlrs", "dlr", 3, "pobj", "NOUN", "NNS"), (".", ".", 1, "punct", "PUNCT", ".")]
    doc = _reuters_doc(vocab, tail, ["B-CARDINAL", "O", "O", "O"])
    assert _deal(doc) == Amount("1.2 mln dlrs", "1200000", "USD")


def test_a_price_per_share_is_not_the_deals_amount(vocab):
    tail = [("52", "52", 5, "nummod", "NUM", "CD"), ("dlrs", "dlr", 3, "pobj", "NOUN", "NNS"),
            ("a", "a", 7, "det", "DET", "DT"), ("share", "share", 5, "npadvmod", "NOUN", "NN"),
            (".", ".", 1, "punct", "PUNCT", ".")]
    doc = _reuters_doc(vocab, tail, ["B-CARDINAL", "O", "O", "O", "O"])
    assert _deal(doc) is None
