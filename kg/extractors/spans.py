"""Entity span boundaries: the tagger's spans per sentence, cut, joined and widened to whole names."""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

from kg.extractors.cues import after_party_initial, is_code_word, is_date_word, with_detached_period
from kg.extractors.person_spans import (
    addressed_after,
    is_addressed_name,
    with_apostrophe_part,
    with_leading_given_names,
    with_title,
    without_leading_role,
)
from kg.extractors.tokens import document_entities, sentence_tokens, token_table
from kg.extractors.tree import DASHES
from kg.names import CORPORATE_SUFFIX
from kg.rules import Rules
from kg.vocab import CITY, PLACE, is_a

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LISTED_LABELS = frozenset({"ORG", "PRODUCT"})  # labels of spans the tagger runs over a list of names


def entities_by_sentence(sentences: Iterable[Span], rules: Rules) -> Iterator[tuple[Span, list[Span]]]:
    """Each sentence with the entities inside it, as ``sent.ents`` gives them (which walks every entity of the
    document again for each sentence)."""
    sentences = list(sentences)
    if not sentences:
        return
    entities = document_entities(sentences[0].doc)  # in order of their start
    starts = [ent.start for ent in entities]
    for sent in sentences:
        inside = entities[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
        yield sent, _names_run_together([ent for ent in inside if ent.end <= sent.end], rules)


def _names_run_together(entities: list[Span], rules: Rules) -> list[Span]:
    """Adjacent entity spans joined where the first modifies the second, one name the tagger cut in two
    ("Chauncey" and "Bunce Brewster"); the second's label wins (it holds the head). A first part the
    gazetteer knows stays apart ("Pakistan" before a person's name)."""
    joined: list[Span] = []
    for ent in entities:
        before = joined[-1] if joined else None
        if before is not None and (
            (before.end == ent.start and _modifies(before[-1], ent) and not _known(before, rules))
            or _institution_across_preposition(before, ent, rules)
            or _across_plural_possessive(before, ent)
        ):
            joined[-1] = Span(ent.doc, before.start, ent.end, ent.label_)
        else:
            joined.append(ent)
    return joined


def _institution_across_preposition(before: Span, ent: Span, rules: Rules) -> bool:
    """Two organisations the tagger cut at a preposition of a name (types.yaml ``name_prepositions``): the
    first ends in it ("Agency for" + "International Development"), or an institution word before it ends the
    first ("Senate Committee" on "Veterans Affairs")."""
    if before.label_ != "ORG" or ent.label_ != "ORG":
        return False
    if before.end == ent.start:
        return before[-1].lower_ in rules.name_prepositions
    between = ent.doc[before.end : ent.start]
    return (
        len(between) == 1 and between[0].lower_ in rules.name_prepositions
        and before[-1].lower_ in rules.institution_nouns and ent[0].text[:1].isupper()
    )


def _across_plural_possessive(before: Span, ent: Span) -> bool:
    """Two organisations the tagger cut at the apostrophe of a plural possessive inside one name: "British
    Bankers" + "Association" in "the British Bankers' Association", "Consumers" + "Association"."""
    if before.label_ != "ORG" or ent.label_ != "ORG" or ent.start != before.end + 1:
        return False
    apostrophe, last = ent.doc[before.end], before[-1]
    return (
        apostrophe.text in {"'", "\u2019"} and not last.whitespace_ and last.tag_ in {"NNS", "NNPS"}
        and last.text.endswith("s") and ent[0].text[:1].isupper()
    )


def _modifies(token: Token, span: Span) -> bool:
    """Whether ``token``, a word of a name (no code such as a wire service's "FL2706231194"), modifies ``span``."""
    return (
        token.dep_ == "compound" and span.start <= token.head.i < span.end and not any(c.isdigit() for c in token.text)
    )


def _known(span: Span, rules: Rules) -> bool:
    """Whether the gazetteer knows ``span`` as a name or an adjective of nationality."""
    return rules.gazetteer.type_of(span.text) is not None or span.text.casefold() in rules.gazetteer.demonyms


def coordinated_names(ent: Span, tagged: set[str], rules: Rules) -> list[Span]:
    """An entity span the tagger ran over "and" split in two when its sides are names it tagged elsewhere in
    the document: the second ("Gazprom and Rosneft" beside "Rosneft"), or the first when the second does not
    end in a kind word that shares the first's name ("Johns Hopkins University and Hospital"); or when the
    second starts with its own capitalised article ("The Independent and The Times"). "Ernst and Young"
    alone stays one name, and so do people. An organisation's or a product's span that lists names with commas is
    split at them (:func:`_listed_names`)."""
    if ent.label_ == "PERSON":
        return [ent]
    if ent.label_ in LISTED_LABELS and len(parts := _listed_names(ent)) > 1:
        return parts
    for token in ent[1:-1]:
        if token.lower_ == "and" and token.dep_ == "cc":
            first, second = ent.doc[ent.start : token.i], ent.doc[token.i + 1 : ent.end]
            if second.text in tagged or second[0].text == "The" or (
                first.text in tagged and second[-1].lemma_.casefold() not in rules.head_nouns
            ):
                return [Span(ent.doc, part.start, part.end, ent.label_) for part in (first, second)]
    return [ent]


def _listed_names(ent: Span) -> list[Span]:
    """The names an organisation's or a product's span lists with commas ("Napster, Musicmatch"), each with the
    span's label; the span whole when a part after a comma is no capitalised name or is a corporate suffix ("Acme,
    Inc."), or it names an institution's remits ("Ministry of Economy, Trade and Industry")."""
    tokens = token_table(ent.doc).tokens
    commas = [i for i in range(ent.start + 1, ent.end - 1) if tokens[i].text == ","]
    bounds = [ent.start - 1, *commas, ent.end]
    parts = [Span(ent.doc, a + 1, b, ent.label_) for a, b in itertools.pairwise(bounds) if a + 1 < b]
    if len(parts) < 2 or any(not p[0].text[:1].isupper() or CORPORATE_SUFFIX.search(" " + p.text) for p in parts[1:]):
        return [ent]
    if any(t.lower_ == "of" for t in parts[0]) and any(t.lower_ == "and" for t in parts[-1]):
        return [ent]  # "Ministry of Economy, Trade and Industry"
    return parts


def entity_spans(ent: Span, sent: Span, rules: Rules, tagged: set[str]) -> list[tuple[Span, str, str]]:
    """The (span, NER label, name) of the entities an NER span holds, boundaries fixed.

    A word of no name (types.yaml ``not_name_words``) parts the names on either side of it ("Text of Article
    PM3001110194 London"); leading determiners and punctuation go; a span that runs into a bracket stops before it
    ("PRD ( Party of ..."); a person's title joins the span but not its name ("President
    Kennedy" names Kennedy); an organisation's or a person's name that starts with a known place is split
    when the rest names an institution ("U.S. Congress", "Paris Radio France International", "Cairo AL-AHALI"
    tagged as a person); a place or a
    person takes in the untagged proper nouns it modifies ("Newton Aycliffe", "John Wilkes" + "Booth"), except
    names ``tagged`` elsewhere.
    """
    return [found for part in _between_codes(ent, rules) for found in _part_spans(part, sent, rules, tagged)]


def _between_codes(ent: Span, rules: Rules) -> list[Span]:
    """The parts of an entity span between its words of no name, each with the span's label."""
    tokens = token_table(ent.doc).tokens
    codes = [i for i in range(ent.start, ent.end) if is_code_word(tokens[i], rules)]
    if not codes:
        return [ent]
    parts, start = [], ent.start
    for end in [*codes, ent.end]:
        if start < end:
            parts.append(Span(ent.doc, start, end, ent.label_))
        start = end + 1
    return parts


def _part_spans(ent: Span, sent: Span, rules: Rules, tagged: set[str]) -> list[tuple[Span, str, str]]:
    bracket = next((t.i for t in ent if t.text in {"(", ")"}), None)
    span = _trim(ent if bracket is None else ent.doc[ent.start : bracket], rules)
    if span is None:
        return []
    if is_date_word(span[0], rules):  # "44 B.C.", "5 Mar"
        return []
    if (abbreviation := with_detached_period(span, rules)) is not None:  # "Minn .", named "Minn."
        return [(abbreviation, "GPE", span.text + ".")]
    span = _whole_hyphenated_words(span, sent)
    if ent.label_ == "ORG":
        span = _with_leading_capitals(span, sent)
    if ent.label_ != "PERSON" and is_addressed_name(span, rules):  # "Prof Smith" tagged as a work
        return [(span, "PERSON", span[1:].text)]
    if ent.label_ != "PERSON" and addressed_after(span, sent, rules):  # "Ms" + "Fiorina" tagged as a company
        return [(span.doc[span.start - 1 : span.end], "PERSON", span.text)]
    if ent.label_ == "PERSON" and len(parts := _split_leading_place(span, rules)) > 1:  # "Cairo AL-AHALI"
        return [(part, label, "") for part, label in parts]
    if ent.label_ == "PERSON":
        span = with_apostrophe_part(without_leading_role(span, rules), sent)
        span = _with_following_proper_nouns(with_leading_given_names(span, sent, rules, tagged), sent, rules, tagged)
        titled = with_title(span, sent, rules)
        return [(titled, "PERSON", span.text if titled.start < span.start else "")]
    if ent.label_ == "PRODUCT":
        return [(_with_name_words(span, sent, rules), "PRODUCT", "")]
    if ent.label_ in PLACE_LABELS and after_party_initial(span[0], rules):  # "Sen. Smith, D-Calif."
        return []
    if ent.label_ in PLACE_LABELS:
        span = _with_following_proper_nouns(span, sent, rules, tagged)
    if ent.label_ in {"ORG", "GPE"}:  # "Moscow ITAR-TASS" is tagged as one place
        return [(part, label or ent.label_, "") for part, label in _split_leading_place(span, rules)]
    return [(span, ent.label_, "")]


def _with_following_proper_nouns(span: Span, sent: Span, rules: Rules, tagged: set[str]) -> Span:
    """A place's or a person's span with the untagged proper nouns after it that it modifies, the rest of one
    name: "Newton" tagged alone in "Newton Aycliffe", "UK" in "provider UK Online", "John Wilkes" in "John Wilkes
    Booth". A title stays out ("Texas Gov. Smith", "the Acme City Attorney"), and so do a name the tagger found
    elsewhere in the document (two sentences run together: "in the US Acme, once ...") and a word in capitals (a
    news agency after its city: "Beijing XINHUA")."""
    tokens = sentence_tokens(sent)
    end = span.end
    while end < sent.end and _continues_proper_name(tokens[end - 1 - sent.start], tokens[end - sent.start], rules):
        if tokens[end - sent.start].text in tagged:
            break
        end += 1
    return span.doc[span.start : end]


def _continues_proper_name(before: Token, token: Token, rules: Rules) -> bool:
    """Whether ``token``, an untagged proper noun that ``before`` modifies, goes on the name ending at ``before``."""
    lemma = token.lemma_.casefold()
    return (
        before.dep_ == "compound" and before.head.i >= token.i and token.pos_ == "PROPN" and not token.ent_type_
        and token.text[:1].isupper() and not token.text.isupper()
        and not (token.lower_ in rules.name_titles or lemma in rules.titles or lemma in rules.person_nouns)
    )


def _with_leading_capitals(span: Span, sent: Span) -> Span:
    """An organisation's name in capitals with the untagged words in capitals before it that modify it, the rest
    of one name: "SHIMBUN" tagged alone in "YOMIURI SHIMBUN"."""
    if not span.text.isupper():
        return span
    tokens = sentence_tokens(sent)
    start = span.start
    while start > sent.start and _modifies_in_capitals(tokens[start - 1 - sent.start], span.doc[start:span.end]):
        start -= 1
    return span.doc[start : span.end]


def _modifies_in_capitals(token: Token, span: Span) -> bool:
    return (
        token.dep_ in {"compound", "nmod"} and span.start <= token.head.i < span.end and not token.ent_type_
        and token.text.isalpha() and token.text.isupper() and len(token.text) > 1
    )


def _whole_hyphenated_words(span: Span, sent: Span) -> Span:
    """``span`` with the rest of a hyphenated code it cuts ("S6500" in "PH-S6500"): parts joined by a hyphen
    without spaces, one of them with a digit, the added one in no other entity. Two names joined by a hyphen
    ("the Renault-Nissan alliance") stay two."""
    tokens = token_table(span.doc).tokens
    start, end = span.start, span.end
    while start - 2 >= sent.start and _hyphen_joins(tokens, start - 2, start - 1, start):
        start -= 2
    while end + 1 < sent.end and _hyphen_joins(tokens, end + 1, end, end - 1):
        end += 2
    return span if (start, end) == (span.start, span.end) else span.doc[start:end]


def _hyphen_joins(tokens: tuple[Token, ...], word: int, hyphen: int, part: int) -> bool:
    """Whether the token at ``word`` is joined by the one at ``hyphen`` (no spaces around it) to the one at
    ``part``, the end of an entity, in a code."""
    if tokens[hyphen].text != "-" or tokens[hyphen - 1].whitespace_ or tokens[hyphen].whitespace_:
        return False
    word_text = tokens[word].text
    return (
        not tokens[word].ent_type_ and word_text.isalnum()
        and any(c.isdigit() for c in word_text + tokens[part].text)
    )


def _trim(ent: Span, rules: Rules) -> Span | None:
    """Drop leading determiners, common words in lower case before the name ("rival bank UFJ Holdings"), kind
    nouns of things in lower case after it ("the HP 607 model"), surrounding punctuation, a function word at its
    end and what follows a spaced
    dash before a word in lower case (:func:`_before_spaced_dash`) from an entity span."""
    tokens = token_table(ent.doc).tokens
    start, end = ent.start, _before_spaced_dash(ent, tokens)
    while start < end and (
        tokens[start].lower_ in rules.leading_determiners or tokens[start].is_punct
        or (start + 1 < end and _is_common_word(tokens[start]) and tokens[start + 1].text[:1].isupper())
    ):
        start += 1
    while end > start and (tokens[end - 1].is_punct or _is_trailing_function_word(tokens[end - 1])):
        end -= 1
    while end - start > 1 and tokens[end - 1].is_lower and _is_thing_kind(tokens[end - 1], rules):
        end -= 1  # "the HP 607 model": the kind noun after the name, which types it, is no part of it
    if start == end:
        return None
    return ent if (start, end) == (ent.start, ent.end) else ent.doc[start:end]


def _is_trailing_function_word(token: Token) -> bool:
    """A preposition, conjunction or article in lower case, which ends no name: the tagger's "the Institute for
    the Study of Labour at" before "Bonn University"."""
    return token.is_lower and token.pos_ in {"ADP", "CCONJ", "SCONJ", "DET"}


def _is_thing_kind(token: Token, rules: Rules) -> bool:
    """A kind noun of no place: a place's ("Rogaland county", "Gauteng province") is written as part of its name."""
    kind = rules.head_nouns.get(token.lemma_.casefold())
    return kind is not None and not is_a(kind, PLACE)


def _before_spaced_dash(ent: Span, tokens: tuple[Token, ...]) -> int:
    """The end of ``ent`` before its first dash written apart from the words around it and followed by a word in
    lower case, or its end. Pre-tokenised text spaces its hyphens too ("Blu - ray"): in a document that writes no
    hyphen between two words, only a verb after the dash ends the name."""
    dashes = None
    for i in range(ent.start + 1, ent.end - 1):
        after = tokens[i + 1]
        if tokens[i].text not in DASHES or not (tokens[i - 1].whitespace_ and tokens[i].whitespace_) \
                or not after.is_lower:
            continue
        if dashes is None:
            dashes = token_table(ent.doc).writes_joining_hyphens
        if dashes or after.pos_ in {"VERB", "AUX"}:
            return i
    return ent.end


def _is_common_word(token: Token) -> bool:
    return token.pos_ in {"NOUN", "ADJ"} and token.text.isalpha() and token.text.islower()


def _with_name_words(span: Span, sent: Span, rules: Rules) -> Span:
    """A product name with the capitalised words or numbers after it that modify the same noun or the name:
    "the Qwen3 Embedding series", "Xbox 360"; a category noun ("Qwen3 model") stays outside."""
    end = span.end
    while end < sent.end and _continues_name(span.doc[end], span, rules):
        end += 1
    return span.doc[span.start : end]


def _continues_name(token: Token, span: Span, rules: Rules) -> bool:
    root = span.root
    joined = token.head == root.head or span.start <= token.head.i < span.end or root.head == token
    return (
        joined and not token.ent_type_ and not token.is_punct and (token.text[:1].isupper() or token.like_num)
        and token.lemma_.casefold() not in rules.head_nouns and token.text.casefold() not in rules.head_nouns
    )


def _split_leading_place(span: Span, rules: Rules) -> list[tuple[Span, str]]:
    """A known place and the institution after it, or the span unchanged with no label ("")."""
    for size in (3, 2, 1):
        if size >= len(span):
            continue
        head, rest = span[:size], span[size:]
        if rest[0].lower_ in rules.place_named_nouns:
            continue
        known = rules.gazetteer.type_of(head.text)
        if known == CITY and len(rest) == 1 and not rest.text.isupper():
            continue  # a city's own body, one name: "the Lisbon Council"
        if known is not None and is_a(known, PLACE) and _names_institution(rest, rules):
            return [(head, "GPE"), (rest, "ORG")]
    return [(span, "")]


def _names_institution(span: Span, rules: Rules) -> bool:
    """ "Congress", "Foreign Ministry", "Radio Lebanon", "ITAR-TASS": an institution word first or last, or a
    name all in capitals."""
    text = span.text
    return bool({span[0].lower_, span[-1].lower_} & rules.institution_nouns) or (
        text.isupper() and sum(c.isalpha() for c in text) > 1
    )
