"""Recorded works and their makers: "Widget is an album by Jane Doe", "Widget, a song by American singer Jane Doe"."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extractors.arguments import described_mentions, kind_named_object, mentions_at
from kg.extractors.candidates import Candidate
from kg.extractors.registry import SentenceContext, relation_finder
from kg.extractors.tree import prep_objects
from kg.vocab import PLACE, is_a


@relation_finder("works")
def work_relations(context: SentenceContext) -> Iterator[Candidate]:
    """A noun of a recorded work (``work_nouns``) describing a name, with its maker after one of ``work_preps``:
    the maker released the work."""
    by_token, rules = context.by_token, context.rules
    if rules.work is None or not context.names_two_things():
        return
    for noun in context.tokens_with_lemma(rules.work_nouns, {"NOUN"}):
        if noun.i in by_token:
            continue
        works = described_mentions(noun, by_token, rules)
        makers = [m for t in prep_objects(noun, rules.work_preps)
                  for m in mentions_at(t, by_token, rules) or kind_named_object(t, context.tokens, by_token)]
        for work in works:
            for maker in makers:
                if maker != work and not is_a(maker.type, PLACE):
                    yield Candidate(maker, work, rules.work)
