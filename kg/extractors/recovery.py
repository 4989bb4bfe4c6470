"""Names the tagger missed or mistyped, recovered from their context and the gazetteer."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from kg.extractors.cues import after_party_initial, is_date_word, with_detached_period
from kg.extractors.mentions import is_not_an_entity
from kg.extractors.person_cues import described_as_person
from kg.extractors.tokens import child_tokens, proper_nouns, token_table
from kg.extractors.tree import DASHES, listed_conjuncts
from kg.model import Mention
from kg.names import CORPORATE_SUFFIX, head_word_positions, spells_in_order, strip_titles
from kg.rules import Rules
from kg.vocab import ORGANIZATION, PERSON, PLACE, PRODUCT, is_a

KINDS = (PERSON, ORGANIZATION, PLACE)
DATELINE_WORDS = 12  # how far into a text a dateline's agency can come
LIST_WEAK_RULES = frozenset({"ner", "context", "propagated", "coordination"})  # typings too weak to type a list
RETYPED_IN_LISTS = frozenset({"ner", "context"})  # the tagger's typings, and those read off its neighbours'


def recover_names_from_context(
    sentences: Iterable[Span], by_token: dict[int, Mention], doc_id: str, rules: Rules
) -> dict[int, Mention]:
    """Proper names the tagger missed whose context types them.

    A proper noun coordinated with an entity has its class ("Google and Facebook"); one
    possessed by a place is an organisation there ("France's Mistral AI"); one after an honorific
    is a person, named without it ("Mr Gates" names Gates); proper nouns modifying a kind noun of
    types.yaml's ``head_nouns`` have its class ("its Internet Explorer web browser"); a name described as a
    person, as a tagged one is (a noun for people, an age, a "who" clause), is a person ("Rogers, a native of"); a
    name of several proper nouns ending in a kind noun has its class ("the Blu-ray Disc Association"), and so has a
    kind noun with the proper nouns its "of" takes ("the Ministry of Quill Affairs").
    """
    found = dict(by_token)
    sentences = list(sentences)
    addressed = token_table(sentences[0].doc).capitalised_after(rules.honorifics) if sentences else frozenset()
    for sent in sentences:
        for token in proper_nouns(sent):
            if token.i in found:
                continue
            kind = _kind_modified(token, rules)
            span = _proper_name_span(token, found) if kind is not None or token.dep_ != "compound" else None
            reading = None if span is None else _reading(token, span, kind, found, rules, addressed)
            if reading is None and span is not None and (wider := _with_of_name(span, found)) is not None:
                span, reading = wider, _named_kind_reading(wider, rules)
            if reading is None or span is None or is_not_an_entity(span.text, rules) \
                    or any(after_party_initial(t, rules) for t in span):  # "Sen. Smith, D-Ariz., chairman of"
                continue
            type_name, rule, name = reading
            found.update(_context_mention(doc_id, span, type_name, rules, rule, name))
    return found


def _reading(
    token: Token, span: Span, kind: str | None, found: dict[int, Mention], rules: Rules,
    addressed: frozenset[str] = frozenset(),
) -> tuple[str, str, str] | None:
    """The class, typing rule and name (when not its text) of a recovered proper name ``span`` ending at
    ``token``, or None when its context says nothing. Proper nouns ending in a name the document writes after an
    honorific (``addressed``: "Henk Zed" beside "Mr Zed") are that person, without the job title before them
    ("Boss Henk Zed")."""
    if len(span) > 1 and span[0].text in rules.honorifics:  # the name without it, as for a tagged person's
        return PERSON, "title", span[1:].text
    if len(span) > 1 and token.text in addressed and kind is None:
        name = strip_titles(span.text, rules.name_titles | rules.titles.keys())
        return PERSON, "person_cue", "" if name == span.text else name
    if kind is not None:
        return None if rules.gazetteer.type_of(span.text) is not None else (kind, "head_noun", "")
    type_name = _class_from_context(token, found)
    if type_name is None and _is_bare_name(token) and described_as_person(span, rules):  # "Rogers, a native of"
        return PERSON, "person_cue", ""
    if type_name is None and _lone_surname_subject(token, span) and not _word_of_a_name(token, found):
        return PERSON, "context", ""
    if type_name is None:
        return _named_kind_reading(span, rules)
    return type_name, "context", ""


def _named_kind_reading(span: Span, rules: Rules) -> tuple[str, str, str] | None:
    """The class of the kind noun, not a maker's, that ends a name of several proper nouns or comes before its "of"
    ("the Blu-ray Disc Association", "the University of Zedland": Organization)."""
    words = [token.text for token in span]
    kinds = (words[i] for i in head_word_positions(words) if words[i][:1].isupper())
    kind = next((rules.head_nouns.get(w.casefold()) for w in kinds if w.casefold() not in rules.maker_nouns), None)
    return None if kind is None else (kind, "name_head", "")


def _with_of_name(span: Span, found: dict[int, Mention]) -> Span | None:
    """``span`` with the "of" after it and the proper nouns that "of" takes, none found yet ("University" in "the
    University of Zedland"), or None."""
    doc = span.doc
    of = span.end
    if of + 1 >= len(doc) or doc[of].lower_ != "of" or doc[of].head.i != span.end - 1:
        return None
    end = of + 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].head.i >= of and end not in found:
        end += 1
    return doc[span.start : end] if end > of + 1 and (end == len(doc) or doc[end].pos_ != "PROPN") else None


