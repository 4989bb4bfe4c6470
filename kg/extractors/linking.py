"""Name linking within a document: aliases in brackets, acronyms, surnames, repeated names and the type vote."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from kg.extractors.candidates import Candidate
from kg.extractors.cues import after_party_initial, is_date_word
from kg.extractors.registry import SentenceContext, relation_finder
from kg.extractors.tokens import child_tokens, document_text, span_text, token_table
from kg.model import Mention
from kg.names import initials, is_model_number, strip_titles, type_tally
from kg.rules import Rules, Trigger
from kg.vocab import ORGANIZATION, PERSON, PLACE, is_a


def propagate_names(
    doc: Doc, sentences: Iterable[Span], by_token: dict[int, Mention], rules: Rules
) -> dict[int, Mention]:
    """Every other occurrence of a recognised name in the document is a mention of it too, and so is a lone
    proper noun that shortens one: its initials ("the FT" after "the Financial Times") or an organisation's
    first word ("Menatep" after "Menatep Group").

    The tagger misses names it found elsewhere in the same text ("the US OpenAI"); the copy
    takes the name's class by the document vote and casts no vote itself. A short form is a mention
    of its own text: resolution links it to the fuller name (:mod:`kg.name_links`).
    """
    spans: dict[Mention, list[int]] = defaultdict(list)
    for i, mention in by_token.items():
        spans[mention].append(i)
    known: dict[str, list[tuple[tuple[str, ...], Mention]]] = defaultdict(list)
    short_forms: dict[str, Mention] = {}
    for mention, indices in sorted(spans.items(), key=lambda item: item[0].start):
        if mention.rule in rules.propagated_from and mention.text[:1].isupper():
            words = tuple(t.text for t in doc[min(indices) : max(indices) + 1])
            known[words[0]].append((words, mention))
            for short in _short_forms(mention, rules):
                short_forms.setdefault(short, mention)
    for candidates in known.values():
        candidates.sort(key=lambda c: -len(c[0]))
    found = dict(by_token)
    tokens = token_table(doc).tokens
    wanted = known.keys() | short_forms.keys()
    for sent in sentences:
        for i in range(sent.start, sent.end):
            if i in found:
                continue
            token = tokens[i]
            text = token.text
            if text not in wanted:
                continue
            for words, source in known.get(text, []):
                end = token.i + len(words)
                if end <= sent.end and all(i not in found for i in range(token.i, end)) and \
                        tuple(t.text for t in sent.doc[token.i : end]) == words:
                    span = sent.doc[token.i : end]
                    if not _begins_longer_name(span, found) and not after_party_initial(token, rules) \
                            and not is_date_word(token, rules):
                        found.update((i, _copy(source, span)) for i in range(token.i, end))
                    break
            else:
                fuller = short_forms.get(text)
                if fuller is not None and _is_lone_proper_noun(token) and rules.gazetteer.type_of(text) is None:
                    found[token.i] = replace(_copy(fuller, token.doc[token.i : token.i + 1]), name="", name_rule="")
    return found


def _copy(source: Mention, span: Span) -> Mention:
    """``source`` found again at ``span``: its class is the document's vote, it casts none itself."""
    return replace(source, start=span.start_char, end=span.end_char, text=span_text(span), rule="propagated",
                   type_confidence=0.0)


def _short_forms(mention: Mention, rules: Rules) -> set[str]:
    """The one-word short forms of a name of several words: a person's surname ("Proctor" after "Rachel Proctor");
    an organisation's initials, and its first word unless that is an adjective of nationality or a title
    ("Chinese Airlines", "Minister Council")."""
    words = mention.merge_name.split()
    if len(words) < 2:
        return set()
    if is_a(mention.type, PERSON):
        return {words[-1]} if _is_surname(words[-1]) else set()
    letters = initials(mention.merge_name)
    forms = {letters} if len(letters) > 1 else set()
    first = words[0].casefold()
    if is_a(mention.type, ORGANIZATION) and words[0][:1].isupper() and not (
        first in rules.gazetteer.demonyms or first in rules.name_titles
    ):
        forms.add(words[0])
    return forms


def _is_surname(word: str) -> bool:
    """A capitalised word of letters, not an initial or a generation ("Jr.", "III")."""
    return len(word) > 2 and word[:1].isupper() and word.isalpha() and not word.isupper()


def _begins_longer_name(span: Span, found: dict[int, Mention]) -> bool:
    """Whether ``span`` is the first part of a longer name: it modifies the proper noun right after it, which
    no mention holds and which is no model number ("Sun" in "the Sun Grid", not "MDA" in "MDA III")."""
    head = span[-1].head
    return (
        span[-1].dep_ == "compound" and head.i == span.end and head.pos_ == "PROPN" and head.i not in found
        and not is_model_number(head.text)
    )


def _is_lone_proper_noun(token: Token) -> bool:
    """A proper noun that is a whole name: not joined to the proper nouns around it."""
    return (
        token.pos_ == "PROPN" and token.dep_ != "compound"
        and not any(c.dep_ == "compound" for c in child_tokens(token))
        and (token.i + 1 == len(token.doc) or token.nbor().pos_ != "PROPN")
    )


