"""Pronouns as arguments: antecedents, their named spans, never their own subject."""

from __future__ import annotations

from tests.extractors.helpers import extraction_of, facts_of
from tests.helpers import make_doc


def test_pronoun_subject_resolves_to_antecedent_and_carries_its_named_span(vocab):
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
    (relation,) = extraction_of(doc).relations
    assert relation.predicate == "released" and relation.object.text == "R1"
    assert relation.subject.text == "DeepSeek"
    assert doc.text[relation.subject.start : relation.subject.end] == "DeepSeek"
    assert doc.text[relation.sentence.start : relation.sentence.end] == "It released R1."
    assert relation.subject.merge_name == "DeepSeek" and relation.subject.name_rule == "coreference"


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
    assert facts_of(doc) == {("Sirhan", "killed", "Kennedy")}


def test_the_topic_of_an_article_is_the_subject_its_first_sentence_defines(vocab):
    from kg.extractors.coreference import article_topic
    from kg.extractors.mentions import mentions_by_token
    from kg.rules import load_rules

    rows = [
        ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
        ("is", "be", 1, "ROOT", "AUX", "VBZ"),
        ("a", "a", 3, "det", "DET", "DT"),
        ("maker", "maker", 1, "attr", "NOUN", "NN"),
        (".", ".", 1, "punct", "PUNCT", "."),
    ]
    doc = make_doc(vocab, rows, ents=["B-ORG", "O", "O", "O", "O"])
    rules = load_rules()
    by_token = mentions_by_token(list(doc.sents), "t", rules)
    topic = article_topic(next(iter(doc.sents)), by_token, rules)
    assert topic is not None and topic.text == "Acme"
    news = make_doc(vocab, [("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"), ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
                            (".", ".", 1, "punct", "PUNCT", ".")], ents=["B-ORG", "O", "O"])
    assert article_topic(next(iter(news.sents)), mentions_by_token(list(news.sents), "t", rules), rules) is None
    due = make_doc(  # "Acme is due in court.": news, no definition
        vocab,
        [("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"), ("is", "be", 1, "ROOT", "AUX", "VBZ"),
         ("due", "due", 1, "acomp", "ADJ", "JJ"), ("in", "in", 1, "prep", "ADP", "IN"),
         ("court", "court", 3, "pobj", "NOUN", "NN"), (".", ".", 1, "punct", "PUNCT", ".")],
        ents=["B-ORG", "O", "O", "O", "O", "O"],
    )
    assert article_topic(next(iter(due.sents)), mentions_by_token(list(due.sents), "t", rules), rules) is None


def _founding_after_two_people(vocab, defining: bool):
    """ "Smith is a racer." (an article's first sentence) or "Smith grew up there.", then "Jones grew. He founded
    Zeta." """
    first = (
        [("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"), ("is", "be", 1, "ROOT", "AUX", "VBZ"),
         ("a", "a", 3, "det", "DET", "DT"), ("racer", "racer", 1, "attr", "NOUN", "NN")]
        if defining else
        [("Smith", "Smith", 1, "nsubj", "PROPN", "NNP"), ("grew", "grow", 1, "ROOT", "VERB", "VBD"),
         ("up", "up", 1, "prt", "ADP", "RP"), ("there", "there", 1, "advmod", "ADV", "RB")]
    )
    rows = [
        *first,
        (".", ".", 1, "punct", "PUNCT", "."),
        ("Jones", "Jones", 6, "nsubj", "PROPN", "NNP"),
        ("grew", "grow", 6, "ROOT", "VERB", "VBD"),
        (".", ".", 6, "punct", "PUNCT", "."),
        ("He", "he", 9, "nsubj", "PRON", "PRP"),
        ("founded", "found", 9, "ROOT", "VERB", "VBD"),
        ("Zeta", "Zeta", 9, "dobj", "PROPN", "NNP"),
        (".", ".", 9, "punct", "PUNCT", "."),
    ]
    ents = ["B-PERSON", "O", "O", "O", "O", "B-PERSON", "O", "O", "O", "O", "B-ORG", "O"]
    return make_doc(vocab, rows, ents=ents)


def test_a_subject_pronoun_of_an_article_about_a_person_stands_for_that_person_not_the_nearest_name(vocab):
    (relation,) = extraction_of(_founding_after_two_people(vocab, defining=True)).relations
    assert (relation.subject.merge_name, relation.predicate, relation.object.text) == ("Smith", "founderOf", "Zeta")


