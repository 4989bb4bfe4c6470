"""Dependency-tree helpers shared by the extractors: argument roles, children, prepositional objects, examples."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from spacy.tokens import Token

from kg.extractors.tokens import child_tokens
from kg.rules import Rules

SUBJECT_DEPS = frozenset({"nsubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
DASHES = frozenset({"-", "--", "\u2013", "\u2014"})  # the tokens a dash is written as

T = TypeVar("T")


def examples(noun: Token, rules: Rules) -> list[Token]:
    """The examples a category noun lists: "companies like Alibaba", "systems such as GPT-4"."""
    preps = [prep for prep in child_tokens(noun) if _introduces_examples(prep, rules)]
    return [obj for prep in preps for obj in children(prep, frozenset({"pobj"}))]


def _introduces_examples(prep: Token, rules: Rules) -> bool:
    """A preposition ending one of the ``example_markers``: "like", "such as"."""
    if prep.dep_ != "prep":
        return False
    return any(ends_words(prep, marker) for marker in rules.example_markers)


def ends_words(token: Token, words: tuple[str, ...]) -> bool:
    """Whether ``token`` is the last of the lower-case ``words`` in its document: "as" ends ("such", "as")."""
    first = token.i - len(words) + 1
    return first >= 0 and all(token.doc[first + k].lower_ == word for k, word in enumerate(words))


def category_of_example(token: Token, rules: Rules) -> Token | None:
    """The category noun whose example ``token`` is ("Alibaba" in "companies like Alibaba and Tencent")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and _introduces_examples(token.head, rules):
        return token.head.head
    return None


def listed_conjuncts(token: Token) -> list[Token]:
    """The conjuncts of ``token`` in its own list, which ends at the item after its "and" ("A, B and C", "A and B
    and C"): not those the parser ran on into the next list after a comma ("A and B, C and D": A's is only B)."""
    if token.dep_ != "conj" and all(child.dep_ != "conj" for child in child_tokens(token)):
        return []  # in no list (spaCy's ``conjuncts`` would walk the tree to find none)
    members = sorted([token, *token.conjuncts], key=lambda t: t.i)
    run: list[Token] = []
    for member, after in zip(members, [*members[1:], None], strict=True):
        run.append(member)
        if after is not None and _follows(member, "cc") and _follows(after, "punct"):
            if token in run:
                break
            run = []
    return [member for member in run if member != token]


def _follows(conjunct: Token, dep: str) -> bool:
    """Whether the word before a conjunct's phrase has the dependency label ``dep`` ("and B": cc; ", B": punct)."""
    before = conjunct.left_edge.i - 1
    return before >= 0 and conjunct.doc[before].dep_ == dep


def children(token: Token, deps: frozenset[str]) -> list[Token]:
    """The children of ``token`` attached by one of ``deps``."""
    return [child for child in child_tokens(token) if child.dep_ in deps]


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the given prepositions under ``token``: "invest [in] X", "take [over] X"."""
    wanted = set(preps)
    found = []
    for child in child_tokens(token):
        if child.dep_ in {"prep", "prt", "agent"} and child.lower_ in wanted:
            found.extend(children(child, frozenset({"pobj"})))
            if child.dep_ == "prt":
                found.extend(children(token, OBJECT_DEPS))
    return found


def phrase_at(noun: Token, phrases: Mapping[str, T]) -> T | None:
    """The value of the longest phrase ending at ``noun`` with its unnamed modifiers: "chief executive officer",
    "parent company"; else of the noun's lemma."""
    if noun.lower_ not in phrase_last_words(phrases):  # no phrase ends with this word: only the lemma can match
        return phrases.get(noun.lemma_.casefold())
    modifiers = [
        c.lower_ for c in child_tokens(noun) if c.i < noun.i and c.dep_ in {"amod", "compound"} and not c.ent_type
    ]
    words = [*modifiers, noun.lower_]
    for first in range(len(words)):
        found = phrases.get(" ".join(words[first:]))
        if found is not None:
            return found
    return phrases.get(noun.lemma_.casefold())


_LAST_WORDS: dict[int, tuple[Mapping[str, object], frozenset[str]]] = {}


def phrase_last_words(phrases: Mapping[str, object]) -> frozenset[str]:
    """The words the keys of ``phrases`` end with (:func:`phrase_at` matches no other word but a lemma), worked
    out once per table (the rules' tables live as long as the process; the identity check makes a reused ``id``
    harmless)."""
    known = _LAST_WORDS.get(id(phrases))
    if known is None or known[0] is not phrases:
        known = _LAST_WORDS[id(phrases)] = (phrases, frozenset(key.rsplit(" ", 1)[-1] for key in phrases))
    return known[1]


def is_unreal(verb: Token, rules: Rules) -> bool:
    """Whether a verb states what may, might or did not happen: "could buy", "did not buy", "tried to buy",
    "is rumoured to buy" (``hedge_modals``, ``hedge_verbs``); "agreed to buy" and "will buy" are facts."""
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in rules.hedge_modals) for c in child_tokens(verb)):
        return True
    if _has_negated_subject(verb, rules):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.casefold() in rules.hedge_verbs


def _has_negated_subject(verb: Token, rules: Rules) -> bool:
    """Whether the subject of ``verb``'s clause, or of a clause governing it through a complement ("was able to
    fund"), is led by a ``negating_determiners`` word: "neither A nor B", "no bank"."""
    clause: Token | None = verb
    while clause is not None:
        for subject in child_tokens(clause):
            if subject.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and any(
                c.dep_ in {"preconj", "det"} and c.lower_ in rules.negating_determiners for c in child_tokens(subject)
            ):
                return True
        clause = clause.head if clause.dep_ in {"xcomp", "acomp"} and clause.head is not clause else None
    return False


def word_after_dash(token: Token) -> Token | None:
    """The word a dash right after ``token`` joins it to ("Dutch" in "UK-Dutch"), or ``None``."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].text not in DASHES:
        return None
    return doc[token.i + 2]


def nearer_name_before(noun: Token) -> Token | None:
    """The last word of a proper name that ends right before the comma opening the apposition ``noun``, inside
    the phrase of the word the parser hung it on: in "Paul Hofheinz of the Lisbon Council, a Brussels-based
    group" the group is the council, not the man. None when no such name comes between."""
    start = noun.left_edge.i
    if noun.dep_ != "appos" or start < 2 or noun.doc[start - 1].text != ",":
        return None
    last = noun.doc[start - 2]
    head = noun.head
    if last.i <= head.i or last.pos_ != "PROPN" or not head.is_ancestor(last):
        return None
    return last
