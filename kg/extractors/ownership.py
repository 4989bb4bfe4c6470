"""Ownership stated by nouns and participles: units, subsidiaries and brands, owners and parents, "Acme-owned"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extractors.arguments import apposed_possessor, described_mentions, mentions_at, possessors
from kg.extractors.candidates import Candidate
from kg.extractors.nominal import is_known_place
from kg.extractors.registry import SentenceContext, relation_finder
from kg.extractors.tokens import child_tokens
from kg.extractors.tree import (
    OBJECT_DEPS,
    SUBJECT_DEPS,
    children,
    examples,
    listed_conjuncts,
    phrase_at,
    phrase_last_words,
    prep_objects,
)
from kg.model import Mention
from kg.rules import Rules, Trigger
from kg.vocab import ORGANIZATION, PERSON, PLACE, PRODUCT, is_a

_SINGULAR_NOUN_TAGS = frozenset({"NN", "NNP"})  # the tagger reads some drinks as names: "Guinness stout"


@relation_finder("ownership")
def ownership_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "its Widgetco unit", "Acme subsidiary Widgetco", "Widgetco, a unit of Acme", "Acme's brands include A and B"
    (``unit_nouns``); "Widgetco's owner Acme", "its parent company Acme" (``owner_nouns``); "Acme-owned Widgetco"
    (``owned_participles``)."""
    by_token, rules = context.by_token, context.rules
    if rules.ownership is None:
        return
    columns, owner_words = context.columns, phrase_last_words(rules.owner_nouns)
    for token, lower, lemma, part in zip(columns.tokens, columns.lowers, columns.lemmas, columns.pos, strict=True):
        may_own = part == "NOUN" and (lemma in rules.unit_nouns or lemma in rules.whole_nouns
                                      or lower in owner_words or lemma in rules.owner_nouns)
        if not (may_own or lemma in rules.owned_participles) or token.i in by_token:
            continue
        if lemma in rules.whole_nouns:
            yield from _ownership(*_whole_and_part(token, context), rules.ownership)
        elif token.pos_ == "NOUN" and token.lemma_.casefold() in rules.unit_nouns:
            owned, owners = _units(token, context)
            yield from _ownership(owners, owned, rules.ownership)
        elif token.pos_ == "NOUN" and (trigger := phrase_at(token, rules.owner_nouns)) is not None:
            apposed = apposed_possessor(token, by_token, rules)  # "Widgetco, its parent Acme"
            owners = [m for m in described_mentions(token, by_token, rules) if m != apposed]
            if all(is_a(m.type, PERSON) for m in owners):
                continue  # "his parents, John and Mary" own nothing
            owned = [apposed] if apposed else possessors(token, by_token, rules, context.antecedents, owners)
            yield from _ownership(owners, owned, trigger)
        elif token.dep_ == "amod" and token.tag_ == "VBN" and token.lemma_.casefold() in rules.owned_participles:
            named = [c for c in child_tokens(token) if c.pos_ == "PROPN"]  # not "state-owned"
            owners = [m for c in named for m in mentions_at(c, by_token, rules)]
            yield from _ownership(owners, mentions_at(token.head, by_token, rules), rules.ownership)


