"""The mentions a token of the tree stands for: in a name, by apposition, as a category noun, or by coreference."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from kg.extractors.coreference import AntecedentFinder
from kg.extractors.tokens import child_tokens
from kg.extractors.tree import (
    DASHES,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    children,
    examples,
    listed_conjuncts,
    nearer_name_before,
    prep_objects,
)
from kg.model import Mention
from kg.rules import Rules
from kg.vocab import PLACE, is_a

# Tags and labels of the lower-case words of a noun phrase's premodifiers ("sportswear firm", "trades union
# official"), however the parser hung them, and how many of them a name may follow.
_KIND_WORD_TAGS = frozenset({"NN", "NNS", "JJ"})
_KIND_WORD_DEPS = frozenset({"compound", "amod", "nmod", "dep"})
_KIND_WORDS_MAX = 4
_PLURAL_NOUN_TAGS = frozenset({"NNS", "NNPS"})
# The object a verb names as what its object predicate says: "named X chairman".
_NAMED_OBJECT_DEPS = frozenset({"dobj"})


def mentions_at(token: Token, by_token: dict[int, Mention], rules: Rules) -> list[Mention]:
    """The mentions a token stands for, with its conjuncts.

    A token inside a mention stands for it; a noun in apposition to a name stands for it
    ("Sirhan, the man convicted of ..."); a category noun (a ``head_nouns`` entry) stands
    for the entity that names it ("H800 chips", "a technology called Visual Radio") and the examples it lists
    ("companies like Alibaba").
    """
    found: list[Mention] = []
    for each in [token, *listed_conjuncts(token)]:
        if each.i in by_token:
            found.append(by_token[each.i])
        elif (holder := _apposition_holder(each, by_token, rules)) is not None:
            found.append(holder)
        elif (member := _member_of(each, by_token, rules)) is not None:
            found.append(member)
        elif each.lemma_.casefold() in rules.head_nouns:
            found.extend(_category_names(each, by_token) or _names_given(each, by_token, rules))
            for example in examples(each, rules):
                found.extend(mentions_at(example, by_token, rules) or _modifier_mentions(example, by_token))
        elif each.pos_ == "NOUN":
            appositions = [by_token[c.i] for c in child_tokens(each) if c.dep_ == "appos" and c.i in by_token]
            found.extend(appositions or _unit_mentions(each, by_token, rules) or _whole_of_part(each, by_token, rules))
    return found


def _category_names(noun: Token, by_token: dict[int, Mention]) -> list[Mention]:
    """The names a category noun stands for: those modifying it or in apposition to it ("H800 chips", "carmaker
    General Motors"). With a name in apposition, a place modifying the noun only says where the named one is ("US
    carmaker General Motors" is no mention of the US), and a name after a dash past that apposition is outside it:
    "Opel - the arm of US carmaker General Motors - and retailer Acme" (parsed with Acme on "carmaker")."""
    names = [c for c in child_tokens(noun) if c.dep_ in {"compound", "appos"} and c.i in by_token]
    appositions = [c for c in names if c.dep_ == "appos"]
    if not appositions:
        return [by_token[c.i] for c in names]
    first = appositions[0]
    dash = next((t.i for t in noun.doc[first.i : noun.sent.end] if t.text in DASHES), None)
    kept = [c for c in names if not (c.dep_ == "appos" and dash is not None and c.i > dash)]
    return [by_token[c.i] for c in kept if not (c.dep_ == "compound" and is_a(by_token[c.i].type, PLACE))]


def _names_given(noun: Token, by_token: dict[int, Mention], rules: Rules) -> list[Mention]:
    """The name a category noun is given by a naming verb: "a technology called Visual Radio"."""
    verbs = [c for c in child_tokens(noun) if c.dep_ == "acl" and c.lemma_ in rules.naming_verbs]
    return [by_token[c.i] for v in verbs for c in child_tokens(v) if c.dep_ in {"oprd", "dobj"} and c.i in by_token]


def _member_of(noun: Token, by_token: dict[int, Mention], rules: Rules) -> Mention | None:
    """The name that "one of NOUN" stands beside: "Widgetco, one of Scotland's biggest firms" (``member_words``)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in rules.belonging_preps or prep.dep_ != "prep":
        return None
    member = prep.head
    if member.lower_ not in rules.member_words or member.dep_ != "appos":
        return None
    return by_token.get(member.head.i)


def _unit_mentions(noun: Token, by_token: dict[int, Mention], rules: Rules) -> list[Mention]:
    """A unit noun stands for the unit it names ("Acme's Widgetco unit, which publishes X") or, with no name of
    its own, for its possessor ("launched by Acme's Japanese arm")."""
    if noun.lemma_.casefold() not in rules.unit_nouns:
        return []
    named = [by_token[c.i] for c in child_tokens(noun) if c.dep_ == "compound" and c.i in by_token]
    return named or [by_token[c.i] for c in child_tokens(noun) if c.dep_ == "poss" and c.i in by_token]


def _whole_of_part(noun: Token, by_token: dict[int, Mention], rules: Rules) -> list[Mention]:
    """A part or version of a named thing stands for it (``part_nouns``): "the current version of Widget is falling
    behind rivals"; not one of its own, set apart by a name or a possessive ("the American version of Widget",
    "Acme's version of Widget")."""
    own = any(c.dep_ == "poss" or (c.i in by_token and c.dep_ in {"amod", "compound", "nmod"})
              for c in child_tokens(noun))
    if own or noun.lemma_.casefold() not in rules.part_nouns:
        return []
    return [m for t in prep_objects(noun, rules.belonging_preps) for m in mentions_at(t, by_token, rules)]


def _modifier_mentions(noun: Token, by_token: dict[int, Mention]) -> list[Mention]:
    """Entities naming a common noun by modifying it: "the Qwen3 Embedding series" -> Qwen3."""
    return [by_token[c.i] for c in child_tokens(noun) if c.dep_ in {"compound", "amod", "nmod"} and c.i in by_token]


def argument_mentions(
    tokens: Iterable[Token],
    by_token: dict[int, Mention],
    rules: Rules,
    antecedents: AntecedentFinder,
    excluded: Iterable[Mention] = (),
) -> list[Mention]:
    """The mentions standing at argument tokens; a pronoun or "the company" stands for its antecedent
    (never one of ``excluded``)."""
    found: list[Mention] = []
    for token in tokens:
        here = mentions_at(token, by_token, rules)
        if not here and token.pos_ == "NOUN":
            here = described_mentions(token, by_token, rules)  # "an actor who killed X": the actor named
        anaphor = antecedents.anaphor(token, excluded) if not here else None
        found.extend(here if anaphor is None else [anaphor])
    return found


def described_mentions(noun: Token, by_token: dict[int, Mention], rules: Rules) -> list[Mention]:
    """Entities a common noun describes: by apposition either way, as a copula's attribute or as what they are named."""
    found = [by_token[c.i] for c in child_tokens(noun) if c.dep_ == "appos" and c.i in by_token]
    holder = _apposition_holder(noun, by_token, rules)
    if holder is not None:
        found.append(holder)
        if noun.head.dep_ == "appos" and noun.head.head.i in by_token:  # "Riegle, D-Mich., chairman of ..."
            found.append(by_token[noun.head.head.i])
    if noun.dep_ == "attr":
        found.extend(_clause_subjects(noun.head, SUBJECT_DEPS, by_token, rules))
    if _in_capacity(noun, rules):  # "X will remain as chief executive of Y"
        found.extend(_clause_subjects(noun.head.head, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS, by_token, rules))
    if noun.dep_ == "oprd":  # "X was named chairman of Y", "Acme named X chairman"
        named = children(noun.head, PASSIVE_SUBJECT_DEPS | _NAMED_OBJECT_DEPS)
        found.extend(m for s in named for m in mentions_at(s, by_token, rules))
    if noun.dep_ == "compound" and noun.head.i in by_token:
        found.append(by_token[noun.head.i])
    if noun.dep_ == "conj" and noun.head.pos_ == "NOUN":  # "a jeweler and president of Vision Seattle"
        found.extend(described_mentions(noun.head, by_token, rules))
    if noun.dep_ == "conj" and noun.head.dep_ == "pobj" and noun.head.head.head.pos_ == "NOUN":
        # "a professor at Queens College and honorary president of Y", parsed with the title on the college
        found.extend(described_mentions(noun.head.head.head, by_token, rules))
    return found


def _in_capacity(noun: Token, rules: Rules) -> bool:
    """Whether ``noun`` names the capacity its clause's subject acts in: "X served as chairman" (one of
    ``capacity_preps`` on a verb with no object, which "Acme named X as chairman" describes instead)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in rules.capacity_preps:
        return False
    verb = prep.head
    return verb.pos_ in {"VERB", "AUX"} and not children(verb, OBJECT_DEPS)


def _clause_subjects(verb: Token, deps: frozenset[str], by_token: dict[int, Mention], rules: Rules) -> list[Mention]:
    """The mentions a clause's subjects stand for; a relative "who" stands for the name its clause describes:
    "Peter Tom, who is Acme's chief executive"."""
    found: list[Mention] = []
    for subject in children(verb, deps):
        if subject.lower_ in rules.person_relative_pronouns and verb.dep_ == "relcl":
            subject = verb.head
        found.extend(mentions_at(subject, by_token, rules))
    return found


def possessor_before(noun: Token, by_token: dict[int, Mention]) -> list[Token]:
    """ "Garfield's assassin Charles Guiteau" parsed with the possessive on the name: it belongs to the noun."""
    if noun.dep_ not in {"compound", "amod"} or noun.head.i not in by_token:
        return []
    return [c for c in child_tokens(noun.head) if c.dep_ == "poss" and c.i < noun.i]


def possessors(
    noun: Token, by_token: dict[int, Mention], rules: Rules, antecedents: AntecedentFinder, excluded: Iterable[Mention]
) -> list[Mention]:
    """Who a relation noun belongs to: its possessive ("its", "Acme's") or the object of its "of"."""
    tokens = [*children(noun, frozenset({"poss"})), *possessor_before(noun, by_token)]
    found = argument_mentions(tokens, by_token, rules, antecedents, excluded)
    return found + [m for t in prep_objects(noun, rules.belonging_preps) for m in mentions_at(t, by_token, rules)]


def name_after_kind_words(token: Token, tokens: tuple[Token, ...], by_token: dict[int, Mention]) -> Mention | None:
    """The name that the lower-case words right after ``token`` lead up to, read off the words where the parser
    hung them elsewhere: "UK sportswear firm Umbro", "Swedish trades union official Ulf Carlsson", "UK drinks and
    food firm Allied Domecq" (a conjunction only between two of the words: not "US investors and Acme"; and past
    one, not a name that modifies a noun after it: "a US banker and former IMF director" names no American IMF;
    nor a name after a plural, which describes no one name: "the Japanese people Ericsson asked")."""
    own, first = by_token.get(token.i), token.i - tokens[0].i + 1
    joined = crossed = False
    for step, word in enumerate(tokens[first : first + _KIND_WORDS_MAX + 1]):
        mention = by_token.get(word.i)
        if mention is not None and mention != own:
            modifier = crossed and _modifies_a_later_noun(word, by_token)
            plural = tokens[first + step - 1].tag_ in _PLURAL_NOUN_TAGS  # "the Japanese people Acme asked"
            return mention if step and not joined and not modifier and not plural else None
        joined = step > 0 and not joined and word.tag_ == "CC"
        crossed = crossed or joined
        if not (joined or _is_kind_word(word)):
            return None
    return None


def _modifies_a_later_noun(word: Token, by_token: dict[int, Mention]) -> bool:
    """Whether the mention starting at ``word`` modifies a common noun after it ("IMF director")."""
    mention, last = by_token[word.i], word
    while last.i + 1 < len(last.doc) and by_token.get(last.i + 1) is mention:
        last = last.doc[last.i + 1]
    return last.dep_ == "compound" and last.head.i > last.i and last.head.pos_ == "NOUN"


def kind_named_object(obj: Token, tokens: tuple[Token, ...], by_token: dict[int, Mention]) -> list[Mention]:
    """The name a preposition's common-noun object leads up to through kind words, where the parser cut the phrase
    after the first: "manager for games giant Electronic Arts" parsed with "games" as the object."""
    if obj.dep_ != "pobj" or obj.i in by_token or obj.i != obj.head.i + 1:
        return []
    named = name_after_kind_words(obj.head, tokens, by_token)
    return [named] if named is not None else []


def _is_kind_word(word: Token) -> bool:
    """A lower-case word of a noun phrase's premodifiers ("sportswear", "trades"), however the parser hung it."""
    return word.is_lower and word.is_alpha and (word.tag_ in _KIND_WORD_TAGS or word.dep_ in _KIND_WORD_DEPS)