def _lone_surname_subject(token: Token, span: Span) -> bool:
    """Whether the tagger left untagged (no label at all: not "February") a lone proper noun shaped as a surname
    (one capital, letters only, not a plural's "s"), no common word opening its sentence, that is the bare subject
    of a verb: "Harrington taught at Harvard", "Treiki disclosed the tests", "Markman refused"; a company that
    common is the tagger's to find."""
    text = token.text
    return (
        len(span) == 1 and token.dep_ == "nsubj" and token.head.pos_ == "VERB" and _is_bare_name(token)
        and not token.ent_type_ and not _common_word_opening(token)
        and len(text) > 3 and text[0].isupper() and text[1:].islower() and text.isalpha() and not text.endswith("s")
        and not any(c.dep_ in {"compound", "amod", "poss"} for c in child_tokens(token))
    )


def _common_word_opening(token: Token) -> bool:
    """Whether a word opening its sentence is a common word: a stop word ("Several") or one the document also
    writes in lower case ("Broadband has become ..." beside "broadband")."""
    table = token_table(token.doc)
    return table.opens_sentence(token.i) and (token.is_stop or table.words_in_lower_case[token.lower_] > 0)


def _word_of_a_name(token: Token, found: dict[int, Mention]) -> bool:
    """Whether ``token``'s text is a word of a name found in the document ("Rover" after "MG Rover"): a short form,
    whose class is its name's."""
    return any(token.text in mention.text.split() for mention in set(found.values()))


def _is_bare_name(token: Token) -> bool:
    """Whether a proper noun stands without an article, as a name does ("a Republican from Chicago" is no name)."""
    return not any(child.dep_ == "det" for child in child_tokens(token))


def _kind_modified(token: Token, rules: Rules) -> str | None:
    """The class of the kind noun that ``token``, the last of some proper nouns, modifies or is modified by
    ("Explorer" in "the Internet Explorer web browser": Product; "filtering firm Ciphertrust": Organization)."""
    head = token.head
    if (token.dep_ == "compound" and head.pos_ == "NOUN" and head.i > token.i and token.nbor().pos_ != "PROPN") \
            or _names_kind_before(token):
        kind = head.lemma_.casefold()
        return None if kind in rules.maker_nouns | rules.name_only_nouns else rules.head_nouns.get(kind)
    if token.dep_ == "compound":
        return None
    nouns = (c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "NOUN")
    kinds = (rules.head_nouns.get(noun.lemma_.casefold()) for noun in nouns
             if noun.lemma_.casefold() not in rules.name_only_nouns)
    return next((kind for kind in kinds if kind is not None), None)


def _names_kind_before(token: Token) -> bool:
    """Whether ``token`` is in apposition to the kind noun just before it ("telecoms company Telenor", "the
    company, Telenor"), as the parser reads a name after a noun phrase."""
    head = token.head
    between = token.doc[head.i + 1 : token.i]
    return token.dep_ == "appos" and head.pos_ == "NOUN" and head.i < token.i and len(between) < 2 \
        and all(t.text == "," for t in between)


