"""Token and word cues the span and mention rules share: story codes, a party's initial, date words, a place's
detached abbreviation period, adjectives of origin."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extractors.tokens import token_table
from kg.rules import Rules
from kg.vocab import PLACE, is_a


def is_code_word(token: Token, rules: Rules) -> bool:
    """Whether ``token`` is a word of no name (types.yaml ``not_name_words``): a story code, "FL2706231194"."""
    return rules.not_name_words.fullmatch(token.text) is not None


def after_party_initial(token: Token, rules: Rules) -> bool:
    """Whether a party's initial and a hyphen are joined to ``token`` (types.yaml ``party_initials``): "Sen. Smith,
    D-Calif.", a politician's party and state, no mention of the place."""
    tokens = token_table(token.doc).tokens
    if token.i < 2:
        return False
    initial, hyphen = tokens[token.i - 2], tokens[token.i - 1]
    joined = hyphen.text == "-" and not initial.whitespace_ and not hyphen.whitespace_
    return joined and initial.text in rules.party_initials


def is_date_word(token: Token, rules: Rules) -> bool:
    """Whether ``token`` is part of a date after its number (types.yaml ``date_words``): "44 B.C." (no mention of
    British Columbia), "5 Mar 94"."""
    if token.i == 0 or token.text not in rules.date_words:
        return False
    return token_table(token.doc).tokens[token.i - 1].text.isdigit()


def with_detached_period(span: Span, rules: Rules) -> Span | None:
    """``span`` with the period written apart after it, when the two are a place's abbreviation the gazetteer
    knows ("Minn ." in pre-tokenised text is "Minn."), else None."""
    tokens = token_table(span.doc).tokens
    if span.end >= len(tokens) or tokens[span.end].text != "." or not span.text[-1:].isalpha():
        return None
    known = rules.gazetteer.type_of(span.text + ".")
    return span.doc[span.start : span.end + 1] if known is not None and is_a(known, PLACE) else None


def is_origin_adjective(word: str, rules: Rules) -> bool:
    """Whether ``word`` is an adjective of nationality (a gazetteer demonym) or of a place the gazetteer knows,
    by its ending (``demonym_endings``: "Californian", "Texan"), or such adjectives and ``origin_prefixes`` joined
    by hyphens ("Anglo-Dutch", "Pan-European")."""
    if word.casefold() in rules.gazetteer.demonyms:
        return True
    if " " in word:  # "South American" is also a region's name
        return False
    parts = word.split("-")
    if len(parts) > 1:  # "Anglo-Dutch", "Pan-European"
        return all(part in rules.origin_prefixes or is_origin_adjective(part, rules) for part in parts[:-1]) \
            and is_origin_adjective(parts[-1], rules)
    stems = (word[: len(word) - len(end)] + place for end, place in rules.demonym_endings if word.endswith(end))
    return any((known := rules.gazetteer.type_of(stem)) is not None and is_a(known, PLACE) for stem in stems)