def apposed_possessor(noun: Token, by_token: dict[int, Mention], rules: Rules) -> Mention | None:
    """The name a possessive pronoun on an apposition stands for when the apposition names a second entity:
    "Gazprom, its unit Gazpromneft" (its = Gazprom; not "Widgetco, its unit", where the unit is Widgetco)."""
    if not any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in child_tokens(noun)):
        return None
    if not any(c.dep_ == "appos" and c.i in by_token for c in child_tokens(noun)):
        return None
    return _apposition_holder(noun, by_token, rules)


def _apposition_holder(noun: Token, by_token: dict[int, Mention], rules: Rules) -> Mention | None:
    """The name an apposition describes: the one the parser hung it on, or the name nearer before it in that
    one's phrase ("X of Acme, a Brussels-based group": the group is Acme), unless it is a word for people."""
    if noun.dep_ != "appos" or noun.head.i not in by_token:
        return None
    nearer = nearer_name_before(noun) if not _describes_people(noun, rules) else None
    return by_token[nearer.i] if nearer is not None and nearer.i in by_token else by_token[noun.head.i]


def _describes_people(noun: Token, rules: Rules) -> bool:
    """Whether ``noun`` is a word for people or a title ("banker", "chairman"), which describes the person the
    parser hung it on even past another name ("Smith of Acme, a former banker")."""
    lemma = noun.lemma_.casefold()
    return lemma in rules.person_nouns or lemma in rules.titles