def recover_known_places(
    sentences: Iterable[Span], by_token: dict[int, Mention], doc_id: str, rules: Rules
) -> dict[int, Mention]:
    """Proper nouns the tagger missed that the gazetteer knows as places ("BANGKOK , Thailand"), and a
    news agency's name in capitals in a header or a dateline ("Beijing XINHUA", "Knin, 12 Feb (TANJUG) --")."""
    found = dict(by_token)
    for sent in sentences:
        tokens = token_table(sent.doc).tokens
        for i in range(sent.start, sent.end):
            if i in found:
                continue
            token = tokens[i]
            if not token.text[:1].isupper():
                continue
            agency = _agency_after_place(token, found, rules) or _agency_in_dateline(token, sent.start, found, rules)
            if agency is not None:
                found.update(_context_mention(doc_id, agency, ORGANIZATION, rules))
                continue
            if token.pos_ != "PROPN":
                continue
            known = rules.gazetteer.type_of(token.text)
            abbreviation = with_detached_period(token.doc[token.i : token.i + 1], rules)
            if known is None and abbreviation is not None and abbreviation.end - 1 not in found:  # "Ind ."
                name = token.text + "."
                found.update(_context_mention(
                    doc_id, abbreviation, rules.gazetteer.type_of(name) or PLACE, rules, "gazetteer", name
                ))
            elif known is not None and is_a(known, PLACE) and token.text.casefold() not in rules.not_entities \
                    and not after_party_initial(token, rules) and not is_date_word(token, rules):
                found[token.i] = Mention(
                    doc_id, token.idx, token.idx + len(token.text), token.text, known,
                    rule="gazetteer", type_confidence=rules.type_confidence["gazetteer"],
                )
            elif _is_employer_before_title(token, rules):
                span = _hyphenated_name(token)
                if any(t.i in found for t in span):
                    continue
                found.update(_context_mention(doc_id, span, ORGANIZATION, rules))
    return found


def recover_bracketed_acronyms(
    sentences: Iterable[Span], by_token: dict[int, Mention], doc_id: str, rules: Rules
) -> dict[int, Mention]:
    """An untagged word in brackets right after a name whose letters it takes in order, from the initials of its
    capitalised words: "the Association of Payment Clearing Services (Apacs)". It takes the name's class, and name
    linking makes it the name's acronym."""
    found = dict(by_token)
    for sent in sentences:
        tokens = token_table(sent.doc).tokens
        for i in range(sent.start + 2, sent.end - 1):
            word = tokens[i]
            if i in found or tokens[i - 1].text != "(" or tokens[i + 1].text != ")" \
                    or not (word.text.isalpha() and word.text[:1].isupper()):
                continue
            named = found.get(i - 2)
            if named is not None and spells_in_order(word.text, named.merge_name):
                found.update(_context_mention(doc_id, sent.doc[i : i + 1], named.type, rules, "propagated"))
    return found


def recover_owned_models(
    sentences: Iterable[Span], by_token: dict[int, Mention], doc_id: str, rules: Rules
) -> dict[int, Mention]:
    """Model codes an organisation owns, which the tagger leaves out or calls a date: "Nokia was happy to
    demonstrate its 6230i", "Acme's SGH-i300, a handset" (types.yaml ``model_codes``) are products."""
    found = dict(by_token)
    for sent in sentences:
        for token in sent:
            if token.i in found or token.dep_ not in _MODEL_DEPS or not _owned_by_organisation(token, found, rules):
                continue
            span = _hyphen_joined(token)
            if any(t.i in found for t in span) or rules.model_codes.fullmatch(span.text) is None \
                    or rules.not_model_codes.fullmatch(span.text) is not None:
                continue
            found.update(_context_mention(doc_id, span, PRODUCT, rules, "shape"))
    return found


_MODEL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr"})


def _owned_by_organisation(token: Token, found: dict[int, Mention], rules: Rules) -> bool:
    """Whether ``token`` has a possessor that is an organisation's name or a pronoun that may stand for one."""
    for child in child_tokens(token):
        if child.dep_ != "poss":
            continue
        owner = found.get(child.i)
        if owner is not None and is_a(owner.type, ORGANIZATION):
            return True
        if owner is None and any(is_a(c, ORGANIZATION) for c in rules.anaphors.get(child.lower_, ())):
            return True
    return False


