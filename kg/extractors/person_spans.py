"""A person's name span: the given names, surname parts and titles the tagger cut off or took in."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.extractors.cues import is_date_word, is_origin_adjective
from kg.extractors.tokens import document_entities, sentence_tokens, span_text, token_table
from kg.rules import Rules


def with_apostrophe_part(span: Span, sent: Span) -> Span:
    """A person's span ending in a single capital with the apostrophe and the capitalised word joined after it,
    the rest of the surname the tagger cut ("James O" + "'Brien" in pre-tokenised text)."""
    tokens, end = token_table(span.doc).tokens, span.end
    last = tokens[end - 1]
    if end + 1 >= sent.end or not (len(last.text) == 1 and last.text.isupper()):
        return span
    apostrophe, rest = tokens[end], tokens[end + 1]
    joined = apostrophe.text in {"'", "\u2019"} and not apostrophe.whitespace_
    return span.doc[span.start : end + 2] if joined and rest.text[:1].isupper() and rest.text.isalpha() else span


def with_leading_given_names(span: Span, sent: Span, rules: Rules, tagged: set[str]) -> Span:
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


def without_leading_role(span: Span, rules: Rules) -> Span:
    """A person's span without a leading noun for people or adjective of origin the tagger took in: "Composer
    Thomas" -> Thomas, "Texan John Smith" -> John Smith."""
    if len(span) > 1 and span[0].lower_ in rules.person_nouns and span[0].text not in rules.person_titles:
        return span[1:]
    if len(span) > 2 and is_origin_adjective(span[0].text, rules):
        return span[1:]
    return span


def is_addressed_name(span: Span, rules: Rules) -> bool:
    """Whether ``span`` is a form of address and the capitalised words that end a longer name the tagger calls a
    person in the document ("Prof Smith" after "John Smith"): a person's name whatever the tagger called it. A
    brand or a contest named so ("Dr Pepper", "Miss World") has no such fuller name. Read only for a name that
    starts with a form of address, so its walk over the document's names is rare."""
    if len(span) < 2 or span[0].text not in rules.honorifics or not all(t.text[:1].isupper() for t in span[1:]):
        return False
    return _longer_name_ends_in(span[1:], span.doc, frozenset({"PERSON"}))


def addressed_after(span: Span, sent: Span, rules: Rules) -> bool:
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


def with_title(span: Span, sent: Span, rules: Rules) -> Span:
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

