"""Relation finders by name, in the manner of spaCy's registrations.

A finder is a function of one content sentence (with the document's mentions, the rules,
coreference and the facts found before it in the sentence) that proposes candidate facts.
``@relation_finder("verbs")`` registers one under a name; ``relation_finders`` in
``kg/patterns/extraction.yaml`` names the finders that run and their order.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.errors import VocabularyError
from kg.extractors.candidates import Candidate
from kg.extractors.coreference import AntecedentFinder
from kg.extractors.tokens import SentenceColumns
from kg.extractors.tree import phrase_last_words
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
        columns: the sentence's tokens, made once for all finders (spaCy makes a new ``Token`` at each access),
            with the attributes finders filter on.
        named: the sentence's tokens that are part of a mention, in order, each with its mention.
    """

    sent: Span
    by_token: dict[int, Mention]
    rules: Rules
    antecedents: AntecedentFinder
    found: tuple[RelationMention, ...]
    columns: SentenceColumns
    named: tuple[tuple[Token, Mention], ...]

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The sentence's tokens."""
        return self.columns.tokens

    def tokens_with_lemma(self, lemmas: Container[str], pos: Container[str] | None = None) -> Iterator[Token]:
        """The sentence's tokens, in order, whose case-folded lemma is one of ``lemmas`` and, if ``pos`` is given,
        whose part of speech is one of ``pos``."""
        columns = self.columns
        for token, lemma, part in zip(columns.tokens, columns.lemmas, columns.pos, strict=True):
            if lemma in lemmas and (pos is None or part in pos):
                yield token

    def tokens_with_lower(self, words: Container[str]) -> Iterator[Token]:
        """The sentence's tokens, in order, whose lower-case form is one of ``words``."""
        columns = self.columns
        for token, lower in zip(columns.tokens, columns.lowers, strict=True):
            if lower in words:
                yield token

    def tokens_ending_phrase(self, phrases: Mapping[str, object]) -> Iterator[Token]:
        """The sentence's tokens, in order, at which :func:`~kg.extractors.tree.phrase_at` may find one of
        ``phrases``: a phrase's last word, or a phrase's lemma."""
        columns, last_words = self.columns, phrase_last_words(phrases)
        for token, lower, lemma in zip(columns.tokens, columns.lowers, columns.lemmas, strict=True):
            if lower in last_words or lemma in phrases:
                yield token

    def tokens_with_pos(self, pos: Container[str]) -> Iterator[Token]:
        """The sentence's tokens, in order, whose part of speech is one of ``pos``."""
        columns = self.columns
        for token, part in zip(columns.tokens, columns.pos, strict=True):
            if part in pos:
                yield token

    def may_name_arguments(self) -> bool:
        """Whether the sentence names anything a fact could join: a mention, or a word that may stand for one (one
        of the ``anaphors``, by its lower-case form or its lemma)."""
        anaphors = self.rules.anaphors
        return bool(self.named) or any(
            lower in anaphors or lemma in anaphors for lower, lemma in zip(self.columns.lowers, self.columns.lemmas,
                                                                           strict=True)
        )

    def names_two_things(self) -> bool:
        """Whether the sentence holds two mentions at least, as a finder that reads only the sentence's mentions
        needs (an anaphor stands for no more than one of them)."""
        first = self.named[0][1] if self.named else None
        return any(mention is not first for _, mention in self.named)  # a copy of the same mention may count twice

    def mentions(self) -> list[Mention]:
        """The mentions in the sentence, each once, in order."""
        return list(dict.fromkeys(mention for _, mention in self.named))


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