def _hyphen_joined(token: Token) -> Span:
    """``token`` with the words hyphens join to it without spaces before it ("SGH - i300" ending at "i300")."""
    doc, start = token.doc, token.i
    while start > 1 and _hyphen_joins(doc[start - 2], doc[start - 1]):
        start -= 2
    return doc[start : token.i + 1]


def _context_mention(
    doc_id: str, span: Span, type_name: str, rules: Rules, rule: str = "context", name: str = ""
) -> dict[int, Mention]:
    """A mention of ``span`` typed from its context by ``rule``, under each of its tokens; ``name`` is the name it
    merges under when not its text (a person's without the honorific)."""
    mention = Mention(
        doc_id, span.start_char, span.end_char, span.text, type_name, rule=rule,
        type_confidence=rules.type_confidence[rule], name=name, name_rule="title" if name else "",
    )
    return {token.i: mention for token in span}


def _is_employer_before_title(token: Token, rules: Rules) -> bool:
    """A name in capitals modifying a job title: "ITAR-TASS correspondent Mikhail Shevtsov"."""
    return (
        token.dep_ == "compound" and token.text.isupper() and sum(c.isalpha() for c in token.text) >= 3
        and token.head.pos_ == "NOUN" and token.head.lemma_.casefold() in rules.titles
    )


def _hyphenated_name(token: Token) -> Span:
    """The token with the words joined to it by hyphens before it ("ITAR - TASS" ending at "TASS")."""
    start = token.i
    while start >= 2 and token.doc[start - 1].text == "-" and token.doc[start - 2].text.isupper():
        start -= 2
    return token.doc[start : token.i + 1]


def places_by_construction(doc: Doc, by_token: dict[int, Mention], rules: Rules) -> dict[int, Mention]:
    """Names the tagger called organisations (or people) that their construction shows to be places.

    A name followed by a comma and a known region is a place in it ("ROYAL OAK, Mich.",
    "Rocky Flats, Colorado"; a person's only when the region ends the phrase: "Mineral Wells, Texas."
    but not "Shakespeare, Tennessee Williams"); "of" a name after a person's age or a company's legal form says
    where they are from ("Daniel Sullivan, 30, of Boothbay", "Avis Bourg Co. of Folsom"). A
    name ending in an institution noun stays an organisation.
    """
    retyped: dict[Mention, Mention] = {}
    for i, mention in by_token.items():
        if mention.rule != "ner" or mention in retyped:
            continue
        if mention.type not in {ORGANIZATION, PERSON}:
            if is_a(mention.type, PLACE) and _before_known_region(doc, i, by_token, rules):  # sure of it now
                retyped[mention] = replace(
                    mention, rule="place_cue", type_confidence=rules.type_confidence["place_cue"]
                )
            continue
        if doc[i].lower_ in rules.institution_nouns or doc[i].lemma_.casefold() in rules.head_nouns:
            continue
        if _built_as_place(doc, i, mention, by_token, rules):
            retyped[mention] = replace(
                mention, type=PLACE, rule="place_cue", type_confidence=rules.type_confidence["place_cue"]
            )
    return {i: retyped.get(m, m) for i, m in by_token.items()}


def _built_as_place(doc: Doc, i: int, mention: Mention, by_token: dict[int, Mention], rules: Rules) -> bool:
    before_region = _before_known_region(doc, i, by_token, rules)
    if mention.type == PERSON:
        return before_region and _ends_phrase(doc, by_token[i + 2])
    return before_region or _of_after_age_or_company(doc[i], by_token, rules)


def _before_known_region(doc: Doc, i: int, by_token: dict[int, Mention], rules: Rules) -> bool:
    after = by_token.get(i + 2) if i + 2 < len(doc) and doc[i + 1].text == "," else None
    return (
        after is not None and by_token.get(i + 1) != by_token[i] and is_a(after.type, PLACE)
        and rules.gazetteer.type_of(after.merge_name) is not None
    )


def _ends_phrase(doc: Doc, region: Mention) -> bool:
    """Whether ``region`` comes last before punctuation or the end of the text: "Mineral Wells, Texas." but not
    "Shakespeare, Tennessee Williams"."""
    span = doc.char_span(region.start, region.end, alignment_mode="expand")
    return span is None or span.end >= len(doc) or doc[span.end].is_punct


