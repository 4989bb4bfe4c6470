"""Whether a name is a person's by what describes it: nouns for people, titles, ages, life spans, "who" clauses."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extractors.tokens import child_tokens, token_table
from kg.extractors.tree import DASHES
from kg.rules import Rules
from kg.vocab import PERSON, predicate_signature

LIFE_SPAN_WINDOW = 16  # the words of a bracket after a name read for a life span


def described_as_person(span: Span, rules: Rules) -> bool:
    """A name described by a noun for people ("Warner, a former ambassador", "candidate Cecilia Soto"; not a plural
    before a name the tagger calls no person: "analysts InStat/MDR"), by a title right before it ("Acme boss Jane
    Doe") or by a "who" clause ("Warner, who lives in Ocala")."""
    root = span.root
    nouns = [c for c in child_tokens(root) if c.dep_ == "appos" or (c.dep_ == "compound" and c.i < span.start)]
    if root.dep_ == "appos":
        nouns.append(root.head)
    if any(n.lemma_.casefold() in rules.person_nouns and n.pos_ in {"NOUN", "PROPN"} for n in nouns) \
            and not _named_group(span, rules):
        return True
    if any(n.i == span.start - 1 and n.pos_ == "NOUN" and _heads_an_organisation(n, rules) for n in nouns):
        return True  # "Worldcom boss Bernie Ebbers" tagged as a company; not "games developer Square"
    if _followed_by_age(span) or _followed_by_life_span(span, rules) or _subject_of_person_verb(root, rules):
        return True
    if any(_aged(word, rules) for word in (root, *nouns)):  # "12-year-old Tanya", "Kruhlow, a 72-year-old deputy"
        return True
    if _named_by_person_noun(root, rules):
        return True
    return any(_is_who_clause(c, rules) for c in child_tokens(root)) and not described_as_group(span, rules)


def named_as_workplace(span: Span, rules: Rules) -> bool:
    """Whether a name is where a person works, by a noun for people or a title and one of ``employer_preps``
    before it ("a research director at analyst Gartner"), or a spokesman's noun and one of ``speaker_preps``
    ("a spokesman for Crossrail")."""
    root = span.root
    if root.dep_ != "pobj" or _titled(span, rules):
        return False
    prep, noun = root.head.lower_, root.head.head
    lemma = noun.lemma_.casefold()
    if noun.pos_ != "NOUN":
        return False
    if prep in rules.speaker_preps and lemma in rules.speaker_nouns:
        return True
    return prep in rules.employer_preps and (lemma in rules.person_nouns or lemma in rules.titles)


def _titled(span: Span, rules: Rules) -> bool:
    """Whether a title or an honorific opens the name or comes right before it: "Mr Smith"."""
    before = token_table(span.doc).tokens[span.start - 1] if span.start else None
    return span[0].lower_ in rules.name_titles or (before is not None and before.lower_ in rules.name_titles)


def described_as_group(span: Span, rules: Rules) -> bool:
    """A name in the singular whose "who" clause takes a verb in the plural, as British English writes of a firm or
    a team: "Nomad Digital (who provide the technology)"; a lone word the tagger calls a person right after a
    plural noun for people: "developers Blizzard", "analysts Gartner"."""
    root = span.root
    if root.tag_ != "NNP" or root.conjuncts:
        return False
    if len(span) == 1 and _named_group(span, rules):
        return True
    return any(_is_who_clause(c, rules) and _plural_present(c) for c in child_tokens(root))


def _named_group(span: Span, rules: Rules) -> bool:
    """Whether a plural noun for people or of a title comes right before a lone name the tagger calls no person
    or a one-word one: "analysts InStat/MDR", "developers Blizzard" (not "fellow singers Jane Doe")."""
    if span.start == 0 or span.root.conjuncts or (span.root.ent_type_ == "PERSON" and len(span) > 1):
        return False
    before = token_table(span.doc).tokens[span.start - 1]
    lemma = before.lemma_.casefold()
    return before.tag_ == "NNS" and (lemma in rules.person_nouns or lemma in rules.titles)


def _is_who_clause(clause: Token, rules: Rules) -> bool:
    return clause.dep_ == "relcl" and any(
        w.lower_ in rules.person_relative_pronouns and w.dep_ in {"nsubj", "nsubjpass", "dobj"}
        for w in child_tokens(clause)
    )


def _plural_present(verb: Token) -> bool:
    """Whether a verb, or the first of its auxiliaries, is in the plural present ("provide", "have been working");
    not a prefix cut off by a spaced hyphen ("who co - wrote")."""
    auxiliaries = [c for c in child_tokens(verb) if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
    first = auxiliaries[0] if auxiliaries else verb
    tokens = token_table(verb.doc).tokens
    return first.tag_ == "VBP" and not (first.i + 1 < len(tokens) and tokens[first.i + 1].text in DASHES)


def _heads_an_organisation(noun: Token, rules: Rules) -> bool:
    """Whether ``noun`` is the title of an organisation's head or founder ("boss", "chairman", "founder"), which
    only a person holds; a job title ("developer", "player") names companies and teams too."""
    trigger = rules.titles.get(noun.lemma_.casefold())
    return trigger is not None and trigger.predicate in rules.head_title_predicates


def _aged(word: Token, rules: Rules) -> bool:
    """Whether an age modifies ``word``: "12-year-old" ("12 - year - old", parsed as "old" with its "year")."""
    return any(
        c.dep_ == "amod" and c.lower_ in rules.age_adjectives
        and any(g.lemma_.casefold() in rules.age_units for g in child_tokens(c))
        for c in child_tokens(word)
    )


def _subject_of_person_verb(root: Token, rules: Rules) -> bool:
    """ "Henry Ford was born in Dearborn", "Smith died on Tuesday" (types.yaml ``person_subject_verbs``); not
    across a colon, where the parser hangs a heading on the clause after it ("Today's Highlight: ... X was born")."""
    verb = root.head
    if verb.lemma_ not in rules.person_subject_verbs.get(root.dep_, ()):
        return False
    between = token_table(root.doc).tokens[min(root.i, verb.i) : max(root.i, verb.i)]
    return not any(token.text in {":", ";"} for token in between)


def _named_by_person_noun(root: Token, rules: Rules) -> bool:
    """ "a mysterious man called Raoul": the name a noun for people is given by a naming verb."""
    verb = root.head
    return (
        root.dep_ in {"oprd", "dobj"} and verb.dep_ == "acl" and verb.lemma_ in rules.naming_verbs
        and verb.head.lemma_.casefold() in rules.person_nouns
    )


def patient_of_person_word(span: Span, rules: Rules) -> bool:
    """A name that a noun or title of a family whose objects are people (by its predicate's range) takes as its
    object: "the assassin of Lincoln", "Lincoln's assassination" (not a verb's: "Acme killed its Widget app")."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in rules.belonging_preps:
        word = root.head.head.lemma_.casefold()
        trigger = rules.nouns.get(word) or rules.titles.get(word)
    elif root.dep_ == "poss":
        trigger = rules.nouns.get(root.head.lemma_.casefold())
    else:
        return False
    return trigger is not None and predicate_signature(trigger.predicate)[1] == PERSON


def _followed_by_life_span(span: Span, rules: Rules) -> bool:
    """A name right before a bracket with a birth or a life span in it is a person's: "Leone Marucci ( born March
    28 , 1973 )", "Kerstin Thorborg ( May 19 , 1896 - April 12 , 1970 )" (extraction.yaml ``life_span_words``,
    ``life_span_dashes``); an empty bracket first is passed over ("Kulakov ( ) ( 4 February 1918 – ...")."""
    tokens, start = token_table(span.doc).tokens, span.end
    while start + 1 < len(tokens) and tokens[start].text in rules.lead_brackets \
            and tokens[start + 1].text == rules.lead_brackets[tokens[start].text]:
        start += 2
    if start >= len(tokens) or tokens[start].text not in rules.lead_brackets:
        return False
    closing = rules.lead_brackets[tokens[start].text]
    inside = []
    for token in tokens[start + 1 : start + 1 + LIFE_SPAN_WINDOW]:
        if token.text == closing:
            break
        inside.append(token)
    if inside and inside[0].lower_ in rules.life_span_words:
        return True
    dashes = [i for i, t in enumerate(inside) if t.text in rules.life_span_dashes]
    return any(
        0 < i < len(inside) - 1 and inside[i - 1].like_num and inside[i + 1].text[:1].isalnum() for i in dashes
    ) and any(t.like_num for t in inside[dashes[0] + 1 :])


def _followed_by_age(span: Span) -> bool:
    """A name with an age set off by commas is a person's: "Marie Ferraro, 50, of Bethany"."""
    after = token_table(span.doc).tokens[span.end : span.end + 3]
    return (
        len(after) == 3 and after[0].text == "," and after[2].text == ","
        and after[1].text.isdigit() and len(after[1].text) <= 3
    )