def _units(noun: Token, context: SentenceContext) -> tuple[list[Mention], list[Mention]]:
    """What a unit noun names as owned, and its owners.

    The name it describes ("Widgetco, a unit of Acme"; "Acme subsidiary Widgetco", where the name before the noun is
    the owner), else the names modifying it ("its Widgetco unit"), the examples it lists or what a listing verb
    after it names ("Acme's brands include A and B"); the owners are its possessors, else the subject it is
    "home to".
    """
    by_token, rules = context.by_token, context.rules
    modifiers = [m for c in children(noun, frozenset({"compound", "nmod"})) for m in mentions_at(c, by_token, rules)
                 if not is_known_place(m, rules)]  # "Acme's Midlands plant" is there; "its Longbridge plant" is named
    adjectives = [m for c in children(noun, frozenset({"amod"})) for m in mentions_at(c, by_token, rules)]
    # a name the tagger read as an adjective ("Acme subsidiary Widgetco"), not a place ("its Japanese unit")
    modifiers += [m for m in adjectives if not is_a(m.type, PLACE)]
    apposed = apposed_possessor(noun, by_token, rules)  # "Acme, its unit Widgetco"
    owned = [m for m in described_mentions(noun, by_token, rules) if m != apposed]
    owners = modifiers if owned else []
    if not owned:
        owned = modifiers or [m for t in examples(noun, rules) for m in _listed(t, context)]
    if not owned and noun.dep_ == "nsubj" and noun.head.lemma_.casefold() in rules.listing_verbs:
        owned = [m for t in children(noun.head, OBJECT_DEPS) for m in _listed(t, context)]
    owners = owners + ([apposed] if apposed else possessors(noun, by_token, rules, context.antecedents, owned))
    return owned, owners or _holders(noun, context)


def _whole_and_part(noun: Token, context: SentenceContext) -> tuple[list[Mention], list[Mention]]:
    """The companies a ``whole_nouns`` noun joins, owners first: "Widgetco, now part of Acme" (also beside another
    apposition: "its owner, Widgetco - now part of Acme"), "Widgetco was part of Acme"."""
    by_token, rules = context.by_token, context.rules
    owned = described_mentions(noun, by_token, rules)
    if not owned and noun.dep_ == "appos":
        beside = [c for c in children(noun.head, frozenset({"appos"})) if c != noun]
        owned = [m for c in beside for m in mentions_at(c, by_token, rules)]
    wholes = [m for t in prep_objects(noun, rules.whole_preps) for m in mentions_at(t, by_token, rules)]

    companies = [m for m in wholes if is_a(m.type, ORGANIZATION)]
    # a part the tagger alone calls a person is a company too: "Widgetco was part of Acme"
    parts = [m for m in owned if is_a(m.type, ORGANIZATION)
             or (is_a(m.type, PERSON) and m.type_confidence <= rules.type_confidence["ner"])]
    return (companies, parts) if companies else ([], [])


def _listed(item: Token, context: SentenceContext) -> list[Mention]:
    """The mentions a listed item and its conjuncts stand for, a product noun for the brand naming it: "Zing vodka
    and Zap gin" stand for Zing and Zap."""
    by_token, rules = context.by_token, context.rules
    products = [t for t in [item, *listed_conjuncts(item)] if t.i not in by_token and _is_product_noun(t, rules)]
    brands = [by_token[c.i] for t in products for c in child_tokens(t) if c.dep_ == "compound" and c.i in by_token]
    return mentions_at(item, by_token, rules) + brands


def _is_product_noun(noun: Token, rules: Rules) -> bool:
    """A singular noun a brand names (a ``modified_nouns`` Product entry): "Zing vodka", not "soft drinks"."""
    return noun.tag_ in _SINGULAR_NOUN_TAGS and rules.modified_nouns.get(noun.lemma_.casefold()) == PRODUCT


def _holders(noun: Token, context: SentenceContext) -> list[Mention]:
    """The subject of a ``holder_words`` phrase before a unit noun, through ``holder_preps``: "Acme is home to brands
    including A"."""
    prep = noun.head
    rules = context.rules
    if noun.dep_ != "pobj" or prep.lower_ not in rules.holder_preps:
        return []
    if prep.head.lemma_.casefold() not in rules.holder_words:
        return []
    subjects = children(prep.head.head, SUBJECT_DEPS)
    return [m for t in subjects for m in mentions_at(t, context.by_token, context.rules)]


def _ownership(owners: list[Mention], owned: list[Mention], trigger: Trigger) -> Iterator[Candidate]:
    """Every owner owns every owned thing."""
    for thing in owned:
        yield from (Candidate(owner, thing, trigger) for owner in owners if owner != thing)