def _of_after_age_or_company(token: Token, by_token: dict[int, Mention], rules: Rules) -> bool:
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in rules.provenance_preps or prep.dep_ != "prep":
        return False
    owner = prep.head
    if owner.like_num or _after_age(prep):  # "Marie Ferraro, 50, of Bethany", however the parser hung the "of"
        return True
    company = by_token.get(owner.i)
    return (
        company is not None and is_a(company.type, ORGANIZATION)
        and CORPORATE_SUFFIX.search(company.text) is not None
    )


def _after_age(token: Token) -> bool:
    """Whether an age set off by commas comes right before ``token``: "Daniel Sullivan, 30, of"."""
    tokens, i = token_table(token.doc).tokens, token.i
    return (
        i >= 3 and tokens[i - 1].text == tokens[i - 3].text == "," and tokens[i - 2].text.isdigit()
        and len(tokens[i - 2].text) <= 3
    )


def _agency_after_place(token: Token, found: dict[int, Mention], rules: Rules) -> Span | None:
    """Words in capitals, last of their phrase, right after a place mention, a news agency's or a paper's header:
    "Beijing XINHUA", "Moscow ITAR-TASS", "Tokyo YOMIURI SHIMBUN", "Bangkok THE NATION". A name the tagger found
    inside them gives way to them; a place the gazetteer knows is no header ("Paris, FRANCE")."""
    before = found.get(token.i - 1) if token.i > 0 else None
    if before is None or not is_a(before.type, PLACE) or before.text.isupper():
        return None
    tokens = token_table(token.doc).tokens
    end = _capitals_end(tokens, token.i)
    span = token.doc[token.i : end]
    inside = {found[i] for i in range(token.i, end) if i in found}
    if any(not is_a(m.type, ORGANIZATION) or m.end > span.end_char for m in inside):
        return None
    if sum(c.isalpha() for c in span.text) < 3 or end in found or is_not_an_entity(span.text, rules):
        return None
    if end < len(tokens) and tokens[end].pos_ == "PROPN" and tokens[end].text[:1].isupper():
        return None
    known = rules.gazetteer.type_of(span.text)
    return None if known is not None and is_a(known, PLACE) else span


def _agency_in_dateline(token: Token, start: int, found: dict[int, Mention], rules: Rules) -> Span | None:
    """Words in capitals in brackets before a dash at the start of a text, a dateline's news agency: "Moscow
    March 5 (ITAR-TASS) --", "Knin, 12 Feb (TANJUG) --"."""
    tokens = token_table(token.doc).tokens
    if token.i - start > DATELINE_WORDS or token.i == 0 or tokens[token.i - 1].text != "(":
        return None
    end = _capitals_end(tokens, token.i)
    if end == token.i or end + 1 >= len(tokens) or tokens[end].text != ")" or tokens[end + 1].text not in DASHES:
        return None
    span = token.doc[token.i : end]
    if any(i in found for i in range(token.i, end)) or is_not_an_entity(span.text, rules):
        return None
    return span


def _capitals_end(tokens: tuple[Token, ...], start: int) -> int:
    """One past the last of the words in capitals from ``start``, hyphens between them included ("ITAR - TASS")."""
    end = start
    while end < len(tokens) and (_in_capitals(tokens[end]) or _hyphen_in_capitals(tokens, end)):
        end += 1
    return end


def _in_capitals(token: Token) -> bool:
    return token.text.isupper() and token.text.isalpha()


def _hyphen_in_capitals(tokens: tuple[Token, ...], i: int) -> bool:
    """A hyphen without spaces between two words in capitals."""
    return (
        tokens[i].text == "-" and 0 < i < len(tokens) - 1 and not tokens[i - 1].whitespace_
        and not tokens[i].whitespace_ and _in_capitals(tokens[i - 1]) and _in_capitals(tokens[i + 1])
    )


def _class_from_context(token: Token, by_token: dict[int, Mention]) -> str | None:
    if token.dep_ == "conj" and token.head.i in by_token:
        return by_token[token.head.i].type
    listed = {by_token[c.i].type for c in listed_conjuncts(token) if c.i in by_token}
    if len(listed) == 1 and not is_a(kind := listed.pop(), PERSON):  # the first of a list ("Yahoo and Amazon")
        return kind
    owners = [by_token[c.i] for c in child_tokens(token) if c.dep_ == "poss" and c.i in by_token]
    if owners and is_a(owners[0].type, PLACE):
        return ORGANIZATION
    return None