def test_outside_an_article_a_subject_pronoun_stands_for_the_nearest_name(vocab):
    (relation,) = extraction_of(_founding_after_two_people(vocab, defining=False)).relations
    assert (relation.subject.merge_name, relation.predicate, relation.object.text) == ("Jones", "founderOf", "Zeta")


def test_a_first_sentence_that_locates_its_subject_defines_the_topic_too(vocab):
    from kg.extractors.coreference import article_topic
    from kg.extractors.mentions import mentions_by_token
    from kg.rules import load_rules

    rows = [
        ("Zabiele", "Zabiele", 2, "nsubjpass", "PROPN", "NNP"),
        ("is", "be", 2, "auxpass", "AUX", "VBZ"),
        ("located", "locate", 2, "ROOT", "VERB", "VBN"),
        ("in", "in", 2, "prep", "ADP", "IN"),
        ("Poland", "Poland", 3, "pobj", "PROPN", "NNP"),
        (".", ".", 2, "punct", "PUNCT", "."),
    ]
    doc = make_doc(vocab, rows, ents=["B-GPE", "O", "O", "O", "B-GPE", "O"])
    rules = load_rules()
    topic = article_topic(next(iter(doc.sents)), mentions_by_token(list(doc.sents), "t", rules), rules)
    assert topic is not None and topic.text == "Zabiele"


def test_a_name_opening_a_defining_sentence_the_parser_gave_no_named_subject_is_the_topic(vocab):
    from kg.extractors.coreference import article_topic
    from kg.extractors.mentions import mentions_by_token
    from kg.rules import load_rules

    def topic_of(rows, ents):
        doc = make_doc(vocab, rows, ents=ents)
        rules = load_rules()
        topic = article_topic(next(iter(doc.sents)), mentions_by_token(list(doc.sents), "t", rules), rules)
        return None if topic is None else topic.text

    # "Ann Lee ( died 1900 ) was a writer .": the parser hangs "died" on the verb as its clausal subject
    defined = [
        ("Ann", "Ann", 1, "compound", "PROPN", "NNP"),
        ("Lee", "Lee", 6, "npadvmod", "PROPN", "NNP"),
        ("(", "(", 3, "punct", "PUNCT", "-LRB-"),
        ("died", "die", 6, "csubj", "VERB", "VBD"),
        ("1900", "1900", 3, "npadvmod", "NUM", "CD"),
        (")", ")", 3, "punct", "PUNCT", "-RRB-"),
        ("was", "be", 6, "ROOT", "AUX", "VBD"),
        ("a", "a", 8, "det", "DET", "DT"),
        ("writer", "writer", 6, "attr", "NOUN", "NN"),
        (".", ".", 6, "punct", "PUNCT", "."),
    ]
    assert topic_of(defined, ["B-PERSON", "I-PERSON", "O", "O", "B-DATE", "O", "O", "O", "O", "O"]) == "Ann Lee"
    # "Acme 's profits were high .": news, and the name owns the subject
    news = [
        ("Acme", "Acme", 2, "poss", "PROPN", "NNP"),
        ("'s", "'s", 0, "case", "PART", "POS"),
        ("profits", "profit", 3, "nsubj", "NOUN", "NNS"),
        ("were", "be", 3, "ROOT", "AUX", "VBD"),
        ("the", "the", 5, "det", "DET", "DT"),
        ("highest", "high", 3, "attr", "ADJ", "JJS"),
        (".", ".", 3, "punct", "PUNCT", "."),
    ]
    assert topic_of(news, ["B-ORG", "O", "O", "O", "O", "O", "O"]) is None


def test_a_pronoun_in_a_reported_clause_stands_for_the_reporter(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 6, "nsubj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("which", "which", 3, "nsubj", "PRON", "WDT"),
            ("left", "leave", 0, "relcl", "VERB", "VBD"),
            ("Widgetco", "Widgetco", 3, "dobj", "PROPN", "NNP"),
            (",", ",", 0, "punct", "PUNCT", ","),
            ("said", "say", 6, "ROOT", "VERB", "VBD"),
            ("it", "it", 8, "nsubj", "PRON", "PRP"),
            ("bought", "buy", 6, "ccomp", "VERB", "VBD"),
            ("Gizmo", "Gizmo", 8, "dobj", "PROPN", "NNP"),
            (".", ".", 6, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "O", "O", "B-ORG", "O", "O", "O", "O", "B-ORG", "O"],
    )
    acquisitions = {(s, o) for s, p, o in facts_of(doc) if p == "acquired"}
    assert acquisitions == {("Acme", "Gizmo")}


