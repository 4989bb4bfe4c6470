"""Entity span boundaries: the tagger's spans per sentence, cut, joined and widened to whole names."""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from kg.extractors.tokens import document_entities, sentence_tokens, span_text, token_table
from kg.extractors.tree import DASHES
from kg.names import CORPORATE_SUFFIX
from kg.rules import Rules
from kg.vocab import PLACE, is_a

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


def is_code_word(token: Token, rules: Rules) -> bool:
    """Whether ``token`` is a word of no name (types.yaml ``not_name_words``): a story code, "FL2706231194"."""
    return rules.not_name_words.fullmatch(token.text) is not None


def after_party_initial(token: Token, rules: Rules) -> bool:
    """Whether a party's initial and a hyphen are joined to ``token`` (types.yaml ``party_initials``): "Sen. Smith,
    D-Calif.", a politician's party and state, no mention of the place."""
    tokens = token_table(token.doc).tokens
    if token.i < 2:
        return False
    initial, hyphen = tokens[token.i - 2], tokens[token.i - 1]
    joined = hyphen.text == "-" and not initial.whitespace_ and not hyphen.whitespace_
    return joined and initial.text in rules.party_initials


def is_date_word(token: Token, rules: Rules) -> bool:
    """Whether ``token`` is part of a date after its number (types.yaml ``date_words``): "44 B.C." (no mention of
    British Columbia), "5 Mar 94"."""
    if token.i == 0 or token.text not in rules.date_words:
        return False
    return token_table(token.doc).tokens[token.i - 1].text.isdigit()


def with_detached_period(span: Span, rules: Rules) -> Span | None:
    """``span`` with the period written apart after it, when the two are a place's abbreviation the gazetteer
    knows ("Minn ." in pre-tokenised text is "Minn."), else None."""
    tokens = token_table(span.doc).tokens
    if span.end >= len(tokens) or tokens[span.end].text != "." or not span.text[-1:].isalpha():
        return None
    known = rules.gazetteer.type_of(span.text + ".")
    return span.doc[span.start : span.end + 1] if known is not None and is_a(known, PLACE) else None


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
    if ent.label_ != "PERSON" and _is_addressed_name(span, rules):  # "Prof Smith" tagged as a work
        return [(span, "PERSON", span[1:].text)]
    if ent.label_ != "PERSON" and _addressed_after(span, sent, rules):  # "Ms" + "Fiorina" tagged as a company
        return [(span.doc[span.start - 1 : span.end], "PERSON", span.text)]
    if ent.label_ == "PERSON" and len(parts := _split_leading_place(span, rules)) > 1:  # "Cairo AL-AHALI"
        return [(part, label, "") for part, label in parts]
    if ent.label_ == "PERSON":
        span = _with_apostrophe_part(_without_leading_role(span, rules), sent)
        span = _with_following_proper_nouns(_with_leading_given_names(span, sent, rules, tagged), sent, rules, tagged)
        titled = _with_title(span, sent, rules)
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


def _with_apostrophe_part(span: Span, sent: Span) -> Span:
    """A person's span ending in a single capital with the apostrophe and the capitalised word joined after it,
    the rest of the surname the tagger cut ("James O" + "'Brien" in pre-tokenised text)."""
    tokens, end = token_table(span.doc).tokens, span.end
    last = tokens[end - 1]
    if end + 1 >= sent.end or not (len(last.text) == 1 and last.text.isupper()):
        return span
    apostrophe, rest = tokens[end], tokens[end + 1]
    joined = apostrophe.text in {"'", "\u2019"} and not apostrophe.whitespace_
    return span.doc[span.start : end + 2] if joined and rest.text[:1].isupper() and rest.text.isalpha() else span


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


def _with_leading_given_names(span: Span, sent: Span, rules: Rules, tagged: set[str]) -> Span:
    """A person's span with the untagged proper nouns right before it that modify it, given names the tagger cut
    off ("Ard" before "Jan Vetham", who is "Mr Vetham" elsewhere): one word, no title, role, date, known place or
    name the tagger found elsewhere, and not after another proper noun."""
    start = span.start
    while start > sent.start and span.doc[start - 1].dep_ == "compound" and span.doc[start - 1].pos_ == "PROPN":
        start -= 1
    words = span.doc[start : span.start]
    if len(words) != 1 or not all(_is_given_name_before(t, span, rules, tagged) for t in words):
        return span  # "Foreign Minister" + "Chien Fu": a title's words are no given name
    if span[-1].text not in token_table(span.doc).capitalised_after(rules.honorifics):
        return span  # the document names no such person "Mr Zed": "Prime" (Minister) "Brian Mulroney"
    return span.doc[start : span.end]


def _is_given_name_before(token: Token, span: Span, rules: Rules, tagged: set[str]) -> bool:
    lemma = token.lemma_.casefold()
    return (
        token.dep_ == "compound" and span.start <= token.head.i < span.end and token.pos_ == "PROPN"
        and not token.ent_type_ and token.text.isalpha() and token.text[:1].isupper() and not token.text.isupper()
        and token.text not in tagged and not is_date_word(token, rules)
        and not (token.lower_ in rules.name_titles or lemma in rules.titles or lemma in rules.person_nouns)
        and rules.gazetteer.type_of(token.text) is None and token.lower_ not in rules.gazetteer.demonyms
        and token.text not in rules.honorifics
    )


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