def _proper_name_span(token: Token, by_token: dict[int, Mention]) -> Span | None:
    """The proper noun with the proper-noun compounds before it ("Mistral AI") and the words a hyphen joins to it
    without spaces ("HD-DVD"), if none is in a mention."""
    doc, start = token.doc, token.i
    while start > 0:
        if doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
            start -= 1
        elif start > 1 and _hyphen_joins(doc[start - 2], doc[start - 1]):
            start -= 2
        else:
            break
    if any(i in by_token for i in range(start, token.i + 1)):
        return None
    return token.doc[start : token.i + 1]


def _hyphen_joins(word: Token, hyphen: Token) -> bool:
    """Whether ``hyphen`` joins ``word`` to the word after it with no spaces, as in one name: "HD-DVD", "SGH-i300"."""
    return hyphen.text == "-" and not word.whitespace_ and not hyphen.whitespace_ and word.text[:1].isupper()


def classes_agreed_in_lists(doc: Doc, by_token: dict[int, Mention], rules: Rules) -> dict[int, Mention]:
    """Names coordinated in one list are of one kind: a name that only the tagger typed, or that took a tagged
    neighbour's class, takes the class that the names of its list typed by surer evidence agree on ("Mexico,
    Monterrey, Tijuana and Tampico": the tagger's "organisation" Tijuana is a place there)."""
    retyped: dict[Mention, Mention] = {}
    for members in _coordinated_mentions(doc, by_token):
        kind, weak = _agreed_kind(members, rules)
        for mention in members:
            if mention.rule in weak and kind is not None and _kind(mention.type) != kind:
                retyped[mention] = replace(
                    mention, type=kind, rule="coordination", type_confidence=rules.type_confidence["coordination"]
                )
    return {i: retyped.get(m, m) for i, m in by_token.items()}


def _agreed_kind(members: list[Mention], rules: Rules) -> tuple[str | None, frozenset[str]]:
    """The class a list's surer typings agree on, and the rules whose typings it overrides.

    At least two typings by surer evidence than the tagger's override the tagger's; where the tagger typed the whole
    list, the one class of its names it did not call places overrides the places the gazetteer does not know
    ("AEG, Zanussi and Frigidaire": the tagger's GPE for an unknown one-word name is its usual guess), an
    organisation's only when one of them has a shape no place's name has."""
    sure = [_kind(m.type) for m in members if m.rule not in LIST_WEAK_RULES]
    if sure:
        return (sure[0] if len(sure) >= 2 and len(set(sure)) == 1 else None), RETYPED_IN_LISTS
    unknown_places = [m for m in members if _kind(m.type) == PLACE and rules.gazetteer.type_of(m.merge_name) is None]
    others = [m for m in members if m not in unknown_places]
    kinds = {_kind(m.type) for m in others}
    if not unknown_places or len(kinds) != 1 or None in kinds:
        return None, frozenset()
    kind = kinds.pop()
    if kind == ORGANIZATION and not any(_no_place_shape(m.merge_name, rules) for m in others):
        return None, frozenset()  # the tagger also calls places it does not know organisations ("Fort Bend")
    return kind, frozenset({"ner"})


def _no_place_shape(name: str, rules: Rules) -> bool:
    return rules.not_place_shapes.match(name) is not None or CORPORATE_SUFFIX.search(name) is not None


def _kind(type_name: str) -> str | None:
    return next((kind for kind in KINDS if is_a(type_name, kind)), None)


def _coordinated_mentions(doc: Doc, by_token: dict[int, Mention]) -> list[list[Mention]]:
    """The mentions joined by coordination ("conj" from one name's head word to another's), list by list."""
    tokens = token_table(doc).tokens
    roots: dict[Mention, int] = {}
    for i, mention in by_token.items():
        if not (by_token.get(tokens[i].head.i) == mention and tokens[i].head.i != i):
            roots.setdefault(mention, i)
    first_of: dict[Mention, Mention] = {}
    for mention, i in sorted(roots.items(), key=lambda item: item[1]):
        token = tokens[i]
        head = by_token.get(token.head.i) if token.dep_ == "conj" else None
        first_of[mention] = first_of.get(head, head) if head is not None and head != mention else mention
    groups: dict[Mention, list[Mention]] = defaultdict(list)
    for mention, first in first_of.items():
        groups[first].append(mention)
    return [members for members in groups.values() if len(members) > 1]
