"""Dependency-tree helpers shared by the extractors: argument roles, children, prepositional objects, examples."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})


def examples(noun: Token) -> list[Token]:
    """The examples a category noun lists: "companies like Alibaba", "systems such as GPT-4"."""
    return [obj for prep in noun.children if _introduces_examples(prep) for obj in children(prep, frozenset({"pobj"}))]


def _introduces_examples(prep: Token) -> bool:
    if prep.dep_ != "prep":
        return False
    return prep.lower_ in {"like", "including"} or (prep.lower_ == "as" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such")


def category_of_example(token: Token) -> Token | None:
    """The category noun whose example ``token`` is ("Alibaba" in "companies like Alibaba and Tencent")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and _introduces_examples(token.head):
        return token.head.head
    return None


def children(token: Token, deps: frozenset[str]) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the given prepositions under ``token``: "invest [in] X", "take [over] X"."""
    wanted = set(preps)
    found = []
    for child in token.children:
        if child.dep_ in {"prep", "prt", "agent"} and child.lower_ in wanted:
            found.extend(children(child, frozenset({"pobj"})))
            if child.dep_ == "prt":
                found.extend(children(token, OBJECT_DEPS))
    return found