def _without_leading_role(span: Span, rules: Rules) -> Span:
    """A person's span without a leading noun for people or adjective of origin the tagger took in: "Composer
    Thomas" -> Thomas, "Texan John Smith" -> John Smith."""
    if len(span) > 1 and span[0].lower_ in rules.person_nouns and span[0].text not in rules.person_titles:
        return span[1:]
    if len(span) > 2 and is_origin_adjective(span[0].text, rules):
        return span[1:]
    return span


def is_origin_adjective(word: str, rules: Rules) -> bool:
    """Whether ``word`` is an adjective of nationality (a gazetteer demonym) or of a place the gazetteer knows,
    by its ending (``demonym_endings``: "Californian", "Texan"), or such adjectives and ``origin_prefixes`` joined
    by hyphens ("Anglo-Dutch", "Pan-European")."""
    if word.casefold() in rules.gazetteer.demonyms:
        return True
    if " " in word:  # "South American" is also a region's name
        return False
    parts = word.split("-")
    if len(parts) > 1:  # "Anglo-Dutch", "Pan-European"
        return all(part in rules.origin_prefixes or is_origin_adjective(part, rules) for part in parts[:-1]) \
            and is_origin_adjective(parts[-1], rules)
    stems = (word[: len(word) - len(end)] + place for end, place in rules.demonym_endings if word.endswith(end))
    return any((known := rules.gazetteer.type_of(stem)) is not None and is_a(known, PLACE) for stem in stems)


def _is_addressed_name(span: Span, rules: Rules) -> bool:
    """Whether ``span`` is a form of address and the capitalised words that end a longer name the tagger calls a
    person in the document ("Prof Smith" after "John Smith"): a person's name whatever the tagger called it. A
    brand or a contest named so ("Dr Pepper", "Miss World") has no such fuller name. Read only for a name that
    starts with a form of address, so its walk over the document's names is rare."""
    if len(span) < 2 or span[0].text not in rules.honorifics or not all(t.text[:1].isupper() for t in span[1:]):
        return False
    return _longer_name_ends_in(span[1:], span.doc, frozenset({"PERSON"}))


def _addressed_after(span: Span, sent: Span, rules: Rules) -> bool:
    """Whether a form of address comes right before ``span`` and a longer name in the document ends in its words
    ("Ms Fiorina" after "Carly Fiorina", whatever the tagger called either); a brand named so has no such name
    ("Dr Pepper")."""
    if span.start <= sent.start or token_table(span.doc).tokens[span.start - 1].text not in rules.honorifics:
        return False
    return _longer_name_ends_in(span, span.doc)


def _longer_name_ends_in(words: Span, doc: Doc, labels: frozenset[str] | None = None) -> bool:
    """Whether an entity of the document (of ``labels``, or any) is longer than ``words`` and ends in them."""
    rest = " " + span_text(words)
    return any(
        len(ent) > len(words) and span_text(ent).endswith(rest) and (labels is None or ent.label_ in labels)
        for ent in document_entities(doc)
    )


def _with_title(span: Span, sent: Span, rules: Rules) -> Span:
    """A person's span with the titles right before it ("Mrs. Parks", "Judge Clark"), unless a name modifies the
    title: "Soviet President Mikhail Gorbachev", "Acme President John Smith" name their office, not the person.

    A title of office (types.yaml ``office_titles``) belongs to the span only in an account of a killing, and
    there with the capitalised words qualifying it: "the assassination of President Kennedy", "wounded Texas Gov.
    John Connally", but "talks with President Reagan"."""
    tokens = token_table(span.doc).tokens
    killing = _tells_of_killing(sent, rules)
    titles = rules.person_titles | rules.office_titles if killing else rules.person_titles - rules.office_titles
    if not killing and len(span) > 1 and span[0].text in rules.office_titles:  # the tagger took the office in
        return span[1:]
    start = span.start
    while start > sent.start and start > span.start - 3 and tokens[start - 1].text in titles:
        start -= 1
    if killing and any(tokens[i].text in rules.office_titles for i in range(start, span.end - 1)):
        while start > sent.start and _qualifies_title(tokens[start - 1], rules):
            start -= 1
        return span.doc[start : span.end]
    if start == span.start:
        return span
    if start > sent.start and _is_name_word(tokens[start - 1]):
        return span
    return span.doc[start : span.end]


def _tells_of_killing(sent: Span, rules: Rules) -> bool:
    """Whether a verb, noun or title of an ``office_title_predicates`` family is in ``sent``: "shot", "slaying"."""
    wanted = rules.office_title_predicates
    for token in sentence_tokens(sent):
        lemma = token.lemma_.casefold()
        for table in (rules.verbs, rules.nouns, rules.titles):
            trigger = table.get(lemma)
            if trigger is not None and trigger.predicate in wanted:
                return True
    return False


def _qualifies_title(token: Token, rules: Rules) -> bool:
    """A capitalised name word before a title that qualifies it ("Texas" Gov., "U.S." Sen., "Superior Court" Judge;
    not "Former")."""
    return token.text[:1].isupper() and _is_name_word(token) and token.lower_ not in rules.leading_determiners


def _is_name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" or bool(token.ent_type_)


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