def link_names_in_document(doc: Doc, by_token: dict[int, Mention], rules: Rules) -> dict[int, Mention]:
    """Point short names at the full name they abbreviate in the same document.

    A parenthesised name right after another ("RedNote (Xiaohongshu)", "... Agency (NASDA)")
    is an alias of it (``parenthetical``, or ``acronym`` when it spells its initials), and
    so is every later mention with that text; a lone surname after a full personal name
    ("Huang" after "Jensen Huang") names that person (``surname``). A surname after an honorific ("Mr Gaymard")
    makes a person of the full name before it that ends in it, whatever class the tagger alone gave that name
    ("Herve Gaymard" tagged an organisation): the news style of a second reference.
    """
    mentions = sorted(set(by_token.values()), key=lambda m: m.start)
    text = document_text(doc)
    aliases: dict[str, tuple[Mention, str]] = {}
    surnames: dict[str, Mention] = {}
    untyped: dict[str, Mention] = {}  # full names the tagger alone typed otherwise, by their last word
    previous: Mention | None = None
    relinked: dict[Mention, Mention] = {}
    for mention in mentions:
        linked = aliases.get(mention.text)
        if linked is None and previous is not None and _is_parenthesised_alias(text, previous, mention, rules):
            rule = "acronym" if _is_acronym_of(mention.text, previous.merge_name) else "parenthetical"
            linked = aliases[mention.text] = (previous, rule)
        bare = strip_titles(mention.merge_name, rules.name_titles) if mention.type == PERSON else mention.merge_name
        if linked is None and mention.type == PERSON and " " not in bare:
            full = surnames.get(bare)
            if full is None and _after_honorific(mention, bare, rules) and bare in untyped:
                full = surnames[bare] = untyped.pop(bare)
                relinked[full] = replace(full, type=PERSON, rule="person_cue", type_confidence=mention.type_confidence)
            linked = (full, "surname") if full is not None else None
        if linked is not None and not mention.name:
            target, rule = linked
            relinked[mention] = replace(mention, name=target.merge_name, name_rule=rule)
        elif mention.type == PERSON and " " in bare:
            surnames.setdefault(bare.split()[-1], mention)
        elif _may_be_person(mention):
            untyped.setdefault(mention.merge_name.split()[-1], mention)
        previous = relinked.get(mention, mention)
    return {i: relinked.get(m, m) for i, m in by_token.items()}


def _after_honorific(mention: Mention, bare: str, rules: Rules) -> bool:
    """Whether a person's mention is written with an honorific before its bare name ("Mr Gaymard", whether the
    tagger's span took the honorific in or not)."""
    first = mention.text.split(maxsplit=1)[0]
    return bare != mention.text and first in rules.honorifics


def _may_be_person(mention: Mention) -> bool:
    """A name of two or three capitalised words of letters that only the tagger typed, as something other than
    a person: what a later "Mr SURNAME" may show to be a person."""
    words = mention.merge_name.split()
    return (
        mention.rule == "ner" and mention.type != PERSON and 2 <= len(words) <= 3
        and all(_is_surname(word.replace("-", "")) for word in words)
    )


def _is_parenthesised_alias(text: str, first: Mention, second: Mention, rules: Rules) -> bool:
    """ "NAME (ALIAS)": not a place in brackets after a name or the reverse (a dateline "PARIS (AP)"), nor a
    person's affiliation ("X (Labour)"), nor two names the gazetteer knows apart ("Indosuez Asia (Singapore) Ltd")."""
    between = text[first.end : second.start]
    if between.strip() != "(" or not text[second.end : second.end + 2].strip().startswith(")"):
        return False
    if rules.gazetteer.knows_apart(first.merge_name, second.merge_name):
        return False
    if _is_acronym_of(second.text, first.merge_name):
        return True
    return is_a(first.type, PLACE) == is_a(second.type, PLACE) and not is_a(first.type, PERSON)


def _is_acronym_of(short: str, name: str) -> bool:
    """Whether ``short`` is an acronym of ``name``: capitals, its first letter, then the rest in order.

    Examples:
        >>> _is_acronym_of("NASDA", "National Space Development Agency of Japan")
        True
        >>> _is_acronym_of("RedNote", "Xiaohongshu")
        False
    """
    letters = short.replace(".", "")
    if len(letters) < 2 or not letters.isupper() or not name[:1].isupper() or letters[0] != name[0]:
        return False
    remaining = iter(name[1:].casefold())
    return all(letter in remaining for letter in letters[1:].casefold())


def vote_types_in_document(by_token: dict[int, Mention]) -> dict[int, Mention]:
    """Give every mention of the same name in a document the type its mentions vote for."""
    named: dict[str, list[Mention]] = defaultdict(list)
    for mention in dict.fromkeys(by_token.values()):  # in one order, not a set's: float sums depend on it
        named[_vote_key(mention.merge_name)].append(mention)
    winners = {key: max(sorted(tally.items()), key=lambda kv: kv[1])[0] for key, tally in
               ((key, type_tally(mentions)) for key, mentions in named.items())}
    return {
        i: replace(m, type=winners[_vote_key(m.merge_name)]) if m.type != winners[_vote_key(m.merge_name)] else m
        for i, m in by_token.items()
    }


def _vote_key(text: str) -> str:
    return " ".join(text.casefold().split())


@relation_finder("aliases")
def alias_relations(context: SentenceContext) -> Iterator[Candidate]:
    """ "the Khmer Rouge (KR) ... Cambodia", "PAN (National Action Party) candidate X": a fact about a name holds
    for the alias in brackets right after it, and the other way round."""
    found, sent, rules = context.found, context.sent, context.rules
    mentions = sorted(context.mentions(), key=lambda m: m.start)
    partners: dict[Mention, Mention] = {}
    for first, second in pairwise(mentions):
        if _is_parenthesised_alias(document_text(sent.doc), first, second, rules):
            partners.setdefault(first, second)
            partners.setdefault(second, first)
    for relation in found:
        trigger = Trigger(relation.predicate, relation.confidence, f"{relation.rule}-alias")
        if relation.subject in partners:
            yield Candidate(partners[relation.subject], relation.object, trigger)
        if relation.object in partners:
            yield Candidate(relation.subject, partners[relation.object], trigger)