def test_its_stands_for_the_last_subject_before_the_closest_name(vocab):
    doc = make_doc(
        vocab,
        [
            ("Acme", "Acme", 1, "nsubj", "PROPN", "NNP"),
            ("signed", "sign", 1, "ROOT", "VERB", "VBD"),
            ("a", "a", 3, "det", "DET", "DT"),
            ("deal", "deal", 1, "dobj", "NOUN", "NN"),
            ("with", "with", 3, "prep", "ADP", "IN"),
            ("Widgetco", "Widgetco", 4, "pobj", "PROPN", "NNP"),
            (".", ".", 1, "punct", "PUNCT", "."),
            ("Its", "its", 9, "poss", "PRON", "PRP$"),
            ("Gizmo", "Gizmo", 9, "compound", "PROPN", "NNP"),
            ("unit", "unit", 10, "nsubj", "NOUN", "NN"),
            ("grew", "grow", 10, "ROOT", "VERB", "VBD"),
            (".", ".", 10, "punct", "PUNCT", "."),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-ORG", "O", "O", "B-ORG", "O", "O", "O"],
    )
    owned = {(s, o) for s, p, o in facts_of(doc) if p == "owns"}
    assert owned == {("Acme", "Gizmo")}


def test_it_after_a_news_source_reporting_the_sentence_before_is_the_news_not_the_source(vocab):
    # "A delegation visited Acme, the Times reported. It was led by Ann Berg."
    rows = [
        ("A", "a", 1, "det", "DET", "DT"),
        ("delegation", "delegation", 2, "nsubj", "NOUN", "NN"),
        ("visited", "visit", 7, "ccomp", "VERB", "VBD"),
        ("Acme", "Acme", 2, "dobj", "PROPN", "NNP"),
        (",", ",", 7, "punct", "PUNCT", ","),
        ("the", "the", 6, "det", "DET", "DT"),
        ("Times", "Times", 7, "nsubj", "PROPN", "NNP"),
        ("reported", "report", 7, "ROOT", "VERB", "VBD"),
        (".", ".", 7, "punct", "PUNCT", "."),
        ("It", "it", 11, "nsubjpass", "PRON", "PRP"),
        ("was", "be", 11, "auxpass", "AUX", "VBD"),
        ("led", "lead", 11, "ROOT", "VERB", "VBN"),
        ("by", "by", 11, "agent", "ADP", "IN"),
        ("Ann", "Ann", 14, "compound", "PROPN", "NNP"),
        ("Berg", "Berg", 12, "pobj", "PROPN", "NNP"),
        (".", ".", 11, "punct", "PUNCT", "."),
    ]
    ents = ["O", "O", "O", "B-ORG", "O", "O", "B-ORG", "O", "O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O"]
    assert not {f for f in facts_of(make_doc(vocab, rows, ents=ents)) if "Ann Berg" in f}


def test_the_subject_of_an_adverbial_clause_is_a_name_of_the_main_clause_before_the_subject_before_it(vocab):
    doc = make_doc(
        vocab,
        [
            ("Zenith", "Zenith", 1, "nsubj", "PROPN", "NNP"),
            ("spoke", "speak", 1, "ROOT", "VERB", "VBD"),
            (".", ".", 1, "punct", "PUNCT", "."),
            ("Units", "unit", 4, "nsubj", "NOUN", "NNS"),
            ("joined", "join", 4, "ROOT", "VERB", "VBD"),
            ("Acme", "Acme", 4, "dobj", "PROPN", "NNP"),
            ("when", "when", 8, "advmod", "SCONJ", "WRB"),
            ("it", "it", 8, "nsubj", "PRON", "PRP"),
            ("bought", "buy", 4, "advcl", "VERB", "VBD"),
            ("Widgetco", "Widgetco", 8, "dobj", "PROPN", "NNP"),
        ],
        ents=["B-ORG", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "B-ORG"],
    )
    assert ("Acme", "acquired", "Widgetco") in facts_of(doc)
