"""Relation finders by name, in the manner of spaCy's registrations.

A finder is a function of one content sentence (with the document's mentions, the rules,
coreference and the facts found before it in the sentence) that proposes candidate facts.
``@relation_finder("verbs")`` registers one under a name; ``relation_finders`` in
``kg/patterns/extraction.yaml`` names the finders that run and their order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.errors import VocabularyError
from kg.extractors.candidates import Candidate
from kg.extractors.coreference import AntecedentFinder
from kg.model import Mention, RelationMention
from kg.rules import Rules


@dataclass(frozen=True)
class SentenceContext:
    """What a relation finder reads: one content sentence and what is known around it.

    Attributes:
        sent: the sentence.
        by_token: the document's mentions by token index.
        rules: the extraction rules.
        antecedents: coreference over the document's mentions.
        found: the facts the finders before this one accepted in the sentence.
        tokens: the sentence's tokens, made once for all finders (spaCy makes a new ``Token`` at each access).
    """

    sent: Span
    by_token: dict[int, Mention]
    rules: Rules
    antecedents: AntecedentFinder
    found: tuple[RelationMention, ...] = ()
    tokens: tuple[Token, ...] = ()


RelationFinder = Callable[[SentenceContext], Iterable[Candidate]]
_FINDERS: dict[str, RelationFinder] = {}


def relation_finder(name: str) -> Callable[[RelationFinder], RelationFinder]:
    """Register the decorated function as the relation finder called ``name``.

    Raises:
        ValueError: another function is registered under ``name`` already.
    """

    def register(finder: RelationFinder) -> RelationFinder:
        if _FINDERS.get(name, finder) is not finder:
            raise ValueError(f"two relation finders are registered as {name!r}")
        _FINDERS[name] = finder
        return finder

    return register


def relation_finders(names: Sequence[str]) -> tuple[RelationFinder, ...]:
    """The finders registered under ``names``, in that order.

    Raises:
        VocabularyError: a name no module registers (a typo in the pattern data).
    """
    unknown = [name for name in names if name not in _FINDERS]
    if unknown:
        known = ", ".join(sorted(_FINDERS))
        raise VocabularyError(f"no relation finder is registered as {', '.join(unknown)} (known: {known})")
    return tuple(_FINDERS[name] for name in names)


def registered_finders() -> tuple[str, ...]:
    """The names of every registered relation finder, sorted."""
    return tuple(sorted(_FINDERS))
