"""Rivalry stated by nouns: "its rival Widgetco", "rivals such as A and B", "competition from Widgetco"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extractors.arguments import argument_mentions, described_mentions, mentions_at, possessors
from kg.extractors.candidates import Candidate
from kg.extractors.nominal import is_named_place
from kg.extractors.registry import SentenceContext, relation_finder
from kg.extractors.tokens import child_tokens
from kg.extractors.tree import PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, children, examples, prep_objects
from kg.model import Mention
from kg.rules import Rules


@relation_finder("rivals")
def rival_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "its rival Widgetco", "a bid for rival bank Widgetco", "behind rivals such as A and B", "a rival in Widgetco",
    "competition from Widgetco" (``rival_nouns``): the rivals named compete with the noun's possessor or the
    object of its preposition ("a rival to Acme"), else with the subject of its clause."""
    by_token, rules, antecedents = context.by_token, context.rules, context.antecedents
    if rules.rivalry is None:
        return
    for noun in context.tokens_with_lemma(rules.rival_nouns, {"NOUN", "ADJ"}):
        if noun.i in by_token:
            continue
        top = _phrase_top(noun, by_token)
        rivals = _rivals_named(noun, top, by_token, rules)
        if not rivals:
            continue
        named = [m for t in _named_counterparts(noun) for m in mentions_at(t, by_token, rules)
                 if not is_named_place(m, rules)]  # "its US rival Boeing": where the rival is, no counterpart
        if named:  # "its 7E7 rival, the A350": a rival of the 7E7, not of its maker
            others = named
        else:
            others = possessors(top, by_token, rules, antecedents, rivals)
            others += [m for t in prep_objects(noun, rules.noun_preps.get(noun.lemma_.casefold(), ()))
                       for m in mentions_at(t, by_token, rules)]
            others = others or _clause_subjects(top, context, rivals)
        others = [m for m in others if m not in rivals]
        yield from (Candidate(other, rival, rules.rivalry) for other in others for rival in rivals)


def _named_counterparts(noun: Token) -> list[Token]:
    """The names or numbers written before a rival noun as what it rivals: "7E7" in "its 7E7 rival"."""
    return [c for c in child_tokens(noun) if c.dep_ in {"compound", "nummod"} and c.pos_ in {"PROPN", "NUM"}
            and c.i < noun.i]


def _phrase_top(noun: Token, by_token: dict[int, Mention]) -> Token:
    """The common noun a rival noun modifies, if any: "bank" in "rival bank Widgetco"."""
    while noun.dep_ in {"amod", "compound"} and noun.head.i not in by_token and noun.head.pos_ == "NOUN":
        noun = noun.head
    return noun


def _rivals_named(noun: Token, top: Token, by_token: dict[int, Mention], rules: Rules) -> list[Mention]:
    """The names a rival noun calls rivals: the name it modifies or the one right after it ("its rival Widgetco",
    however parsed), the names it describes or lists, the objects of its ``rival_preps`` (or of its verb's)."""
    if top.dep_ in {"amod", "compound"} and top.head.i in by_token:
        return mentions_at(top.head, by_token, rules)
    after = by_token.get(top.i + 1)
    if after is not None and top.i + 1 < top.sent.end and top.doc[top.i + 1].head == top.head:
        return [after]
    found = described_mentions(noun, by_token, rules)
    found += [m for t in examples(noun, rules) for m in mentions_at(t, by_token, rules)]
    preps = [*prep_objects(noun, rules.rival_preps), *(prep_objects(noun.head, rules.rival_preps)
                                                        if noun.dep_ == "dobj" else [])]
    return found + [m for t in preps for m in mentions_at(t, by_token, rules)]


def _clause_subjects(token: Token, context: SentenceContext, excluded: list[Mention]) -> list[Mention]:
    """The subject of the nearest clause above ``token`` that has one, ``token``'s own phrase excepted."""
    verb = token
    while verb.head.i != verb.i:
        verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        subjects = [s for s in children(verb, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS) if s != token]
        if subjects:
            return argument_mentions(subjects, context.by_token, context.rules, context.antecedents, excluded)
    return []
